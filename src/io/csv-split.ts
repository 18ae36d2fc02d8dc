/**
 * A streaming RFC 4180 splitter over decoded text: quoted fields with
 * delimiters, `""` and line breaks; CRLF, LF or CR line ends; no final newline.
 * Each record carries the line where it starts, as an editor shows it. A quote
 * inside an unquoted field is kept literally; text after a closing quote makes
 * the record malformed (reported, with the field kept as read). A quote still
 * open at the end of the input is a literal character: its record is malformed
 * ('unclosed'), the field ends at the next delimiter or line end, and the lines
 * after it are read again as records of their own, so one bad cell costs one row.
 *
 * Linear on every shape: the text of an unfinished record is held in pieces,
 * and each new chunk is scanned once by a small state machine that only tells
 * whether the record can end in it; the record is parsed when it can. A record
 * beyond the column, field or record limits (src/io/limits.ts) stops the run.
 */
import { SalesperfError } from '../errors.js';
import { LIMITS, limitError, type LimitName } from './limits.js';
import { msg } from '../core/message-catalog.js';

/** How a record could not be split cleanly: text after a closing quote (true), or a quote never closed. */
export type Malformed = boolean | 'unclosed';

export interface CsvRecordSink {
  (fields: string[], line: number, malformed: Malformed): void;
}

/** Where a record broke a limit: a parsing worker sends it, and the line is made file-wide on the main thread. */
export interface CsvLimitAt {
  limit: LimitName;
  file: string;
  line: number;
  field?: number;
}

