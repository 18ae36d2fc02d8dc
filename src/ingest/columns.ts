/**
 * What a parsing worker and the main thread pass each other: the worker's
 * input, and its batches of rows as typed columns (moved between threads, and
 * moved back for reuse), its end and its errors.
 */
import type { Msg } from '../core/message-catalog.js';
import type { CsvLimitAt } from '../io/csv-split.js';
import type { EncodingGuess } from '../io/encoding.js';
import type { Issue } from './issues.js';
import type { BuilderPlan } from './record.js';

export interface WorkerInput {
  path: string;
  /** A CSV is read in byte ranges; a workbook's sheet by one worker. */
  kind: 'csv' | 'xlsx';
  /** The sheet the main thread chose (XLSX). */
  sheet?: string;
  /** Byte offsets where ranges start, ascending; this worker reads from `starts[index]`. */
  starts: number[];
  index: number;
  /** File size: the end of the last range. */
  size: number;
  delimiter: string;
  /** How UTF-8 was chosen, for the message about bytes that are not UTF-8. */
  encodingReason: EncodingGuess['reason'];
  /** Rows on lines up to this one (the header and above) are skipped; 0 for ranges after the first. */
  skipThrough: number;
  plan: BuilderPlan;
  batchSize: number;
  /** Batches this worker may send before the main thread has taken them (bounds memory). */
  ahead: number;
  /** Send the cells of rejected rows (for --rejects). */
  wantRejects: boolean;
}

/** A batch of rows, column by column. Lines are local to the range (1 = its first line). */
export interface ColumnBatch {
  t: 'batch';
  n: number;
  line: Float64Array;
  hash: Float64Array;
  /** 0 accepted, 1 excluded (on purpose), 2 rejected, 3 accepted (an open deal without a close date). */
  outcome: Uint8Array;
  date: Float64Array;
  /** NaN for none. */
  created: Float64Array;
  units: Float64Array;
  scale: Uint8Array;
  status: Uint8Array;
  qUnits: Float64Array;
  /** -1 for no quantity. */
  qScale: Int8Array;
  /** Profit (mapped, or amount − cost) units; -1 scale for none. */
  pUnits: Float64Array;
  pScale: Int8Array;
  /** Amounts, quantities and profits too large for a double, by row. */
  bigUnits: [number, bigint][];
  bigQty: [number, bigint][];
  bigProfit: [number, bigint][];
  /** Per text field (TEXT_FIELDS order), then per extra column: dictionary ids, -1 for none. */
  text: Int32Array[];
  /** `StringHash` h1, h2, h3 of the customer and the deal id: three arrays per HASHED field, so the main thread does not hash them again. */
  hashes: Int32Array[];
  /** New dictionary entries per column since the last batch; `reset` first clears that column's dictionary. */
  dict: { col: number; reset: boolean; strings: string[] }[];
  issues: [number, Issue][];
  /** Cells of rejected rows; a date cell arrives as a plain `{ days }`. */
  rejects: [number, (string | { days: number })[]][];
  /** Bytes of the range read so far. */
  bytes: number;
}

export interface WorkerEnd {
  t: 'end';
  /** Index of the range start where this worker stopped (starts.length = end of file). */
  stoppedAt: number;
  /** The local line the next record would start on. */
  nextLine: number;
}

export interface WorkerError {
  t: 'error';
  code: string;
  message: string | Msg;
  hint?: string | Msg;
  exitCode: 1 | 2 | 3;
  /** A record beyond a reader limit, its line counted from the worker's range start. */
  csvLimit?: CsvLimitAt;
}

/** Text fields whose values the main thread turns into run-wide ids. */
export const HASHED = ['customer', 'dealId'] as const;

/** Every typed array of a batch, in one fixed order. */
export function typedArrays(b: ColumnBatch): (Float64Array | Int32Array | Int8Array | Uint8Array)[] {
  return [
    b.line,
    b.hash,
    b.outcome,
    b.date,
    b.created,
    b.units,
    b.scale,
    b.status,
    b.qUnits,
    b.qScale,
    b.pUnits,
    b.pScale,
    ...b.text,
    ...b.hashes,
  ];
}

/** The buffers of a batch's typed arrays (to move them to the other thread). */
export function transferables(b: ColumnBatch): ArrayBuffer[] {
  return typedArrays(b).map((a) => a.buffer as ArrayBuffer);
}
