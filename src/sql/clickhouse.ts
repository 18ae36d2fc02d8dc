/**
 * ClickHouse: the report of src/sql/compile.ts rewritten for an engine that, as Debian's 18.16
 * does, has no `WITH x AS (SELECT …)` subqueries, no window functions, no `generate_series`, at
 * most one JOIN per SELECT (joins matched on equal types with `USING`, unmatched right columns
 * filled with their type's default, not NULL) and `Date` only from 1970 to 2105 (docs/clickhouse.md).
 * The same result columns as `compileReport` (`gid`, `p`, `period`, `g0…`, one column per KPI),
 * the KPIs' own `sql` declarations, written with a ClickHouse `KpiSql`; `resultFromRows`
 * (src/sql/run.ts) reads it.
 *
 * Shape: `base` is a subquery over the table (`gid` a text key of the dimension values that keeps
 * NULL apart, `'-1'` for the totals); the base measures are aggregated on the table itself, so a
 * Distributed table sums DECIMAL(38, s) and counts distinct deals (`uniqExact`) on each shard
 * and merges the partial states; the grid (groups × the period spine) is then joined to the cells,
 * the previous and year-ago cells, the customer flow and the cycle medians one LEFT JOIN at a time.
 * Side tables (targets, spend) are summed per group key and period key and joined last.
 *
 * `openClickHouse` runs SQL over ClickHouse's HTTP interface (fetch), every value as text.
 */
import { type Calendar, periodDays, periodKey, periodOf } from '../engine/periods.js';
import type { KpiDef, KpiSql, SqlFlow, SqlMeasure } from '../kpi/types.js';
import { type CompiledReport, type SideTableRef, type SqlReportRequest, compiledKpis } from './compile.js';
import { type Dialect, make, periodKeyExpr, periodOrdinal } from './dialect.js';
import type { SqlConnection, SqlRow } from './run.js';

const num = (x: string | number): string => `toInt64(${typeof x === 'number' ? String(x) : `(${x})`})`;

export const clickhouse: Dialect = make('clickhouse', {
  // ClickHouse reads backslash escapes inside string literals
  string: (text) => `'${text.replace(/\\/g, '\\\\').split("'").join("\\'")}'`,
  date: (iso) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`not an ISO date: ${iso}`);
    return `toDate('${iso}')`;
  },
  bigint: 'Int64',
  text: 'String',
  toText: (e) => `toString(${e})`,
  // a Date is a day number from 1970-01-01
  epochDays: (e) => `toInt64(${e})`,
  dateFromEpochDays: (x) => `toDate(${x})`,
  intDiv: (a, b) => `intDiv(${a}, ${b})`,
  year: (e) => `toInt64(toYear(${e}))`,
  month: (e) => `toInt64(toMonth(${e}))`,
  dayOfYear: (e) => `toInt64(toDayOfYear(${e}))`,
  // the last `width` characters of `width` zeros and s (s is never longer here: months, weeks)
  zeroPad: (s, width) => `substring(concat('${'0'.repeat(width)}', ${s}), length(${s}) + 1, ${width})`,
  spine: (lo, hi, column = 'p') =>
    `(SELECT lo + arrayJoin(range(toUInt64(if(hi < lo, 0, hi - lo + 1)))) AS "${column}" FROM (SELECT ${num(lo)} AS lo, ${num(hi)} AS hi))`,
  // quantileExact returns the upper middle value for an even count: the report takes the mean of the two (cycleMedian)
  median: () => null,
  countDistinct: (e) => `uniqExact(${e})`,
});

const MEASURES: readonly SqlMeasure[] = ['revenue', 'refunds', 'profit', 'units', 'deals', 'lostDeals'];

/**
 * Columns read from the table are first named `__sp_<name>`, then renamed: ClickHouse 18.16 lets an
 * alias shadow a column of the same name even when the column is qualified (`src.p` reads the alias
 * `p`), so a dimension named `p`, `st`, `amt`… would otherwise read the query's own column.
 */
function unprefix(names: readonly string[]): string {
  return names.map((n) => `__sp_${n} AS ${n}`).join(', ');
}

/** `x` rounded half away from zero (ClickHouse's `round` on Decimal) to `places`, as Decimal(38, places). */
function money(x: string, places: number): string {
  return `CAST(round(${x}, ${places}) AS Nullable(Decimal(38, ${places})))`;
}

