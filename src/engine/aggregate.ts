/**
 * The one-pass KPI aggregator. Records stream in batches; each adds to its
 * group's cell for its period and to the totals cell. Per cell it keeps exact
 * sums, deal-id and customer sets and a histogram of cycle days — never the
 * rows. `finish` turns cells into KPI values. Pure: no I/O, no clock.
 */
import { msg } from '../core/message-catalog.js';
import type { Decimal, DecimalSum } from '../core/decimal.js';
import { usageError } from '../errors.js';
import { availableKpis } from '../kpi/index.js';
import { EMPTY_CELL, moneySum } from '../kpi/reducers.js';
import type { CellValues, CustomerFlow, Has, KpiContext, KpiValues } from '../kpi/types.js';
import type { SalesRecord } from '../ingest/record.js';
import { type Calendar, periodDays, periodKey, periodOf, yearAgo } from './periods.js';
import { IntColumn, StringIndex } from '../core/string-index.js';
import { naturalCompare } from '../core/format.js';

/** How to read one grouping dimension from a record. */
export interface DimSpec {
  name: string;
  get: (r: SalesRecord) => string | null;
}

export interface EngineOptions {
  calendar: Calendar;
  dims: DimSpec[];
  /** Day number of the as-of date (pacing), or null. */
  asOf: number | null;
}

export type { Has, KpiValues };

/**
 * A cell's state: the reducers of src/kpi/reducers.ts, updated by the hot loop (`addTo`) with
 * their `add` inlined; distinct deals are counted through `DealCells` (one column for the run).
 */
class Cell {
  revenue: DecimalSum = moneySum.init();
  refunds: DecimalSum = moneySum.init();
  profit: DecimalSum = moneySum.init();
  units: DecimalSum = moneySum.init();
  /** Won/lost rows without a deal id, and distinct won/lost deal ids. */
  wonRows = 0;
  lostRows = 0;
  wonDeals = 0;
  lostDeals = 0;
  /** Customer ids with a won row. */
  customers: Set<number> | null = null;
  /** Cycle days of won deals: a histogram, filled at finish. */
  cycle: Map<number, number> | null = null;
  /** Rows of any status (kept on the totals' cells only). */
  rows = 0;
  /** The reducer values, computed once at finish (a cell is also the previous and year-ago cell of others). */
  view: CellValues | null = null;
  constructor(readonly id: number) {}
}

/** Exact distinct counting of (deal, cell) pairs without a set per cell: most deals live in one cell. */
class DealCells {
  readonly last = new IntColumn(-1);
  private readonly spill = new Set<number>();
  /** True the first time `deal` is seen in `cell`. */
  first(deal: number, cell: number): boolean {
    this.last.ensure(deal);
    const prev = this.last.data[deal]!;
    if (prev === cell) return false;
    this.last.data[deal] = cell;
    if (prev === -1) return true;
    this.spill.add(deal * 0x1000000 + prev);
    const k = deal * 0x1000000 + cell;
    if (this.spill.has(k)) return false;
    this.spill.add(k);
    return true;
  }
}

interface Group {
  key: string;
  dims: (string | null)[];
  cells: Map<number, Cell>;
  index: number;
}

/** Targets or spend keyed by group key ('' = totals) and period. */
export type PeriodTable = Map<string, Map<number, Decimal>>;

export interface SpendInput {
  spend: PeriodTable;
  /** Acquired customers by group and period, when the spend file has that column. */
  acquired: Map<string, Map<number, number>> | null;
  /** Whether the spend is broken down by the report's dimensions (else it is on totals only). */
  byGroup: boolean;
}

export interface TargetInput {
  targets: PeriodTable;
  byGroup: boolean;
}

export interface ResultRow {
  period: string;
  dims: (string | null)[];
  kpis: KpiValues;
}

