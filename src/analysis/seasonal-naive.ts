/**
 * Naive and seasonal naive forecasts (Hyndman & Athanasopoulos, FPP3 §5.2):
 * ŷ(T+h) = y(T+h − m(k+1)) with k = ⌊(h−1)/m⌋; the naive model is m = 1
 * (ŷ = y(T)). σ̂ is the root mean square of the in-sample residuals
 * e(t) = y(t) − y(t−m), and σ_h = σ̂·√(k+1) (FPP3 Table 5.2; for the naive
 * model √h). Pure.
 */
import { type Forecast, point, rms } from './forecast.js';

/** In-sample one-step residuals y(t) − y(t−m), t = m … n−1. */
export function seasonalNaiveResiduals(y: readonly number[], m: number): number[] {
  const out: number[] = [];
  for (let t = m; t < y.length; t++) out.push(y[t]! - y[t - m]!);
  return out;
}

/**
 * Seasonal naive forecast h steps ahead (m = 1: the naive, last-value model).
 * null when the series is shorter than one season (or empty).
 * @example seasonalNaive([1, 2, 3, 4, 5, 6], 4, 2).points.map(p => p.mean) // [3, 4]
 */
export function seasonalNaive(y: readonly number[], m: number, horizon: number): Forecast | null {
  const n = y.length;
  if (m < 1 || n < m || n === 0) return null;
  const sigma = rms(seasonalNaiveResiduals(y, m));
  const points = [];
  for (let h = 1; h <= horizon; h++) {
    const k = Math.floor((h - 1) / m);
    points.push(point(h, y[n + h - m * (k + 1) - 1]!, sigma * Math.sqrt(k + 1)));
  }
  return { model: m === 1 ? 'naive' : 'seasonal-naive', sigma, points };
}

/** The naive (last value) forecast: seasonal naive with m = 1. */
export function naive(y: readonly number[], horizon: number): Forecast | null {
  return seasonalNaive(y, 1, horizon);
}