/** The expression builder for the KPI declarations; columns as `reportFrom` names them. */
function kpiSql(req: SqlReportRequest, defs: readonly KpiDef[]): KpiSql {
  const s = req.amountScale;
  const asOfP = req.asOf === null || req.asOf === undefined ? null : periodOf(req.asOf, req.calendar);
  const flowCol: Record<SqlFlow, string> = { active: 'f_active', before: 'pf_active', retained: 'f_retained', fresh: 'f_fresh' };
  // Nullable casts: CAST(NULL AS Decimal(…)) is an error (span and elapsed are NULL without an as-of date)
  const dec0 = (x: string) => `CAST(${x} AS Nullable(Decimal(38, 0)))`;
  const f64 = (x: string) => `toFloat64(${x})`;
  return {
    cell: (m: SqlMeasure) => `c_${m}`,
    prev: (m: SqlMeasure) => `pc_${m}`,
    ago: (m: SqlMeasure) => `ac_${m}`,
    flow: (f) => flowCol[f],
    cycleMedian: () => `if(m_has = 1, m_med, NULL)`,
    money: (x) => money(x, 2),
    exact: (x) => x,
    divRound(n, den, places) {
      // as compile.ts: sign(n) × floor((|n| × 2·10^places + den) / (2·den)) in units, exact on Decimal(38, 0);
      // ClickHouse evaluates every branch of a CASE, and divides the hidden default (0) under a NULL too:
      // the divisor is never 0 nor NULL (1 where den is 0 or NULL, whose result is then NULL)
      const p = 10n ** BigInt(s);
      const unitsN = dec0(`(${n}) * ${p}`);
      const dn = `CAST((${den}) AS Nullable(Int64))`;
      const none = `ifNull(${dn} = 0, 1)`;
      const safe = `if(${none}, 1, assumeNotNull(${dn}))`;
      const q = `abs(${unitsN}) * ${2n * 10n ** BigInt(places)} + ${dec0(`${safe} * ${p}`)}`;
      const r = `if(${unitsN} < 0, -1, 1) * intDiv(${q}, ${dec0(`${safe} * ${2n * p}`)})`;
      const unit = places === 0 ? '1' : `0.${'0'.repeat(places - 1)}1`;
      return `CASE WHEN ${none} THEN NULL ELSE CAST(${r} * CAST('${unit}' AS Decimal(38, ${places})) AS Nullable(Decimal(38, ${places}))) END`;
    },
    ratio: (n, den) => `CASE WHEN (${den}) = 0 THEN NULL ELSE round(${f64(n)} / ${f64(den)}, 6) END`,
    growth: (now, before) => `CASE WHEN (${before}) = 0 THEN NULL ELSE round((${f64(now)} - ${f64(before)}) / abs(${f64(before)}), 6) END`,
    // an unmatched side-table cell reads 0 from the join: `*_has` tells it from a real 0
    target: () => (req.targets ? 'if(tg_has = 1, tg_amount, NULL)' : 'NULL'),
    spend: () => (req.spend ? 'if(sg_has = 1, sg_amount, NULL)' : 'NULL'),
    acquiredFromFile: () => (req.spend?.acquired ? 'sg_acquired' : null),
    span: () => (asOfP === null ? 'NULL' : String(periodDays(asOfP, req.calendar).last - periodDays(asOfP, req.calendar).first + 1)),
    elapsed: () => (asOfP === null ? 'NULL' : `(CASE WHEN p = ${asOfP} THEN ${req.asOf! - periodDays(asOfP, req.calendar).first + 1} END)`),
    has: req.has,
    kpi(kid) {
      const k = defs.find((x) => x.id === kid);
      if (!k?.sql) throw new RangeError(`KPI ${kid} has no SQL here`);
      return `(${k.sql(this)})`;
    },
  };
}

/** The year-ago ordinal of `p` as compile.ts's yearAgoExpr, with -1 (no period) for ISO week 53 instead of NULL (a join key is never NULL here). */
function yearAgo(p: string, cal: Calendar): string {
  const d = clickhouse;
  if (cal.grain !== 'week') return `(${p} - ${cal.grain === 'month' ? 12 : cal.grain === 'quarter' ? 4 : 1})`;
  const week = (days: string) => `(${d.intDiv(`${d.dayOfYear(d.dateFromEpochDays(days))} - 1`, 7)} + 1)`;
  const w = week(`7 * (${p})`);
  const w52 = week(`7 * (${p}) - 364`);
  return `if(${w} = 53, toInt64(-1), if(${w52} = ${w}, ${p} - 52, ${p} - 53))`;
}

