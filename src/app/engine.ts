/**
 * `report --engine js|duckdb|postgres|auto` (issue 12): which engine a report runs on, and the
 * analysis of a report run on SQL — the compiled query (src/sql/compile.ts) on embedded DuckDB
 * over canonical files (`salesperf export`'s Parquet or CSV) or, with `--engine duckdb`, raw CSVs
 * read by src/sql/csv-source.ts (its rejected rows counted into the run as the JS reader counts
 * them; a file it refuses falls back to the JS engine), or on a live PostgreSQL table —
 * in the JS engine's `Analysis` shape, so the renderers and the threshold checks work unchanged.
 * Targets and spend are read and phased by the JS side-table reader, then loaded into the engine
 * as side tables. The rules are in docs/sql.md.
 */
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { extname } from 'node:path';
import type { DimSpec, EngineResult } from '../engine/aggregate.js';
import { compareDims, groupKey } from '../engine/aggregate.js';
import { type Calendar, periodDays, periodKey, periodOf } from '../engine/periods.js';
import { buildSideTable, type SideResult } from '../engine/side-tables.js';
import { add, type Decimal, subtract, toPlainString, isZero } from '../core/decimal.js';
import { daysFromCivil, isoDate } from '../core/dates.js';
import { didYouMeanOf, msg, type Msg } from '../core/message-catalog.js';
import { SalesperfError, dataError, inputError, usageError } from '../errors.js';
import { FIELDS, type Field } from '../ingest/mapping.js';
import { newRun, type FileReport, type IngestOptions, type IngestRun } from '../ingest/read.js';
import { ISSUE_CODES, coded } from '../ingest/issues.js';
import { readSideTable } from '../ingest/side-table.js';
import { shareColumn } from '../ingest/shares.js';
import { CANONICAL_COLUMNS } from '../sql/canonical.js';
import type { SqlReportRequest } from '../sql/compile.js';
import { type CsvFilePlan, type CsvRejects, crossRowChecks, duckDbCsvSource, loadCsvSource, planCsvFile } from '../sql/csv-source.js';
import {
  type DuckDbSettings,
  type SqlConnection,
  type SideTableRow,
  duckDbFilesView,
  openDuckDb,
  openPostgres,
  redactUrl,
  runReportSql,
  sideTableSql,
} from '../sql/run.js';
import {
  calendarOf,
  parseSideMap,
  periodRange,
  unmatchedSides,
  type Analysis,
  type AnalysisOptions,
  type ResolvedIngest,
  rangeFlagsText,
} from './analyse.js';

export const ENGINES = ['auto', 'js', 'duckdb', 'postgres'] as const;
export type EngineName = 'js' | 'duckdb' | 'postgres';

export interface EngineFlags extends AnalysisOptions {
  engine?: string;
  db?: string;
  table?: string;
  /** DuckDB's memory_limit (`300MB`, `2GiB` …) and the folder it spills to. */
  memoryLimit?: string;
  tempDir?: string;
  rejects?: string;
  map?: string[];
}

/** The engine a report runs on; `note` says why a `--engine duckdb` report fell back to the JS engine. */
export interface EngineChoice {
  engine: EngineName;
  note: Msg | null;
  /** `--engine duckdb` on raw CSV inputs: read by src/sql/csv-source.ts (it may still refuse a file: then the JS engine reads them). */
  raw?: boolean;
  url?: string;
  table?: string;
  /** DuckDB's settings from --memory-limit / --temp-dir. */
  duck?: DuckDbSettings;
}

/** The canonical header `salesperf export` writes: a canonical CSV starts with exactly these names. */
export const CANONICAL_HEADER = CANONICAL_COLUMNS.map((c) => c.name).join(',');

/** Flags the SQL engines do not apply (the JS engine does): --org rolls reps up, --split-column credits shares, --rejects and --map act while reading raw rows. */
function jsOnlyFlag(flags: EngineFlags): string | null {
  if (flags.org !== undefined) return '--org';
  if (flags.splitColumn !== undefined) return '--split-column';
  if (flags.rejects !== undefined) return '--rejects';
  if (flags.map?.length) return '--map';
  return null;
}

