/**
 * `insights` as data (issue 13): the headline of the current period against target, last period
 * and last year with the change explained by the `--by` groups; Theil–Sen trends; anomalies
 * outside the expected range; a revenue forecast by the model a rolling-origin backtest chooses;
 * the cohort triangle; revenue concentration; target suggestions. Pure over the engine result and
 * a ledger of (period, group, customer) revenue filled while the files are read: no I/O, no clock,
 * no console (the as-of date comes in with the analysis). Every section that cannot be computed
 * says so as a coded note.
 */
import { isoDate } from '../core/dates.js';
import { round, unitsAt } from '../core/decimal.js';
import { msg, renderMsg, type Lang, type Msg } from '../core/message-catalog.js';
import type { ResultRow } from '../engine/aggregate.js';
import { type Calendar, parsePeriodKey, periodDays, periodKey, periodOf, yearAgo } from '../engine/periods.js';
import { usageError } from '../errors.js';
import type { SalesRecord } from '../ingest/record.js';
import { backtest, forecastWith, minTrainingLength, MODEL_ORDER } from '../analysis/backtest.js';
import { cohortTriangle, type CohortEvent } from '../analysis/cohorts.js';
import { concentrationByGroup, type Concentration } from '../analysis/concentration.js';
import { contributions } from '../analysis/contribution.js';
import { expectedRange, explainDeviation } from '../analysis/expected-range.js';
import { seasonLength } from '../analysis/forecast.js';
import { median, roundMoney, roundRatio } from '../analysis/stats.js';
import { suggestTarget } from '../analysis/target-suggestion.js';
import { theilSen } from '../analysis/theil-sen.js';
import type { InsightNote, InsightsDoc } from '../schema/insights-output.js';
import type { Analysis } from './analyse.js';
import { type PipelineLedger, pipelineSection } from './insights-pipeline.js';

/** The insights' own options, as the CLI's flags spell them. */
export interface InsightsOptions {
  periods?: string;
  anomalyZ?: string;
  horizon?: string;
  /** `--forecast-kpis a,b`: additive KPIs to forecast besides revenue. */
  forecastKpis?: string;
}

export interface InsightsChecks {
  periods: number;
  anomalyZ: number;
  horizon: number;
  /** KPIs forecast besides revenue (in the order given, each once). */
  forecastKpis?: string[];
}

/** KPIs that add up over periods (a quarter's is the sum of its months'), so their series can be forecast like revenue. */
export const FORECASTABLE_KPIS = ['revenue', 'deals', 'lostDeals', 'units', 'grossProfit', 'refunds', 'spend', 'newCustomers'] as const;

export const DEFAULT_TREND_PERIODS = 12;
export const DEFAULT_HORIZON = 3;
export const DEFAULT_ANOMALY_Z = 3.5;
export const MAX_HORIZON = 24;

/** Additive KPIs shown in the headline (when available); those with a group split get contributions. */
const HEADLINE_KPIS = ['revenue', 'deals', 'units', 'grossProfit', 'refunds', 'spend'] as const;
const SPLIT_KPIS = new Set(['revenue', 'deals', 'units', 'grossProfit', 'refunds']);
const MONEY_KPIS = new Set(['revenue', 'grossProfit', 'refunds', 'spend']);
/** KPIs with a trend per group. */
const TREND_KPIS = ['revenue', 'deals'] as const;

