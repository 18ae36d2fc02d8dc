/**
 * Anomalies by expected range (the Power BI idea, with a robust score):
 * the expected value of period t is the seasonal naive one, y(t−m) (the value
 * one season earlier; the previous value when m = 1). The residuals
 * r(t) = y(t) − y(t−m) are scored by robust z against their own median and MAD
 * (robust-z.ts), so a point is an anomaly when |z| > threshold, i.e. when it
 * falls outside the expected range
 *   expected + median(r) ± threshold·σ̃,  σ̃ = MAD/0.6745 (or the MeanAD fallback).
 * The first m periods have no expected value. Pure.
 *
 * `explainDeviation` splits a parent's deviation (actual − expected) over its
 * child groups: each child's own deviation, its share of the parent's, sorted
 * with the children that pushed the same way as the parent first, largest first.
 */
import { DEFAULT_Z_THRESHOLD, robustScale, robustZ } from './robust-z.js';

export interface ExpectedPoint {
  /** Index in the series. */
  t: number;
  actual: number;
  expected: number | null;
  lo: number | null;
  hi: number | null;
  z: number | null;
  anomaly: boolean;
}

export function expectedRange(y: readonly number[], m: number, threshold = DEFAULT_Z_THRESHOLD): ExpectedPoint[] {
  const lag = Math.max(1, m);
  const residuals: number[] = [];
  for (let t = lag; t < y.length; t++) residuals.push(y[t]! - y[t - lag]!);
  const scale = robustScale(residuals);
  return y.map((actual, t) => {
    if (t < lag || scale === null) return { t, actual, expected: null, lo: null, hi: null, z: null, anomaly: false };
    const expected = y[t - lag]!;
    const score = robustZ(actual - expected, scale, threshold);
    const centre = expected + scale.median;
    const half = threshold * scale.sigma;
    return { t, actual, expected, lo: centre - half, hi: centre + half, z: score.z, anomaly: score.anomaly };
  });
}

export interface ChildValue {
  key: string;
  actual: number;
  expected: number;
}

export interface ChildDeviation extends ChildValue {
  deviation: number;
  /** deviation / parent deviation; null when the parent's deviation is 0. */
  share: number | null;
}

export function explainDeviation(children: readonly ChildValue[]): { deviation: number; children: ChildDeviation[] } {
  let total = 0;
  for (const c of children) total += c.actual - c.expected;
  const sign = total < 0 ? -1 : 1;
  const out = children.map((c) => {
    const deviation = c.actual - c.expected;
    return { ...c, deviation, share: total === 0 ? null : deviation / total };
  });
  out.sort((a, b) => sign * b.deviation - sign * a.deviation || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { deviation: total, children: out };
}
