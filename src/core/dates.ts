/**
 * Calendar dates as integer day numbers (days since 1970-01-01). No time zone is
 * involved anywhere: a date is what the export wrote, not an instant.
 */

/** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Civil {
  year: number;
  month: number;
  day: number;
}

export function civilFromDays(z: number): Civil {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Day number of a valid date, or null (2023-02-31 is not a date). */
export function dayOf(y: number, m: number, d: number): number | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

/** ISO `YYYY-MM-DD` of a day number. */
export function isoDate(day: number): string {
  const { year, month, day: d } = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
}

/**
 * Two-digit years follow Excel's pivot: 00–29 → 2000–2029, 30–99 → 1930–1999.
 */
export function expandTwoDigitYear(yy: number): number {
  return yy < 30 ? 2000 + yy : 1900 + yy;
}

const EPOCH_1900 = 25569; // serial of 1970-01-01 in the 1900 system
const EPOCH_1904 = 24107; // serial of 1970-01-01 in the 1904 system

/**
 * Excel serial (days, fractional part = time) → day number. The 1900 system
 * keeps Lotus's phantom 1900-02-29 (serial 60); serials below 61 are shifted.
 */
export function dayFromExcelSerial(serial: number, date1904 = false): number | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  const whole = Math.floor(serial + 1e-9);
  if (date1904) return whole - EPOCH_1904;
  if (whole === 60) return null; // 1900-02-29 does not exist
  if (whole === 0) return null;
  return whole < 60 ? whole - EPOCH_1900 + 1 : whole - EPOCH_1900;
}

/** The earliest date a sales row may carry: 1900-01-01 (Excel's first day). */
export const EARLIEST_DAY = daysFromCivil(1900, 1, 1);
/** Default for `--max-future-years`: how far after the as-of date a row's date may be. */
export const DEFAULT_FUTURE_YEARS = 5;
/** Upper limit of `--max-future-years`. */
export const MAX_FUTURE_YEARS = 100;
/**
 * Default for `--max-past-years`: how far before the as-of date a row's date
 * may be. 1900-01-01 and 1970-01-01 are common "no date" placeholders; one of
 * them would otherwise stretch a report over 1,500 empty months.
 */
export const DEFAULT_PAST_YEARS = 50;
/** Upper limit of `--max-past-years` (the window never starts before 1900-01-01). */
export const MAX_PAST_YEARS = 1000;

/**
 * The accepted date window of a run: the as-of date minus `pastYears` years
 * (never before 1900-01-01) to the as-of date plus `futureYears` years
 * (29 Feb → 28 Feb). Without an as-of date it is 1900-01-01 … 2100-12-31.
 * Dates outside it are typos or placeholders (8017, 0001-01-01, 1900-01-01),
 * not new periods.
 */
export function dateWindow(
  asOf: number | null,
  futureYears = DEFAULT_FUTURE_YEARS,
  pastYears = DEFAULT_PAST_YEARS,
): { first: number; last: number } {
  if (asOf === null) return { first: EARLIEST_DAY, last: daysFromCivil(2100, 12, 31) };
  const c = civilFromDays(asOf);
  const sameDay = (y: number) => daysFromCivil(y, c.month, Math.min(c.day, daysInMonth(y, c.month)));
  return { first: Math.max(EARLIEST_DAY, sameDay(c.year - pastYears)), last: sameDay(c.year + futureYears) };
}
