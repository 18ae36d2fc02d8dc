/**
 * The main thread's side of parsing in workers: cut a CSV into byte ranges at
 * line feeds (a workbook is one range), start one parsing worker per range,
 * hand their batches on in file order (a later range's batches wait until the
 * ranges before it are done) with line numbers made absolute, and turn the
 * batches back into records.
 */
import { msg, renderMsg } from '../core/message-catalog.js';
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { inputError, SalesperfError } from '../errors.js';
import { CsvLimitError } from '../io/csv-split.js';
import { STATUSES } from '../core/status.js';
import { type Cell, DateCell } from '../io/source.js';
import type { Issue } from './issues.js';
import { type ColumnBatch, HASHED, transferables, type WorkerEnd, type WorkerError, type WorkerInput } from './columns.js';
import { TEXT_FIELDS, type SalesRecord } from './record.js';

export type WorkerMessage = ColumnBatch | WorkerEnd | WorkerError;

export interface RangeBatch {
  batch: ColumnBatch;
  /** Which range (worker) it came from. */
  range: number;
  /** Add to the batch's lines for the line in the file. */
  lineBase: number;
}

/** Byte offsets just after the first line feed at or after each of `parts - 1` even cuts (ascending, no repeats, all < size). */
export async function rangeStarts(path: string, size: number, parts: number): Promise<number[]> {
  const starts = [0];
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    for (let k = 1; k < parts; k++) {
      let pos = Math.max(Math.floor((size * k) / parts), starts.at(-1)!);
      let found = -1;
      while (pos < size && found < 0) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break;
        const i = buf.subarray(0, bytesRead).indexOf(10);
        if (i >= 0) found = pos + i;
        else pos += bytesRead;
      }
      if (found < 0 || found + 1 >= size) break;
      if (found + 1 > starts.at(-1)!) starts.push(found + 1);
    }
  } finally {
    await fh.close();
  }
  return starts;
}

const workerUrl = (): URL => {
  // tests run the TypeScript sources; the worker always runs from the build
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/ingest/parse-worker.js', here) : new URL('./parse-worker.js', here);
};

/** Batches of every range in file order. Stops the workers when done or abandoned. */
export async function* parallelBatches(input: Omit<WorkerInput, 'index' | 'starts'> & { starts: number[] }): AsyncGenerator<RangeBatch> {
  const n = input.starts.length;
  const queues: WorkerMessage[][] = [];
  const wake: (() => void)[] = [];
  const failed: (Error | null)[] = [];
  const finished: boolean[] = [];
  const exited: Promise<void>[] = [];
  const workers: Worker[] = [];
  for (let k = 0; k < n; k++) {
    queues.push([]);
    failed.push(null);
    finished.push(false);
    wake.push(() => {});
    const w = new Worker(workerUrl(), {
      workerData: { ...input, index: k } satisfies WorkerInput,
      resourceLimits: { maxYoungGenerationSizeMb: 32 },
    });
    w.on('message', (m: WorkerMessage) => {
      if (m.t !== 'batch') finished[k] = true;
      queues[k]!.push(m);
      wake[k]!();
    });
    w.on('error', (e) => {
      failed[k] = e;
      wake[k]!();
    });
    w.on('exit', (code) => {
      // a worker that ends without its end message stalled (its reader neither finished nor failed)
      if (!failed[k] && !finished[k]) {
        failed[k] =
          code === 0
            ? inputError('READ_STALLED', msg('READ_STALLED', { file: input.path }), msg('READ_STALLED_HINT'))
            : new Error(`parsing worker ${k} exited with code ${code}`);
      }
      wake[k]!();
    });
    exited.push(new Promise<void>((r) => w.once('exit', () => r())));
    workers.push(w);
  }
  /** Ask a worker to stop and wait for its thread to end; terminate it only if it does not within 5 s. */
  const stop = async (k: number) => {
    workers[k]!.postMessage({ t: 'stop' });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), 5000)));
    if ((await Promise.race([exited[k]!, late])) === 'late') await workers[k]!.terminate();
    clearTimeout(timer);
  };
  const next = async (k: number): Promise<WorkerMessage> => {
    for (;;) {
      const q = queues[k]!;
      if (q.length) return q.shift()!;
      if (failed[k]) throw failed[k];
      await new Promise<void>((r) => (wake[k] = r));
    }
  };
  try {
    let cur = 0;
    let base = 0;
    while (cur < n) {
      const m = await next(cur);
      if (m.t === 'batch') {
        workers[cur]!.postMessage({ t: 'ack' });
        yield { batch: m, range: cur, lineBase: base };
        // the consumer is done with it: the typed arrays go back for reuse (not the strings and issues)
        const back: ColumnBatch = { ...m, bigUnits: [], bigQty: [], bigProfit: [], dict: [], issues: [], rejects: [] };
        workers[cur]!.postMessage({ t: 'back', batch: back }, transferables(back));
      } else if (m.t === 'error') {
        if (m.code === 'WORKER_FAILED') throw new Error(renderMsg(m.message, 'en'));
        if (m.csvLimit) throw new CsvLimitError({ ...m.csvLimit, line: base + m.csvLimit.line }); // the line as one thread counts it
        throw new SalesperfError(m.code, m.message, m.exitCode, m.hint);
      } else {
        // ranges it read through are dropped: their cut was inside a quoted field
        for (let j = cur + 1; j < m.stoppedAt; j++) void stop(j);
        base += m.nextLine - 1;
        cur = m.stoppedAt;
      }
    }
  } finally {
    await Promise.all(workers.map((_, k) => stop(k)));
  }
}