/** A record beyond a limit (exit 3), with where it is as data. */
export class CsvLimitError extends SalesperfError {
  constructor(readonly at: CsvLimitAt) {
    const e = limitError(
      at.limit,
      msg(at.field !== undefined ? 'AT_LINE_FIELD' : 'AT_LINE', { file: at.file, line: at.line, field: at.field ?? '' }),
    );
    super(e.code, e.msg ?? e.message, e.exitCode, e.hintMsg ?? e.hint);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Where the scan of an unfinished record stands. */
const enum At {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: `""` or the field's end, told by the next character. */
  QuotedQuote,
}

export class CsvSplitter {
  private rest = '';
  /** Text after `rest` of the same unfinished record, joined only once it can end. */
  private more: string[] = [];
  private restLen = 0;
  /** The unfinished record may end in text already held (a CR or quote at a chunk's end): parse on the next push. */
  private mayEnd = false;
  private at = At.FieldStart;
  private fieldsSeen = 0;
  private fieldStart = 0;
  private line: number;
  private readonly delim: number;

  constructor(
    delimiter: string,
    private readonly sink: CsvRecordSink,
    firstLine = 1,
    /** The file, for messages. */
    private readonly file = 'input',
  ) {
    if (delimiter.length !== 1) throw new Error('delimiter must be one character');
    this.delim = delimiter.charCodeAt(0);
    this.line = firstLine;
  }

  /** True while text of an unfinished record is held (e.g. inside a quoted field). */
  get pending(): boolean {
    return this.rest !== '';
  }

  /** The line the next record starts on. */
  get nextLine(): number {
    return this.line;
  }

  /** Split more text. `noCr`: the caller knows the chunk has no CR (checked on its bytes, which is faster). */
  push(chunk: string, noCr = false): void {
    if (chunk === '') return;
    let text: string;
    if (this.rest === '') text = chunk;
    else if (!this.mayEnd && !this.scanPending(chunk, this.restLen)) {
      // the record goes on: hold the chunk, scanned once
      this.more.push(chunk);
      this.restLen += chunk.length;
      return;
    } else {
      text = this.rest + this.more.join('') + chunk;
      this.more = [];
      noCr = false;
    }
    const consumed = this.parse(text, false, noCr);
    this.rest = consumed < text.length ? text.slice(consumed) : '';
    this.restLen = this.rest.length;
    this.mayEnd = false;
    if (this.rest !== '') {
      this.at = At.FieldStart;
      this.fieldsSeen = 0;
      this.fieldStart = 0;
      this.mayEnd = this.scanPending(this.rest, 0);
    }
  }

  end(): void {
    if (this.more.length) this.rest += this.more.join('');
    this.more = [];
    if (this.rest !== '') this.parse(this.rest, true);
    this.rest = '';
    this.restLen = 0;
  }

  /**
   * Scan `s`, the text of the unfinished record from offset `base`, on from
   * where the last scan stopped; true when the record can end in it (a line
   * end outside quotes). Checks the record against the limits as it grows.
   */
  private scanPending(s: string, base: number): boolean {
    const n = s.length;
    const d = this.delim;
    let i = 0;
    let found = false;
    while (i < n && !found) {
      switch (this.at) {
        case At.FieldStart:
          this.fieldStart = base + i;
          if (s.charCodeAt(i) === QUOTE) {
            i++;
            this.at = At.Quoted;
          } else this.at = At.Unquoted;
          break;
        case At.Unquoted:
          for (; i < n; i++) {
            const c = s.charCodeAt(i);
            if (c === d) {
              this.fieldDone(base + i);
              i++;
              this.at = At.FieldStart;
              break;
            }
            if (c === LF || c === CR) {
              found = true;
              break;
            }
          }
          break;
        case At.Quoted: {
          const q = s.indexOf('"', i);
          if (q < 0) {
            i = n;
            break;
          }
          // a run of quotes at once: pairs stay inside the field, an odd last one ends it
          let r = q + 1;
          while (r < n && s.charCodeAt(r) === QUOTE) r++;
          const odd = (r - q) % 2 === 1;
          i = r;
          // at the chunk's end an odd run may still pair with the next chunk's first character
          this.at = odd ? (r >= n ? At.QuotedQuote : At.Unquoted) : At.Quoted;
          break;
        }
        case At.QuotedQuote:
          if (s.charCodeAt(i) === QUOTE) {
            i++;
            this.at = At.Quoted;
          } else this.at = At.Unquoted;
          break;
      }
    }
    const len = base + n;
    if (len - this.fieldStart > LIMITS.fieldChars.value)
      throw new CsvLimitError({ limit: 'fieldChars', file: this.file, line: this.line, field: this.fieldsSeen + 1 });
    if (len > LIMITS.recordChars.value) throw new CsvLimitError({ limit: 'recordChars', file: this.file, line: this.line });
    return found;
  }

  private fieldDone(end: number): void {
    if (end - this.fieldStart > LIMITS.fieldChars.value)
      throw new CsvLimitError({ limit: 'fieldChars', file: this.file, line: this.line, field: this.fieldsSeen + 1 });
    if (++this.fieldsSeen >= LIMITS.columnsPerRow.value)
      throw new CsvLimitError({ limit: 'columnsPerRow', file: this.file, line: this.line });
  }

  // the field being split by parse(): its text, whether it was malformed, and the line after it
  private value = '';
  private malformed: Malformed = false;
  private fieldLine = 0;
  // where the next delimiter and LF are in the text being parsed (each found once by indexOf)
  private nextDelim = -1;
  private nextLf = -1;
  private delimText = ',';

  /**
   * Parse complete records; returns the offset where an incomplete one starts.
   * One small method per step (quoted field, plain field, record end), with the
   * field's results on the instance so nothing is allocated but the field list.
   */
  private parse(s: string, final: boolean, noCr = false): number {
    const n = s.length;
    // native indexOf finds unquoted field ends when every CR is part of a CRLF
    const fast = noCr || !hasLoneCr(s);
    this.nextDelim = -1;
    this.nextLf = -1;
    this.delimText = String.fromCharCode(this.delim);
    let i = 0;
    while (i < n) {
      const start = i;
      const startLine = this.line;
      const fields: string[] = [];
      this.fieldLine = this.line;
      this.malformed = false;
      for (;;) {
        // one field starting at i
        if (i < n && s.charCodeAt(i) === QUOTE) {
          i = this.quoted(s, i, final);
          if (i < 0) return start;
          fields.push(this.value);
        } else {
          const j = fast ? this.plainFast(s, i) : this.plainScan(s, i);
          fields.push(s.slice(i, j));
          i = j;
        }
        if (i >= n) {
          if (!final) return start;
          break;
        }
        const next = this.afterField(s, i, final, fields);
        if (next === -1) return start;
        if (next < 0) {
          i = -next - 2;
          break;
        }
        i = next;
      }
      this.line = this.fieldLine;
      if (fields.length === 1 && fields[0] === '' && !this.malformed) continue; // blank line
      if (fields.length > LIMITS.columnsPerRow.value) throw new CsvLimitError({ limit: 'columnsPerRow', file: this.file, line: startLine });
      this.sink(fields, startLine, this.malformed);
    }
    return n;
  }

  /**
   * After a field, at `s[i]`: a delimiter continues the record (returns the next
   * field's start), a line end closes it (returns −(next start) − 2), an
   * unfinished CRLF at the chunk's end asks for more text (returns −1).
   */
  private afterField(s: string, i: number, final: boolean, fields: string[]): number {
    const n = s.length;
    const c = s.charCodeAt(i);
    if (c === this.delim) {
      i++;
      if (i >= n && final) {
        fields.push('');
        return -i - 2;
      }
      return i;
    }
    // line end
    if (c === CR) {
      if (i + 1 >= n && !final) return -1;
      i += i + 1 < n && s.charCodeAt(i + 1) === LF ? 2 : 1;
    } else i++;
    this.fieldLine++;
    return -i - 2;
  }

  /** An unquoted field's end when every CR is part of a CRLF: the nearer of the next delimiter and LF. */
  private plainFast(s: string, i: number): number {
    const n = s.length;
    if (this.nextDelim < i) {
      this.nextDelim = s.indexOf(this.delimText, i);
      if (this.nextDelim < 0) this.nextDelim = n;
    }
    if (this.nextLf < i) {
      this.nextLf = s.indexOf('\n', i);
      if (this.nextLf < 0) this.nextLf = n;
    }
    let j = this.nextDelim < this.nextLf ? this.nextDelim : this.nextLf;
    if (j === this.nextLf && j > i && s.charCodeAt(j - 1) === CR) j--; // CRLF
    return j;
  }

  /** An unquoted field's end, character by character: the next delimiter, LF or CR. */
  private plainScan(s: string, i: number): number {
    const n = s.length;
    const d = this.delim;
    let j = i;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c === d || c === LF || c === CR) break;
      j++;
    }
    return j;
  }

