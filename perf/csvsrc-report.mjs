// The report (every KPI that compiles to SQL, by rep × month) on a raw CSV through
// src/sql/csv-source.ts and the compiled SQL in embedded DuckDB, or on a canonical Parquet file.
// Usage: node perf/csvsrc-report.mjs FILE.csv|FILE.parquet OUT.json [--memory-limit 300MB] [--temp DIR] [--threads 2]
// Needs `npm run build` (reads dist/). Prints one JSON line of phase timings and peak RSS to stdout.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(join(root, 'dist', p));
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
};
const [file, out] = process.argv.slice(2);
const { planCsvFile, loadCsvSource } = await dist('sql/csv-source.js');
const { compileReport } = await dist('sql/compile.js');
const { resultFromRows } = await dist('sql/run.js');
const { duckdb } = await dist('sql/dialect.js');
const { daysFromCivil } = await dist('core/dates.js');

const t0 = performance.now();
const config = { threads: arg('--threads', '2') };
if (arg('--memory-limit')) config.memory_limit = arg('--memory-limit');
if (arg('--temp')) config.temp_directory = arg('--temp');
const instance = await DuckDBInstance.create(':memory:', config);
const c = await instance.connect();
const conn = { dialect: duckdb, query: async (sql) => (await c.runAndReadAll(sql)).getRowObjectsJson() };
const asOf = daysFromCivil(2026, 12, 31);
const phases = {};
let has;
let amountScale = 2;
let quantityScale = 0;
let rejects = null;
if (/\.parquet$/i.test(file)) {
  await conn.query(`CREATE VIEW sales AS SELECT * FROM read_parquet(${duckdb.string(file)})`);
  // the file perf/gen-parquet.mjs writes: amounts DECIMAL(38, 2), whole quantities
  has = { customer: true, createdDate: false, quantity: true, status: true };
} else {
  const planned = await planCsvFile(file, { asOf });
  if (!planned.ok) throw new Error(`not planned: ${planned.reason.code}`);
  phases.plan = performance.now() - t0;
  const loaded = await loadCsvSource(conn, planned.file);
  if (!loaded.ok) throw new Error(`not expressible: ${loaded.reason.code}`);
  phases.rejects = performance.now() - t0 - phases.plan;
  rejects = {
    accepted: loaded.rejects.accepted,
    rejected: loaded.rejects.rejected,
    excluded: loaded.rejects.excluded,
    unsure: loaded.rejects.unsure,
    duplicates: loaded.rejects.duplicates,
    issues: Object.fromEntries([...loaded.rejects.issues].map(([k, v]) => [k, v.rows])),
  };
  if (loaded.rejects.unsure > 0) throw new Error(`${loaded.rejects.unsure} rows SQL cannot decide: the JS reader must read this file`);
  const col = planned.file.plan.columns;
  has = {
    customer: col.customer !== undefined,
    createdDate: col.createdDate !== undefined,
    quantity: col.quantity !== undefined,
    status: col.status !== undefined,
    profit: col.profit !== undefined || col.cost !== undefined,
  };
  amountScale = loaded.rejects.amountScale;
  quantityScale = loaded.rejects.quantityScale;
}
const req = { table: 'sales', dims: ['rep'], calendar: { grain: 'month', fiscalStart: 1 }, has, amountScale, quantityScale, asOf };
const t1 = performance.now();
const compiled = compileReport(duckdb, req);
const result = resultFromRows(await conn.query(compiled.sql), req, compiled.kpis);
phases.report = performance.now() - t1;
writeFileSync(out, JSON.stringify({ kpis: compiled.kpis, rows: result.rows, totals: result.totals, rejects }));
const ms = (x) => Math.round(x);
console.log(
  JSON.stringify({
    totalMs: ms(performance.now() - t0),
    phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, ms(v)])),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    groups: result.rows.length,
    rejects,
  }),
);
c.closeSync();
instance.closeSync();
