import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromExcelSerial, daysFromCivil, isoDate, civilFromDays } from '../../src/core/dates.js';
import { dateOrderVote, parseDate, parseDateFormatFlag } from '../../src/core/parse-date.js';

const iso = (s: string, o?: Parameters<typeof parseDate>[1]) => {
  const d = parseDate(s, o);
  return Number.isNaN(d) ? null : isoDate(d);
};

describe('day numbers', () => {
  it('match Date.UTC for every day in 1900–2100 (second method)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1) / 864e5, max: Date.UTC(2100, 11, 31) / 864e5 }), (day) => {
        const dt = new Date(day * 864e5);
        expect(daysFromCivil(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate())).toBe(day);
        expect(civilFromDays(day)).toEqual({ year: dt.getUTCFullYear(), month: dt.getUTCMonth() + 1, day: dt.getUTCDate() });
      }),
    );
  });

  it('Excel serials in both systems', () => {
    expect(isoDate(dayFromExcelSerial(43831)!)).toBe('2020-01-01');
    expect(isoDate(dayFromExcelSerial(42369, true)!)).toBe('2020-01-01');
    expect(isoDate(dayFromExcelSerial(1)!)).toBe('1900-01-01');
    expect(isoDate(dayFromExcelSerial(61)!)).toBe('1900-03-01');
    expect(dayFromExcelSerial(60)).toBeNull(); // Lotus's 1900-02-29
    expect(isoDate(dayFromExcelSerial(45292.75)!)).toBe('2024-01-01'); // time is dropped
  });
});

describe('parseDate', () => {
  it.each([
    ['2026-10-05', '2026-10-05'],
    ['2026-10-05T14:30:00Z', '2026-10-05'],
    ['2026-10-05 14:30', '2026-10-05'],
    ['2026/1/5', '2026-01-05'],
    ['2026.1.5', '2026-01-05'],
    ['20261005', '2026-10-05'],
    ['2026年1月5日', '2026-01-05'],
    ['2026年10月5日 9:05', '2026-10-05'],
    ['5-Oct-2026', '2026-10-05'],
    ['05 Oct 26', '2026-10-05'],
    ['Oct 5, 2026', '2026-10-05'],
    ['September 30 2026', '2026-09-30'],
    ['31/12/2026', '2026-12-31'],
    ['12/31/2026', '2026-12-31'],
    ['31-08-2023', '2023-08-31'],
    ['7/7/29', '2029-07-07'],
    ['7/7/30', '1930-07-07'],
    ['8/31/2023 12:00:00 AM', '2023-08-31'],
  ])('%j → %s', (t, want) => expect(iso(t)).toBe(want));

  it('needs an order for ambiguous slashed dates', () => {
    expect(iso('03/01/19')).toBeNull();
    expect(iso('03/01/19', { order: 'dmy' })).toBe('2019-01-03');
    expect(iso('03/01/19', { order: 'mdy' })).toBe('2019-03-01');
    expect(iso('13/01/19', { order: 'mdy' })).toBeNull(); // month 13
  });

  it.each(['2023-02-31', '2023-13-01', '2026/0/5', '', 'yesterday', '31/02/2023', '2023-2-29', '1999-00-10'])('rejects %j', (t) =>
    expect(iso(t, { order: 'dmy' })).toBeNull(),
  );

  it('reads serials only when told the column holds serials', () => {
    expect(iso('45292')).toBeNull();
    expect(iso('45292', { serials: true })).toBe('2024-01-01');
    expect(iso('43830', { serials: true, date1904: true })).toBe('2024-01-01'); // 45292 − 1462
  });

  it('round-trips ISO text for random dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25000, max: 60000 }), (day) => {
        expect(parseDate(isoDate(day))).toBe(day);
      }),
    );
  });

  it('votes on column order', () => {
    expect(dateOrderVote('13/01/19')).toBe('dmy');
    expect(dateOrderVote('01/13/19')).toBe('mdy');
    expect(dateOrderVote('03/01/19')).toBe('either');
    expect(dateOrderVote('03/03/19')).toBe('fixed');
    expect(dateOrderVote('2019-01-03')).toBe('fixed');
    expect(dateOrderVote('44927')).toBe('serial');
  });

  it('understands --date-format patterns', () => {
    expect(parseDateFormatFlag('DD/MM/YYYY')).toBe('dmy');
    expect(parseDateFormatFlag('mm-dd-yy')).toBe('mdy');
    expect(parseDateFormatFlag('ymd')).toBe('ymd');
    expect(parseDateFormatFlag('weekly')).toBeNull();
  });
});
