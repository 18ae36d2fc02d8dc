/**
 * Report periods as integer ordinals, so ranges, gaps and offsets are
 * arithmetic. Keys: `2026-10` (month), `2026-W43` (ISO week), `2026-Q4`,
 * `2026`; with a fiscal year start other than January: `FY2027-Q1`, `FY2027`
 * (a fiscal year is named by the calendar year it ends in).
 */
import { civilFromDays, daysFromCivil, isoWeekday } from '../core/dates.js';

export type Grain = 'month' | 'week' | 'quarter' | 'year';
export const GRAINS: readonly Grain[] = ['month', 'week', 'quarter', 'year'];

export interface Calendar {
  grain: Grain;
  /** First month of the fiscal year, 1–12 (1 = calendar year). */
  fiscalStart: number;
}

/** Periods per year, for year-over-year offsets (weeks use their own rule). */
export function periodsPerYear(grain: Grain): number {
  return grain === 'month' ? 12 : grain === 'quarter' ? 4 : grain === 'year' ? 1 : 52;
}

/** Fiscal month index since year 0 shifted so the fiscal year starts at 0 mod 12. */
function fiscalMonthIndex(year: number, month: number, fiscalStart: number): number {
  // months since year 0, shifted so the fiscal year starting in `fiscalStart` of year Y-1 gets index FY*12
  return year * 12 + (month - 1) + (fiscalStart === 1 ? 0 : 13 - fiscalStart);
}

/** ISO week-numbering year and week of a day. */
export function isoWeek(day: number): { year: number; week: number } {
  const thursday = day - isoWeekday(day) + 4;
  const { year } = civilFromDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return { year, week };
}

/** Ordinal of the period containing `day`. */
export function periodOf(day: number, cal: Calendar): number {
  if (cal.grain === 'week') return Math.floor((day - isoWeekday(day) + 1 + 3) / 7); // Monday-based week number since 1970-01-05
  const { year, month } = civilFromDays(day);
  const m = fiscalMonthIndex(year, month, cal.fiscalStart);
  return cal.grain === 'month' ? m : cal.grain === 'quarter' ? Math.floor(m / 3) : Math.floor(m / 12);
}

/** First and last day of a period (inclusive). */
export function periodDays(p: number, cal: Calendar): { first: number; last: number } {
  if (cal.grain === 'week') {
    const monday = p * 7 - 3;
    return { first: monday, last: monday + 6 };
  }
  const months = cal.grain === 'month' ? 1 : cal.grain === 'quarter' ? 3 : 12;
  const m0 = p * months - (cal.fiscalStart === 1 ? 0 : 13 - cal.fiscalStart);
  const y = Math.floor(m0 / 12);
  const mo = m0 - y * 12 + 1;
  const first = daysFromCivil(y, mo, 1);
  const m1 = m0 + months;
  const y1 = Math.floor(m1 / 12);
  return { first, last: daysFromCivil(y1, m1 - y1 * 12 + 1, 1) - 1 };
}

export function periodKey(p: number, cal: Calendar): string {
  if (cal.grain === 'week') {
    const { year, week } = isoWeek(periodDays(p, cal).first);
    return `${year}-W${String(week).padStart(2, '0')}`;
  }
  const fy = cal.fiscalStart !== 1;
  if (cal.grain === 'year') return fy ? `FY${p}` : String(p);
  if (cal.grain === 'quarter') {
    const y = Math.floor(p / 4);
    return `${fy ? 'FY' : ''}${y}-Q${p - y * 4 + 1}`;
  }
  const { first } = periodDays(p, cal);
  const c = civilFromDays(first);
  return `${c.year}-${String(c.month).padStart(2, '0')}`;
}

/** Parse a period key written for this calendar (`2026-10`, `2026-Q4`, `FY2027-Q1`, `2026-W43`, `2026`); null if it is not one. */
export function parsePeriodKey(text: string, cal: Calendar): number | null {
  const t = text.trim().toUpperCase().replace(/\s+/g, '');
  let m: RegExpExecArray | null;
  const fy = cal.fiscalStart !== 1;
  if (cal.grain === 'month' && (m = /^(\d{4})(?:[-/.]|年)?(\d{1,2})月?$/.exec(t))) {
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    return fiscalMonthIndex(Number(m[1]), mo, cal.fiscalStart);
  }
  if (cal.grain === 'quarter' && (m = /^(FY)?(\d{4})-?Q([1-4])$/.exec(t))) {
    if (Boolean(m[1]) !== fy) return null;
    return Number(m[2]) * 4 + Number(m[3]) - 1;
  }
  if (cal.grain === 'year' && (m = /^(FY)?(\d{4})$/.exec(t))) {
    if (Boolean(m[1]) !== fy) return null;
    return Number(m[2]);
  }
  if (cal.grain === 'week' && (m = /^(\d{4})-?W(\d{1,2})$/.exec(t))) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    // the Monday of ISO week 1 is the Monday on or before 4 January
    const jan4 = daysFromCivil(year, 1, 4);
    const monday = jan4 - isoWeekday(jan4) + 1 + (week - 1) * 7;
    if (week < 1 || isoWeek(monday).year !== year) return null;
    return periodOf(monday, cal);
  }
  return null;
}

/** The period a year earlier, or null when there is none (ISO week 53). */
export function yearAgo(p: number, cal: Calendar): number | null {
  if (cal.grain !== 'week') return p - periodsPerYear(cal.grain);
  const { year, week } = isoWeek(periodDays(p, cal).first);
  return parsePeriodKey(`${year - 1}-W${week}`, cal);
}
