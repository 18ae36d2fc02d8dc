import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seasonLength } from '../../src/analysis/forecast.js';
import { fitHoltWinters, holtWinters, holtWintersForecast, holtWintersInit, hwVarianceFactor } from '../../src/analysis/holt-winters.js';
import { naive, seasonalNaive } from '../../src/analysis/seasonal-naive.js';
import { Z80, Z95 } from '../../src/analysis/stats.js';

describe('season length', () => {
  it('from the grain', () => {
    expect(['month', 'quarter', 'week', 'year', 'day'].map((g) => seasonLength(g as never))).toEqual([12, 4, 52, 1, 1]);
  });
});

describe('seasonal naive', () => {
  it('forecasts and interval widths by hand', () => {
    // m = 4; last season 12 22 33 41 repeats: h = 1..4 → 12 22 33 41, h = 5, 6 (k = 1) → 12 22
    // residuals y(t) - y(t-4): 2 2 3 1 → σ = √(18/4) = √4.5; σ_h = σ√(k+1): h ≤ 4 → √4.5, h = 5 → √9 = 3
    const f = seasonalNaive([10, 20, 30, 40, 12, 22, 33, 41], 4, 6)!;
    expect(f.model).toBe('seasonal-naive');
    expect(f.points.map((p) => p.mean)).toEqual([12, 22, 33, 41, 12, 22]);
    expect(f.sigma).toBeCloseTo(Math.sqrt(4.5), 12);
    expect(f.points[0]!.sd).toBeCloseTo(Math.sqrt(4.5), 12);
    expect(f.points[4]!.sd).toBeCloseTo(3, 12);
    // h = 5: 12 ± 1.2816·3 = [8.155, 15.845] (80%), 12 ± 1.96·3 = [6.120, 17.880] (95%)
    expect(f.points[4]!.lo80).toBeCloseTo(12 - 3 * 1.2815516, 6);
    expect(f.points[4]!.hi80).toBeCloseTo(15.8446548, 6);
    expect(f.points[4]!.lo95).toBeCloseTo(6.1201081, 6);
    expect(f.points[4]!.hi95).toBeCloseTo(17.8798919, 6);
    expect(seasonalNaive([1, 2, 3], 4, 1)).toBeNull();
  });

  it('naive: last value, σ_h = σ√h', () => {
    // 3 5 4: residuals 2, -1 → σ = √(5/2); h = 2: σ√2 = √5
    const f = naive([3, 5, 4], 2)!;
    expect(f.model).toBe('naive');
    expect(f.points.map((p) => p.mean)).toEqual([4, 4]);
    expect(f.points[1]!.sd).toBeCloseTo(Math.sqrt(5), 12);
  });
});

