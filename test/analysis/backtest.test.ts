import { describe, expect, it } from 'vitest';
import { backtest, maseScale } from '../../src/analysis/backtest.js';
import { expectedRange, explainDeviation } from '../../src/analysis/expected-range.js';
import fc from 'fast-check';

describe('rolling-origin backtest', () => {
  it('naive on 1..5 by hand', () => {
    // origins 2, 3, 4: forecasts 2, 3, 4 for actuals 3, 4, 5 → errors 1 1 1
    // MAPE = (1/3 + 1/4 + 1/5)/3·100 = 26.111…%; MASE scale = mean |Δ| of the training set = 1 → MASE 1
    const r = backtest([1, 2, 3, 4, 5], 1, { models: ['naive'], minTrain: 2 });
    expect(r.origins).toEqual([2, 3, 4]);
    // intervals: σ of training [1, 2] is 1 (residual 1) and the error is 1 = 1·σ: inside 80% (±1.28σ) and 95%
    expect(r.scores).toEqual([
      {
        model: 'naive',
        forecasts: 3,
        mape: expect.closeTo(((1 / 3 + 1 / 4 + 1 / 5) / 3) * 100, 10),
        mase: 1,
        coverage80: 1,
        coverage95: 1,
      },
    ]);
    expect(r.chosen).toBe('naive');
  });

  it('seasonal naive beats naive on a seasonal series, by hand', () => {
    // y = 10 20 12 22 14 24, m = 2; origins 3 4 5 (3 = the longest minimum of naive 2, seasonal naive 3)
    // naive: 12→22 (e 10), 22→14 (-8), 14→24 (10);  seasonal naive: 20→22, 12→14, 22→24 (e 2 each)
    // scale q = mean |y(t) - y(t-2)| of each training set = 2 → MASE naive 28/6, seasonal naive 1
    const y = [10, 20, 12, 22, 14, 24];
    const r = backtest(y, 2, { models: ['naive', 'seasonal-naive'] });
    expect(r.origins).toEqual([3, 4, 5]);
    const [nv, sn] = r.scores;
    expect(nv!.mase).toBeCloseTo(28 / 6, 12);
    expect(nv!.mape).toBeCloseTo(((10 / 22 + 8 / 14 + 10 / 24) / 3) * 100, 10);
    expect(sn!.mase).toBeCloseTo(1, 12);
    expect(sn!.mape).toBeCloseTo(((2 / 22 + 2 / 14 + 2 / 24) / 3) * 100, 10);
    // coverage, naive: t3 train 10 20 12 → residuals 10, -8, σ = √82 = 9.06; e 10 = 1.10σ: inside 80% (1.28σ)
    // t4 train …22 → residuals 10 -8 10, σ = √(264/3) = 9.38; |e| 8: inside; t5 residuals 10 -8 10 -8,
    // σ = √82 = 9.06, e 10 inside → 80% coverage 1. Seasonal naive: σ = 2 at every origin and |e| = 2: inside
    expect([nv!.coverage80, sn!.coverage80, sn!.coverage95]).toEqual([1, 1, 1]);
    // a jump far outside: naive on 1 2 1 2 100 (origin 4: forecast 2, σ = 1, e = 98) → coverage 0
    expect(backtest([1, 2, 1, 2, 100], 1, { models: ['naive'], minTrain: 4 }).scores[0]).toMatchObject({ coverage80: 0, coverage95: 0 });
    expect(r.chosen).toBe('seasonal-naive');
    expect(maseScale([10, 20, 12, 22], 2)).toBe(2);
    // too short to fit Holt-Winters at the first origin: all models start at its minimum (2m = 4)
    expect(backtest(y, 2).origins).toEqual([4, 5]);
  });

  it('Holt–Winters wins on a trend; no season means no seasonal naive; q = 0 gives no MASE', () => {
    // 1..10: naive errs by 1 each time (MASE 1); Holt's linear trend is exact (MASE 0)
    const r = backtest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1);
    expect(r.scores.map((s) => s.model)).toEqual(['naive', 'holt-winters']);
    expect(r.scores[0]!.mase).toBe(1);
    expect(r.scores[1]!.mase).toBeCloseTo(0, 9);
    expect(r.chosen).toBe('holt-winters');
    const flat = backtest([5, 5, 5, 5, 5], 1);
    expect(flat.scores.every((s) => s.mase === null)).toBe(true);
    expect(flat.chosen).toBeNull();
  });

  it('equal MASE goes to the simpler model', () => {
    // y = 0 5 5 5 5 9, m = 2, origins 3 4 5. naive forecasts y(t-1): 5 5 5; seasonal naive y(t-2): 5 5 5
    // errors 0 0 4 for both; scales q = 5, 2.5, 5/3 → MASE (0 + 0 + 4/(5/3))/3 = 0.8 for both → naive
    const r = backtest([0, 5, 5, 5, 5, 9], 2, { models: ['seasonal-naive', 'naive'] });
    expect(r.scores.map((s) => [s.model, s.mase])).toEqual([
      ['naive', expect.closeTo(0.8, 12)],
      ['seasonal-naive', expect.closeTo(0.8, 12)],
    ]);
    expect(r.chosen).toBe('naive');
  });
});

