/**
 * SQL dialects: the small per-engine pieces a KPI query is written from (quoting, exact DECIMAL
 * casts and sums, period ordinals and keys equal to src/engine/periods.ts, a period spine,
 * rounding half away from zero, exact median, day differences, explicit NULLS ordering).
 * Pure: strings in, SQL text out; no I/O.
 *
 * Ordinals are the JS engine's (`periodOf`): months since year 0 (shifted for a fiscal start),
 * quarters and years from them, Monday weeks counted from 1970-01-05. Integer divisions are only
 * ever taken of non-negative numbers (an offset is added for weeks before 1970), so truncating
 * division (PostgreSQL, Trino, Spark `div`) and flooring division agree.
 *
 * Ordering: the SQL returns rows unordered and the JS side sorts them with `compareDims`
 * (natural order, digits by value, nulls last), which no engine's collation reproduces; `orderBy`
 * is for deterministic LIMITs inside a query only, with NULLS placement always spelled out.
 *
 * Rounding (`round2`) is applied to DECIMAL values only (never DOUBLE): on DECIMAL every engine
 * here rounds half away from zero, like src/core/decimal.ts `round` (sources in docs/sql.md).
 */
import type { Calendar } from '../engine/periods.js';

export const DIALECTS = ['duckdb', 'postgres', 'spark', 'trino', 'bigquery', 'snowflake'] as const;
export type DialectName = (typeof DIALECTS)[number];

/** Most digits of a DECIMAL: every engine here takes DECIMAL(38, s) (BigQuery as BIGNUMERIC(38, s)). */
export const DECIMAL_PRECISION = 38;

/** An ORDER BY term; `nulls` is always rendered explicitly. */
export interface OrderTerm {
  expr: string;
  desc?: boolean;
  nulls: 'first' | 'last';
}

export interface Dialect {
  /** `clickhouse` (src/sql/clickhouse.ts) is not a `salesperf sql` choice: its report query has its own shape. */
  readonly name: DialectName | 'clickhouse';
  /** A quoted identifier (any text, quotes doubled). */
  ident(name: string): string;
  /** A string literal (quotes doubled; backslashes escaped where the engine reads them). */
  string(text: string): string;
  /** A DATE literal from `YYYY-MM-DD`. */
  date(iso: string): string;
  /** `expr` as DECIMAL(38, scale). */
  decimal(expr: string, scale: number): string;
  /** Exact sum of `expr` as DECIMAL(38, scale). */
  sumExact(expr: string, scale: number): string;
  /** `expr` (a DECIMAL) rounded half away from zero to `places` decimals, as DECIMAL(38, places). */
  round(expr: string, places: number): string;
  /** The 64-bit integer type. */
  readonly bigint: string;
  /** The text type. */
  readonly text: string;
  /** Integer `expr` as text. */
  toText(expr: string): string;
  /** Days from 1970-01-01 to the DATE `expr` (negative before). */
  epochDays(expr: string): string;
  /** The DATE `days` days after 1970-01-01. */
  dateFromEpochDays(days: string): string;
  /** `later - earlier` in days (both DATEs). */
  dateDiffDays(later: string, earlier: string): string;
  /** `a div b` of a non-negative integer `a` and a positive integer literal `b`. */
  intDiv(a: string, b: number): string;
  /** Calendar year, month and day of year of a DATE, as integers. */
  year(expr: string): string;
  month(expr: string): string;
  dayOfYear(expr: string): string;
  /** Text `s` left-padded with zeros to `width`. */
  zeroPad(s: string, width: number): string;
  /** A table expression with one BIGINT column `p`: every integer from `lo` to `hi` inclusive. */
  spine(lo: string | number, hi: string | number, column?: string): string;
  /** An exact median aggregate of a numeric `expr`, or null where the engine has none (use `medianQuery`). */
  median(expr: string): string | null;
  /** COUNT(DISTINCT expr). */
  countDistinct(expr: string): string;
  /** A CTE's `AS` for a cheap projection used more than once: DuckDB would materialise it, `NOT MATERIALIZED` inlines it (PostgreSQL 12+ has it too, but node-sql-parser's grammar does not, and the snapshot is parsed). */
  readonly inlineCte: string;

  /** ORDER BY with explicit NULLS placement. */
  orderBy(terms: readonly OrderTerm[]): string;
  /** LIMIT n. */
  limit(n: number): string;
}

