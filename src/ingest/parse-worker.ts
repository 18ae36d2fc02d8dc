/**
 * A parsing worker for one byte range of a UTF-8 CSV: decode → split → build
 * → row hash, the per-row work that needs no state shared with other rows.
 * Rows go back to the main thread in columnar batches (typed arrays, moved
 * not copied; text as ids into per-column dictionaries sent once), where the
 * cross-row checks and the aggregation run in file order.
 *
 * A range starts just after a line feed that the main thread guessed is a
 * record boundary. The worker before it checks the guess: when its text up to
 * that byte leaves a record open (the line feed was inside a quoted field), it
 * reads on through the next range and says so, and that range's rows are
 * dropped. So rows are the same as one sequential pass, whatever the cut.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { STATUS_CODE } from '../core/status.js';
import { StringHash } from '../core/string-index.js';
import { SalesperfError } from '../errors.js';
import { undecodable } from '../io/csv-reader.js';
import { CsvLimitError, CsvSplitter, type Malformed } from '../io/csv-split.js';
import type { Cell } from '../io/source.js';
import { openXlsx } from '../io/xlsx-reader.js';
import { rowHash } from './checks.js';
import { type ColumnBatch, HASHED, transferables, typedArrays, type WorkerEnd, type WorkerError, type WorkerInput } from './columns.js';
import type { Issue } from './issues.js';
import { buildRow, compileBuilder, isBlankRow, TEXT_FIELDS } from './record.js';

/** Distinct values after which a column is sent row by row instead of through a dictionary. */
const DICT_LIMIT = 2048;

type PortMessage = { t: 'ack' } | { t: 'back'; batch: ColumnBatch } | { t: 'stop' };

/** Flow control: at most `ahead` batches sent and not yet taken by the main thread; the pool of batches handed back; the stop request. */
function flowControl(port: NonNullable<typeof parentPort>, ahead: number, cap: number) {
  const flow = {
    inflight: 0,
    // the main thread hands each batch's arrays back when done with them, so they are reused rather than left to the collector
    pool: [] as ColumnBatch[],
    // asked to stop (the main thread is done, or dropped this range): leave the loops and let the thread end by itself
    stopped: false,
    room: async () => {},
    hangUp: () => {},
  };
  let acked: (() => void) | null = null;
  const listen = (m: PortMessage) => {
    if (m.t === 'ack') {
      flow.inflight--;
      acked?.();
    } else if (m.t === 'back') {
      if (m.batch.line.length === cap) flow.pool.push(m.batch);
    } else {
      flow.stopped = true;
      hangUp();
      acked?.();
    }
  };
  const hangUp = () => {
    port.off('message', listen);
    port.unref();
  };
  port.on('message', listen);
  // the port keeps the thread alive only while it waits for the main thread: a reader that stalls
  // (nothing pending) then lets the thread end without its end message, which the main thread reports
  port.unref();
  flow.room = async () => {
    if (flow.inflight < ahead || flow.stopped) return;
    port.ref();
    while (flow.inflight >= ahead && !flow.stopped) await new Promise<void>((r) => (acked = r));
    acked = null;
    if (!flow.stopped) port.unref();
  };
  flow.hangUp = hangUp;
  return flow;
}
type Flow = ReturnType<typeof flowControl>;

/** Text cells as ids into per-column dictionaries; a column with many distinct values (deal and customer ids) is sent as it is, row by row. */
function textIds(nText: number) {
  const dicts = Array.from({ length: nText }, () => new Map<string, number>());
  const fresh: string[][] = Array.from({ length: nText }, () => []);
  const resets = new Array<boolean>(nText).fill(false);
  const direct = new Array<boolean>(nText).fill(false);
  const id = (c: number, s: string | null): number => {
    if (s === null) return -1;
    if (direct[c]) {
      const f = fresh[c]!;
      f.push(s);
      return f.length - 1;
    }
    const d = dicts[c]!;
    let v = d.get(s);
    if (v === undefined) {
      v = d.size;
      d.set(s, v);
      fresh[c]!.push(s);
    }
    return v;
  };
  const nothingFresh = () => fresh.every((f) => f.length === 0);
  /** The strings new since the last batch go out with it. */
  const takeFresh = (out: ColumnBatch) => {
    for (let c = 0; c < nText; c++) {
      if (fresh[c]!.length || resets[c]) out.dict.push({ col: c, reset: resets[c]!, strings: fresh[c]! });
      fresh[c] = [];
      resets[c] = false;
    }
  };
  /** After a batch is sent: a dictionary grown too big switches its column to direct. */
  const afterSend = () => {
    for (let c = 0; c < nText; c++) {
      if (direct[c] || dicts[c]!.size >= DICT_LIMIT) {
        direct[c] = true;
        dicts[c]!.clear();
        resets[c] = true;
      }
    }
  };
  return { id, nothingFresh, takeFresh, afterSend };
}