/** A file's kind for the SQL engines: Parquet, a canonical CSV (with its header), a raw CSV (csv-source may read it), or why not. */
export async function canonicalInput(file: string): Promise<{ kind: 'parquet' | 'csv'; header: string[] } | { reason: Msg; raw?: true }> {
  if (file === '-') return { reason: msg('ENGINE_WHY_STDIN') };
  if (['.xlsx', '.xlsm', '.xls', '.xltx'].includes(extname(file).toLowerCase())) return { reason: msg('ENGINE_WHY_XLSX', { file }) };
  let head: string;
  try {
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead).toString('latin1');
    } finally {
      await fh.close();
    }
  } catch (e) {
    return { reason: msg('ENGINE_WHY_UNREADABLE', { file, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }) };
  }
  if (head.startsWith('PAR1')) return { kind: 'parquet', header: [] };
  const eol = head.search(/\r?\n/);
  const first = eol < 0 ? head : head.slice(0, eol);
  if (first === CANONICAL_HEADER || first.startsWith(`${CANONICAL_HEADER},`))
    return { kind: 'csv', header: Buffer.from(first, 'latin1').toString('utf8').split(',') };
  return { raw: true, reason: msg('ENGINE_WHY_RAW_CSV', { file }) };
}

/** Loads @duckdb/node-api (only here: `--version` and JS reports never do). */
async function duckDbLoads(): Promise<boolean> {
  try {
    await import('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
}

/** Chooses the engine (docs/sql.md, "report --engine"): usage errors for flags that do not fit, a note when --engine duckdb falls back. */
export async function chooseEngine(
  files: readonly string[],
  flags: EngineFlags,
  env: Record<string, string | undefined>,
): Promise<EngineChoice> {
  const engine = flags.engine ?? 'auto';
  const duck = duckDbSettings(flags, engine);
  if (engine === 'postgres') return choosePostgres(files, flags, env);
  for (const [flag, v] of [
    ['--db', flags.db],
    ['--table', flags.table],
  ] as const)
    if (v !== undefined) throw usageError('FLAG_ENGINE', msg('ENGINE_DB_FLAG', { flag }));
  if (engine === 'js') return { engine: 'js', note: null };
  const explicit = engine === 'duckdb';
  const fallback = (reason: Msg): EngineChoice => ({ engine: 'js', note: explicit ? msg('NOTE_ENGINE_FALLBACK', { reason }) : null });
  if (!files.length) return fallback(msg('ENGINE_WHY_NO_FILES'));
  const flag = jsOnlyFlag(flags);
  if (flag) return fallback(msg('ENGINE_WHY_FLAG', { flag }));
  const raw: Msg[] = [];
  for (const f of files) {
    const c = await canonicalInput(f);
    // a raw CSV: read by csv-source with --engine duckdb only (slower than the JS reader: docs/performance.md)
    if ('raw' in c && explicit) raw.push(c.reason);
    else if ('reason' in c) return fallback(c.reason);
    if (!('header' in c)) continue;
    const share = shareColumn(c.header.slice(CANONICAL_COLUMNS.length));
    if (share !== undefined)
      return fallback(msg('ENGINE_WHY_SPLIT', { file: f, column: JSON.stringify(c.header[CANONICAL_COLUMNS.length + share]) }));
  }
  if (raw.length && raw.length < files.length) return fallback(raw[0]!);
  if (!(await duckDbLoads())) {
    if (explicit) throw usageError('ENGINE_NO_DUCKDB', msg('ENGINE_NO_DUCKDB'), msg('ENGINE_NO_DUCKDB_HINT'));
    return { engine: 'js', note: null };
  }
  return { engine: 'duckdb', note: null, duck, ...(raw.length ? { raw: true } : {}) };
}

/** DuckDB's size units (its own parser takes these, and so do we: a typo is a usage error here, not a DuckDB message). */
const SIZE = /^\s*\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$/i;

/** --temp-dir: a folder, or one DuckDB can make in a folder that exists (checked now: DuckDB would only fail once it spills). */
function checkTempDir(dir: string): void {
  const kind = (p: string) => {
    try {
      return statSync(p).isDirectory() ? 'dir' : 'file';
    } catch {
      return 'none';
    }
  };
  const k = kind(dir);
  if (k === 'file' || (k === 'none' && kind(dirname(dir)) !== 'dir'))
    throw usageError('FLAG_TEMP_DIR', msg('FLAG_TEMP_DIR', { value: JSON.stringify(dir) }));
}

/** --memory-limit and --temp-dir: checked, and only with an engine that may be DuckDB. */
function duckDbSettings(flags: EngineFlags, engine: string): DuckDbSettings {
  for (const [flag, v] of [
    ['--memory-limit', flags.memoryLimit],
    ['--temp-dir', flags.tempDir],
  ] as const)
    if (v !== undefined && (engine === 'js' || engine === 'postgres')) throw usageError('FLAG_ENGINE', msg('ENGINE_DUCKDB_FLAG', { flag }));
  if (flags.memoryLimit !== undefined && !SIZE.test(flags.memoryLimit))
    throw usageError('FLAG_MEMORY_LIMIT', msg('FLAG_MEMORY_LIMIT', { value: JSON.stringify(flags.memoryLimit) }));
  if (flags.tempDir !== undefined) checkTempDir(flags.tempDir);
  return {
    ...(flags.memoryLimit !== undefined ? { memoryLimit: flags.memoryLimit.replace(/\s+/g, '') } : {}),
    ...(flags.tempDir !== undefined ? { tempDir: flags.tempDir } : {}),
  };
}

function choosePostgres(files: readonly string[], flags: EngineFlags, env: Record<string, string | undefined>): EngineChoice {
  if (files.length) throw usageError('FLAG_ENGINE', msg('ENGINE_PG_FILES', { files: files.join(', ') }));
  if (!flags.table) throw usageError('FLAG_ENGINE', msg('ENGINE_PG_TABLE'));
  const url = flags.db ?? env.SALESPERF_DB_URL;
  if (!url) throw usageError('FLAG_ENGINE', msg('ENGINE_PG_URL'));
  const flag = jsOnlyFlag(flags);
  if (flag) throw usageError('FLAG_ENGINE', msg('ENGINE_PG_FLAG', { flag }), msg('ENGINE_PG_FLAG_HINT'));
  return { engine: 'postgres', note: null, url, table: flags.table };
}

/** The view (DuckDB) over the input files; a PostgreSQL report reads the user's table. */
const VIEW = 'salesperf_sales';
const DIM_FIELDS: Field[] = ['rep', 'customer', 'team', 'region', 'product', 'channel', 'status', 'dealId', 'currency'];
/** Canonical column of a field, where its name differs. */
const FIELD_COLUMN: Partial<Record<Field, string>> = { dealId: 'deal_id', createdDate: 'created_date' };
const columnOf = (f: Field) => FIELD_COLUMN[f] ?? f;
/** Canonical columns that are measures or dates, never a --by dimension. */
const NOT_DIMS = new Set(['date', 'amount', 'created_date', 'quantity', 'profit']);

interface TableFacts {
  rows: number;
  columns: string[];
  has: { customer: boolean; createdDate: boolean; quantity: boolean; status: boolean; profit: boolean };
  repRows: number;
  amountScale: number;
  quantityScale: number;
  first: string | null;
  last: string | null;
  currencies: string[];
}

const int = (v: unknown) => (v === null || v === undefined ? 0 : Number(String(v)));

/** What the report needs to know of the table: rows, which optional columns hold values (as `salesperf sql` FILES), the decimals, the dates, the currencies. */
async function tableFacts(conn: SqlConnection, table: string): Promise<TableFacts> {
  const columns = conn.columns ? await conn.columns(table) : CANONICAL_COLUMNS.map((c) => c.name);
  const has = (c: string) => columns.includes(c);
  const scale = (c: string) =>
    `MAX(CASE WHEN strpos(CAST(${c} AS VARCHAR), '.') > 0 THEN length(CAST(${c} AS VARCHAR)) - strpos(CAST(${c} AS VARCHAR), '.') ELSE 0 END)`;
  const count = (c: string) => (has(c) ? `COUNT(${conn.dialect.ident(c)})` : '0');
  const [f] = await conn.query(
    `SELECT COUNT(*) AS n, ${count('customer')} AS cust, ${count('created_date')} AS cdt, ${count('quantity')} AS qty, ${count('profit')} AS prf, ${count('rep')} AS rep, ${scale('amount')} AS s, ${has('quantity') ? scale('quantity') : '0'} AS qs, CAST(MIN(${conn.dialect.ident('date')}) AS VARCHAR) AS d0, CAST(MAX(${conn.dialect.ident('date')}) AS VARCHAR) AS d1 FROM ${table}`,
  );
  const cur = has('currency')
    ? await conn.query(`SELECT DISTINCT upper(currency) AS c FROM ${table} WHERE currency IS NOT NULL ORDER BY 1 LIMIT 2`)
    : [];
  return {
    rows: int(f!.n),
    columns,
    has: { customer: int(f!.cust) > 0, createdDate: int(f!.cdt) > 0, quantity: int(f!.qty) > 0, status: true, profit: int(f!.prf) > 0 },
    repRows: int(f!.rep),
    amountScale: Math.max(2, int(f!.s)),
    quantityScale: int(f!.qs),
    first: f!.d0 === null || f!.d0 === undefined ? null : String(f!.d0),
    last: f!.d1 === null || f!.d1 === undefined ? null : String(f!.d1),
    currencies: cur.map((r) => String(r.c)),
  };
}

/**
 * --by names → dimension names (as the JS engine names them) and the table's columns; default: rep
 * when the rep column holds values. `aliases`: a raw file's header of a mapped field (lower case) → the field.
 */
function resolveBy(by: string | undefined, facts: TableFacts, aliases?: Map<string, Field>): { name: string; column: string }[] {
  const names =
    by === undefined
      ? facts.repRows > 0
        ? ['rep']
        : []
      : by
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  const dimColumns = facts.columns.filter((c) => !NOT_DIMS.has(c));
  return names.map((given) => {
    const lower = given.toLowerCase();
    const field = DIM_FIELDS.find((f) => f.toLowerCase() === lower || columnOf(f) === lower) ?? aliases?.get(lower);
    if (field && facts.columns.includes(columnOf(field))) return { name: field, column: columnOf(field) };
    const column = dimColumns.find((c) => c.toLowerCase() === lower);
    if (column !== undefined && !field) return { name: given, column };
    throw usageError(
      'FLAG_BY',
      msg('FLAG_BY', { given, why: msg('BY_NO_SUCH_COLUMN'), available: dimColumns.join(', '), suggest: didYouMeanOf(given, dimColumns) }),
    );
  });
}

/** The rows of a side table in the SQL shape: per group (and a row with NULL groups for what only the totals have), or the totals alone. */
function sideRows(sr: SideResult, nd: number, calendar: Calendar): SideTableRow[] {
  const byGroup = nd > 0;
  const rows: SideTableRow[] = [];
  const acq = (key: string, p: number) => sr.acquired?.get(key)?.get(p) ?? null;
  const totals = sr.table.get('') ?? new Map<number, Decimal>();
  const grouped = new Map<number, { amount: Decimal; acquired: number }>();
  if (byGroup) {
    for (const [key, per] of sr.table) {
      if (key === '') continue;
      const dims = key.split('\u0001').map((d) => (d === '\u0000' ? null : d));
      for (const [p, amount] of per) {
        rows.push({ dims, period: periodKey(p, calendar), amount: toPlainString(amount), acquired: acq(key, p) });
        const g = grouped.get(p) ?? { amount: { units: 0, scale: 0 }, acquired: 0 };
        grouped.set(p, { amount: add(g.amount, amount), acquired: g.acquired + (acq(key, p) ?? 0) });
      }
    }
  }
  for (const [p, amount] of totals) {
    const g = grouped.get(p);
    const rest = g ? subtract(amount, g.amount) : amount;
    const restAcq = acq('', p) === null ? null : acq('', p)! - (g?.acquired ?? 0);
    if (g && isZero(rest) && !restAcq) continue;
    rows.push({
      dims: Array.from({ length: nd }, () => null),
      period: periodKey(p, calendar),
      amount: toPlainString(rest),
      acquired: restAcq,
    });
  }
  return rows;
}

/** The groups of a side table that the result does not have (as the JS engine's `unmatched`). */
function unmatchedOf(result: EngineResult, sr: SideResult | null): string[] {
  if (!sr?.byGroup || !result.dimensions.length) return [];
  const known = new Set(result.rows.map((r) => groupKey(r.dims)));
  const missed = [...sr.table.keys()]
    .filter((k) => k !== '' && !known.has(k))
    .map((k) => k.split('\u0001').map((d) => (d === '\u0000' ? null : d)));
  return missed.sort(compareDims).map((d) => d.map((v) => v ?? '(none)').join(' / '));
}

interface SqlRun {
  conn: SqlConnection;
  /** The table as the SQL names it (quoted), and as the request names it. */
  table: string;
  tableName: string;
  /** Where, in messages: the files, or the redacted URL and the table. */
  where: string;
}

/** A database or DuckDB failure as one line, exit 3 (the password never shown). */
function failed(where: string, e: unknown, secret?: string): never {
  if (e instanceof SalesperfError) throw e;
  const err = e as Error & { code?: string; errors?: Error[] };
  let reason = err.message || err.errors?.map((x) => x.message).join('; ') || err.code || String(e);
  reason = reason.split('\n')[0]!;
  if (secret) reason = reason.split(secret).join('***');
  const hint = /^Out of Memory Error/i.test(reason) ? msg('ENGINE_DB_MEMORY_HINT') : msg('ENGINE_DB_QUERY_HINT');
  throw inputError('DB_QUERY', msg('ENGINE_DB_QUERY', { where, reason }), hint);
}

async function connect(choice: EngineChoice, files: readonly string[]): Promise<SqlRun> {
  if (choice.engine === 'duckdb') {
    const where = files.join(', ');
    const conn = await openDuckDb(choice.duck);
    try {
      await conn.query(duckDbFilesView(VIEW, files));
    } catch (e) {
      await conn.close();
      failed(where, e);
    }
    return { conn, table: conn.dialect.ident(VIEW), tableName: VIEW, where };
  }
  const url = choice.url!;
  const secret = passwordOf(url);
  let conn: SqlConnection;
  try {
    conn = await openPostgres(url);
  } catch (e) {
    const err = e as Error & { code?: string; errors?: Error[] };
    let reason = err.message || err.errors?.map((x) => x.message).join('; ') || err.code || String(e);
    if (secret) reason = reason.split(secret).join('***');
    throw inputError('DB_CONNECT', msg('ENGINE_DB_CONNECT', { url: redactUrl(url), reason: reason.split('\n')[0]! }));
  }
  const t = choice.table!;
  return {
    conn,
    table: t
      .split('.')
      .map((x) => conn.dialect.ident(x))
      .join('.'),
    tableName: t,
    where: `${redactUrl(url)} ${t}`,
  };
}

/** A raw CSV read by csv-source: its plan, the rows it rejected (per issue code) and its notes. */
interface RawFile {
  plan: CsvFilePlan;
  rejects: CsvRejects;
  notes: Msg[];
}

/** Why csv-source cannot read a file exactly: the JS engine reads the inputs instead. */
async function rawFile(conn: SqlConnection, file: string, i: number, options: IngestOptions): Promise<RawFile | Msg> {
  const p = await planCsvFile(file, options);
  if (!p.ok) return p.reason.msg;
  // a credit-share column: the JS engine applies the shares (csv-source keeps the column as text)
  const extras = p.file.plan.extras.map(([k]) => p.file.plan.headers[k]!);
  const share = shareColumn(extras);
  if (share !== undefined) return msg('ENGINE_WHY_SPLIT', { file, column: JSON.stringify(extras[share]) });
  const l = await loadCsvSource(conn, p.file, { table: `salesperf_raw_${i}`, duplicates: false });
  if (!l.ok) return l.reason.msg;
  const r = l.rejects;
  if (r.unsure > 0)
    return msg('ENGINE_WHY_UNSURE', { file, rows: r.unsure, value: JSON.stringify(r.issues.get('NOT_EXPRESSIBLE')?.first ?? '?') });
  return { plan: p.file, rejects: r, notes: l.source.notes };
}

/** Raw CSV inputs (`--engine duckdb`): each loaded by csv-source, one view over them all; or the reason to fall back. */
async function connectRaw(
  files: readonly string[],
  options: IngestOptions,
  duck: DuckDbSettings | undefined,
): Promise<{ r: SqlRun; raw: RawFile[] } | { fallback: Msg }> {
  const where = files.join(', ');
  const conn = await openDuckDb(duck);
  const raw: RawFile[] = [];
  let reading = where;
  try {
    for (const [i, file] of files.entries()) {
      reading = file;
      const got = await rawFile(conn, file, i, options);
      if (!('plan' in got)) {
        await conn.close();
        return { fallback: got };
      }
      raw.push(got);
    }
    // duplicates and deal conflicts over every file, in the run's order; each counted in the file of its first example
    const cross = await crossRowChecks(
      conn,
      files.map((_, i) => `salesperf_raw_${i}`),
    );
    reading = where;
    for (const [code, v] of cross) raw[v.first.file]!.rejects.issues.set(code, { rows: v.rows, first: v.first.value, last: v.last.value });
    // every file's view at the run's decimals: DuckDB unifies DECIMAL(38, 4) and DECIMAL(38, 2) as DECIMAL(38, 2), rounding each row
    const scales = {
      amountScale: raw.reduce((m, f) => Math.max(m, f.rejects.amountScale), 2),
      quantityScale: raw.reduce((m, f) => Math.max(m, f.rejects.quantityScale), 0),
    };
    for (const [i, f] of raw.entries()) {
      const s = raw.length > 1 ? duckDbCsvSource(f.plan, { table: `salesperf_raw_${i}`, ...scales }) : null;
      if (s?.ok) for (const q of s.viewSql) await conn.query(q);
    }
    const id = conn.dialect.ident;
    await conn.query(
      `CREATE OR REPLACE VIEW ${id(VIEW)} AS ${files.map((_, i) => `SELECT * FROM ${id(`salesperf_raw_${i}`)}`).join(' UNION ALL BY NAME ')}`,
    );
  } catch (e) {
    await conn.close();
    const reason = String((e as Error).message ?? e).split('\n')[0]!;
    // out of memory under --memory-limit stays an error (exit 3 with the hint): the JS engine would not keep to the limit
    if (e instanceof SalesperfError || /^Out of Memory Error/i.test(reason)) failed(reading, e);
    // DuckDB refused the file as csv-source reads it (a CSV state it cannot parse, thousands of columns…): the JS engine reads it, with the reason
    return { fallback: msg('ENGINE_WHY_DUCKDB_ERROR', { file: reading, reason }) };
  }
  return { r: { conn, table: conn.dialect.ident(VIEW), tableName: VIEW, where }, raw };
}

/** The raw files' reports and rejected rows into the run, as the JS reader reports them; no accepted row but some rejected: NO_DATA_ROWS (exit 1). */
function rawRun(raw: RawFile[], run: IngestRun, notes: (string | Msg)[]): void {
  for (const { plan, rejects, notes: n } of raw) {
    notes.push(...n);
    const mapping: Partial<Record<Field, string>> = {};
    for (const [f, i] of Object.entries(plan.plan.columns)) mapping[f as Field] = plan.plan.headers[i]!;
    const { accepted, rejected, excluded } = rejects;
    run.files.push({
      file: plan.plan.file,
      kind: 'csv',
      headerRow: plan.headerLine,
      headers: plan.plan.headers,
      mapping,
      mappedBy: {},
      dimensions: plan.plan.extras.map(([i]) => plan.plan.headers[i]!),
      formats: { decimal: plan.plan.decimal },
      rowsRead: accepted + rejected + excluded,
      accepted,
      rejected,
      excluded,
      statusCounts: {},
      warnings: [],
    });
    for (const [code, v] of rejects.issues) {
      const value = v.first ?? '';
      const m = msg('ENGINE_RAW_ISSUE', { file: plan.plan.file, code, value: JSON.stringify(value) });
      run.log.addMany({ code, severity: ISSUE_CODES[code]?.severity ?? 'error', ...coded(m), file: plan.plan.file, row: 0, value }, v.rows);
    }
  }
  const sum = (k: 'accepted' | 'rejected') => run.files.reduce((a, f) => a + f[k], 0);
  if (sum('accepted') === 0 && sum('rejected') > 0) {
    const list = run.log
      .summary()
      .filter((s) => s.severity === 'error')
      .map((s) => `${s.code} ×${s.count}`)
      .join(', ');
    throw dataError('NO_DATA_ROWS', msg('NO_DATA_ROWS_REJECTED', { rows: sum('rejected'), list }), msg('NO_DATA_ROWS_REJECTED_HINT'));
  }
}

/**
 * What the raw files' mapping says of the optional columns (as the JS engine's fieldsPresent:
 * mapped, even all blank), and the columns --by may name (a field no file maps is not one, as in the JS engine).
 */
function rawFacts(facts: TableFacts, raw: RawFile[]): TableFacts {
  const mapped = (...fs: Field[]) => raw.some((f) => fs.some((k) => f.plan.plan.columns[k] !== undefined));
  const unmapped = new Set(['source_file', 'source_row', ...DIM_FIELDS.filter((f) => !mapped(f)).map(columnOf)]);
  return {
    ...facts,
    columns: facts.columns.filter((c) => !unmapped.has(c)),
    has: {
      customer: mapped('customer'),
      createdDate: mapped('createdDate'),
      quantity: mapped('quantity'),
      status: mapped('status'),
      profit: mapped('profit', 'cost'),
    },
    repRows: mapped('rep') ? Math.max(1, facts.repRows) : 0,
  };
}

/** The raw files' headers of mapped dimension fields (`--by account` where account is the customer column), as the JS engine takes them. */
function rawAliases(raw: RawFile[]): Map<string, Field> {
  const out = new Map<string, Field>();
  for (const { plan } of raw)
    for (const [f, i] of Object.entries(plan.plan.columns))
      if (DIM_FIELDS.includes(f as Field)) out.set(plan.plan.headers[i]!.trim().toLowerCase(), f as Field);
  return out;
}

function passwordOf(url: string): string | undefined {
  try {
    const p = decodeURIComponent(new URL(url).password);
    return p || undefined;
  } catch {
    return undefined;
  }
}

type Sides = { targets: SideResult | null; spend: SideResult | null; scale: number };

/** Reads targets and spend as the JS engine does (phased to the report's grain) and loads them into the engine as side tables. */
async function loadSides(
  r: SqlRun,
  flags: EngineFlags,
  calendar: Calendar,
  dims: { name: string; column: string }[],
  a: { options: ResolvedIngest['options']; run: IngestRun; notes: (string | Msg)[] },
): Promise<Sides> {
  const sideOpts = {
    ...(a.options.encoding ? { encoding: a.options.encoding } : {}),
    ...(a.options.delimiter ? { delimiter: a.options.delimiter } : {}),
  };
  const sideDims = dims.map((d) => ({ name: d.name, ...(FIELDS.includes(d.name as Field) ? { field: d.name as Field } : {}) }));
  const out: Sides = { targets: null, spend: null, scale: 0 };
  for (const kind of ['targets', 'spend'] as const) {
    const path = flags[kind];
    if (!path) continue;
    const t = await readSideTable(path, sideOpts);
    const sr = buildSideTable(t, {
      calendar,
      dims: sideDims,
      map: parseSideMap(kind === 'targets' ? '--targets-map' : '--spend-map', kind === 'targets' ? flags.targetsMap : flags.spendMap),
      kind,
    });
    if (sr.fatal) throw usageError(kind === 'targets' ? 'TARGETS_FILE' : 'SPEND_FILE', sr.fatal);
    a.notes.push(...sr.notes);
    for (const i of sr.issues) a.run.log.add(i);
    out[kind] = sr;
    for (const per of sr.table.values()) for (const v of per.values()) out.scale = Math.max(out.scale, v.scale);
  }
  for (const kind of ['targets', 'spend'] as const) {
    const sr = out[kind];
    if (!sr) continue;
    const nd = sr.byGroup ? dims.length : 0;
    const rows = sideRows(sr, nd, calendar);
    const sql = sideTableSql(
      r.conn.dialect,
      `salesperf_${kind}`,
      dims.slice(0, nd).map((d) => d.column),
      rows,
      { scale: Math.max(2, out.scale), acquired: kind === 'spend' && sr.acquired !== null },
    );
    for (const q of sql) await r.conn.query(q).catch((e: unknown) => failed(r.where, e));
  }
  return out;
}

/** The input files as the JS engine's file reports (rows read = accepted: a canonical file holds accepted rows only). */
async function fileReports(r: SqlRun, files: readonly string[], facts: TableFacts): Promise<FileReport[]> {
  const mapping: Partial<Record<Field, string>> = {};
  for (const f of FIELDS) if (facts.columns.includes(columnOf(f))) mapping[f] = columnOf(f);
  const known = new Set(CANONICAL_COLUMNS.map((c) => c.name));
  const out: FileReport[] = [];
  for (const file of files) {
    let rows = facts.rows;
    if (files.length > 1) {
      await r.conn.query(duckDbFilesView('salesperf_one', [file])).catch((e: unknown) => failed(file, e));
      rows = int((await r.conn.query(`SELECT COUNT(*) AS n FROM salesperf_one`))[0]?.n);
    }
    const kind =
      /\.parquet$/i.test(file) || (await canonicalInput(file).then((c) => 'kind' in c && c.kind === 'parquet')) ? 'parquet' : 'csv';
    // 'parquet' is a kind only the SQL engines read (meta.inputs[].kind in the JSON schema)
    out.push({
      file,
      kind: kind as FileReport['kind'],
      headerRow: 1,
      headers: facts.columns,
      mapping,
      mappedBy: {},
      dimensions: facts.columns.filter((c) => !known.has(c)),
      formats: { decimal: '.' },
      rowsRead: rows,
      accepted: rows,
      rejected: 0,
      excluded: 0,
      statusCounts: {},
      warnings: [],
    });
  }
  return out;
}

/** No rows, or none in --period/--from/--to: the JS engine's NO_DATA_ROWS (exit 1). */
async function checkRows(
  r: SqlRun,
  facts: TableFacts,
  flags: EngineFlags,
  calendar: Calendar,
  range: { from?: number; to?: number },
): Promise<void> {
  if (facts.rows === 0) throw dataError('NO_DATA_ROWS', msg('NO_DATA_ROWS_FILE', { file: r.where }), msg('NO_DATA_ROWS_FILE_HINT'));
  if (range.from === undefined && range.to === undefined) return;
  const d = r.conn.dialect;
  const conds = [
    ...(range.from !== undefined ? [`${d.ident('date')} >= ${d.date(isoDate(periodDays(range.from, calendar).first))}`] : []),
    ...(range.to !== undefined ? [`${d.ident('date')} <= ${d.date(isoDate(periodDays(range.to, calendar).last))}`] : []),
  ];
  const [c] = await r.conn.query(`SELECT COUNT(*) AS n FROM ${r.table} WHERE ${conds.join(' AND ')}`);
  if (int(c?.n) > 0) return;
  const what = rangeFlagsText(flags);
  const key = (iso: string) => periodKey(periodOfIso(iso, calendar), calendar);
  const dated = facts.first && facts.last ? msg('NO_DATA_ROWS_DATED', { first: key(facts.first), last: key(facts.last) }) : '';
  throw dataError('NO_DATA_ROWS', msg('NO_DATA_ROWS_RANGE', { range: what, dated }), msg('NO_DATA_ROWS_RANGE_HINT'));
}

function periodOfIso(iso: string, calendar: Calendar): number {
  return periodOf(daysFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))), calendar);
}

