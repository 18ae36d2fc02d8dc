import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../src/core/dates.js';
import { type Calendar, parsePeriodKey, periodDays, periodKey, periodOf, yearAgo } from '../../src/engine/periods.js';

const cal = (grain: Calendar['grain'], fiscalStart = 1): Calendar => ({ grain, fiscalStart });
const key = (y: number, m: number, d: number, c: Calendar) => periodKey(periodOf(daysFromCivil(y, m, d), c), c);

describe('periods', () => {
  it('month, quarter and year keys', () => {
    expect(key(2026, 10, 31, cal('month'))).toBe('2026-10');
    expect(key(2026, 10, 1, cal('quarter'))).toBe('2026-Q4');
    expect(key(2026, 3, 31, cal('quarter'))).toBe('2026-Q1');
    expect(key(2026, 12, 31, cal('year'))).toBe('2026');
  });

  it('ISO weeks: Monday starts, week 1 holds 4 January, years with 53 weeks', () => {
    expect(key(2026, 10, 19, cal('week'))).toBe('2026-W43'); // a Monday
    expect(key(2026, 10, 25, cal('week'))).toBe('2026-W43'); // its Sunday
    expect(key(2025, 12, 29, cal('week'))).toBe('2026-W01');
    expect(key(2027, 1, 1, cal('week'))).toBe('2026-W53');
    expect(key(2021, 1, 3, cal('week'))).toBe('2020-W53');
    expect(yearAgo(parsePeriodKey('2026-W53', cal('week'))!, cal('week'))).toBeNull(); // 2025 has 52 weeks
    expect(periodKey(yearAgo(parsePeriodKey('2026-W43', cal('week'))!, cal('week'))!, cal('week'))).toBe('2025-W43');
  });

  it('fiscal years start in the given month and are named by the year they end in', () => {
    const fy = cal('quarter', 4);
    expect(key(2026, 4, 1, fy)).toBe('FY2027-Q1');
    expect(key(2026, 3, 31, fy)).toBe('FY2026-Q4');
    expect(key(2026, 12, 15, fy)).toBe('FY2027-Q3');
    expect(key(2026, 6, 30, cal('year', 7))).toBe('FY2026');
    expect(key(2026, 7, 1, cal('year', 7))).toBe('FY2027');
    const d = periodDays(parsePeriodKey('FY2027-Q1', fy)!, fy);
    expect([d.first, d.last]).toEqual([daysFromCivil(2026, 4, 1), daysFromCivil(2026, 6, 30)]);
  });

  it('every day falls in its period, and keys parse back (all grains, fiscal starts)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: daysFromCivil(1990, 1, 1), max: daysFromCivil(2060, 12, 31) }),
        fc.constantFrom<Calendar['grain']>('month', 'week', 'quarter', 'year'),
        fc.integer({ min: 1, max: 12 }),
        (day, grain, fs) => {
          const c = cal(grain, grain === 'quarter' || grain === 'year' ? fs : 1);
          const p = periodOf(day, c);
          const { first, last } = periodDays(p, c);
          expect(day >= first && day <= last).toBe(true);
          expect(periodOf(last + 1, c)).toBe(p + 1);
          expect(parsePeriodKey(periodKey(p, c), c)).toBe(p);
        },
      ),
    );
  });

  it('rejects keys of another grain or calendar', () => {
    expect(parsePeriodKey('2026-13', cal('month'))).toBeNull();
    expect(parsePeriodKey('2026-Q4', cal('month'))).toBeNull();
    expect(parsePeriodKey('2026-Q4', cal('quarter', 4))).toBeNull(); // fiscal calendars need FY
    expect(parsePeriodKey('2026-W54', cal('week'))).toBeNull();
    expect(parsePeriodKey('2026年10月', cal('month'))).toBe(parsePeriodKey('2026-10', cal('month')));
  });
});