/** A text key of the dimension values, one part per value (`N` for NULL, else `v<bytes>:<text>`), so no two tuples share one. */
function groupKeyExpr(cols: readonly string[]): string {
  if (!cols.length) return `materialize('-1')`;
  const part = (c: string) =>
    `if(isNull(${c}), 'N', concat('v', toString(length(toString(assumeNotNull(${c})))), ':', toString(assumeNotNull(${c}))))`;
  return cols.length === 1 ? part(cols[0]!) : `concat(${cols.map(part).join(', ')})`;
}

/** A table name, optionally `db.table`, each part quoted. */
function qualified(table: string): string {
  return table.split('.').map(clickhouse.ident).join('.');
}

interface Parts {
  table: string;
  /** Row expressions over the table (`src`), by short name. */
  rows: [string, string][];
  gs: string[];
  nd: number;
}

function rowParts(req: SqlReportRequest): Parts {
  const d = clickhouse;
  const col = (c: string) => `src.${d.ident(c)}`;
  const s = req.amountScale;
  const qs = req.quantityScale ?? s;
  // a NULL column that is not a constant: ClickHouse 18.16 refuses a constant (even materialize(NULL)) that a UNION ALL
  // over a Distributed table meets as a non-constant ("Cannot convert column … must be constant in result")
  const nullOf = (other: string) => `if(${col('date')} = ${col('date')}, NULL, ${other})`;
  const nullDec = (scale: number) => nullOf(`CAST(0 AS Decimal(38, ${scale}))`);
  const gs = req.dims.map((_, i) => `g${i}`);
  const rows: [string, string][] = [
    ['gid', groupKeyExpr(req.dims.map(col))],
    ...req.dims.map((c, i): [string, string] => [`g${i}`, `CAST(${col(c)} AS Nullable(String))`]),
    ['dt', col('date')],
    ['p', `toInt64(${periodOrdinal(d, col('date'), req.calendar)})`],
    ['st', col('status')],
    ['amt', `CAST(${col('amount')} AS Decimal(38, ${s}))`],
    ['prf', req.has.profit ? `CAST(${col('profit')} AS Nullable(Decimal(38, ${s})))` : nullDec(s)],
    ['qty', req.has.quantity ? `CAST(${col('quantity')} AS Nullable(Decimal(38, ${qs})))` : nullDec(qs)],
    ['deal', `CAST(${col('deal_id')} AS Nullable(String))`],
    ['cust', req.has.customer ? `CAST(${col('customer')} AS Nullable(String))` : nullOf(col('status'))],
    ['cdt', req.has.createdDate ? `CAST(${col('created_date')} AS Nullable(Date))` : nullOf(col('date'))],
  ];
  return { table: qualified(req.table), rows, gs, nd: req.dims.length };
}

/**
 * The base measures per gid × period, aggregated on the table itself (a Distributed table: on each shard, then merged).
 * The row expressions are written out in full: ClickHouse 18.16 loses `WITH` aliases when it sends the query to the shards.
 */
function cellsQuery(x: Parts, req: SqlReportRequest): string {
  const s = req.amountScale;
  const qs = req.quantityScale ?? s;
  const r = Object.fromEntries(x.rows.map(([n, e]) => [n, `(${e})`])) as Record<string, string>;
  const { st, amt, prf, qty, deal } = r as Record<'st' | 'amt' | 'prf' | 'qty' | 'deal', string>;
  const deals = (status: string) =>
    `(uniqExactIf(${deal}, ${st} = '${status}' AND isNotNull(${deal})) + countIf(${st} = '${status}' AND isNull(${deal})))`;
  const measures = [
    `CAST(sumIf(assumeNotNull(${amt}), ${st} IN ('won', 'refund')) AS Decimal(38, ${s})) AS __sp_revenue`,
    `CAST(sumIf(assumeNotNull(${amt}), ${st} = 'refund') AS Decimal(38, ${s})) AS __sp_refunds`,
    `CAST(sumIf(assumeNotNull(${prf}), ${st} IN ('won', 'refund')) AS Decimal(38, ${s})) AS __sp_profit`,
    `CAST(sumIf(assumeNotNull(${qty}), ${st} = 'won') - sumIf(assumeNotNull(${qty}), ${st} = 'refund') AS Decimal(38, ${qs})) AS __sp_units`,
    // not Nullable: an unmatched Nullable right column of a join is NULL, not 0
    `toInt64(assumeNotNull(${deals('won')})) AS __sp_deals`,
    `toInt64(assumeNotNull(${deals('lost')})) AS __sp_lostDeals`,
  ].join(', ');
  const byGroup = x.nd
    ? `SELECT ${r.gid} AS __sp_gid, ${r.p} AS __sp_p, ${measures} FROM ${x.table} AS src GROUP BY __sp_gid, __sp_p UNION ALL `
    : '';
  const totals = `SELECT materialize('-1') AS __sp_gid, ${r.p} AS __sp_p, ${measures} FROM ${x.table} AS src GROUP BY __sp_p`;
  return `(SELECT ${unprefix(['gid', 'p', ...MEASURES])} FROM (${byGroup}${totals}))`;
}

