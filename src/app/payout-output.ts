/**
 * The JSON document `salesperf payout --format json` prints (schemaVersion 1), and the result
 * `payout()` returns to a program (the same document plus notes, issue counts and the exit code
 * the CLI would give): one zod source of truth, the types by z.infer. Money is a number rounded to
 * the cent; a statement's total is the sum of its lines.
 */
import { z } from 'zod';
import { codedSchema } from './report-output.js';

/** One component of a statement, rounded to the cent. */
export const payLineSchema = z.object({
  component: z.enum(['base', 'tier', 'bonus', 'clawback', 'gate', 'cap']),
  label: z.string(),
  /** What the rate applies to (money), when there is one. */
  basis: z.number().nullable(),
  rate: z.number().nullable(),
  count: z.number().nullable(),
  amount: z.number(),
});

/** A statement note: its stable code (a catalogue id) and parameters, and the text in the run's language. */
export const payNoteSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  text: z.string(),
});
export type DocNote = z.infer<typeof payNoteSchema>;

export const statementSchema = z.object({
  rep: z.string(),
  period: z.string(),
  credited: z.number(),
  target: z.number().nullable(),
  attainment: z.number().nullable(),
  tier: z.string().nullable(),
  total: z.number(),
  notes: z.array(payNoteSchema),
  lines: z.array(payLineSchema),
});

/** Per rep, the plan's total (a), the compared plan's (b) and b − a. */
export const comparisonRowSchema = z.object({ rep: z.string(), a: z.number(), b: z.number(), delta: z.number() });
export type ComparisonRow = z.infer<typeof comparisonRowSchema>;

export const payoutSchema = z.object({
  meta: z.object({
    schemaVersion: z.literal(1),
    tool: z.literal('salesperf'),
    command: z.literal('payout'),
    plan: z.string(),
    compare: z.string().nullable(),
    grain: z.enum(['month', 'week', 'quarter', 'year']),
  }),
  statements: z.array(statementSchema),
  totals: z.object({ plan: z.number(), compare: z.number().nullable() }),
  comparison: z.array(comparisonRowSchema).nullable(),
});

export type PayoutDoc = z.infer<typeof payoutSchema>;

/** What `payout()` returns: the JSON document, notes as coded data, issue counts by code and the CLI's exit code (0 or 1). */
export const payoutResultSchema = payoutSchema.extend({
  notes: z.array(codedSchema),
  issues: z.record(z.string(), z.number().int()),
  exitCode: z.union([z.literal(0), z.literal(1)]),
});
export type PayoutApiResult = z.infer<typeof payoutResultSchema>;