/** Checks the insights flags before any file is read. */
export function checkInsightsOptions(flags: InsightsOptions): InsightsChecks {
  const int = (flag: string, text: string | undefined, dflt: number, min: number, max: number) => {
    if (text === undefined) return dflt;
    const n = Number(text);
    if (!/^\s*\d+\s*$/.test(text) || n < min || n > max)
      throw usageError('FLAG_INSIGHTS', msg('FLAG_INSIGHTS_INT', { flag, value: JSON.stringify(text), min, max }));
    return n;
  };
  const periods = int('--periods', flags.periods, DEFAULT_TREND_PERIODS, 2, 1000);
  const horizon = int('--horizon', flags.horizon, DEFAULT_HORIZON, 1, MAX_HORIZON);
  let anomalyZ = DEFAULT_ANOMALY_Z;
  if (flags.anomalyZ !== undefined) {
    anomalyZ = Number(flags.anomalyZ);
    if (!/^\s*\d+(\.\d+)?\s*$/.test(flags.anomalyZ) || !(anomalyZ > 0))
      throw usageError('FLAG_INSIGHTS', msg('FLAG_INSIGHTS_Z', { value: JSON.stringify(flags.anomalyZ) }));
  }
  return { periods, anomalyZ, horizon, forecastKpis: forecastKpisOf(flags.forecastKpis) };
}

/** `--forecast-kpis`: known additive KPI ids, revenue left out (it is always forecast). */
function forecastKpisOf(text: string | undefined): string[] {
  if (text === undefined) return [];
  const ids = text.split(',').map((x) => x.trim());
  const allowed = FORECASTABLE_KPIS as readonly string[];
  const bad = ids.filter((x) => !allowed.includes(x));
  if (bad.length || ids.length === 0)
    throw usageError(
      'FLAG_INSIGHTS',
      msg('FLAG_FORECAST_KPIS', { value: JSON.stringify(bad.join(',') || text), allowed: allowed.join(', ') }),
    );
  return [...new Set(ids)].filter((k) => k !== 'revenue');
}

/**
 * Revenue (won and refund rows) in whole cents by (period, group, customer), filled batch by
 * batch while the files are read: what cohorts and concentration need, which the engine's
 * aggregates do not keep. Memory: one entry per distinct (period, group, customer).
 */
export class InsightsLedger {
  readonly cells = new Map<string, number>();
  /** Revenue rows without a customer (counted, left out of cohorts and concentration). */
  noCustomer = 0;
  rows = 0;
  constructor(
    private readonly calendar: Calendar,
    /** The raw group token of a record (the first --by dimension, or its rep for an org level); null for none. */
    private readonly groupOf: (r: SalesRecord) => string | null,
  ) {}

  add(batch: readonly SalesRecord[]): void {
    for (const r of batch) {
      if (r.status !== 'won' && r.status !== 'refund') continue;
      this.rows++;
      if (r.customer === null) {
        this.noCustomer++;
        continue;
      }
      const cents = Number(unitsAt(round({ units: r.units, scale: r.scale }, 2), 2));
      const key = `${periodOf(r.date, this.calendar)}\u0001${this.groupOf(r) ?? ''}\u0001${r.customer}`;
      this.cells.set(key, (this.cells.get(key) ?? 0) + cents);
    }
  }
}

/** What every insights section reads: the engine result, its periods, the current period and the dense series. */
interface InsightsCtx {
  result: Analysis['result'];
  calendar: Calendar;
  periods: string[];
  ords: number[];
  indexOf: Map<number, number>;
  dimName: string | null;
  subName: string | null;
  cur: number;
  from: number;
  m0: number;
  hist: number;
  totals: (ResultRow | null)[];
  totalAt: (kpi: string, i: number) => number;
  groupSeries: Map<string, Map<string, number[]>>;
  childSeries: Map<string, Map<string, number[]>>;
  seriesOf: (kpi: string, g: string) => number[];
  groups: string[];
  checks: InsightsChecks;
  note: (section: InsightNote['section'], m: Msg) => void;
}