export interface EngineResult {
  periods: string[];
  dimensions: string[];
  rows: ResultRow[];
  totals: ResultRow[];
  /** Which KPI ids could be computed from the inputs. */
  available: string[];
  /** Group keys of the targets/spend files that match no group in the data (left out), as display text, sorted. */
  unmatched: { targets: string[]; spend: string[] };
}

/** Most periods a report may have (167 years of months, 38 of weeks). */
export const MAX_PERIODS = 2000;
/** Most result rows (groups and the totals × periods) a report may have. */
export const MAX_RESULT_ROWS = 1_000_000;

export function groupKey(dims: readonly (string | null)[]): string {
  return dims.map((d) => (d === null ? '\u0000' : d)).join('\u0001');
}

export class KpiAggregator {
  private readonly groups = new Map<string, Group>();
  private readonly groupList: Group[] = [];
  private readonly total: Group = { key: '', dims: [], cells: new Map(), index: -1 };
  private cellCount = 0;
  private readonly customers = new StringIndex();
  /** First period with a won row, per customer id. */
  private readonly firstWon = new IntColumn(0x7fffffff);
  private readonly deals = new StringIndex();
  private readonly wonG = new DealCells();
  private readonly wonT = new DealCells();
  private readonly lostG = new DealCells();
  private readonly lostT = new DealCells();
  /** Per won deal: earliest created date, latest date and the group of that latest row (for cycle days). */
  private readonly dealCreated = new IntColumn(0x7fffffff);
  private readonly dealLast = new IntColumn(-0x7fffffff);
  private readonly dealGroup = new IntColumn(-1);
  private minPeriod = Infinity;
  private maxPeriod = -Infinity;

  constructor(private readonly o: EngineOptions) {}

  private cellOf(g: Group, p: number): Cell {
    let c = g.cells.get(p);
    if (!c) g.cells.set(p, (c = new Cell(this.cellCount++)));
    return c;
  }

