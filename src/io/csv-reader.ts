/**
 * Streaming CSV/TSV reader: encoding and delimiter detection on the first MiB,
 * then decode → split → batches. Two engines give identical rows: the built-in
 * splitter (default, fast) and csv-parse (`--csv-engine csv-parse`).
 */
import { msg, type Msg } from '../core/message-catalog.js';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import { inputError, usageError } from '../errors.js';
import { CsvLimitError, CsvSplitter } from './csv-split.js';
import { LIMITS } from './limits.js';
import { canonicalEncoding, detectEncoding, firstInvalidUtf8, type EncodingGuess } from './encoding.js';
import type { Cell, RowBatch, RowSource, SourceInfo } from './source.js';

export interface CsvOptions {
  delimiter?: string;
  encoding?: string;
  engine?: 'fast' | 'csv-parse';
  batchSize?: number;
  /** Sees every byte of the file in order (to hash it in the same pass). */
  onBytes?: (chunk: Uint8Array) => void;
  /** Bytes read so far, for progress. */
  onProgress?: (bytes: number) => void;
  /** Read these bytes (named `path` in messages) instead of opening `path` (the library's CSV streams). */
  stream?: Readable;
}

const SAMPLE_BYTES = 1 << 20;
const DELIMITERS = [',', ';', '\t', '|'];

export function parseDelimiterFlag(text: string): string {
  const t = text === '\\t' || text.toLowerCase() === 'tab' ? '\t' : text;
  if (t.length !== 1 || t === '"' || t === '\n' || t === '\r') {
    throw usageError('FLAG_DELIMITER', msg('FLAG_DELIMITER', { value: JSON.stringify(text) }));
  }
  return t;
}

/** Pick the delimiter whose field count is most consistent with the header's over the first records. */
export function sniffDelimiter(sample: string, file = 'input'): string {
  let best = ',';
  let bestScore = -1;
  let bestWidth = 0;
  for (const d of DELIMITERS) {
    const counts: number[] = [];
    const sp = new CsvSplitter(d, (f) => counts.push(f.length), 1, file);
    // only whole lines of the sample
    const cut = sample.lastIndexOf('\n');
    sp.push(cut > 0 ? sample.slice(0, cut + 1) : sample);
    sp.end();
    const rows = counts.slice(0, 200);
    if (rows.length === 0 || rows[0]! < 2) continue;
    const width = rows[0]!;
    const score = rows.filter((c) => c === width).length / rows.length;
    if (score > bestScore || (score === bestScore && width > bestWidth)) {
      best = d;
      bestScore = score;
      bestWidth = width;
    }
  }
  return best;
}

async function* chunksOf(stream: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of stream)
    yield Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from((chunk as Uint8Array).buffer, (chunk as Uint8Array).byteOffset, (chunk as Uint8Array).byteLength);
}

/** The input stream (stdin for `-`) and, for a file, its size; exit 3 for a missing file or a directory. */
async function openInput(path: string): Promise<{ stream: Readable; bytes: number | undefined }> {
  if (path === '-') return { stream: process.stdin, bytes: undefined };
  let bytes: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw inputError('INPUT_IS_DIRECTORY', msg('INPUT_IS_DIRECTORY', { file: path }));
    bytes = st.size;
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT')
      throw inputError('INPUT_NOT_FOUND', msg('INPUT_NOT_FOUND', { file: path }));
    throw e;
  }
  return { stream: createReadStream(path, { highWaterMark: 1 << 20 }), bytes };
}

/** The first chunks, up to SAMPLE_BYTES; `done` when they are the whole input. */
async function readHead(it: AsyncGenerator<Buffer>, path: string): Promise<{ head: Buffer[]; done: boolean }> {
  const head: Buffer[] = [];
  let headBytes = 0;
  try {
    while (headBytes < SAMPLE_BYTES) {
      const r = await it.next();
      if (r.done) return { head, done: true };
      head.push(r.value);
      headBytes += r.value.length;
    }
  } catch (e) {
    throw inputError('INPUT_UNREADABLE', msg('INPUT_UNREADABLE', { file: path, reason: (e as Error).message }));
  }
  return { head, done: false };
}