/** The insights of an analysis (options checked by checkInsightsOptions). */
export function insights(
  a: Analysis,
  ledger: InsightsLedger | null,
  checks: InsightsChecks,
  opts: { lang: Lang; currency?: string | null; groupName?: (token: string) => string | null; pipeline?: InsightsPipelineInput },
): InsightsDoc {
  const { result, calendar } = a;
  const notes: InsightNote[] = [];
  const note = (section: InsightNote['section'], m: Msg) => notes.push({ section, code: m.id, message: renderMsg(m, opts.lang) });
  const periods = result.periods;
  const asOf = a.options.asOf;
  const { ctx, currentIs, inProgress } = insightsContext(a, checks, note);
  const { cur, totalAt } = ctx;
  const current = cur >= 0 ? periods[cur]! : null;
  const hist = cur + 1;

  const headline = headlineSection(ctx);
  const trend = trendSection(ctx);
  const anomalies = anomaliesSection(ctx);
  // forecast of revenue
  const revenue = periods.slice(0, hist).map((_, i) => totalAt('revenue', i));
  const forecast = forecastSection(ctx, revenue, inProgress);
  const forecasts = otherForecasts(ctx);
  const pipeline = opts.pipeline ? pipelineOf(ctx, opts.pipeline, asOf, inProgress, forecast.runRate?.forecast ?? null) : undefined;
  const { cohorts, concentration } = ledgerSections(ctx, ledger, opts);
  const targets = targetsSection(ctx, revenue);

  return {
    meta: {
      schemaVersion: 1,
      tool: 'salesperf',
      command: 'insights',
      grain: calendar.grain,
      dimensions: result.dimensions,
      periods,
      asOf: asOf === null ? null : isoDate(asOf),
      current,
      currentIs: current === null ? null : currentIs,
      inProgress: inProgress === null ? null : periods[inProgress]!,
      options: { periods: checks.periods, anomalyZ: checks.anomalyZ, horizon: checks.horizon },
      currency: opts.currency ?? null,
    },
    headline,
    trend,
    anomalies,
    forecast,
    ...(forecasts ? { forecasts } : {}),
    ...(pipeline !== undefined ? { pipeline } : {}),
    cohorts,
    concentration,
    targets,
    notes,
  };
}

/** The periods, the current one and the dense series every section reads. */
function insightsContext(
  a: Analysis,
  checks: InsightsChecks,
  note: InsightsCtx['note'],
): { ctx: InsightsCtx; currentIs: InsightsDoc['meta']['currentIs']; inProgress: number | null } {
  const { result, calendar } = a;
  const periods = result.periods;
  const ords = periods.map((k) => parsePeriodKey(k, calendar)!);
  const indexOf = new Map(ords.map((o, i) => [o, i]));
  const dimName = result.dimensions[0] ?? null;
  const subName = result.dimensions[1] ?? null;
  const { cur, currentIs, inProgress } = currentPeriod(a.options.asOf, periods, indexOf, calendar);

  // dense series: totals and per group (first dimension, second dimension folded in), empty periods 0
  const totals = periods.map((_, i) => result.totals[i] ?? null);
  const totalAt = (kpi: string, i: number) => val(totals[i], kpi);
  const { groupSeries, childSeries } = denseSeries(result, periods, dimName, subName);
  const seriesOf = (kpi: string, g: string) => groupSeries.get(kpi)?.get(g) ?? new Array<number>(periods.length).fill(0);
  const groups = [...new Set([...(groupSeries.get('revenue')?.keys() ?? []), ...(groupSeries.get('deals')?.keys() ?? [])])].sort();
  const from = Math.max(0, cur - checks.periods + 1);
  const m0 = seasonLength(calendar.grain);
  const hist = cur + 1;
  const ctx: InsightsCtx = {
    result,
    calendar,
    periods,
    ords,
    indexOf,
    dimName,
    subName,
    cur,
    from,
    m0,
    hist,
    totals,
    totalAt,
    groupSeries,
    childSeries,
    seriesOf,
    groups,
    checks,
    note,
  };
  return { ctx, currentIs, inProgress };
}

