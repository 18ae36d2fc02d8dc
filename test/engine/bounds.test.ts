/**
 * The period range of a report follows the data: targets and spend for groups
 * or periods the data does not have add nothing (and are named), the as-of
 * period still shows for pacing, a spend-only report takes the spend's range;
 * hard limits on periods and rows; totals beyond the money limit stop the run.
 */
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../src/core/dates.js';
import type { Decimal } from '../../src/core/decimal.js';
import { KpiAggregator, MAX_PERIODS, type DimSpec, type PeriodTable } from '../../src/engine/aggregate.js';
import type { SalesRecord } from '../../src/ingest/record.js';

const HAS = { customer: false, createdDate: false, quantity: false, status: false };
const REGION: DimSpec = { name: 'region', get: (r) => r.region };
const M = (y: number, m: number) => y * 12 + m - 1; // month ordinal
const Q = (y: number, q: number) => y * 4 + q - 1; // quarter ordinal

function rec(y: number, m: number, d: number, units: number | bigint, region: string | null = null): SalesRecord {
  return {
    source: 0,
    row: 2,
    date: daysFromCivil(y, m, d),
    units,
    scale: 2,
    status: 'won',
    rep: null,
    customer: null,
    team: null,
    region,
    product: null,
    channel: null,
    dealId: null,
    currency: null,
    createdDate: null,
    quantity: null,
    extra: [],
  };
}
const table = (entries: [string, number, number][]): PeriodTable => {
  const t: PeriodTable = new Map();
  for (const [k, p, cents] of entries) {
    if (!t.has(k)) t.set(k, new Map());
    t.get(k)!.set(p, { units: cents, scale: 2 } as Decimal);
  }
  return t;
};

describe('the period range follows the data', () => {
  it('targets for other regions and earlier quarters add no groups and no periods; they are named', () => {
    const a = new KpiAggregator({ calendar: { grain: 'quarter', fiscalStart: 1 }, dims: [REGION], asOf: null });
    a.add([rec(2026, 1, 5, 100_00, 'North'), rec(2026, 4, 5, 50_00, 'North')]);
    // North 2026-Q1 target 200.00; East and West (not in the data) for eight quarters from 2024-Q1
    const entries: [string, number, number][] = [['North', Q(2026, 1), 200_00]];
    for (let q = 0; q < 8; q++) entries.push(['East', Q(2024, 1) + q, 10_00], ['West', Q(2024, 1) + q, 10_00]);
    const r = a.finish(HAS, { targets: { targets: table(entries), byGroup: true } });
    expect(r.periods).toEqual(['2026-Q1', '2026-Q2']);
    expect(r.rows.map((x) => [x.dims[0], x.period, x.kpis.revenue, x.kpis.target, x.kpis.gap])).toEqual([
      ['North', '2026-Q1', 100, 200, -100],
      ['North', '2026-Q2', 50, null, null],
    ]);
    expect(r.unmatched).toEqual({ targets: ['East', 'West'], spend: [] });
  });

  it('the in-progress as-of month shows when it has a target, for pacing', () => {
    const asOf = daysFromCivil(2026, 3, 10);
    const a = new KpiAggregator({ calendar: { grain: 'month', fiscalStart: 1 }, dims: [], asOf });
    a.add([rec(2026, 1, 5, 300_00), rec(2026, 2, 5, 310_00)]);
    const targets = table([
      ['', M(2026, 3), 310_00],
      ['', M(2026, 4), 320_00],
      ['', M(2025, 1), 1_00],
    ]);
    const r = a.finish(HAS, { targets: { targets, byGroup: false } });
    expect(r.periods).toEqual(['2026-01', '2026-02', '2026-03']);
    // March: 10 of 31 days elapsed → expected 310.00 × 10 / 31 = 100.00; revenue 0 → pace 0
    const march = r.totals[2]!.kpis;
    expect([march.revenue, march.target, march.expectedToDate, march.pace]).toEqual([0, 310, 100, 0]);
  });

  it('a spend-only report (no sales rows) takes its range and groups from the spend file', () => {
    const a = new KpiAggregator({ calendar: { grain: 'month', fiscalStart: 1 }, dims: [REGION], asOf: null });
    const spend = table([
      ['East', M(2026, 1), 5_00],
      ['West', M(2026, 2), 7_00],
    ]);
    const r = a.finish(HAS, { spend: { spend, acquired: null, byGroup: true } });
    expect(r.periods).toEqual(['2026-01', '2026-02']);
    expect(r.rows.map((x) => [x.dims[0], x.period, x.kpis.spend])).toEqual([
      ['East', '2026-01', 5],
      ['East', '2026-02', null],
      ['West', '2026-01', null],
      ['West', '2026-02', 7],
    ]);
    expect(r.unmatched).toEqual({ targets: [], spend: [] });
  });

  it('rowsIn counts the rows dated in a period range', () => {
    const a = new KpiAggregator({ calendar: { grain: 'month', fiscalStart: 1 }, dims: [], asOf: null });
    a.add([rec(2026, 1, 5, 1), rec(2026, 1, 6, 1), rec(2026, 3, 1, 1)]);
    expect([
      a.rowsIn(),
      a.rowsIn(M(2026, 1), M(2026, 1)),
      a.rowsIn(M(2026, 2), M(2026, 2)),
      a.rowsIn(M(2026, 2)),
      a.rowsIn(undefined, M(2025, 12)),
    ]).toEqual([3, 2, 0, 1, 0]);
  });
});

