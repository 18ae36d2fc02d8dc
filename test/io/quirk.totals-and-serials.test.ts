import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, plain, runCli, tmp, writeTmp, writeXlsx } from '../helpers.js';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const codes = (issues: { code: string; count: number }[]) => Object.fromEntries(issues.map((i) => [i.code, i.count]));

describe('XLSX: a plain number in a date column is an Excel serial', () => {
  it('46270 without a date format reads as 2026-09-05 (serial day 0 is 1899-12-30)', async () => {
    const expected = new Date(Date.UTC(1899, 11, 30) + 46270 * 86_400_000).toISOString().slice(0, 10);
    expect(expected).toBe('2026-09-05');
    const p = await writeXlsx(join(tmp(), 'serial.xlsx'), [
      // the column also holds a date typed as text, so its values are not 90% serials
      {
        name: 'Sales',
        rows: [
          ['Date', 'Rep', 'Amount'],
          [day(2026, 9, 1), 'Ann', 10],
          [46270, 'Bob', 20],
          ['2026-09-06', 'Bob', 5],
          [day(2026, 9, 7), 'Ann', 30],
        ],
      },
    ]);
    const { records, issues } = await ingest([p], { asOf: null });
    expect(records.map((r) => plain(r).date)).toEqual(['2026-09-01', expected, '2026-09-06', '2026-09-07']);
    expect(codes(issues)).toEqual({});
  });

  it('a serial beyond the date range is still an error', async () => {
    const p = await writeXlsx(join(tmp(), 'serial-far.xlsx'), [
      {
        name: 'Sales',
        rows: [
          ['Date', 'Rep', 'Amount'],
          [day(2026, 9, 1), 'Ann', 10],
          [9999999, 'Bob', 20],
        ],
      },
    ]);
    const { records, issues } = await ingest([p], { asOf: null });
    expect(records).toHaveLength(1);
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.examples[0]!.row)).toEqual([3]);
  });
});

describe('a totals row is left out with an info, not summed and not an error', () => {
  it('CSV: 合计 in the date column, numbers elsewhere', async () => {
    const csv = '日期,业务员,客户,销售额\n2026-03-02,张伟,客户A,100.50\n2026-03-09,李娜,客户B,80\n合计,,,180.50\n';
    const { records, issues, file } = await ingest([writeTmp('t.csv', csv)]);
    expect(records.map((r) => plain(r).amount)).toEqual(['100.5', '80']);
    expect(codes(issues)).toEqual({ TOTALS_ROW: 1 });
    const t = issues.find((i) => i.code === 'TOTALS_ROW')!;
    expect(t.severity).toBe('info');
    expect(t.examples[0]).toMatchObject({ row: 4, column: '日期', value: '合计' });
    expect(file.excluded).toBe(1);
    expect(file.rejected).toBe(0);
  });

  it('CLI validate on it exits 0 (it was DATE_INVALID, exit 1)', () => {
    const csv = 'Datum;Verkäufer;Betrag\n23.03.2026;Müller;1.234,56\n19.03.2026;Schmidt;100,00\nGesamt:;;1.334,56\n';
    const r = runCli(['validate', '--format', 'json', writeTmp('de.csv', csv)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('TOTALS_ROW');
  });

  it('XLSX: "Grand Total" in the first column (not the date column), sums as numbers', async () => {
    const p = await writeXlsx(join(tmp(), 'totals.xlsx'), [
      {
        name: 'Sales',
        rows: [
          ['Rep', 'Date', 'Amount'],
          ['Ann', day(2026, 3, 2), 10],
          ['Bob', day(2026, 3, 3), 20],
          ['Grand Total', null, 30],
        ],
      },
    ]);
    const { records, issues } = await ingest([p]);
    expect(records.map((r) => r.rep)).toEqual(['Ann', 'Bob']);
    expect(codes(issues)).toEqual({ TOTALS_ROW: 1 });
  });

  it('a row labelled Total with text in other cells is not a totals row: still an error', async () => {
    const csv = 'date,rep,amount\n2026-03-02,Ann,10\nTotal,Ann,10\n';
    const { records, issues } = await ingest([writeTmp('t.csv', csv)]);
    expect(records).toHaveLength(1);
    expect(codes(issues)).toEqual({ DATE_INVALID: 1 });
  });
});
