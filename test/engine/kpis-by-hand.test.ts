/**
 * fixtures/kpi: three reps, two regions, five months. Every value below was
 * worked out by hand from the 15 rows (see the comments), not by running the code.
 * C1 repeats (Jan, Feb), C2 is reactivated (Jan, gap, Mar; again in May after Apr),
 * C3 loses in Jan and first wins in May (new in May), C4 reactivated in Apr,
 * R1 refunds 50 of C1's Feb deal in Mar, D5 is one deal of two line items,
 * D8 is open, D3/D6/D11 lost. Targets: Ann Apr 100, Bob Apr 200, Cat May 30+30.
 * Spend (totals only): Jan 600, Feb 300, Apr 250. As of 2026-05-20 (day 20 of 31).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/render/report-data.js';
import { ROOT, runCli } from '../helpers.js';

const K = (f: string) => join(ROOT, 'fixtures/kpi', f);
const args = [
  'report',
  K('deals.csv'),
  '--targets',
  K('targets.csv'),
  '--spend',
  K('spend.csv'),
  '--as-of',
  '2026-05-20',
  '--format',
  'json',
];

function doc(extra: string[] = []) {
  const r = runCli([...args, ...extra]);
  expect(r.code).toBe(0);
  return reportSchema.parse(JSON.parse(r.stdout));
}

const nulls = { yoyGrowth: null };

describe('KPIs worked out by hand (fixtures/kpi)', () => {
  const d = doc();

  it('totals per period', () => {
    expect(d.meta.periods).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    const t = Object.fromEntries(d.totals.map((r) => [r.period, r]));
    // Jan: D1 100 (C1, 9 days), D2 200 (C2, 10 days, qty 2), D3 lost
    expect(t['2026-01']).toEqual({
      period: '2026-01',
      revenue: 300,
      refunds: 0,
      deals: 2,
      lostDeals: 1,
      avgDealSize: 150,
      units: 3,
      winRate: 0.666667,
      growth: null,
      ...nulls,
      activeCustomers: 2,
      newCustomers: 2,
      retainedCustomers: 0,
      reactivatedCustomers: 0,
      retentionRate: null,
      churnRate: null,
      retentionRateClassic: null,
      salesCycleDays: 9.5,
      spend: 600,
      acquired: 2,
      cac: 300,
      target: null,
      attainment: null,
      gap: null,
      expectedToDate: null,
      pace: null,
      forecast: null,
    });
    // Feb: D4 150 (C1, 11 days), D5 300+50 (C4, one deal, 10 days), D6 lost; retained C1 of {C1,C2}
    expect(t['2026-02']).toMatchObject({
      revenue: 500,
      deals: 2,
      lostDeals: 1,
      avgDealSize: 250,
      units: 5,
      winRate: 0.666667,
      growth: 0.666667,
      activeCustomers: 2,
      newCustomers: 1,
      retainedCustomers: 1,
      reactivatedCustomers: 0,
      retentionRate: 0.5,
      churnRate: 0.5,
      retentionRateClassic: 0.5,
      salesCycleDays: 10.5,
      spend: 300,
      acquired: 1,
      cac: 300,
    });
    // Mar: D7 250 (C2 back, 30 days), R1 −50; (200−500)/500; none of {C1,C4} active; (E−N)/S = (1−0)/2
    expect(t['2026-03']).toMatchObject({
      revenue: 200,
      refunds: -50,
      deals: 1,
      lostDeals: 0,
      avgDealSize: 200,
      units: 0,
      winRate: 1,
      growth: -0.6,
      activeCustomers: 1,
      newCustomers: 0,
      retainedCustomers: 0,
      reactivatedCustomers: 1,
      retentionRate: 0,
      churnRate: 1,
      retentionRateClassic: 0.5,
      salesCycleDays: 30,
      spend: null,
      acquired: null,
      cac: null,
    });
    // Apr: D9 400 (C4 back, 13 days), D10 120 (C7 new, 7 days), D11 lost; target 100+200
    expect(t['2026-04']).toMatchObject({
      revenue: 520,
      deals: 2,
      lostDeals: 1,
      avgDealSize: 260,
      units: 3,
      winRate: 0.666667,
      growth: 1.6,
      activeCustomers: 2,
      newCustomers: 1,
      retainedCustomers: 0,
      reactivatedCustomers: 1,
      retentionRate: 0,
      churnRate: 1,
      retentionRateClassic: 1,
      salesCycleDays: 10,
      spend: 250,
      acquired: 1,
      cac: 250,
      target: 300,
      attainment: 1.733333,
      gap: 220,
      expectedToDate: null,
      pace: null,
      forecast: null,
    });
    // May (as-of month, 20/31 elapsed): D12 80 (C2 back, 10 days), D13 60 (C3 new, 30 days); target 60
    expect(t['2026-05']).toMatchObject({
      revenue: 140,
      deals: 2,
      lostDeals: 0,
      avgDealSize: 70,
      units: 2,
      winRate: 1,
      growth: -0.730769,
      activeCustomers: 2,
      newCustomers: 1,
      retainedCustomers: 0,
      reactivatedCustomers: 1,
      retentionRate: 0,
      churnRate: 1,
      retentionRateClassic: 0.5,
      salesCycleDays: 20,
      target: 60,
      attainment: 2.333333,
      gap: 80,
      expectedToDate: 38.71, // 60 × 20/31 = 38.709…
      pace: 3.616667, // 140 × 31 / (60 × 20)
      forecast: 217, // 140 × 31/20
    });
  });

  it("Ann's rows, including a refund-only month and first-period nulls", () => {
    const ann = Object.fromEntries(d.rows.filter((r) => r.rep === 'Ann').map((r) => [r.period, r]));
    expect(ann['2026-01']).toMatchObject({
      revenue: 100,
      deals: 1,
      winRate: 1,
      growth: null,
      activeCustomers: 1,
      newCustomers: 1,
      retentionRate: null,
      salesCycleDays: 9,
      units: 1,
    });
    expect(ann['2026-02']).toMatchObject({
      revenue: 150,
      growth: 0.5,
      retainedCustomers: 1,
      retentionRate: 1,
      churnRate: 0,
      retentionRateClassic: 1,
      salesCycleDays: 11,
    });
    // Mar: only the refund and an open deal
    expect(ann['2026-03']).toMatchObject({
      revenue: -50,
      refunds: -50,
      deals: 0,
      lostDeals: 0,
      avgDealSize: null,
      winRate: null,
      units: -1,
      growth: -1.333333,
      activeCustomers: 0,
      retentionRate: 0,
      churnRate: 1,
      retentionRateClassic: 0,
      salesCycleDays: null,
    });
    // Apr: growth from −50 is (120 + 50)/50; D11 lost; target 100
    expect(ann['2026-04']).toMatchObject({
      revenue: 120,
      deals: 1,
      lostDeals: 1,
      winRate: 0.5,
      growth: 3.4,
      newCustomers: 1,
      retentionRate: null,
      target: 100,
      attainment: 1.2,
      gap: 20,
      salesCycleDays: 7,
    });
    // May: a period with no sales still appears, with zeros
    expect(ann['2026-05']).toMatchObject({
      revenue: 0,
      deals: 0,
      winRate: null,
      avgDealSize: null,
      growth: -1,
      activeCustomers: 0,
      retentionRate: 0,
      target: null,
      attainment: null,
      pace: null,
      forecast: 0,
    });
  });

  it('targets: a missing group target is zero attainment only where a target exists; repeated keys are summed', () => {
    const row = (rep: string, p: string) => d.rows.find((r) => r.rep === rep && r.period === p)!;
    expect(row('Bob', '2026-04')).toMatchObject({ revenue: 0, target: 200, attainment: 0, gap: -200 });
    expect(row('Cat', '2026-05')).toMatchObject({
      revenue: 60,
      target: 60,
      attainment: 1,
      gap: 0,
      expectedToDate: 38.71,
      pace: 1.55,
      forecast: 93,
    });
    expect(row('Cat', '2026-04')).toMatchObject({ target: null, attainment: null });
  });

  it('spend without a rep column applies to totals only', () => {
    expect(d.rows.every((r) => r.spend === null && r.cac === null)).toBe(true);
  });

  it('by region: customers belong to every group they bought in; revenue partitions the total', () => {
    const g = doc(['--by', 'region']);
    const north = Object.fromEntries(g.rows.filter((r) => r.region === 'North').map((r) => [r.period, r]));
    const south = Object.fromEntries(g.rows.filter((r) => r.region === 'South').map((r) => [r.period, r]));
    expect(north['2026-03']).toMatchObject({ revenue: 200, activeCustomers: 1, retainedCustomers: 0, retentionRate: 0 }); // North Feb active {C1}
    expect(south['2026-02']).toMatchObject({ revenue: 350, deals: 1, newCustomers: 1 });
    for (const p of g.meta.periods) {
      const sum = g.rows.filter((r) => r.period === p).reduce((a, r) => a + Math.round((r.revenue as number) * 100), 0);
      expect(sum).toBe(Math.round((g.totals.find((t) => t.period === p)!.revenue as number) * 100));
    }
  });

  it('year-over-year growth against the same month a year earlier', () => {
    const r = runCli(['report', '-', '--as-of', '2026-11-26', '--format', 'json', '--kpis', 'revenue,yoyGrowth,growth'], {
      input: 'Date,Amount\n2025-01-15,100\n2026-01-15,150\n',
    });
    const j = reportSchema.parse(JSON.parse(r.stdout));
    expect(j.totals.at(-1)).toEqual({ period: '2026-01', revenue: 150, yoyGrowth: 0.5, growth: null });
    expect(j.totals).toHaveLength(13); // 2025-01 … 2026-01, empty months included
  });
});
