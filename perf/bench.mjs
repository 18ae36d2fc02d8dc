// npm run bench [-- --sizes 100k,1m,5m --xlsx 100k,1m --runs 3 --no-duckdb]
//   [--no-engines] [--phases] [--memory-limit 300MB] [--parquet 50m]
// --no-engines skips `report --engine duckdb`/`--kpis` runs; --phases adds perf/csvsrc-report.mjs's phase timings.
// With DuckDB, each CSV also runs through src/sql/csv-source.ts and the compiled report
// (perf/csvsrc-report.mjs), checked against the JS report on every KPI and against the
// hand-written SQL. --memory-limit caps DuckDB (both SQL runs) and spills to perf/data/tmp;
// --parquet N generates an N-row canonical Parquet file with DuckDB and reports on it.
// Generates deterministic data sets (perf/data, not committed), then times
// `salesperf report` (every KPI, by rep × month, JSON to a file) and the same
// KPIs in DuckDB SQL, alternately, and prints medians, the ratio, rows/s and
// peak memory. A ratio is printed only when both agree on revenue per rep ×
// month to the cent (and on deals and customers).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { HEADER, salesRows, writeSalesCsv } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'perf', 'data');
mkdirSync(dataDir, { recursive: true });
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
};
const sizes = arg('--sizes', '100k,1m').split(',').filter(Boolean);
const xlsxSizes = arg('--xlsx', '100k').split(',').filter(Boolean);
const runs = Number(arg('--runs', '3'));
const duck = !process.argv.includes('--no-duckdb');
const csvsrc = duck && process.argv.includes('--phases');
// `salesperf report --engine duckdb` (the CLI, raw CSV through csv-source), all KPIs and the hand SQL's KPIs
const engines = duck && !process.argv.includes('--no-engines');
const memoryLimit = arg('--memory-limit', null);
const parquetSizes = arg('--parquet', '').split(',').filter(Boolean);
const spill = join(dataDir, 'tmp');
mkdirSync(spill, { recursive: true });
const duckArgs = memoryLimit ? ['--memory-limit', memoryLimit, '--temp', spill] : [];
const { KPI_BY_ID } = await import(join(root, 'dist/kpi/index.js'));
const hasTime = existsSync('/usr/bin/time');
const rowsOf = (s) => (/m$/i.test(s) ? Number(s.slice(0, -1)) * 1e6 : /k$/i.test(s) ? Number(s.slice(0, -1)) * 1e3 : Number(s));

async function csvFor(size) {
  const p = join(dataDir, `sales-${size}.csv`);
  if (!existsSync(p)) {
    const n = rowsOf(size);
    process.stderr.write(`generating ${p} (${n.toLocaleString()} rows)…\n`);
    await writeSalesCsv(p, {
      rows: n,
      seed: 2026,
      start: '2025-01-01',
      months: 12,
      reps: 40,
      customers: Math.max(100, Math.floor(n / 10)),
    });
  }
  return p;
}

async function xlsxFor(size) {
  const p = join(dataDir, `sales-${size}.xlsx`);
  if (!existsSync(p)) {
    const n = rowsOf(size);
    process.stderr.write(`generating ${p} (${n.toLocaleString()} rows)…\n`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: p, useSharedStrings: true });
    const ws = wb.addWorksheet('Sales');
    ws.addRow(HEADER).commit();
    for (const r of salesRows({
      rows: n,
      seed: 2026,
      start: '2025-01-01',
      months: 12,
      reps: 40,
      customers: Math.max(100, Math.floor(n / 10)),
    })) {
      const [y, m, d] = r.date.split('-').map(Number);
      ws.addRow([
        new Date(Date.UTC(y, m - 1, d)),
        r.dealId,
        r.rep,
        r.team,
        r.region,
        r.customer,
        r.product,
        r.quantity,
        r.status,
        Number(r.amount),
      ]).commit();
    }
    await wb.commit();
  }
  return p;
}

