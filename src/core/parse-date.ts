/**
 * Date text → day number. Formats: ISO (`2026-10-05`, with or without a time),
 * `YYYY/M/D`, `YYYY.M.D`, `YYYYMMDD`, `YYYY年M月D日`, `5-Oct-2026`, `Oct 5, 2026`,
 * slashed/dashed/dotted day-first or month-first dates with 2- or 4-digit years
 * (order decided per column), and Excel serial numbers (1900 or 1904 system).
 */
import { dayFromExcelSerial, dayOf, expandTwoDigitYear } from './dates.js';

export type DateOrder = 'dmy' | 'mdy';

// the time of day is captured (hour, minute, second, a/p) as the last four groups of each pattern, to be checked by `timeOk`
const TIME = String.raw`(?:(?:[T ]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:([AaPp])\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const YMD = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const CJK = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?${TIME}$`);
const XY = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
const D_MON_Y = new RegExp(String.raw`^(\d{1,2})[-\s]([A-Za-z]{3,9})\.?[-\s,]+(\d{4}|\d{2})${TIME}$`);
const MON_D_Y = new RegExp(String.raw`^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`);
const SERIAL = /^\d{1,7}(?:\.\d+)?$/;

const MONTHS: Record<string, number> = {};
['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].forEach((m, i) => (MONTHS[m] = i + 1));
const FULL_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
FULL_MONTHS.forEach((m, i) => (MONTHS[m] = i + 1));
MONTHS.sept = 9;

function monthOf(name: string): number | undefined {
  return MONTHS[name.toLowerCase()];
}

function year(text: string): number {
  const y = Number(text);
  return text.length === 2 ? expandTwoDigitYear(y) : y;
}

export interface DateParseOptions {
  /** Order of a slashed `a/b/y` date; without it such a date is only parsed when unambiguous (a or b > 12). */
  order?: DateOrder | null;
  /** Accept bare numbers as Excel serials. */
  serials?: boolean;
  date1904?: boolean;
}

/** Day number, or NaN when the text is not a date (or is an ambiguous slashed date and no order is given). */
export function parseDate(text: string, options?: DateParseOptions): number {
  // fast path: YYYY-MM-DD exactly
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const y = digits(text, 0, 4);
    const m = digits(text, 5, 7);
    const d = digits(text, 8, 10);
    if (y >= 0 && m >= 0 && d >= 0) return dayOf(y, m, d) ?? NaN;
  }
  const s = text.trim();
  if (s === '') return NaN;
  const c0 = s.charCodeAt(0);
  let m: RegExpExecArray | null;
  if (c0 >= 48 && c0 <= 57) {
    if ((m = YMD.exec(s))) return timeOk(m) ? (dayOf(Number(m[1]), Number(m[3]), Number(m[4])) ?? NaN) : NaN;
    if ((m = XY.exec(s))) {
      if (!timeOk(m)) return NaN;
      const a = Number(m[1]);
      const b = Number(m[3]);
      const y = year(m[4]!);
      let order = options?.order ?? null;
      if (order === null) {
        if (a > 12 && b <= 12) order = 'dmy';
        else if (b > 12 && a <= 12) order = 'mdy';
        else if (a === b) order = 'dmy';
        else return NaN;
      }
      return (order === 'dmy' ? dayOf(y, b, a) : dayOf(y, a, b)) ?? NaN;
    }
    if ((m = CJK.exec(s))) return !timeOk(m) ? NaN : (dayOf(Number(m[1]), Number(m[2]), Number(m[3])) ?? NaN);
    if ((m = COMPACT.exec(s))) return dayOf(Number(m[1]), Number(m[2]), Number(m[3])) ?? NaN;
    if ((m = D_MON_Y.exec(s))) {
      if (!timeOk(m)) return NaN;
      const mo = monthOf(m[2]!);
      return mo === undefined ? NaN : (dayOf(year(m[3]!), mo, Number(m[1])) ?? NaN);
    }
    if (options?.serials && SERIAL.test(s)) return dayFromExcelSerial(Number(s), options.date1904) ?? NaN;
    return NaN;
  }
  if ((m = MON_D_Y.exec(s))) {
    if (!timeOk(m)) return NaN;
    const mo = monthOf(m[1]!);
    return mo === undefined ? NaN : (dayOf(Number(m[3]), mo, Number(m[2])) ?? NaN);
  }
  return NaN;
}

/** How a value votes on its column's day/month order. */
export type OrderVote = 'dmy' | 'mdy' | 'either' | 'fixed' | 'serial' | 'invalid';

/** Classify a value for column inference without deciding anything. */
export function dateOrderVote(text: string): OrderVote {
  const s = text.trim();
  const m = XY.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 12 && b <= 12) return 'dmy';
    if (b > 12 && a <= 12) return 'mdy';
    if (a > 12 && b > 12) return 'invalid';
    return a === b ? 'fixed' : 'either';
  }
  if (!Number.isNaN(parseDate(s))) return 'fixed';
  if (SERIAL.test(s)) return 'serial';
  return 'invalid';
}

/** `--date-format` values: dmy, mdy, ymd or a pattern like DD/MM/YYYY, MM-DD-YY. */
export function parseDateFormatFlag(text: string): DateOrder | 'ymd' | null {
  const t = text.trim().toLowerCase();
  if (t === 'dmy' || t === 'mdy' || t === 'ymd') return t;
  const letters = t.replace(/[^dmy]/g, '');
  const order = letters.replace(/(.)\1+/g, '$1');
  if (order === 'dmy' || order === 'mdy' || order === 'ymd') return order;
  return null;
}

/**
 * The time of day of a match is a real one: hour 0–23 (0–12 with AM/PM),
 * minute and second 0–59. `2024-02-29T25:61:61Z` is not a date.
 */
function timeOk(m: RegExpExecArray): boolean {
  const k = m.length - 4;
  if (m[k] === undefined) return true;
  const h = Number(m[k]);
  if (h > (m[k + 3] !== undefined ? 12 : 23)) return false;
  if (Number(m[k + 1]) > 59) return false;
  return m[k + 2] === undefined || Number(m[k + 2]) <= 59;
}

function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}