describe('expected range and anomalies', () => {
  it('by hand, m = 1', () => {
    // y = 10 10 11 10 12 10 11 30; expected = previous value; residuals 0 1 -1 2 -2 1 19
    // median 1; |r - 1| = 1 0 2 1 3 0 18 → MAD 1; σ̃ = 1/0.6745
    // t = 7: z = 0.6745·(19 - 1) = 12.141 → anomaly; range 11 + 1 ± 3.5/0.6745 = 12 ± 5.18903
    const pts = expectedRange([10, 10, 11, 10, 12, 10, 11, 30], 1);
    expect(pts[0]).toMatchObject({ expected: null, anomaly: false });
    expect(pts[7]!.z).toBeCloseTo(0.6745 * 18, 10);
    expect(pts[7]!.anomaly).toBe(true);
    expect(pts[7]!.lo).toBeCloseTo(12 - 3.5 / 0.6745, 10);
    expect(pts[7]!.hi).toBeCloseTo(12 + 3.5 / 0.6745, 10);
    expect(pts[4]!.z).toBeCloseTo(0.6745, 10);
    expect(pts.filter((p) => p.anomaly).map((p) => p.t)).toEqual([7]);
  });

  it('seasonal: expected is one season back', () => {
    const pts = expectedRange([1, 5, 2, 6, 3, 7], 2);
    expect(pts.map((p) => p.expected)).toEqual([null, null, 1, 5, 2, 6]);
  });

  it('property: a point is an anomaly exactly when it lies outside its expected range', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (y, m) => {
        for (const p of expectedRange(y, m)) {
          if (p.expected === null || p.z === null) continue;
          const outside = p.actual < p.lo! - 1e-9 || p.actual > p.hi! + 1e-9;
          const inside = p.actual > p.lo! + 1e-9 && p.actual < p.hi! - 1e-9;
          if (outside) expect(p.anomaly).toBe(true);
          if (inside) expect(p.anomaly).toBe(false);
        }
      }),
    );
  });

  it('explanation by dimension, by hand', () => {
    // A +20, B -5, C +5: parent +20; same direction first, largest first: A (share 1), C (.25), B (-.25)
    const r = explainDeviation([
      { key: 'B', actual: 20, expected: 25 },
      { key: 'C', actual: 40, expected: 35 },
      { key: 'A', actual: 50, expected: 30 },
    ]);
    expect(r.deviation).toBe(20);
    expect(r.children.map((c) => [c.key, c.deviation, c.share])).toEqual([
      ['A', 20, 1],
      ['C', 5, 0.25],
      ['B', -5, -0.25],
    ]);
    // a fall: the child that fell most comes first
    const down = explainDeviation([
      { key: 'X', actual: 10, expected: 12 },
      { key: 'Y', actual: 0, expected: 30 },
    ]);
    expect(down.children.map((c) => c.key)).toEqual(['Y', 'X']);
  });
});