/** The next batch to fill: one handed back, or a new one, emptied. */
function nextBatch(pool: ColumnBatch[], cap: number, nText: number): ColumnBatch {
  const b = pool.pop() ?? newBatch(cap, nText);
  b.n = 0;
  b.bigUnits = [];
  b.bigQty = [];
  b.bigProfit = [];
  b.dict = [];
  b.issues = [];
  b.rejects = [];
  return b;
}

/** The per-row work into the current batch (one closure: no extra call per row), and the batch flush. */
function rowSink(input: WorkerInput, port: NonNullable<typeof parentPort>, flow: Flow) {
  const { plan, index } = input;
  const nText = TEXT_FIELDS.length + plan.extras.length;
  const textCols = TEXT_FIELDS.map((f) => (f === 'stage' ? plan.columns.status : plan.columns[f]));
  let rowIssues: Issue[] = [];
  const build = compileBuilder(plan, (i) => rowIssues.push(i));
  const hasher = new StringHash();
  const { id, nothingFresh, takeFresh, afterSend } = textIds(nText);
  const cap = input.batchSize;
  let b = newBatch(cap, nText);
  const bytes = { n: 0 };
  const flush = () => {
    if (b.n === 0 && nothingFresh()) return;
    const out = trim(b);
    takeFresh(out);
    out.bytes = bytes.n;
    port.postMessage(out, transferables(out));
    flow.inflight++;
    afterSend();
    b = nextBatch(flow.pool, cap, nText);
  };

  const onRow = (cells: Cell[], line: number, malformed: Malformed) => {
    if ((index === 0 && line <= input.skipThrough) || isBlankRow(cells)) return;
    rowIssues = [];
    const r = buildRow(build, cells, line, malformed, plan.file, rowIssues);
    const i = b.n++;
    b.line[i] = line;
    b.hash[i] = rowHash(cells);
    const rec = r.record;
    if (rec) {
      // 3: accepted, an open deal without a close date
      b.outcome[i] = rec.undatedClose ? 3 : 0;
      b.date[i] = rec.date;
      b.created[i] = rec.createdDate ?? NaN;
      if (typeof rec.units === 'bigint') {
        b.bigUnits.push([i, rec.units]);
        b.units[i] = 0;
      } else b.units[i] = rec.units;
      b.scale[i] = rec.scale;
      b.status[i] = STATUS_CODE[rec.status];
      if (rec.quantity) {
        if (typeof rec.quantity.units === 'bigint') {
          b.bigQty.push([i, rec.quantity.units]);
          b.qUnits[i] = 0;
        } else b.qUnits[i] = rec.quantity.units;
        b.qScale[i] = rec.quantity.scale;
      } else b.qScale[i] = -1;
      if (rec.profit) {
        if (typeof rec.profit.units === 'bigint') {
          b.bigProfit.push([i, rec.profit.units]);
          b.pUnits[i] = 0;
        } else b.pUnits[i] = rec.profit.units;
        b.pScale[i] = rec.profit.scale;
      } else b.pScale[i] = -1;
      for (let c = 0; c < TEXT_FIELDS.length; c++) b.text[c]![i] = textCols[c] === undefined ? -1 : id(c, rec[TEXT_FIELDS[c]!] ?? null);
      for (let h = 0; h < HASHED.length; h++) {
        const v = rec[HASHED[h]!];
        if (v !== null) {
          hasher.of(v);
          b.hashes[3 * h]![i] = hasher.h1;
          b.hashes[3 * h + 1]![i] = hasher.h2;
          b.hashes[3 * h + 2]![i] = hasher.h3;
        }
      }
      for (let e = 0; e < plan.extras.length; e++)
        b.text[TEXT_FIELDS.length + e]![i] = id(TEXT_FIELDS.length + e, rec.extra[plan.extras[e]![1]] ?? '');
    } else {
      b.outcome[i] = r.excluded ? 1 : 2;
      if (!r.excluded && input.wantRejects) b.rejects.push([i, cells]);
    }
    for (const x of rowIssues) b.issues.push([i, x]);
    if (b.n >= cap) flush();
  };
  return { onRow, flush, bytes };
}
type Sink = ReturnType<typeof rowSink>;

/** A workbook is one range: its sheet is one deflate stream. Null when asked to stop. */
async function readXlsx(input: WorkerInput, sink: Sink, flow: Flow): Promise<WorkerEnd | null> {
  const { plan, starts } = input;
  const src = await openXlsx(input.path, { sheet: input.sheet!, batchSize: 4096 });
  const width = plan.headers.length;
  for await (const batch of src.batches()) {
    for (let k = 0; k < batch.rows.length; k++) {
      const cells = batch.rows[k]!;
      while (cells.length < width) cells.push(''); // a sheet does not store trailing empty cells
      sink.onRow(cells, batch.lines[k]!, false);
    }
    await flow.room();
    if (flow.stopped) return null;
  }
  sink.flush();
  return { t: 'end', stoppedAt: starts.length, nextLine: 1 };
}