describe('additive Holt–Winters', () => {
  it('recursions for three steps with fixed α, β, γ and initial states, by hand', () => {
    // m = 2, α = β = γ = 0.5, ℓ0 = 10, b0 = 1, s(-1) = -2, s(0) = 2; y = 9 15 12
    // t1: ŷ = 10+1-2 = 9, e = 0; ℓ = .5(9+2)+.5(11) = 11; b = .5(1)+.5(1) = 1; s1 = .5(9-10-1)+.5(-2) = -2
    // t2: ŷ = 11+1+2 = 14, e = 1; ℓ = .5(15-2)+.5(12) = 12.5; b = .5(1.5)+.5(1) = 1.25; s2 = .5(15-11-1)+.5(2) = 2.5
    // t3: ŷ = 12.5+1.25-2 = 11.75, e = .25; ℓ = .5(12+2)+.5(13.75) = 13.875; b = .5(1.375)+.5(1.25) = 1.3125;
    //     s3 = .5(12-12.5-1.25)+.5(-2) = -1.875
    const fit = holtWinters([9, 15, 12], 2, { alpha: 0.5, beta: 0.5, gamma: 0.5 }, { level: 10, trend: 1, season: [-2, 2] })!;
    expect(fit.errors).toEqual([0, 1, 0.25]);
    expect(fit).toMatchObject({ level: 13.875, trend: 1.3125, season: [2.5, -1.875], sse: 1.0625 });
    expect(fit.sigma).toBeCloseTo(Math.sqrt(1.0625 / 3), 12);
    // ŷ(T+h) = ℓ + h·b + s: h1 = 13.875+1.3125+2.5 = 17.6875; h2 = 13.875+2.625-1.875 = 14.625;
    // h3 (k = 1, s3-2·1... = s2 again) = 13.875+3.9375+2.5 = 20.3125
    const f = holtWintersForecast(fit, 3);
    expect(f.points.map((p) => p.mean)).toEqual([17.6875, 14.625, 20.3125]);
    // c_j = α + αβ·j + γ[j mod 2 = 0]: c1 = .5+.25 = .75, c2 = .5+.5+.5 = 1.5
    // factors 1, 1 + .5625 = 1.5625, 1.5625 + 2.25 = 3.8125 → σ_2 = 1.25σ
    expect(f.points.map((p) => p.sd / fit.sigma)).toEqual([1, 1.25, Math.sqrt(3.8125)].map((v) => expect.closeTo(v, 12)));
    expect(f.points[1]!.hi80 - f.points[1]!.lo80).toBeCloseTo(2 * Z80 * 1.25 * fit.sigma, 12);
    expect(f.points[1]!.hi95 - f.points[1]!.lo95).toBeCloseTo(2 * Z95 * 1.25 * fit.sigma, 12);
  });

  it('standard start by hand: first-season mean, season-to-season trend', () => {
    // m = 2, y = 1 3 5 7: ℓ = (1+3)/2 = 2, b = ((5+7)/2 - 2)/2 = 2, s = -1, 1
    expect(holtWintersInit([1, 3, 5, 7], 2)).toEqual({ level: 2, trend: 2, season: [-1, 1] });
    expect(holtWintersInit([1, 3, 5], 2)).toBeNull();
    expect(holtWinters([1, 2, 3], 2, { alpha: 0.5, beta: 0.5, gamma: 0.5 }, { level: 0, trend: 0, season: [1] })).toBeNull();
    // a pure season 1 3 1 3 1 3: ℓ = 2, b = 0, s = -1 1; every one-step error is 0, forecast 1 3 1
    const fit = holtWinters([1, 3, 1, 3, 1, 3], 2, { alpha: 0.3, beta: 0.1, gamma: 0.2 })!;
    expect(fit.sse).toBe(0);
    expect(holtWintersForecast(fit, 3).points.map((p) => p.mean)).toEqual([1, 3, 1]);
  });

  it('variance factor equals the closed form of FPP3 Table 9.8 (second method)', () => {
    // σ_h²/σ² = 1 + (h-1){α² + αβh + β²h(2h-1)/6} + γk{2α + γ + βm(k+1)}, β = αβ* (ETS form), k = ⌊(h-1)/m⌋
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        (alpha, bstar, gamma, m, h) => {
          const b = alpha * bstar;
          const k = Math.floor((h - 1) / m);
          const closed =
            1 + (h - 1) * (alpha ** 2 + alpha * b * h + (b ** 2 * h * (2 * h - 1)) / 6) + gamma * k * (2 * alpha + gamma + b * m * (k + 1));
          expect(hwVarianceFactor({ alpha, beta: bstar, gamma }, m, h)).toBeCloseTo(closed, 9);
        },
      ),
    );
  });

  it('property: a straight line is forecast exactly (no season), whatever the fitted parameters', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 100 }), fc.integer({ min: -100, max: 100 }), fc.integer({ min: 3, max: 30 }), (a, b, n) => {
        const y = Array.from({ length: n }, (_, t) => a + b * t);
        const f = holtWintersForecast(fitHoltWinters(y, 1)!, 3);
        f.points.forEach((p) => expect(p.mean).toBeCloseTo(a + b * (n - 1 + p.h), 6));
      }),
    );
  });

  it('property: shifting a series by c shifts the forecast and its interval by c', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 8, maxLength: 24 }),
        fc.integer({ min: -500, max: 500 }),
        (y, c) => {
          const p = { alpha: 0.3, beta: 0.1, gamma: 0.2 };
          const f0 = holtWintersForecast(holtWinters(y, 4, p)!, 5).points;
          const f1 = holtWintersForecast(
            holtWinters(
              y.map((v) => v + c),
              4,
              p,
            )!,
            5,
          ).points;
          f0.forEach((q, i) => {
            expect(f1[i]!.mean).toBeCloseTo(q.mean + c, 6);
            expect(f1[i]!.sd).toBeCloseTo(q.sd, 6);
          });
          const s0 = seasonalNaive(y, 4, 5)!.points;
          const s1 = seasonalNaive(
            y.map((v) => v + c),
            4,
            5,
          )!.points;
          s0.forEach((q, i) => expect(s1[i]!.lo80).toBeCloseTo(q.lo80 + c, 9));
        },
      ),
    );
  });

  it('the grid fit beats (or ties) every fixed choice on one-step SSE', () => {
    const y = [
      112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140, 145, 150, 178,
      163,
    ];
    const best = fitHoltWinters(y, 12)!;
    for (const p of [
      { alpha: 0.2, beta: 0.1, gamma: 0.1 },
      { alpha: 0.5, beta: 0.3, gamma: 0.3 },
      { alpha: 0.9, beta: 0.01, gamma: 0.05 },
    ])
      expect(best.sse).toBeLessThanOrEqual(holtWinters(y, 12, p)!.sse);
    expect(best.params.gamma).toBeLessThanOrEqual(1 - best.params.alpha);
    expect(fitHoltWinters(y.slice(0, 23), 12)).toBeNull();
  });
});

describe('Holt–Winters against the error-correction form (second method)', () => {
  // ETS(A,A,A) form, FPP3 §8.3: ℓ(t) = ℓ + b + αe, b(t) = b + αβ·e, s(t) = s(t-m) + γe, e = y - (ℓ + b + s(t-m))
  function errorCorrection(
    y: number[],
    m: number,
    alpha: number,
    beta: number,
    gamma: number,
    level: number,
    trend: number,
    season: number[],
  ) {
    const s = [...season];
    let sse = 0;
    for (let t = 0; t < y.length; t++) {
      const e = y[t]! - (level + trend + s[t]!);
      sse += e * e;
      level = level + trend + alpha * e;
      trend = trend + alpha * beta * e;
      s.push(s[t]! + gamma * e);
    }
    return { sse, level, trend, season: s.slice(-m) };
  }

  it('property: same states and SSE on random series and parameters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2, max: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (y, m, alpha, beta, gamma) => {
          const init = { level: 100, trend: 3, season: Array.from({ length: m }, (_, i) => 10 * i - 5) };
          const a = holtWinters(y, m, { alpha, beta, gamma }, init)!;
          const b = errorCorrection(y, m, alpha, beta, gamma, init.level, init.trend, init.season);
          // relative: some (α, β, γ) are unstable and the states grow large
          const near = (x: number, z: number) => expect(Math.abs(x - z)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(z)));
          near(a.sse, b.sse);
          near(a.level, b.level);
          near(a.trend, b.trend);
          a.season.forEach((v, i) => near(v, b.season[i]!));
        },
      ),
    );
  });
});
