/**
 * The shape of a KPI in the catalogue (one file per KPI in this folder) and of what its value is
 * computed from: the reducer values of its cell, of the previous and the year-ago cell of the same
 * group, the targets and spend side tables, and the KPIs computed before it. Pure: no I/O, no clock.
 */
import type { Decimal } from '../core/decimal.js';

export type KpiUnit = 'money' | 'count' | 'ratio' | 'days';

/** What must be present for a KPI to be computed: a sales column, or a side table. */
export type KpiNeed = 'customer' | 'createdDate' | 'quantity' | 'status' | 'profit' | 'targets' | 'spend';

/** Which optional sales columns the data has (known once the files are read). */
export interface Has {
  customer: boolean;
  createdDate: boolean;
  quantity: boolean;
  status: boolean;
  /** A profit or a cost column (profit = amount − cost). Absent = false. */
  profit?: boolean;
}

/** Which side tables the report was given. */
export interface Sides {
  targets: boolean;
  spend: boolean;
}

/** The reducer values of one cell (a group × period); an absent cell is `EMPTY_CELL`. */
export interface CellValues {
  /** Σ amount of won and refund rows. */
  revenue: Decimal;
  /** Σ amount of refund rows (negative). */
  refunds: Decimal;
  /** Σ profit of won and refund rows. */
  profit: Decimal;
  /** Σ quantity of won rows − Σ quantity of refund rows. */
  units: Decimal;
  /** Distinct won deals (rows without a deal id count one each). */
  deals: number;
  /** Distinct lost deals (rows without a deal id count one each). */
  lostDeals: number;
  /** Customer ids with a won row. */
  customers: ReadonlySet<number> | null;
  /** Cycle days of won deals: days → how many. */
  cycle: ReadonlyMap<number, number> | null;
}

/** Customer movement of a cell against the previous period of its group. */
export interface CustomerFlow {
  /** Active customers this period and the previous one. */
  active: number;
  before: number;
  /** Active in both. */
  retained: number;
  /** Active now, with their first-ever won row in this period. */
  fresh: number;
}

export type KpiValues = Record<string, number | null>;

export interface KpiContext {
  cell: CellValues;
  prev: CellValues;
  /** Null when the grain has no year-ago period. */
  ago: CellValues | null;
  /** Customer flow, computed once per cell (only called when a customer column exists). */
  flow: () => CustomerFlow;
  /** Days of the period, and days elapsed up to the as-of date when the period contains it (else null). */
  span: number;
  elapsed: number | null;
  /** The group's target / spend for the period (null: none for it). */
  target: Decimal | null;
  spend: Decimal | null;
  /** The spend file's acquired count: undefined when it has no such column, null when none for the cell. */
  acquiredFromFile: number | null | undefined;
  has: Has;
  /** The KPIs computed before this one, in catalogue order. */
  values: KpiValues;
}

export interface KpiDef {
  id: string;
  label: string;
  labelZh: string;
  unit: KpiUnit;
  formula: string;
  /** What must be present for the KPI to be computed. */
  needs?: KpiNeed;
  /** In the report's default columns (when available). */
  default: boolean;
  /** The cell reducers (src/kpi/reducers.ts `CELL_REDUCERS`) and other KPIs its value reads. */
  inputs: readonly string[];
  value: (ctx: KpiContext) => number | null;
  /** The same value as SQL over one report cell (src/sql/compile.ts); absent: not yet compiled to SQL. */
  sql?: (q: KpiSql) => string;
}

/** Base measures of a cell as the SQL sees them (columns of the compiled query). */
export type SqlMeasure = 'revenue' | 'refunds' | 'profit' | 'units' | 'deals' | 'lostDeals';
/** Customer flow of a cell (see `CustomerFlow`). */
export type SqlFlow = 'active' | 'before' | 'retained' | 'fresh';

/** What a KPI's `sql` declaration writes its expression from; every method returns SQL text. */
export interface KpiSql {
  /** A base measure of this cell, the previous cell or the year-ago cell of the group (0 when the cell is empty; the year-ago one NULL when the grain has none). */
  cell(m: SqlMeasure): string;
  prev(m: SqlMeasure): string;
  ago(m: SqlMeasure): string;
  flow(f: SqlFlow): string;
  /** The exact median of the cell's cycle days (NULL when none). */
  cycleMedian(): string;
  /** A DECIMAL rounded half away from zero to the cent, as `money`. */
  money(expr: string): string;
  /** A DECIMAL as it is (units). */
  exact(expr: string): string;
  /** `n / d` of a DECIMAL and a positive integer, rounded half away from zero to `places` (NULL when d = 0), as `mulDivRound`. */
  divRound(n: string, d: string, places: number): string;
  /** `num / den` as a ratio rounded to 6 decimals, NULL when den = 0, as `fraction`. */
  ratio(num: string, den: string): string;
  /** Growth of `now` against `before` (NULL when before = 0), as `growthOf`. */
  growth(now: string, before: string): string;
  /** The cell's target / spend (NULL: none for it). */
  target(): string;
  spend(): string;
  /** The spend table's acquired count for the cell, or null when the spend table has no such column. */
  acquiredFromFile(): string | null;
  /** Days of the period, and days elapsed up to the as-of date in the period containing it (else NULL). */
  span(): string;
  elapsed(): string;
  has: Has;
  /** The SQL of a KPI before this one in the catalogue. */
  kpi(id: string): string;
}

/** A catalogue entry: the file's declaration (the `id` is typed as its literal). */
export function defineKpi<const Id extends string>(def: KpiDef & { id: Id }): KpiDef & { id: Id } {
  return def;
}
