/** Read a small side file (targets, spend, org) whole: header row detected, rows kept. */
import type { SideTable } from '../engine/side-tables.js';
import { detectHeaderRow } from '../ingest/infer.js';
import { openSource, type IngestOptions } from '../ingest/read.js';
import type { Cell } from './source.js';

export async function readSideTable(path: string, options: Pick<IngestOptions, 'encoding' | 'delimiter' | 'sheet'> = {}): Promise<SideTable> {
  const src = await openSource(path, { asOf: null, ...options });
  const rows: Cell[][] = [];
  const lines: number[] = [];
  for await (const b of src.batches()) {
    for (let i = 0; i < b.rows.length; i++) {
      rows.push(b.rows[i]!);
      lines.push(b.lines[i]!);
    }
  }
  const h = rows.length ? detectHeaderRow(rows) : 0;
  return {
    file: src.info.file,
    ...(src.info.sheet !== undefined ? { sheet: src.info.sheet } : {}),
    headers: (rows[h] ?? []).map((c) => (typeof c === 'string' ? c : '')),
    rows: rows.slice(h + 1),
    lines: lines.slice(h + 1),
    typedNumbers: src.info.typedNumbers,
    date1904: src.info.date1904 ?? false,
  };
}
