/**
 * The JSON document `salesperf report --format json` prints (schemaVersion 1), and the result
 * `report()` returns to a program (the same document plus notes and breaches as coded data):
 * one zod source of truth, the types by z.infer.
 */
import { z } from 'zod';
import type { ResultRow } from '../engine/aggregate.js';

export const reportSchema = z.object({
  meta: z.object({
    schemaVersion: z.literal(1),
    tool: z.literal('salesperf'),
    command: z.literal('report'),
    inputs: z.array(
      z.object({
        file: z.string(),
        sha256: z.string().nullable(),
        kind: z.enum(['csv', 'xlsx', 'parquet']),
        sheet: z.string().optional(),
        rowsRead: z.number().int(),
        accepted: z.number().int(),
        rejected: z.number().int(),
        excluded: z.number().int(),
        mapping: z.record(z.string(), z.string()),
      }),
    ),
    targets: z.object({ file: z.string(), sha256: z.string().nullable() }).nullable(),
    spend: z.object({ file: z.string(), sha256: z.string().nullable() }).nullable(),
    grain: z.enum(['month', 'week', 'quarter', 'year']),
    fiscalStart: z.number().int().min(1).max(12),
    dimensions: z.array(z.string()),
    periods: z.array(z.string()),
    asOf: z.string().nullable(),
    currency: z.string().nullable(),
    kpis: z.array(z.string()),
    configHash: z.string().nullable(),
    /** The engine that computed the numbers (`report --engine`); absent in documents written before it existed. */
    engine: z.enum(['js', 'duckdb', 'postgres']).optional(),
  }),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  totals: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  issues: z.record(z.string(), z.number().int()),
});

export type ReportDoc = z.infer<typeof reportSchema>;

/** A note, issue or breach as data: a stable code, its parameters, a severity, and the English text. */
export const codedSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  params: z.record(z.string(), z.unknown()),
  message: z.string(),
});
export type Coded = z.infer<typeof codedSchema>;

/** What `report()` returns: the JSON document (rows included), notes and threshold breaches, and the exit code the CLI would give. */
export const reportResultSchema = reportSchema.extend({
  notes: z.array(codedSchema),
  breaches: z.array(codedSchema),
  exitCode: z.union([z.literal(0), z.literal(1)]),
});
export type ReportResult = z.infer<typeof reportResultSchema>;

export function flatRow(r: ResultRow, dims: string[], kpis: string[], withDims: boolean): Record<string, string | number | null> {
  const o: Record<string, string | number | null> = { period: r.period };
  if (withDims) dims.forEach((d, i) => (o[d] = r.dims[i] ?? null));
  for (const k of kpis) o[k] = r.kpis[k] ?? null;
  return o;
}
