/**
 * The engine against a straightforward computation written separately here:
 * all rows in memory, plain filters and Sets, cents as integers.
 */
import { describe, expect, it } from 'vitest';
import { KpiAggregator } from '../../src/engine/aggregate.js';
import { ingest } from '../helpers.js';
import { writeTmp, tmp } from '../helpers.js';
// the benchmark's own seeded generator makes the data set
// @ts-expect-error plain JS module without types
import { HEADER, csvRow, salesRows } from '../../perf/generate.mjs';

describe('engine = naive computation on a generated data set', () => {
  it('every KPI by rep × month', async () => {
    const rows = [
      ...(salesRows({ rows: 4000, seed: 11, start: '2025-01-01', months: 14, reps: 6, customers: 300 }) as Iterable<
        Record<string, string | number>
      >),
    ];
    const path = writeTmp('gen.csv', HEADER.join(',') + '\n' + rows.map(csvRow).join(''), tmp());
    const { records } = await ingest([path]);
    expect(records).toHaveLength(4000);
    const agg = new KpiAggregator({ calendar: { grain: 'month', fiscalStart: 1 }, dims: [{ name: 'rep', get: (r) => r.rep }], asOf: null });
    agg.add(records);
    const res = agg.finish({ customer: true, createdDate: false, quantity: true, status: true });

    // naive: straight from the generator's objects, not from salesperf's records
    const month = (d: string) => d.slice(0, 7);
    const cents = (a: string) => Math.round(Number(a) * 100);
    const months = [...new Set(rows.map((r) => month(r.date as string)))].sort();
    const firstWon = new Map<string, string>();
    for (const r of rows)
      if (r.status === 'Won') {
        const m = month(r.date as string);
        const f = firstWon.get(r.customer as string);
        if (!f || m < f) firstWon.set(r.customer as string, m);
      }
    const active = (rep: string, m: string) =>
      new Set(rows.filter((r) => r.rep === rep && month(r.date as string) === m && r.status === 'Won').map((r) => r.customer as string));
    const reps = [...new Set(rows.map((r) => r.rep as string))].sort();
    let checked = 0;
    for (const rep of reps) {
      for (let i = 0; i < months.length; i++) {
        const m = months[i]!;
        const mine = rows.filter((r) => r.rep === rep && month(r.date as string) === m);
        const won = mine.filter((r) => r.status === 'Won');
        const lost = mine.filter((r) => r.status === 'Lost');
        const revenueCents =
          won.reduce((s, r) => s + cents(r.amount as string), 0) -
          mine.filter((r) => r.status === 'Refund').reduce((s, r) => s + cents(r.amount as string), 0);
        const act = active(rep, m);
        const before = i > 0 ? active(rep, months[i - 1]!) : new Set<string>();
        const retained = [...act].filter((c) => before.has(c)).length;
        const prevCents =
          i > 0
            ? rows
                .filter((r) => r.rep === rep && month(r.date as string) === months[i - 1])
                .reduce(
                  (s, r) => s + (r.status === 'Won' ? cents(r.amount as string) : r.status === 'Refund' ? -cents(r.amount as string) : 0),
                  0,
                )
            : 0;
        const row = res.rows.find((x) => x.dims[0] === rep && x.period === m)!;
        expect(Math.round(row.kpis.revenue! * 100)).toBe(revenueCents);
        expect(row.kpis.deals).toBe(won.length);
        expect(row.kpis.lostDeals).toBe(lost.length);
        expect(row.kpis.winRate).toBe(won.length + lost.length ? Math.round((won.length / (won.length + lost.length)) * 1e6) / 1e6 : null);
        expect(row.kpis.activeCustomers).toBe(act.size);
        expect(row.kpis.newCustomers).toBe([...act].filter((c) => firstWon.get(c) === m).length);
        expect(row.kpis.retainedCustomers).toBe(retained);
        expect(row.kpis.retentionRate).toBe(before.size ? Math.round((retained / before.size) * 1e6) / 1e6 : null);
        expect(row.kpis.growth).toBe(prevCents ? Math.round(((revenueCents - prevCents) / Math.abs(prevCents)) * 1e6) / 1e6 : null);
        expect(row.kpis.units).toBe(
          won.reduce((s, r) => s + Number(r.quantity), 0) -
            mine.filter((r) => r.status === 'Refund').reduce((s, r) => s + Number(r.quantity), 0),
        );
        checked++;
      }
    }
    expect(checked).toBe(reps.length * months.length);
  });
});
