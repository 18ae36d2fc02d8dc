/**
 * A raw CRM CSV straight into DuckDB (issue 12): from the JS reader's plan of the file (header
 * row, column mapping, date order, decimal separator, status words — src/ingest/read.ts
 * `planFile`), a DuckDB SELECT over `read_csv(file, all_varchar = true, …)` that yields the
 * canonical table (src/sql/canonical.ts) the compiled report reads, and a reject query that counts
 * per issue code what the JS reader would reject or leave out, with the warnings it gives accepted
 * rows (negative, outlier, future, created-after-close, control characters); `crossRowChecks` counts
 * the duplicate rows and deal conflicts over every file of a run.
 *
 * Only forms whose meaning SQL reproduces exactly are parsed: dates `YYYY-M-D` (`-`, `/` or `.`),
 * `D/M/Y` or `M/D/Y` by the plan's order (2- or 4-digit years), `YYYYMMDD`; amounts and quantities
 * as plain digits with an optional sign and the plan's decimal separator; status words by the same
 * normalisation as src/core/status.ts. A file whose sample shows any other form (万/亿, accounting
 * negatives, currency signs, thousands separators, times, month names, Excel serials), a
 * non-UTF-8 encoding or a workbook is refused with the reason. A value further down that SQL
 * cannot decide either way (it might be a form the JS reader accepts) is counted as
 * NOT_EXPRESSIBLE by the reject query: the caller must then read the file with the JS reader.
 */
import { dateWindow, isoDate } from '../core/dates.js';
import { escapeControls } from '../core/format.js';
import { msg, type Msg } from '../core/message-catalog.js';
import { normaliseStatus } from '../core/status.js';
import type { Cell } from '../io/source.js';
import { detectHeaderRow } from '../ingest/infer.js';
import type { IngestOptions } from '../ingest/read.js';
import { isXlsxPath, openSource, planFile } from '../ingest/read.js';
import { mapColumns } from '../ingest/mapping.js';
import { TEXT_FIELDS, TOTALS_LABELS, type BuilderPlan } from '../ingest/record.js';
import { dimensionColumnNames } from './canonical.js';
import { duckdb } from './dialect.js';

/** What the JS reader decided about one CSV file, and the rows it sampled below the header. */
export interface CsvFilePlan {
  plan: BuilderPlan;
  kind: 'csv' | 'xlsx';
  encoding: string | undefined;
  delimiter: string | undefined;
  /** Line of the header row as the user sees it (1 = the first line). */
  headerLine: number;
  /** Physical lines above the header: equal to headerLine − 1 unless a cell above it spans lines. */
  linesAbove: number;
  sample: Cell[][];
}

export interface CsvSourceOptions {
  /** The view's name (default `sales`). */
  table?: string;
  /** Decimals of the amount and profit columns (at least every accepted row's; the reject query reports them). */
  amountScale?: number;
  quantityScale?: number;
  /** Count the file's duplicate rows in `loadCsvSource` (default true); false when `crossRowChecks` counts them over every file of the run. */
  duplicates?: boolean;
}

export interface CsvReason {
  code: string;
  msg: Msg;
}

export type CsvSource =
  | {
      ok: true;
      loadSql: string[];
      viewSql: string[];
      rejectSql: string[];
      warningSql: string;
      duplicateSql: string;
      notes: Msg[];
      dims: string[];
    }
  | { ok: false; reason: CsvReason };

/** JavaScript's `String.prototype.trim` whitespace, for DuckDB's `trim(s, characters)`. */
const WS = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** The same as an RE2 character class body. */
const WS_RE = String.raw`\s\x{00a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}\x{000b}`;
const lit = (s: string) => duckdb.string(s);
const TOTALS_LABEL_LIST = [...TOTALS_LABELS];
const MONEY_LIMIT = '9999999999999.99';

// ---- the value forms SQL parses, the same on the JS side for the sample check ----

const YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const XY = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/;
const COMPACT = /^\d{8}$/;

/** How SQL reads a date text: a form it parses, one it knows is not a date, or one it cannot decide. */
export function dateForm(t: string): 'blank' | 'parsed' | 'invalid' | 'unsure' {
  if (t === '') return 'blank';
  if (YMD.test(t) || XY.test(t) || COMPACT.test(t)) return 'parsed';
  if (/^\d/.test(t) ? !/[A-Za-z年:]/.test(t) : !/^[A-Za-z]{3}/.test(t) || !/\d/.test(t)) return 'invalid';
  return 'unsure';
}

const plainNumber = (sep: string) => new RegExp(`^[-+]?(?:\\d+(?:\\${sep}\\d*)?|\\${sep}\\d+)$`);

/** How SQL reads a number text (the same three outcomes). */
export function numberForm(t: string, sep: string): 'blank' | 'parsed' | 'invalid' | 'unsure' {
  if (t === '') return 'blank';
  if (plainNumber(sep).test(t)) return 'parsed';
  return /\d/.test(t) ? 'unsure' : 'invalid';
}

