import { describe, expect, it } from 'vitest';
import { ingest, plain, writeTmp } from '../helpers.js';

describe('CSV layout quirks', () => {
  it('semicolon delimiter with decimal commas is detected per column', async () => {
    const { records, file } = await ingest([writeTmp('semi.csv', 'Datum;Verkäufer;Betrag\n05.01.2026;Anna;1.234,56\n13.01.2026;Ben;99,5\n')], { map: { rep: 'Verkäufer', amount: 'Betrag', date: 'Datum' } });
    expect(file.delimiter).toBe(';');
    expect(file.formats.decimal).toBe(',');
    expect(records.map((r) => [plain(r).date, plain(r).amount])).toEqual([['2026-01-05', '1234.56'], ['2026-01-13', '99.5']]);
  });

  it('tab and pipe delimiters', async () => {
    for (const d of ['\t', '|']) {
      const { records, file } = await ingest([writeTmp('d.csv', `Date${d}Amount${d}Rep\n2026-01-05${d}10${d}A\n`)]);
      expect(file.delimiter).toBe(d);
      expect(plain(records[0]!).amount).toBe('10');
    }
  });

  it('quoted newlines, "" and CRLF: row numbers are the line where each record starts', async () => {
    const text = 'Date,Customer,Amount\r\n2026-01-05,"Acme\r\nEast ""Wing""",10\r\n\r\n2026-01-06,"B, Ltd",20\r\n2026-01-07,C,30';
    const { records } = await ingest([writeTmp('q.csv', text)]);
    expect(records.map((r) => [r.row, r.customer, plain(r).amount])).toEqual([
      [2, 'Acme\r\nEast "Wing"', '10'],
      [5, 'B, Ltd', '20'], // line 4 is blank
      [6, 'C', '30'], // no final newline
    ]);
  });

  it('ragged rows are rejected with their line number; empty trailing fields are fine', async () => {
    const text = 'Date,Customer,Amount\n2026-01-05,A,10\n2026-01-06,B\n2026-01-07,C,30,\n2026-01-08,D,40,extra\n';
    const { records, file, issues } = await ingest([writeTmp('r.csv', text)]);
    expect(records.map((r) => r.row)).toEqual([2, 4]);
    expect(file.rejected).toBe(2);
    const ragged = issues.find((i) => i.code === 'ROW_RAGGED')!;
    expect(ragged.count).toBe(2);
    expect(ragged.examples.map((e) => [e.row, e.message])).toEqual([[3, 'expected 3 fields, got 2'], [5, 'expected 3 fields, got 4']]);
  });

  it('a header below title rows is found and the title rows are reported', async () => {
    const text = 'Monthly sales report,,\nExported 2026-02-01,,\n,,\nDate,Customer,Amount\n2026-01-05,A,10\n';
    const { records, file } = await ingest([writeTmp('t.csv', text)]);
    expect(file.headerRow).toBe(4);
    expect(file.warnings.join()).toContain('header found on row 4');
    expect(records.map((r) => [r.row, r.customer])).toEqual([[5, 'A']]);
    const forced = await ingest([writeTmp('t2.csv', text)], { headerRow: 4 });
    expect(forced.file.headerRow).toBe(4);
  });

  it('day-first slashed dates are decided from a value over 12; an undecided column is an error naming the flag', async () => {
    const dm = await ingest([writeTmp('dm.csv', 'Date,Amount\n03/01/19,1\n13/01/19,2\n')]);
    expect(dm.records.map((r) => plain(r).date)).toEqual(['2019-01-03', '2019-01-13']);
    await expect(ingest([writeTmp('amb.csv', 'Date,Amount\n03/01/19,1\n04/02/19,2\n')])).rejects.toMatchObject({ code: 'DATE_AMBIGUOUS', exitCode: 2, hint: expect.stringContaining('--date-format') });
    const forced = await ingest([writeTmp('amb2.csv', 'Date,Amount\n03/01/19,1\n')], { dateFormat: 'mdy' });
    expect(plain(forced.records[0]!).date).toBe('2019-03-01');
  });

  it('an ambiguous decimal column is refused, not guessed', async () => {
    await expect(ingest([writeTmp('n.csv', 'Date,Amount\n2026-01-01,"1,234"\n2026-01-02,"2,500"\n')])).rejects.toMatchObject({ code: 'DECIMAL_AMBIGUOUS', exitCode: 2 });
    const ok = await ingest([writeTmp('n2.csv', 'Date,Amount\n2026-01-01,"1,234"\n')], { decimal: '.' });
    expect(plain(ok.records[0]!).amount).toBe('1234');
  });

  it('text dimensions are kept verbatim', async () => {
    const { records, run } = await ingest([writeTmp('v.csv', 'Date,Amount,Customer,Code\n2026-01-01,1,NA,0123\n2026-01-02,1,null,None\n')]);
    expect(records.map((r) => r.customer)).toEqual(['NA', 'null']);
    const code = run.dimensions.find('Code')!;
    expect(records.map((r) => r.extra[code])).toEqual(['0123', 'None']);
  });

  it('several files are one data set, each record remembering its file and row', async () => {
    const a = writeTmp('jan.csv', 'Date,Amount\n2026-01-05,10\n');
    const b = writeTmp('feb.csv', 'Amount,Date\n20,2026-02-05\n30,2026-02-06\n');
    const { records, run } = await ingest([a, b]);
    expect(records.map((r) => [r.source, r.row, plain(r).amount])).toEqual([[0, 2, '10'], [1, 2, '20'], [1, 3, '30']]);
    expect(run.files.map((f) => f.accepted)).toEqual([1, 2]);
  });
});