/** What differs from the shared defaults; everything else is written once in `base`. */
type Overrides = Partial<Omit<Dialect, 'name'>> & Pick<Dialect, 'epochDays' | 'dateFromEpochDays' | 'spine'>;

function quoteWith(q: string): (name: string) => string {
  return (name) => `${q}${name.split(q).join(q + q)}${q}`;
}

function checkScale(scale: number): number {
  if (!Number.isInteger(scale) || scale < 0 || scale > DECIMAL_PRECISION) throw new RangeError(`DECIMAL scale ${scale}: expected 0..38`);
  return scale;
}

function checkIso(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`not an ISO date: ${iso}`);
  return iso;
}

export function make(name: Dialect['name'], o: Overrides): Dialect {
  const d: Dialect = {
    name,
    ident: quoteWith('"'),
    string: (text) => `'${text.split("'").join("''")}'`,
    date: (iso) => `DATE '${checkIso(iso)}'`,
    decimal: (expr, scale) => `CAST(${expr} AS DECIMAL(38, ${checkScale(scale)}))`,
    sumExact: (expr, scale) => d.decimal(`SUM(${d.decimal(expr, scale)})`, scale),
    round: (expr, places) => d.decimal(`ROUND(${expr}, ${checkScale(places)})`, places),
    bigint: 'BIGINT',
    text: 'VARCHAR',
    toText: (expr) => `CAST(${expr} AS ${d.text})`,
    dateDiffDays: (later, earlier) => `(${d.epochDays(later)} - ${d.epochDays(earlier)})`,
    intDiv: (a, b) => `((${a}) / ${b})`,
    year: (expr) => `CAST(EXTRACT(YEAR FROM ${expr}) AS ${d.bigint})`,
    month: (expr) => `CAST(EXTRACT(MONTH FROM ${expr}) AS ${d.bigint})`,
    dayOfYear: (expr) => `CAST(EXTRACT(DOY FROM ${expr}) AS ${d.bigint})`,
    zeroPad: (s, width) => `LPAD(${s}, ${width}, '0')`,
    median: (expr) => `PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY ${expr})`,
    countDistinct: (expr) => `COUNT(DISTINCT ${expr})`,
    inlineCte: 'AS',
    orderBy: (terms) =>
      terms.length
        ? `ORDER BY ${terms.map((t) => `${t.expr} ${t.desc ? 'DESC' : 'ASC'} NULLS ${t.nulls === 'first' ? 'FIRST' : 'LAST'}`).join(', ')}`
        : '',
    limit: (n) => {
      if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`LIMIT ${n}: expected a non-negative integer`);
      return `LIMIT ${n}`;
    },
    ...o,
  };
  return d;
}

const num = (x: string | number): string => (typeof x === 'number' ? (Number.isSafeInteger(x) ? String(x) : bad(x)) : `(${x})`);
function bad(x: number): never {
  throw new RangeError(`not an integer: ${x}`);
}

export const duckdb: Dialect = make('duckdb', {
  inlineCte: 'AS NOT MATERIALIZED',
  // DuckDB: `date - date` is an integer of days; `//` floors
  epochDays: (e) => `date_diff('day', DATE '1970-01-01', ${e})`,
  dateFromEpochDays: (x) => `(DATE '1970-01-01' + CAST(${x} AS INTEGER))`,
  intDiv: (a, b) => `((${a}) // ${b})`,
  dayOfYear: (e) => `CAST(dayofyear(${e}) AS BIGINT)`,
  spine: (lo, hi, column = 'p') =>
    `(SELECT CAST(generate_series AS BIGINT) AS ${quoteWith('"')(column)} FROM generate_series(CAST(${num(lo)} AS BIGINT), CAST(${num(hi)} AS BIGINT)))`,
  // quantile_cont is exact (interpolated) on DECIMAL and integers
  median: (e) => `quantile_cont(${e}, 0.5)`,
});

export const postgres: Dialect = make('postgres', {
  decimal: (expr, scale) => `CAST(${expr} AS NUMERIC(38, ${checkScale(scale)}))`,
  text: 'TEXT',
  epochDays: (e) => `((${e}) - DATE '1970-01-01')`,
  dateFromEpochDays: (x) => `(DATE '1970-01-01' + CAST(${x} AS INTEGER))`,
  spine: (lo, hi, column = 'p') =>
    `(SELECT CAST(g AS BIGINT) AS ${quoteWith('"')(column)} FROM generate_series(CAST(${num(lo)} AS BIGINT), CAST(${num(hi)} AS BIGINT)) AS s(g))`,
  // percentile_cont takes double precision only; exact for integer day counts (the median the KPIs
  // take) since the mean of two integers below 2^52 is exact in a double. DECIMAL medians: medianQuery.
  median: (e) => `PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY ${e})`,
});

