/** What every reader yields: batches of cells with the row numbers a person sees. */

import type { Msg } from '../core/message-catalog.js';

/** A date-formatted spreadsheet cell, as a (fractional) day number since 1970-01-01. */
export class DateCell {
  constructor(readonly days: number) {}
}

/** A cell: text (CSV, or a spreadsheet's text/number rendered as Excel shows it) or a date cell. */
export type Cell = string | DateCell;

export interface RowBatch {
  rows: Cell[][];
  /** Row number per row: the line (CSV) or sheet row (XLSX) where it starts. */
  lines: number[];
  /** Rows the reader could not split cleanly (CSV quote errors), by index into rows. */
  malformed?: number[];
  /** Of those, the rows with a quote that is never closed (read as a literal character). */
  unclosed?: number[];
}

export interface SourceInfo {
  /** The path as given (or `-` for stdin). */
  file: string;
  kind: 'csv' | 'xlsx';
  sheet?: string;
  /** Every sheet of the workbook, in order, when the sheet was chosen without --sheet. */
  sheets?: string[];
  encoding?: string;
  encodingReason?: string;
  delimiter?: string;
  /** Spreadsheet numbers are typed: their text always uses `.` as decimal point. */
  typedNumbers: boolean;
  date1904?: boolean;
  /** Warnings about the file as a whole (encoding fallback, skipped sheets…). */
  /** Notes about how the file was read (catalogue messages, or plain English text). */
  warnings: (string | Msg)[];
  /** Total bytes, when known (for progress). */
  bytes?: number;
  /** The first row is the header, not to be detected (records in memory: their keys). */
  fixedHeader?: boolean;
}

export interface RowSource {
  info: SourceInfo;
  batches(): AsyncIterable<RowBatch>;
  /** Stop reading early and release the file. */
  close?(): void;
}