/** Interned columns of a RangeDecoder: the HASHED fields in their order, then the rep. */
const K_CUSTOMER = HASHED.indexOf('customer');
const K_DEAL = HASHED.indexOf('dealId');
const K_REP = HASHED.length;

const [REP, CUSTOMER, TEAM, REGION, PRODUCT, CHANNEL, DEAL, CURRENCY, STAGE] = TEXT_FIELDS.map((_, i) => i) as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

interface Interner {
  id(s: string): number;
  idOfHash(s: string, h1: number, h2: number, h3: number): number;
}

/**
 * Turns a range's column batches back into records: keeps each range's
 * dictionaries, and caches the run-wide ids of customers, deals and reps per
 * dictionary entry so that a repeated value is hashed once.
 */
export class RangeDecoder {
  private range = -1;
  private dicts: string[][] = [];
  private keys: Int32Array[] = [];
  private b: ColumnBatch | null = null;
  private ip = 0;
  private lineBase = 0;
  private big: Map<number, bigint> | null = null;
  private bigQ: Map<number, bigint> | null = null;
  private bigP: Map<number, bigint> | null = null;
  private rejects: Map<number, (string | { days: number })[]> | null = null;
  private readonly nText: number;
  private readonly interners: [number, Interner][];

  constructor(
    private readonly source: number,
    /** [column index, registry index] of the file's extra columns, as in the builder plan. */
    private readonly extras: readonly [number, number][],
    customers: Interner,
    deals: Interner,
    reps: Interner,
  ) {
    this.nText = TEXT_FIELDS.length + extras.length;
    // the HASHED fields first, in their order (their hashes come with the batch), then the rep
    const by: Record<(typeof HASHED)[number], Interner> = { customer: customers, dealId: deals };
    this.interners = [...HASHED.map((f): [number, Interner] => [TEXT_FIELDS.indexOf(f), by[f]]), [REP, reps]];
  }

