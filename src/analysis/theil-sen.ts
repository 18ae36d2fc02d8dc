/**
 * Theil–Sen trend (Theil 1950, Sen 1968): the slope is the median of the slopes
 * of all pairs of points with different x; the intercept is the median of
 * y − slope·x (Conover's choice). Robust to up to ~29% outliers. O(n²) pairs, so
 * the series is capped at THEIL_SEN_MAX_POINTS (the last points are used). Pure.
 */
import { median } from './stats.js';

/** At most this many points are used (the most recent ones): 1,000 points are 499,500 pairs. */
export const THEIL_SEN_MAX_POINTS = 1000;

export type Direction = 'up' | 'down' | 'flat';

export interface TheilSenResult {
  slope: number;
  intercept: number;
  /** Points used (after dropping missing values and capping). */
  n: number;
  direction: Direction;
}

export interface TheilSenOptions {
  /** x of each y (default 0, 1, 2, …). */
  xs?: readonly number[];
  /**
   * The trend is flat when |slope| ≤ tolerance × |median(y)| (a relative change
   * per unit of x; default 0.01, i.e. 1% of the typical level per period). When
   * median(y) is 0, only a zero slope is flat.
   */
  tolerance?: number;
}

export const DEFAULT_TREND_TOLERANCE = 0.01;

/**
 * Theil–Sen slope and intercept of y over x. Missing values (null, NaN) are
 * skipped. null when fewer than two points with different x remain.
 * @example theilSen([1, 3, 5, 7]) // { slope: 2, intercept: 1, n: 4, direction: 'up' }
 */
export function theilSen(ys: readonly (number | null)[], options: TheilSenOptions = {}): TheilSenResult | null {
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i];
    const x = options.xs ? options.xs[i] : i;
    if (y === null || y === undefined || x === undefined || !Number.isFinite(y) || !Number.isFinite(x)) continue;
    px.push(x);
    py.push(y);
  }
  const start = Math.max(0, px.length - THEIL_SEN_MAX_POINTS);
  const xs = px.slice(start);
  const yv = py.slice(start);
  const n = xs.length;
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = xs[j]! - xs[i]!;
      if (dx !== 0) slopes.push((yv[j]! - yv[i]!) / dx);
    }
  }
  const slope = median(slopes);
  if (slope === null) return null;
  const intercept = median(yv.map((y, i) => y - slope * xs[i]!))!;
  const tolerance = options.tolerance ?? DEFAULT_TREND_TOLERANCE;
  const level = Math.abs(median(yv)!);
  const flat = level === 0 ? slope === 0 : Math.abs(slope) <= tolerance * level;
  return { slope, intercept, n, direction: flat ? 'flat' : slope > 0 ? 'up' : 'down' };
}
