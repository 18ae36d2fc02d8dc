import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../src/core/dates.js';
import { KpiAggregator, type DimSpec, type EngineResult } from '../../src/engine/aggregate.js';
import type { SalesRecord } from '../../src/ingest/record.js';

const HAS = { customer: true, createdDate: true, quantity: true, status: true };
const D = (name: 'rep' | 'region' | 'product'): DimSpec => ({ name, get: (r) => r[name] });

const record = fc
  .record({
    day: fc.integer({ min: daysFromCivil(2025, 1, 1), max: daysFromCivil(2026, 6, 30) }),
    cents: fc.integer({ min: 0, max: 10_000_00 }),
    status: fc.constantFrom('won', 'won', 'won', 'lost', 'open', 'refund'),
    rep: fc.constantFrom('A', 'B', 'C'),
    region: fc.constantFrom('N', 'S'),
    product: fc.constantFrom('x', 'y', 'z'),
    customer: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6'),
    deal: fc.integer({ min: 1, max: 40 }),
    cycle: fc.integer({ min: 0, max: 90 }),
  })
  .map((x): SalesRecord => ({
    source: 0,
    row: 2,
    date: x.day,
    units: x.status === 'refund' ? -x.cents : x.cents,
    scale: 2,
    status: x.status as SalesRecord['status'],
    rep: x.rep,
    customer: x.customer,
    team: null,
    region: x.region,
    product: x.product,
    channel: null,
    dealId: `D${x.deal}-${x.status}`,
    currency: null,
    createdDate: x.day - x.cycle,
    quantity: { units: 1, scale: 0 },
    extra: [],
  }));

function run(records: SalesRecord[], dims: DimSpec[], batches = 1): EngineResult {
  const a = new KpiAggregator({ calendar: { grain: 'month', fiscalStart: 1 }, dims, asOf: null });
  const size = Math.ceil(records.length / batches) || 1;
  for (let i = 0; i < records.length; i += size) a.add(records.slice(i, i + size));
  return a.finish(HAS);
}

describe('engine properties', () => {
  it('the revenue of any --by partition adds up to the total, to the cent', () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 120 }),
        fc.constantFrom<('rep' | 'region' | 'product')[]>(['rep'], ['region'], ['product'], ['region', 'rep']),
        (recs, by) => {
          const r = run(recs, by.map(D));
          for (const t of r.totals) {
            const parts = r.rows.filter((x) => x.period === t.period).reduce((s, x) => s + Math.round((x.kpis.revenue as number) * 100), 0);
            expect(parts).toBe(Math.round((t.kpis.revenue as number) * 100));
          }
        },
      ),
    );
  });

  it('shuffling the rows or splitting them over batches changes nothing', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 80 }), fc.integer({ min: 1, max: 7 }), fc.integer(), (recs, batches, seed) => {
        const shuffled = [...recs];
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) & 0x7fffffff;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(run(shuffled, [D('rep')], batches)).toEqual(run(recs, [D('rep')]));
      }),
    );
  });

  it('active ≥ retained, new ≤ active, reactivated ≥ 0, rates within [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 120 }), (recs) => {
        const r = run(recs, [D('region')]);
        for (const x of [...r.rows, ...r.totals]) {
          const k = x.kpis as Record<string, number | null>;
          expect(k.activeCustomers!).toBeGreaterThanOrEqual(k.retainedCustomers!);
          expect(k.newCustomers!).toBeLessThanOrEqual(k.activeCustomers!);
          expect(k.reactivatedCustomers!).toBeGreaterThanOrEqual(0);
          for (const id of ['winRate', 'retentionRate', 'churnRate']) if (k[id] !== null) expect(k[id]! >= 0 && k[id]! <= 1).toBe(true);
        }
      }),
    );
  });

  it('attainment rises with revenue', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), fc.integer({ min: 1, max: 1_000_00 }), (recs, extra) => {
        const p = daysFromCivil(2026, 3, 15);
        const targets = { targets: new Map([['', new Map([[2026 * 12 + 2, { units: 500_000, scale: 2 }]])]]), byGroup: false };
        const at = (rs: SalesRecord[]) => {
          const a = new KpiAggregator({ calendar: { grain: 'month', fiscalStart: 1 }, dims: [], asOf: null });
          a.add(rs);
          // the range follows the data, so the target's month is asked for explicitly
          return a.finish(HAS, { targets, from: 2026 * 12 + 2, to: 2026 * 12 + 2 }).totals.find((t) => t.period === '2026-03')!.kpis
            .attainment!;
        };
        const more = { ...(recs[0] ?? fc.sample(record, 1)[0]!), date: p, status: 'won' as const, units: extra, scale: 2, dealId: 'NEW' };
        expect(at([...recs, more])).toBeGreaterThan(at(recs));
      }),
    );
  });
});
