// npm run bench [-- --sizes 100k,1m,5m --xlsx 100k,1m --runs 3 --no-duckdb]
// Generates deterministic data sets (perf/data, not committed), then times
// `salesperf report` (every KPI, by rep × month, JSON to a file) and the same
// KPIs in DuckDB SQL, alternately, and prints medians, the ratio, rows/s and
// peak memory. A ratio is printed only when both agree on revenue per rep ×
// month to the cent (and on deals and customers).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
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
const hasTime = existsSync('/usr/bin/time');
const rowsOf = (s) => (/m$/i.test(s) ? Number(s.slice(0, -1)) * 1e6 : /k$/i.test(s) ? Number(s.slice(0, -1)) * 1e3 : Number(s));

async function csvFor(size) {
  const p = join(dataDir, `sales-${size}.csv`);
  if (!existsSync(p)) {
    const n = rowsOf(size);
    process.stderr.write(`generating ${p} (${n.toLocaleString()} rows)…\n`);
    await writeSalesCsv(p, { rows: n, seed: 2026, start: '2025-01-01', months: 12, reps: 40, customers: Math.max(100, Math.floor(n / 10)) });
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
    for (const r of salesRows({ rows: n, seed: 2026, start: '2025-01-01', months: 12, reps: 40, customers: Math.max(100, Math.floor(n / 10)) })) {
      const [y, m, d] = r.date.split('-').map(Number);
      ws.addRow([new Date(Date.UTC(y, m - 1, d)), r.dealId, r.rep, r.team, r.region, r.customer, r.product, r.quantity, r.status, Number(r.amount)]).commit();
    }
    await wb.commit();
  }
  return p;
}

/** Run a command; wall seconds and peak RSS (MiB) from /usr/bin/time when present. */
function timed(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = hasTime ? spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  let mem = null;
  if (hasTime) {
    const last = r.stderr.trim().split('\n').at(-1).split(' ');
    mem = Number(last[1]) / 1024;
  }
  return { wall, mem };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cents = (x) => BigInt(Math.round(Number(x) * 100));
const sp = (file, out) => ['node', [join(root, 'bin/salesperf.js'), 'report', file, '--by', 'rep', '--grain', 'month', '--as-of', '2026-12-31', '--format', 'json', '--out', out, '--quiet']];

function agree(spOut, duckOut) {
  const a = JSON.parse(readFileSync(spOut, 'utf8'));
  const b = JSON.parse(readFileSync(duckOut, 'utf8'));
  const mine = new Map(a.rows.filter((r) => r.revenue !== 0 || r.deals || r.lostDeals).map((r) => [`${r.rep}|${r.period}`, r]));
  let bad = 0;
  for (const d of b) {
    const m = mine.get(`${d.rep}|${d.m}`);
    if (!m || cents(m.revenue) !== cents(d.revenue) || m.deals !== Number(d.deals) || m.lostDeals !== Number(d.lost) || m.activeCustomers !== Number(d.active) || m.newCustomers !== Number(d.new) || m.retainedCustomers !== Number(d.retained)) bad++;
  }
  const total = a.totals.reduce((s, t) => s + cents(t.revenue), 0n);
  const dtotal = b.reduce((s, d) => s + cents(d.revenue), 0n);
  return { ok: bad === 0 && mine.size === b.length && total === dtotal, bad, groups: b.length, total: Number(total) / 100 };
}

const results = [];
for (const size of sizes) {
  const file = await csvFor(size);
  const n = rowsOf(size);
  const out = join(dataDir, `out-salesperf-${size}.json`);
  const dout = join(dataDir, `out-duckdb-${size}.json`);
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(timed(...sp(file, out)));
    if (duck) b.push(timed('node', [join(root, 'perf/duckdb-report.mjs'), file, dout]));
  }
  const check = duck ? agree(out, dout) : null;
  const r = { kind: 'csv', size, rows: n, mb: statSync(file).size / 1e6, sp: median(a.map((x) => x.wall)), spMem: Math.max(...a.map((x) => x.mem ?? 0)) };
  if (duck) Object.assign(r, { duck: median(b.map((x) => x.wall)), duckMem: Math.max(...b.map((x) => x.mem ?? 0)), check });
  results.push(r);
  process.stderr.write(`${size}: salesperf ${r.sp.toFixed(2)} s${duck ? `, duckdb ${r.duck.toFixed(2)} s, ${check.ok ? 'same totals' : `${check.bad} groups differ`}` : ''}\n`);
}
for (const size of xlsxSizes) {
  const file = await xlsxFor(size);
  const n = rowsOf(size);
  const a = [];
  for (let i = 0; i < runs; i++) a.push(timed(...sp(file, join(dataDir, `out-xlsx-${size}.json`))));
  results.push({ kind: 'xlsx', size, rows: n, mb: statSync(file).size / 1e6, sp: median(a.map((x) => x.wall)), spMem: Math.max(...a.map((x) => x.mem ?? 0)) });
}
const mib = (x) => (x ? `${Math.round(x)} MiB` : '—');
console.log(`salesperf benchmark — ${cpus().length} × ${cpus()[0]?.model?.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${runs} runs each (median)`);
console.log('');
console.log('| input | rows | salesperf | rows/s | peak memory | DuckDB SQL | DuckDB peak | ratio | same results |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of results) {
  const ratio = r.duck && r.check?.ok ? `${(r.sp / r.duck).toFixed(2)}×` : r.duck ? 'not comparable' : '—';
  console.log(`| ${r.kind.toUpperCase()} ${r.size} (${r.mb.toFixed(0)} MB) | ${r.rows.toLocaleString('en-US')} | ${r.sp.toFixed(2)} s | ${Math.round(r.rows / r.sp).toLocaleString('en-US')} | ${mib(r.spMem)} | ${r.duck ? `${r.duck.toFixed(2)} s` : '—'} | ${mib(r.duckMem)} | ${ratio} | ${r.check ? (r.check.ok ? `yes (${r.check.groups} rep × month groups, total ${r.check.total.toLocaleString('en-US', { minimumFractionDigits: 2 })})` : `NO: ${r.check.bad} groups differ`) : '—'} |`);
}