/** The current period: the as-of date's when complete, else the one before (the as-of date's is in progress). */
function currentPeriod(
  asOf: Analysis['options']['asOf'],
  periods: string[],
  indexOf: Map<number, number>,
  calendar: Calendar,
): { cur: number; currentIs: InsightsDoc['meta']['currentIs']; inProgress: number | null } {
  let cur = periods.length - 1;
  let currentIs: InsightsDoc['meta']['currentIs'] = periods.length ? 'lastWithData' : null;
  let inProgress: number | null = null;
  if (asOf !== null && periods.length) {
    const p = periodOf(asOf, calendar);
    const complete = asOf >= periodDays(p, calendar).last;
    const pi = indexOf.get(p);
    if (pi !== undefined && complete) [cur, currentIs] = [pi, 'complete'];
    else if (pi !== undefined) {
      inProgress = pi;
      cur = pi - 1;
      currentIs = 'lastComplete';
    }
  }
  return { cur, currentIs, inProgress };
}

/** Dense series per group (first dimension, second dimension folded in), empty periods 0. */
function denseSeries(
  result: Analysis['result'],
  periods: string[],
  dimName: string | null,
  subName: string | null,
): { groupSeries: Map<string, Map<string, number[]>>; childSeries: Map<string, Map<string, number[]>> } {
  const groupSeries = new Map<string, Map<string, number[]>>();
  const childSeries = new Map<string, Map<string, number[]>>();
  const periodIndex = new Map(periods.map((k, i) => [k, i]));
  for (const r of result.rows) {
    const i = periodIndex.get(r.period);
    if (i === undefined || !dimName) continue;
    const g = label(r.dims[0] ?? null);
    for (const kpi of [...HEADLINE_KPIS, 'target']) {
      const v = r.kpis[kpi];
      if (v === null || v === undefined) continue;
      addAt(groupSeries, kpi, g, i, v, periods.length);
      if (subName && kpi === 'revenue') addAt(childSeries, g, label(r.dims[1] ?? null), i, v, periods.length);
    }
  }
  return { groupSeries, childSeries };
}

/** The headline of the current period against target, last period and last year, the change explained by group. */
function headlineSection(ctx: InsightsCtx): InsightsDoc['headline'] {
  const { result, calendar, periods, ords, indexOf, dimName, cur, totals, totalAt, seriesOf, groups, note } = ctx;
  const headline: InsightsDoc['headline'] = [];
  if (cur < 0) note('headline', msg('INS_NO_COMPLETE_PERIOD', { period: periods[0] ?? '—' }));
  else {
    const y = yearAgo(ords[cur]!, calendar);
    const yi = y === null ? undefined : indexOf.get(y);
    for (const kpi of HEADLINE_KPIS) {
      if (!result.available.includes(kpi)) continue;
      const value = totalAt(kpi, cur);
      const target = kpi === 'revenue' ? (totals[cur]?.kpis.target ?? null) : null;
      const vs = (j: number | undefined) => {
        if (j === undefined || j < 0) return null;
        const before = totalAt(kpi, j);
        const change = out(kpi, value - before);
        return {
          period: periods[j]!,
          value: out(kpi, before),
          change,
          changeRatio: before === 0 ? null : roundRatio((value - before) / Math.abs(before)),
        };
      };
      let contribs: InsightsDoc['headline'][number]['contributions'] = [];
      if (dimName && cur > 0 && SPLIT_KPIS.has(kpi)) {
        const c = contributions(groups.map((g) => ({ key: g, before: seriesOf(kpi, g)[cur - 1]!, after: seriesOf(kpi, g)[cur]! })));
        contribs = c.groups
          .filter((g) => g.delta !== 0)
          .map((g) => ({
            group: g.key,
            before: out(kpi, g.before),
            after: out(kpi, g.after),
            delta: out(kpi, g.delta),
            share: g.share === null ? null : roundRatio(g.share),
          }));
      }
      headline.push({
        kpi,
        value: out(kpi, value),
        target: target === null ? null : roundMoney(target),
        attainment: target ? roundRatio(value / target) : null,
        previous: vs(cur - 1),
        yearAgo: vs(yi),
        contributions: contribs,
      });
    }
    if (cur === 0) note('headline', msg('INS_NO_PREVIOUS', { period: periods[cur]! }));
    if (yi === undefined) note('headline', msg('INS_NO_YEAR_AGO', { period: periods[cur]! }));
    if (!result.available.includes('target')) note('headline', msg('INS_NO_TARGETS'));
  }
  return headline;
}