/** The encoding: forced by --encoding (exit 2 when unknown; a matching BOM is skipped) or detected (a note when it fell back). */
function chooseEncoding(sample: Buffer, done: boolean, options: CsvOptions, path: string, warnings: (string | Msg)[]): EncodingGuess {
  // A workbook saved or renamed with a .csv name: say so instead of printing its bytes as headers.
  if (sample.length >= 4 && sample.readUInt32LE(0) === 0x04034b50)
    throw inputError('CSV_IS_WORKBOOK', msg('CSV_IS_WORKBOOK', { file: path }), msg('CSV_IS_WORKBOOK_HINT'));
  if (sample.length >= 4 && sample.readUInt32BE(0) === 0xd0cf11e0)
    throw inputError('XLS_LEGACY', msg('XLS_LEGACY', { file: path }), msg('XLS_LEGACY_HINT'));
  // Parquet (salesperf export writes it): DuckDB reads it, the JS engine does not
  if (sample.length >= 4 && sample.subarray(0, 4).toString('latin1') === 'PAR1')
    throw inputError('CSV_IS_PARQUET', msg('CSV_IS_PARQUET', { file: path }), msg('CSV_IS_PARQUET_HINT'));
  if (options.encoding) {
    const enc = canonicalEncoding(options.encoding);
    if (!enc)
      throw usageError('FLAG_ENCODING', msg('FLAG_ENCODING', { value: JSON.stringify(options.encoding) }), msg('FLAG_ENCODING_HINT'));
    const bomGuess = detectEncoding(sample, done);
    return { encoding: enc, bom: bomGuess.reason === 'bom' && bomGuess.encoding === enc ? bomGuess.bom : 0, reason: 'forced' };
  }
  const guess = detectEncoding(sample, done);
  if (guess.reason === 'fallback') {
    warnings.push(msg('NOTE_NOT_UTF8', { file: path, offset: String(guess.badOffset) }));
  }
  return guess;
}

/** Open a CSV file (or `-` for stdin). Reads the first MiB to detect encoding and delimiter. */
export async function openCsv(path: string, options: CsvOptions = {}): Promise<RowSource> {
  const { stream, bytes } = options.stream ? { stream: options.stream, bytes: undefined } : await openInput(path);
  const it = chunksOf(stream);
  const { head, done } = await readHead(it, path);
  const sample = Buffer.concat(head);
  const warnings: (string | Msg)[] = [];
  const guess = chooseEncoding(sample, done, options, path, warnings);
  const decoderFor = () => new TextDecoder(guess.encoding, { fatal: true, ignoreBOM: true });
  const probe = decoderFor();
  let sampleText: string;
  try {
    sampleText = probe.decode(sample.subarray(guess.bom), { stream: !done });
  } catch {
    throw undecodable(path, guess, sample, 0);
  }
  const delimiter = options.delimiter ?? sniffDelimiter(sampleText, path);
  const info: SourceInfo = {
    file: path,
    kind: 'csv',
    encoding: guess.encoding,
    encodingReason: guess.reason,
    delimiter,
    typedNumbers: false,
    warnings,
    ...(bytes !== undefined ? { bytes } : {}),
  };
  const batchSize = options.batchSize ?? 4096;
  const engine = options.engine ?? 'fast';

  /** Decoded chunks; `noCr` when the bytes had no CR (the splitter's fast path then needs no scan). */
  async function* text(): AsyncGenerator<TextChunk> {
    const dec = decoderFor();
    let offset = 0;
    let first = true;
    const ascii =
      guess.encoding === 'utf-8' || guess.encoding === 'windows-1252' || guess.encoding === 'gbk' || guess.encoding === 'gb18030';
    const feed = (buf: Buffer, last: boolean): TextChunk => {
      options.onBytes?.(buf);
      options.onProgress?.(offset + buf.length);
      const body = first ? buf.subarray(guess.bom) : buf;
      try {
        return { text: dec.decode(body, { stream: !last }), noCr: ascii && body.indexOf(13) < 0 };
      } catch {
        throw undecodable(path, guess, buf, offset);
      } finally {
        offset += buf.length;
        first = false;
      }
    };
    if (head.length) yield feed(sample, done);
    if (done) return;
    let prev: Buffer | null = null;
    try {
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        if (prev) yield feed(prev, false);
        prev = r.value;
      }
    } catch (e) {
      if (e instanceof Error && e.name === 'SalesperfError') throw e;
      throw inputError('INPUT_UNREADABLE', msg('INPUT_READ_FAILED', { file: path, reason: (e as Error).message }));
    }
    yield feed(prev ?? Buffer.alloc(0), true);
  }

  return {
    info,
    close: () => stream.destroy(),
    batches:
      engine === 'fast' ? () => fastBatches(text(), delimiter, batchSize, path) : () => csvParseBatches(text(), delimiter, batchSize, path),
  };
}

