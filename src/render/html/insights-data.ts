/**
 * What the insights page draws besides the insights document: the revenue series per period
 * (total and groups), attainment by group in the current period, and the Pareto curve of the
 * concentration window. The document keeps summaries (slopes, shares, counts); a chart needs the
 * values behind them, taken here from the engine result and the ledger the run already holds.
 * Pure: money summed in whole cents, no I/O, no clock.
 */
import type { Analysis } from '../../app/analyse.js';
import type { InsightsLedger } from '../../app/insights.js';
import { parsePeriodKey, type Calendar } from '../../engine/periods.js';
import type { ResultRow } from '../../engine/aggregate.js';
import type { InsightsDoc } from '../../schema/insights-output.js';

/** Most points on the Pareto curve (the exact 80% point is always one of them). */
export const PARETO_MAX_POINTS = 400;

export interface InsightsChartData {
  /** Periods up to and including the current one (the history the forecast continues). */
  periods: string[];
  /** Total revenue per period of `periods` (0 for an empty period). */
  total: number[];
  /** Revenue per group of the first dimension (the second folded in), per period of `periods`, sorted by name. */
  groups: { group: string; values: number[] }[];
  /** Attainment by group (every --by dimension, joined with " / ") in the current period, where a target exists. */
  attainment: { group: string; revenue: number; target: number; attainment: number }[];
  /** Cumulative share of revenue over customers, largest first, over the concentration window (k: customers so far). */
  pareto: { customers: number; points: { k: number; share: number }[] } | null;
}

const cents = (v: number) => Math.round(v * 100);

/** A group's display value, as the insights document writes it. */
const groupLabel = (v: string | null) => (v === null ? '(none)' : v);

/** The chart data of an insights run (the same analysis and ledger the document came from). */
export function insightsChartData(a: Analysis, ledger: InsightsLedger | null, doc: InsightsDoc): InsightsChartData {
  const all = doc.meta.periods;
  const cur = doc.meta.current === null ? -1 : all.indexOf(doc.meta.current);
  const periods = all.slice(0, cur + 1);
  const index = new Map(periods.map((p, i) => [p, i]));
  const totalCents = periods.map(() => 0);
  for (const r of a.result.totals) {
    const i = index.get(r.period);
    if (i !== undefined) totalCents[i] = cents(r.kpis.revenue ?? 0);
  }
  return {
    periods,
    total: totalCents.map((c) => c / 100),
    groups: doc.meta.dimensions.length ? groupSeries(a.result.rows, index, periods.length) : [],
    attainment: doc.meta.current === null ? [] : attainmentRows(a.result.rows, a.result.totals, doc),
    pareto: doc.concentration && ledger ? paretoCurve(ledger, a.calendar, doc.concentration.from, doc.concentration.to) : null,
  };
}

function groupSeries(rows: readonly ResultRow[], index: Map<string, number>, n: number): InsightsChartData['groups'] {
  const byGroup = new Map<string, number[]>();
  for (const r of rows) {
    const i = index.get(r.period);
    const v = r.kpis.revenue;
    if (i === undefined || v === null || v === undefined) continue;
    const g = groupLabel(r.dims[0] ?? null);
    let s = byGroup.get(g);
    if (!s) byGroup.set(g, (s = new Array<number>(n).fill(0)));
    s[i]! += cents(v);
  }
  return [...byGroup.keys()].sort().map((group) => ({ group, values: byGroup.get(group)!.map((c) => c / 100) }));
}

function attainmentRows(rows: readonly ResultRow[], totals: readonly ResultRow[], doc: InsightsDoc): InsightsChartData['attainment'] {
  const current = doc.meta.current!;
  const source = doc.meta.dimensions.length ? rows : totals;
  const out: InsightsChartData['attainment'] = [];
  for (const r of source) {
    if (r.period !== current) continue;
    const att = r.kpis.attainment;
    const target = r.kpis.target;
    if (att === null || att === undefined || target === null || target === undefined) continue;
    const group = doc.meta.dimensions.length ? r.dims.map(groupLabel).join(' / ') : '';
    out.push({ group, revenue: r.kpis.revenue ?? 0, target, attainment: att });
  }
  return out;
}

/**
 * The Pareto curve over [from, to]: each customer's net revenue (positive totals only, as
 * concentration.ts), largest first, cumulated. At most PARETO_MAX_POINTS points, evenly spread
 * over the customers, plus the first point at or above 80% of the total.
 */
export function paretoCurve(ledger: InsightsLedger, calendar: Calendar, from: string, to: string): InsightsChartData['pareto'] {
  const lo = parsePeriodKey(from, calendar);
  const hi = parsePeriodKey(to, calendar);
  if (lo === null || hi === null) return null;
  const perCustomer = new Map<string, number>();
  for (const [key, c] of ledger.cells) {
    const p = Number(key.slice(0, key.indexOf('\u0001')));
    if (p < lo || p > hi) continue;
    const customer = key.slice(key.indexOf('\u0001', key.indexOf('\u0001') + 1) + 1);
    perCustomer.set(customer, (perCustomer.get(customer) ?? 0) + c);
  }
  const pos = [...perCustomer.values()].filter((c) => c > 0).sort((a, b) => b - a);
  return paretoPoints(pos);
}

/** The cumulative shares of amounts in whole cents sorted largest first. */
export function paretoPoints(sortedCents: readonly number[]): InsightsChartData['pareto'] {
  const n = sortedCents.length;
  let total = 0;
  for (const c of sortedCents) total += c;
  if (n === 0 || total <= 0) return null;
  const step = Math.max(1, Math.ceil(n / PARETO_MAX_POINTS));
  const points: { k: number; share: number }[] = [{ k: 0, share: 0 }];
  let cum = 0;
  let at80 = false;
  for (let i = 0; i < n; i++) {
    cum += sortedCents[i]!;
    const k = i + 1;
    const first80 = !at80 && cum >= 0.8 * total;
    if (first80) at80 = true;
    if (k % step === 0 || k === n || first80) points.push({ k, share: cum / total });
  }
  return { customers: n, points };
}