/** Theil–Sen trends over the last N complete periods. */
function trendSection(ctx: InsightsCtx): InsightsDoc['trend'] {
  const { result, periods, cur, from, totalAt, seriesOf, groups, note } = ctx;
  const trend: InsightsDoc['trend'] = [];
  const window = cur - from + 1;
  if (window < 3) note('trend', msg('INS_TOO_FEW_PERIODS', { need: 3, have: Math.max(0, window) }));
  else {
    for (const kpi of TREND_KPIS) {
      if (!result.available.includes(kpi)) continue;
      const push = (g: string | null, s: number[]) => {
        const ys = s.slice(from, cur + 1);
        const t = theilSen(ys);
        if (!t) return;
        const mid = median(ys);
        trend.push({
          kpi,
          group: g,
          periods: t.n,
          slope: out(kpi, t.slope),
          slopeRatio: mid ? roundRatio(t.slope / Math.abs(mid)) : null,
          direction: t.direction,
        });
      };
      push(
        null,
        periods.map((_, i) => totalAt(kpi, i)),
      );
      for (const g of groups) push(g, seriesOf(kpi, g));
    }
  }
  return trend;
}

/** Anomalies: expected range (seasonal naive residuals scored by robust z); the total's explained by the first dimension, a group's by the second. */
function anomaliesSection(ctx: InsightsCtx): InsightsDoc['anomalies'] {
  const { periods, dimName, subName, m0, hist, totalAt, childSeries, seriesOf, groups, checks, note } = ctx;
  const anomalies: InsightsDoc['anomalies'] = [];
  const lag = m0 > 1 && hist >= 2 * m0 + 2 ? m0 : 1;
  if (hist < lag + 3) note('anomalies', msg('INS_TOO_FEW_PERIODS', { need: lag + 3, have: Math.max(0, hist) }));
  else {
    if (lag !== m0 && m0 > 1) note('anomalies', msg('INS_ANOMALY_NO_SEASON', { need: 2 * m0 + 2, have: hist }));
    const scan = (g: string | null, y: number[], children: Map<string, number[]> | null, childDim: string | null) => {
      for (const p of expectedRange(y, lag, checks.anomalyZ)) {
        if (!p.anomaly || p.expected === null) continue;
        const ex = children
          ? explainDeviation([...children].map(([key, s]) => ({ key, actual: s[p.t]!, expected: s[p.t - lag]! })))
              .children.filter((c) => c.deviation !== 0)
              .slice(0, 5)
          : [];
        anomalies.push({
          group: g,
          period: periods[p.t]!,
          actual: roundMoney(p.actual),
          expected: roundMoney(p.expected),
          lo: roundMoney(p.lo!),
          hi: roundMoney(p.hi!),
          z: p.z === null ? null : roundRatio(p.z),
          explainedBy: children ? childDim : null,
          explanation: ex.map((c) => ({
            group: c.key,
            actual: roundMoney(c.actual),
            expected: roundMoney(c.expected),
            deviation: roundMoney(c.deviation),
            share: c.share === null ? null : roundRatio(c.share),
          })),
        });
      }
    };
    const cut = (s: number[]) => s.slice(0, hist);
    const byGroup = dimName ? new Map(groups.map((g) => [g, cut(seriesOf('revenue', g))])) : null;
    scan(null, cut(periods.map((_, i) => totalAt('revenue', i))), byGroup, dimName);
    for (const g of groups) {
      const ch = childSeries.get(g);
      scan(
        g,
        cut(seriesOf('revenue', g)),
        ch ? new Map([...ch].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, s]) => [k, cut(s)])) : null,
        ch ? subName : null,
      );
    }
  }
  return anomalies;
}