/** Run a command; wall seconds and peak RSS (MiB) from /usr/bin/time when present. */
function timed(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8' })
    : spawnSync(cmd, args, { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  let mem = null;
  if (hasTime) {
    const last = r.stderr.trim().split('\n').at(-1).split(' ');
    mem = Number(last[1]) / 1024;
  }
  return { wall, mem, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cents = (x) => BigInt(Math.round(Number(x) * 100));
const sp = (file, out, extra = []) => [
  'node',
  [
    join(root, 'bin/salesperf.js'),
    'report',
    file,
    ...extra,
    '--by',
    'rep',
    '--grain',
    'month',
    '--as-of',
    '2026-12-31',
    '--format',
    'json',
    '--out',
    out,
    '--quiet',
  ],
];

function agree(spOut, duckOut) {
  const a = JSON.parse(readFileSync(spOut, 'utf8'));
  const b = JSON.parse(readFileSync(duckOut, 'utf8'));
  const mine = new Map(a.rows.filter((r) => r.revenue !== 0 || r.deals || r.lostDeals).map((r) => [`${r.rep}|${r.period}`, r]));
  let bad = 0;
  for (const d of b) {
    const m = mine.get(`${d.rep}|${d.m}`);
    if (
      !m ||
      cents(m.revenue) !== cents(d.revenue) ||
      m.deals !== Number(d.deals) ||
      m.lostDeals !== Number(d.lost) ||
      m.activeCustomers !== Number(d.active) ||
      m.newCustomers !== Number(d.new) ||
      m.retainedCustomers !== Number(d.retained)
    )
      bad++;
  }
  const total = a.totals.reduce((s, t) => s + cents(t.revenue), 0n);
  const dtotal = b.reduce((s, d) => s + cents(d.revenue), 0n);
  return { ok: bad === 0 && mine.size === b.length && total === dtotal, bad, groups: b.length, total: Number(total) / 100 };
}

/** The compiled report on the raw CSV against the JS report: every KPI of every rep × month row and of the totals (ratios to 6 decimals, the rest exactly). */
function agreeAll(spOut, srcOut) {
  const a = JSON.parse(readFileSync(spOut, 'utf8'));
  const b = JSON.parse(readFileSync(srcOut, 'utf8'));
  const js = new Map(a.rows.map((r) => [`${r.rep}|${r.period}`, r]));
  const jsTotals = new Map(a.totals.map((t) => [t.period, t]));
  let bad = 0;
  let values = 0;
  const same = (x, y, k) =>
    x === null || y === null || x === undefined || y === undefined
      ? (x ?? null) === (y ?? null)
      : KPI_BY_ID.get(k)?.unit === 'ratio'
        ? Math.abs(x - y) <= 1.000001e-6
        : x === y;
  const check = (sql, j) => {
    if (!j) return bad++;
    for (const k of b.kpis) {
      values++;
      if (!same(sql.kpis[k], j[k], k)) bad++;
    }
  };
  for (const r of b.rows) check(r, js.get(`${r.dims[0]}|${r.period}`));
  for (const t of b.totals) check(t, jsTotals.get(t.period));
  return { ok: bad === 0 && js.size === b.rows.length, bad, values, groups: b.rows.length };
}

/** Two `report -f json` outputs (JS and --engine duckdb): every KPI of every row and total the same (ratios to 6 decimals). */
function agreeReports(jsOut, duckOut) {
  const a = JSON.parse(readFileSync(jsOut, 'utf8'));
  const b = JSON.parse(readFileSync(duckOut, 'utf8'));
  let bad = 0;
  let values = 0;
  const kpis = Object.keys(a.rows[0] ?? {}).filter((k) => KPI_BY_ID.has(k));
  const same = (x, y, k) =>
    (x ?? null) === null || (y ?? null) === null
      ? (x ?? null) === (y ?? null)
      : KPI_BY_ID.get(k)?.unit === 'ratio'
        ? Math.abs(x - y) <= 1.000001e-6
        : x === y;
  for (const part of ['rows', 'totals']) {
    if (a[part].length !== b[part].length) bad++;
    a[part].forEach((r, i) => {
      for (const k of kpis) {
        values++;
        if (!same(r[k], b[part][i]?.[k], k)) bad++;
      }
    });
  }
  return { ok: bad === 0 && values > 0 && b.meta?.engine === 'duckdb', bad, values, engine: b.meta?.engine };
}

/** The KPIs the hand-written SQL computes: the "same KPIs" comparison runs the report with just these. */
const SAME_KPIS = 'revenue,deals,lostDeals,winRate,activeCustomers,newCustomers,retainedCustomers';

/** The compiled report's rows in the JS report's JSON shape, for `agree` with the hand-written SQL. */
function asReportJson(srcOut, to) {
  const b = JSON.parse(readFileSync(srcOut, 'utf8'));
  writeFileSync(
    to,
    JSON.stringify({
      rows: b.rows.map((r) => ({ period: r.period, rep: r.dims[0], ...r.kpis })),
      totals: b.totals.map((t) => ({ period: t.period, ...t.kpis })),
    }),
  );
  return to;
}

/** Run perf/csvsrc-report.mjs under /usr/bin/time; its own phase times from stdout. */
function csvsrcRun(file, out) {
  const t = timed('node', [join(root, 'perf/csvsrc-report.mjs'), file, out, ...duckArgs]);
  return { ...t, ...JSON.parse(t.stdout.trim().split('\n').at(-1)) };
}

const results = [];
for (const size of sizes) {
  const file = await csvFor(size);
  const n = rowsOf(size);
  const out = join(dataDir, `out-salesperf-${size}.json`);
  const dout = join(dataDir, `out-duckdb-${size}.json`);
  const sout = join(dataDir, `out-csvsrc-${size}.json`);
  const a = [];
  const b = [];
  const cs = [];
  const eng = { duck: [], jsSame: [], duckSame: [] };
  const eout = (k) => join(dataDir, `out-${k}-${size}.json`);
  const duckCli = ['--engine', 'duckdb', ...(memoryLimit ? ['--memory-limit', memoryLimit, '--temp-dir', spill] : [])];
  for (let i = 0; i < runs; i++) {
    a.push(timed(...sp(file, out, ['--engine', 'js'])));
    if (duck) b.push(timed('node', [join(root, 'perf/duckdb-report.mjs'), file, dout, ...duckArgs]));
    if (engines) {
      eng.duck.push(timed(...sp(file, eout('cli-duckdb'), duckCli)));
      eng.jsSame.push(timed(...sp(file, eout('cli-js-same'), ['--engine', 'js', '--kpis', SAME_KPIS])));
      eng.duckSame.push(timed(...sp(file, eout('cli-duckdb-same'), [...duckCli, '--kpis', SAME_KPIS])));
    }
    if (csvsrc) cs.push(csvsrcRun(file, sout));
  }
  const check = duck ? agree(out, dout) : null;
  const r = {
    kind: 'csv',
    size,
    rows: n,
    mb: statSync(file).size / 1e6,
    sp: median(a.map((x) => x.wall)),
    spMem: Math.max(...a.map((x) => x.mem ?? 0)),
  };
  if (duck) Object.assign(r, { duck: median(b.map((x) => x.wall)), duckMem: Math.max(...b.map((x) => x.mem ?? 0)), check });
  if (engines) {
    const m = (xs) => ({ wall: median(xs.map((x) => x.wall)), mem: Math.max(...xs.map((x) => x.mem ?? 0)) });
    r.cli = {
      duck: m(eng.duck),
      jsSame: m(eng.jsSame),
      duckSame: m(eng.duckSame),
      duckAgrees: agreeReports(out, eout('cli-duckdb')),
      sameAgrees: agreeReports(eout('cli-js-same'), eout('cli-duckdb-same')),
      handAgrees: agree(eout('cli-duckdb-same'), dout),
    };
  }
  if (csvsrc) {
    const all = agreeAll(out, sout);
    const hand = agree(asReportJson(sout, join(dataDir, `out-csvsrc-${size}-as-report.json`)), dout);
    Object.assign(r, {
      src: median(cs.map((x) => x.wall)),
      srcMem: Math.max(...cs.map((x) => x.mem ?? 0)),
      srcPhases: cs.map((x) => x.phases),
      srcAll: all,
      srcHand: hand,
    });
  }
  results.push(r);
  process.stderr.write(
    `${size}: salesperf ${r.sp.toFixed(2)} s${duck ? `, duckdb ${r.duck.toFixed(2)} s, ${check.ok ? 'same totals' : `${check.bad} groups differ`}` : ''}\n`,
  );
}
for (const size of xlsxSizes) {
  const file = await xlsxFor(size);
  const n = rowsOf(size);
  const a = [];
  for (let i = 0; i < runs; i++) a.push(timed(...sp(file, join(dataDir, `out-xlsx-${size}.json`))));
  results.push({
    kind: 'xlsx',
    size,
    rows: n,
    mb: statSync(file).size / 1e6,
    sp: median(a.map((x) => x.wall)),
    spMem: Math.max(...a.map((x) => x.mem ?? 0)),
  });
}
for (const size of parquetSizes) {
  const p = join(dataDir, `canonical-${size}.parquet`);
  if (!existsSync(p)) {
    process.stderr.write(`generating ${p} (${rowsOf(size).toLocaleString()} rows)…\n`);
    const g = timed('node', [join(root, 'perf/gen-parquet.mjs'), String(rowsOf(size)), p, '--temp', spill]);
    process.stderr.write(`  ${g.wall.toFixed(1)} s, peak ${Math.round(g.mem ?? 0)} MiB\n`);
  }
  const x = csvsrcRun(p, join(dataDir, `out-parquet-${size}.json`));
  results.push({
    kind: 'parquet',
    size,
    rows: rowsOf(size),
    mb: statSync(p).size / 1e6,
    src: x.wall,
    srcMem: x.mem,
    srcPhases: [x.phases],
    groups: x.groups,
  });
}
const mib = (x) => (x ? `${Math.round(x)} MiB` : '—');
console.log(
  `salesperf benchmark — ${cpus().length} × ${cpus()[0]?.model?.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${runs} runs each (median)`,
);
console.log('');
console.log('| input | rows | salesperf | rows/s | peak memory | DuckDB SQL | DuckDB peak | ratio | same results |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of results) {
  const ratio = r.duck && r.check?.ok ? `${(r.sp / r.duck).toFixed(2)}×` : r.duck ? 'not comparable' : '—';
  console.log(
    `| ${r.kind.toUpperCase()} ${r.size} (${r.mb.toFixed(0)} MB) | ${r.rows.toLocaleString('en-US')} | ${r.sp.toFixed(2)} s | ${Math.round(r.rows / r.sp).toLocaleString('en-US')} | ${mib(r.spMem)} | ${r.duck ? `${r.duck.toFixed(2)} s` : '—'} | ${mib(r.duckMem)} | ${ratio} | ${r.check ? (r.check.ok ? `yes (${r.check.groups} rep × month groups, total ${r.check.total.toLocaleString('en-US', { minimumFractionDigits: 2 })})` : `NO: ${r.check.bad} groups differ`) : '—'} |`,
  );
}
if (results.some((r) => r.cli)) {
  console.log('');
  console.log(
    `\`salesperf report\` on the raw CSV, by rep × month, both engines (the CLI as a user runs it; DuckDB reads the CSV through src/sql/csv-source.ts)${memoryLimit ? '' : ''}:`,
  );
  console.log('');
  console.log(
    '| input | KPIs | --engine js | --engine duckdb | hand-written SQL | js ÷ hand | duckdb ÷ hand | duckdb = js (every KPI) | = hand SQL |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---|---|');
  for (const r of results.filter((x) => x.cli)) {
    const c = r.cli;
    const t = (x) => `${x.wall.toFixed(2)} s (${mib(x.mem)})`;
    const ag = (x) => (x.ok ? `yes (${x.values.toLocaleString('en-US')} values)` : `NO: ${x.bad} differ (engine ${x.engine})`);
    const hand = r.check?.ok ? `${r.duck.toFixed(2)} s (${mib(r.duckMem)})` : 'not comparable';
    console.log(
      `| CSV ${r.size} | all ${JSON.parse(readFileSync(join(dataDir, `out-salesperf-${r.size}.json`), 'utf8')).meta.kpis.length} | ${r.sp.toFixed(2)} s (${mib(r.spMem)}) | ${t(c.duck)} | ${hand} | ${(r.sp / r.duck).toFixed(2)}× | ${(c.duck.wall / r.duck).toFixed(2)}× | ${ag(c.duckAgrees)} | — |`,
    );
    console.log(
      `| CSV ${r.size} | the hand SQL's ${SAME_KPIS.split(',').length} | ${t(c.jsSame)} | ${t(c.duckSame)} | ${hand} | ${(c.jsSame.wall / r.duck).toFixed(2)}× | ${(c.duckSame.wall / r.duck).toFixed(2)}× | ${ag(c.sameAgrees)} | ${c.handAgrees.ok ? 'yes' : `NO: ${c.handAgrees.bad} groups differ`} |`,
    );
  }
}
if (results.some((r) => r.src !== undefined)) {
  console.log('');
  console.log(
    `Raw file through src/sql/csv-source.ts and the compiled report in DuckDB${memoryLimit ? ` (memory_limit ${memoryLimit}, spilling to perf/data/tmp)` : ''}:`,
  );
  console.log('');
  console.log(
    '| input | rows | csv-source + compiled SQL | phases (load / report) | peak memory | hand-written SQL | JS report | vs hand SQL | same as JS report (every KPI) | same as hand SQL |',
  );
  console.log('|---|---:|---:|---|---:|---:|---:|---:|---|---|');
  for (const r of results.filter((x) => x.src !== undefined)) {
    const ph = r.srcPhases.map((p) => `${((p.plan ?? 0) + (p.rejects ?? 0)) / 1000} / ${p.report / 1000} s`).join(', ');
    const vs = r.duck && r.srcHand?.ok ? `${(r.src / r.duck).toFixed(2)}×` : '—';
    const all = r.srcAll
      ? r.srcAll.ok
        ? `yes (${r.srcAll.values.toLocaleString('en-US')} values, ${r.srcAll.groups} groups)`
        : `NO: ${r.srcAll.bad} differ`
      : '—';
    const hand = r.srcHand ? (r.srcHand.ok ? 'yes' : `NO: ${r.srcHand.bad} differ`) : '—';
    console.log(
      `| ${r.kind.toUpperCase()} ${r.size} (${r.mb.toFixed(0)} MB) | ${r.rows.toLocaleString('en-US')} | ${r.src.toFixed(2)} s | ${ph} | ${mib(r.srcMem)} | ${r.duck ? `${r.duck.toFixed(2)} s (${mib(r.duckMem)})` : '—'} | ${r.sp ? `${r.sp.toFixed(2)} s (${mib(r.spMem)})` : '—'} | ${vs} | ${all} | ${hand} |`,
    );
  }
}
