/**
 * A streaming RFC 4180 splitter over decoded text: quoted fields with
 * delimiters, `""` and line breaks; CRLF, LF or CR line ends; no final newline.
 * Each record carries the line where it starts, as an editor shows it. A quote
 * inside an unquoted field is kept literally; text after a closing quote makes
 * the record malformed (reported, with the field kept as read).
 */

export interface CsvRecordSink {
  (fields: string[], line: number, malformed: boolean): void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvSplitter {
  private rest = '';
  private line: number;
  private readonly delim: number;

  constructor(
    delimiter: string,
    private readonly sink: CsvRecordSink,
    firstLine = 1,
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
    const text = this.rest === '' ? chunk : this.rest + chunk;
    const consumed = this.parse(text, false, noCr && !hasLoneCr(this.rest + ' '));
    this.rest = consumed < text.length ? text.slice(consumed) : '';
  }

  end(): void {
    if (this.rest !== '') this.parse(this.rest, true);
    this.rest = '';
  }

  /** Parse complete records; returns the offset where an incomplete one starts. */
  private parse(s: string, final: boolean, noCr = false): number {
    const n = s.length;
    const d = this.delim;
    const dch = String.fromCharCode(d);
    // native indexOf finds unquoted field ends when every CR is part of a CRLF
    const fast = noCr || !hasLoneCr(s);
    let nextDelim = -1;
    let nextLf = -1;
    let i = 0;
    while (i < n) {
      const start = i;
      const startLine = this.line;
      let line = this.line;
      const fields: string[] = [];
      let malformed = false;
      let complete = false;
      for (;;) {
        // one field starting at i
        if (i < n && s.charCodeAt(i) === QUOTE) {
          let j = i + 1;
          let value = '';
          let from = j;
          let closed = false;
          while (j < n) {
            const c = s.charCodeAt(j);
            if (c === QUOTE) {
              if (j + 1 < n && s.charCodeAt(j + 1) === QUOTE) {
                value += s.slice(from, j + 1);
                j += 2;
                from = j;
                continue;
              }
              if (j + 1 >= n && !final) break; // can't tell "" from " yet
              value += s.slice(from, j);
              j++;
              closed = true;
              break;
            }
            if (c === LF) line++;
            else if (c === CR && (j + 1 >= n || s.charCodeAt(j + 1) !== LF)) line++;
            j++;
          }
          if (!closed) {
            if (!final) return start;
            value += s.slice(from, j);
            malformed = true; // unterminated quote
          }
          i = j;
          // after the closing quote: delimiter, line end or end of text
          if (i < n) {
            const c = s.charCodeAt(i);
            if (c !== d && c !== LF && c !== CR) {
              malformed = true;
              let k = i;
              while (k < n) {
                const e = s.charCodeAt(k);
                if (e === d || e === LF || e === CR) break;
                k++;
              }
              value += s.slice(i, k);
              i = k;
            }
          }
          fields.push(value);
        } else if (fast) {
          if (nextDelim < i) {
            nextDelim = s.indexOf(dch, i);
            if (nextDelim < 0) nextDelim = n;
          }
          if (nextLf < i) {
            nextLf = s.indexOf('\n', i);
            if (nextLf < 0) nextLf = n;
          }
          let j = nextDelim < nextLf ? nextDelim : nextLf;
          if (j === nextLf && j > i && s.charCodeAt(j - 1) === CR) j--; // CRLF
          fields.push(s.slice(i, j));
          i = j;
        } else {
          let j = i;
          while (j < n) {
            const c = s.charCodeAt(j);
            if (c === d || c === LF || c === CR) break;
            j++;
          }
          fields.push(s.slice(i, j));
          i = j;
        }
        if (i >= n) {
          if (!final) return start;
          complete = true;
          break;
        }
        const c = s.charCodeAt(i);
        if (c === d) {
          i++;
          if (i >= n && final) {
            fields.push('');
            complete = true;
            break;
          }
          continue;
        }
        // line end
        if (c === CR) {
          if (i + 1 >= n && !final) return start;
          i += i + 1 < n && s.charCodeAt(i + 1) === LF ? 2 : 1;
        } else i++;
        line++;
        complete = true;
        break;
      }
      this.line = line;
      if (!complete) return start;
      if (fields.length === 1 && fields[0] === '' && !malformed) continue; // blank line
      this.sink(fields, startLine, malformed);
    }
    return n;
  }
}

/** True when some CR is not followed by LF (an old Mac line end, or a CR cut by the chunk's end). */
function hasLoneCr(s: string): boolean {
  for (let k = s.indexOf('\r'); k >= 0; k = s.indexOf('\r', k + 1)) {
    if (k + 1 >= s.length) return true;
    if (s.charCodeAt(k + 1) !== LF) return true;
  }
  return false;
}
