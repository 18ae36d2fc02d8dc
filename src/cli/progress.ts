/**
 * A progress line on stderr for long runs, on a terminal only: something
 * within 100 ms of start, then bytes (or rows) read of the total, rows/s and
 * an ETA, redrawn at most every 100 ms and erased at the end.
 */
import { msg, renderMsg } from '../core/message-catalog.js';

export interface ProgressState {
  file: string;
  bytes: number;
  total: number | undefined;
  rows: number;
  elapsedMs: number;
}

const mb = (b: number) => `${(b / 1e6).toFixed(b < 1e7 ? 1 : 0)} MB`;

/**
 * One line of progress text, shorter than `width` (the cursor stays on the
 * line). What goes first when it does not fit: the ETA, the bar, then the
 * file name is shortened from the left; rows/s stays.
 */
export function progressLine(s: ProgressState, width = 80, lang: 'en' | 'zh' = 'en'): string {
  const secs = s.elapsedMs / 1000;
  const rate = secs > 0 ? Math.round(s.rows / secs) : 0;
  const room = Math.max(1, width - 1);
  let bar = '';
  let size: string;
  let eta = '';
  if (s.total) {
    const f = Math.min(1, s.bytes / s.total);
    const barW = 20;
    const fill = Math.round(f * barW);
    bar = `[${'#'.repeat(fill)}${'-'.repeat(barW - fill)}] `;
    size = `${String(Math.floor(f * 100)).padStart(3)}%  ${mb(s.bytes)}/${mb(s.total)}`;
    // no ETA before rows come in at a measurable rate (a first update read `ETA 8 s  0 rows/s`)
    if (f > 0.02 && f < 1 && rate > 0) eta = renderMsg(msg('PROGRESS_ETA', { secs: Math.ceil((secs / f) * (1 - f)) }), lang);
  } else size = mb(s.bytes);
  const speed = renderMsg(msg('PROGRESS_RATE', { rate: rate.toLocaleString('en-US') }), lang);
  const body = (b: string, e: string) => [b + size, e, speed].filter(Boolean).join('  ');
  const MIN_NAME = 12;
  let text = body(bar, eta);
  if (text.length + 1 + MIN_NAME > room) text = body(bar, '');
  if (text.length + 1 + MIN_NAME > room) text = body('', '');
  const nameRoom = Math.min(60, room - text.length - 1);
  if (nameRoom <= 1) return text.slice(0, room);
  const name = s.file.length > nameRoom ? '…' + s.file.slice(s.file.length - nameRoom + 1) : s.file;
  return `${name} ${text}`;
}

export class Progress {
  private readonly start = Date.now();
  private last = 0;
  private shown = false;
  private state: ProgressState = { file: '', bytes: 0, total: undefined, rows: 0, elapsedMs: 0 };

  constructor(
    private readonly write: (text: string) => void,
    private readonly width = 80,
    private readonly lang: 'en' | 'zh' = 'en',
  ) {}

  /** Say something at once, so a long run never starts in silence. */
  begin(what: string): void {
    this.write(`\r${what.slice(0, this.width - 1)}\u001b[K`);
    this.shown = true;
  }

  update(file: string, bytes: number, total: number | undefined, rows: number): void {
    this.state = { file, bytes, total, rows, elapsedMs: Date.now() - this.start };
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.write(`\r${progressLine(this.state, this.width, this.lang)}\u001b[K`);
    this.shown = true;
  }

  end(): void {
    this.clear();
  }

  /** Erase the line if it is on screen (before any other message goes to stderr); the next update draws it again. */
  clear(): void {
    if (this.shown) this.write('\r\u001b[K');
    this.shown = false;
  }
}

/** A progress line only on a terminal, not with --quiet, not when JSON goes to stdout. */
/** Its width is the width of stderr's terminal ($COLUMNS only when that is unknown). */
export function progressFor(
  io: { stderrIsTTY: boolean; stderr(t: string): void; stderrColumns?: number; env: Record<string, string | undefined> },
  quiet: boolean | undefined,
  jsonToStdout: boolean,
  lang: 'en' | 'zh' = 'en',
): Progress | null {
  if (!io.stderrIsTTY || quiet || jsonToStdout || io.env.TERM === 'dumb') return null;
  const raw = io.stderr.bind(io);
  const p = new Progress(raw, io.stderrColumns || Number(io.env.COLUMNS) || 80, lang);
  // every other message to stderr (a note, a warning, the error that stops the run) first erases the
  // progress line, so it never reads `salesperf: reading x.csv…salesperf: error: …`
  io.stderr = (t: string) => {
    p.clear();
    raw(t);
  };
  return p;
}
