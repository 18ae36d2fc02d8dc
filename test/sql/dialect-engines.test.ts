/**
 * The dialect's SQL on real engines (DuckDB, PostgreSQL) against the JS engine: period ordinals
 * and keys (`periodOf`/`periodKey`) for every grain × fiscal start, the period spine, rounding
 * half away from zero (`round`), exact DECIMAL sums (`DecimalSum`) and the exact median.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Calendar, type Grain, periodDays, periodKey, periodOf } from '../../src/engine/periods.js';
import { daysFromCivil, isoDate } from '../../src/core/dates.js';
import { DecimalSum, round, toFixed, toPlainString } from '../../src/core/decimal.js';
import { median as jsMedian } from '../../src/engine/aggregate.js';
import { medianQuery, periodKeyExpr, periodOrdinal } from '../../src/sql/dialect.js';
import { type Engine, openDuckDb, openPostgres } from './engines.js';
import { pgMissing } from '../support/postgres.js';

const CALENDARS: Calendar[] = [{ grain: 'week', fiscalStart: 1 }];
for (const grain of ['month', 'quarter', 'year'] as Grain[]) for (let f = 1; f <= 12; f++) CALENDARS.push({ grain, fiscalStart: f });

const FIRST = daysFromCivil(1900, 1, 1);
const LAST = daysFromCivil(2100, 12, 31);
/** Days where periods turn: year ends, ISO weeks 52/53/1, leap days, the epoch. */
const EDGES = [
  '1900-01-01',
  '1900-03-01',
  '1969-12-29',
  '1969-12-31',
  '1970-01-01',
  '1970-01-04',
  '1970-01-05',
  '2000-02-29',
  '2004-12-31',
  '2005-01-02',
  '2008-12-29',
  '2009-12-31',
  '2010-01-03',
  '2020-12-31',
  '2021-01-03',
  '2026-01-29',
  '2026-12-28',
  '2027-01-01',
  '2100-12-31',
];
const edgeDays = EDGES.map((s) => daysFromCivil(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))));

const ENGINES: [string, () => Promise<Engine>, string | null][] = [
  ['duckdb', openDuckDb, null],
  ['postgres', openPostgres, pgMissing()],
];

