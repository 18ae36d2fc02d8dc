/** Scorecard config (the `scorecard` key of salesperf.config.json), validated with zod. */
import { z } from 'zod';
import { msg } from '../core/message-catalog.js';
import { KPI_IDS } from '../engine/kpis.js';

export const scoringSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('attainment'), cap: z.number().positive().max(10).default(1.2) }).strict(),
  z.object({ method: z.literal('percentile') }).strict(),
]);

export const scorecardKpiSchema = z
  .object({
    kpi: z.enum(KPI_IDS as [string, ...string[]]),
    weight: z.number().positive().max(100),
    direction: z.enum(['higher', 'lower']).default('higher'),
    /** A fixed target for KPIs other than revenue (revenue's comes from --targets). */
    target: z.number().min(-1e12).max(1e12).optional(),
    scoring: scoringSchema.default({ method: 'attainment', cap: 1.2 }),
    label: z.string().optional(),
  })
  .strict();

/** Scores run 0–100, so a band's floor does too. */
export const bandSchema = z.object({ name: z.string().min(1).max(40), min: z.number().min(0).max(100) }).strict();

export const scorecardSchema = z
  .object({
    kpis: z.array(scorecardKpiSchema).min(1).max(KPI_IDS.length),
    bands: z
      .array(bandSchema)
      .min(1)
      .max(26)
      .default([
        { name: 'A', min: 90 },
        { name: 'B', min: 75 },
        { name: 'C', min: 60 },
        { name: 'D', min: 0 },
      ]),
  })
  .strict()
  .superRefine((s, ctx) => {
    const total = s.kpis.reduce((a, k) => a + k.weight, 0);
    if (Math.abs(total - 100) > 1e-9)
      ctx.addIssue({
        code: 'custom',
        path: ['kpis'],
        message: `weights must sum to 100, they sum to ${total}`,
        params: { msg: msg('SCHEMA_WEIGHTS_SUM', { total }) },
      });
    const seen = new Set<string>();
    s.kpis.forEach((k, i) => {
      if (seen.has(k.kpi))
        ctx.addIssue({
          code: 'custom',
          path: ['kpis', i, 'kpi'],
          message: `${k.kpi} is listed twice`,
          params: { msg: msg('SCHEMA_KPI_TWICE', { kpi: k.kpi }) },
        });
      seen.add(k.kpi);
    });
  });

export type ScorecardConfig = z.infer<typeof scorecardSchema>;
export type ScorecardKpi = z.infer<typeof scorecardKpiSchema>;

/** The default: revenue attainment 50, new customers 20, retention 15, win rate 15. */
export const DEFAULT_SCORECARD: ScorecardConfig = {
  kpis: [
    { kpi: 'revenue', weight: 50, direction: 'higher', scoring: { method: 'attainment', cap: 1.2 } },
    { kpi: 'newCustomers', weight: 20, direction: 'higher', scoring: { method: 'percentile' } },
    { kpi: 'retentionRate', weight: 15, direction: 'higher', scoring: { method: 'percentile' } },
    { kpi: 'winRate', weight: 15, direction: 'higher', scoring: { method: 'percentile' } },
  ],
  bands: [
    { name: 'A', min: 90 },
    { name: 'B', min: 75 },
    { name: 'C', min: 60 },
    { name: 'D', min: 0 },
  ],
};
