/**
 * The KPI catalogue compiled to one SQL query over the canonical table (src/sql/canonical.ts):
 * base measures per group × period, the period spine × groups (empty periods count as in the JS
 * engine), totals as the group `gid = -1`, previous and year-ago cells, customer flow (first won
 * period per customer over all data), cycle days placed as the JS engine places them, and each
 * KPI's own `sql` declaration (src/kpi/*.ts) for its value. The result has one row per group ×
 * period: `gid`, `p` (the period ordinal), `period` (its key), `g0…` (the dimensions), then one
 * column per KPI id. `src/sql/run.ts` turns those rows into the JS engine's `EngineResult`.
 * Pure: request in, SQL text out.
 *
 * Targets and spend are side tables in a canonical shape (docs/sql.md): the report's dimension
 * columns (absent when the table is for the totals only), `period` (the report's period key,
 * already phased to the report's grain) and `amount`; spend may have `acquired`. A group's value is
 * the sum of its rows, the totals' the sum of all rows of the period (as src/engine/side-tables.ts).
 * A KPI without an `sql` declaration is left out of `available` (and listed as `notCompiled`).
 */
import { type Calendar, periodDays, periodKey, periodOf } from '../engine/periods.js';
import { availableKpis } from '../kpi/index.js';
import type { Has, KpiDef, KpiSql, SqlFlow, SqlMeasure } from '../kpi/types.js';
import { type Dialect, medianQuery, periodKeyExpr, periodOrdinal } from './dialect.js';

export interface SqlReportRequest {
  /** The canonical table, optionally qualified (`schema.table`); each part is quoted. */
  table: string;
  /** Canonical column names to group by (`--by`). */
  dims: readonly string[];
  calendar: Calendar;
  /** First and last period ordinals of the report (open ends follow the data). */
  from?: number;
  to?: number;
  /** The KPI ids asked for (default: every available KPI that compiles to SQL). */
  kpis?: readonly string[];
  /** Which optional columns the table has (`profit`: a `profit` column). */
  has: Has;
  /** Decimals of the amount / quantity / profit columns (the canonical export writes at least 2 for amounts). */
  amountScale: number;
  quantityScale?: number;
  /** Side tables, when given: `byGroup` when they have the report's dimension columns. */
  targets?: SideTableRef;
  spend?: SideTableRef & { acquired: boolean };
  /** Day number of the as-of date (pacing), or null. */
  asOf?: number | null;
}

export interface SideTableRef {
  table: string;
  byGroup: boolean;
}

export interface CompiledReport {
  sql: string;
  /** The KPI ids the query computes, in catalogue order (the result's `available`). */
  kpis: string[];
  /** Available KPIs that have no SQL yet (left out). */
  notCompiled: string[];
}

/** The KPIs a request computes: available on its columns (no side tables yet), asked for, and with an `sql` declaration. */
export function compiledKpis(req: SqlReportRequest): { defs: KpiDef[]; notCompiled: string[] } {
  const avail = availableKpis(req.has, { targets: req.targets !== undefined, spend: req.spend !== undefined });
  const asked = req.kpis ? new Set(req.kpis) : null;
  const defs: KpiDef[] = [];
  const notCompiled: string[] = [];
  for (const k of avail) {
    if (k.sql) defs.push(k);
    else notCompiled.push(k.id);
  }
  return {
    defs: asked ? defs.filter((k) => asked.has(k.id)) : defs,
    notCompiled: asked ? notCompiled.filter((id) => asked.has(id)) : notCompiled,
  };
}

function doubleType(d: Dialect): string {
  return d.name === 'postgres' ? 'DOUBLE PRECISION' : d.name === 'bigquery' ? 'FLOAT64' : 'DOUBLE';
}

/** Integer quotient of two non-negative DECIMAL(38, 0) values, exactly. */
function exactDiv(d: Dialect, a: string, b: string): string {
  switch (d.name) {
    case 'duckdb':
      return `(CAST(${a} AS HUGEINT) // CAST(${b} AS HUGEINT))`;
    case 'postgres':
      return `DIV(${a}, ${b})`;
    case 'spark':
      return `((${a}) div (${b}))`;
    default:
      return `FLOOR((${a}) / (${b}))`;
  }
}

