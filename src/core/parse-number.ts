/**
 * Text → exact Decimal. Handles what CRM/ERP/Excel exports write:
 * thousands separators (`,` `.` `'` space/NBSP), currency symbols and codes
 * (`$ ¥ ￥ € £ RMB CNY USD EUR GBP 元`), `万`/`亿` multipliers, accounting
 * negatives `(1,234.56)`, trailing or leading minus (also U+2212), exponent
 * notation, and decimal comma when told so.
 */
import { type Decimal, normalise } from './decimal.js';

export type DecimalSeparator = '.' | ',';

export interface ParseNumberOptions {
  /** Which character separates decimals. Default `.`. */
  decimal?: DecimalSeparator;
}

const CURRENCY_PREFIX = /^(?:US\$|HK\$|NT\$|RMB|CNY|USD|EUR|GBP|HKD|JPY|[$¥￥€£])\s*/i;
// no leading \s*: an unanchored `\s*X$` retries from every space of a long run (quadratic); the
// caller trims the end after removing the suffix instead
const CURRENCY_SUFFIX = /(?:RMB|CNY|USD|EUR|GBP|HKD|JPY|元|[$¥￥€£])$/i;
const SPACES = /[\s\u00a0\u2007\u202f]+/g;

/**
 * Parse a number written by a person or a spreadsheet. Returns null when the
 * text is not a number (the caller turns that into an issue). Blank → null.
 */
export function parseDecimal(text: string, options?: ParseNumberOptions): Decimal | null {
  // fast path: plain digits with an optional sign and decimal point, as most exports write them
  const fast = plainDecimal(text, options?.decimal === ',' ? 44 : 46);
  if (fast !== null) return fast;
  let s = text.trim();
  if (s === '') return null;
  let neg = false;
  if (s.charCodeAt(0) === 40 /* ( */ && s.charCodeAt(s.length - 1) === 41) {
    neg = true;
    s = s.slice(1, -1).trim();
  }
  if (s.charCodeAt(0) === 45 || s.charCodeAt(0) === 0x2212) {
    neg = !neg;
    s = s.slice(1).trimStart();
  } else if (s.charCodeAt(0) === 43 /* + */) s = s.slice(1).trimStart();
  const before = s.length;
  s = s.replace(CURRENCY_PREFIX, '');
  const hadPrefix = s.length !== before;
  s = s.replace(CURRENCY_SUFFIX, '').trimEnd();
  const last = s.charCodeAt(s.length - 1);
  if (last === 45 || last === 0x2212) {
    neg = !neg;
    s = s.slice(0, -1).trimEnd();
  }
  if (hadPrefix && !neg && (s.charCodeAt(0) === 45 || s.charCodeAt(0) === 0x2212)) {
    // currency before the sign: "$-12" / "¥-12"
    neg = true;
    s = s.slice(1);
  }
  let shift = 0;
  const mult = s.charCodeAt(s.length - 1);
  if (mult === 0x4e07 /* 万 */) {
    shift = 4;
    s = s.slice(0, -1);
  } else if (mult === 0x4ebf /* 亿 */) {
    shift = 8;
    s = s.slice(0, -1);
  }
  s = s.replace(SPACES, '');
  const dec = options?.decimal ?? '.';
  const r = digitsOf(s, dec);
  if (r === null) return null;
  let { digits, scale } = r;
  scale -= shift;
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  let units: bigint | number;
  if (digits.length <= 15) {
    units = Number(digits);
    return { units: neg && units !== 0 ? -units : units, scale };
  }
  const big = BigInt(digits);
  return normalise(neg ? -big : big, scale);
}

/** Validated digit string and its scale, or null. */
function digitsOf(s: string, dec: DecimalSeparator): { digits: string; scale: number } | null {
  let exp = 0;
  const e = s.search(/[eE]/);
  if (e >= 0) {
    const ex = s.slice(e + 1);
    if (!/^[+-]?\d{1,3}$/.test(ex)) return null;
    exp = Number(ex);
    s = s.slice(0, e);
  }
  const group = dec === '.' ? ',' : '.';
  let intPart = s;
  let frac = '';
  const d = s.lastIndexOf(dec);
  if (d >= 0) {
    intPart = s.slice(0, d);
    frac = s.slice(d + 1);
    if (!/^\d*$/.test(frac)) return null;
  }
  if (intPart.includes(group) || intPart.includes("'")) {
    if (exp !== 0) return null;
    const parts = intPart.split(/[,.']/);
    const sep = intPart.match(/[,.']/)![0];
    if (sep !== group && sep !== "'") return null;
    if (!/^\d{1,3}$/.test(parts[0]!)) return null;
    for (let i = 1; i < parts.length; i++) if (!/^\d{3}$/.test(parts[i]!)) return null;
    if (intPart.split(sep).length !== parts.length) return null; // mixed separators
    intPart = parts.join('');
  } else if (!/^\d*$/.test(intPart)) return null;
  if (intPart === '' && frac === '') return null;
  let digits = (intPart + frac).replace(/^0+(?=\d)/, '');
  if (digits === '') digits = '0';
  let scale = frac.length - exp;
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  return { digits, scale };
}

/** How one value votes on a column's decimal separator. */
export type SeparatorVote = 'point' | 'comma' | 'ambiguous' | 'none';

/**
 * Look at a value's punctuation only: `1,234.5` → point, `1.234,5` → comma,
 * `1,5` → comma, `1,234` → ambiguous (thousands or decimals), `12` → none.
 */
export function separatorVote(text: string): SeparatorVote {
  const s = text.replace(SPACES, '');
  const c = s.lastIndexOf(',');
  const p = s.lastIndexOf('.');
  if (c < 0 && p < 0) return 'none';
  if (c >= 0 && p >= 0) return c > p ? 'comma' : 'point';
  const i = c >= 0 ? c : p;
  const ch = c >= 0 ? ',' : '.';
  if (s.indexOf(ch) !== i) return ch === ',' ? 'point' : 'comma'; // repeated → grouping
  let j = i + 1;
  while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
  const after = j - i - 1;
  let k = i - 1;
  while (k >= 0 && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k--;
  const before = i - k - 1;
  if (after === 3 && before >= 1 && before <= 3) return 'ambiguous';
  return ch === ',' ? 'comma' : 'point';
}

/** Excel shows numbers to 15 significant digits: the text of a numeric cell. */
export function excelNumberText(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
  const p = v.toPrecision(15);
  if (p.includes('e')) {
    const [m, e] = p.split('e');
    return m!.replace(/\.?0+$/, '') + 'e' + e;
  }
  return p.includes('.') ? p.replace(/0+$/, '').replace(/\.$/, '') : p;
}

/** `-?\d{1,15}(sep\d+)?` with at most 15 digits in all, parsed without regexes; null otherwise. */
function plainDecimal(s: string, sep: number): Decimal | null {
  const n = s.length;
  if (n === 0 || n > 17) return null;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
  }
  let units = 0;
  let digits = 0;
  let scale = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      units = units * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === sep && scale < 0 && digits > 0) scale = 0;
    else return null;
  }
  if (digits === 0 || scale === 0 || digits > 15) return null;
  return { units: neg && units !== 0 ? -units : units, scale: scale < 0 ? 0 : scale };
}
