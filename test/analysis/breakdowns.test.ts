import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CohortBuilder, cohortTriangle, type CohortEvent } from '../../src/analysis/cohorts.js';
import { concentration, concentrationByGroup } from '../../src/analysis/concentration.js';
import { contributions } from '../../src/analysis/contribution.js';
import { roundMoney } from '../../src/analysis/stats.js';

describe('contribution', () => {
  it('by hand, exact in cents', () => {
    // N 100.10 → 150.20 (+50.10), S 200.00 → 180.05 (-19.95), W 50.00 → 30.05 (-19.95), E 0.10 → 0.30 (+0.20)
    // total 350.20 → 360.60, Δ = 10.40; shares 50.10/10.40, -19.95/10.40 (twice), 0.20/10.40
    const r = contributions([
      { key: 'W', before: 50, after: 30.05 },
      { key: 'E', before: 0.1, after: 0.3 },
      { key: 'S', before: 200, after: 180.05 },
      { key: 'N', before: 100.1, after: 150.2 },
    ]);
    expect(r).toMatchObject({ before: 350.2, after: 360.6, delta: 10.4 });
    expect(r.groups.map((g) => [g.key, g.delta])).toEqual([
      ['N', 50.1],
      ['S', -19.95],
      ['W', -19.95],
      ['E', 0.2], // a float subtraction gives 0.19999999999999998
    ]);
    expect(r.groups[0]!.share).toBeCloseTo(50.1 / 10.4, 12);
    expect(r.groups[3]!.share).toBeCloseTo(0.2 / 10.4, 12);
    expect(
      contributions([
        { key: 'a', before: 1, after: 2 },
        { key: 'b', before: 2, after: 1 },
      ]).groups.map((g) => g.share),
    ).toEqual([null, null]);
  });

  it('property: group deltas add up to the total delta, in cents, whatever the order', () => {
    const cents = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((c) => c / 100);
    fc.assert(
      fc.property(fc.array(fc.tuple(cents, cents), { minLength: 1, maxLength: 20 }), (pairs) => {
        const groups = pairs.map(([before, after], i) => ({ key: `g${i}`, before, after }));
        const r = contributions(groups);
        expect(r.groups.reduce((s, g) => s + Math.round(g.delta * 100), 0)).toBe(Math.round(r.delta * 100));
        expect(contributions([...groups].reverse())).toEqual(r);
      }),
    );
  });
});

describe('cohorts', () => {
  const events: CohortEvent[] = [
    { customer: 'A', period: 0, amount: 10 },
    { customer: 'B', period: 0, amount: 20 },
    { customer: 'A', period: 1, amount: 5 },
    { customer: 'C', period: 1, amount: 7 },
    { customer: 'C', period: 1, amount: 3 },
    { customer: 'D', period: 1, amount: -4 },
    { customer: 'A', period: 2, amount: 5 },
    { customer: 'B', period: 2, amount: 10 },
    { customer: 'C', period: 2, amount: -2 },
    { customer: 'D', period: 2, amount: 8 },
  ];

  it('the triangle by hand', () => {
    // cohort 0 = A, B: k0 both (30), k1 A (5), k2 A and B (15) → retention 1, .5, 1
    // cohort 1 = C (two buys in period 1 count once): k0 1 (10), k1 only a refund: 0 active, -2
    // cohort 2 = D (its refund in period 1 came before any purchase: unassigned -4): k0 1 (8)
    const t = cohortTriangle(events);
    expect(t.rows).toEqual([
      { cohort: 0, size: 2, active: [2, 1, 2], retention: [1, 0.5, 1], revenue: [30, 5, 15] },
      { cohort: 1, size: 1, active: [1, 0], retention: [1, 0], revenue: [10, -2] },
      { cohort: 2, size: 1, active: [1], retention: [1], revenue: [8] },
    ]);
    // 10+20+5+7+3-4+5+10-2+8 = 62
    expect(t).toMatchObject({ customers: 4, revenue: 62, unassignedRevenue: -4 });
  });

  it('any order through cohortTriangle; the builder refuses going back in time', () => {
    expect(cohortTriangle([...events].reverse())).toEqual(cohortTriangle(events));
    const b = new CohortBuilder();
    b.add({ customer: 'A', period: 2, amount: 1 });
    expect(() => b.add({ customer: 'A', period: 1, amount: 1 })).toThrow(RangeError);
  });

  it('property (second method): cells match a brute-force count with sets; sums match the totals', () => {
    const ev = fc.record({
      customer: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      period: fc.integer({ min: 0, max: 6 }),
      amount: fc.integer({ min: -500, max: 2000 }).map((c) => c / 100),
    });
    fc.assert(
      fc.property(fc.array(ev, { maxLength: 60 }), (es) => {
        const t = cohortTriangle(es);
        // brute force: first positive period per customer (over time order), then distinct active customers per cell
        const sorted = [...es].sort((x, y) => x.period - y.period);
        const first = new Map<string, number>();
        for (const e of sorted) if (e.amount > 0 && !first.has(e.customer)) first.set(e.customer, e.period);
        for (const row of t.rows) {
          row.active.forEach((n, k) => {
            const who = new Set(
              es.filter((e) => e.amount > 0 && first.get(e.customer) === row.cohort && e.period === row.cohort + k).map((e) => e.customer),
            );
            expect(n).toBe(who.size);
          });
          expect(row.size).toBe([...first.values()].filter((p) => p === row.cohort).length);
        }
        expect(t.customers).toBe(first.size);
        const cells = t.rows.reduce((s, r) => s + r.revenue.reduce((a, v) => a + Math.round(v * 100), 0), 0);
        const all = es.reduce((s, e) => s + Math.round(e.amount * 100), 0);
        expect(cells + Math.round(t.unassignedRevenue * 100)).toBe(all);
        expect(Math.round(t.revenue * 100)).toBe(all);
      }),
    );
  });
});

