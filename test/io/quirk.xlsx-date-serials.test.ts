import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, plain, tmp, writeXlsx } from '../helpers.js';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('XLSX reader', () => {
  it('real date cells, numeric cells, and Excel serials in a plain number column', async () => {
    const p = await writeXlsx(join(tmp(), 'dates.xlsx'), [
      {
        name: 'Sales',
        rows: [
          ['Date', 'Amount', 'Created'],
          [day(2026, 1, 5), 1200.5, 46000],
          [day(2026, 2, 28), 731.9399999999999, 46001],
        ],
      },
    ]);
    const { records } = await ingest([p], { map: { createdDate: 'Created' } });
    expect(records.map((r) => ({ ...plain(r), created: r.createdDate }))).toEqual([
      { row: 2, date: '2026-01-05', amount: '1200.5', status: 'won', rep: null, customer: null, created: 46000 - 25569 },
      { row: 3, date: '2026-02-28', amount: '731.94', status: 'won', rep: null, customer: null, created: 46001 - 25569 },
    ]);
  });
});