for (const [name, open, missing] of ENGINES) {
  describe.skipIf(missing !== null)(`dialect on ${name}${missing ? ` (skipped: ${missing})` : ''}`, () => {
    let e: Engine;
    beforeAll(async () => {
      e = await open();
    }, 120_000);
    afterAll(async () => {
      await e?.close();
    });

    /** ordinal and key of every calendar for each day, in one query */
    async function periodsOf(days: number[]): Promise<{ ord: string[][]; key: string[][] }> {
      const d = e.dialect;
      const values = days.map((x, i) => `(${i}, ${d.date(isoDate(x))})`).join(', ');
      const cols = CALENDARS.flatMap((cal, c) => [
        `${periodOrdinal(d, 'd', cal)} AS o${c}`,
        `${periodKeyExpr(d, periodOrdinal(d, 'd', cal), cal)} AS k${c}`,
      ]);
      const rows = await e.query(`SELECT i, ${cols.join(', ')} FROM (VALUES ${values}) AS t(i, d) ORDER BY i`);
      return { ord: rows.map((r) => CALENDARS.map((_, c) => r[`o${c}`]!)), key: rows.map((r) => CALENDARS.map((_, c) => r[`k${c}`]!)) };
    }

    function expectPeriods(days: number[], got: { ord: string[][]; key: string[][] }): void {
      days.forEach((day, i) => {
        CALENDARS.forEach((cal, c) => {
          const p = periodOf(day, cal);
          const where = `${isoDate(day)} ${cal.grain} fiscal ${cal.fiscalStart}`;
          expect(got.ord[i]![c], where).toBe(String(p));
          expect(got.key[i]![c], where).toBe(periodKey(p, cal));
        });
      });
    }

    it('period ordinals and keys equal periodOf/periodKey on the edge days', async () => {
      expectPeriods(edgeDays, await periodsOf(edgeDays));
    });

    it('period ordinals and keys equal periodOf/periodKey for random dates 1900–2100, every grain × fiscal start', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: FIRST, max: LAST }), { minLength: 1, maxLength: 40 }), async (days) => {
          expectPeriods(days, await periodsOf(days));
        }),
        { numRuns: 25 },
      );
    });

    it('the spine holds every ordinal between two bounds, keyed as periodKey (empty periods exist)', async () => {
      const d = e.dialect;
      for (const cal of CALENDARS.filter((c) => c.fiscalStart === 1 || c.fiscalStart === 4 || c.fiscalStart === 12)) {
        const lo = periodOf(FIRST, cal);
        const hi = periodOf(LAST, cal);
        const rows = await e.query(`SELECT p, ${periodKeyExpr(d, 'p', cal)} AS k FROM ${d.spine(lo, hi)} AS s ORDER BY p`);
        expect(rows.length, `${cal.grain} ${cal.fiscalStart}`).toBe(hi - lo + 1);
        rows.forEach((r, i) => {
          expect(r.p).toBe(String(lo + i));
          expect(r.k, `${cal.grain} ${cal.fiscalStart} p=${lo + i}`).toBe(periodKey(lo + i, cal));
        });
      }
      // and the period's first day maps back to it
      const cal: Calendar = { grain: 'week', fiscalStart: 1 };
      const p = periodOf(daysFromCivil(2026, 1, 29), cal);
      expect(periodKey(p, cal)).toBe('2026-W05');
      expect(periodOf(periodDays(p, cal).first, cal)).toBe(p);
    });

    it('a hand-checked key per grain: 2026-01-29 in FY (start April) and ISO week', async () => {
      const d = e.dialect;
      const day = d.date('2026-01-29');
      const [r] = await e.query(
        `SELECT ${periodKeyExpr(d, periodOrdinal(d, day, { grain: 'week', fiscalStart: 1 }), { grain: 'week', fiscalStart: 1 })} AS w, ${periodKeyExpr(d, periodOrdinal(d, day, { grain: 'quarter', fiscalStart: 4 }), { grain: 'quarter', fiscalStart: 4 })} AS q, ${periodKeyExpr(d, periodOrdinal(d, d.date('2026-04-01'), { grain: 'year', fiscalStart: 4 }), { grain: 'year', fiscalStart: 4 })} AS y, ${periodKeyExpr(d, periodOrdinal(d, day, { grain: 'month', fiscalStart: 4 }), { grain: 'month', fiscalStart: 4 })} AS m`,
      );
      expect(r).toEqual({ w: '2026-W05', q: 'FY2026-Q4', y: 'FY2027', m: '2026-01' });
    });

    it('rounds DECIMALs half away from zero at .xx5 like decimal.ts round', async () => {
      const d = e.dialect;
      const hand = await e.query(
        `SELECT ${d.round(d.decimal("'2.345'", 3), 2)} AS a, ${d.round(d.decimal("'-2.345'", 3), 2)} AS b, ${d.round(d.decimal("'0.005'", 3), 2)} AS c, ${d.round(d.decimal("'-0.0049'", 4), 2)} AS z`,
      );
      expect(hand[0]).toEqual({ a: '2.35', b: '-2.35', c: '0.01', z: '0.00' });
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), fc.integer({ min: 3, max: 6 }), fc.boolean()), {
            minLength: 1,
            maxLength: 60,
          }),
          async (xs) => {
            // half the values sit exactly on a half: units ending in 5 followed by zeros
            const vals = xs.map(([u, scale, half]) => {
              const units = half
                ? (u / 10n ** BigInt(scale - 2)) * 10n ** BigInt(scale - 2) + (u < 0n ? -5n : 5n) * 10n ** BigInt(scale - 3)
                : u;
              return { units, scale };
            });
            const sel = vals.map(
              (v, i) => `${d.round(d.decimal(d.string(toPlainString({ units: v.units, scale: v.scale })), v.scale), 2)} AS r${i}`,
            );
            const [row] = await e.query(`SELECT ${sel.join(', ')}`);
            vals.forEach((v, i) => expect(row![`r${i}`], toPlainString(v)).toBe(toFixed(round(v, 2), 2)));
          },
        ),
        { numRuns: 30 },
      );
    });

    it('sums DECIMAL(38,2) exactly like DecimalSum', async () => {
      const d = e.dialect;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), { minLength: 1, maxLength: 200 }), async (cents) => {
          const js = new DecimalSum();
          for (const c of cents) js.add(c, 2);
          const values = cents.map((c) => `(${d.string(toFixed({ units: c, scale: 2 }, 2))})`).join(', ');
          const [row] = await e.query(`SELECT ${d.sumExact(d.decimal('a', 2), 2)} AS s FROM (VALUES ${values}) AS t(a)`);
          expect(row!.s).toBe(toFixed(js.value(), 2));
        }),
        { numRuns: 30 },
      );
    });

    it('exact median: the aggregate and the window formulation equal the JS median of cycle days', async () => {
      const d = e.dialect;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 400 })), { minLength: 1, maxLength: 50 }),
          async (rows) => {
            const values = rows.map(([g, v]) => `(${g}, ${v})`).join(', ');
            const from = `(VALUES ${values}) AS t(g, v)`;
            const agg = d.median('v');
            const byAgg = agg ? await e.query(`SELECT g, ${agg} AS m FROM ${from} GROUP BY g`) : [];
            const byWindow = await e.query(medianQuery(d, { from, groups: ['g'], value: 'v' }));
            for (let g = 0; g <= 2; g++) {
              const h = new Map<number, number>();
              for (const [gg, v] of rows) if (gg === g) h.set(v, (h.get(v) ?? 0) + 1);
              const want = jsMedian(h);
              const w = byWindow.find((r) => r.g0 === String(g));
              if (want === null) {
                expect(w).toBeUndefined();
                continue;
              }
              expect(Number(w!.twice) / 2, `group ${g}`).toBe(want);
              if (agg) expect(Number(byAgg.find((r) => r.g === String(g))!.m)).toBe(want);
            }
          },
        ),
        { numRuns: 20 },
      );
    });

    it('date difference in days and COUNT(DISTINCT) with NULLs', async () => {
      const d = e.dialect;
      const [r] = await e.query(
        `SELECT ${d.dateDiffDays(d.date('2026-03-01'), d.date('2025-12-31'))} AS dd, ${d.dateDiffDays(d.date('1900-01-01'), d.date('1970-01-01'))} AS neg, ${d.countDistinct('x')} AS n FROM (VALUES ('a'), ('b'), ('a'), (NULL)) AS t(x)`,
      );
      expect(r).toEqual({ dd: '60', neg: String(daysFromCivil(1900, 1, 1)), n: '2' });
    });

    it('orderBy places NULLs where it says', async () => {
      const d = e.dialect;
      const rows = await e.query(
        `SELECT x FROM (VALUES ('b'), (NULL), ('a')) AS t(x) ${d.orderBy([{ expr: 'x', nulls: 'last' }])} ${d.limit(3)}`,
      );
      expect(rows.map((r) => r.x)).toEqual(['a', 'b', null]);
      const desc = await e.query(
        `SELECT x FROM (VALUES ('b'), (NULL), ('a')) AS t(x) ${d.orderBy([{ expr: 'x', desc: true, nulls: 'first' }])}`,
      );
      expect(desc.map((r) => r.x)).toEqual([null, 'b', 'a']);
    });

    it('quotes identifiers and strings with their quotes inside', async () => {
      const d = e.dialect;
      const [r] = await e.query(`SELECT ${d.string("O'Brien \\ 销售")} AS ${d.ident('a "b"')}`);
      expect(r).toEqual({ 'a "b"': "O'Brien \\ 销售" });
    });
  });
}