  load(rb: RangeBatch): void {
    const b = rb.batch;
    if (rb.range !== this.range) {
      this.range = rb.range;
      this.dicts = Array.from({ length: this.nText }, () => []);
      this.keys = this.interners.map(() => new Int32Array(0));
    }
    for (const d of b.dict) {
      if (d.reset) {
        this.dicts[d.col] = d.strings;
        const k = this.interners.findIndex(([c]) => c === d.col);
        if (k >= 0) this.keys[k] = new Int32Array(0);
      } else {
        const arr = this.dicts[d.col]!;
        for (const x of d.strings) arr.push(x);
      }
    }
    this.b = b;
    this.ip = 0;
    this.lineBase = rb.lineBase;
    this.big = b.bigUnits.length ? new Map(b.bigUnits) : null;
    this.bigQ = b.bigQty.length ? new Map(b.bigQty) : null;
    this.bigP = b.bigProfit.length ? new Map(b.bigProfit) : null;
    this.rejects = b.rejects.length ? new Map(b.rejects) : null;
  }

  /** Row i's issues (rows come in order), with absolute row numbers. */
  issuesOf(i: number, into: Issue[]): void {
    const list = this.b!.issues;
    while (this.ip < list.length && list[this.ip]![0] === i) {
      const x = list[this.ip++]![1];
      x.row += this.lineBase;
      into.push(x);
    }
  }

  cellsOf(i: number): Cell[] | null {
    const cells = this.rejects?.get(i);
    // a date cell crossed the thread as a plain object: make it a DateCell again
    return cells ? cells.map((c) => (typeof c === 'string' ? c : new DateCell(c.days))) : null;
  }

  private text(c: number, i: number): string | null {
    const v = this.b!.text[c]![i]!;
    return v < 0 ? null : this.dicts[c]![v]!;
  }

  /** Run-wide id of row i's value in interned column k (the HASHED fields, then the rep), or -1. */
  private key(k: number, i: number): number {
    const [c, interner] = this.interners[k]!;
    const v = this.b!.text[c]![i]!;
    if (v < 0) return -1;
    let cache = this.keys[k]!;
    if (v >= cache.length) {
      const grown = new Int32Array(Math.max(this.dicts[c]!.length, 1024)).fill(-1);
      grown.set(cache);
      this.keys[k] = cache = grown;
    }
    let g = cache[v]!;
    if (g < 0) {
      const b = this.b!;
      // customers and deals come hashed by the worker
      const h = b.hashes;
      g = cache[v] =
        3 * k < h.length
          ? interner.idOfHash(this.dicts[c]![v]!, h[3 * k]![i]!, h[3 * k + 1]![i]!, h[3 * k + 2]![i]!)
          : interner.id(this.dicts[c]![v]!);
    }
    return g;
  }

  repKey(i: number): number {
    return this.key(K_REP, i);
  }

  record(i: number, line: number): SalesRecord {
    const b = this.b!;
    const extra: (string | undefined)[] = [];
    for (let e = 0; e < this.extras.length; e++) extra[this.extras[e]![1]] = this.text(TEXT_FIELDS.length + e, i) ?? '';
    const q = b.qScale[i]!;
    const ps = b.pScale[i]!;
    const created = b.created[i]!;
    const customer = this.text(CUSTOMER, i);
    const dealId = this.text(DEAL, i);
    return {
      source: this.source,
      row: line,
      date: b.date[i]!,
      units: this.big?.get(i) ?? b.units[i]!,
      scale: b.scale[i]!,
      status: STATUSES[b.status[i]!]!,
      rep: this.text(REP, i),
      customer,
      team: this.text(TEAM, i),
      region: this.text(REGION, i),
      product: this.text(PRODUCT, i),
      channel: this.text(CHANNEL, i),
      dealId,
      currency: this.text(CURRENCY, i),
      createdDate: Number.isNaN(created) ? null : created,
      quantity: q < 0 ? null : { units: this.bigQ?.get(i) ?? b.qUnits[i]!, scale: q },
      profit: ps < 0 ? null : { units: this.bigP?.get(i) ?? b.pUnits[i]!, scale: ps },
      extra,
      stage: this.text(STAGE, i),
      undatedClose: b.outcome[i] === 3,
      // one object shape for every record
      customerKey: customer !== null ? this.key(K_CUSTOMER, i) : undefined,
      dealKey: dealId !== null ? this.key(K_DEAL, i) : undefined,
    };
  }
}
