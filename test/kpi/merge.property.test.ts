/**
 * Merge laws of the KPI reducers: for random record lists split at a random point, adding all
 * gives what merging the two halves' states gives — for every reducer and for every KPI value of
 * the catalogue computed from the merged cell (the parallel path and later engines combine
 * partial cells this way).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, unitsAt } from '../../src/core/decimal.js';
import { KPIS } from '../../src/kpi/index.js';
import {
  CELL_REDUCER,
  type CellRow,
  type Reducer,
  count,
  dealSpan,
  distinct,
  firstSeen,
  histogram,
  moneySum,
} from '../../src/kpi/reducers.js';
import type { CellValues, CustomerFlow, KpiContext } from '../../src/kpi/types.js';

const dec = fc.record({ units: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), scale: fc.integer({ min: 0, max: 4 }) });
const bigDec = fc.record({ units: fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), scale: fc.integer({ min: 0, max: 4 }) });

const row: fc.Arbitrary<CellRow> = fc
  .record({
    status: fc.constantFrom('won', 'won', 'lost', 'open', 'refund'),
    amount: fc.oneof(dec, dec, bigDec),
    profit: fc.option(dec),
    quantity: fc.option(dec),
    deal: fc.integer({ min: -1, max: 12 }),
    customer: fc.integer({ min: -1, max: 12 }),
    date: fc.integer({ min: 0, max: 60 }),
    gap: fc.option(fc.integer({ min: 0, max: 30 })),
  })
  .map(({ gap, status, amount, ...r }) => ({
    ...r,
    status: status as CellRow['status'],
    amount:
      status === 'refund' && unitsAt(amount, 4) > 0n
        ? { units: typeof amount.units === 'bigint' ? -amount.units : -amount.units, scale: amount.scale }
        : amount,
    createdDate: gap === null ? null : r.date - gap,
  }));

/** A value in a comparable form: decimals exactly, sets and maps sorted. */
function plain(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && 'units' in v && 'scale' in v) return `dec:${unitsAt(v as Decimal, 40)}`;
  if (v instanceof Set) return [...v].sort((a, b) => a - b);
  if (v instanceof Map) return [...v.entries()].sort((a, b) => a[0] - b[0]).map(([k, x]) => [k, plain(x)]);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function lawHolds<S, In, Out>(r: Reducer<S, In, Out>, xs: In[], at: number): void {
  const all = xs.reduce((s, x) => r.add(s, x), r.init());
  const a = xs.slice(0, at).reduce((s, x) => r.add(s, x), r.init());
  const b = xs.slice(at).reduce((s, x) => r.add(s, x), r.init());
  expect(plain(r.value(r.merge(a, b)))).toEqual(plain(r.value(all)));
}

const split = <T>(arb: fc.Arbitrary<T>) =>
  fc.array(arb, { maxLength: 80 }).chain((xs) => fc.tuple(fc.constant(xs), fc.integer({ min: 0, max: xs.length })));

describe('reducers merge like they add', () => {
  it('moneySum (numbers and bigints, mixed scales)', () => {
    fc.assert(
      fc.property(split(fc.oneof(dec, bigDec)), ([xs, at]) => lawHolds(moneySum, xs, at)),
      { numRuns: 300 },
    );
  });
  it('count, distinct, histogram', () => {
    fc.assert(
      fc.property(split(fc.integer({ min: -5, max: 40 })), ([xs, at]) => {
        lawHolds(count, xs, at);
        lawHolds(distinct, xs, at);
        lawHolds(histogram, xs, at);
      }),
      { numRuns: 300 },
    );
  });
  it('firstSeen and dealSpan', () => {
    fc.assert(
      fc.property(split(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: -50, max: 50 }))), ([xs, at]) =>
        lawHolds(firstSeen, xs, at),
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        split(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.option(fc.integer({ min: 0, max: 50 })), fc.integer({ min: 0, max: 99 }))),
        ([xs, at]) => lawHolds(dealSpan, xs, at),
      ),
      { numRuns: 300 },
    );
  });
  it('the whole cell', () => {
    fc.assert(
      fc.property(split(row), ([xs, at]) => lawHolds(CELL_REDUCER, xs, at)),
      { numRuns: 300 },
    );
  });
});

/** Every KPI of the catalogue (or the code of the error that stops it) from a cell, its previous cell and the first-won periods (period 1; the previous is 0). */
function kpiValues(cell: CellValues, prev: CellValues, firstWon: ReadonlyMap<number, number>): Record<string, number | string | null> {
  let flow: CustomerFlow | null = null;
  const ctx: KpiContext = {
    cell,
    prev,
    ago: prev,
    flow: () => {
      if (flow) return flow;
      const active = cell.customers ?? new Set<number>();
      let retained = 0;
      let fresh = 0;
      for (const c of active) {
        if (prev.customers?.has(c)) retained++;
        if (firstWon.get(c) === 1) fresh++;
      }
      return (flow = { active: active.size, before: prev.customers?.size ?? 0, retained, fresh });
    },
    span: 30,
    elapsed: 12,
    target: { units: 12345678, scale: 2 },
    spend: { units: 99900, scale: 2 },
    acquiredFromFile: undefined,
    has: { customer: true, createdDate: true, quantity: true, status: true, profit: true },
    values: {},
  };
  // a total beyond the money limit stops a report: both sides must stop on the same KPI
  const out: Record<string, number | string | null> = {};
  for (const k of KPIS) {
    try {
      out[k.id] = ctx.values[k.id] = k.value(ctx);
    } catch (e) {
      out[k.id] = `stop:${(e as { code?: string }).code}`;
      ctx.values[k.id] = null;
    }
  }
  return out;
}

describe('every KPI value is the same from merged partial cells', () => {
  it('split at a random point, period by period', () => {
    const cellOf = (xs: CellRow[]) => xs.reduce((s, x) => CELL_REDUCER.add(s, x), CELL_REDUCER.init());
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), split(row), ([...prevRows], [rows, at]) => {
        const prev = CELL_REDUCER.value(cellOf(prevRows));
        const first = new Map<number, number>();
        for (const r of prevRows) if (r.status === 'won' && r.customer >= 0) firstSeen.add(first, [r.customer, 0]);
        for (const r of rows) if (r.status === 'won' && r.customer >= 0) firstSeen.add(first, [r.customer, 1]);
        const all = kpiValues(CELL_REDUCER.value(cellOf(rows)), prev, first);
        const merged = kpiValues(CELL_REDUCER.value(CELL_REDUCER.merge(cellOf(rows.slice(0, at)), cellOf(rows.slice(at)))), prev, first);
        expect(Object.keys(all)).toEqual(KPIS.map((k) => k.id));
        expect(merged).toEqual(all);
      }),
      { numRuns: 300 },
    );
  });
});