/**
 * A KPI's forecast by the model the backtest chooses over its series (complete periods), with
 * 80%/95% intervals; the same machinery for revenue and every other additive KPI. Notes go under
 * `forecast`, naming the KPI when it is not revenue.
 */
export function kpiForecast(
  ctx: Pick<InsightsCtx, 'calendar' | 'ords' | 'm0' | 'hist' | 'checks' | 'note'>,
  kpi: string,
  series: number[],
): NonNullable<InsightsDoc['forecasts']>[number] {
  const { calendar, ords, m0, hist, checks } = ctx;
  const note = (m: Msg) => ctx.note('forecast', kpi === 'revenue' ? m : msg('INS_FORECAST_KPI_NOTE', { kpi, note: m }));
  // the models with at least one origin to score (Holt–Winters needs two seasons before the first)
  const models = MODEL_ORDER.filter(
    (mo) => (mo !== 'seasonal-naive' || m0 > 1) && minTrainingLength(mo, m0) + checks.horizon <= series.length,
  );
  const bt = models.length ? backtest(series, m0, { horizon: checks.horizon, models }) : { origins: [], scores: [], chosen: null };
  const chosen = bt.chosen ?? (series.length >= 2 ? (m0 > 1 && series.length > m0 ? 'seasonal-naive' : 'naive') : null);
  if (bt.chosen === null) note(msg('INS_NO_BACKTEST', { have: series.length }));
  const f = chosen === null ? null : forecastWith(chosen, series, m0, checks.horizon);
  if (f === null) note(msg('INS_TOO_FEW_PERIODS', { need: 2, have: series.length }));
  const lastOrd = hist > 0 ? ords[hist - 1]! : null;
  const o = (x: number) => out(kpi, x);
  return {
    kpi,
    seasonLength: m0,
    chosen: f?.model ?? null,
    backtest: bt.scores.map((s) => ({
      model: s.model,
      forecasts: s.forecasts,
      mape: s.mape === null ? null : roundRatio(s.mape),
      mase: s.mase === null ? null : roundRatio(s.mase),
      coverage80: s.coverage80 === null ? null : roundRatio(s.coverage80),
      coverage95: s.coverage95 === null ? null : roundRatio(s.coverage95),
    })),
    origins: bt.origins.length,
    points:
      f && lastOrd !== null
        ? f.points.map((p) => ({
            period: periodKey(lastOrd + p.h, calendar),
            mean: o(p.mean),
            lo80: o(p.lo80),
            hi80: o(p.hi80),
            lo95: o(p.lo95),
            hi95: o(p.hi95),
          }))
        : [],
  };
}

/** Forecasts of the --forecast-kpis other than revenue; undefined when none was asked for. */
function otherForecasts(ctx: InsightsCtx): InsightsDoc['forecasts'] {
  const kpis = ctx.checks.forecastKpis ?? [];
  if (!kpis.length) return undefined;
  const res: NonNullable<InsightsDoc['forecasts']> = [];
  for (const kpi of kpis) {
    if (!ctx.result.available.includes(kpi)) {
      ctx.note('forecast', msg('INS_FORECAST_KPI_UNAVAILABLE', { kpi }));
      continue;
    }
    res.push(
      kpiForecast(
        ctx,
        kpi,
        ctx.periods.slice(0, ctx.hist).map((_, i) => ctx.totalAt(kpi, i)),
      ),
    );
  }
  return res;
}

/** The pipeline's inputs that come from reading the files (the CLI fills them). */
export interface InsightsPipelineInput {
  ledger: PipelineLedger;
  /** User-given P(win) by normalised stage (`--stage-probabilities`), or null. */
  given: Map<string, number> | null;
  /** Open deals without any date, not read (the OPEN_UNDATED count). */
  unreadOpen: number;
}

