/**
 * The library's inputs in memory: records (an iterable or async iterable of plain objects keyed by
 * column name) and CSV bytes (a Node Readable, a web ReadableStream). Each gives what the same data
 * gives from a file — rows, totals, statements, scores and issues — under its own name; records
 * are numbered from 1 (the header is row 0), a CSV stream keeps the file's line numbers.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import { describe, expect, it } from 'vitest';
import { payout, report, scorecard, validate, type ReportResult } from '../../src/index.js';
import { recordsSource } from '../../src/ingest/memory-source.js';
import { tmp, writeTmp } from '../helpers.js';

const HEADER = ['Date', 'Deal ID', 'Rep', 'Region', 'Customer', 'Status', 'Amount'];
const ROWS = [
  ['2026-01-10', 'D1', 'Ann', 'North', 'C1', 'Won', '100.10'],
  ['2026-01-15', 'D2', 'Bob', 'North', 'C2', 'Won', '200.20'],
  ['2026-01-20', 'D3', 'Cat', 'South', 'C3', 'Lost', '0'],
  ['2026-02-30', 'D4', 'Ann', 'North', 'C1', 'Won', '5'], // no such day: rejected
  ['2026-02-05', 'D5', 'Ann', 'North', 'C1', 'Won', '150.05'],
  ['2026-02-05', 'D5', 'Ann', 'North', 'C1', 'Won', '150.05'], // the same row again: DUPLICATE_ROW
  ['2026-02-10', 'D6', 'Cat', 'South', 'C4', 'Won', '300'],
  ['2026-03-03', 'D7', 'Bob', 'North', 'C2', 'Won', '250.50'],
];
const CSV = [HEADER, ...ROWS].map((r) => r.join(',')).join('\n') + '\n';
const RECORDS = ROWS.map((r) => Object.fromEntries(HEADER.map((h, i) => [h, r[i]!])));
const AS_OF = '2026-03-31';

/** A report without what names its inputs (file name, hash): the figures and the issues. */
const figures = ({ meta: { inputs, ...meta }, ...rest }: ReportResult) => ({
  meta,
  inputs: inputs.map(({ file: _f, sha256: _s, ...i }) => i),
  ...rest,
});

async function* slowly<T>(xs: T[]): AsyncGenerator<T> {
  for (const x of xs) {
    await new Promise((r) => setImmediate(r));
    yield x;
  }
}