export const spark: Dialect = make('spark', {
  ident: quoteWith('`'),
  // Spark reads backslash escapes inside string literals
  string: (text) => `'${text.replace(/\\/g, '\\\\').split("'").join("\\'")}'`,
  text: 'STRING',
  epochDays: (e) => `unix_date(${e})`,
  dateFromEpochDays: (x) => `date_from_unix_date(CAST(${x} AS INT))`,
  intDiv: (a, b) => `((${a}) div ${b})`,
  dayOfYear: (e) => `CAST(dayofyear(${e}) AS BIGINT)`,
  spine: (lo, hi, column = 'p') =>
    `(SELECT explode(sequence(CAST(${num(lo)} AS BIGINT), CAST(${num(hi)} AS BIGINT))) AS ${quoteWith('`')(column)})`,
  // percentile(col, 0.5) is exact (interpolating) and takes integral and decimal columns
  median: (e) => `percentile(${e}, 0.5)`,
});

export const trino: Dialect = make('trino', {
  epochDays: (e) => `date_diff('day', DATE '1970-01-01', ${e})`,
  dateFromEpochDays: (x) => `date_add('day', CAST(${x} AS BIGINT), DATE '1970-01-01')`,
  dayOfYear: (e) => `CAST(day_of_year(${e}) AS BIGINT)`,
  // sequence() returns at most 10,000 elements: enough for every month, quarter and year, and weeks over ~190 years
  spine: (lo, hi, column = 'p') =>
    `(SELECT s.g AS ${quoteWith('"')(column)} FROM UNNEST(sequence(CAST(${num(lo)} AS BIGINT), CAST(${num(hi)} AS BIGINT))) AS s(g))`,
  // Trino has only approx_percentile: use medianQuery
  median: () => null,
});

export const bigquery: Dialect = make('bigquery', {
  ident: quoteWith('`'),
  string: (text) => `'${text.replace(/\\/g, '\\\\').split("'").join("\\'")}'`,
  decimal: (expr, scale) => `CAST(${expr} AS BIGNUMERIC(38, ${checkScale(scale)}))`,
  bigint: 'INT64',
  text: 'STRING',
  epochDays: (e) => `UNIX_DATE(${e})`,
  dateFromEpochDays: (x) => `DATE_FROM_UNIX_DATE(${x})`,
  intDiv: (a, b) => `DIV(${a}, ${b})`,
  dayOfYear: (e) => `EXTRACT(DAYOFYEAR FROM ${e})`,
  spine: (lo, hi, column = 'p') => `(SELECT g AS ${quoteWith('`')(column)} FROM UNNEST(GENERATE_ARRAY(${num(lo)}, ${num(hi)})) AS g)`,
  // PERCENTILE_CONT is an analytic (window) function only in BigQuery: use medianQuery
  median: () => null,
});

export const snowflake: Dialect = make('snowflake', {
  decimal: (expr, scale) => `CAST(${expr} AS NUMBER(38, ${checkScale(scale)}))`,
  round: (expr, places) => `CAST(ROUND(${expr}, ${checkScale(places)}, 'HALF_AWAY_FROM_ZERO') AS NUMBER(38, ${places}))`,
  epochDays: (e) => `DATEDIFF(day, DATE '1970-01-01', ${e})`,
  dateFromEpochDays: (x) => `DATEADD(day, ${x}, DATE '1970-01-01')`,
  // `/` gives a NUMBER with 6 more decimals: the floor of a non-negative quotient by a small divisor is exact
  intDiv: (a, b) => `FLOOR((${a}) / ${b})`,
  dayOfYear: (e) => `DAYOFYEAR(${e})`,
  spine: (lo, hi, column = 'p') =>
    `(SELECT CAST(f.value AS BIGINT) AS ${quoteWith('"')(column)} FROM TABLE(FLATTEN(ARRAY_GENERATE_RANGE(${num(lo)}, ${num(hi)} + 1))) AS f)`,
  median: (e) => `MEDIAN(${e})`,
});

const BY_NAME: Record<DialectName, Dialect> = { duckdb, postgres, spark, trino, bigquery, snowflake };

export function dialectOf(name: DialectName): Dialect {
  return BY_NAME[name];
}

