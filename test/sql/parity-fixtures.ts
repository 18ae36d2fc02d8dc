/**
 * The hand-made records, side tables and random records the parity tests share
 * (test/sql/parity.test.ts: JS engine = compiled SQL on DuckDB and PostgreSQL;
 * test/sql/clickhouse.test.ts: ClickHouse = compiled DuckDB), and their value-by-value comparison.
 */
import { expect } from 'vitest';
import fc from 'fast-check';
import type { EngineResult } from '../../src/engine/aggregate.js';
import { type Calendar, parsePeriodKey } from '../../src/engine/periods.js';
import type { SalesRecord } from '../../src/ingest/record.js';
import type { Has } from '../../src/kpi/types.js';
import { KPI_BY_ID } from '../../src/kpi/index.js';
import { daysFromCivil } from '../../src/core/dates.js';

export const day = (s: string) => daysFromCivil(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
export const dec = (s: string) => {
  const [i, f = ''] = s.split('.');
  return { units: Number((i ?? '') + f), scale: f.length };
};

export type Status = SalesRecord['status'];

export const HAS: Has = { customer: true, createdDate: true, quantity: true, status: true, profit: true };

export function rec(o: {
  date: string;
  amount: string;
  status?: Status;
  rep?: string | null;
  region?: string | null;
  customer?: string | null;
  deal?: string | null;
  created?: string | null;
  qty?: string | null;
  profit?: string | null;
}): SalesRecord {
  const a = dec(o.amount);
  return {
    source: 0,
    row: 1,
    date: day(o.date),
    units: a.units,
    scale: a.scale,
    status: o.status ?? 'won',
    rep: o.rep ?? null,
    customer: o.customer ?? null,
    team: null,
    region: o.region ?? null,
    product: null,
    channel: null,
    dealId: o.deal ?? null,
    currency: null,
    createdDate: o.created ? day(o.created) : null,
    quantity: o.qty ? dec(o.qty) : null,
    profit: o.profit ? dec(o.profit) : null,
    extra: [],
  };
}

/** A side table row: the group's dimension values (empty: totals only), the period key, the amount (and acquired). */
export interface SideRow {
  dims: string[];
  period: string;
  amount: string;
  acquired?: number | null;
}

export interface Extra {
  from?: number;
  to?: number;
  asOf?: number | null;
  targets?: { rows: SideRow[]; byGroup: boolean };
  spend?: { rows: SideRow[]; byGroup: boolean; acquired: boolean };
}

/** Two results value for value (`names`: what each side is, for the message): money and counts exactly, ratios within one unit of the 6th decimal. */
export function expectSameResult(got: EngineResult, want: EngineResult, where: string, names: [string, string]): void {
  expect(got.periods, where).toEqual(want.periods);
  expect(got.available, where).toEqual(want.available);
  for (const part of ['rows', 'totals'] as const) {
    expect(
      got[part].map((r) => [r.period, r.dims]),
      `${where} ${part}`,
    ).toEqual(want[part].map((r) => [r.period, r.dims]));
    got[part].forEach((r, i) => {
      const w = want[part][i]!;
      for (const k of want.available) {
        const a = r.kpis[k] ?? null;
        const b = w.kpis[k] ?? null;
        const at = `${where} ${part} ${r.period} ${JSON.stringify(r.dims)} ${k}: ${names[0]} ${a} ${names[1]} ${b}`;
        if (KPI_BY_ID.get(k)!.unit === 'ratio' && a !== null && b !== null) expect(Math.abs(a - b), at).toBeLessThanOrEqual(1.000001e-6);
        else expect(a, at).toBe(b);
      }
    });
  }
}

export const SAMPLE: SalesRecord[] = [
  rec({
    date: '2026-01-05',
    amount: '100.10',
    rep: 'Ann',
    region: 'North',
    customer: 'C1',
    deal: 'D1',
    created: '2025-12-20',
    qty: '2',
    profit: '30.00',
  }),
  rec({
    date: '2026-01-20',
    amount: '50.05',
    rep: 'Ann',
    region: 'North',
    customer: 'C1',
    deal: 'D1',
    created: '2026-01-02',
    qty: '1',
    profit: '10.00',
  }),
  rec({
    date: '2026-01-21',
    amount: '-20.00',
    status: 'refund',
    rep: 'Ann',
    region: 'North',
    customer: 'C1',
    deal: 'D1',
    qty: '1',
    profit: '-5.00',
  }),
  rec({ date: '2026-02-03', amount: '300.00', rep: 'Bob', region: 'South', customer: 'C2', created: '2026-01-03' }),
  rec({ date: '2026-02-04', amount: '70.00', rep: 'Bob', region: 'South', customer: 'C2' }),
  rec({ date: '2026-02-10', amount: '999.99', status: 'lost', rep: 'Bob', region: 'South', deal: 'D9' }),
  rec({ date: '2026-02-11', amount: '12.00', status: 'lost', rep: 'Bob', region: 'South' }),
  rec({ date: '2026-02-28', amount: '5.00', status: 'open', rep: 'Cyd', region: null }),
  rec({ date: '2026-05-15', amount: '0.01', rep: 'Ann', region: 'North', customer: 'C1', deal: 'D2', created: '2026-05-01', qty: '0.5' }),
  rec({ date: '2026-05-16', amount: '0.02', rep: null, region: 'North', customer: 'C3', deal: 'D2', created: '2026-05-02' }),
  rec({ date: '2027-01-10', amount: '80.00', rep: 'Ann', region: 'North', customer: 'C2', deal: 'D3', created: '2026-12-25' }),
  rec({ date: '2027-02-10', amount: '90.00', rep: 'Bob', region: 'South', customer: 'C1' }),
  // one deal's latest won rows on the same day in two groups: its cycle goes to the group that sorts first (Ann), whatever the row order
  rec({ date: '2026-03-10', amount: '10.00', rep: 'Bob', region: 'South', customer: 'C4', deal: 'D5', created: '2026-03-01' }),
  rec({ date: '2026-03-10', amount: '10.00', rep: 'Ann', region: 'North', customer: 'C4', deal: 'D5', created: '2026-03-03' }),
];

export const DAY0 = daysFromCivil(2024, 12, 20);
export const NAMES = ['Ann', 'Bob', 'Cyd'];
export const arbRecord = fc.record({
  day: fc.integer({ min: 0, max: 800 }),
  cents: fc.integer({ min: -50_000, max: 500_000 }),
  status: fc.constantFrom<Status>('won', 'won', 'won', 'lost', 'open', 'refund'),
  rep: fc.option(fc.constantFrom(...NAMES), { freq: 6 }),
  region: fc.option(fc.constantFrom('North', 'South'), { freq: 6 }),
  customer: fc.option(fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5'), { freq: 5 }),
  deal: fc.option(fc.constantFrom('D1', 'D2', 'D3', 'D4', 'D5', 'D6'), { freq: 3 }),
  cycle: fc.option(fc.integer({ min: 0, max: 90 }), { freq: 3 }),
  qty: fc.option(fc.integer({ min: 0, max: 9 }), { freq: 3 }),
});

export function fromArb(
  x: fc.Arbitrary<unknown> extends never
    ? never
    : {
        day: number;
        cents: number;
        status: Status;
        rep: string | null;
        region: string | null;
        customer: string | null;
        deal: string | null;
        cycle: number | null;
        qty: number | null;
      },
): SalesRecord {
  const cents = x.status === 'refund' ? -Math.abs(x.cents) : x.status === 'won' ? Math.abs(x.cents) : x.cents;
  return {
    ...rec({ date: '2000-01-01', amount: '0' }),
    date: DAY0 + x.day,
    units: cents,
    scale: 2,
    status: x.status,
    rep: x.rep,
    region: x.region,
    customer: x.customer,
    dealId: x.deal,
    createdDate: x.cycle === null ? null : DAY0 + x.day - x.cycle,
    quantity: x.qty === null ? null : { units: x.qty, scale: 0 },
    profit: { units: Math.trunc(cents / 3), scale: 2 },
  };
}

export const CALS: Calendar[] = [
  { grain: 'month', fiscalStart: 1 },
  { grain: 'quarter', fiscalStart: 1 },
  { grain: 'week', fiscalStart: 1 },
  { grain: 'quarter', fiscalStart: 4 },
  { grain: 'year', fiscalStart: 7 },
];

export const MONTH: Calendar = { grain: 'month', fiscalStart: 1 };
export const TARGETS: SideRow[] = [
  { dims: ['Ann'], period: '2026-01', amount: '120.00' },
  { dims: ['Ann'], period: '2026-01', amount: '10.50' },
  { dims: ['Bob'], period: '2026-02', amount: '0' },
  { dims: ['Ann'], period: '2026-05', amount: '0.07' },
  { dims: ['Zed'], period: '2026-02', amount: '999.00' },
  { dims: ['Ann'], period: '2027-03', amount: '500.00' },
];
export const SPEND: SideRow[] = [
  { dims: [], period: '2026-01', amount: '40.00', acquired: 3 },
  { dims: [], period: '2026-02', amount: '33.33', acquired: 0 },
  { dims: [], period: '2026-05', amount: '10.00', acquired: null },
];
export const BYREP_SPEND: SideRow[] = [
  { dims: ['Ann'], period: '2026-01', amount: '40.00' },
  { dims: ['Bob'], period: '2026-02', amount: '33.33' },
  { dims: ['Ann'], period: '2027-01', amount: '7.77' },
];
export const SIDE_CASES: [string, Extra][] = [
  [
    'targets by rep, spend with acquired on totals',
    { targets: { rows: TARGETS, byGroup: true }, spend: { rows: SPEND, byGroup: false, acquired: true } },
  ],
  [
    'targets on totals, spend by rep (acquired = new customers), as-of mid-January 2026',
    {
      targets: { rows: TARGETS.map((r) => ({ ...r, dims: [] })), byGroup: false },
      spend: { rows: BYREP_SPEND, byGroup: true, acquired: false },
      asOf: day('2026-01-12'),
    },
  ],
  [
    'as-of in a later period with a target for it: the period is reported (pacing)',
    { targets: { rows: TARGETS, byGroup: true }, asOf: day('2027-03-20') },
  ],
  [
    '--from/--to narrower and wider than the data',
    { targets: { rows: TARGETS, byGroup: true }, from: parsePeriodKey('2025-11', MONTH)!, to: parsePeriodKey('2026-06', MONTH)! },
  ],
];