export function undecodable(path: string, guess: EncodingGuess, buf: Uint8Array, base: number) {
  let at = '';
  if (guess.encoding === 'utf-8') {
    const bad = firstInvalidUtf8(buf, false);
    if (bad >= 0) at = ` (first bad byte at offset ${base + bad})`;
  } else at = ` (in the bytes from offset ${base})`;
  return inputError(
    'INPUT_UNDECODABLE',
    `${path}: not valid ${guess.encoding}${at}; the encoding was ${guess.reason === 'forced' ? 'set by --encoding' : 'detected from the first MiB'}`,
    "pass --encoding with the file's real encoding (e.g. gbk, gb18030, windows-1252, utf-16le)",
  );
}

interface TextChunk {
  text: string;
  noCr: boolean;
}

async function* fastBatches(text: AsyncIterable<TextChunk>, delimiter: string, batchSize: number, file: string): AsyncGenerator<RowBatch> {
  let batch: RowBatch = { rows: [], lines: [] };
  const out: RowBatch[] = [];
  const sp = new CsvSplitter(
    delimiter,
    (fields, line, malformed) => {
      if (malformed) (batch.malformed ??= []).push(batch.rows.length);
      if (malformed === 'unclosed') (batch.unclosed ??= []).push(batch.rows.length);
      batch.rows.push(fields);
      batch.lines.push(line);
      if (batch.rows.length >= batchSize) {
        out.push(batch);
        batch = { rows: [], lines: [] };
      }
    },
    1,
    file,
  );
  for await (const chunk of text) {
    sp.push(chunk.text, chunk.noCr);
    while (out.length) yield out.shift()!;
  }
  sp.end();
  while (out.length) yield out.shift()!;
  if (batch.rows.length) yield batch;
}

/** The same rows through csv-parse (array mode), with record start lines from its info. */
async function* csvParseBatches(
  text: AsyncIterable<TextChunk>,
  delimiter: string,
  batchSize: number,
  file: string,
): AsyncGenerator<RowBatch> {
  let parsedEnd = 0;
  const parser = csvParse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    bom: false,
    max_record_size: LIMITS.recordChars.value,
    // where the parser stands, not where the consumer does: an error can come before buffered records are read
    on_record: (record, context) => {
      parsedEnd = context.lines;
      return record;
    },
  });
  let batch: RowBatch = { rows: [], lines: [] };
  const feeding = (async () => {
    for await (const chunk of text) if (!parser.write(chunk.text)) await new Promise((r) => parser.once('drain', r));
    parser.end();
  })();
  feeding.catch((e) => parser.destroy(e as Error));
  let lastEnd = 0;
  let drift = 0;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number; raw?: string } }>) {
      const { record, info } = rec;
      // csv-parse reports the line where the record ends, and counts a CRLF inside
      // quotes as two lines; an editor counts it as one. Undo both.
      let crlf = 0;
      let other = 0;
      // the same limits as the fast splitter, named the same way (csv-parse only bounds the record)
      if (record.length > LIMITS.columnsPerRow.value) throw new CsvLimitError({ limit: 'columnsPerRow', file, line: lastEnd + 1 });
      for (let c = 0; c < record.length; c++) {
        if (record[c]!.length > LIMITS.fieldChars.value)
          throw new CsvLimitError({ limit: 'fieldChars', file, line: lastEnd + 1, field: c + 1 });
      }
      for (const f of record)
        for (let k = 0; k < f.length; k++) {
          const c = f.charCodeAt(k);
          if (c === 13 && f.charCodeAt(k + 1) === 10) {
            crlf++;
            k++;
          } else if (c === 10 || c === 13) other++;
        }
      drift += crlf;
      const line = info.lines - drift - crlf - other;
      lastEnd = info.lines;
      if (record.length === 1 && record[0] === '') continue;
      batch.rows.push(record as Cell[]);
      batch.lines.push(line);
      if (batch.rows.length >= batchSize) {
        yield batch;
        batch = { rows: [], lines: [] };
      }
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'SalesperfError') throw e;
    // csv-parse's own bound on a record is our record-chars limit: INPUT_LIMIT, as with the fast splitter
    if ((e as { code?: unknown }).code === 'CSV_MAX_RECORD_SIZE')
      throw new CsvLimitError({ limit: 'recordChars', file, line: Math.max(lastEnd, parsedEnd) + 1 });
    throw inputError(
      'CSV_MALFORMED',
      msg('CSV_PARSE_FAILED', { line: Math.max(lastEnd, parsedEnd) + 1, reason: (e as Error).message }),
      msg('CSV_PARSE_FAILED_HINT'),
    );
  }
  await feeding;
  if (batch.rows.length) yield batch;
}
