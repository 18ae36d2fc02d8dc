/**
 * Incentive plan files (JSON, zod-validated). Rates are fractions (0.05 = 5%),
 * attainment thresholds are fractions of target (1.0 = 100%), money in major units.
 */
import { z } from 'zod';
import { KPI_IDS } from '../engine/kpis.js';

/*
 * Bounds, so a typo cannot print Infinity or float noise: rates 0–10 (0–1000%),
 * money 0–1,000,000,000,000 with at most 2 decimals, attainment 0–100 (10,000%),
 * KPI floors within ±1e12, at most 100 tiers and 1,000 bonuses.
 */
export const MAX_PLAN_MONEY = 1e12;
export const MAX_TIERS = 100;
const rate = z.number().min(0).max(10);
const money = z
  .number()
  .nonnegative()
  .max(MAX_PLAN_MONEY)
  .refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, { message: 'expected money with at most 2 decimals' });
const attainment = z.number().min(0).max(100);
const floor = z.number().min(-MAX_PLAN_MONEY).max(MAX_PLAN_MONEY);

export const tierSchema = z.object({ from: attainment, rate }).strict();

export const planSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1),
    /** Commission on all credited revenue (or margin). */
    base: z
      .object({ rate, on: z.enum(['revenue', 'margin']).default('revenue') })
      .strict()
      .optional(),
    /** Rates by attainment band; marginal = each slice at its own rate, retroactive = the reached tier's rate on everything. */
    tiers: z
      .object({ mode: z.enum(['marginal', 'retroactive']), tiers: z.array(tierSchema).min(1).max(MAX_TIERS) })
      .strict()
      .superRefine((t, ctx) => {
        if (t.tiers[0]!.from !== 0) ctx.addIssue({ code: 'custom', path: ['tiers', 0, 'from'], message: 'the first tier must start at 0' });
        for (let i = 1; i < t.tiers.length; i++) {
          if (t.tiers[i]!.from <= t.tiers[i - 1]!.from)
            ctx.addIssue({ code: 'custom', path: ['tiers', i, 'from'], message: 'tiers must be in increasing order of "from"' });
        }
      })
      .optional(),
    /** No variable pay below this attainment, or unless a KPI reaches a floor. */
    gate: z
      .object({
        minAttainment: attainment.optional(),
        kpi: z
          .object({ id: z.enum(KPI_IDS as [string, ...string[]]), min: floor })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    caps: z
      .object({ perDeal: money.optional(), perPeriod: money.optional(), maxAttainment: attainment.positive().optional() })
      .strict()
      .optional(),
    bonuses: z
      .array(
        z.discriminatedUnion('type', [
          z.object({ type: z.literal('newCustomer'), amount: money, label: z.string().optional() }).strict(),
          z
            .object({
              type: z.literal('product'),
              product: z.string().min(1),
              amount: money.optional(),
              rate: rate.optional(),
              label: z.string().optional(),
            })
            .strict()
            .refine((b) => (b.amount === undefined) !== (b.rate === undefined), {
              message: 'give either amount (per deal) or rate (on the product revenue)',
            }),
          z
            .object({
              type: z.literal('spiff'),
              kpi: z.enum(KPI_IDS as [string, ...string[]]),
              min: floor,
              amount: money,
              label: z.string().optional(),
            })
            .strict(),
        ]),
      )
      .max(1000)
      .default([]),
    /** Refunds in a later period claw back the commission paid on them (default true). */
    clawback: z.boolean().default(true),
  })
  .strict()
  .refine((p) => p.base !== undefined || p.tiers !== undefined || p.bonuses.length > 0, { message: 'a plan needs base, tiers or bonuses' });

export type Plan = z.infer<typeof planSchema>;
