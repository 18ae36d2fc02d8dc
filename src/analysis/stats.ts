/**
 * Small statistics shared by the analysis methods. Pure: no I/O, no clock.
 * Numbers are plain floats here; money fed in is already rounded to cents and
 * money given out is rounded with `roundMoney` (half away from zero).
 */

/** Median of the finite values (a sorted copy; the input is not mutated). null when there are none. */
export function median(values: readonly number[]): number | null {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

/** Arithmetic mean of the values; null for an empty list. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/**
 * Round to cents, half away from zero. Through 15 significant digits first so a
 * float like 1.005 (stored as 1.00499999…) rounds as written, to 1.01.
 */
export function roundMoney(x: number): number {
  if (!Number.isFinite(x)) return x;
  const scaled = Number((Math.abs(x) * 100).toPrecision(15));
  const r = Math.round(scaled) / 100;
  return x < 0 ? (r === 0 ? 0 : -r) : r;
}

/** Whole cents of an amount that is already rounded to cents (exact for such inputs). */
export function toCents(x: number): number {
  return Math.round(x * 100);
}

/** Round a ratio to 6 decimals (the tool's ratio precision), half away from zero. */
export function roundRatio(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(Number((Math.abs(x) * 1e6).toPrecision(15))) / 1e6;
  return x < 0 ? (r === 0 ? 0 : -r) : r;
}

/** Standard normal quantiles used for the prediction intervals. */
export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;