/** The weighted pipeline for the as-of date's period in progress, else the one after the current. */
function pipelineOf(
  ctx: InsightsCtx,
  p: InsightsPipelineInput,
  asOf: number | null,
  inProgress: number | null,
  runRate: number | null,
): InsightsDoc['pipeline'] {
  const { calendar, ords, hist } = ctx;
  const p0 =
    inProgress !== null
      ? ords[inProgress]!
      : asOf !== null
        ? periodOf(asOf, calendar) + (asOf >= periodDays(periodOf(asOf, calendar), calendar).last ? 1 : 0)
        : hist > 0
          ? ords[hist - 1]! + 1
          : null;
  if (p0 === null) return null;
  const toDate = inProgress !== null ? ctx.totalAt('revenue', inProgress) : 0;
  return pipelineSection({
    ledger: p.ledger,
    calendar,
    asOf,
    p0,
    toDate,
    runRate,
    given: p.given,
    unreadOpen: p.unreadOpen,
    note: (m) => ctx.note('forecast', m),
  });
}

/** The revenue forecast by the model the backtest chooses, and the in-progress period's run rate. */
function forecastSection(ctx: InsightsCtx, revenue: number[], inProgress: number | null): InsightsDoc['forecast'] {
  const { periods, totals } = ctx;
  const forecast: InsightsDoc['forecast'] = { ...kpiForecast(ctx, 'revenue', revenue), kpi: 'revenue', runRate: null };
  if (inProgress !== null) {
    const t = totals[inProgress];
    const fc = t?.kpis.forecast;
    if (fc !== null && fc !== undefined)
      forecast.runRate = { period: periods[inProgress]!, toDate: roundMoney(val(t, 'revenue')), forecast: roundMoney(fc) };
  }
  return forecast;
}

/** Cohorts and concentration, from the ledger. */
function ledgerSections(
  ctx: InsightsCtx,
  ledger: InsightsLedger | null,
  opts: { groupName?: (token: string) => string | null },
): { cohorts: InsightsDoc['cohorts']; concentration: InsightsDoc['concentration'] } {
  const { calendar, periods, ords, dimName, cur, from, hist, note } = ctx;
  const hasCustomer = ledger !== null && ledger.cells.size > 0;
  let cohorts: InsightsDoc['cohorts'] = null;
  let concentration: InsightsDoc['concentration'] = null;
  if (!hasCustomer) {
    note('cohorts', msg('INS_NO_CUSTOMER'));
    note('concentration', msg('INS_NO_CUSTOMER'));
  } else {
    const lastCohortOrd = hist > 0 ? ords[hist - 1]! : -Infinity;
    const perCustomer = new Map<string, number>();
    const conc: { group: string; customer: string; amount: number }[] = [];
    const lo = ords[from] ?? -Infinity;
    const groupName = opts.groupName ?? ((t: string) => t);
    // sorted keys: the same sums in the same order whatever order the rows came in
    for (const key of [...ledger.cells.keys()].sort()) {
      const cents = ledger.cells.get(key)!;
      const [ps, token, customer] = key.split('\u0001') as [string, string, string];
      const p = Number(ps);
      if (p > lastCohortOrd) continue;
      const ck = `${ps}\u0001${customer}`;
      perCustomer.set(ck, (perCustomer.get(ck) ?? 0) + cents);
      if (p >= lo) conc.push({ group: label(token === '' ? null : groupName(token)), customer, amount: cents / 100 });
    }
    const events: CohortEvent[] = [...perCustomer].map(([k, cents]) => {
      const [ps, customer] = k.split('\u0001') as [string, string];
      return { customer, period: Number(ps), amount: cents / 100 };
    });
    const tri = cohortTriangle(events);
    cohorts = {
      customers: tri.customers,
      revenue: roundMoney(tri.revenue),
      unassignedRevenue: roundMoney(tri.unassignedRevenue),
      rows: tri.rows.map((r) => ({
        cohort: periodKey(r.cohort, calendar),
        size: r.size,
        active: r.active,
        retention: r.retention.map(roundRatio),
        revenue: r.revenue.map(roundMoney),
      })),
    };
    if (ledger.noCustomer) note('cohorts', msg('INS_ROWS_NO_CUSTOMER', { rows: ledger.noCustomer }));
    if (cur >= 0) {
      const c = concentrationByGroup(conc);
      concentration = {
        from: periods[from]!,
        to: periods[cur]!,
        overall: roundConc(c.overall),
        groups: dimName ? c.groups.map((g) => ({ group: g.group, concentration: roundConc(g.concentration) })) : [],
      };
    }
  }
  return { cohorts, concentration };
}