/** A double rounded to 6 decimals (`fraction`). */
function round6(d: Dialect, x: string): string {
  return d.name === 'postgres' ? `CAST(ROUND(CAST(${x} AS NUMERIC), 6) AS DOUBLE PRECISION)` : `ROUND(${x}, 6)`;
}

/** What the compiled KPIs read: which base measures of the cell, the previous and the year-ago cell, which flows, the cycle median. */
interface Uses {
  cell: Set<SqlMeasure>;
  prev: boolean;
  ago: boolean;
  flow: boolean;
  before: boolean;
  cycle: boolean;
}

const noUses = (): Uses => ({ cell: new Set(), prev: false, ago: false, flow: false, before: false, cycle: false });

/** The expression builder handed to each KPI's `sql` declaration; `used` records what the expressions read. */
function kpiSql(d: Dialect, amountScale: number, req: SqlReportRequest, defs: readonly KpiDef[], used: Uses = noUses()): KpiSql {
  const dbl = (x: string) => `CAST(${x} AS ${doubleType(d)})`;
  const asOfP = req.asOf === null || req.asOf === undefined ? null : periodOf(req.asOf, req.calendar);
  const col = (alias: string, m: SqlMeasure) => `COALESCE(${alias}.${d.ident(m)}, 0)`;
  const flowCol: Record<SqlFlow, string> = {
    active: 'COALESCE(f.active, 0)',
    before: 'COALESCE(pf.active, 0)',
    retained: 'COALESCE(f.retained, 0)',
    fresh: 'COALESCE(f.fresh, 0)',
  };
  return {
    cell(m) {
      used.cell.add(m);
      return col('c', m);
    },
    prev(m) {
      used.prev = true;
      used.cell.add(m);
      return col('pc', m);
    },
    ago(m) {
      used.ago = true;
      used.cell.add(m);
      return col('ac', m);
    },
    flow(f) {
      used.flow = true;
      if (f === 'before') used.before = true;
      return flowCol[f];
    },
    cycleMedian() {
      used.cycle = true;
      return 'cm.med';
    },
    money: (x) => d.round(x, 2),
    exact: (x) => x,
    divRound(n, den, places) {
      const unitsN = d.decimal(`(${n}) * ${10n ** BigInt(amountScale)}`, 0);
      const q = `ABS(${unitsN}) * ${2n * 10n ** BigInt(places)} + ${d.decimal(`(${den}) * ${10n ** BigInt(amountScale)}`, 0)}`;
      const b = d.decimal(`(${den}) * ${2n * 10n ** BigInt(amountScale)}`, 0);
      const r = d.decimal(`SIGN(${unitsN}) * ${exactDiv(d, q, b)}`, 0);
      const unit = places === 0 ? '1' : `0.${'0'.repeat(places - 1)}1`;
      return `CASE WHEN (${den}) = 0 THEN NULL ELSE ${d.decimal(`${r} * ${d.decimal(unit, places)}`, places)} END`;
    },
    ratio: (num, den) => `CASE WHEN (${den}) = 0 THEN NULL ELSE ${round6(d, `${dbl(num)} / ${dbl(den)}`)} END`,
    growth: (now, before) =>
      `CASE WHEN (${before}) = 0 THEN NULL ELSE ${round6(d, `(${dbl(now)} - ${dbl(before)}) / ABS(${dbl(before)})`)} END`,
    target: () => (req.targets ? 'tg.amount' : 'NULL'),
    spend: () => (req.spend ? 'sg.amount' : 'NULL'),
    acquiredFromFile: () => (req.spend?.acquired ? 'sg.acquired' : null),
    span: () => (asOfP === null ? 'NULL' : String(periodDays(asOfP, req.calendar).last - periodDays(asOfP, req.calendar).first + 1)),
    elapsed: () =>
      asOfP === null ? 'NULL' : `(CASE WHEN grid.p = ${asOfP} THEN ${req.asOf! - periodDays(asOfP, req.calendar).first + 1} END)`,
    has: req.has,
    kpi(kid) {
      const k = defs.find((x) => x.id === kid);
      if (!k?.sql) throw new RangeError(`KPI ${kid} has no SQL here`);
      return `(${k.sql(this)})`;
    },
  };
}

