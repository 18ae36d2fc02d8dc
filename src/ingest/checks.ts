/**
 * Cross-row checks that span every file of a run, in compact structures:
 * exact duplicate rows (a 53-bit hash per row in an open-addressing table over
 * a typed array — 16 bytes a slot, no strings kept) and deal-id consistency
 * (interned ids per deal, so a deal costs a map entry and a few numbers).
 */
import { STATUS_CODE, STATUSES, type Status } from '../core/status.js';
import { IntColumn, StringIndex } from '../core/string-index.js';
import { coded, type IssueLog } from './issues.js';
import { msg } from '../core/message-catalog.js';
import type { FileReport } from './read.js';

/** Open-addressing map from a 53-bit hash to a number (e.g. a packed location); key and value side by side in one array. */
export class HashTable {
  private slots: Float64Array;
  private cap: number;
  private used = 0;

  constructor(capacity = 1 << 16) {
    this.cap = capacity;
    this.slots = new Float64Array(capacity * 2).fill(-1);
  }

  /** The value stored for `key`, or -1 after storing `value` for a new key. */
  getOrSet(key: number, value: number): number {
    if (this.used * 10 >= this.cap * 7) this.grow();
    const s = this.slots;
    const mask = this.cap - 1;
    let i = (key % 0x7fffffff) & mask;
    for (;;) {
      const o = i << 1;
      const k = s[o]!;
      if (k === -1) {
        s[o] = key;
        s[o + 1] = value;
        this.used++;
        return -1;
      }
      if (k === key) return s[o + 1]!;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.cap *= 2;
    this.slots = new Float64Array(this.cap * 2).fill(-1);
    this.used = 0;
    for (let o = 0; o < old.length; o += 2) if (old[o] !== -1) this.getOrSet(old[o]!, old[o + 1]!);
  }
}

/** A location packed in one number: source file index and row. */
export const packLocation = (source: number, row: number) => source * 0x100000000 + row;
export const unpackLocation = (p: number) => ({ source: Math.floor(p / 0x100000000), row: p % 0x100000000 });

/** 53-bit hash of a row's cells (FNV-1a and a Murmur-style mix, side by side). */
export function rowHash(cells: readonly (string | { days: number })[]): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    const s = typeof c === 'string' ? c : `\u0000${c.days}`;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 0x01000193);
      h2 = Math.imul(h2 ^ ch, 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

/** Strings → dense ids (typed-array index), keeping each distinct string once for messages. */
export class Strings {
  private readonly index = new StringIndex();
  readonly values: string[] = [];
  id(s: string | null): number {
    if (s === null) return -1;
    const i = this.index.id(s);
    if (i === this.values.length) this.values.push(s);
    return i;
  }
  /** The same, with the string's `StringHash` computed elsewhere. */
  idOfHash(s: string, h1: number, h2: number, h3: number): number {
    const i = this.index.idOfHash(h1, h2, h3);
    if (i === this.values.length) this.values.push(s);
    return i;
  }
  value(i: number): string | null {
    return i < 0 ? null : this.values[i]!;
  }
}

export interface DealSeen {
  date: number;
  customer: string | null;
  rep: string | null;
  status: Status;
  location: number;
}

/**
 * The first sighting of each deal id, to compare later line items with: a few
 * integers per deal in typed columns, no string or object kept per deal.
 */
export class DealIndex {
  private readonly deals = new StringIndex();
  private readonly date = new IntColumn(0);
  private readonly customer = new IntColumn(-1);
  private readonly rep = new IntColumn(-1);
  private readonly status = new IntColumn(0);
  private readonly source = new IntColumn(0);
  private readonly row = new IntColumn(0);

  constructor(
    private readonly customers: Strings,
    private readonly reps: Strings,
  ) {}

  /** The deal's dense id. */
  id(dealId: string): number {
    return this.deals.id(dealId);
  }
  idOfHash(_dealId: string, h1: number, h2: number, h3: number): number {
    return this.deals.idOfHash(h1, h2, h3);
  }

  /** The first sighting of deal `d`, or null after recording this one as the first. */
  check(d: number, date: number, customer: number, rep: number, status: Status, source: number, row: number): DealSeen | null {
    if (d >= this.date.data.length || this.row.data[d] === 0) {
      for (const c of [this.date, this.customer, this.rep, this.status, this.source, this.row]) c.ensure(d);
      this.date.data[d] = date;
      this.customer.data[d] = customer;
      this.rep.data[d] = rep;
      this.status.data[d] = STATUS_CODE[status];
      this.source.data[d] = source;
      this.row.data[d] = row;
      return null;
    }
    if (
      this.date.data[d] === date &&
      this.customer.data[d] === customer &&
      this.rep.data[d] === rep &&
      this.status.data[d] === STATUS_CODE[status]
    )
      return { date, customer: null, rep: null, status, location: -1 };
    return {
      date: this.date.data[d]!,
      customer: this.customers.value(this.customer.data[d]!),
      rep: this.reps.value(this.rep.data[d]!),
      status: STATUSES[this.status.data[d]!]!,
      location: packLocation(this.source.data[d]!, this.row.data[d]!),
    };
  }
}

/**
 * NO_DATA_ROWS for each file without a single data row (empty, BOM only, blank
 * lines only, or a header only): a failed export must not look like a quiet
 * month. Returns how many files had none.
 */
export function noDataRows(
  files: readonly Pick<FileReport, 'file' | 'sheet' | 'rowsRead' | 'headerRow' | 'headers'>[],
  log: IssueLog,
): number {
  let n = 0;
  for (const f of files) {
    if (f.rowsRead > 0) continue;
    n++;
    const m = f.headers.length === 0 ? msg('I_NO_DATA_EMPTY') : msg('I_NO_DATA_HEADER_ONLY', { row: f.headerRow });
    log.add({
      code: 'NO_DATA_ROWS',
      severity: 'error',
      ...coded(m),
      file: f.file,
      ...(f.sheet !== undefined ? { sheet: f.sheet } : {}),
      row: f.headers.length === 0 ? 0 : f.headerRow,
    });
  }
  return n;
}
