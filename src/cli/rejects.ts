/** `--rejects FILE`: every rejected row's issues as CSV, written atomically (any data command). */
import type { Issue } from '../ingest/issues.js';
import { openAtomicStream } from '../io/atomic-stream.js';
import { csvLine } from '../render/csv-text.js';

export interface RejectsSink {
  onReject(file: string, row: number, cells: unknown, issues: readonly Issue[]): void;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export const REJECTS_HEADER = ['file', 'row', 'severity', 'code', 'column', 'value', 'message'];

/** Opens the file (refused over any of `inputs`) and writes the header. */
export function openRejects(path: string, inputs: readonly (string | null | undefined)[]): RejectsSink {
  const out = openAtomicStream(path, inputs.filter((i): i is string => typeof i === 'string'), '--rejects');
  out.write(csvLine(REJECTS_HEADER));
  return {
    onReject(file, row, _cells, issues) {
      for (const i of issues) out.write(csvLine([file, row, i.severity, i.code, i.column ?? '', i.value ?? '', i.message]));
    },
    commit: () => out.commit(),
    abort: () => out.abort(),
  };
}
