/**
 * Small mergeable reducers, as arquero's aggregate functions: `init` a state, `add` a value to it,
 * `merge` two states (partial cells from the parallel path or another engine), `value` at the end.
 * `add` and `merge` may update the state in place and return it.
 *
 * The aggregator's hot loop (src/engine/aggregate.ts `KpiAggregator.add/addTo`) keeps these states
 * in its cells and inlines `add` for the core measures by design (measured: a call per measure per
 * row costs more than the work); distinct deals use `DealCells` there, one column for the whole run
 * instead of a set per cell, and the first-won period per customer an `IntColumn` — the same values
 * as `distinct` and `firstSeen` below. `CELL_REDUCER` is the reference form of a whole cell, used by
 * the merge property test and by engines that combine partial cells.
 */
import { type Decimal, DecimalSum, ZERO, negate } from '../core/decimal.js';
import type { CellValues } from './types.js';

export interface Reducer<S, In, Out> {
  init(): S;
  add(state: S, x: In): S;
  merge(a: S, b: S): S;
  value(state: S): Out;
}

/** Exact Σ of decimals. */
export const moneySum: Reducer<DecimalSum, Decimal, Decimal> = {
  init: () => new DecimalSum(),
  add(s, d) {
    s.add(d.units, d.scale);
    return s;
  },
  merge(a, b) {
    a.addSum(b);
    return a;
  },
  value: (s) => s.value(),
};

/** How many values were added. */
export const count: Reducer<{ n: number }, unknown, number> = {
  init: () => ({ n: 0 }),
  add(s) {
    s.n++;
    return s;
  },
  merge(a, b) {
    a.n += b.n;
    return a;
  },
  value: (s) => s.n,
};

/** Distinct ids (deals, customers); the value is the set (its size is the count). */
export const distinct: Reducer<Set<number>, number, ReadonlySet<number>> = {
  init: () => new Set(),
  add(s, id) {
    s.add(id);
    return s;
  },
  merge(a, b) {
    for (const x of b) a.add(x);
    return a;
  },
  value: (s) => s,
};

/** Counts per integer value (cycle days): a histogram, whose median a KPI reads. */
export const histogram: Reducer<Map<number, number>, number, ReadonlyMap<number, number>> = {
  init: () => new Map(),
  add(s, v) {
    s.set(v, (s.get(v) ?? 0) + 1);
    return s;
  },
  merge(a, b) {
    for (const [v, n] of b) a.set(v, (a.get(v) ?? 0) + n);
    return a;
  },
  value: (s) => s,
};

/** The smallest value per key: the first period with a won row per customer. */
export const firstSeen: Reducer<Map<number, number>, readonly [key: number, at: number], ReadonlyMap<number, number>> = {
  init: () => new Map(),
  add(s, [k, at]) {
    const cur = s.get(k);
    if (cur === undefined || at < cur) s.set(k, at);
    return s;
  },
  merge(a, b) {
    for (const [k, at] of b) {
      const cur = a.get(k);
      if (cur === undefined || at < cur) a.set(k, at);
    }
    return a;
  },
  value: (s) => s,
};

/** Per deal, the earliest created date and the latest date: its cycle is their difference. */
export const dealSpan: Reducer<
  Map<number, [created: number, last: number]>,
  readonly [deal: number, created: number | null, date: number],
  ReadonlyMap<number, number>
> = {
  init: () => new Map(),
  add(s, [deal, created, date]) {
    const cur = s.get(deal);
    const c = created ?? Infinity;
    if (!cur) s.set(deal, [c, date]);
    else {
      if (c < cur[0]) cur[0] = c;
      if (date > cur[1]) cur[1] = date;
    }
    return s;
  },
  merge(a, b) {
    for (const [deal, [c, last]] of b) {
      const cur = a.get(deal);
      if (!cur) a.set(deal, [c, last]);
      else {
        if (c < cur[0]) cur[0] = c;
        if (last > cur[1]) cur[1] = last;
      }
    }
    return a;
  },
  /** The cycle-days histogram of the deals with a created date. */
  value(s) {
    const h = new Map<number, number>();
    for (const [c, last] of s.values()) if (c !== Infinity) histogram.add(h, last - c);
    return h;
  },
};

