/**
 * A box-drawing table written line by line to a sink: linear in rows, no
 * giant string, no spread of big arrays. Widths come from one pass over the
 * plain cell text (display width: Chinese counts 2); colour is applied after
 * padding, so it never shifts a column. Every line has exactly one cell per
 * column, header included.
 */
import { displayWidth, escapeControls as visible, truncateWidth } from '../core/format.js';

export type Align = 'left' | 'right';

export interface TableColumn {
  head: string;
  align: Align;
  /** The widest this column may be (content only, without padding); longer text is cut with `…`. */
  max?: number;
}

/** Text sink; `BufferedSink` batches small writes into larger chunks. */
export type Sink = (text: string) => void;

export class BufferedSink {
  private parts: string[] = [];
  private size = 0;
  constructor(
    private readonly out: Sink,
    private readonly chunk = 1 << 16,
  ) {}
  write = (text: string): void => {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.chunk) this.flush();
  };
  flush(): void {
    if (this.size === 0 && this.parts.length === 0) return;
    this.out(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

export interface TableSource {
  columns: TableColumn[];
  rows: number;
  /** The plain text of a cell (no ANSI codes). */
  cell(row: number, col: number): string;
  /** Colour for a cell, given its padded text; identity when absent. */
  paint?(row: number, col: number, padded: string): string;
  /** Colour for a header cell. */
  paintHead?(padded: string): string;
}

/** Content widths of the columns (header and every row), capped at each column's `max`. */
export function columnWidths(t: TableSource, cols: readonly number[] = t.columns.map((_, i) => i)): number[] {
  const w = new Array<number>(cols.length);
  for (let c = 0; c < cols.length; c++) w[c] = displayWidth(visible(t.columns[cols[c]!]!.head));
  for (let r = 0; r < t.rows; r++) {
    for (let c = 0; c < cols.length; c++) {
      const d = displayWidth(visible(t.cell(r, cols[c]!)));
      if (d > w[c]!) w[c] = d;
    }
  }
  for (let c = 0; c < cols.length; c++) {
    const m = t.columns[cols[c]!]!.max;
    if (m !== undefined && w[c]! > m) w[c] = m;
  }
  return w;
}

/** Characters one line of a table takes: borders, one space of padding each side. */
export function lineWidth(widths: readonly number[]): number {
  let n = 1;
  for (const w of widths) n += w + 3;
  return n;
}

/** Flat strings of spaces to slice from (String.prototype.repeat builds ropes that are slow to flatten). */
let SPACES = ' '.repeat(256).split('').join('');
function spaces(n: number): string {
  while (n > SPACES.length) SPACES = (SPACES + SPACES).split('').join('');
  return SPACES.slice(0, n);
}

function pad(raw: string, width: number, align: Align): string {
  const text = visible(raw);
  let w = displayWidth(text);
  let fitted = text;
  if (w > width) {
    fitted = truncateWidth(text, width);
    w = displayWidth(fitted);
  }
  if (w === width) return fitted;
  return align === 'right' ? spaces(width - w) + fitted : fitted + spaces(width - w);
}

/**
 * Write the table made of columns `cols` (indexes into t.columns) with the
 * given content widths. Returns the number of lines written.
 */
export function writeTable(t: TableSource, sink: Sink, cols: readonly number[], widths: readonly number[]): number {
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r + '\n';
  sink(rule('┌', '┬', '┐'));
  let head = '│';
  for (let c = 0; c < cols.length; c++) {
    const col = t.columns[cols[c]!]!;
    const p = pad(col.head, widths[c]!, col.align);
    head += ' ' + (t.paintHead ? t.paintHead(p) : p) + ' │';
  }
  sink(head + '\n');
  sink(rule('├', '┼', '┤'));
  const parts = new Array<string>(cols.length * 2 + 1);
  parts[0] = '│ ';
  for (let c = 1; c < cols.length; c++) parts[c * 2] = ' │ ';
  parts[cols.length * 2] = ' │\n';
  for (let r = 0; r < t.rows; r++) {
    for (let c = 0; c < cols.length; c++) {
      const k = cols[c]!;
      const p = pad(t.cell(r, k), widths[c]!, t.columns[k]!.align);
      parts[c * 2 + 1] = t.paint ? t.paint(r, k, p) : p;
    }
    sink(parts.join(''));
  }
  sink(rule('└', '┴', '┘'));
  return t.rows + 4;
}

/**
 * Write a table too wide for `width` as panels: the first `nKey` columns are
 * repeated in every panel (cut, down to `minKey`, when they alone leave no
 * room for the widest other column), the other columns split over as many
 * panels as needed. Returns the number of lines written.
 */
export function writePanels(t: TableSource, out: Sink, nKey: number, width: number, minKey = 8): number {
  const all = columnWidths(t);
  let widest = 0;
  for (let c = nKey; c < all.length; c++) widest = Math.max(widest, all[c]! + 3);
  const keyW = all.slice(0, nKey);
  while (lineWidth(keyW) + widest > width) {
    let m = 0;
    for (let c = 1; c < nKey; c++) if (keyW[c]! > keyW[m]!) m = c;
    if (keyW[m]! <= minKey) break;
    keyW[m]!--;
  }
  const panels: number[][] = [];
  let current: number[] = [];
  let used = lineWidth(keyW);
  for (let c = nKey; c < all.length; c++) {
    const w = all[c]! + 3;
    if (current.length && used + w > width) {
      panels.push(current);
      current = [];
      used = lineWidth(keyW);
    }
    current.push(c);
    used += w;
  }
  if (current.length || panels.length === 0) panels.push(current);
  const sink = new BufferedSink(out);
  const keys = keyW.map((_, i) => i);
  let lines = 0;
  panels.forEach((kp, p) => {
    if (p > 0) {
      sink.write('\n');
      lines++;
    }
    lines += writeTable(t, sink.write, [...keys, ...kp], [...keyW, ...kp.map((c) => all[c]!)]);
  });
  sink.flush();
  return lines;
}

/**
 * Word-wrap plain text to lines of at most `width` display columns (a word
 * wider than the line is broken by characters). Linear in the text's length.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  let lw = 0;
  for (const word of visible(text).split(' ')) {
    const ww = displayWidth(word);
    if (lw > 0 && lw + 1 + ww <= w) {
      line += ' ' + word;
      lw += 1 + ww;
      continue;
    }
    if (lw > 0 || line !== '') lines.push(line);
    line = word;
    lw = ww;
    if (ww > w) {
      // a word wider than the line (Chinese text has no spaces): broken by characters
      line = '';
      lw = 0;
      for (const ch of word) {
        const cw = displayWidth(ch);
        if (lw + cw > w) {
          lines.push(line);
          line = '';
          lw = 0;
        }
        line += ch;
        lw += cw;
      }
    }
  }
  lines.push(line);
  return lines;
}
