/**
 * Robust z-scores (Iglewicz & Hoaglin 1993, "How to Detect and Handle
 * Outliers"): z = 0.6745·(x − median)/MAD with MAD = median |x − median|;
 * |z| > 3.5 flags an outlier. 0.6745 is the 0.75 quantile of the standard
 * normal, so z matches an ordinary z-score on normal data.
 *
 * MAD = 0 (more than half the values equal): the scale falls back to the mean
 * absolute deviation from the median, z = (x − median)/(1.253314·MeanAD)
 * (1.253314 = √(π/2), which makes MeanAD estimate σ on normal data). When that
 * is 0 too (all values equal), a value equal to the median scores 0 and any
 * other value has no finite score: z is null and it is flagged. Pure.
 */
import { median } from './stats.js';

export const MAD_Z_CONSTANT = 0.6745;
export const MEAN_AD_CONSTANT = 1.253314;
export const DEFAULT_Z_THRESHOLD = 3.5;

export interface RobustScale {
  median: number;
  mad: number;
  /** Which spread the scores use: 'mad', 'meanAd' (MAD was 0) or 'none' (all values equal). */
  method: 'mad' | 'meanAd' | 'none';
  /** σ-equivalent spread: MAD/0.6745, 1.253314·MeanAD, or 0. */
  sigma: number;
}

export interface RobustScore {
  value: number;
  /** null when the reference has no spread and the value differs from its median. */
  z: number | null;
  anomaly: boolean;
}

/** Median, MAD and the σ-equivalent scale of the finite values; null when there are none. */
export function robustScale(values: readonly number[]): RobustScale | null {
  const med = median(values);
  if (med === null) return null;
  const finite = values.filter((v) => Number.isFinite(v));
  const dev = finite.map((v) => Math.abs(v - med));
  const mad = median(dev)!;
  if (mad > 0) return { median: med, mad, method: 'mad', sigma: mad / MAD_Z_CONSTANT };
  const meanAd = dev.reduce((a, b) => a + b, 0) / dev.length;
  if (meanAd > 0) return { median: med, mad, method: 'meanAd', sigma: MEAN_AD_CONSTANT * meanAd };
  return { median: med, mad, method: 'none', sigma: 0 };
}

/** Score one value against a scale (from `robustScale`). */
export function robustZ(value: number, scale: RobustScale, threshold = DEFAULT_Z_THRESHOLD): RobustScore {
  const d = value - scale.median;
  if (scale.sigma === 0) return d === 0 ? { value, z: 0, anomaly: false } : { value, z: null, anomaly: true };
  const z = d / scale.sigma;
  return { value, z, anomaly: Math.abs(z) > threshold };
}

/**
 * Robust z of every value against the values' own median and MAD.
 * @example robustZScores([1, 2, 3, 4, 100]).scores[4].anomaly // true
 */
export function robustZScores(
  values: readonly number[],
  threshold = DEFAULT_Z_THRESHOLD,
): { scale: RobustScale | null; scores: RobustScore[] } {
  const scale = robustScale(values);
  if (scale === null) return { scale, scores: [] };
  return { scale, scores: values.map((v) => robustZ(v, scale, threshold)) };
}