  /**
   * A quoted field starting at `s[i]`: its text in `this.value`, the index after
   * it returned (−1: the text ends before the field does and more may come).
   * A field never closed takes the quote as a literal character up to the next
   * delimiter or line end; text after a closing quote is kept and the row marked
   * malformed.
   */
  private quoted(s: string, i: number, final: boolean): number {
    const n = s.length;
    let j = i + 1;
    let escaped = false;
    let line = this.fieldLine;
    for (; j < n; j++) {
      const c = s.charCodeAt(j);
      if (c === QUOTE) {
        if (j + 1 < n && s.charCodeAt(j + 1) === QUOTE) {
          escaped = true;
          j++;
          continue;
        }
        if (j + 1 >= n && !final) return -1; // can't tell "" from " yet
        this.value = escaped ? unescapeQuotes(s, i + 1, j) : s.slice(i + 1, j);
        this.fieldLine = line;
        return this.afterQuote(s, j + 1);
      }
      if (c === LF) line++;
      else if (c === CR && (j + 1 >= n || s.charCodeAt(j + 1) !== LF)) line++;
    }
    if (!final) return -1;
    // never closed: the quote is a literal character and the field ends at the next delimiter or line end
    const end = this.plainScan(s, i + 1);
    this.value = s.slice(i, end);
    this.malformed = 'unclosed';
    return end;
  }

  /** After a closing quote: a delimiter, a line end or the end of the text; anything else joins the field and marks the row malformed. */
  private afterQuote(s: string, i: number): number {
    if (i >= s.length) return i;
    const c = s.charCodeAt(i);
    if (c === this.delim || c === LF || c === CR) return i;
    if (!this.malformed) this.malformed = true;
    const k = this.plainScan(s, i);
    this.value += s.slice(i, k);
    return k;
  }
}

/**
 * The text of `s` from `a` to `b` (a quoted field's inside, where quotes come only in `""` pairs)
 * with each pair made one quote. Built as one piece per run of quotes and joined once, so the
 * result is one flat string: appending pair by pair (or String.replaceAll, or a regex replace)
 * makes a rope of a million pieces for a cell of a million `""` — 30 MiB and 0.8 s per such cell.
 */
export function unescapeQuotes(s: string, a: number, b: number): string {
  const parts: string[] = [];
  let from = a;
  // the closing quote is at b, so no search runs past the field
  for (let q = s.indexOf('"', a); q >= 0 && q < b; q = s.indexOf('"', from)) {
    let r = q;
    while (r < b && s.charCodeAt(r) === QUOTE) r++;
    parts.push(s.slice(from, q), '"'.repeat((r - q) >> 1));
    from = r;
  }
  parts.push(s.slice(from, b));
  return parts.join('');
}

/** True when some CR is not followed by LF (an old Mac line end, or a CR cut by the chunk's end). */
function hasLoneCr(s: string): boolean {
  for (let k = s.indexOf('\r'); k >= 0; k = s.indexOf('\r', k + 1)) {
    if (k + 1 >= s.length) return true;
    if (s.charCodeAt(k + 1) !== LF) return true;
  }
  return false;
}
