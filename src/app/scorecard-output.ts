/**
 * The JSON document `salesperf scorecard --format json` prints (schemaVersion 1), and the result
 * `scorecard()` returns to a program (the same document plus notes as coded data): one zod source
 * of truth, the types by z.infer. (Not to be confused with src/schema/scorecard.ts's
 * `scorecardSchema`, the scorecard section of the config file.)
 *
 * A row and a target check carry one key per dimension (`rep`, `region`, …: the group's value, or
 * null) besides the keys named here: the object's other keys, each checked to be text or null.
 */
import { z } from 'zod';
import { codedSchema } from './report-output.js';

/**
 * An object with the keys of `shape` and one more key per dimension, whose value is the group's
 * (text, or null when the group has none). Typed with the dimensions as `unknown` extra keys, so
 * the rows the renderer builds (dimension keys spread in) type-check.
 */
function withDimensions<S extends z.ZodRawShape>(shape: S) {
  return z.looseObject(shape).superRefine((o, ctx) => {
    for (const [k, v] of Object.entries(o)) {
      if (!Object.hasOwn(shape, k) && v !== null && typeof v !== 'string')
        ctx.addIssue({ code: 'custom', path: [k], message: `a dimension's value is text or null, not ${typeof v}` });
    }
  });
}

/** One KPI of a scored row: what it achieved, against what, and what it counted for. */
export const scoreLineSchema = z.object({
  value: z.number().nullable(),
  target: z.number().nullable(),
  /** value / target (target / value when lower is better); attainment scoring only. */
  attainment: z.number().nullable(),
  /** Percentile within the peers (0–100); percentile scoring only. */
  percentile: z.number().nullable(),
  subScore: z.number().nullable(),
  /** Weight after renormalising over the KPIs this group could be scored on. */
  weight: z.number().nullable(),
  points: z.number().nullable(),
  note: z.string().nullable(),
});

export const scorecardRowSchema = withDimensions({
  /** Competition rank (1, 2, 2, 4); null when the group could not be scored. */
  rank: z.number().int().positive().nullable(),
  score: z.number().nullable(),
  band: z.string().nullable(),
  feedback: z.string(),
  kpis: z.record(z.string(), scoreLineSchema),
});

/** A target over (or under) the band around the group's trailing average. */
export const targetCheckSchema = withDimensions({
  period: z.string(),
  target: z.number(),
  trailingAverage: z.number(),
  trailingPeriods: z.number().int(),
  lastYear: z.number().nullable(),
  /** target / trailingAverage */
  ratio: z.number(),
  direction: z.enum(['high', 'low']),
});

export const scorecardSchema = z.object({
  meta: z.object({
    schemaVersion: z.literal(1),
    tool: z.literal('salesperf'),
    command: z.literal('scorecard'),
    period: z.string(),
    grain: z.enum(['month', 'week', 'quarter', 'year']),
    dimensions: z.array(z.string()),
    kpis: z.array(
      z.object({
        kpi: z.string(),
        /** The weight it counts for, out of 100, after renormalising over the KPIs kept. */
        weight: z.number(),
        configuredWeight: z.number(),
        direction: z.enum(['higher', 'lower']),
        method: z.enum(['attainment', 'percentile']),
        cap: z.number().nullable(),
        target: z.number().nullable(),
      }),
    ),
    bands: z.array(z.object({ name: z.string(), min: z.number() })),
    /** Dropped KPIs, fallbacks, renormalisation (English). */
    notes: z.array(z.string()),
  }),
  rows: z.array(scorecardRowSchema),
  targetChecks: z.array(targetCheckSchema),
});

export type ScorecardDoc = z.infer<typeof scorecardSchema>;

/** What `scorecard()` returns: the JSON document and the run's notes as coded data. */
export const scorecardResultSchema = scorecardSchema.extend({ notes: z.array(codedSchema) });
export type ScorecardApiResult = z.infer<typeof scorecardResultSchema>;
