import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { robustScale, robustZ, robustZScores } from '../../src/analysis/robust-z.js';
import { median } from '../../src/analysis/stats.js';

describe('robust z (Iglewicz & Hoaglin)', () => {
  it('7 values by hand', () => {
    // 2 4 4 5 6 7 30: median 5; |x - 5| = 3 1 1 0 1 2 25 → sorted 0 1 1 1 2 3 25 → MAD 1
    // z = 0.6745·(x - 5)/1: 2 → -2.0235, 7 → 1.349, 30 → 16.8625 (> 3.5: anomaly)
    const { scale, scores } = robustZScores([2, 4, 4, 5, 6, 7, 30]);
    expect(scale).toMatchObject({ median: 5, mad: 1, method: 'mad' });
    expect(scores.map((s) => s.z)).toEqual([-3, -1, -1, 0, 1, 2, 25].map((d) => expect.closeTo(0.6745 * d, 12)));
    expect(scores.map((s) => s.anomaly)).toEqual([false, false, false, false, false, false, true]);
    // threshold 2: |−2.0235| > 2 too
    expect(
      robustZScores([2, 4, 4, 5, 6, 7, 30], 2)
        .scores.filter((s) => s.anomaly)
        .map((s) => s.value),
    ).toEqual([2, 30]);
  });

  it('MAD = 0 falls back to 1.253314·MeanAD, then to no spread', () => {
    // 5 5 5 5 6 7 20: median 5, deviations 0 0 0 0 1 2 15 → MAD 0; MeanAD = 18/7
    // σ = 1.253314·18/7 = 3.222807…; z(20) = 15/σ = 4.6543… (anomaly), z(6) = 0.3103…
    const s = robustScale([5, 5, 5, 5, 6, 7, 20])!;
    expect(s.method).toBe('meanAd');
    expect(s.sigma).toBeCloseTo((1.253314 * 18) / 7, 12);
    expect(robustZ(20, s).z).toBeCloseTo(15 / ((1.253314 * 18) / 7), 12);
    expect(robustZ(20, s).anomaly).toBe(true);
    expect(robustZ(6, s).anomaly).toBe(false);
    // all equal: the median scores 0, anything else has no finite score and is flagged
    const flat = robustScale([3, 3, 3])!;
    expect(flat).toMatchObject({ method: 'none', sigma: 0 });
    expect(robustZ(3, flat)).toEqual({ value: 3, z: 0, anomaly: false });
    expect(robustZ(4, flat)).toEqual({ value: 4, z: null, anomaly: true });
    expect(robustScale([])).toBeNull();
  });

  it('median of even and odd lists, not mutating the input', () => {
    const xs = [4, 1, 3, 2];
    expect(median(xs)).toBe(2.5);
    expect(xs).toEqual([4, 1, 3, 2]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
  });

  it('property: z is invariant to shifting and positive scaling', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 40 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: -1000, max: 1000 }),
        (xs, c, d) => {
          const a = robustZScores(xs).scores;
          const b = robustZScores(xs.map((x) => c * x + d)).scores;
          a.forEach((s, i) => {
            if (s.z === null) expect(b[i]!.z).toBeNull();
            else expect(b[i]!.z).toBeCloseTo(s.z, 9);
            expect(b[i]!.anomaly).toBe(s.anomaly);
          });
        },
      ),
    );
  });
});
