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
    chosen: z.enum(['naive', 'seasonal-naive', 'holt-winters']).nullable(),
    backtest: z.array(z.object({ model: z.string(), forecasts: z.number().int(), mape: num.nullable(), mase: num.nullable(), coverage80: ratio, coverage95: ratio })),
    origins: z.number().int(),
    points: z.array(intervalPoint),
    runRate: z.object({ period: z.string(), toDate: money, forecast: money }).nullable(),
  }),
  cohorts: z
    .object({
      customers: z.number().int(),
      revenue: money,
      unassignedRevenue: money,
      rows: z.array(z.object({ cohort: z.string(), size: z.number().int(), active: z.array(z.number().int()), retention: z.array(num), revenue: z.array(money) })),
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
    z.object({ group: z.string().nullable(), period: z.string(), model: z.string(), suggested: money, lo80: money, hi80: money, target: money.nullable(), flag: z.enum(['above', 'below']).nullable() }),
  ),
  notes: z.array(insightNoteSchema),
});

export type InsightsDoc = z.infer<typeof insightsSchema>;
export type InsightNote = z.infer<typeof insightNoteSchema>;