describe('records in memory', () => {
  it('give the report the file gives: rows, totals, issues, notes', async () => {
    const file = writeTmp('sales.csv', CSV);
    const options = { by: 'region', kpis: ['revenue', 'deals', 'winRate', 'newCustomers'], asOf: AS_OF };
    const fromFile = await report({ files: [file], ...options });
    const fromRecords = await report({ files: [{ records: RECORDS }], ...options });
    const fromAsync = await report({ files: [{ records: slowly(RECORDS) }], ...options });
    expect(figures(fromRecords)).toEqual(figures(fromFile));
    expect(figures(fromAsync)).toEqual(figures(fromFile));
    expect(fromRecords.meta.inputs).toEqual([
      {
        file: '<records>',
        sha256: null,
        kind: 'csv',
        rowsRead: 8,
        accepted: 7,
        rejected: 1,
        excluded: 0,
        mapping: fromFile.meta.inputs[0]!.mapping,
      },
    ]);
    // by hand: January North 100.10 + 200.20, February South 300 (Cat's January deal was lost);
    // the duplicate row is a warning, kept: February North 150.05 twice
    const at = (p: string, region: string) => fromRecords.rows.find((r) => r.period === p && r.region === region);
    expect(at('2026-01', 'North')).toMatchObject({ revenue: 300.3, deals: 2 });
    expect(at('2026-02', 'South')).toMatchObject({ revenue: 300, winRate: 1 });
    expect(at('2026-02', 'North')).toMatchObject({ revenue: 300.1 });
    expect(fromRecords.issues).toEqual({ DATE_INVALID: 1, DUPLICATE_ROW: 1 });
  });

  it('are validated as the file is, each problem at its record number (the file’s line minus one)', async () => {
    const file = writeTmp('sales.csv', CSV);
    const a = await validate({ files: [file], asOf: AS_OF });
    const b = await validate({ files: [{ records: RECORDS }], asOf: AS_OF });
    expect(b.summary).toEqual(a.summary);
    expect(b.exitCode).toBe(1);
    const where = (v: typeof a) => v.issues.flatMap((i) => i.examples.map((e) => [e.code, e.file, e.row, e.column, e.value]));
    expect(where(b)).toEqual(where(a).map(([code, , row, column, value]) => [code, '<records>', (row as number) - 1, column, value]));
    // record 4 is 2026-02-30; record 6 repeats record 5
    expect(where(b).map((x) => [x[0], x[2]])).toEqual([
      ['DATE_INVALID', 4],
      ['DUPLICATE_ROW', 6],
    ]);
    expect(b.files[0]).toMatchObject({ file: '<records>', headerRow: 0, headers: HEADER, rowsRead: 8 });
  });

  it('take numbers, Dates and nulls as typed values: the same figures as their text', async () => {
    const typed = RECORDS.filter((r) => r['Date'] !== '2026-02-30').map((r) => ({
      ...r,
      Amount: Number(r['Amount']),
      Date: new Date(`${r['Date']}T00:00:00Z`),
      Customer: r['Customer'] === 'C3' ? null : r['Customer'],
    }));
    const text = RECORDS.filter((r) => r['Date'] !== '2026-02-30').map((r) => ({
      ...r,
      Customer: r['Customer'] === 'C3' ? '' : r['Customer'],
    }));
    const options = { kpis: ['revenue', 'deals', 'newCustomers'], asOf: AS_OF };
    const a = await report({ files: [{ records: typed }], ...options });
    const b = await report({ files: [{ records: text }], ...options });
    expect(figures(a)).toEqual(figures(b));
    expect(a.totals.map((t) => [t.period, t.revenue])).toEqual([
      ['2026-01', 300.3],
      ['2026-02', 600.1],
      ['2026-03', 250.5],
    ]);
  });

  it('are read a batch at a time, never collected first', async () => {
    let pulled = 0;
    function* counted() {
      for (const r of RECORDS) {
        pulled++;
        yield r;
      }
    }
    const it = recordsSource({ records: counted() }, '<records>', 3).batches()[Symbol.asyncIterator]();
    const first = await it.next();
    // the header and two records fill the first batch of three rows: two records pulled of eight
    expect(first.value!.rows).toEqual([HEADER, ROWS[0], ROWS[1]]);
    expect(first.value!.lines).toEqual([0, 1, 2]);
    expect(pulled).toBe(2);
    await it.next();
    expect(pulled).toBe(5);
  });

  it('give the scorecard and the payout the file gives', async () => {
    const file = writeTmp('sales.csv', CSV);
    const s1 = await scorecard({ files: [file], period: '2026-02', asOf: AS_OF });
    const s2 = await scorecard({ files: [{ records: RECORDS }], period: '2026-02', asOf: AS_OF });
    expect(s2).toEqual(s1);
    const plan = { name: 'Base 10%', base: { rate: 0.1 } };
    const p1 = await payout({ files: [file], plan, asOf: AS_OF });
    const p2 = await payout({ files: [{ records: slowly(RECORDS) }], plan, asOf: AS_OF });
    expect(p2).toEqual(p1);
    // Ann: 10% of 100.10 in January, of 150.05 in February (the duplicate row is kept, as from the file)
    expect(p2.statements.filter((s) => s.rep === 'Ann').map((s) => [s.period, s.credited, s.total])).toEqual([
      ['2026-01', 100.1, 10.01],
      ['2026-02', 300.1, 30.01],
    ]);
  });

  it('stop with a SalesperfError naming the record and key for a key outside the header, a value that is not a cell, or a record that is not an object', async () => {
    const run = (records: object[], columns?: string[]) => report({ files: [{ records, ...(columns ? { columns } : {}) }], asOf: AS_OF });
    const extra = [...RECORDS.slice(0, 2), { ...RECORDS[2], Discount: '5' }];
    await expect(run(extra)).rejects.toMatchObject({
      code: 'RECORDS_KEY_UNKNOWN',
      exitCode: 2,
      message: expect.stringMatching(/^<records>: record 3 has the key "Discount", which is not a column/),
    });
    // with every column named up front, a record may leave some out
    const r = await run([{ Date: '2026-01-10', Status: 'Won', Amount: '1' }, ...extra], [...HEADER, 'Discount']);
    expect(r.totals.map((t) => t.revenue)).toEqual([301.3]);
    await expect(run([...RECORDS.slice(0, 1), { ...RECORDS[1], Amount: { value: 1 } }])).rejects.toMatchObject({
      code: 'RECORDS_VALUE',
      exitCode: 2,
      message: '<records>: record 2, key "Amount": a value is text, a number, a boolean, a Date or null, not object',
    });
    await expect(run([RECORDS[0]!, ['2026-01-10', 'D9']])).rejects.toMatchObject({
      code: 'RECORDS_NOT_OBJECT',
      exitCode: 2,
      message: expect.stringMatching(/^<records>: record 2 is array/),
    });
    await expect(report({ files: [42 as unknown as string], asOf: AS_OF })).rejects.toMatchObject({ code: 'INPUT_KIND', exitCode: 2 });
  });

  it('are named <records>, <records 2>… or by their own name, in the inputs and in the issues', async () => {
    const r = await report({
      files: [{ records: RECORDS.slice(0, 4) }, { records: RECORDS.slice(4) }, { records: RECORDS.slice(0, 1), name: 'crm-api' }],
      asOf: AS_OF,
    });
    expect(r.meta.inputs.map((i) => [i.file, i.rowsRead])).toEqual([
      ['<records>', 4],
      ['<records 2>', 4],
      ['crm-api', 1],
    ]);
    // crm-api's one record repeats <records>' first: a duplicate across inputs, as across files
    expect(r.issues).toEqual({ DATE_INVALID: 1, DUPLICATE_ROW: 2 });
  });
});

