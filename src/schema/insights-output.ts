/**
 * The JSON document `salesperf insights --format json` prints (schemaVersion 1): one zod source of
 * truth, the types by z.infer. Money is rounded to cents (half away from zero), ratios to 6
 * decimals; every section that could not be computed says so in `notes` (coded, never silence).
 */
import { z } from 'zod';

const num = z.number();
const money = z.number();
const ratio = z.number().nullable();

export const insightNoteSchema = z.object({
  section: z.enum(['headline', 'trend', 'anomalies', 'forecast', 'cohorts', 'concentration', 'targets']),
  code: z.string(),
  message: z.string(),
});

const contributionSchema = z.object({ group: z.string(), before: money, after: money, delta: money, share: ratio });

const concentrationSchema = z.object({
  customers: z.number().int(),
  total: money,
  nonPositive: z.number().int(),
  nonPositiveTotal: money,
  topShares: z.array(z.object({ n: z.number().int(), share: ratio })),
  paretoCount: z.number().int().nullable(),
  paretoShare: ratio,
  hhi: z.number().nullable(),
});

const intervalPoint = z.object({ period: z.string(), mean: money, lo80: money, hi80: money, lo95: money, hi95: money });

const backtestScore = z.object({
  model: z.string(),
  forecasts: z.number().int(),
  mape: num.nullable(),
  mase: num.nullable(),
  coverage80: ratio,
  coverage95: ratio,
});
const modelChoice = z.enum(['naive', 'seasonal-naive', 'holt-winters']).nullable();

/** A forecast of another additive KPI (`--forecast-kpis`): the revenue forecast's machinery on that KPI's series. */
const kpiForecastSchema = z.object({
  kpi: z.string(),
  seasonLength: z.number().int(),
  chosen: modelChoice,
  backtest: z.array(backtestScore),
  origins: z.number().int(),
  points: z.array(intervalPoint),
});

const pipelineBucket = z.enum(['current', 'next', 'later', 'undated']);

/** The weighted pipeline of the open deals (docs/insights.md "Weighted pipeline"). Money in the currency, rounded to cents. */
const pipelineSchema = z.object({
  /** The forecast period: the as-of date's period in progress, else the one after the current. */
  period: z.string(),
  /** A stage counts in the commit when its P(win) is at least this. */
  commitAt: num,
  /** How the stage probabilities were found: the overall win rate of closed deals, the user's file, or both. */
  estimator: z.enum(['overall', 'given', 'mixed']),
  closedWon: z.number().int(),
  closedLost: z.number().int(),
  winRate: ratio,
  stages: z.array(
    z.object({
      stage: z.string(),
      probability: ratio,
      source: z.enum(['given', 'overall']).nullable(),
      deals: z.number().int(),
      /** Deals valued by their own amount, by their product's average won amount, and without a value (counted, worth 0). */
      valued: z.number().int(),
      priced: z.number().int(),
      noValue: z.number().int(),
      value: money,
      weighted: money,
    }),
  ),
  /** By expected close: in or before the forecast period (`overdue` of them before), the next period, later, no close date. */
  buckets: z.array(
    z.object({
      bucket: pipelineBucket,
      period: z.string().nullable(),
      deals: z.number().int(),
      valued: z.number().int(),
      priced: z.number().int(),
      noValue: z.number().int(),
      overdue: z.number().int(),
      bestCase: money,
      commit: money,
      weighted: money,
    }),
  ),
  /** The forecast period: revenue to date plus the commit / weighted / best case of the deals expected to close in it, beside the run rate. */
  current: z.object({ period: z.string(), toDate: money, runRate: money.nullable(), commit: money, weighted: money, bestCase: money }),
});

export const insightsSchema = z.object({
  meta: z.object({
    schemaVersion: z.literal(1),
    tool: z.literal('salesperf'),
    command: z.literal('insights'),
    grain: z.enum(['month', 'week', 'quarter', 'year']),
    dimensions: z.array(z.string()),
    periods: z.array(z.string()),
    asOf: z.string().nullable(),
    /** The period the headline is about, and why: the as-of date's period when it is complete, else the last complete one. */
    current: z.string().nullable(),
    currentIs: z.enum(['complete', 'lastComplete', 'lastWithData']).nullable(),
    /** The period the as-of date falls in when it is not complete yet (run-rate forecast). */
    inProgress: z.string().nullable(),
    options: z.object({ periods: z.number().int(), anomalyZ: num, horizon: z.number().int() }),
    currency: z.string().nullable(),
  }),
  headline: z.array(
    z.object({
      kpi: z.string(),
      value: num,
      target: num.nullable(),
      attainment: ratio,
      previous: z.object({ period: z.string(), value: num, change: num, changeRatio: ratio }).nullable(),
      yearAgo: z.object({ period: z.string(), value: num, change: num, changeRatio: ratio }).nullable(),
      /** The change against the previous period, by group of the first --by dimension, largest first. */
      contributions: z.array(contributionSchema),
    }),
  ),
  trend: z.array(
    z.object({
      kpi: z.string(),
      group: z.string().nullable(),
      periods: z.number().int(),
      slope: num,
      /** slope / median of the series: the change per period relative to the typical level. */
      slopeRatio: ratio,
      direction: z.enum(['up', 'down', 'flat']),
    }),
  ),
  anomalies: z.array(
    z.object({
      group: z.string().nullable(),
      period: z.string(),
      actual: money,
      expected: money,
      lo: money,
      hi: money,
      z: num.nullable(),
      explainedBy: z.string().nullable(),
      explanation: z.array(z.object({ group: z.string(), actual: money, expected: money, deviation: money, share: ratio })),
    }),
  ),
  forecast: z.object({
    kpi: z.literal('revenue'),
    seasonLength: z.number().int(),
    chosen: modelChoice,
    backtest: z.array(backtestScore),
    origins: z.number().int(),
    points: z.array(intervalPoint),
    runRate: z.object({ period: z.string(), toDate: money, forecast: money }).nullable(),
  }),
  /** Forecasts of the other KPIs asked for with --forecast-kpis (absent when only revenue). */
  forecasts: z.array(kpiForecastSchema).optional(),
  /** The weighted pipeline (absent or null without open deals). */
  pipeline: pipelineSchema.nullable().optional(),
  cohorts: z
    .object({
      customers: z.number().int(),
      revenue: money,
      unassignedRevenue: money,
      rows: z.array(
        z.object({
          cohort: z.string(),
          size: z.number().int(),
          active: z.array(z.number().int()),
          retention: z.array(num),
          revenue: z.array(money),
        }),
      ),
    })
    .nullable(),
  concentration: z
    .object({
      from: z.string(),
      to: z.string(),
      overall: concentrationSchema,
      groups: z.array(z.object({ group: z.string(), concentration: concentrationSchema })),
    })
    .nullable(),
  targets: z.array(
    z.object({
      group: z.string().nullable(),
      period: z.string(),
      model: z.string(),
      suggested: money,
      lo80: money,
      hi80: money,
      target: money.nullable(),
      flag: z.enum(['above', 'below']).nullable(),
    }),
  ),
  notes: z.array(insightNoteSchema),
});

export type InsightsDoc = z.infer<typeof insightsSchema>;
export type InsightNote = z.infer<typeof insightNoteSchema>;