/** Shift of the month index for a fiscal year start (0 for January): see periods.ts fiscalMonthIndex. */
function fiscalShift(fiscalStart: number): number {
  if (!Number.isInteger(fiscalStart) || fiscalStart < 1 || fiscalStart > 12)
    throw new RangeError(`fiscal start ${fiscalStart}: expected 1..12`);
  return fiscalStart === 1 ? 0 : 13 - fiscalStart;
}

/** Weeks added before dividing so that days back to year 1 stay non-negative (7 × WEEK_OFFSET > 719,162). */
const WEEK_OFFSET = 104_000;

/** The ordinal (`periodOf`) of the period holding the DATE `dateExpr`, as a BIGINT expression. */
export function periodOrdinal(d: Dialect, dateExpr: string, cal: Calendar): string {
  if (cal.grain === 'week') return `(${d.intDiv(`${d.epochDays(dateExpr)} + ${3 + 7 * WEEK_OFFSET}`, 7)} - ${WEEK_OFFSET})`;
  const m = `(${d.year(dateExpr)} * 12 + ${d.month(dateExpr)} - 1 + ${fiscalShift(cal.fiscalStart)})`;
  if (cal.grain === 'month') return m;
  return d.intDiv(m, cal.grain === 'quarter' ? 3 : 12);
}

/** The key text (`periodKey`) of the ordinal `p` (a BIGINT expression), e.g. `2026-W05`, `FY2027-Q1`. */
export function periodKeyExpr(d: Dialect, p: string, cal: Calendar): string {
  const fy = fiscalShift(cal.fiscalStart) !== 0;
  const t = (e: string) => d.toText(e);
  if (cal.grain === 'week') {
    // the Thursday of the week names its ISO year and week: 1970-01-01 + 7p
    const thu = d.dateFromEpochDays(`(${p}) * 7`);
    return `(${t(d.year(thu))} || '-W' || ${d.zeroPad(t(`${d.intDiv(`${d.dayOfYear(thu)} - 1`, 7)} + 1`), 2)})`;
  }
  if (cal.grain === 'year') return fy ? `('FY' || ${t(p)})` : t(p);
  if (cal.grain === 'quarter') {
    const y = d.intDiv(p, 4);
    return `(${fy ? "'FY' || " : ''}${t(y)} || '-Q' || ${t(`(${p}) - 4 * ${y} + 1`)})`;
  }
  // months: the calendar month of the period's first day
  const m0 = `((${p}) - ${fiscalShift(cal.fiscalStart)})`;
  const y = d.intDiv(m0, 12);
  return `(${t(y)} || '-' || ${d.zeroPad(t(`${m0} - 12 * ${y} + 1`), 2)})`;
}

/**
 * Exact median per group by window functions, for every engine (and the only way on Trino and
 * BigQuery): the middle row, or the mean of the two middle rows, of each group's non-null values.
 * The two middle values are returned summed (`twice`): half of it is the median, exact in any
 * DECIMAL scale + 1 (the caller divides, so no engine's division scale rules are involved).
 */
export function medianQuery(d: Dialect, o: { from: string; groups: readonly string[]; value: string }): string {
  const g = o.groups.map((x, i) => `${x} AS ${d.ident(`g${i}`)}`);
  const gOut = o.groups.map((_, i) => d.ident(`g${i}`));
  const part = gOut.length ? `PARTITION BY ${gOut.join(', ')} ` : '';
  const rn = d.ident('rn');
  const n = d.ident('n');
  const v = d.ident('v');
  const inner = `SELECT ${[...g, `${o.value} AS ${v}`].join(', ')} FROM ${o.from} WHERE ${o.value} IS NOT NULL`;
  const ranked = `SELECT ${[...gOut, v].join(', ')}, ROW_NUMBER() OVER (${part}ORDER BY ${v}) AS ${rn}, COUNT(*) OVER (${part.trim()}) AS ${n} FROM (${inner}) AS ${d.ident('m0')}`;
  const mid = `${rn} IN (${d.intDiv(`${n} + 1`, 2)}, ${d.intDiv(`${n} + 2`, 2)})`;
  const twice = `CASE WHEN MOD(MAX(${n}), 2) = 1 THEN MIN(${v}) + MIN(${v}) ELSE MIN(${v}) + MAX(${v}) END`;
  return `SELECT ${[...gOut, `${twice} AS ${d.ident('twice')}`].join(', ')} FROM (${ranked}) AS ${d.ident('m1')} WHERE ${mid}${gOut.length ? ` GROUP BY ${gOut.join(', ')}` : ''}`;
}
