// The report's KPIs by rep × month in DuckDB SQL: revenue net of refunds, deals,
// win rate, active/new/retained customers. Usage: node perf/duckdb-report.mjs FILE.csv OUT.json [--memory-limit 300MB --temp DIR]
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, out] = process.argv.slice(2);
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const config = { threads: '2' };
if (arg('--memory-limit')) config.memory_limit = arg('--memory-limit');
if (arg('--temp')) config.temp_directory = arg('--temp');
const db = await DuckDBInstance.create(':memory:', config);
const c = await db.connect();
const sql = `
WITH t AS (
  SELECT "Sales Rep" AS rep, strftime("Date", '%Y-%m') AS m, date_trunc('month', "Date") AS md, "Customer ID" AS c, "Deal ID" AS d, "Status" AS s, "Amount" AS a
  FROM read_csv('${file.replace(/'/g, "''")}', header = true, columns = {
    'Date': 'DATE', 'Deal ID': 'VARCHAR', 'Sales Rep': 'VARCHAR', 'Team': 'VARCHAR', 'Region': 'VARCHAR',
    'Customer ID': 'VARCHAR', 'Product': 'VARCHAR', 'Quantity': 'INTEGER', 'Status': 'VARCHAR', 'Amount': 'DECIMAL(18,2)'})
),
first AS (SELECT c, min(md) AS fm FROM t WHERE s = 'Won' GROUP BY c),
act AS (SELECT DISTINCT rep, md, c FROM t WHERE s = 'Won'),
agg AS (
  SELECT rep, m, md,
    sum(CASE WHEN s = 'Won' THEN a WHEN s = 'Refund' THEN -a ELSE 0 END) AS revenue,
    count(DISTINCT CASE WHEN s = 'Won' THEN d END) AS deals,
    count(DISTINCT CASE WHEN s = 'Lost' THEN d END) AS lost
  FROM t GROUP BY rep, m, md
),
cust AS (
  SELECT a.rep, a.md, count(*) AS active, count(*) FILTER (WHERE f.fm = a.md) AS new, count(p.c) AS retained
  FROM act a JOIN first f USING (c)
  LEFT JOIN act p ON p.rep = a.rep AND p.c = a.c AND p.md = a.md - INTERVAL 1 MONTH
  GROUP BY a.rep, a.md
)
SELECT agg.rep, agg.m, CAST(agg.revenue AS VARCHAR) AS revenue, agg.deals, agg.lost,
  CASE WHEN agg.deals + agg.lost > 0 THEN agg.deals / (agg.deals + agg.lost) END AS win_rate,
  coalesce(cust.active, 0) AS active, coalesce(cust.new, 0) AS new, coalesce(cust.retained, 0) AS retained
FROM agg LEFT JOIN cust ON cust.rep = agg.rep AND cust.md = agg.md
ORDER BY agg.rep, agg.m`;
const r = await c.runAndReadAll(sql);
const rows = r.getRowObjectsJson();
writeFileSync(out, JSON.stringify(rows));
