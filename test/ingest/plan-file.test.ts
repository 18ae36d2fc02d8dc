import { describe, expect, it } from 'vitest';
import { SalesperfError } from '../../src/errors.js';
import { type FileSample, planFile } from '../../src/ingest/read.js';

const sample = (rows: string[][], columns: FileSample['columns'] = { date: 0, amount: 1 }): FileSample => ({
  file: 'x.csv',
  kind: 'csv',
  typedNumbers: false,
  date1904: false,
  source: 0,
  headers: ['Date', 'Amount', 'Qty'],
  columns,
  extras: [],
  rows,
});

describe('planFile: how a file is read, decided from its sample (pure)', () => {
  it('day-first dates decided by a day over 12, comma decimals, the outlier fence from the amounts', () => {
    const { plan, formats } = planFile(
      sample([
        ['03/04/2026', '1.234,50'],
        ['25/04/2026', '99,00'],
      ]),
      { asOf: null },
    );
    expect(plan.dateOrder).toBe('dmy');
    expect(plan.decimal).toBe(',');
    expect(plan.quantityDecimal).toBe('.'); // no quantity column
    expect(plan.dateSerials).toBe(false);
    expect(formats).toEqual({ date: 'day-first (decided by "25/04/2026")', decimal: ',' });
    expect(plan.file).toBe('x.csv');
    expect(plan.strict).toBe(false);
  });

  it('a workbook reads plain numbers in date columns as serials; --decimal wins over inference', () => {
    const s = { ...sample([['2026-04-03', '1,5']]), kind: 'xlsx' as const };
    const { plan, formats } = planFile(s, { asOf: 7, decimal: '.', strict: true });
    expect([plan.dateOrder, plan.dateSerials, plan.decimal, plan.asOf, plan.strict]).toEqual([null, true, '.', 7, true]);
    expect(formats).toEqual({ date: 'year-first/unambiguous', decimal: '.' });
  });

  it('dates that read both ways stop the run with a usage error naming file and column', () => {
    let err: unknown;
    try {
      planFile(
        sample([
          ['01/02/2026', '1'],
          ['03/04/2026', '2'],
        ]),
        { asOf: null },
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SalesperfError);
    expect((err as SalesperfError).code).toBe('DATE_AMBIGUOUS');
    expect((err as SalesperfError).exitCode).toBe(2);
    expect((err as SalesperfError).params).toMatchObject({ file: 'x.csv', column: '"Date"' });
  });
});