/** The pieces every later subquery reads: base rows, rows with the totals' copies, and the group list. */
function baseQueries(x: Parts): { base: string; cellRows: string; groups: string } {
  const inner = `SELECT ${x.rows.map(([n, e]) => `${e} AS __sp_${n}`).join(', ')} FROM ${x.table} AS src`;
  const base = `(SELECT ${unprefix(x.rows.map(([n]) => n))} FROM (${inner}))`;
  const rowCols = 'p, st, amt, prf, qty, deal, cust, dt, cdt';
  const cellRows = x.nd ? `(SELECT gid, ${rowCols} FROM ${base} UNION ALL SELECT materialize('-1') AS gid, ${rowCols} FROM ${base})` : base;
  const nullDims = x.gs.map((g) => `materialize(CAST(NULL AS Nullable(String))) AS ${g}`);
  const groups = x.nd
    ? `(SELECT DISTINCT gid, ${x.gs.join(', ')} FROM ${base} UNION ALL SELECT materialize('-1') AS gid, ${nullDims.join(', ')})`
    : `(SELECT materialize('-1') AS gid)`;
  return { base, cellRows, groups };
}

/** Active, retained and new customers per gid × period (as compile.ts's `flow`). */
function flowQuery(base: string, cellRows: string): string {
  const cc = `(SELECT DISTINCT gid, p, cust FROM ${cellRows} WHERE st = 'won' AND isNotNull(cust))`;
  const firstWon = `(SELECT cust, min(p) AS fp FROM ${base} WHERE st = 'won' AND isNotNull(cust) GROUP BY cust)`;
  const withPrev = `(SELECT gid, p, cust, had FROM ${cc} ALL LEFT JOIN (SELECT gid, p + 1 AS p, cust, toUInt8(1) AS had FROM ${cc}) USING (gid, p, cust))`;
  const withFirst = `(SELECT gid, p, had, fp FROM ${withPrev} ALL INNER JOIN ${firstWon} USING (cust))`;
  return `(SELECT gid, p, toInt64(count()) AS f_active, toInt64(sum(had)) AS f_retained, toInt64(sum(fp = p)) AS f_fresh FROM ${withFirst} GROUP BY gid, p)`;
}

/** The exact median of the cycle days per gid × period (as compile.ts's `cyc` and `cycmed`): the mean of the two middle values. */
function cycleMedianQuery(x: Parts, base: string, cellRows: string, cal: Calendar): string {
  const d = clickhouse;
  const spans = `(SELECT deal, min(cdt) AS c0, max(dt) AS lastdt FROM ${base} WHERE st = 'won' AND isNotNull(deal) GROUP BY deal)`;
  const days = (later: string, earlier: string) => `(toInt64(${later}) - toInt64(assumeNotNull(${earlier})))`;
  const pOf = (e: string) => `toInt64(${periodOrdinal(d, e, cal)})`;
  const order = `tuple(${x.gs.flatMap((g) => [`isNull(${g})`, `assumeNotNull(${g})`]).join(', ')})`;
  // a deal's cycle goes to the group of its latest won row that sorts first (NULLs last), as compile.ts's dealgroup
  const dealGroup = `(SELECT deal, argMin(gid, ord) AS dgid FROM (SELECT deal, dt, gid, ${x.nd ? order : '0'} AS ord FROM ${base} WHERE st = 'won' AND isNotNull(deal)) ALL INNER JOIN (SELECT deal, lastdt AS dt FROM ${spans}) USING (deal, dt) GROUP BY deal)`;
  const cyc = [
    `SELECT materialize('-1') AS gid, ${pOf('lastdt')} AS p, ${days('lastdt', 'c0')} AS days FROM ${spans} WHERE isNotNull(c0)`,
    ...(x.nd
      ? [
          `SELECT dgid AS gid, ${pOf('lastdt')} AS p, ${days('lastdt', 'c0')} AS days FROM ${spans} ALL INNER JOIN ${dealGroup} USING (deal) WHERE isNotNull(c0)`,
        ]
      : []),
    `SELECT gid, p, ${days('dt', 'cdt')} AS days FROM ${cellRows} WHERE st = 'won' AND isNull(deal) AND isNotNull(cdt)`,
  ].join(' UNION ALL ');
  const sorted = `(SELECT gid, p, arraySort(groupArray(days)) AS s FROM (${cyc}) GROUP BY gid, p)`;
  return `(SELECT gid, p, (s[intDiv(length(s) + 1, 2)] + s[intDiv(length(s) + 2, 2)]) / 2 AS m_med, toUInt8(1) AS m_has FROM ${sorted})`;
}