/** This CSV range, and on through the next ones while a record is left open. Null when asked to stop. */
async function readCsvRanges(input: WorkerInput, sink: Sink, flow: Flow): Promise<WorkerEnd | null> {
  const { starts, index } = input;
  const split = new CsvSplitter(input.delimiter, sink.onRow, 1, input.path);
  // the first range strips a byte-order mark; later ones start mid-file
  const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: index !== 0 });
  let stop = index + 1;
  for (;;) {
    const from = starts[stop - 1]!;
    const to = stop < starts.length ? starts[stop]! : input.size;
    const last = stop >= starts.length;
    if (to > from) {
      const stream = createReadStream(input.path, { start: from, end: to - 1, highWaterMark: 1 << 20 });
      let offset = from;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        let text: string;
        try {
          text = dec.decode(chunk, { stream: true });
        } catch {
          throw undecodable(input.path, { encoding: 'utf-8', bom: 0, reason: input.encodingReason }, chunk, offset);
        }
        offset += chunk.length;
        sink.bytes.n += chunk.length;
        split.push(text, chunk.indexOf(13) < 0);
        await flow.room();
        if (flow.stopped) return null;
      }
    }
    if (last) {
      let tail: string;
      try {
        tail = dec.decode();
      } catch {
        throw undecodable(input.path, { encoding: 'utf-8', bom: 0, reason: input.encodingReason }, new Uint8Array(0), input.size);
      }
      split.push(tail);
      split.end();
      break;
    }
    // at the next range's start: stop if that was a record boundary, else read on through it
    if (!split.pending) break;
    stop++;
  }
  sink.flush();
  return { t: 'end', stoppedAt: stop, nextLine: split.nextLine };
}

async function run(input: WorkerInput): Promise<void> {
  const port = parentPort!;
  const flow = flowControl(port, input.ahead, input.batchSize);
  const sink = rowSink(input, port, flow);
  const end = input.kind === 'xlsx' ? await readXlsx(input, sink, flow) : await readCsvRanges(input, sink, flow);
  if (end === null) return;
  port.postMessage(end);
  flow.hangUp(); // nothing more to do: the thread ends once its last messages are out
}

function newBatch(cap: number, nText: number): ColumnBatch {
  return {
    t: 'batch',
    n: 0,
    line: new Float64Array(cap),
    hash: new Float64Array(cap),
    outcome: new Uint8Array(cap),
    date: new Float64Array(cap),
    created: new Float64Array(cap),
    units: new Float64Array(cap),
    scale: new Uint8Array(cap),
    status: new Uint8Array(cap),
    qUnits: new Float64Array(cap),
    qScale: new Int8Array(cap),
    pUnits: new Float64Array(cap),
    pScale: new Int8Array(cap),
    bigUnits: [],
    bigQty: [],
    bigProfit: [],
    text: Array.from({ length: nText }, () => new Int32Array(cap)),
    hashes: Array.from({ length: 3 * HASHED.length }, () => new Int32Array(cap)),
    dict: [],
    issues: [],
    rejects: [],
    bytes: 0,
  };
}

/** The batch cut to its row count (a short last batch does not ship empty rows). */
function trim(b: ColumnBatch): ColumnBatch {
  if (b.n === b.line.length) return b;
  const out = {
    ...newBatch(b.n, b.text.length),
    n: b.n,
    bigUnits: b.bigUnits,
    bigQty: b.bigQty,
    bigProfit: b.bigProfit,
    dict: b.dict,
    issues: b.issues,
    rejects: b.rejects,
  };
  const from = typedArrays(b);
  typedArrays(out).forEach((a, k) => a.set(from[k]!.subarray(0, b.n)));
  return out;
}

if (parentPort) {
  run(workerData as WorkerInput).catch((e: unknown) => {
    const msg: WorkerError =
      e instanceof SalesperfError
        ? {
            t: 'error',
            code: e.code,
            message: e.msg ?? e.message,
            ...(e.hint !== undefined ? { hint: e.hintMsg ?? e.hint } : {}),
            exitCode: e.exitCode,
            ...(e instanceof CsvLimitError ? { csvLimit: e.at } : {}),
          }
        : {
            t: 'error',
            code: 'WORKER_FAILED',
            message: `${(workerData as WorkerInput).path}: parsing worker failed: ${e instanceof Error ? e.message : String(e)}`,
            exitCode: 3,
          };
    parentPort!.postMessage(msg);
  });
}