/**
 * Reads and aggregates on DuckDB or PostgreSQL (chooseEngine said which): the analysis a JS report
 * would give; `{ fallback }` when csv-source cannot read a raw CSV input exactly (the reason, for the note).
 */
export async function analyseSql(
  choice: EngineChoice,
  files: string[],
  flags: EngineFlags,
  ingest: ResolvedIngest,
): Promise<Analysis | { fallback: Msg }> {
  const options = { ...ingest.options };
  const notes: (string | Msg)[] = [...ingest.notes];
  const calendar = calendarOf(flags);
  const range = periodRange(flags, calendar);
  const c = choice.raw ? await connectRaw(files, options, choice.duck) : { r: await connect(choice, files), raw: null };
  if ('fallback' in c) return c;
  const { r, raw } = c;
  try {
    const run = newRun();
    if (raw) rawRun(raw, run, notes);
    const table = await tableFacts(r.conn, r.table).catch((e: unknown) => failed(r.where, e));
    const facts = raw ? rawFacts(table, raw) : table;
    await checkRows(r, facts, flags, calendar, range).catch((e: unknown) => failed(r.where, e));
    const by = resolveBy(flags.by, facts, raw ? rawAliases(raw) : undefined);
    for (const cur of facts.currencies) run.currencies.add(cur);
    if (choice.engine === 'duckdb' && !raw) run.files.push(...(await fileReports(r, files, facts)));
    const sides = await loadSides(r, flags, calendar, by, { options, run, notes });
    const req: SqlReportRequest = {
      table: r.tableName,
      dims: by.map((d) => d.column),
      calendar,
      has: facts.has,
      amountScale: Math.max(facts.amountScale, sides.scale),
      quantityScale: facts.quantityScale,
      asOf: options.asOf ?? null,
      ...(range.from !== undefined ? { from: range.from } : {}),
      ...(range.to !== undefined ? { to: range.to } : {}),
      ...(sides.targets ? { targets: { table: 'salesperf_targets', byGroup: sides.targets.byGroup && by.length > 0 } } : {}),
      ...(sides.spend
        ? { spend: { table: 'salesperf_spend', byGroup: sides.spend.byGroup && by.length > 0, acquired: sides.spend.acquired !== null } }
        : {}),
    };
    const sqlResult = await runReportSql(choice.engine as 'duckdb' | 'postgres', req, { connection: r.conn }).catch((e: unknown) =>
      failed(r.where, e),
    );
    const result: EngineResult = {
      ...sqlResult,
      dimensions: by.map((d) => d.name),
      unmatched: { targets: unmatchedOf(sqlResult, sides.targets), spend: unmatchedOf(sqlResult, sides.spend) },
    };
    unmatchedSides(
      result,
      run,
      notes,
      [
        ['targets', sides.targets, flags.targets],
        ['spend', sides.spend, flags.spend],
      ],
      undefined,
    );
    const dims: DimSpec[] = by.map((d) => ({ name: d.name, get: () => null }));
    const inputs = [...files, ...[flags.targets, flags.spend].filter((x): x is string => x !== undefined)];
    return {
      options,
      config: ingest.config,
      calendar,
      run,
      dims,
      result,
      org: null,
      targets: sides.targets,
      spend: sides.spend,
      notes,
      inputs,
      rejected: [],
    };
  } finally {
    await r.conn.close();
  }
}
