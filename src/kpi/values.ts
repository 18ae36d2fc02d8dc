/** Turning exact reducer values into the numbers a KPI reports: money to the cent, ratios to 6 decimals, a histogram's median. */
import { msg } from '../core/message-catalog.js';
import { type Decimal, MONEY_LIMIT_TEXT, fitsMoney, isZero, round, toNumber, toPlainString } from '../core/decimal.js';
import { dataError } from '../errors.js';

/** Money in major units, rounded to the cent half away from zero; beyond the money limit the report stops (a number would lose cents). */
export function money(d: Decimal): number {
  if (!fitsMoney(d))
    throw dataError(
      'MONEY_OUT_OF_RANGE',
      msg('MONEY_OUT_OF_RANGE', { total: toPlainString(round(d, 2)), limit: MONEY_LIMIT_TEXT }),
      msg('MONEY_OUT_OF_RANGE_HINT'),
    );
  return toNumber(round(d, 2));
}

export function moneyOrNull(d: Decimal | null): number | null {
  return d === null ? null : money(d);
}

/** Ratios are rounded to 6 decimals so output is stable and readable. */
export function fraction(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

/** Null when there is nothing to grow from (no or zero revenue the period before). */
export function growthOf(now: Decimal, before: Decimal): number | null {
  if (isZero(before)) return null;
  const b = toNumber(before);
  return fraction((toNumber(now) - b) / Math.abs(b));
}

/** Median of a histogram (mean of the two middle values for an even count). */
export function median(h: ReadonlyMap<number, number>): number | null {
  let n = 0;
  for (const c of h.values()) n += c;
  if (n === 0) return null;
  const keys = [...h.keys()].sort((a, b) => a - b);
  const lo = Math.floor((n - 1) / 2);
  const hi = Math.floor(n / 2);
  let seen = 0;
  let a: number | null = null;
  let b: number | null = null;
  for (const k of keys) {
    const c = h.get(k)!;
    if (a === null && lo < seen + c) a = k;
    if (b === null && hi < seen + c) b = k;
    seen += c;
    if (b !== null) break;
  }
  return (a! + b!) / 2;
}
