import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { theilSen, THEIL_SEN_MAX_POINTS } from '../../src/analysis/theil-sen.js';

describe('theilSen', () => {
  it('5 points by hand', () => {
    // y = 1 3 2 5 4 at x = 0..4. Pairwise slopes (j > i):
    // (0,1) 2  (0,2) 1/2  (0,3) 4/3  (0,4) 3/4  (1,2) -1  (1,3) 1  (1,4) 1/3  (2,3) 3  (2,4) 1  (3,4) -1
    // sorted: -1 -1 1/3 1/2 3/4 | 1 1 4/3 2 3 → median (3/4 + 1)/2 = 0.875
    // y - 0.875x: 1, 2.125, 0.25, 2.375, 0.5 → median 1; median(y) = 3, 1% of it = 0.03 < 0.875 → up
    expect(theilSen([1, 3, 2, 5, 4])).toEqual({ slope: 0.875, intercept: 1, n: 5, direction: 'up' });
  });

  it('ignores one wild point (robust), unlike least squares', () => {
    // slopes: six pairs among the first four points are 1; the four with the 100 are 24.75, 32.67, 48.5, 96
    // median of 10 = (1 + 1)/2 = 1; y - x = 1 1 1 1 96 → intercept 1
    expect(theilSen([1, 2, 3, 4, 100])).toMatchObject({ slope: 1, intercept: 1 });
  });

  it('direction with the tolerance, x values, missing values and too few points', () => {
    // slope 0.5 per period on a level of ~101: 0.5 ≤ 0.01·101 → flat; with 0.1% tolerance → up
    const y = [100, 100.5, 101, 101.5, 102];
    expect(theilSen(y)!.direction).toBe('flat');
    expect(theilSen(y, { tolerance: 0.001 })!.direction).toBe('up');
    expect(theilSen([5, 4, 3])!.direction).toBe('down');
    expect(theilSen([0, 0, 0])!).toMatchObject({ slope: 0, direction: 'flat' });
    // x = 0, 2, 10: slopes (4-2)/2 = 1, (22-2)/10 = 2, (22-4)/8 = 2.25 → median 2
    expect(theilSen([2, 4, 22], { xs: [0, 2, 10] })!.slope).toBe(2);
    // nulls dropped: points (0,1), (2,5) → slope 2
    expect(theilSen([1, null, 5])!).toMatchObject({ slope: 2, n: 2 });
    expect(theilSen([7])).toBeNull();
    expect(theilSen([1, 2], { xs: [3, 3] })).toBeNull();
  });

  it('caps the points at THEIL_SEN_MAX_POINTS, keeping the latest', () => {
    // the first 5 points lie on a steep line, the last 1,000 on slope 1: only those count
    const y = [...Array.from({ length: 5 }, (_, i) => -1000 * i), ...Array.from({ length: THEIL_SEN_MAX_POINTS }, (_, i) => i)];
    expect(theilSen(y)).toMatchObject({ slope: 1, n: THEIL_SEN_MAX_POINTS });
  });

  it('property: the slope of a·x + b is a, the intercept b', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 2, max: 40 }),
        (a, b, n) => {
          const r = theilSen(Array.from({ length: n }, (_, x) => a * x + b))!;
          expect(r.slope).toBe(a);
          expect(r.intercept).toBe(b);
        },
      ),
    );
  });

  it('property (second method): at most half the pairwise slopes lie strictly on each side of the slope', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 30 }), (y) => {
        const s = theilSen(y)!.slope;
        let below = 0;
        let above = 0;
        let pairs = 0;
        for (let i = 0; i < y.length; i++)
          for (let j = i + 1; j < y.length; j++) {
            const p = (y[j]! - y[i]!) / (j - i);
            pairs++;
            if (p < s - 1e-12) below++;
            if (p > s + 1e-12) above++;
          }
        expect(below).toBeLessThanOrEqual(pairs / 2);
        expect(above).toBeLessThanOrEqual(pairs / 2);
      }),
    );
  });
});