/** One row as the cell reducer sees it: ids are run-wide (-1 for none), money exact. */
export interface CellRow {
  status: 'won' | 'lost' | 'open' | 'refund';
  amount: Decimal;
  profit: Decimal | null;
  quantity: Decimal | null;
  deal: number;
  customer: number;
  date: number;
  createdDate: number | null;
}

export interface CellState {
  revenue: DecimalSum;
  refunds: DecimalSum;
  profit: DecimalSum;
  units: DecimalSum;
  wonDeals: Set<number>;
  wonRows: { n: number };
  lostDeals: Set<number>;
  lostRows: { n: number };
  customers: Set<number>;
  /** Cycles of won rows without a deal id, and spans of won deals. */
  rowCycles: Map<number, number>;
  dealSpans: Map<number, [number, number]>;
}

/** A whole cell as one reducer, composed of the ones above (the same rules as the aggregator's hot loop). */
export const CELL_REDUCER: Reducer<CellState, CellRow, CellValues> = {
  init: () => ({
    revenue: moneySum.init(),
    refunds: moneySum.init(),
    profit: moneySum.init(),
    units: moneySum.init(),
    wonDeals: distinct.init(),
    wonRows: count.init(),
    lostDeals: distinct.init(),
    lostRows: count.init(),
    customers: distinct.init(),
    rowCycles: histogram.init(),
    dealSpans: dealSpan.init(),
  }),
  add(s, r) {
    if (r.status === 'won') {
      moneySum.add(s.revenue, r.amount);
      if (r.profit !== null) moneySum.add(s.profit, r.profit);
      if (r.quantity !== null) moneySum.add(s.units, r.quantity);
      if (r.deal >= 0) {
        distinct.add(s.wonDeals, r.deal);
        dealSpan.add(s.dealSpans, [r.deal, r.createdDate, r.date]);
      } else {
        count.add(s.wonRows, r);
        if (r.createdDate !== null) histogram.add(s.rowCycles, r.date - r.createdDate);
      }
      if (r.customer >= 0) distinct.add(s.customers, r.customer);
    } else if (r.status === 'refund') {
      moneySum.add(s.revenue, r.amount);
      moneySum.add(s.refunds, r.amount);
      if (r.profit !== null) moneySum.add(s.profit, r.profit);
      if (r.quantity !== null) moneySum.add(s.units, negate(r.quantity));
    } else if (r.status === 'lost') {
      if (r.deal >= 0) distinct.add(s.lostDeals, r.deal);
      else count.add(s.lostRows, r);
    }
    return s;
  },
  merge(a, b) {
    moneySum.merge(a.revenue, b.revenue);
    moneySum.merge(a.refunds, b.refunds);
    moneySum.merge(a.profit, b.profit);
    moneySum.merge(a.units, b.units);
    distinct.merge(a.wonDeals, b.wonDeals);
    count.merge(a.wonRows, b.wonRows);
    distinct.merge(a.lostDeals, b.lostDeals);
    count.merge(a.lostRows, b.lostRows);
    distinct.merge(a.customers, b.customers);
    histogram.merge(a.rowCycles, b.rowCycles);
    dealSpan.merge(a.dealSpans, b.dealSpans);
    return a;
  },
  value(s) {
    const cycle = histogram.merge(new Map(dealSpan.value(s.dealSpans)), s.rowCycles);
    return {
      revenue: moneySum.value(s.revenue),
      refunds: moneySum.value(s.refunds),
      profit: moneySum.value(s.profit),
      units: moneySum.value(s.units),
      deals: distinct.value(s.wonDeals).size + count.value(s.wonRows),
      lostDeals: distinct.value(s.lostDeals).size + count.value(s.lostRows),
      customers: s.customers.size > 0 ? distinct.value(s.customers) : null,
      cycle: cycle.size > 0 ? cycle : null,
    };
  },
};

/** The values of a cell with no rows. */
export const EMPTY_CELL: CellValues = Object.freeze({
  revenue: ZERO,
  refunds: ZERO,
  profit: ZERO,
  units: ZERO,
  deals: 0,
  lostDeals: 0,
  customers: null,
  cycle: null,
});

/** Names of the cell reducers, for the catalogue's `inputs`. */
export const CELL_REDUCERS = ['revenue', 'refunds', 'profit', 'units', 'deals', 'lostDeals', 'customers', 'cycle', 'firstWon'] as const;