/** Why a number form is not expressible, for the reason. */
function numberWhy(t: string): Msg {
  if (/[万亿]/.test(t)) return msg('CSVSRC_WHY_WAN');
  if (/^\s*\(.*\)\s*$/.test(t)) return msg('CSVSRC_WHY_ACCOUNTING');
  if (/[$¥￥€£元]|[A-Za-z]{3}/.test(t)) return msg('CSVSRC_WHY_CURRENCY');
  if (/\d[,.' \u00a0]\d{3}/.test(t)) return msg('CSVSRC_WHY_GROUPING');
  return msg('CSVSRC_WHY_FORM');
}

// ---- planning: the JS reader's decisions without reading the whole file ----

async function readTopRows(path: string, options: IngestOptions, need: number) {
  const src = await openSource(path, options);
  const rows: Cell[][] = [];
  const lines: number[] = [];
  const it = src.batches()[Symbol.asyncIterator]();
  while (rows.length < need) {
    const r = await it.next();
    if (r.done) break;
    rows.push(...r.value.rows);
    lines.push(...r.value.lines);
  }
  await it.return?.(undefined);
  src.close?.();
  return { info: src.info, rows, lines };
}

/**
 * Plan a CSV file as `validate` does (header, mapping, formats from the first rows), or the reason
 * it cannot be planned here. Throws the reader's own usage errors (ambiguous dates or decimals).
 */
export async function planCsvFile(
  path: string,
  options: IngestOptions,
): Promise<{ ok: true; file: CsvFilePlan } | { ok: false; reason: CsvReason }> {
  if (path === '-') return { ok: false, reason: { code: 'CSVSRC_STDIN', msg: msg('CSVSRC_STDIN') } };
  if (isXlsxPath(path)) return { ok: false, reason: { code: 'CSVSRC_XLSX', msg: msg('CSVSRC_XLSX', { file: path }) } };
  const top = await readTopRows(path, options, (options.sampleRows ?? 5000) + 30);
  const h =
    options.headerRow !== undefined
      ? top.lines.indexOf(options.headerRow)
      : top.rows.length
        ? detectHeaderRow(top.rows, Object.values(options.map ?? {}))
        : 0;
  const headers = (top.rows[h] ?? []).map((c) => (typeof c === 'string' ? c : ''));
  const m = mapColumns(headers, options.map);
  if (h < 0 || headers.length === 0 || m.problems.length)
    return { ok: false, reason: { code: 'CSVSRC_MAPPING', msg: msg('CSVSRC_MAPPING', { file: path }) } };
  const rows = top.rows.slice(h + 1);
  const extras: [number, number][] = m.extra.map((i, k) => [i, k]);
  const info = top.info;
  const { plan } = planFile(
    {
      file: info.file,
      kind: info.kind,
      typedNumbers: info.typedNumbers,
      date1904: info.date1904 ?? false,
      source: 0,
      headers,
      columns: m.columns,
      extras,
      rows,
    },
    options,
  );
  return {
    ok: true,
    file: {
      plan,
      kind: info.kind,
      encoding: info.encoding,
      delimiter: info.delimiter,
      headerLine: top.lines[h] ?? 1,
      linesAbove: h,
      sample: rows,
    },
  };
}

// ---- expressibility ----

/** The first reason the plan or its sample cannot be read by SQL exactly, or null. */
export function notExpressible(f: CsvFilePlan): CsvReason | null {
  const { plan } = f;
  const file = plan.file;
  const no = (code: string, params: Record<string, string | number | Msg> = {}) => ({ code, msg: msg(code, { file, ...params }) });
  if (f.kind !== 'csv') return no('CSVSRC_XLSX');
  if (f.encoding !== 'utf-8') return no('CSVSRC_ENCODING', { encoding: f.encoding ?? '?' });
  if (plan.strict) return no('CSVSRC_STRICT');
  if (plan.dateSerials || plan.createdSerials) return no('CSVSRC_SERIALS');
  if (f.linesAbove !== f.headerLine - 1) return no('CSVSRC_PREAMBLE');
  const col = plan.columns;
  const cell = (r: Cell[], i: number) => (typeof r[i] === 'string' ? (r[i] as string).trim() : '');
  const checks: [number | undefined, (t: string) => string, (t: string) => Msg][] = [
    [col.date, dateForm, () => msg('CSVSRC_WHY_DATE')],
    [col.createdDate, dateForm, () => msg('CSVSRC_WHY_DATE')],
    [col.amount, (t) => numberForm(t, plan.decimal), numberWhy],
    [col.quantity, (t) => numberForm(t, plan.quantityDecimal), numberWhy],
    [col.profit ?? col.cost, (t) => numberForm(t, plan.decimal), numberWhy],
  ];
  for (const [i, form, why] of checks) {
    if (i === undefined) continue;
    for (const r of f.sample) {
      const t = cell(r, i);
      if (form(t) === 'unsure')
        return no('CSVSRC_VALUE', { column: JSON.stringify(plan.headers[i]), value: JSON.stringify(t.slice(0, 40)), why: why(t) });
    }
  }
  if (col.status !== undefined) {
    for (const r of f.sample) {
      const t = cell(r, col.status);
      // NFKC (which SQL lacks) changes nothing in ASCII; other text must be a known word as written
      if (t.toLowerCase().replace(/[-_\s]+/g, ' ') !== normaliseStatus(t))
        return no('CSVSRC_VALUE', {
          column: JSON.stringify(plan.headers[col.status]),
          value: JSON.stringify(t.slice(0, 40)),
          why: msg('CSVSRC_WHY_STATUS'),
        });
    }
  }
  return null;
}

// ---- SQL pieces ----

/** JavaScript's trim; a cell that starts and ends with a printable ASCII character (most) skips `trim(s, characters)`, which costs ~10× a plain read. */
const trimmed = (c: string) =>
  `(CASE WHEN ${c}[1] BETWEEN '!' AND '~' AND ${c}[-1] BETWEEN '!' AND '~' THEN ${c} ELSE trim(${c}, ${lit(WS)}) END)`;
const hasDigit = (x: string) => `regexp_matches(${x}, '[0-9]')`;

/** DATE of a trimmed text by the plan's order, NULL when it is no date; `p` prefixes the helper aliases. */
function dayExpr(p: string, x: string, order: BuilderPlan['dateOrder']): { defs: string[]; day: string; form: string } {
  const ymd = `${p}_ymd`;
  const xy = `${p}_xy`;
  const y2 = `${p}_y`;
  const iso = `${p}_iso`;
  const f = (v: string, k: string) => `struct_extract(${v}, '${k}')`;
  const int = (e: string) => `TRY_CAST(${e} AS INTEGER)`;
  const mk = (y: string, m: string, d: string) => `try(make_date(${y}, ${m}, ${d}))`;
  const a = int(f(xy, 'a'));
  const b = int(f(xy, 'b'));
  const xyDay =
    order === 'dmy'
      ? mk(y2, b, a)
      : order === 'mdy'
        ? mk(y2, a, b)
        : `CASE WHEN ${a} > 12 AND ${b} <= 12 THEN ${mk(y2, b, a)} WHEN ${b} > 12 AND ${a} <= 12 THEN ${mk(y2, a, b)} WHEN ${a} = ${b} THEN ${mk(y2, b, a)} END`;
  const isYmd = `coalesce(${f(ymd, 'y')} <> '' AND ${f(ymd, 's1')} = ${f(ymd, 's2')}, FALSE)`;
  const isXy = `coalesce(${f(xy, 'a')} <> '' AND ${f(xy, 's1')} = ${f(xy, 's2')}, FALSE)`;
  const compact = `regexp_full_match(${x}, '[0-9]{8}')`;
  const defs = [
    // fast path: an ISO date that DuckDB's own cast reads and prints back unchanged (no regex)
    `coalesce(length(${x}) = 10 AND CAST(TRY_CAST(${x} AS DATE) AS VARCHAR) = ${x}, FALSE) AS ${iso}`,
    `CASE WHEN NOT ${iso} AND ${x} <> '' THEN regexp_extract(${x}, '^([0-9]{4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})$', ['y', 's1', 'm', 's2', 'd']) END AS ${ymd}`,
    `CASE WHEN NOT ${iso} AND ${x} <> '' THEN regexp_extract(${x}, '^([0-9]{1,2})([-/.])([0-9]{1,2})([-/.])([0-9]{4}|[0-9]{2})$', ['a', 's1', 'b', 's2', 'y']) END AS ${xy}`,
    `CASE WHEN length(${f(xy, 'y')}) = 2 THEN (CASE WHEN ${int(f(xy, 'y'))} < 30 THEN 2000 ELSE 1900 END) + ${int(f(xy, 'y'))} WHEN ${f(xy, 'y')} <> '' THEN ${int(f(xy, 'y'))} END AS ${y2}`,
    `CASE WHEN ${x} = '' THEN NULL WHEN ${iso} THEN TRY_CAST(${x} AS DATE)
      WHEN ${isYmd} THEN (CASE WHEN ${int(f(ymd, 'y'))} >= 1 THEN ${mk(int(f(ymd, 'y')), int(f(ymd, 'm')), int(f(ymd, 'd')))} END)
      WHEN ${isXy} THEN ${xyDay}
      WHEN ${compact} THEN (CASE WHEN ${int(`left(${x}, 4)`)} >= 1 THEN ${mk(int(`left(${x}, 4)`), int(`substr(${x}, 5, 2)`), int(`right(${x}, 2)`))} END) END AS ${p}_day`,
    `CASE WHEN ${x} = '' THEN 'blank' WHEN ${p}_day IS NOT NULL THEN 'parsed'
      WHEN ${isYmd} OR ${isXy} OR ${compact} THEN 'invalid'
      WHEN regexp_matches(${x}, '^[0-9]') AND NOT regexp_matches(${x}, '[A-Za-z年:]') THEN 'invalid'
      WHEN NOT regexp_matches(${x}, '^[0-9]') AND NOT (regexp_matches(${x}, '^[A-Za-z]{3}') AND regexp_matches(${x}, '[0-9]')) THEN 'invalid'
      ELSE 'unsure' END AS ${p}_form`,
  ];
  return { defs, day: `${p}_day`, form: `${p}_form` };
}

/**
 * A number of a trimmed text: `${p}_v` DECIMAL(38, 20) or NULL, `${p}_scale`, `${p}_form` one of
 * blank, parsed, invalid, range (too long, too many decimals or beyond the money limit), unsure.
 * DuckDB casts text to DECIMAL(18, s) some ten times faster than to DECIMAL(38, s), so values of
 * at most 12 integer digits and 6 decimals take that way; the rest are rebuilt and cast exactly.
 */
function numberExpr(p: string, x: string, sep: string): string[] {
  const re = sep === ',' ? ',' : String.raw`\.`;
  const at = `strpos(${x}, ${lit(sep)})`;
  const dot = sep === ',' ? `replace(${x}, ',', '.')` : x;
  const intPart = `split_part(ltrim(${x}, '+-'), ${lit(sep)}, 1)`;
  const frac = `split_part(${x}, ${lit(sep)}, 2)`;
  const intd = `ltrim(${intPart}, '0')`;
  const exact = `CAST(concat(CASE WHEN left(${x}, 1) = '-' THEN '-' ELSE '' END, coalesce(nullif(${intd}, ''), '0'), '.', coalesce(nullif(${frac}, ''), '0')) AS DECIMAL(38, 20))`;
  return [
    `regexp_full_match(${x}, '[-+]?(?:[0-9]+(?:${re}[0-9]*)?|${re}[0-9]+)') AS ${p}_ok`,
    `CASE WHEN ${at} > 0 THEN length(${x}) - ${at} ELSE 0 END AS ${p}_scale`,
    `length(${x}) - ${p}_scale - (CASE WHEN ${at} > 0 THEN 1 ELSE 0 END) - (CASE WHEN left(${x}, 1) IN ('-', '+') THEN 1 ELSE 0 END) AS ${p}_intlen`,
    `CASE WHEN NOT ${p}_ok OR length(${x}) > 64 THEN NULL WHEN ${p}_intlen <= 12 AND ${p}_scale <= 6 THEN CAST(CAST(${dot} AS DECIMAL(18, 6)) AS DECIMAL(38, 20))
      WHEN ${p}_scale <= 20 AND length(${intd}) <= 13 THEN ${exact} END AS ${p}_v`,
    `CASE WHEN ${x} = '' THEN 'blank' WHEN length(${x}) > 64 THEN 'range' WHEN ${p}_ok AND (${p}_v IS NULL OR (CASE WHEN ${p}_intlen > 12 THEN abs(round(${p}_v, 2)) > ${MONEY_LIMIT} ELSE FALSE END)) THEN 'range'
      WHEN ${p}_ok THEN 'parsed' WHEN NOT ${hasDigit(x)} THEN 'invalid' ELSE 'unsure' END AS ${p}_form`,
  ];
}

/** TRUE when a raw cell is blank or a number, FALSE when surely not a number, NULL when SQL cannot tell. */
function numericCell(c: string, sep: string): string {
  const s = sep === ',' ? ',' : String.raw`\.`;
  const t = trimmed(c);
  return `(CASE WHEN ${t} = '' OR regexp_full_match(${t}, '[-+]?(?:[0-9]+(?:${s}[0-9]*)?|${s}[0-9]+)') THEN TRUE WHEN NOT ${hasDigit(c)} THEN FALSE END)`;
}

function totalsLabel(c: string): string {
  const norm = `lower(regexp_replace(regexp_replace(${trimmed(c)}, '[${WS_RE}]*[:：]$', ''), '[${WS_RE}]+', ' ', 'g'))`;
  // the first letter first, as the builder does: this runs on every row
  const firsts = [...new Set(TOTALS_LABEL_LIST.map((l) => l.charAt(0)))];
  return `(CASE WHEN lower(left(${trimmed(c)}, 1)) IN (${firsts.map(lit).join(', ')}) THEN length(${c}) <= 24 AND ${norm} IN (${TOTALS_LABEL_LIST.map(lit).join(', ')}) ELSE FALSE END)`;
}

/** The totals-row test as the builder makes it: a label in the date column or the first, every other cell blank or a number. */
function totalsExpr(plan: BuilderPlan): string {
  const width = plan.headers.length;
  const iDate = plan.columns.date!;
  const others = (at: number) => {
    const parts = Array.from({ length: width }, (_, k) => k)
      .filter((k) => k !== at)
      .map((k) => numericCell(`c${k}`, plan.decimal));
    return parts.length ? parts.join(' AND ') : 'TRUE';
  };
  const atDate = `CASE WHEN ${totalsLabel(`c${iDate}`)} THEN (${others(iDate)})`;
  const atFirst = iDate === 0 ? '' : ` WHEN ${totalsLabel('c0')} THEN (${others(0)})`;
  return `${atDate}${atFirst} ELSE FALSE END AS x_totals`;
}

function readCsvSql(f: CsvFilePlan): string {
  const cols = f.plan.headers.map((_, k) => `${lit(`c${k}`)}: 'VARCHAR'`).join(', ');
  const delim = f.delimiter ?? ',';
  return `read_csv(${lit(f.plan.file)}, header = true, skip = ${f.headerLine - 1}, auto_detect = false, delim = ${lit(delim)}, quote = '"', escape = '"', nullstr = '\u0001', columns = {${cols}}, store_rejects = true, rejects_table = 'salesperf_csv_rejects', rejects_scan = 'salesperf_csv_scans')`;
}

/** The per-row classification: every cell the builder reads, parsed, with the issue code of each check (NULL when fine). */
function classifiedSql(f: CsvFilePlan): string {
  const { plan } = f;
  const col = plan.columns;
  const cellOf = (i: number | undefined) => (i === undefined ? `''` : trimmed(`c${i}`));
  const window = dateWindow(plan.asOf, plan.futureYears, plan.pastYears);
  const first = `DATE ${lit(isoDate(window.first))}`;
  const last = `DATE ${lit(isoDate(window.last))}`;
  const words = [...plan.statuses.entries()].map(([w, s]) => `(${lit(w)}, ${lit(s)})`).join(', ');
  const hasStatus = col.status !== undefined;
  const iProfit = col.profit ?? col.cost;
  const profitIsCost = col.profit === undefined && col.cost !== undefined;
  const cr = dayExpr('cr', 'x_created', plan.createdOrder);
  const dt = dayExpr('dt', 'x_date', plan.dateOrder);
  const base = `SELECT *, ${cellOf(col.status)} AS x_st_raw, lower(regexp_replace(x_st_raw, '[-_${WS_RE}]+', ' ', 'g')) AS x_st_norm FROM ${readCsvSql(f)}`;
  const known = hasStatus
    ? `SELECT b.*, w.st AS x_status FROM (${base}) b LEFT JOIN (VALUES ${words}) w(word, st) ON w.word = b.x_st_norm`
    : `SELECT b.*, 'won' AS x_status FROM (${base}) b`;
  const defs = [
    `${cellOf(col.createdDate)} AS x_created`,
    `${cellOf(col.date)} AS x_date`,
    `${cellOf(col.amount)} AS x_amount`,
    `${cellOf(col.quantity)} AS x_qty`,
    `${cellOf(iProfit)} AS x_profit`,
    totalsExpr(plan),
    `coalesce(x_status, 'won') AS x_eff`,
    `x_status IS NOT DISTINCT FROM 'open' AS x_open`,
    ...cr.defs,
    `CASE WHEN cr_form = 'parsed' AND cr_day BETWEEN ${first} AND ${last} THEN cr_day END AS x_created_day`,
    `CASE WHEN cr_form IN ('invalid', 'parsed') AND x_created_day IS NULL THEN 'CREATED_DATE_INVALID' WHEN cr_form = 'unsure' THEN 'NOT_EXPRESSIBLE' END AS w_created`,
    ...dt.defs,
    `dt_form = 'blank' AND x_open AND x_created_day IS NULL AS x_open_undated`,
    `CASE WHEN dt_form = 'blank' AND x_open THEN x_created_day ELSE dt_day END AS x_day`,
    `CASE WHEN dt_form = 'blank' THEN (CASE WHEN NOT x_open THEN 'REQUIRED_BLANK' END) WHEN dt_form = 'invalid' THEN 'DATE_INVALID' WHEN dt_form = 'unsure' THEN 'NOT_EXPRESSIBLE'
      WHEN dt_day < ${first} OR dt_day > ${last} THEN 'DATE_OUT_OF_RANGE' END AS e_date`,
    `CASE WHEN ${hasStatus ? 'TRUE' : 'FALSE'} AND x_st_raw = '' THEN 'STATUS_BLANK' WHEN x_status IS NULL THEN (CASE WHEN regexp_matches(x_st_raw, '[^\\x00-\\x7f]') THEN 'NOT_EXPRESSIBLE' ELSE 'STATUS_UNKNOWN' END) END AS e_status`,
    ...numberExpr('am', 'x_amount', plan.decimal),
    `CASE am_form WHEN 'blank' THEN (CASE WHEN x_eff NOT IN ('open', 'lost') THEN 'REQUIRED_BLANK' END) WHEN 'invalid' THEN 'AMOUNT_INVALID' WHEN 'range' THEN 'AMOUNT_OUT_OF_RANGE' WHEN 'unsure' THEN 'NOT_EXPRESSIBLE' END AS e_amount`,
    ...numberExpr('qt', 'x_qty', plan.quantityDecimal),
    `CASE qt_form WHEN 'invalid' THEN 'QUANTITY_INVALID' WHEN 'range' THEN (CASE WHEN length(x_qty) > 64 THEN 'QUANTITY_INVALID' ELSE 'AMOUNT_OUT_OF_RANGE' END) WHEN 'unsure' THEN 'NOT_EXPRESSIBLE' END AS e_qty`,
    ...numberExpr('pf', 'x_profit', plan.decimal),
    `CASE pf_form WHEN 'invalid' THEN 'PROFIT_INVALID' WHEN 'range' THEN 'AMOUNT_OUT_OF_RANGE' WHEN 'unsure' THEN 'NOT_EXPRESSIBLE' END AS e_profit`,
    `coalesce(e_status, e_date, e_amount, e_qty, e_profit) IS NOT NULL AS x_errors`,
    // a row of empty cells only (",,,") is skipped by the JS reader as a blank line: neither read nor hashed
    `coalesce(${plan.headers.map((_, k) => `c${k} = ''`).join(' AND ')}, FALSE) AS x_blank`,
    `CASE WHEN x_blank THEN 'BLANK' WHEN x_totals THEN 'EXCLUDED' WHEN x_totals IS NULL THEN 'UNKNOWN' WHEN x_open_undated THEN (CASE WHEN e_status IS NULL THEN 'EXCLUDED' ELSE 'REJECTED' END)
      WHEN x_errors THEN 'REJECTED' ELSE 'ACCEPTED' END AS x_outcome`,
    `coalesce(am_v, 0) AS x_units`,
    `CASE WHEN x_eff = 'refund' AND x_units >= 0 THEN -x_units ELSE x_units END AS x_amount_v`,
    `${profitIsCost ? `x_units - pf_v` : 'pf_v'} AS x_profit0`,
    `CASE WHEN x_eff = 'refund' AND x_units >= 0 THEN -x_profit0 ELSE x_profit0 END AS x_profit_v`,
    `greatest(am_scale, ${profitIsCost ? 'greatest(am_scale, pf_scale)' : 'coalesce(pf_scale, 0)'}) AS x_amount_scale`,
    ...warningDefs(plan),
  ];
  // one layer per definition: each may use the ones before it
  return defs.reduce((from, def, k) => `SELECT *, ${def} FROM (${from}) l${k}`, known);
}

/** The text cells the builder checks for control characters: the mapped text fields (not the stage) and the other columns. */
function textColumns(plan: BuilderPlan): number[] {
  const mapped = TEXT_FIELDS.filter((f) => f !== 'stage').map((f) => plan.columns[f]);
  return [...mapped, ...plan.extras.map(([i]) => i)].filter((i): i is number => i !== undefined);
}

/** C0 controls but tab, LF and CR (src/ingest/record.ts CONTROL), as an RE2 class. */
const CONTROL_RE = String.raw`[\x00-\x08\x0b\x0c\x0e-\x1f]`;

/** The value warnings of an accepted row as bits of `_sp_warn`, with the stored column their example shows. */
const WARNING_BITS: [string, number, string][] = [
  ['NEGATIVE_AMOUNT', 1, 'amount'],
  ['AMOUNT_OUTLIER', 2, 'amount'],
  ['FUTURE_DATE', 4, 'date'],
  ['CREATED_AFTER_CLOSE', 8, 'created_date'],
];
const WARNING_COLUMN: Record<string, string> = {
  NEGATIVE_AMOUNT: 'w_negative',
  AMOUNT_OUTLIER: 'w_outlier',
  FUTURE_DATE: 'w_future',
  CREATED_AFTER_CLOSE: 'w_after',
};

/**
 * The warnings the builder gives an accepted row (src/ingest/record.ts checkValues, text): NEGATIVE_AMOUNT,
 * AMOUNT_OUTLIER (log10 of the amount above the plan's fence), FUTURE_DATE (after the as-of date),
 * CREATED_AFTER_CLOSE (not on open deals) as `x_warn_bits`, and CONTROL_CHARACTER per text cell (`x_control` when any).
 */
function warningDefs(plan: BuilderPlan): string[] {
  const ok = `x_outcome = 'ACCEPTED'`;
  const fence = plan.outlierFence;
  const texts = textColumns(plan);
  // one regex over the row's text cells; a cell is tested (trimmed, as the builder does) only in a row that has one
  const anyControl = texts.length ? `regexp_matches(concat(${texts.map((i) => `c${i}`).join(', ')}), '${CONTROL_RE}')` : 'FALSE';
  return [
    `CASE WHEN ${ok} AND x_eff <> 'refund' AND x_units < 0 THEN 'NEGATIVE_AMOUNT' END AS w_negative`,
    fence === null
      ? `CAST(NULL AS VARCHAR) AS w_outlier`
      : `CASE WHEN ${ok} AND x_units <> 0 AND log10(abs(CAST(x_units AS DOUBLE))) > CAST('${fence}' AS DOUBLE) THEN 'AMOUNT_OUTLIER' END AS w_outlier`,
    plan.asOf === null
      ? `CAST(NULL AS VARCHAR) AS w_future`
      : `CASE WHEN ${ok} AND x_day > DATE ${lit(isoDate(plan.asOf))} THEN 'FUTURE_DATE' END AS w_future`,
    `CASE WHEN ${ok} AND x_created_day > x_day AND x_eff <> 'open' THEN 'CREATED_AFTER_CLOSE' END AS w_after`,
    `${ok} AND ${anyControl} AS x_control`,
    ...texts.map(
      (i) => `CASE WHEN x_control AND regexp_matches(${trimmed(`c${i}`)}, '${CONTROL_RE}') THEN 'CONTROL_CHARACTER' END AS w_control_${i}`,
    ),
    // the value warnings as bits (WARNING_BITS): a small integer per row, counted by one aggregate, where a list per row cost ~2× the load when most rows have one
    `CAST(nullif(${WARNING_BITS.map(([code, bit]) => `CASE WHEN ${WARNING_COLUMN[code]} IS NOT NULL THEN ${bit} ELSE 0 END`).join(' + ')}, 0) AS UTINYINT) AS x_warn_bits`,
  ];
}

/** The issue codes of a row (with the cell shown as an example), as the builder would report them; NULL for a clean row (most rows: no list is built). */
function rowIssuesSql(plan: BuilderPlan): string {
  const s = (code: string, value: string) => `{'code': ${code}, 'value': ${value}}`;
  const controls = textColumns(plan).map((i) => s(`w_control_${i}`, trimmed(`c${i}`)));
  return `CASE WHEN x_outcome = 'BLANK' OR (x_outcome = 'ACCEPTED' AND w_created IS NULL AND NOT x_control) THEN NULL
    WHEN x_outcome = 'ACCEPTED' THEN [${[s('w_created', 'x_created'), ...controls].join(', ')}]
    WHEN x_totals THEN [${s("'TOTALS_ROW'", 'x_date')}] WHEN x_totals IS NULL THEN [${s("'NOT_EXPRESSIBLE'", 'x_date')}]
    WHEN x_open_undated THEN [${s('e_status', 'x_st_raw')}, ${s('w_created', 'x_created')}, ${s("'OPEN_UNDATED'", 'x_date')}]
    ELSE [${s('e_status', 'x_st_raw')}, ${s('w_created', 'x_created')}, ${s('e_date', 'x_date')}, ${s('e_amount', 'x_amount')}, ${s('e_qty', 'x_qty')}, ${s('e_profit', 'x_profit')}] END`;
}

/** Per value warning: its rows and the first and last rows' stored value (an amount without trailing zeros, a date), from `_sp_warn`. */
function warningSqlOf(rows: string): string {
  const shown = (c: string) => {
    const t = `CAST(${duckdb.ident(c)} AS VARCHAR)`;
    return c === 'amount' ? `CASE WHEN contains(${t}, '.') THEN rtrim(rtrim(${t}, '0'), '.') ELSE ${t} END` : t;
  };
  const parts = WARNING_BITS.map(([code, bit, col]) => {
    const has = `FILTER (WHERE _sp_warn & ${bit} <> 0)`;
    return `SELECT ${lit(code)} AS code, count(*) ${has} AS n, arg_min(${shown(col)}, rowid) ${has} AS first_value, arg_max(${shown(col)}, rowid) ${has} AS last_value FROM ${rows} WHERE _sp_warn IS NOT NULL`;
  });
  return parts.join(' UNION ALL ');
}

/**
 * The canonical table over a raw CSV file for DuckDB, from the JS reader's plan: `viewSql` creates
 * the view, `rejectSql` counts per issue code (run it first: its second query reads the rows
 * DuckDB's CSV reader refused during the first), `duplicateSql` counts rows repeating an earlier
 * one. `{ ok: false, reason }` when the file cannot be read by SQL exactly.
 */
export function duckDbCsvSource(f: CsvFilePlan, o: CsvSourceOptions = {}): CsvSource {
  const why = notExpressible(f);
  if (why) return { ok: false, reason: why };
  const { plan } = f;
  const col = plan.columns;
  const scale = Math.max(2, o.amountScale ?? 2);
  const qscale = o.quantityScale ?? 0;
  const c = classifiedSql(f);
  const dimNames = dimensionColumnNames(plan.extras.map(([i]) => plan.headers[i]!.trim()));
  const text = (i: number | undefined) => (i === undefined ? 'CAST(NULL AS VARCHAR)' : `nullif(${trimmed(`c${i}`)}, '')`);
  const canon: [string, string][] = [
    ['source_file', lit(plan.file)],
    ['source_row', 'CAST(NULL AS BIGINT)'],
    ['date', 'x_day'],
    ['amount', 'x_amount_v'],
    ['status', 'x_eff'],
    ...(['rep', 'customer', 'team', 'region', 'product', 'channel', 'dealId', 'currency'] as const).map((k): [string, string] => [
      k === 'dealId' ? 'deal_id' : k,
      text(col[k]),
    ]),
    ['created_date', 'x_created_day'],
    ['quantity', 'qt_v'],
    ['profit', 'x_profit_v'],
    ...plan.extras.map(([i], k): [string, string] => [dimNames[k]!, text(i)]),
  ];
  const id = (n: string) => duckdb.ident(n);
  const table = o.table ?? 'sales';
  const rows = id(`${table}_csv_rows`);
  // the file name and the (unknown) row number are constants: the view adds them, the temp table does not hold them per row
  const stored = canon.filter(([n]) => n !== 'source_file' && n !== 'source_row');
  // one scan of the file: every row classified and parsed into a temp table (DuckDB spills it under a memory limit)
  const loadSql = [
    `CREATE OR REPLACE TEMP TABLE ${rows} AS SELECT ${rowIssuesSql(plan)} AS _sp_issues, x_warn_bits AS _sp_warn, x_outcome AS _sp_outcome, CASE WHEN x_outcome = 'ACCEPTED' THEN x_amount_scale END AS _sp_amount_scale, CASE WHEN x_outcome = 'ACCEPTED' THEN qt_scale END AS _sp_quantity_scale, hash(${plan.headers.map((_, k) => `c${k}`).join(', ')}) AS _sp_hash, ${stored.map(([n, e]) => `${e} AS ${id(n)}`).join(', ')} FROM (${c}) t`,
  ];
  const cast = (n: string) =>
    n === 'source_file' || n === 'source_row'
      ? `${canon.find(([k]) => k === n)![1]} AS ${id(n)}`
      : n === 'amount' || n === 'profit'
        ? `CAST(${id(n)} AS DECIMAL(38, ${scale})) AS ${id(n)}`
        : n === 'quantity'
          ? `CAST(${id(n)} AS DECIMAL(38, ${qscale})) AS ${id(n)}`
          : id(n);
  const viewSql = [
    `CREATE OR REPLACE VIEW ${id(table)} AS SELECT ${canon.map(([n]) => cast(n)).join(', ')} FROM ${rows} WHERE _sp_outcome = 'ACCEPTED'`,
  ];
  // a ragged line of empty cells only (",," under three headers) is a blank line to the JS reader: skipped, not ragged
  const delimRe = (f.delimiter ?? ',').replace(/[\\^$.|?*+()[\]{}]/g, (ch) => `\\${ch}`);
  // DuckDB's csv_line may carry the line breaks around it ("\n," for "," in a CRLF file)
  const lineText = `trim(csv_line, chr(13) || chr(10))`;
  const blankLine = `regexp_full_match(${lineText}, ${lit(`(?:""|${delimRe})*`)})`;
  const rejectSql = [
    `SELECT _sp_outcome AS code, count(*) AS n, NULL AS first_value, NULL AS last_value, max(_sp_amount_scale) AS amount_scale, max(_sp_quantity_scale) AS quantity_scale FROM ${rows} WHERE _sp_outcome <> 'BLANK' GROUP BY _sp_outcome
     UNION ALL SELECT i.code, count(*), min(i.value), max(i.value), NULL, NULL FROM (SELECT unnest(list_filter(_sp_issues, x -> x.code IS NOT NULL)) AS i FROM ${rows} WHERE _sp_issues IS NOT NULL) GROUP BY i.code`,
    `SELECT CASE WHEN error_type IN ('MISSING COLUMNS', 'TOO MANY COLUMNS') THEN 'ROW_RAGGED' ELSE 'NOT_EXPRESSIBLE' END AS code, count(DISTINCT line) AS n, min(line) AS first_line, max(line) AS last_line FROM salesperf_csv_rejects WHERE NOT ${blankLine} GROUP BY 1`,
  ];
  const ragged = id(`${table}_csv_ragged`);
  // the rows DuckDB refused as ragged, by line, with a hash of their text: a duplicate of one is a duplicate too (as the JS reader counts)
  loadSql.push(
    `CREATE OR REPLACE TEMP TABLE ${ragged} AS SELECT line, hash(any_value(${lineText})) AS _sp_hash FROM salesperf_csv_rejects WHERE error_type IN ('MISSING COLUMNS', 'TOO MANY COLUMNS') AND NOT ${blankLine} GROUP BY line`,
  );
  const duplicateSql = `SELECT count(*) - count(DISTINCT h) AS n FROM (SELECT _sp_hash AS h FROM ${rows} WHERE _sp_outcome <> 'BLANK' UNION ALL SELECT _sp_hash FROM ${ragged})`;
  const notes = [msg('CSVSRC_NOTE_ROWS', { file: plan.file })];
  return { ok: true, loadSql, viewSql, rejectSql, warningSql: warningSqlOf(rows), duplicateSql, notes, dims: dimNames };
}

export interface CsvRejects {
  /** Issues per code as the JS reader counts them (NOT_EXPRESSIBLE: values SQL cannot decide; read the file with the JS reader). */
  issues: Map<string, { rows: number; first: string | null; last: string | null }>;
  accepted: number;
  rejected: number;
  excluded: number;
  /** Rows whose outcome SQL cannot decide (NOT_EXPRESSIBLE, UNKNOWN); 0 means the view is the JS reader's records. */
  unsure: number;
  duplicates: number;
  amountScale: number;
  quantityScale: number;
}

/** Count the rejects, then create the view at the scales the accepted rows need. Throws what DuckDB throws. */
export async function loadCsvSource(
  conn: { query(sql: string): Promise<Record<string, unknown>[]> },
  f: CsvFilePlan,
  o: CsvSourceOptions = {},
): Promise<{ ok: true; rejects: CsvRejects; source: Extract<CsvSource, { ok: true }> } | { ok: false; reason: CsvReason }> {
  const first = duckDbCsvSource(f, o);
  if (!first.ok) return first;
  await conn.query('DROP TABLE IF EXISTS salesperf_csv_rejects; DROP TABLE IF EXISTS salesperf_csv_scans');
  for (const s of first.loadSql) await conn.query(s);
  const r: CsvRejects = {
    issues: new Map(),
    accepted: 0,
    rejected: 0,
    excluded: 0,
    unsure: 0,
    duplicates: 0,
    amountScale: 2,
    quantityScale: 0,
  };
  const num = (v: unknown) => Number(v ?? 0);
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  for (const row of await conn.query(first.rejectSql[0]!)) {
    const code = String(row.code);
    const n = num(row.n);
    if (code === 'ACCEPTED') {
      r.accepted = n;
      r.amountScale = Math.max(2, num(row.amount_scale));
      r.quantityScale = num(row.quantity_scale);
    } else if (code === 'REJECTED') r.rejected += n;
    else if (code === 'EXCLUDED') r.excluded = n;
    else if (code === 'UNKNOWN') r.unsure += n;
    else r.issues.set(code, { rows: n, first: str(row.first_value), last: str(row.last_value) });
  }
  for (const row of await conn.query(first.rejectSql[1]!)) {
    const code = String(row.code);
    const n = num(row.n);
    const had = r.issues.get(code);
    r.issues.set(code, {
      rows: (had?.rows ?? 0) + n,
      first: had?.first ?? `line ${str(row.first_line)}`,
      last: `line ${str(row.last_line)}`,
    });
    if (code === 'ROW_RAGGED') r.rejected += n;
    else r.unsure += n;
  }
  r.unsure += r.issues.get('NOT_EXPRESSIBLE')?.rows ?? 0;
  for (const row of await conn.query(first.warningSql))
    if (num(row.n) > 0) r.issues.set(String(row.code), { rows: num(row.n), first: str(row.first_value), last: str(row.last_value) });
  const control = r.issues.get('CONTROL_CHARACTER');
  if (control) r.issues.set('CONTROL_CHARACTER', { ...control, first: shownControl(control.first), last: shownControl(control.last) });
  if (o.duplicates !== false) {
    r.duplicates = num((await conn.query(first.duplicateSql))[0]?.n);
    if (r.duplicates > 0) r.issues.set('DUPLICATE_ROW', { rows: r.duplicates, first: null, last: null });
  }
  const source = duckDbCsvSource(f, { ...o, amountScale: r.amountScale, quantityScale: r.quantityScale });
  if (!source.ok) return source;
  for (const s of source.viewSql) await conn.query(s);
  return { ok: true, rejects: r, source };
}

/** A control-character cell as the builder shows it: at most 60 characters, controls escaped (`\\u0001`). */
function shownControl(t: string | null): string | null {
  if (t === null) return null;
  return escapeControls(t.length <= 60 ? t : `${t.slice(0, 40)}… (${t.length} characters)`);
}

/** A row of a run's raw files: its file's index and its index among the rows DuckDB read from that file (its temp table's rowid; 2^31 + its line for a ragged row DuckDB refused). */
export interface RowAt {
  file: number;
  index: number;
}

/** A cross-row issue over the files of a run: its count and its first and last rows in file order, with the example value. */
export interface CrossRowIssue {
  rows: number;
  first: RowAt & { value: string | null };
  last: RowAt & { value: string | null };
}

/** A row's order in the run: its file's index above 32 bits, its rowid below (a ragged row, which DuckDB refused: RAGGED_AT + its line). */
const ORDER_BITS = 4294967296;
const RAGGED_AT = 2147483648;

/**
 * The checks that span rows and files, as src/ingest/read.ts CrossRowChecks makes them, over the
 * temp tables `loadCsvSource` made (`views[i]` is the i-th file's view name, `table`, in the run's
 * order; `${table}_csv_rows` holds the rows DuckDB read, in file order, `${table}_csv_ragged` the
 * ragged lines it refused): DUPLICATE_ROW, a row whose raw cells (a ragged row: its text) repeat an
 * earlier row's of any file; DEAL_CONFLICT, an accepted row whose deal id was first seen (in an
 * earlier accepted row) with another date, customer, rep or status. Each is one GROUP BY over the
 * rows; the deal check joins back only the deal ids seen more than once.
 */
export function crossRowSql(views: readonly string[]): { gateSql: string; duplicateSql: string; dealSql: string } {
  const id = (n: string) => duckdb.ident(n);
  const tables = views.map((v) => `${v}_csv_rows`);
  const ord = (i: number) => `${i} * ${ORDER_BITS} + rowid`;
  const hashes = views
    .map(
      (v, i) =>
        `SELECT ${ord(i)} AS ord, _sp_hash AS h FROM ${id(`${v}_csv_rows`)} WHERE _sp_outcome <> 'BLANK' UNION ALL SELECT ${i} * ${ORDER_BITS} + ${RAGGED_AT} + line, _sp_hash FROM ${id(`${v}_csv_ragged`)}`,
    )
    .join(' UNION ALL ');
  // per repeated hash: its rows after the first; the first repeat is the smallest second sighting
  const duplicateSql = `WITH r AS (${hashes}), g AS (SELECT count(*) AS c, min(ord, 2)[2] AS second, max(ord) AS last FROM r GROUP BY h HAVING count(*) > 1)
    SELECT coalesce(sum(c - 1), 0) AS n, min(second) AS first_ord, NULL AS first_value, max(last) AS last_ord, NULL AS last_value FROM g`;
  const deals = tables
    .map(
      (t, i) =>
        `SELECT ${ord(i)} AS ord, deal_id, date, customer, rep, status FROM ${id(t)} WHERE _sp_outcome = 'ACCEPTED' AND deal_id IS NOT NULL`,
    )
    .join(' UNION ALL ');
  // the deal ids seen more than once first (one cheap GROUP BY), then the first sighting and the rows that differ from it among those only
  const dealSql = `WITH d AS (${deals}), many AS (SELECT deal_id FROM d GROUP BY deal_id HAVING count(*) > 1),
    m AS (SELECT ord, deal_id, {'d': date, 'c': customer, 'r': rep, 's': status} AS k FROM d SEMI JOIN many USING (deal_id)),
    g AS (SELECT deal_id, arg_min(k, ord) AS first FROM m GROUP BY deal_id)
    SELECT count(*) AS n, min(m.ord) AS first_ord, arg_min(m.deal_id, m.ord) AS first_value, max(m.ord) AS last_ord, arg_max(m.deal_id, m.ord) AS last_value
    FROM m JOIN g ON m.deal_id = g.deal_id WHERE m.k IS DISTINCT FROM g.first`;
  // most runs repeat no row and no deal id: a distinct count of each says so (as cheap as counting them), and the queries above run only for one that has some
  const gateSql = `SELECT (SELECT count(*) - count(DISTINCT h) FROM (${hashes})) AS duplicates, (SELECT count(*) - count(DISTINCT deal_id) FROM (${deals})) AS deals`;
  return { gateSql, duplicateSql, dealSql };
}

/** Run `crossRowSql` over the files' temp tables: DUPLICATE_ROW and DEAL_CONFLICT when any. Throws what DuckDB throws. */
export async function crossRowChecks(
  conn: { query(sql: string): Promise<Record<string, unknown>[]> },
  tables: readonly string[],
): Promise<Map<string, CrossRowIssue>> {
  const q = crossRowSql(tables);
  const out = new Map<string, CrossRowIssue>();
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const at = (v: unknown): RowAt => {
    const n = Number(v);
    return { file: Math.floor(n / ORDER_BITS), index: n % ORDER_BITS };
  };
  const gate = (await conn.query(q.gateSql))[0];
  for (const [code, sql, some] of [
    ['DUPLICATE_ROW', q.duplicateSql, gate?.duplicates],
    ['DEAL_CONFLICT', q.dealSql, gate?.deals],
  ] as const) {
    if (!Number(some ?? 0)) continue;
    const row = (await conn.query(sql))[0];
    const n = Number(row?.n ?? 0);
    if (!row || n === 0) continue;
    out.set(code, {
      rows: n,
      first: { ...at(row.first_ord), value: str(row.first_value) },
      last: { ...at(row.last_ord), value: str(row.last_value) },
    });
  }
  return out;
}