/** Target suggestions for the period after the current one, per group (or the total without --by). */
function targetsSection(ctx: InsightsCtx, revenue: number[]): InsightsDoc['targets'] {
  const { result, calendar, periods, ords, dimName, cur, m0, hist, totals, groupSeries, seriesOf, groups, note } = ctx;
  const targets: InsightsDoc['targets'] = [];
  if (cur >= 1) {
    const next = cur + 1 < periods.length ? cur + 1 : null;
    const nextKey = periodKey(ords[cur]! + 1, calendar);
    const one = (g: string | null, y: number[], target: number | null) => {
      const s = suggestTarget({ key: g ?? '', values: y.slice(0, hist), target }, m0);
      if (s)
        targets.push({
          group: g,
          period: nextKey,
          model: s.model,
          suggested: s.suggested,
          lo80: s.lo80,
          hi80: s.hi80,
          target: s.target === null ? null : roundMoney(s.target),
          flag: s.flag,
        });
    };
    if (dimName)
      for (const g of groups) one(g, seriesOf('revenue', g), next === null ? null : (groupSeries.get('target')?.get(g)?.[next] ?? null));
    else one(null, revenue, next === null ? null : (totals[next]?.kpis.target ?? null));
    if (!result.available.includes('target')) note('targets', msg('INS_NO_TARGETS'));
  } else note('targets', msg('INS_TOO_FEW_PERIODS', { need: 2, have: Math.max(0, hist) }));
  return targets;
}

/** A group's display value: `(none)` for a missing one. */
function label(v: string | null): string {
  return v === null ? '(none)' : v;
}

function val(r: ResultRow | null | undefined, kpi: string): number {
  const v = r?.kpis[kpi];
  return v === null || v === undefined ? 0 : v;
}

function out(kpi: string, v: number): number {
  return MONEY_KPIS.has(kpi) ? roundMoney(v) : roundRatio(v);
}

/** Adds v at period i of the series of (outer, inner), summing in whole cents (values are cents-exact). */
function addAt(m: Map<string, Map<string, number[]>>, outer: string, inner: string, i: number, v: number, n: number): void {
  let o = m.get(outer);
  if (!o) m.set(outer, (o = new Map()));
  let s = o.get(inner);
  if (!s) o.set(inner, (s = new Array<number>(n).fill(0)));
  s[i] = Math.round((s[i]! + v) * 100) / 100;
}

function roundConc(c: Concentration) {
  return {
    customers: c.customers,
    total: roundMoney(c.total),
    nonPositive: c.nonPositive,
    nonPositiveTotal: roundMoney(c.nonPositiveTotal),
    topShares: c.topShares.map((t) => ({ n: t.n, share: t.share === null ? null : roundRatio(t.share) })),
    paretoCount: c.paretoCount,
    paretoShare: c.paretoShare === null ? null : roundRatio(c.paretoShare),
    hhi: c.hhi === null ? null : roundRatio(c.hhi),
  };
}
