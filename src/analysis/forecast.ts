/**
 * Shared forecast types and the season length of each grain. Pure.
 *
 * Series are dense: one value per period, oldest first, an empty period given
 * as 0 (the caller lays the values on a period spine). Prediction intervals are
 * mean ± z·σ_h with z = 1.2816 (80%) and 1.96 (95%), σ_h the h-step standard
 * deviation of the model (Hyndman & Athanasopoulos, "Forecasting: principles
 * and practice", 3rd ed., §5.5 and §8.7), assuming normal, uncorrelated
 * one-step errors.
 */
import { Z80, Z95 } from './stats.js';

export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type ModelName = 'naive' | 'seasonal-naive' | 'holt-winters';

/** Periods in a season: 12 months, 4 quarters, 52 weeks; 1 (no season) for years and days. */
export function seasonLength(grain: Grain): number {
  switch (grain) {
    case 'month':
      return 12;
    case 'quarter':
      return 4;
    case 'week':
      return 52;
    default:
      return 1;
  }
}

export interface ForecastPoint {
  /** Steps ahead, 1-based. */
  h: number;
  mean: number;
  /** h-step standard deviation σ_h. */
  sd: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export interface Forecast {
  model: ModelName;
  /** One-step residual standard deviation σ (root mean square of the in-sample one-step errors). */
  sigma: number;
  points: ForecastPoint[];
}

export function point(h: number, mean: number, sd: number): ForecastPoint {
  return { h, mean, sd, lo80: mean - Z80 * sd, hi80: mean + Z80 * sd, lo95: mean - Z95 * sd, hi95: mean + Z95 * sd };
}

/** Root mean square of the errors (σ̂ with mean-zero errors); 0 for none. */
export function rms(errors: readonly number[]): number {
  if (errors.length === 0) return 0;
  let s = 0;
  for (const e of errors) s += e * e;
  return Math.sqrt(s / errors.length);
}
