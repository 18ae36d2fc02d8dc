import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, plain, tmp, writeXlsx } from '../helpers.js';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('XLSX reader', () => {
  it('the 1904 date system', async () => {
    const p = await writeXlsx(
      join(tmp(), 'd1904.xlsx'),
      [
        {
          name: 'S',
          rows: [
            ['Date', 'Amount'],
            [day(2024, 1, 1), 5],
          ],
        },
      ],
      { date1904: true },
    );
    const { records, file } = await ingest([p]);
    expect(plain(records[0]!).date).toBe('2024-01-01');
    expect(file.kind).toBe('xlsx');
  });
});
