/** The catalogue: one file per KPI, ids unique, availability and default columns derived from it. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KPIS, KPIS, KPI_BY_ID, availableKpis, kpiIdSchema } from '../../src/kpi/index.js';
import { ROOT } from '../helpers.js';

const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('KPI catalogue', () => {
  it('has one file per KPI, named after its id, and unique ids', () => {
    const files = readdirSync(join(ROOT, 'src/kpi')).filter((f) => !['index.ts', 'types.ts', 'values.ts', 'reducers.ts'].includes(f));
    expect(files.sort()).toEqual(KPIS.map((k) => `${kebab(k.id)}.ts`).sort());
    expect(new Set(KPIS.map((k) => k.id)).size).toBe(KPIS.length);
    expect(KPI_BY_ID.get('margin')!.unit).toBe('ratio');
    expect(kpiIdSchema.safeParse('grossProfit').success).toBe(true);
    expect(kpiIdSchema.safeParse('profit').success).toBe(false);
  });

  it('derives availability from what each KPI needs', () => {
    const none = { customer: false, createdDate: false, quantity: false, status: false };
    const ids = (has: Parameters<typeof availableKpis>[0], sides = { targets: false, spend: false }) =>
      availableKpis(has, sides).map((k) => k.id);
    expect(ids(none)).toEqual(['revenue', 'refunds', 'deals', 'avgDealSize', 'growth', 'yoyGrowth', 'forecast']);
    expect(ids({ ...none, profit: true })).toEqual([
      'revenue',
      'refunds',
      'deals',
      'avgDealSize',
      'growth',
      'yoyGrowth',
      'forecast',
      'grossProfit',
      'margin',
    ]);
    expect(ids({ ...none, status: true }, { targets: false, spend: true })).toEqual([
      'revenue',
      'refunds',
      'deals',
      'lostDeals',
      'avgDealSize',
      'winRate',
      'growth',
      'yoyGrowth',
      'spend',
      'acquired',
      'cac',
      'forecast',
    ]);
    expect(ids({ customer: true, createdDate: true, quantity: true, status: true, profit: true }, { targets: true, spend: true })).toEqual(
      KPIS.map((k) => k.id),
    );
  });

  it('keeps the 26 columns of before as the default list, in order; grossProfit and margin are asked for', () => {
    expect(DEFAULT_KPIS).toEqual([
      'revenue',
      'refunds',
      'deals',
      'lostDeals',
      'avgDealSize',
      'units',
      'winRate',
      'growth',
      'yoyGrowth',
      'activeCustomers',
      'newCustomers',
      'retainedCustomers',
      'reactivatedCustomers',
      'retentionRate',
      'churnRate',
      'retentionRateClassic',
      'salesCycleDays',
      'spend',
      'acquired',
      'cac',
      'target',
      'attainment',
      'gap',
      'expectedToDate',
      'pace',
      'forecast',
    ]);
  });
});
