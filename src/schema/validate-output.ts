/** The JSON document `salesperf validate --format json` prints (schemaVersion 1). */
import { z } from 'zod';

const issue = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  file: z.string(),
  sheet: z.string().optional(),
  row: z.number().int(),
  column: z.string().optional(),
  value: z.string().optional(),
});

/** A file that could not be validated at all: unreadable (exit 3) or not a sales export (exit 2). */
export const unreadableSchema = z.object({
  file: z.string(),
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  exitCode: z.union([z.literal(1), z.literal(2), z.literal(3)]),
});
export type Unreadable = z.infer<typeof unreadableSchema>;

export const validateOutputSchema = z.object({
  schemaVersion: z.literal(1),
  command: z.literal('validate'),
  files: z.array(
    z.object({
      file: z.string(),
      kind: z.enum(['csv', 'xlsx']),
      sheet: z.string().optional(),
      encoding: z.string().optional(),
      encodingReason: z.string().optional(),
      delimiter: z.string().optional(),
      headerRow: z.number().int(),
      headers: z.array(z.string()),
      mapping: z.record(z.string(), z.string()),
      mappedBy: z.record(z.string(), z.enum(['auto', 'map'])),
      dimensions: z.array(z.string()),
      formats: z.object({ date: z.string().optional(), createdDate: z.string().optional(), decimal: z.enum(['.', ',']) }),
      rowsRead: z.number().int(),
      accepted: z.number().int(),
      rejected: z.number().int(),
      excluded: z.number().int(),
      statusCounts: z.record(z.string(), z.number().int()),
      warnings: z.array(z.string()),
    }),
  ),
  issues: z.array(
    z.object({
      code: z.string(),
      severity: z.enum(['error', 'warning', 'info']),
      count: z.number().int(),
      meaning: z.string(),
      examples: z.array(issue),
    }),
  ),
  unknownStatuses: z.array(z.object({ value: z.string(), count: z.number().int() })),
  summary: z.object({
    files: z.number().int(),
    rowsRead: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    excluded: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
    infos: z.number().int(),
  }),
  /** Present when some of several files could not be validated; exitCode is then the worst of them. */
  unreadable: z.array(unreadableSchema).optional(),
  exitCode: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
});

export type ValidateOutput = z.infer<typeof validateOutputSchema>;