/** The year-ago ordinal of the period ordinal `p` (`yearAgo`): NULL for ISO week 53. */
function yearAgoExpr(d: Dialect, p: string, cal: Calendar): string {
  if (cal.grain !== 'week') return `(${p} - ${cal.grain === 'month' ? 12 : cal.grain === 'quarter' ? 4 : 1})`;
  // the Thursday of week p is day 7p; 52 weeks earlier is week W of the year before, or W + 1 after a 53-week year
  const week = (days: string) => `(${d.intDiv(`${d.dayOfYear(d.dateFromEpochDays(days))} - 1`, 7)} + 1)`;
  const w = week(`7 * (${p})`);
  const w52 = week(`7 * (${p}) - 364`);
  return `CASE WHEN ${w} = 53 THEN NULL WHEN ${w52} = ${w} THEN ${p} - 52 ELSE ${p} - 53 END`;
}

/** The canonical table's columns under the query's short names (`g0…`, `dt`, `p`, `st`, `amt`, …). */
function sourceColumns(d: Dialect, req: SqlReportRequest): string[] {
  const cal = req.calendar;
  const id = d.ident;
  const s = req.amountScale;
  const qs = req.quantityScale ?? s;
  const nullOf = (type: string) => `CAST(NULL AS ${type})`;
  const decType = (scale: number) => /CAST\(x AS (.*)\)$/.exec(d.decimal('x', scale))![1]!;
  return [
    ...req.dims.map((c, i) => `${id(c)} AS g${i}`),
    `${id('date')} AS dt`,
    `${periodOrdinal(d, id('date'), cal)} AS p`,
    `${id('status')} AS st`,
    `${d.decimal(id('amount'), s)} AS amt`,
    `${req.has.profit ? d.decimal(id('profit'), s) : nullOf(decType(s))} AS prf`,
    `${req.has.quantity ? d.decimal(id('quantity'), qs) : nullOf(decType(qs))} AS qty`,
    `${id('deal_id')} AS deal`,
    `${req.has.customer ? id('customer') : nullOf(d.text)} AS cust`,
    `${req.has.createdDate ? id('created_date') : nullOf('DATE')} AS cdt`,
  ];
}

/** The first and last period ordinals of the spine (SQL expressions over `base`, or the request's own). */
function reportRange(d: Dialect, req: SqlReportRequest): { lo: number | string; hi: number | string } {
  const cal = req.calendar;
  const lo = req.from ?? `(SELECT MIN(p) FROM base WHERE st <> 'open')`;
  const dataHi = `(SELECT MAX(p) FROM base WHERE st <> 'open')`;
  const asOfP = req.asOf === null || req.asOf === undefined ? null : periodOf(req.asOf, cal);
  const sides = [...(req.targets ? ['tside'] : []), ...(req.spend ? ['sside'] : [])];
  // the in-progress as-of period is reported when a target or spend is given for it
  const hi =
    req.to ??
    (asOfP !== null && sides.length
      ? `(CASE WHEN ${asOfP} > ${dataHi} AND (${sides.map((t) => `EXISTS (SELECT 1 FROM ${t} WHERE period = ${d.string(periodKey(asOfP, cal))})`).join(' OR ')}) THEN ${asOfP} ELSE ${dataHi} END)`
      : dataHi);
  return { lo, hi };
}

