/** Values at and beyond their bounds: times of day, the date window, the money limit. */
import { describe, expect, it } from 'vitest';
import { dateWindow, daysFromCivil, isoDate } from '../../src/core/dates.js';
import { fitsMoney } from '../../src/core/decimal.js';
import { parseDate } from '../../src/core/parse-date.js';
import { parseDecimal } from '../../src/core/parse-number.js';

describe('times of day', () => {
  it('impossible times make the date invalid; real ones keep it', () => {
    const leap = daysFromCivil(2024, 2, 29);
    expect(parseDate('2024-02-29T25:61:61Z')).toBeNaN();
    expect(parseDate('2024-02-29 24:00')).toBeNaN();
    expect(parseDate('2024-02-29 23:60')).toBeNaN();
    expect(parseDate('2024-02-29 23:59:60')).toBeNaN();
    expect(parseDate('2024/02/29 13:00 PM')).toBeNaN();
    expect(parseDate('29/02/2024 99:00')).toBeNaN();
    expect(parseDate('2024年2月29日 25:00')).toBeNaN();
    expect(parseDate('29-Feb-2024 24:30')).toBeNaN();
    expect(parseDate('Feb 29, 2024 12:75')).toBeNaN();
    expect(parseDate('2024-02-29T23:59:59Z')).toBe(leap);
    expect(parseDate('2024-02-29 00:00')).toBe(leap);
    expect(parseDate('2024/02/29 12:30 PM')).toBe(leap);
    expect(parseDate('29/02/2024 7:05')).toBe(leap);
    expect(parseDate('2024年2月29日 23:00')).toBe(leap);
  });
});

describe('the date window', () => {
  it('runs from the as-of date minus 50 years (never before 1900-01-01) to the as-of date plus the years allowed', () => {
    const w = dateWindow(daysFromCivil(2026, 3, 1));
    expect([isoDate(w.first), isoDate(w.last)]).toEqual(['1976-03-01', '2031-03-01']);
    expect(isoDate(dateWindow(daysFromCivil(2026, 3, 1), 5, 1000).first)).toBe('1900-01-01');
    expect(isoDate(dateWindow(daysFromCivil(2024, 2, 29), 5, 3).first)).toBe('2021-02-28');
    expect(isoDate(dateWindow(null).first)).toBe('1900-01-01');
    const leap = dateWindow(daysFromCivil(2024, 2, 29), 1);
    expect(isoDate(leap.last)).toBe('2025-02-28');
    expect(isoDate(dateWindow(daysFromCivil(2026, 3, 1), 0).last)).toBe('2026-03-01');
    expect(isoDate(dateWindow(null).last)).toBe('2100-12-31');
  });
});

describe('the money limit: 15 digits of cents = 9,999,999,999,999.99', () => {
  const d = (s: string) => parseDecimal(s)!;
  it('takes the largest amount and refuses the next cent, on both signs and at every scale', () => {
    expect(fitsMoney(d('9999999999999.99'))).toBe(true);
    expect(fitsMoney(d('-9999999999999.99'))).toBe(true);
    expect(fitsMoney(d('10000000000000.00'))).toBe(false);
    expect(fitsMoney(d('-10000000000000'))).toBe(false);
    expect(fitsMoney(d('9999999999999'))).toBe(true); // scale 0: 999999999999900 cents
    expect(fitsMoney(d('1e13'))).toBe(false);
    // rounding to the cent decides: .994 rounds down to .99, .995 up to 10,000,000,000,000.00
    expect(fitsMoney(d('9999999999999.994'))).toBe(true);
    expect(fitsMoney(d('9999999999999.995'))).toBe(false);
    // why not 2^53 - 1 cents: 90071992547409.91 and .9 are the same float
    expect(90071992547409.91).toBe(90071992547409.9);
    expect(fitsMoney(d('1e400'))).toBe(false);
    expect(fitsMoney(d('0.000000000000000000001'))).toBe(true);
  });
});
