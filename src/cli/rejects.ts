/** `--rejects FILE`: every rejected row's issues as CSV, written atomically (any data command). */
import type { Issue } from '../ingest/issues.js';
import { openAtomicStream } from '../io/atomic-stream.js';
import { csvLine } from '../render/csv-text.js';
import { isoDate } from '../core/dates.js';
import { DateCell } from '../io/source.js';

export interface RejectsSink {
  onReject(file: string, row: number, cells: unknown, issues: readonly Issue[]): void;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** `record` is the rejected row itself as one CSV line (its cells in file order), to fix at the source. */
export const REJECTS_HEADER = ['file', 'row', 'severity', 'code', 'column', 'value', 'message', 'record'];

/** A row's cells as one CSV line without its line break; date cells as ISO dates. */
function recordLine(cells: unknown): string {
  if (!Array.isArray(cells)) return '';
  const text = cells.map((c) =>
    c instanceof DateCell ? (Math.abs(c.days) < 1e8 ? isoDate(Math.floor(c.days + 1e-9)) : `day ${c.days}`) : String(c ?? ''),
  );
  return csvLine(text).replace(/\r\n$/, '');
}

/** Opens the file (refused over any of `inputs`) and writes the header. */
export function openRejects(path: string, inputs: readonly (string | null | undefined)[]): RejectsSink {
  const out = openAtomicStream(
    path,
    inputs.filter((i): i is string => typeof i === 'string'),
    '--rejects',
  );
  out.write(csvLine(REJECTS_HEADER));
  return {
    onReject(file, row, cells, issues) {
      const record = recordLine(cells);
      for (const i of issues) out.write(csvLine([file, row, i.severity, i.code, i.column ?? '', i.value ?? '', i.message, record]));
    },
    commit: () => out.commit(),
    abort: () => out.abort(),
  };
}