describe('limits', () => {
  it(`more than ${MAX_PERIODS} periods is REPORT_TOO_LARGE (exit 2); exactly ${MAX_PERIODS} is fine`, () => {
    const a = new KpiAggregator({ calendar: { grain: 'month', fiscalStart: 1 }, dims: [], asOf: null });
    a.add([rec(2026, 1, 5, 1)]);
    expect(a.finish(HAS, { from: M(2000, 1), to: M(2000, 1) + MAX_PERIODS - 1 }).periods.length).toBe(MAX_PERIODS);
    expect(() => a.finish(HAS, { from: M(2000, 1), to: M(2000, 1) + MAX_PERIODS })).toThrow(
      expect.objectContaining({ code: 'REPORT_TOO_LARGE', exitCode: 2 }),
    );
  });

  it('groups × periods over a million rows is REPORT_TOO_LARGE', () => {
    const a = new KpiAggregator({ calendar: { grain: 'month', fiscalStart: 1 }, dims: [REGION], asOf: null });
    // 1,000 regions × 1,000 months: (1,000 + 1 totals) × 1,000 = 1,001,000 rows
    a.add(Array.from({ length: 1000 }, (_, i) => rec(2026, 1, 1, 1, `R${i}`)));
    expect(() => a.finish(HAS, { from: M(1940, 1), to: M(1940, 1) + 999 })).toThrow(expect.objectContaining({ code: 'REPORT_TOO_LARGE' }));
  });

  it('a total beyond 15 digits of cents stops with MONEY_OUT_OF_RANGE (exit 1); at the limit it is exact', () => {
    const max = 999_999_999_999_999; // cents
    const ok = new KpiAggregator({ calendar: { grain: 'month', fiscalStart: 1 }, dims: [], asOf: null });
    ok.add([rec(2026, 1, 5, max - 1), rec(2026, 1, 6, 1)]);
    expect(ok.finish(HAS).totals[0]!.kpis.revenue).toBe(9999999999999.99);
    const over = new KpiAggregator({ calendar: { grain: 'month', fiscalStart: 1 }, dims: [], asOf: null });
    over.add([rec(2026, 1, 5, max), rec(2026, 1, 6, 1)]);
    expect(() => over.finish(HAS)).toThrow(
      expect.objectContaining({ code: 'MONEY_OUT_OF_RANGE', exitCode: 1, message: expect.stringContaining('10000000000000') }),
    );
  });
});

describe('targets and spend amounts', () => {
  it('beyond the money limit or too long to read are TARGET_INVALID rows', async () => {
    const { buildSideTable } = await import('../../src/engine/side-tables.js');
    const rows = [
      ['2026-01', '9999999999999.99'],
      ['2026-02', '10000000000000'],
      ['2026-03', '9'.repeat(100_000)],
    ];
    const r = buildSideTable(
      { file: 't.csv', headers: ['Month', 'Target'], rows, lines: [2, 3, 4], typedNumbers: false, date1904: false },
      { calendar: { grain: 'month', fiscalStart: 1 }, dims: [], kind: 'targets' },
    );
    expect(r.fatal).toBeNull();
    expect([...r.table.get('')!.entries()].map(([p, d]) => [p, d.units, d.scale])).toEqual([[M(2026, 1), 999999999999999, 2]]);
    expect(r.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['TARGET_INVALID', 3, 'Target'],
      ['TARGET_INVALID', 4, 'Target'],
    ]);
  });
});
