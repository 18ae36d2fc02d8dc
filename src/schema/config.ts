/**
 * salesperf.config.json: the same settings as the ingest flags, validated with
 * zod. Problems name the path of the bad key (e.g. `map.amount`).
 */
import { z } from 'zod';
import { FIELDS } from '../ingest/mapping.js';
import { scorecardSchema } from './scorecard.js';

const fieldMap = z.partialRecord(z.enum(FIELDS), z.string().min(1)).describe('field → header');
const words = z.array(z.string().min(1));

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    map: fieldMap.optional(),
    statuses: z
      .object({ won: words.optional(), lost: words.optional(), open: words.optional(), refund: words.optional() })
      .strict()
      .optional(),
    dateFormat: z
      .string()
      .regex(/^(dmy|mdy|ymd|[DMY]+[-/.][DMY]+[-/.][DMY]+)$/i, 'expected dmy, mdy, ymd or a pattern like DD/MM/YYYY')
      .optional(),
    decimal: z.enum(['.', ',']).optional(),
    headerRow: z.number().int().positive().optional(),
    sheet: z.union([z.string().min(1), z.number().int().positive()]).optional(),
    encoding: z.string().min(1).optional(),
    delimiter: z.string().length(1).optional(),
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
      .optional(),
    strict: z.boolean().optional(),
    maxFutureYears: z.number().int().min(0).max(100).optional(),
    maxPastYears: z.number().int().min(0).max(1000).optional(),
    scorecard: scorecardSchema.optional(),
    /** P(win) per open stage for the weighted pipeline of `insights` (`--stage-probabilities` wins). */
    stageProbabilities: z.record(z.string().min(1), z.number().min(0).max(1)).optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