  add(records: readonly SalesRecord[]): void {
    const { dims, calendar } = this.o;
    const nd = dims.length;
    const dim0 = nd === 1 ? dims[0]! : null;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const p = periodOf(r.date, calendar);
      // open deals count in no KPI, so they do not widen the period range
      if (r.status !== 'open') {
        if (p < this.minPeriod) this.minPeriod = p;
        if (p > this.maxPeriod) this.maxPeriod = p;
      }
      let g: Group | null = null;
      if (nd > 0) {
        let key: string;
        let values: (string | null)[] | null = null;
        if (dim0) {
          const v = dim0.get(r);
          key = v === null ? '\u0000' : v;
          g = this.groups.get(key) ?? null;
          if (!g) values = [v];
        } else {
          values = new Array<string | null>(nd);
          for (let k = 0; k < nd; k++) values[k] = dims[k]!.get(r);
          key = groupKey(values);
          g = this.groups.get(key) ?? null;
        }
        if (!g) {
          g = { key, dims: values!, cells: new Map(), index: this.groupList.length };
          this.groups.set(key, g);
          this.groupList.push(g);
        }
      }
      // ids from the reader when it gave them (one hash per row for the whole run), else our own
      const cust = r.customer === null ? -1 : (r.customerKey ?? this.customers.id(r.customer));
      const deal = r.dealId === null ? -1 : (r.dealKey ?? this.deals.id(r.dealId));
      if (r.status === 'won') {
        if (cust >= 0) {
          this.firstWon.ensure(cust);
          if (p < this.firstWon.data[cust]!) this.firstWon.data[cust] = p;
        }
        if (deal >= 0) this.trackCycle(deal, r, g);
      }
      const tc = this.cellOf(this.total, p);
      tc.rows++;
      this.addTo(tc, r, cust, deal, this.wonT, this.lostT);
      if (g) this.addTo(this.cellOf(g, p), r, cust, deal, this.wonG, this.lostG);
    }
  }

  private trackCycle(deal: number, r: SalesRecord, g: Group | null): void {
    this.dealCreated.ensure(deal);
    this.dealLast.ensure(deal);
    this.dealGroup.ensure(deal);
    if (r.createdDate !== null && r.createdDate < this.dealCreated.data[deal]!) this.dealCreated.data[deal] = r.createdDate;
    const gi = g ? g.index : -1;
    const last = this.dealLast.data[deal]!;
    if (r.date > last) {
      this.dealLast.data[deal] = r.date;
      this.dealGroup.data[deal] = gi;
    } else if (r.date === last && gi !== this.dealGroup.data[deal]) {
      // the same latest date in two groups: the group whose key sorts first, whatever the row order
      const cur = this.dealGroup.data[deal]!;
      if (cur >= 0 && gi >= 0 && compareDims(this.groupList[gi]!.dims, this.groupList[cur]!.dims) < 0) this.dealGroup.data[deal] = gi;
    }
  }

  private addTo(c: Cell, r: SalesRecord, cust: number, deal: number, won: DealCells, lost: DealCells): void {
    switch (r.status) {
      case 'won':
        c.revenue.add(r.units, r.scale);
        if (r.profit) c.profit.add(r.profit.units, r.profit.scale);
        if (deal >= 0) {
          if (won.first(deal, c.id)) c.wonDeals++;
        } else {
          c.wonRows++;
          if (r.createdDate !== null) {
            const h = (c.cycle ??= new Map());
            const days = r.date - r.createdDate;
            h.set(days, (h.get(days) ?? 0) + 1);
          }
        }
        if (cust >= 0) (c.customers ??= new Set()).add(cust);
        if (r.quantity !== null) c.units.add(r.quantity.units, r.quantity.scale);
        break;
      case 'refund':
        c.revenue.add(r.units, r.scale);
        c.refunds.add(r.units, r.scale);
        if (r.profit) c.profit.add(r.profit.units, r.profit.scale);
        if (r.quantity !== null)
          c.units.add(typeof r.quantity.units === 'bigint' ? -r.quantity.units : -r.quantity.units, r.quantity.scale);
        break;
      case 'lost':
        if (deal >= 0) {
          if (lost.first(deal, c.id)) c.lostDeals++;
        } else c.lostRows++;
        break;
      case 'open':
        break;
    }
  }

  /** Each won deal's cycle, counted once: in the cell of its latest won row. */
  private placeCycles(): void {
    const n = this.dealCreated.data.length;
    const created = this.dealCreated.data;
    const last = this.dealLast.data;
    const group = this.dealGroup.data;
    for (let d = 0; d < n && d < created.length; d++) {
      const c0 = created[d]!;
      if (c0 === 0x7fffffff || last[d] === -0x7fffffff) continue;
      const days = last[d]! - c0;
      const p = periodOf(last[d]!, this.o.calendar);
      const targets = [this.total.cells.get(p)];
      if (group[d]! >= 0) targets.push(this.groupList[group[d]!]!.cells.get(p));
      for (const c of targets) {
        if (!c) continue;
        const h = (c.cycle ??= new Map());
        h.set(days, (h.get(days) ?? 0) + 1);
      }
    }
  }

  /** The periods seen, as ordinals (for the CLI to check --period/--from/--to). */
  range(): { min: number; max: number } | null {
    return this.minPeriod === Infinity ? null : { min: this.minPeriod, max: this.maxPeriod };
  }

  /** Rows (of any status) dated in periods from..to (inclusive; open ends when undefined). */
  rowsIn(from?: number, to?: number): number {
    let n = 0;
    for (const [p, c] of this.total.cells) if ((from === undefined || p >= from) && (to === undefined || p <= to)) n += c.rows;
    return n;
  }

  finish(has: Has, extra: { targets?: TargetInput; spend?: SpendInput; from?: number; to?: number } = {}): EngineResult {
    this.placeCycles();
    const periods = this.periodRange(extra);
    const defs = availableKpis(has, { targets: extra.targets !== undefined, spend: extra.spend !== undefined });
    const { groups, unmatched } = this.resultGroups(extra);
    if ((groups.length + 1) * periods.length > MAX_RESULT_ROWS)
      throw usageError(
        'REPORT_TOO_LARGE',
        msg('REPORT_TOO_MANY_ROWS', { groups: groups.length, periods: periods.length, limit: MAX_RESULT_ROWS.toLocaleString('en-US') }),
        msg('REPORT_TOO_MANY_ROWS_HINT'),
      );
    const { calendar } = this.o;
    const compute = (g: Group, p: number, isTotal: boolean): KpiValues => {
      const ctx = this.context(g, p, isTotal, has, extra);
      for (const d of defs) ctx.values[d.id] = d.value(ctx);
      return ctx.values;
    };
    const rows: ResultRow[] = [];
    for (const g of groups)
      for (const p of periods) rows.push({ period: periodKey(p, calendar), dims: g.dims, kpis: compute(g, p, false) });
    const totals = periods.map((p) => ({
      period: periodKey(p, calendar),
      dims: this.o.dims.map(() => null),
      kpis: compute(this.total, p, true),
    }));
    return {
      periods: periods.map((p) => periodKey(p, calendar)),
      dimensions: this.o.dims.map((d) => d.name),
      rows,
      totals,
      available: defs.map((d) => d.id),
      unmatched,
    };
  }

  /**
   * The report's periods. The range follows the data: targets or spend for other periods add no
   * empty periods, except the in-progress as-of period when a target or spend is given for it
   * (pacing). Without any sales row (a spend-only report) the side tables give the range.
   */
  private periodRange(extra: { targets?: TargetInput; spend?: SpendInput; from?: number; to?: number }): number[] {
    const { calendar, asOf } = this.o;
    const asOfPeriod = asOf === null ? null : periodOf(asOf, calendar);
    const hasData = this.minPeriod !== Infinity;
    let min = this.minPeriod;
    let max = this.maxPeriod;
    for (const t of [extra.targets?.targets, extra.spend?.spend]) {
      if (!t) continue;
      for (const m of t.values()) {
        if (hasData) {
          if (asOfPeriod !== null && asOfPeriod > max && m.has(asOfPeriod)) max = asOfPeriod;
          continue;
        }
        for (const p of m.keys()) {
          min = Math.min(min, p);
          max = Math.max(max, p);
        }
      }
    }
    // targets for the rest of the year do not add empty future periods
    if (asOfPeriod !== null && max > asOfPeriod) max = Math.max(asOfPeriod, this.maxPeriod);
    const from = extra.from ?? min;
    const to = extra.to ?? max;
    const periods: number[] = [];
    if (from !== Infinity && to !== -Infinity) {
      if (to - from + 1 > MAX_PERIODS)
        throw usageError(
          'REPORT_TOO_LARGE',
          msg('REPORT_TOO_MANY_PERIODS', {
            count: to - from + 1,
            grain: msg(`GRAIN_${calendar.grain.toUpperCase()}`),
            first: periodKey(from, calendar),
            last: periodKey(to, calendar),
            limit: MAX_PERIODS,
          }),
          msg('REPORT_TOO_MANY_PERIODS_HINT'),
        );
      for (let p = from; p <= to; p++) periods.push(p);
    }
    return periods;
  }

  /**
   * The groups of the result, sorted; groups of targets/spend that match no group of the data are
   * left out and named (a spend-only report, with no data, takes them all).
   */
  private resultGroups(extra: { targets?: TargetInput; spend?: SpendInput }): { groups: Group[]; unmatched: EngineResult['unmatched'] } {
    const hasData = this.minPeriod !== Infinity;
    const groups = [...this.groups.values()].sort((a, b) => compareDims(a.dims, b.dims));
    const known = new Set(groups.map((g) => g.key));
    const unmatched = { targets: [] as string[], spend: [] as string[] };
    for (const [kind, t] of [
      ['targets', extra.targets?.byGroup ? extra.targets.targets : null],
      ['spend', extra.spend?.byGroup ? extra.spend.spend : null],
    ] as const) {
      if (!t) continue;
      const missed: (string | null)[][] = [];
      for (const key of t.keys()) {
        if (key === '' || known.has(key) || this.o.dims.length === 0) continue;
        const dims = key.split('\u0001').map((d) => (d === '\u0000' ? null : d));
        if (hasData) {
          missed.push(dims);
          continue;
        }
        known.add(key);
        groups.push({ key, dims, cells: new Map(), index: -1 });
      }
      unmatched[kind] = missed.sort(compareDims).map((d) => d.map((v) => v ?? '(none)').join(' / '));
    }
    groups.sort((a, b) => compareDims(a.dims, b.dims));
    return { groups, unmatched };
  }

  /** What the catalogue's KPIs read for one group × period: the cell, its neighbours and the side tables. */
  private context(g: Group, p: number, isTotal: boolean, has: Has, extra: { targets?: TargetInput; spend?: SpendInput }): KpiContext {
    const { calendar, asOf } = this.o;
    const c = g.cells.get(p);
    const prev = g.cells.get(p - 1);
    const ago = yearAgo(p, calendar);
    const { first, last } = periodDays(p, calendar);
    const asOfPeriod = asOf === null ? null : periodOf(asOf, calendar);
    let flow: CustomerFlow | null = null;
    const sideKey = (byGroup: boolean) => (byGroup || isTotal ? g.key : null);
    const acquired = extra.spend?.acquired;
    return {
      cell: cellValues(c),
      prev: cellValues(prev),
      ago: ago === null ? null : cellValues(g.cells.get(ago)),
      flow: () => (flow ??= this.customerFlow(c, prev, p)),
      span: last - first + 1,
      elapsed: asOf === null || p !== asOfPeriod ? null : asOf - first + 1,
      target: extra.targets ? lookup(extra.targets.targets, sideKey(extra.targets.byGroup), p) : null,
      spend: extra.spend ? lookup(extra.spend.spend, sideKey(extra.spend.byGroup), p) : null,
      acquiredFromFile: acquired ? (sideKey(extra.spend!.byGroup) === null ? null : (acquired.get(g.key)?.get(p) ?? null)) : undefined,
      has,
      values: {},
    };
  }

  /** Active, retained and new customers of a cell (one pass over its customer set). */
  private customerFlow(c: Cell | undefined, prev: Cell | undefined, p: number): CustomerFlow {
    const active = c?.customers;
    const before = prev?.customers;
    let retained = 0;
    let fresh = 0;
    if (active) {
      for (const cu of active) {
        if (before?.has(cu)) retained++;
        if (this.firstWon.data[cu] === p) fresh++;
      }
    }
    return { active: active ? active.size : 0, before: before ? before.size : 0, retained, fresh };
  }
}

/** A cell's reducer values (an absent cell is empty). */
function cellValues(c: Cell | undefined): CellValues {
  if (!c) return EMPTY_CELL;
  return (c.view ??= {
    revenue: moneySum.value(c.revenue),
    refunds: moneySum.value(c.refunds),
    profit: moneySum.value(c.profit),
    units: moneySum.value(c.units),
    deals: c.wonDeals + c.wonRows,
    lostDeals: c.lostDeals + c.lostRows,
    customers: c.customers,
    cycle: c.cycle,
  });
}

function lookup(t: PeriodTable, key: string | null, p: number): Decimal | null {
  if (key === null) return null;
  return t.get(key)?.get(p) ?? null;
}

export { fraction, median } from '../kpi/values.js';

export function compareDims(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return naturalCompare(x, y) < 0 ? -1 : 1;
  }
  return 0;
}