describe('concentration', () => {
  it('by hand, with refunds', () => {
    // positive: 50 30 10 10 (total 100); 0 and -5 set apart (2 customers, -5)
    // top1 .5, top2 .8, top5 1; Pareto: 50 < 80, 50+30 = 80 ≥ 80 → 2 of 4 = .5
    // HHI = 50² + 30² + 10² + 10² = 2500 + 900 + 100 + 100 = 3600
    const c = concentration([10, 50, -5, 30, 0, 10], { topN: [1, 2, 5] });
    expect(c).toEqual({
      customers: 4,
      total: 100,
      nonPositive: 2,
      nonPositiveTotal: -5,
      topShares: [
        { n: 1, share: 0.5 },
        { n: 2, share: 0.8 },
        { n: 5, share: 1 },
      ],
      paretoCount: 2,
      paretoShare: 0.5,
      hhi: 3600,
    });
    expect(concentration([-1, 0])).toMatchObject({
      customers: 0,
      hhi: null,
      paretoShare: null,
      topShares: [
        { n: 1, share: null },
        { n: 5, share: null },
        { n: 10, share: null },
      ],
    });
  });

  it('per group by hand: customers netted within each group and overall', () => {
    // North: x 30, y 10 → HHI 75² + 25² = 6250; South: x 20, x -20 → x nets 0 → no positive customer
    // overall: x 30 + 20 - 20 = 30, y 10 → same as North
    const r = concentrationByGroup([
      { group: 'South', customer: 'x', amount: 20 },
      { group: 'North', customer: 'x', amount: 30 },
      { group: 'North', customer: 'y', amount: 10 },
      { group: 'South', customer: 'x', amount: -20 },
    ]);
    expect(r.groups.map((g) => [g.group, g.concentration.hhi, g.concentration.nonPositive])).toEqual([
      ['North', 6250, 0],
      ['South', null, 1],
    ]);
    expect(r.overall.hhi).toBe(6250);
  });

  it('property (second method): HHI = 10,000·Σs² computed directly, within [10,000/n, 10,000]; Pareto is minimal', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 50 }), (cents) => {
        const xs = cents.map((c) => c / 100);
        const c = concentration(xs);
        const total = cents.reduce((a, b) => a + b, 0);
        const direct = 10_000 * cents.reduce((s, v) => s + (v / total) ** 2, 0);
        expect(c.hhi!).toBeCloseTo(direct, 6);
        expect(c.hhi!).toBeGreaterThanOrEqual(10_000 / xs.length - 1e-6);
        expect(c.hhi!).toBeLessThanOrEqual(10_000 + 1e-6);
        const desc = [...cents].sort((a, b) => b - a);
        const top = (k: number) => desc.slice(0, k).reduce((a, b) => a + b, 0);
        expect(top(c.paretoCount!)).toBeGreaterThanOrEqual(0.8 * total);
        if (c.paretoCount! > 1) expect(top(c.paretoCount! - 1)).toBeLessThan(0.8 * total);
      }),
    );
  });
});

describe('roundMoney', () => {
  it('half away from zero, as written', () => {
    expect([1.005, -1.005, 2.675, 0.125, -0.125, 1.234, -0.004].map(roundMoney)).toEqual([1.01, -1.01, 2.68, 0.13, -0.13, 1.23, 0]);
  });
});