/** The `cycmed` CTE: the median cycle days per group × period. */
function cycleMedianQuery(d: Dialect, o: { windowMedian?: boolean }): string {
  const id = d.ident;
  // the median by window functions (medianQuery) where the engine has no exact median aggregate, or when asked (tests run it on DuckDB and PostgreSQL)
  const median = o.windowMedian ? null : d.median('days');
  const cycleMedian =
    median !== null
      ? `SELECT gid, p, ${median} AS med FROM cyc GROUP BY gid, p`
      : `SELECT ${id('g0')} AS gid, ${id('g1')} AS p, (${id('twice')}) * 0.5 AS med FROM (${medianQuery(d, { from: 'cyc', groups: ['gid', 'p'], value: 'days' })}) AS cm0`;
  return cycleMedian;
}

/** A side table's CTE (`tside`, `sside`): its amounts summed per group and period, the totals as `gid = -1`. */
function sideTableQuery(d: Dialect, req: SqlReportRequest, ref: SideTableRef, extra: string): string {
  const id = d.ident;
  const s = req.amountScale;
  const nd = req.dims.length;
  const t = ref.table.split('.').map(id).join('.');
  const cols = `${id('period')} AS period, ${d.decimal(id('amount'), s)} AS amount${extra ? `, ${extra}` : ''}`;
  const per =
    ref.byGroup && nd
      ? `SELECT gr.gid, ${cols.replace(/"?(period|amount|acquired)"? AS/g, (m) => m)} FROM ${t} AS x JOIN groups AS gr ON ${req.dims.map((c, i) => `gr.g${i} = x.${id(c)}`).join(' AND ')} UNION ALL `
      : '';
  return `SELECT gid, period, ${d.sumExact('amount', s)} AS amount${extra ? `, SUM(acquired) AS acquired` : ''} FROM (${per}SELECT -1 AS gid, ${cols} FROM ${t} AS x) AS sd GROUP BY gid, period`;
}

/** The final SELECT's FROM: the grid and what the KPIs read (cells, flows, medians, side tables) joined to it. */
function reportJoins(req: SqlReportRequest, used: Uses): string[] {
  const join = (alias: string, t: string, p: string) => `LEFT JOIN ${t} AS ${alias} ON ${alias}.gid = grid.gid AND ${alias}.p = ${p}`;
  const cells = used.cell.size > 0;
  return [
    'grid',
    'LEFT JOIN groups AS gr ON gr.gid = grid.gid',
    ...(cells ? [join('c', 'cells', 'grid.p')] : []),
    ...(cells && used.prev ? [join('pc', 'cells', 'grid.p - 1')] : []),
    ...(cells && used.ago ? [join('ac', 'cells', 'grid.ago')] : []),
    ...(used.flow ? [join('f', 'flow', 'grid.p')] : []),
    ...(used.before ? [join('pf', 'flow', 'grid.p - 1')] : []),
    ...(used.cycle ? [join('cm', 'cycmed', 'grid.p')] : []),
    ...(req.targets ? ['LEFT JOIN tside AS tg ON tg.gid = grid.gid AND tg.period = grid.pk'] : []),
    ...(req.spend ? ['LEFT JOIN sside AS sg ON sg.gid = grid.gid AND sg.period = grid.pk'] : []),
  ];
}

/** A CTE: its name, its query, and whether it is a cheap projection to inline rather than materialise. */
type Cte = [string, string] | [string, string, 'inline'];

/**
 * The rows: `src0` (short names), `groups` (each distinct combination of the dimensions once, numbered in their sort
 * order: a small table, so no window over all rows), `base` (each row with its group's number) and `cellrows` (the rows
 * once per group and once more for the totals, `gid = -1`).
 */
