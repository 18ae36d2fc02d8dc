/**
 * Running a compiled report on a real engine — embedded DuckDB (`@duckdb/node-api`, imported only
 * when used) or PostgreSQL (`pg`) — and turning its rows into the JS engine's `EngineResult`
 * (rows sorted with `compareDims`), so every renderer works unchanged.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EngineResult, type ResultRow, compareDims } from '../engine/aggregate.js';
import type { SalesRecord } from '../ingest/record.js';
import { isoDate } from '../core/dates.js';
import { toPlainString } from '../core/decimal.js';
import { type Dialect, duckdb, postgres } from './dialect.js';
import { type SqlReportRequest, compileReport } from './compile.js';

export type SqlRow = Record<string, unknown>;

export interface SqlConnection {
  dialect: Dialect;
  query(sql: string): Promise<SqlRow[]>;
  /** The column names of a table or view, in order. */
  columns?(table: string): Promise<string[]>;
  close(): Promise<void>;
}

export type SqlEngine = 'duckdb' | 'postgres';

/** Where the canonical table is: a canonical CSV/Parquet file (DuckDB), a live PostgreSQL table, or an open connection whose `request.table` exists. */
export type SqlSource = { file: string } | { url: string } | { connection: SqlConnection };

/** `report --memory-limit` / `--temp-dir`: DuckDB's memory_limit and the folder it spills to. */
export interface DuckDbSettings {
  memoryLimit?: string;
  tempDir?: string;
}

/** An in-memory DuckDB (loaded only now). It spills to `tempDir`, by default salesperf-duckdb in the system temp folder (not `.tmp` in the working folder, DuckDB's own default). */
export async function openDuckDb(settings: DuckDbSettings = {}): Promise<SqlConnection> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const config: Record<string, string> = { temp_directory: settings.tempDir ?? join(tmpdir(), 'salesperf-duckdb') };
  if (settings.memoryLimit !== undefined) config.memory_limit = settings.memoryLimit;
  const instance = await DuckDBInstance.create(':memory:', config);
  const conn = await instance.connect();
  return {
    dialect: duckdb,
    async query(sql) {
      const r = await conn.runAndReadAll(sql);
      return r.getRowObjectsJson() as SqlRow[];
    },
    async columns(table) {
      const r = await conn.runAndReadAll(`SELECT * FROM ${table} LIMIT 0`);
      return r.columnNames();
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

export async function openPostgres(url: string): Promise<SqlConnection> {
  const pg = (await import('pg')).default;
  // a host that never answers fails after 15 s instead of hanging a cron job
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 15_000 });
  client.on('error', () => undefined); // a dropped connection fails the query in progress; no unhandled event
  await client.connect();
  return {
    dialect: postgres,
    async query(sql) {
      const r = await client.query(sql);
      return r.rows as SqlRow[];
    },
    async columns(table) {
      const r = await client.query(`SELECT * FROM ${table} LIMIT 0`);
      return r.fields.map((f) => f.name);
    },
    async close() {
      await client.end();
    },
  };
}

/** A DuckDB view named `table` over a canonical CSV or Parquet file (`salesperf export`). */
export function duckDbFileView(table: string, file: string): string {
  const path = duckdb.string(file);
  const read = /\.parquet$/i.test(file) ? `read_parquet(${path})` : `read_csv(${path}, header = true, all_varchar = true)`;
  const dates = /\.parquet$/i.test(file)
    ? '*'
    : `* REPLACE (CAST("date" AS DATE) AS "date", CAST("created_date" AS DATE) AS "created_date")`;
  return `CREATE OR REPLACE VIEW ${duckdb.ident(table)} AS SELECT ${dates} FROM ${read}`;
}

/** A DuckDB view named `table` over one or more canonical CSV or Parquet files, their rows one after another (columns by name). */
export function duckDbFilesView(table: string, files: readonly string[]): string {
  if (files.length === 1) return duckDbFileView(table, files[0]!);
  const one = (f: string) => duckDbFileView('x', f).replace(/^CREATE OR REPLACE VIEW "x" AS /, '');
  return `CREATE OR REPLACE VIEW ${duckdb.ident(table)} AS ${files.map((f) => `(${one(f)})`).join(' UNION ALL BY NAME ')}`;
}

/** A side table row in the canonical side-table shape (docs/sql.md): the group's values, the period key, the amount (and acquired). */
export interface SideTableRow {
  dims: readonly (string | null)[];
  period: string;
  amount: string;
  acquired?: number | null;
}

/** SQL that creates a temporary side table (targets, spend) and inserts its rows. */
export function sideTableSql(
  d: Dialect,
  table: string,
  dims: readonly string[],
  rows: readonly SideTableRow[],
  o: { scale: number; acquired: boolean },
): string[] {
  const t = d.ident(table);
  const cols = [
    ...dims.map((c) => `${d.ident(c)} ${d.text}`),
    `${d.ident('period')} ${d.text}`,
    `${d.ident('amount')} DECIMAL(38, ${o.scale})`,
    ...(o.acquired ? [`${d.ident('acquired')} ${d.bigint}`] : []),
  ];
  const str = (v: string | null) => (v === null ? 'NULL' : d.string(v));
  const out = [`CREATE TEMP TABLE ${t} (${cols.join(', ')})`];
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows
      .slice(i, i + 500)
      .map(
        (r) =>
          `(${[...r.dims.map(str), str(r.period), r.amount, ...(o.acquired ? [r.acquired === null || r.acquired === undefined ? 'NULL' : String(r.acquired)] : [])].join(', ')})`,
      );
    out.push(`INSERT INTO ${t} VALUES ${values.join(', ')}`);
  }
  return out;
}

