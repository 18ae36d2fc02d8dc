import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, tmp, writeXlsx } from '../helpers.js';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('XLSX reader', () => {
  it('a header below title rows, and rows numbered as Excel shows them', async () => {
    const p = await writeXlsx(join(tmp(), 'title.xlsx'), [
      {
        name: 'Report',
        rows: [['Sales report Q1'], [], ['Date', 'Customer', 'Amount'], [day(2026, 1, 2), 'A', 10], [], [day(2026, 1, 3), 'B', 20]],
      },
    ]);
    const { records, file } = await ingest([p]);
    expect(file.headerRow).toBe(3);
    expect(records.map((r) => [r.row, r.customer])).toEqual([
      [4, 'A'],
      [6, 'B'],
    ]);
  });
});
