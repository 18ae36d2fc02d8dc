import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, plain, tmp, writeXlsx } from '../helpers.js';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('XLSX reader', () => {
  it('formula cells are read by their cached value', async () => {
    const p = await writeXlsx(join(tmp(), 'f.xlsx'), [
      {
        name: 'S',
        rows: [
          ['Date', 'Qty', 'Price', 'Amount', 'Rep'],
          [day(2026, 3, 1), 3, 19.99, { formula: 'B2*C2', result: 59.97 }, { formula: '"A"&"nn"', result: 'Ann' }],
        ],
      },
    ]);
    const { records } = await ingest([p]);
    expect(plain(records[0]!)).toMatchObject({ amount: '59.97', rep: 'Ann' });
  });
});