/** A connection URL as it may be shown: the password replaced by `***` (a string that is not a URL is not shown at all). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const k of [...u.searchParams.keys()]) if (/pass/i.test(k)) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return '(connection string)';
  }
}

/** SQL that creates `table` in the canonical shape and inserts the records (tests, small loads). */
export function recordsTableSql(
  d: Dialect,
  table: string,
  records: readonly SalesRecord[],
  o: { amountScale: number; quantityScale: number; dims?: readonly string[] },
): string[] {
  const t = d.ident(table);
  const extra = o.dims ?? [];
  const cols = [
    ['date', 'DATE'],
    ['amount', `DECIMAL(38, ${o.amountScale})`],
    ['status', d.text],
    ['rep', d.text],
    ['customer', d.text],
    ['team', d.text],
    ['region', d.text],
    ['product', d.text],
    ['channel', d.text],
    ['deal_id', d.text],
    ['currency', d.text],
    ['created_date', 'DATE'],
    ['quantity', `DECIMAL(38, ${o.quantityScale})`],
    ['profit', `DECIMAL(38, ${o.amountScale})`],
  ];
  const str = (v: string | null | undefined) => (v === null || v === undefined ? 'NULL' : d.string(v));
  const dec = (units: number | bigint, scale: number) => toPlainString({ units, scale });
  const out = [`CREATE TABLE ${t} (${cols.map(([n, ty]) => `${d.ident(n!)} ${ty}`).join(', ')})`];
  for (let i = 0; i < records.length; i += 500) {
    const values = records
      .slice(i, i + 500)
      .map((r) =>
        [
          d.date(isoDate(r.date)),
          dec(r.units, r.scale),
          str(r.status),
          str(r.rep),
          str(r.customer),
          str(r.team),
          str(r.region),
          str(r.product),
          str(r.channel),
          str(r.dealId),
          str(r.currency),
          r.createdDate === null ? 'NULL' : d.date(isoDate(r.createdDate)),
          r.quantity ? dec(r.quantity.units, r.quantity.scale) : 'NULL',
          r.profit ? dec(r.profit.units, r.profit.scale) : 'NULL',
        ].join(', '),
      );
    if (values.length) out.push(`INSERT INTO ${t} VALUES ${values.map((v) => `(${v})`).join(', ')}`);
  }
  void extra;
  return out;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(String(v)));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** The compiled query's rows as the JS engine's result. */
export function resultFromRows(rows: readonly SqlRow[], req: SqlReportRequest, kpis: readonly string[]): EngineResult {
  const nd = req.dims.length;
  const byPeriod = new Map<number, string>();
  const groups: { p: number; row: ResultRow }[] = [];
  const totals: { p: number; row: ResultRow }[] = [];
  for (const r of rows) {
    const p = Number(String(r.p));
    const period = String(r.period);
    byPeriod.set(p, period);
    const kv: Record<string, number | null> = {};
    for (const k of kpis) kv[k] = num(r[k]);
    const isTotal = Number(String(r.gid)) === -1;
    const dims = Array.from({ length: nd }, (_, i) => (isTotal ? null : text(r[`g${i}`])));
    (isTotal ? totals : groups).push({ p, row: { period, dims, kpis: kv } });
  }
  groups.sort((a, b) => compareDims(a.row.dims, b.row.dims) || a.p - b.p);
  totals.sort((a, b) => a.p - b.p);
  const periods = [...byPeriod.entries()].sort((a, b) => a[0] - b[0]).map(([, k]) => k);
  return {
    periods,
    dimensions: [...req.dims],
    rows: groups.map((g) => g.row),
    totals: totals.map((t) => t.row),
    available: [...kpis],
    unmatched: { targets: [], spend: [] },
  };
}

/** Compile the report for the engine, run it on the source and return the JS engine's result shape. */
export async function runReportSql(engine: SqlEngine, request: SqlReportRequest, source: SqlSource): Promise<EngineResult> {
  let conn: SqlConnection;
  let own = true;
  if ('connection' in source) {
    conn = source.connection;
    own = false;
  } else if (engine === 'duckdb') {
    if (!('file' in source)) throw new TypeError('DuckDB reads a canonical CSV or Parquet file');
    conn = await openDuckDb();
    await conn.query(duckDbFileView(request.table, source.file));
  } else {
    if (!('url' in source)) throw new TypeError('PostgreSQL needs a connection URL');
    conn = await openPostgres(source.url);
  }
  try {
    const compiled = compileReport(conn.dialect, request);
    return resultFromRows(await conn.query(compiled.sql), request, compiled.kpis);
  } finally {
    if (own) await conn.close();
  }
}
