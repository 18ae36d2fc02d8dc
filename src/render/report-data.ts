/** The report as plain data: the JSON document, CSV text. Pure. */
import { z } from 'zod';
import type { EngineResult, ResultRow } from '../engine/aggregate.js';
import { csvLine } from './csv-text.js';

export const reportSchema = z.object({
  meta: z.object({
    schemaVersion: z.literal(1),
    tool: z.literal('salesperf'),
    command: z.literal('report'),
    inputs: z.array(
      z.object({
        file: z.string(),
        sha256: z.string().nullable(),
        kind: z.enum(['csv', 'xlsx']),
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
  }),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  totals: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  issues: z.record(z.string(), z.number().int()),
});

export type ReportDoc = z.infer<typeof reportSchema>;

export function flatRow(r: ResultRow, dims: string[], kpis: string[], withDims: boolean): Record<string, string | number | null> {
  const o: Record<string, string | number | null> = { period: r.period };
  if (withDims) dims.forEach((d, i) => (o[d] = r.dims[i] ?? null));
  for (const k of kpis) o[k] = r.kpis[k] ?? null;
  return o;
}

export function reportJson(doc: ReportDoc): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

/** RFC 4180 CSV: one row per group × period, then totals rows with every dimension `(total)`. */
export function reportCsv(result: EngineResult, kpis: string[], rows: ResultRow[], totals: ResultRow[]): string {
  const dims = result.dimensions;
  let out = csvLine(['period', ...dims, ...kpis]);
  const line = (r: ResultRow, total: boolean) =>
    csvLine([r.period, ...dims.map((_, i) => (total ? '(total)' : (r.dims[i] ?? ''))), ...kpis.map((k) => csvNumber(r.kpis[k] ?? null))]);
  for (const r of rows) out += line(r, false);
  for (const r of totals) out += line(r, true);
  return out;
}

function csvNumber(v: number | null): string {
  return v === null ? '' : String(v);
}
