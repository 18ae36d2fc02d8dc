/** Split credit: a row's share of its amount ("60", "60%" or "0.6"). */
import { type Decimal, compare } from '../core/decimal.js';
import { parseDecimal } from '../core/parse-number.js';
import { headerKey } from './mapping.js';

/** Headers that hold a row's credit share (compared by headerKey). */
export const SHARE_KEYS = [
  'split',
  'share',
  'splitpercent',
  'sharepercent',
  'creditsplit',
  'percent',
  'percentage',
  '分成',
  '分成比例',
  '比例',
  '提成比例',
];

/** "60", "60%", "0.6" → 0.6 as a Decimal; null if not a share between 0 and 100%. */
export function parseShare(text: string): Decimal | null {
  const t = text.trim();
  const pctSign = t.endsWith('%');
  const d = parseDecimal(pctSign ? t.slice(0, -1) : t);
  if (d === null) return null;
  const asFraction = pctSign || compare(d, { units: 1, scale: 0 }) > 0 ? { units: d.units, scale: d.scale + 2 } : d;
  return compare(asFraction, { units: 0, scale: 0 }) < 0 || compare(asFraction, { units: 1, scale: 0 }) > 0 ? null : asFraction;
}

/** Index of the share column among a run's extra columns: named by the user, else found by header. */
export function shareColumn(names: readonly string[], named?: string): number | undefined {
  if (named !== undefined) {
    const i = names.findIndex((n) => n.toLowerCase() === named.toLowerCase());
    return i < 0 ? undefined : i;
  }
  const i = names.findIndex((n) => SHARE_KEYS.includes(headerKey(n)));
  return i < 0 ? undefined : i;
}