/** Groups × the period spine, with each period's year-ago ordinal and key. */
function gridQuery(x: Parts, req: SqlReportRequest, base: string, groups: string): string {
  const d = clickhouse;
  const cal = req.calendar;
  const range = `(SELECT min(p) AS lo0, max(p) AS hi0, count() AS n FROM ${base} WHERE st != 'open')`;
  const lo = req.from ?? 'lo0';
  const asOfP = req.asOf === null || req.asOf === undefined ? null : periodOf(req.asOf, cal);
  const sides = [req.targets, req.spend].filter((t): t is SideTableRef => t !== undefined);
  const key = asOfP === null ? '' : d.string(periodKey(asOfP, cal));
  const given = sides.map((t) => `(SELECT count() FROM ${qualified(t.table)} AS x WHERE toString(x.${d.ident('period')}) = ${key}) > 0`);
  // the in-progress as-of period is reported when a target or spend is given for it (as compile.ts)
  const hi = req.to ?? (asOfP !== null && sides.length ? `if(${asOfP} > hi0 AND (${given.join(' OR ')}), ${asOfP}, hi0)` : 'hi0');
  // no row but open ones: no period (as generate_series over NULL bounds), unless --from and --to both say which
  const ok = req.from !== undefined && req.to !== undefined ? '1' : 'n > 0';
  const spine = `(SELECT toInt64(lo + arrayJoin(range(toUInt64(if(${ok} AND hi >= lo, hi - lo + 1, 0))))) AS p FROM (SELECT toInt64(${lo}) AS lo, toInt64(${hi}) AS hi, n FROM ${range}))`;
  const cols = ['gid', ...x.gs].join(', ');
  return `(SELECT ${cols}, p, toInt64(${yearAgo('p', cal)}) AS ago, ${periodKeyExpr(d, 'p', cal)} AS pk FROM ${groups} CROSS JOIN ${spine})`;
}

/**
 * A side table (targets `tg`, spend `sg`) summed per gid × period key, the totals (`-1`) over all its
 * rows; a row's group by the same text key as the data's (a NULL dimension matches no group, as
 * compile.ts's join), so rows of groups without data reach no cell.
 */
function sideQuery(req: SqlReportRequest, ref: SideTableRef, prefix: 'tg' | 'sg', acquired: boolean): string {
  const d = clickhouse;
  const t = qualified(ref.table);
  const cols = `toString(x.${d.ident('period')}) AS __sp_period, CAST(x.${d.ident('amount')} AS Decimal(38, ${req.amountScale})) AS __sp_amount${
    acquired ? `, CAST(x.${d.ident('acquired')} AS Nullable(Int64)) AS __sp_acq` : ''
  }`;
  const dims = req.dims.map((c) => `x.${d.ident(c)}`);
  const per =
    ref.byGroup && dims.length
      ? `SELECT ${groupKeyExpr(dims)} AS __sp_gid, ${cols} FROM ${t} AS x WHERE ${dims.map((c) => `isNotNull(${c})`).join(' AND ')} UNION ALL `
      : '';
  const sums = `CAST(sum(__sp_amount) AS Decimal(38, ${req.amountScale})) AS ${prefix}_amount${acquired ? `, sum(__sp_acq) AS ${prefix}_acquired` : ''}`;
  return `(SELECT __sp_gid AS gid, __sp_period AS pk, ${sums}, toUInt8(1) AS ${prefix}_has FROM (${per}SELECT materialize('-1') AS __sp_gid, ${cols} FROM ${t} AS x) GROUP BY __sp_gid, __sp_period)`;
}

