/**
 * The KPI catalogue: one file per KPI (id, labels, unit, formula, what it needs, whether it is a
 * default report column, how its value is computed from the cell's reducers). Availability, the
 * default columns, the zod enum of ids, `salesperf kpis` and docs/kpis.md derive from it.
 * Adding a KPI: a file here, its line below, a test.
 */
import { z } from 'zod';
import revenue from './revenue.js';
import refunds from './refunds.js';
import deals from './deals.js';
import lostDeals from './lost-deals.js';
import avgDealSize from './avg-deal-size.js';
import units from './units.js';
import winRate from './win-rate.js';
import growth from './growth.js';
import yoyGrowth from './yoy-growth.js';
import activeCustomers from './active-customers.js';
import newCustomers from './new-customers.js';
import retainedCustomers from './retained-customers.js';
import reactivatedCustomers from './reactivated-customers.js';
import retentionRate from './retention-rate.js';
import churnRate from './churn-rate.js';
import retentionRateClassic from './retention-rate-classic.js';
import salesCycleDays from './sales-cycle-days.js';
import spend from './spend.js';
import acquired from './acquired.js';
import cac from './cac.js';
import target from './target.js';
import attainment from './attainment.js';
import gap from './gap.js';
import expectedToDate from './expected-to-date.js';
import pace from './pace.js';
import forecast from './forecast.js';
import grossProfit from './gross-profit.js';
import margin from './margin.js';
import type { Has, KpiDef, KpiNeed, Sides } from './types.js';

export type { CellValues, CustomerFlow, Has, KpiContext, KpiDef, KpiNeed, KpiUnit, KpiValues, Sides } from './types.js';

/** The catalogue, in report column order. A KPI may read the values of the KPIs before it. */
export const KPIS = [
  revenue,
  refunds,
  deals,
  lostDeals,
  avgDealSize,
  units,
  winRate,
  growth,
  yoyGrowth,
  activeCustomers,
  newCustomers,
  retainedCustomers,
  reactivatedCustomers,
  retentionRate,
  churnRate,
  retentionRateClassic,
  salesCycleDays,
  spend,
  acquired,
  cac,
  target,
  attainment,
  gap,
  expectedToDate,
  pace,
  forecast,
  grossProfit,
  margin,
] as const satisfies readonly KpiDef[];

export type KpiId = (typeof KPIS)[number]['id'];
/** The ids as plain strings (flags and config files are checked against them). */
export const KPI_IDS: string[] = KPIS.map((k) => k.id);
export const KPI_BY_ID: ReadonlyMap<string, KpiDef> = new Map(KPIS.map((k) => [k.id, k]));
export const kpiIdSchema = z.enum(KPIS.map((k) => k.id) as [KpiId, ...KpiId[]]);

/** The report's columns when --kpis is not given (those of them that are available). */
export const DEFAULT_KPIS: readonly string[] = KPIS.filter((k) => k.default).map((k) => k.id);

/** Whether a KPI's need is met by the data's columns and the side tables given. */
export function needMet(need: KpiNeed | undefined, has: Has, sides: Sides): boolean {
  if (need === undefined) return true;
  if (need === 'targets' || need === 'spend') return sides[need];
  return has[need] === true;
}

/** The KPIs that can be computed, in catalogue order. */
export function availableKpis(has: Has, sides: Sides): KpiDef[] {
  return KPIS.filter((k) => needMet(k.needs, has, sides));
}
