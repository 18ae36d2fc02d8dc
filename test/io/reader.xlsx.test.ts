import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, plain, tmp, writeXlsx } from '../helpers.js';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('XLSX reader', () => {
  it('real date cells, numeric cells, and Excel serials in a plain number column', async () => {
    const p = await writeXlsx(join(tmp(), 'dates.xlsx'), [
      { name: 'Sales', rows: [['Date', 'Amount', 'Created'], [day(2026, 1, 5), 1200.5, 46000], [day(2026, 2, 28), 731.9399999999999, 46001]] },
    ]);
    const { records } = await ingest([p], { map: { createdDate: 'Created' } });
    expect(records.map((r) => ({ ...plain(r), created: r.createdDate }))).toEqual([
      { row: 2, date: '2026-01-05', amount: '1200.5', status: 'won', rep: null, customer: null, created: 46000 - 25569 },
      { row: 3, date: '2026-02-28', amount: '731.94', status: 'won', rep: null, customer: null, created: 46001 - 25569 },
    ]);
  });

  it('the 1904 date system', async () => {
    const p = await writeXlsx(join(tmp(), 'd1904.xlsx'), [{ name: 'S', rows: [['Date', 'Amount'], [day(2024, 1, 1), 5]] }], { date1904: true });
    const { records, file } = await ingest([p]);
    expect(plain(records[0]!).date).toBe('2024-01-01');
    expect(file.kind).toBe('xlsx');
  });

  it('formula cells are read by their cached value', async () => {
    const p = await writeXlsx(join(tmp(), 'f.xlsx'), [
      {
        name: 'S',
        rows: [['Date', 'Qty', 'Price', 'Amount', 'Rep'], [day(2026, 3, 1), 3, 19.99, { formula: 'B2*C2', result: 59.97 }, { formula: '"A"&"nn"', result: 'Ann' }]],
      },
    ]);
    const { records } = await ingest([p]);
    expect(plain(records[0]!)).toMatchObject({ amount: '59.97', rep: 'Ann' });
  });

  it('a header below title rows, and rows numbered as Excel shows them', async () => {
    const p = await writeXlsx(join(tmp(), 'title.xlsx'), [
      { name: 'Report', rows: [['Sales report Q1'], [], ['Date', 'Customer', 'Amount'], [day(2026, 1, 2), 'A', 10], [], [day(2026, 1, 3), 'B', 20]] },
    ]);
    const { records, file } = await ingest([p]);
    expect(file.headerRow).toBe(3);
    expect(records.map((r) => [r.row, r.customer])).toEqual([[4, 'A'], [6, 'B']]);
  });

  it('the first sheet with data by default; --sheet by name or index', async () => {
    const p = await writeXlsx(join(tmp(), 'sheets.xlsx'), [
      { name: 'Notes', rows: [] },
      { name: 'Jan', rows: [['Date', 'Amount'], [day(2026, 1, 2), 1]] },
      { name: 'Feb', rows: [['Date', 'Amount'], [day(2026, 2, 2), 2]] },
    ]);
    expect((await ingest([p])).file.sheet).toBe('Jan');
    expect(plain((await ingest([p], { sheet: 'Feb' })).records[0]!).amount).toBe('2');
    expect(plain((await ingest([p], { sheet: '3' })).records[0]!).amount).toBe('2');
    await expect(ingest([p], { sheet: 'Mar' })).rejects.toMatchObject({ code: 'FLAG_SHEET', exitCode: 2, message: expect.stringContaining('2 "Jan"') });
  });
});
