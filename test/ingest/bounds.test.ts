/**
 * Row values out of bounds become row issues naming row and column: dates
 * outside the window (text and XLSX serials), amounts beyond the money limit or
 * too long to read, control characters in text. One thread and parsing
 * workers give the same issues.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../src/core/dates.js';
import type { Issue } from '../../src/ingest/issues.js';
import { newRun, readRecords, type IngestOptions } from '../../src/ingest/read.js';
import { ingest, plain, tmp, writeTmp, writeXlsx } from '../helpers.js';

const ASOF = daysFromCivil(2026, 3, 1);
const examples = (issues: { code: string; examples: Issue[] }[], code: string) =>
  (issues.find((s) => s.code === code)?.examples ?? []).map((e) => ({
    row: e.row,
    column: e.column,
    value: e.value,
    severity: e.severity,
  }));

describe('dates outside the window', () => {
  it('typo years and year 1 are DATE_OUT_OF_RANGE errors; the window edges are kept', async () => {
    const csv = [
      'Date,Amount,Rep',
      '2026-01-05,10,Ann',
      '9999-12-31,5,Bob',
      '0001-01-01,7,Bob',
      '8017-03-01,1,Ann',
      '1899-12-31,1,Ann',
      '1900-01-01,2,Ann',
      '2031-03-01,3,Ann',
      '2031-03-02,4,Ann',
    ].join('\n');
    // with the past window opened fully, 1900-01-01 is the first day kept
    const { records, file, issues } = await ingest([writeTmp('d.csv', csv)], { asOf: ASOF, pastYears: 1000 });
    expect(records.map((r) => plain(r).date)).toEqual(['2026-01-05', '1900-01-01', '2031-03-01']);
    expect(file.rejected).toBe(5);
    expect(examples(issues, 'DATE_OUT_OF_RANGE')).toEqual([
      { row: 3, column: 'Date', value: '9999-12-31', severity: 'error' },
      { row: 4, column: 'Date', value: '0001-01-01', severity: 'error' },
      { row: 5, column: 'Date', value: '8017-03-01', severity: 'error' },
      { row: 6, column: 'Date', value: '1899-12-31', severity: 'error' },
      { row: 9, column: 'Date', value: '2031-03-02', severity: 'error' },
    ]);
    // 2031-03-01 is in the window but after the as-of date: a warning only
    expect(examples(issues, 'FUTURE_DATE').map((e) => e.row)).toEqual([8]);
  });

  it('--max-future-years moves the end of the window', async () => {
    const csv = 'Date,Amount\n2026-03-02,1\n2027-03-01,2\n2027-03-02,3\n';
    const { records, issues } = await ingest([writeTmp('d.csv', csv)], { asOf: ASOF, futureYears: 1 });
    expect(records.map((r) => plain(r).date)).toEqual(['2026-03-02', '2027-03-01']);
    expect(examples(issues, 'DATE_OUT_OF_RANGE').map((e) => e.row)).toEqual([4]);
  });

  it('--max-past-years (default 50) moves the start of the window; it never starts before 1900', async () => {
    // as-of 2026-03-01: the default window starts 1976-03-01; 1900-01-01 and 1970-01-01 are placeholders
    const csv = 'Date,Amount\n1976-02-29,1\n1976-03-01,2\n1970-01-01,3\n1900-01-01,4\n2026-01-05,5\n';
    const byDefault = await ingest([writeTmp('p.csv', csv)], { asOf: ASOF });
    expect(byDefault.records.map((r) => plain(r).amount)).toEqual(['2', '5']);
    expect(examples(byDefault.issues, 'DATE_OUT_OF_RANGE').map((e) => e.value)).toEqual(['1976-02-29', '1970-01-01', '1900-01-01']);
    const ten = await ingest([writeTmp('p.csv', csv)], { asOf: ASOF, pastYears: 10 });
    expect(ten.records.map((r) => plain(r).amount)).toEqual(['5']);
    const all = await ingest([writeTmp('p.csv', csv)], { asOf: ASOF, pastYears: 1000 });
    expect(all.records.map((r) => plain(r).amount)).toEqual(['1', '2', '3', '4', '5']);
    expect(examples(all.issues, 'DATE_OUT_OF_RANGE')).toEqual([]);
  });

  it('an impossible time of day is DATE_INVALID', async () => {
    const { records, issues } = await ingest([writeTmp('t.csv', 'Date,Amount\n2024-02-29T25:61:61Z,3\n2024-02-29T23:59:59Z,4\n')], {
      asOf: ASOF,
    });
    expect(records.map((r) => plain(r).amount)).toEqual(['4']);
    expect(examples(issues, 'DATE_INVALID')).toEqual([{ row: 2, column: 'Date', value: '2024-02-29T25:61:61Z', severity: 'error' }]);
  });

  it('XLSX: a date cell with serial 1e15 and a serial 9999999 in a number column are out of range', async () => {
    const p = await writeXlsx(join(tmp(), 's.xlsx'), [
      {
        name: 'Sales',
        rows: [
          ['Date', 'Amount', 'Created'],
          [new Date(Date.UTC(2026, 0, 5)), 10, 46000],
          [1e15, 20, 46000],
          [new Date(Date.UTC(2026, 0, 6)), 30, 9999999],
        ],
        setup: (ws) => {
          ws.getCell('A3').numFmt = 'yyyy-mm-dd';
        },
      },
    ]);
    const { records, issues } = await ingest([p], { asOf: ASOF, map: { createdDate: 'Created' } });
    // row 3 is rejected; row 4 is kept without its created date (a warning)
    expect(records.map((r) => [r.row, plain(r).amount, r.createdDate])).toEqual([
      [2, '10', 46000 - 25569],
      [4, '30', null],
    ]);
    expect(examples(issues, 'DATE_OUT_OF_RANGE').map((e) => [e.row, e.column])).toEqual([[3, 'Date']]);
    expect(examples(issues, 'CREATED_DATE_INVALID').map((e) => [e.row, e.value])).toEqual([[4, '9999999']]);
  });
});

describe('amounts out of range', () => {
  it('the largest amount is kept exactly, the next cent and huge or long cells are AMOUNT_OUT_OF_RANGE', async () => {
    const long = '1' + '0'.repeat(100_000);
    const csv = [
      'Date,Amount,Quantity',
      '2026-01-05,9999999999999.99,1',
      '2026-01-05,-9999999999999.99,1',
      '2026-01-05,10000000000000.00,1',
      '2026-01-05,1e400,1',
      `2026-01-05,${long},1`,
      '2026-01-05,5,1e300',
      '2026-01-05,0.000000000000000000001,1',
    ].join('\n');
    const { records, issues } = await ingest([writeTmp('a.csv', csv)], { asOf: ASOF });
    expect(records.map((r) => [r.row, plain(r).amount])).toEqual([
      [2, '9999999999999.99'],
      [3, '-9999999999999.99'],
    ]);
    const out = examples(issues, 'AMOUNT_OUT_OF_RANGE');
    expect(out.map((e) => [e.row, e.column])).toEqual([
      [4, 'Amount'],
      [5, 'Amount'],
      [6, 'Amount'],
      [7, 'Quantity'],
      [8, 'Amount'],
    ]);
    // the 100,001-digit cell is shown clipped, with its length
    expect(out[2]!.value).toBe('1' + '0'.repeat(39) + '… (100001 characters)');
  });
});

describe('control characters', () => {
  it('NUL and other C0 characters in a text cell are a warning with the value escaped; tab is fine', async () => {
    const csv = 'Date,Amount,Rep,Notes\n2026-01-05,1,A\u0000n,ok\n2026-01-06,2,Bo,x\u0007y\n2026-01-07,3,Cy,a\tb\n';
    const { records, issues } = await ingest([writeTmp('c.csv', csv)], { asOf: ASOF });
    expect(records.length).toBe(3);
    expect(examples(issues, 'CONTROL_CHARACTER')).toEqual([
      { row: 2, column: 'Rep', value: 'A\\u0000n', severity: 'warning' },
      { row: 3, column: 'Notes', value: 'x\\u0007y', severity: 'warning' },
    ]);
    const strict = await ingest([writeTmp('c.csv', csv)], { asOf: ASOF, strict: true });
    expect(strict.records.map((r) => r.row)).toEqual([4]);
  });
});

describe('parsing workers give the same bound issues', () => {
  it('threads 1 and 3 agree on records, issues and counts', async () => {
    const lines = ['Date,Rep,Amount,Notes'];
    for (let i = 0; i < 3000; i++) {
      const date = i % 101 === 0 ? '8017-03-01' : i % 103 === 0 ? '2024-02-29T25:00' : `2025-${String(1 + (i % 12)).padStart(2, '0')}-15`;
      const amount = i % 107 === 0 ? '10000000000000.00' : i % 109 === 0 ? '9'.repeat(200) : String(i);
      const notes = i % 113 === 0 ? `n\u0000${i}` : `n${i}`;
      lines.push(`${date},R${i % 7},${amount},${notes}`);
    }
    const p = writeTmp('par.csv', lines.join('\n') + '\n');
    const read = async (threads: number) => {
      const run = newRun();
      const records = [];
      const o: IngestOptions = { asOf: ASOF, threads, sampleRows: 40 };
      for await (const b of readRecords([p], o, run)) records.push(...b);
      return { records, issues: run.log.summary(), files: run.files, threads: run.threads };
    };
    const one = await read(1);
    const three = await read(3);
    expect(three.threads).toEqual([3]);
    expect(three.records).toEqual(one.records);
    expect(three.issues).toEqual(one.issues);
    expect(three.files).toEqual(one.files);
    const count = (code: string) => one.issues.find((s) => s.code === code)?.count;
    // by hand: multiples of 101 in 0..2999 = 30; of 103 not of 101 = 30 - 1 (0) = 29
    expect(count('DATE_OUT_OF_RANGE')).toBe(30);
    expect(count('DATE_INVALID')).toBe(29);
    // every cell of a row is checked: multiples of 107 (0 … 2996: 29) and of 109 other than 0 (109 … 2943: 27)
    expect(count('AMOUNT_OUT_OF_RANGE')).toBe(29 + 27);
    // multiples of 113 (27) on rows kept so far: 0 is rejected (its date); warnings come only for rows without errors
    expect(count('CONTROL_CHARACTER')).toBe(26);
  });
});