/** The grid joined to the cells, previous and year-ago cells, flows and medians, one LEFT JOIN per level. */
function reportFrom(grid: string, cells: string, flow: string, cycMed: string, sides: readonly string[]): string {
  const ms = (prefix: string) => MEASURES.map((m) => `${m} AS ${prefix}_${m}`).join(', ');
  const joins: [string, string][] = [
    [`(SELECT gid, p, ${ms('c')} FROM ${cells})`, 'gid, p'],
    [`(SELECT gid, p + 1 AS p, ${ms('pc')} FROM ${cells})`, 'gid, p'],
    [`(SELECT gid, p AS ago, ${ms('ac')} FROM ${cells})`, 'gid, ago'],
    [`(SELECT gid, p, f_active, f_retained, f_fresh FROM ${flow})`, 'gid, p'],
    [`(SELECT gid, p + 1 AS p, f_active AS pf_active FROM ${flow})`, 'gid, p'],
    [`(SELECT gid, p, m_med, m_has FROM ${cycMed})`, 'gid, p'],
    ...sides.map((q): [string, string] => [q, 'gid, pk']),
  ];
  return joins.reduce((left, [right, using]) => `(SELECT * FROM ${left} ALL LEFT JOIN ${right} USING (${using}))`, grid);
}

/** Compile a report for ClickHouse (18.16 and later): the result columns of `compileReport`. */
export function compileClickHouseReport(req: SqlReportRequest): CompiledReport {
  const { defs, notCompiled } = compiledKpis(req);
  // a KPI may read the KPIs before it (cac reads acquired): every compiled KPI is available to kpi()
  const all = compiledKpis({ ...req, kpis: undefined }).defs;
  const sides = [
    ...(req.targets ? [sideQuery(req, req.targets, 'tg', false)] : []),
    ...(req.spend ? [sideQuery(req, req.spend, 'sg', req.spend.acquired)] : []),
  ];
  const x = rowParts(req);
  const { base, cellRows, groups } = baseQueries(x);
  const cells = cellsQuery(x, req);
  const from = reportFrom(
    gridQuery(x, req, base, groups),
    cells,
    flowQuery(base, cellRows),
    cycleMedianQuery(x, base, cellRows, req.calendar),
    sides,
  );
  const q = kpiSql(req, all);
  const out = ['gid', 'p', `pk AS ${clickhouse.ident('period')}`, ...x.gs, ...defs.map((k) => `${k.sql!(q)} AS ${clickhouse.ident(k.id)}`)];
  const sql = `SELECT\n  ${out.join(',\n  ')}\nFROM ${from}\n`;
  return { sql, kpis: defs.map((k) => k.id), notCompiled };
}

/** One TSV field as ClickHouse writes it (`\N` is NULL; backslash escapes). */
function tsvField(f: string): string | null {
  if (f === '\\N') return null;
  const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', '\\': '\\', "'": "'" };
  return f.replace(/\\(.)/g, (_, c: string) => esc[c] ?? c);
}

/** Rows of a `TabSeparatedWithNames` body, every value as text (null for NULL). */
export function parseTsvWithNames(body: string): SqlRow[] {
  const lines = body.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (!lines.length) return [];
  const names = lines[0]!.split('\t').map((n) => tsvField(n) ?? '');
  return lines.slice(1).map((l) => {
    const cells = l.split('\t');
    return Object.fromEntries(names.map((n, i) => [n, tsvField(cells[i] ?? '\\N')]));
  });
}

/** A connection to ClickHouse's HTTP interface (`http://127.0.0.1:8123`), the query sent as the POST body. */
export function openClickHouse(url: string, settings: Record<string, string> = {}): SqlConnection {
  const u = new URL(url);
  u.searchParams.set('default_format', 'TabSeparatedWithNames');
  for (const [k, v] of Object.entries({ join_use_nulls: '0', ...settings })) u.searchParams.set(k, v);
  const endpoint = u.toString();
  return {
    dialect: clickhouse,
    async query(sql) {
      const r = await fetch(endpoint, { method: 'POST', body: sql });
      const text = await r.text();
      if (!r.ok) throw new Error(`ClickHouse: ${text.trim()}`);
      return parseTsvWithNames(text);
    },
    async close() {},
  };
}
