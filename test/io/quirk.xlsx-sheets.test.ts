import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, plain, tmp, writeXlsx } from '../helpers.js';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('XLSX reader', () => {
  it('the first sheet with data by default; --sheet by name or index', async () => {
    const p = await writeXlsx(join(tmp(), 'sheets.xlsx'), [
      { name: 'Notes', rows: [] },
      {
        name: 'Jan',
        rows: [
          ['Date', 'Amount'],
          [day(2026, 1, 2), 1],
        ],
      },
      {
        name: 'Feb',
        rows: [
          ['Date', 'Amount'],
          [day(2026, 2, 2), 2],
        ],
      },
    ]);
    expect((await ingest([p])).file.sheet).toBe('Jan');
    expect(plain((await ingest([p], { sheet: 'Feb' })).records[0]!).amount).toBe('2');
    expect(plain((await ingest([p], { sheet: '3' })).records[0]!).amount).toBe('2');
    await expect(ingest([p], { sheet: 'Mar' })).rejects.toMatchObject({
      code: 'FLAG_SHEET',
      exitCode: 2,
      message: expect.stringContaining('2 "Jan"'),
    });
  });
});
