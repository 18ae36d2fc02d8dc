// A canonical sales table (src/sql/canonical.ts) of N generated rows as Parquet, written by DuckDB
// from SQL alone (no rows pass through JavaScript): 40 reps in 4 regions, N/10 customers, one deal
// id per row, two years of dates, won/lost/open/refund (refunds negative), whole quantities.
// Usage: node perf/gen-parquet.mjs ROWS OUT.parquet [--memory-limit 1GB] [--temp DIR]
import { DuckDBInstance } from '@duckdb/node-api';

const [rows, out] = process.argv.slice(2);
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
};
const n = Number(rows);
const config = { threads: '2', memory_limit: arg('--memory-limit', '1GB') };
if (arg('--temp')) config.temp_directory = arg('--temp');
const db = await DuckDBInstance.create(':memory:', config);
const c = await db.connect();
const h = (k) => `hash(i, ${k})`;
await c.run(`COPY (
  SELECT 'generated' AS source_file, i + 2 AS source_row,
    DATE '2025-01-01' + CAST(${h(1)} % 730 AS INTEGER) AS "date",
    CAST(CAST(${h(2)} % 500000 AS DECIMAL(18, 0)) * CAST(0.01 AS DECIMAL(18, 2)) * (CASE WHEN ${h(5)} % 20 >= 18 THEN -1 ELSE 1 END) AS DECIMAL(38, 2)) AS amount,
    CASE WHEN ${h(5)} % 20 < 14 THEN 'won' WHEN ${h(5)} % 20 < 17 THEN 'lost' WHEN ${h(5)} % 20 < 18 THEN 'open' ELSE 'refund' END AS status,
    'Rep ' || (${h(3)} % 40) AS rep,
    'C' || (${h(4)} % ${Math.max(100, Math.floor(n / 10))}) AS customer,
    'Team ' || (${h(3)} % 40 % 6) AS team,
    ['North', 'South', 'East', 'West'][CAST(${h(3)} % 40 % 4 AS BIGINT) + 1] AS region,
    'Product ' || (${h(6)} % 8) AS product,
    CAST(NULL AS VARCHAR) AS channel,
    'D' || i AS deal_id,
    CAST(NULL AS VARCHAR) AS currency,
    CAST(NULL AS DATE) AS created_date,
    CAST(1 + ${h(7)} % 5 AS DECIMAL(38, 0)) AS quantity
  FROM range(${n}) t(i)
) TO '${out.replace(/'/g, "''")}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)`);
c.closeSync();
db.closeSync();