function rowCtes(d: Dialect, req: SqlReportRequest): Cte[] {
  const gs = req.dims.map((_, i) => `g${i}`);
  const rowCols = 'p, st, amt, prf, qty, deal, cust, dt, cdt';
  const table = req.table.split('.').map(d.ident).join('.');
  const src: Cte = ['src0', `SELECT ${sourceColumns(d, req).join(', ')} FROM ${table}`, 'inline'];
  if (gs.length === 0)
    return [
      src,
      ['groups', 'SELECT 0 AS gid FROM src0 WHERE 1 = 0'],
      ['base', 'SELECT src0.*, 0 AS gid FROM src0'],
      ['cellrows', `SELECT -1 AS gid, ${rowCols} FROM base`, 'inline'],
    ];
  const order = gs.map((g) => `${g} ASC NULLS LAST`).join(', ');
  return [
    src,
    [
      'groups',
      `SELECT ${gs.join(', ')}, DENSE_RANK() OVER (ORDER BY ${order}) AS gid FROM (SELECT DISTINCT ${gs.join(', ')} FROM src0) AS gd`,
    ],
    ['base', `SELECT src0.*, gr.gid FROM src0 JOIN groups AS gr ON ${gs.map((g) => sameValue(d, `src0.${g}`, `gr.${g}`)).join(' AND ')}`],
    ['cellrows', `SELECT gid, ${rowCols} FROM base UNION ALL SELECT -1 AS gid, ${rowCols} FROM base`, 'inline'],
  ];
}

/** Two dimension values equal, NULL equal to NULL, as equalities every engine can hash-join on (`IS NOT DISTINCT FROM` is not hashable in PostgreSQL, nor in every dialect). */
function sameValue(d: Dialect, a: string, b: string): string {
  return `COALESCE(${d.toText(a)}, '') = COALESCE(${d.toText(b)}, '') AND (${a} IS NULL) = (${b} IS NULL)`;
}

/** `cells`: the base measures the KPIs read, per group × period. */
function cellsCte(d: Dialect, req: SqlReportRequest, used: Uses): Cte[] {
  if (used.cell.size === 0) return [];
  const s = req.amountScale;
  const qs = req.quantityScale ?? s;
  const sumIf = (cond: string, x: string, scale: number) => d.sumExact(`CASE WHEN ${cond} THEN ${x} END`, scale);
  const dealCount = (status: string) =>
    `(${d.countDistinct(`CASE WHEN st = '${status}' THEN deal END`)} + SUM(CASE WHEN st = '${status}' AND deal IS NULL THEN 1 ELSE 0 END))`;
  const measures: Record<SqlMeasure, string> = {
    revenue: sumIf(`st IN ('won', 'refund')`, 'amt', s),
    refunds: sumIf(`st = 'refund'`, 'amt', s),
    profit: sumIf(`st IN ('won', 'refund')`, 'prf', s),
    units: d.sumExact(`CASE WHEN st = 'won' THEN qty WHEN st = 'refund' THEN -qty END`, qs),
    deals: dealCount('won'),
    lostDeals: dealCount('lost'),
  };
  const cols = (Object.keys(measures) as SqlMeasure[]).filter((m) => used.cell.has(m)).map((m) => `${measures[m]} AS ${d.ident(m)}`);
  return [['cells', `SELECT gid, p, ${cols.join(', ')} FROM cellrows GROUP BY gid, p`]];
}

/** `flow`: active, retained and new customers per group × period (first won period per customer over all data). */
function flowCtes(used: Uses): Cte[] {
  if (!used.flow) return [];
  return [
    ['firstwon', `SELECT cust, MIN(p) AS fp FROM base WHERE st = 'won' AND cust IS NOT NULL GROUP BY cust`],
    ['custcells', `SELECT DISTINCT gid, p, cust FROM cellrows WHERE st = 'won' AND cust IS NOT NULL`],
    [
      'flow',
      `SELECT a.gid, a.p, COUNT(*) AS active, COUNT(b.cust) AS retained, SUM(CASE WHEN fw.fp = a.p THEN 1 ELSE 0 END) AS fresh FROM custcells AS a LEFT JOIN custcells AS b ON b.gid = a.gid AND b.p = a.p - 1 AND b.cust = a.cust JOIN firstwon AS fw ON fw.cust = a.cust GROUP BY a.gid, a.p`,
    ],
  ];
}

