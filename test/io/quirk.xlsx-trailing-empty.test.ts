import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, tmp, writeXlsx } from '../helpers.js';

describe('XLSX reader', () => {
  it('rows with empty trailing cells are not ragged (a sheet does not store them)', async () => {
    const p = await writeXlsx(join(tmp(), 'trail.xlsx'), [
      {
        name: 'S',
        rows: [
          ['Date', 'Amount', 'Rep', 'Note'],
          [new Date(Date.UTC(2026, 0, 2)), 5, 'Ann'],
          [new Date(Date.UTC(2026, 0, 3)), 6],
        ],
      },
    ]);
    const { records, file } = await ingest([p]);
    expect(file.rejected).toBe(0);
    expect(records.map((r) => [r.row, r.rep])).toEqual([
      [2, 'Ann'],
      [3, null],
    ]);
  });
});
