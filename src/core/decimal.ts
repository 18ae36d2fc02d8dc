/**
 * Exact decimal money: a value is an integer number of units at a decimal scale
 * (`units × 10^-scale`). Units are a JS number while they are safe integers and a
 * bigint beyond; no float arithmetic ever touches an amount.
 *
 * Rounding policy (stated once, used everywhere): only on output, half away from
 * zero, as Excel's ROUND does.
 */

export interface Decimal {
  readonly units: number | bigint;
  readonly scale: number;
}

const POW10: number[] = [];
for (let i = 0, p = 1; i <= 15; i++, p *= 10) POW10.push(p);
const POW10N: bigint[] = [];
for (let i = 0n, p = 1n; i <= 40n; i++, p *= 10n) POW10N.push(p);

export function pow10n(k: number): bigint {
  return k < POW10N.length ? POW10N[k]! : 10n ** BigInt(k);
}

const SAFE_ADD = 2 ** 52;

export const ZERO: Decimal = Object.freeze({ units: 0, scale: 0 });

/** Exact units of `d` at a scale >= d.scale, as a bigint. */
export function unitsAt(d: Decimal, scale: number): bigint {
  return BigInt(d.units) * pow10n(scale - d.scale);
}

export function negate(d: Decimal): Decimal {
  return { units: typeof d.units === 'bigint' ? -d.units : -d.units, scale: d.scale };
}

export function isZero(d: Decimal): boolean {
  return d.units === 0 || d.units === 0n;
}

export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const s = Math.max(a.scale, b.scale);
  const x = unitsAt(a, s);
  const y = unitsAt(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function add(a: Decimal, b: Decimal): Decimal {
  const s = Math.max(a.scale, b.scale);
  return normalise(unitsAt(a, s) + unitsAt(b, s), s);
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  return add(a, negate(b));
}

/** Product of two decimals (exact). */
export function multiply(a: Decimal, b: Decimal): Decimal {
  return normalise(BigInt(a.units) * BigInt(b.units), a.scale + b.scale);
}

/** Units as a number when safe, else bigint; trailing zeros of the scale are kept. */
export function normalise(units: bigint, scale: number): Decimal {
  const n = Number(units);
  return { units: Number.isSafeInteger(n) ? n : units, scale };
}

/** Round to `places` decimals, half away from zero. */
export function round(d: Decimal, places: number): Decimal {
  if (d.scale <= places) return d;
  const u = BigInt(d.units);
  const div = pow10n(d.scale - places);
  const neg = u < 0n;
  const abs = neg ? -u : u;
  let q = abs / div;
  if ((abs % div) * 2n >= div) q += 1n;
  return normalise(neg ? -q : q, places);
}

/** Plain decimal text, e.g. "-1234.50" for places=2; no grouping. */
export function toFixed(d: Decimal, places: number): string {
  const r = round(d, places);
  let u = BigInt(r.units) * pow10n(places - r.scale);
  const neg = u < 0n;
  if (neg) u = -u;
  let s = u.toString();
  if (places > 0) {
    s = s.padStart(places + 1, '0');
    s = s.slice(0, s.length - places) + '.' + s.slice(s.length - places);
  }
  return neg && /[1-9]/.test(s) ? '-' + s : s;
}

/** Shortest exact text (no trailing zeros), e.g. "16.448". */
export function toPlainString(d: Decimal): string {
  let s = toFixed(d, d.scale);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** Nearest float; for ratios and display only, never for sums. */
export function toNumber(d: Decimal): number {
  if (typeof d.units === 'number' && d.scale <= 15) return d.units / POW10[d.scale]!;
  return Number(toPlainString(d));
}

/**
 * Running exact sum. Values at a lower scale are lifted to the running scale;
 * a value at a higher scale lifts the running scale. The hot path stays in
 * float64 integer arithmetic (exact below 2^53) and spills to bigint.
 */
export class DecimalSum {
  scale = 0;
  private small = 0;
  private big = 0n;

  add(units: number | bigint, scale: number): void {
    if (scale > this.scale) this.rescale(scale);
    if (typeof units === 'number') {
      const k = this.scale - scale;
      const v = k === 0 ? units : k <= 15 ? units * POW10[k]! : NaN;
      if (v <= SAFE_ADD && v >= -SAFE_ADD) {
        const s = this.small + v;
        if (s > SAFE_ADD || s < -SAFE_ADD) {
          this.big += BigInt(s);
          this.small = 0;
        } else this.small = s;
        return;
      }
    }
    this.big += BigInt(units) * pow10n(this.scale - scale);
  }

  addDecimal(d: Decimal): void {
    this.add(d.units, d.scale);
  }

  addSum(other: DecimalSum): void {
    const v = other.value();
    this.add(v.units, v.scale);
  }

  private rescale(scale: number): void {
    const f = pow10n(scale - this.scale);
    this.big = (this.big + BigInt(this.small)) * f;
    this.small = 0;
    this.scale = scale;
  }

  value(): Decimal {
    return normalise(this.big + BigInt(this.small), this.scale);
  }
}

/**
 * `d × num / den` rounded to `places` decimals, half away from zero, computed
 * exactly (for averages, per-unit costs, pro-rating). Null when den is 0.
 */
export function mulDivRound(d: Decimal, num: bigint, den: bigint, places: number): Decimal | null {
  if (den === 0n) return null;
  let n = BigInt(d.units) * num * pow10n(places);
  let q = pow10n(d.scale) * den;
  if (q < 0n) {
    q = -q;
    n = -n;
  }
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let r = abs / q;
  if ((abs % q) * 2n >= q) r += 1n;
  return normalise(neg ? -r : r, places);
}

/** a / b as a float ratio, null when b is zero. */
export function ratio(a: Decimal, b: Decimal): number | null {
  return isZero(b) ? null : toNumber(a) / toNumber(b);
}

/**
 * The money limit. KPI values reach the renderers as JS numbers in major units,
 * and a float64 holds every decimal of at most 15 significant digits exactly
 * (it prints back the same); 2^53 - 1 cents is not enough, since 90071992547409.91
 * and .9 are one float. So money is refused beyond 15 digits of cents,
 * ±9,999,999,999,999.99, instead of printed with lost cents: an amount cell beyond
 * it is a row issue (AMOUNT_OUT_OF_RANGE), a total beyond it stops the report
 * (MONEY_OUT_OF_RANGE, exit 1). The same value then shows in every format.
 */
export const MAX_MONEY_CENTS = 999_999_999_999_999;
export const MONEY_LIMIT_TEXT = '9,999,999,999,999.99';
/** Longest amount cell read at all (checked before parsing, so a huge cell costs its length only). */
export const MAX_AMOUNT_TEXT = 64;
/** Most decimals an amount may have. */
export const MAX_SCALE = 20;

/** True when `d`, rounded to the cent, is within the money limit (±MAX_MONEY_CENTS cents). */
export function fitsMoney(d: Decimal): boolean {
  if (typeof d.units === 'number' && d.scale <= 2) return Math.abs(d.units) <= Math.floor(MAX_MONEY_CENTS / POW10[2 - d.scale]!);
  const r = round(d, 2);
  const c = BigInt(r.units) * pow10n(2 - r.scale);
  return c <= BigInt(MAX_MONEY_CENTS) && c >= -BigInt(MAX_MONEY_CENTS);
}