/** `cycmed`: per won deal the earliest created date and latest date; its cycle lands in the cell of that latest row. */
function cycleCtes(d: Dialect, req: SqlReportRequest, used: Uses, o: { windowMedian?: boolean }): Cte[] {
  if (!used.cycle) return [];
  const cal = req.calendar;
  const cycleDays = (later: string, earlier: string) => d.dateDiffDays(later, earlier);
  return [
    ['dealspan', `SELECT deal, MIN(cdt) AS c0, MAX(dt) AS lastdt FROM base WHERE st = 'won' AND deal IS NOT NULL GROUP BY deal`],
    [
      'dealgroup',
      `SELECT b.deal, MIN(b.gid) AS gid FROM base AS b JOIN dealspan AS ds ON ds.deal = b.deal AND ds.lastdt = b.dt WHERE b.st = 'won' GROUP BY b.deal`,
    ],
    [
      'cyc',
      [
        `SELECT -1 AS gid, ${periodOrdinal(d, 'lastdt', cal)} AS p, ${cycleDays('lastdt', 'c0')} AS days FROM dealspan WHERE c0 IS NOT NULL`,
        ...(req.dims.length
          ? [
              `SELECT dg.gid, ${periodOrdinal(d, 'ds.lastdt', cal)} AS p, ${cycleDays('ds.lastdt', 'ds.c0')} AS days FROM dealspan AS ds JOIN dealgroup AS dg ON dg.deal = ds.deal WHERE ds.c0 IS NOT NULL`,
            ]
          : []),
        `SELECT gid, p, ${cycleDays('dt', 'cdt')} AS days FROM cellrows WHERE st = 'won' AND deal IS NULL AND cdt IS NOT NULL`,
      ].join(' UNION ALL '),
    ],
    ['cycmed', cycleMedianQuery(d, o)],
  ];
}

/** Compile a report to SQL for a dialect (`windowMedian`: the median as Trino and BigQuery take it, on any engine). Only what the asked KPIs read is computed. */
export function compileReport(d: Dialect, req: SqlReportRequest, o: { windowMedian?: boolean } = {}): CompiledReport {
  const { defs, notCompiled } = compiledKpis(req);
  // a KPI may read the KPIs before it (cac reads acquired): every compiled KPI is available to kpi()
  const all = compiledKpis({ ...req, kpis: undefined }).defs;
  const cal = req.calendar;
  const id = d.ident;
  const gs = req.dims.map((_, i) => `g${i}`);
  const used = noUses();
  const q = kpiSql(d, req.amountScale, req, all, used);
  const out = [
    'grid.gid AS gid',
    'grid.p AS p',
    `grid.pk AS ${id('period')}`,
    ...gs.map((g) => `gr.${g} AS ${g}`),
    ...defs.map((k) => `${k.sql!(q)} AS ${id(k.id)}`),
  ];
  const { lo, hi } = reportRange(d, req);
  const side = (ref: SideTableRef, extra: string): string => sideTableQuery(d, req, ref, extra);
  const ctes: Cte[] = [
    ...rowCtes(d, req),
    ...cellsCte(d, req, used),
    ...flowCtes(used),
    ...cycleCtes(d, req, used, o),
    ...(req.targets ? [['tside', side(req.targets, '')] as Cte] : []),
    ...(req.spend
      ? [['sside', side(req.spend, req.spend.acquired ? `CAST(${id('acquired')} AS ${d.bigint}) AS acquired` : '')] as Cte]
      : []),
    ['spine', `SELECT p FROM ${d.spine(lo, hi)} AS sp`],
    [
      'grid',
      `SELECT gg.gid, sp.p, ${yearAgoExpr(d, 'sp.p', cal)} AS ago, ${periodKeyExpr(d, 'sp.p', cal)} AS pk FROM (SELECT gid FROM groups UNION ALL SELECT -1 AS gid) AS gg CROSS JOIN spine AS sp`,
    ],
  ];
  const from = reportJoins(req, used);
  const sql = `WITH\n${ctes.map(([n, body, how]) => `${n} ${how === 'inline' ? d.inlineCte : 'AS'} (\n  ${body}\n)`).join(',\n')}\nSELECT\n  ${out.join(',\n  ')}\nFROM ${from.join('\n')}\n`;
  return { sql, kpis: defs.map((k) => k.id), notCompiled };
}
