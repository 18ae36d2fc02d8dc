/**
 * Inputs that are not files, for the library (docs/api.md): records in memory — an iterable or
 * async iterable of plain objects keyed by column name — read as the rows of a CSV whose header is
 * their keys, and a stream of CSV bytes read as a file is. Both are read lazily, a batch at a
 * time, once: nothing is collected first. They then go through the same mapping, inference,
 * validation and issues as a file, under the name they are given (`<records>`, `<csv>`).
 */
import { Readable } from 'node:stream';
import { ReadableStream as WebReadableStream } from 'node:stream/web';
import { msg } from '../core/message-catalog.js';
import { usageError } from '../errors.js';
import { openCsv } from '../io/csv-reader.js';
import { type Cell, DateCell, type RowBatch, type RowSource } from '../io/source.js';
import type { IngestOptions, SourceOpener } from './read.js';

/** Records in memory: plain objects keyed by column name; `columns` is the header (default: the first record's keys). */
export interface RecordsInput {
  records: Iterable<object> | AsyncIterable<object>;
  columns?: string[];
  /** The name in messages and in the report's inputs (default `<records>`). */
  name?: string;
}

/** CSV (or TSV…) bytes: a Node Readable, a web ReadableStream or any async iterable of bytes. */
export interface CsvStreamInput {
  csv: Readable | WebReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;
  /** The name in messages and in the report's inputs (default `<csv>`). */
  name?: string;
}

export type MemoryInput = RecordsInput | CsvStreamInput;

const BATCH = 4096;
const MS_PER_DAY = 86_400_000;

/** One value of a record as a cell: text as it is, a number, bigint or boolean as its text, a Date as its UTC day (and time), null or undefined as an empty cell. */
function cellOf(v: unknown, name: string, record: number, key: string): Cell {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : new DateCell(v.getTime() / MS_PER_DAY);
  throw usageError(
    'RECORDS_VALUE',
    msg('RECORDS_VALUE', { file: name, record, key: JSON.stringify(key), type: Array.isArray(v) ? 'array' : typeof v }),
  );
}

/** A record must be a plain object (not null, an array or a primitive). */
function asObject(rec: unknown, name: string, record: number): Record<string, unknown> {
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec))
    throw usageError(
      'RECORDS_NOT_OBJECT',
      msg('RECORDS_NOT_OBJECT', { file: name, record, type: rec === null ? 'null' : Array.isArray(rec) ? 'array' : typeof rec }),
    );
  return rec as Record<string, unknown>;
}

/** A record's cells in header order; a key the header does not have stops the run (its value would be lost without a word). */
function cellsOf(value: unknown, header: string[], index: Map<string, number>, name: string, record: number): Cell[] {
  const rec = asObject(value, name, record);
  const cells: Cell[] = new Array<Cell>(header.length).fill('');
  for (const key of Object.keys(rec)) {
    const i = index.get(key);
    if (i === undefined)
      throw usageError(
        'RECORDS_KEY_UNKNOWN',
        msg('RECORDS_KEY_UNKNOWN', {
          file: name,
          record,
          key: JSON.stringify(key),
          header: header.map((h) => JSON.stringify(h)).join(', '),
        }),
        msg('RECORDS_KEY_UNKNOWN_HINT'),
      );
    cells[i] = cellOf(rec[key], name, record, key);
  }
  return cells;
}

/**
 * Records as a row source: the header (row 0) is `columns` or the first record's keys; record n
 * (from 1) is row n, so messages name the record as a person counts it.
 */
export function recordsSource(input: RecordsInput, name: string, batchSize = BATCH): RowSource {
  const src = input.records;
  const it: Iterator<object> | AsyncIterator<object> =
    Symbol.asyncIterator in src ? (src as AsyncIterable<object>)[Symbol.asyncIterator]() : (src as Iterable<object>)[Symbol.iterator]();
  async function* batches(): AsyncGenerator<RowBatch> {
    let header: string[] | null = input.columns ? [...input.columns] : null;
    let index = new Map(header?.map((h, i) => [h, i]));
    let batch: RowBatch = { rows: header ? [header] : [], lines: header ? [0] : [] };
    for (let n = 1; ; n++) {
      const r = await it.next();
      if (r.done) break;
      if (header === null) {
        header = Object.keys(asObject(r.value, name, n));
        index = new Map(header.map((h, i) => [h, i]));
        batch.rows.push(header);
        batch.lines.push(0);
      }
      batch.rows.push(cellsOf(r.value, header, index, name, n));
      batch.lines.push(n);
      if (batch.rows.length >= batchSize) {
        yield batch;
        batch = { rows: [], lines: [] };
      }
    }
    if (batch.rows.length) yield batch;
  }
  return {
    info: { file: name, kind: 'csv', typedNumbers: false, warnings: [], fixedHeader: true },
    batches,
    close: () => void it.return?.(),
  };
}

/** A byte stream as Node chunks: web streams and other async iterables turned into a Readable. */
function readableOf(csv: CsvStreamInput['csv']): Readable {
  if (csv instanceof Readable) return csv;
  if (csv instanceof WebReadableStream) return Readable.fromWeb(csv);
  return Readable.from(csv, { objectMode: false });
}

/** Whether an input is records in memory or a byte stream (not a path). */
export function isMemoryInput(x: unknown): x is MemoryInput {
  return typeof x === 'object' && x !== null && ('records' in x || 'csv' in x);
}

/**
 * The names memory inputs go by, and how each is opened (once): `<records>` / `<csv>` unless
 * named, numbered when a name is taken (`<records 2>`).
 */
export function memorySources(inputs: readonly (string | MemoryInput)[]): { names: string[]; sources: Map<string, SourceOpener> } {
  const names: string[] = [];
  const sources = new Map<string, SourceOpener>();
  const taken = new Set(inputs.filter((x): x is string => typeof x === 'string'));
  for (const [i, x] of inputs.entries()) {
    if (!isMemoryInput(x) && typeof x !== 'string')
      throw usageError(
        'INPUT_KIND',
        msg('INPUT_KIND', {
          index: i,
          records: '{ records }',
          csv: '{ csv }',
          type: x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x,
        }),
      );
    if (typeof x === 'string') {
      names.push(x);
      continue;
    }
    const base = x.name ?? ('records' in x ? '<records>' : '<csv>');
    let name = base;
    for (let k = 2; taken.has(name); k++) name = base.endsWith('>') ? `${base.slice(0, -1)} ${k}>` : `${base} (${k})`;
    taken.add(name);
    names.push(name);
    let opened = false;
    sources.set(name, async (o: IngestOptions, extra) => {
      if (opened) throw new Error(`${name} was opened twice: an in-memory input can be read once`);
      opened = true;
      if ('records' in x) return recordsSource(x, name);
      return openCsv(name, {
        ...extra,
        stream: readableOf(x.csv),
        ...(o.delimiter !== undefined ? { delimiter: o.delimiter } : {}),
        ...(o.encoding !== undefined ? { encoding: o.encoding } : {}),
        ...(o.csvEngine !== undefined ? { engine: o.csvEngine } : {}),
      });
    });
  }
  return { names, sources };
}
