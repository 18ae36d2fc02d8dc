/**
 * Additive Holt–Winters (Hyndman & Athanasopoulos, FPP3 §8.3), component form
 * with season length m:
 *   ŷ(t|t−1) = ℓ(t−1) + b(t−1) + s(t−m),   e(t) = y(t) − ŷ(t|t−1)
 *   ℓ(t) = α(y(t) − s(t−m)) + (1−α)(ℓ(t−1) + b(t−1))
 *   b(t) = β(ℓ(t) − ℓ(t−1)) + (1−β)b(t−1)
 *   s(t) = γ(y(t) − ℓ(t−1) − b(t−1)) + (1−γ)s(t−m)
 *   ŷ(T+h|T) = ℓ(T) + h·b(T) + s(T+h−m(k+1)),  k = ⌊(h−1)/m⌋
 * m = 1 means no season (Holt's linear trend; s ≡ 0, γ unused).
 *
 * Start (as R's HoltWinters): ℓ = mean of the first season, b = (mean of the
 * second season − mean of the first)/m, s(i) = y(i) − ℓ for the first season;
 * the recursions run from period m+1, so at least 2m points are needed (3 when
 * m = 1). Given `init`, the recursions run from the first point instead.
 *
 * σ̂ = root mean square of the one-step errors; the h-step variance is that of
 * ETS(A,A,A) (FPP3 Table 9.8; Hyndman et al. 2008, class 1):
 *   σ_h² = σ̂²·[1 + Σ_{j=1}^{h−1} c_j²],  c_j = α + αβ·j + γ·[j mod m = 0]
 * (the trend's ETS smoothing is αβ). Fitting: a grid search over α, β, γ
 * (γ ≤ 1 − α) minimising the one-step SSE; ties keep the first in grid order. Pure.
 */
import { type Forecast, point, rms } from './forecast.js';

export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
}

export interface HoltWintersInit {
  level: number;
  trend: number;
  /** s(1−m) … s(0), the m seasonal states before the first point (ignored when m = 1). */
  season: readonly number[];
}

export interface HoltWintersFit {
  params: HoltWintersParams;
  m: number;
  level: number;
  trend: number;
  /** The last m seasonal states, oldest first: season[i] is s(T−m+1+i). */
  season: number[];
  /** One-step errors, in order, for the periods the recursions ran over. */
  errors: number[];
  sse: number;
  sigma: number;
}

export const HW_ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9] as const;
export const HW_BETAS = [0.01, 0.05, 0.1, 0.2, 0.3] as const;
export const HW_GAMMAS = [0.01, 0.05, 0.1, 0.2, 0.3, 0.5] as const;

/** Points needed to fit without `init`: two full seasons (3 without a season). */
export function holtWintersMinLength(m: number): number {
  return m <= 1 ? 3 : 2 * m;
}

/** The standard start (see the file comment); null when the series is too short. */
export function holtWintersInit(y: readonly number[], m: number): HoltWintersInit | null {
  if (y.length < holtWintersMinLength(m)) return null;
  if (m <= 1) return { level: y[0]!, trend: y[1]! - y[0]!, season: [] };
  let a = 0;
  let b = 0;
  for (let i = 0; i < m; i++) {
    a += y[i]!;
    b += y[m + i]!;
  }
  a /= m;
  b /= m;
  return { level: a, trend: (b - a) / m, season: y.slice(0, m).map((v) => v - a) };
}

/**
 * Run the recursions with fixed parameters. Without `init` the standard start
 * is used and the recursions run from period m+1 (from the 2nd point when m = 1).
 * null when the series is too short or `init` does not have m seasonal states.
 */
export function holtWinters(y: readonly number[], m: number, params: HoltWintersParams, init?: HoltWintersInit): HoltWintersFit | null {
  const start = init ?? holtWintersInit(y, m);
  const seasonal = m > 1;
  if (start === null || (seasonal && start.season.length !== m)) return null;
  const first = init ? 0 : seasonal ? m : 1;
  const { alpha, beta } = params;
  const gamma = seasonal ? params.gamma : 0;
  let level = start.level;
  let trend = start.trend;
  // ring of the last m seasonal states; s[t mod m] is s(t − m) before the update at t
  const season = seasonal ? [...start.season] : [0];
  const slot = (t: number) => (seasonal ? (((t - first) % m) + m) % m : 0);
  const errors: number[] = [];
  let sse = 0;
  for (let t = first; t < y.length; t++) {
    const sPrev = season[slot(t)]!;
    const yt = y[t]!;
    const e = yt - (level + trend + sPrev);
    errors.push(e);
    sse += e * e;
    const newLevel = alpha * (yt - sPrev) + (1 - alpha) * (level + trend);
    const newTrend = beta * (newLevel - level) + (1 - beta) * trend;
    if (seasonal) season[slot(t)] = gamma * (yt - level - trend) + (1 - gamma) * sPrev;
    level = newLevel;
    trend = newTrend;
  }
  // oldest first: the slot after the last updated one holds the oldest state
  const ordered = seasonal ? Array.from({ length: m }, (_, i) => season[slot(y.length + i)]!) : [0];
  return { params: { alpha, beta, gamma }, m, level, trend, season: ordered, errors, sse, sigma: rms(errors) };
}

/** Fit α, β, γ by grid search (minimum one-step SSE); null when the series is too short. */
export function fitHoltWinters(y: readonly number[], m: number): HoltWintersFit | null {
  let best: HoltWintersFit | null = null;
  const gammas = m > 1 ? HW_GAMMAS : [0];
  for (const alpha of HW_ALPHAS) {
    for (const beta of HW_BETAS) {
      for (const gamma of gammas) {
        if (m > 1 && gamma > 1 - alpha) continue;
        const fit = holtWinters(y, m, { alpha, beta, gamma });
        if (fit === null) return null;
        if (best === null || fit.sse < best.sse) best = fit;
      }
    }
  }
  return best;
}

/** h-step variance factor 1 + Σ_{j=1}^{h−1} c_j² (see the file comment). */
export function hwVarianceFactor(params: HoltWintersParams, m: number, h: number): number {
  const { alpha, beta, gamma } = params;
  let f = 1;
  for (let j = 1; j < h; j++) {
    const c = alpha + alpha * beta * j + (m > 1 && j % m === 0 ? gamma : 0);
    f += c * c;
  }
  return f;
}

/** Forecast h = 1 … horizon from a fit, with 80% and 95% intervals. */
export function holtWintersForecast(fit: HoltWintersFit, horizon: number): Forecast {
  const points = [];
  for (let h = 1; h <= horizon; h++) {
    const k = Math.floor((h - 1) / fit.m);
    const s = fit.m > 1 ? fit.season[h - fit.m * k - 1]! : 0;
    const mean = fit.level + h * fit.trend + s;
    points.push(point(h, mean, fit.sigma * Math.sqrt(hwVarianceFactor(fit.params, fit.m, h))));
  }
  return { model: 'holt-winters', sigma: fit.sigma, points };
}