describe('CSV bytes from a stream', () => {
  it('give what the file gives, line numbers included, from a Node Readable and a web ReadableStream cut mid-character', async () => {
    const zh = CSV.replace('Ann', '安娜').replace(/Ann/g, '安娜');
    const file = writeTmp('sales.csv', zh);
    const options = { by: 'rep', kpis: ['revenue', 'deals'], asOf: AS_OF };
    const fromFile = await report({ files: [file], ...options });
    const fromNode = await report({ files: [{ csv: createReadStream(file, { highWaterMark: 7 }) }], ...options });
    const bytes = new TextEncoder().encode(zh);
    const cut = bytes.indexOf(0xe5) + 1; // inside the first byte sequence of 安
    const web = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.subarray(0, cut));
        c.enqueue(bytes.subarray(cut));
        c.close();
      },
    });
    const fromWeb = await report({ files: [{ csv: web, name: 'upload.csv' }], ...options });
    expect(figures(fromNode)).toEqual(figures(fromFile));
    expect(figures(fromWeb)).toEqual(figures(fromFile));
    expect([fromNode.meta.inputs[0]!.file, fromWeb.meta.inputs[0]!.file, fromWeb.meta.inputs[0]!.sha256]).toEqual([
      '<csv>',
      'upload.csv',
      null,
    ]);
    expect(fromWeb.rows.find((r) => r.rep === '安娜' && r.period === '2026-01')).toMatchObject({ revenue: 100.1, deals: 1 });
    const v1 = await validate({ files: [file], asOf: AS_OF });
    const v2 = await validate({ files: [{ csv: Readable.from([Buffer.from(zh)]) }], asOf: AS_OF });
    expect(v2.issues.map((i) => i.examples.map((e) => [e.code, e.row]))).toEqual(
      v1.issues.map((i) => i.examples.map((e) => [e.code, e.row])),
    );
    expect(v2.files[0]).toMatchObject({ file: '<csv>', encoding: 'utf-8', delimiter: ',', headerRow: 1 });
  });

  it('is read with the files given with it, as one data set', async () => {
    const dir = tmp();
    const a = writeTmp('a.csv', [HEADER.join(','), ...ROWS.slice(0, 4).map((r) => r.join(','))].join('\n') + '\n', dir);
    const rest = [HEADER.join(','), ...ROWS.slice(4).map((r) => r.join(','))].join('\n') + '\n';
    const both = await report({ files: [a, { csv: Readable.from([rest]) }], kpis: ['revenue'], asOf: AS_OF });
    const whole = await report({ files: [writeTmp('all.csv', CSV, dir)], kpis: ['revenue'], asOf: AS_OF });
    expect(both.totals).toEqual(whole.totals);
    expect(both.meta.inputs.map((i) => i.file)).toEqual([a, '<csv>']);
  });
});
