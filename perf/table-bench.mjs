// Table rendering benchmark (a script that prints figures, not a test).
// Usage: npm run bench:table            (40,000 rows, then 1,000,000 rows in a child process)
//        node perf/table-bench.mjs ROWS  (one size; prints time and peak RSS)
// Renders a report table with one dimension and 8 KPI columns to a sink that
// drops the text (bytes are counted), so the figure is the renderer's own.
import { spawnSync } from 'node:child_process';
import { resourceUsage } from 'node:process';

const KPIS = ['revenue', 'growth', 'deals', 'avgDealSize', 'winRate', 'activeCustomers', 'newCustomers', 'retentionRate'];

async function run(n) {
  const { writeReportTable } = await import('../dist/render/report-table.js');
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = {
      dims: [`Customer ${i} 客户`],
      period: `20${20 + (i % 5)}`,
      kpis: {
        revenue: ((i * 7919) % 1e7) / 100,
        growth: ((i % 200) - 100) / 100,
        deals: i % 97,
        avgDealSize: (i % 10000) / 3,
        winRate: (i % 100) / 100,
        activeCustomers: i % 50,
        newCustomers: i % 7,
        retentionRate: i % 3 ? null : 0.5,
      },
    };
  }
  const totals = [{ dims: [null], period: '2024', kpis: Object.fromEntries(KPIS.map((k) => [k, 1])) }];
  const rssBefore = resourceUsage().maxRSS;
  let bytes = 0;
  const t0 = performance.now();
  const lines = writeReportTable(
    rows,
    totals,
    { dims: ['customer'], kpis: KPIS, currency: '$', color: false, width: 160, lang: 'en' },
    (t) => (bytes += t.length),
  );
  const ms = performance.now() - t0;
  const peak = resourceUsage().maxRSS;
  console.log(
    `${n.toLocaleString('en-US')} rows: ${ms.toFixed(0)} ms (${Math.round(n / (ms / 1000)).toLocaleString('en-US')} rows/s), ${lines.toLocaleString('en-US')} lines, ${(bytes / 1e6).toFixed(1)} MB of text; peak RSS ${(peak / 1024).toFixed(0)} MB (${(rssBefore / 1024).toFixed(0)} MB with the rows built, before rendering)`,
  );
}

const arg = process.argv[2];
if (arg) await run(Number(arg));
else {
  for (const n of [40_000, 1_000_000]) {
    const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, String(n)], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
