/**
 * Parsing workers over byte ranges must give exactly what one sequential pass
 * gives: the same records in the same order, the same issues (duplicates and
 * deal conflicts across ranges included), the same rejected rows and counts,
 * wherever the cuts fall — inside quoted line breaks too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/ingest/issues.js';
import { newRun, readRecords, type IngestOptions } from '../../src/ingest/read.js';
import type { SalesRecord } from '../../src/ingest/record.js';
import { DateCell } from '../../src/io/source.js';
import { runCli, tmp, writeTmp, writeXlsx } from '../helpers.js';

/** A seeded messy export: BOM, CRLF, quoted commas, quotes and line breaks, blank lines, ragged and malformed rows, bad cells, duplicates, deal conflicts, huge amounts. */
function messyCsv(rows: number, seed: number): string {
  let x = seed;
  const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const reps = ['Ana', 'Bo', '李雷', 'Dee "D" Ross', 'Eve, Jr.'];
  const products = ['Widget', 'Gadget, Small', 'Gizmo "Pro"', 'Kit\nwith manual', '配件'];
  const statuses = ['Won', 'Won', 'Won', 'Lost', 'Open', 'Refund', 'Parked'];
  const esc = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  const out: string[] = ['\ufeffDate,Deal ID,Rep,Customer,Product,Status,Amount,Quantity,Notes'];
  const made: string[] = [];
  for (let i = 0; i < rows; i++) {
    const r = rnd();
    if (r < 0.02) {
      out.push(''); // blank line
      continue;
    }
    if (r < 0.04 && made.length) {
      out.push(pick(made)); // an exact duplicate of an earlier row
      continue;
    }
    const day = 1 + Math.floor(rnd() * 28);
    const month = 1 + Math.floor(rnd() * 12);
    let date = `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (r < 0.05) date = '2025-02-31';
    let amount = (rnd() * 5000 - 200).toFixed(2);
    if (r > 0.997)
      amount = '123456789012345678.25'; // beyond the money limit: AMOUNT_OUT_OF_RANGE
    else if (r > 0.995)
      amount = '1234567.1234567890123'; // exact, with bigint units
    else if (r > 0.99) amount = 'n/a';
    const deal = `D${Math.floor(rnd() * rows * 0.8)}`; // repeats: line items and conflicts
    const notes = rnd() < 0.3 ? `note ${i}\r\nsecond line, "quoted"\nthird` : rnd() < 0.5 ? '' : `n${i}`;
    const cells = [
      date,
      deal,
      pick(reps),
      `C${Math.floor(rnd() * 300)}`,
      pick(products),
      pick(statuses),
      amount,
      String(1 + Math.floor(rnd() * 9)),
      notes,
    ];
    let line = cells.map(esc).join(',');
    if (r > 0.985 && r <= 0.99) line += ',extra'; // ragged
    if (r > 0.98 && r <= 0.985) line = line.replace(/^([^,]*),/, '"$1"x,'); // text after a closing quote
    made.push(line);
    out.push(line);
  }
  return out.join('\r\n') + '\r\n';
}

interface Read {
  records: SalesRecord[];
  files: unknown;
  issues: unknown;
  unknown: [string, number][];
  rejects: [string, number, unknown[], string[]][];
  threads: number[];
}

async function read(paths: string[], options: Partial<IngestOptions>): Promise<Read> {
  const run = newRun();
  const records: SalesRecord[] = [];
  const rejects: Read['rejects'] = [];
  const o: IngestOptions = {
    asOf: null,
    sampleRows: 40,
    onReject: (f, row, cells, issues: Issue[]) => rejects.push([f, row, [...cells], issues.map((i) => `${i.code}:${i.message}`)]),
    ...options,
  };
  for await (const b of readRecords(paths, o, run)) records.push(...b);
  return { records, files: run.files, issues: run.log.summary(), unknown: [...run.unknownStatuses], rejects, threads: run.threads };
}

describe('parallel CSV parsing', () => {
  const messy = writeTmp('messy.csv', messyCsv(6000, 11));

  it('gives the same records, issues and rejects as one thread, for 2 to 8 threads', async () => {
    const one = await read([messy], { threads: 1 });
    expect(one.threads).toEqual([1]);
    // the fixture has what it should: every kind of problem, and rows kept
    const codes = (one.issues as { code: string; count: number }[]).map((s) => s.code);
    for (const c of [
      'DATE_INVALID',
      'AMOUNT_INVALID',
      'AMOUNT_OUT_OF_RANGE',
      'ROW_RAGGED',
      'CSV_MALFORMED',
      'DUPLICATE_ROW',
      'DEAL_CONFLICT',
      'STATUS_UNKNOWN',
    ])
      expect(codes).toContain(c);
    expect(one.records.length).toBeGreaterThan(4000);
    expect(one.records.some((r) => typeof r.units === 'bigint')).toBe(true);
    expect(one.rejects.length).toBeGreaterThan(100);
    for (const threads of [2, 3, 4, 8]) {
      const many = await read([messy], { threads });
      expect(many.threads).toEqual([threads]);
      expect(many.records).toEqual(one.records);
      expect(many.issues).toEqual(one.issues);
      expect(many.files).toEqual(one.files);
      expect(many.unknown).toEqual(one.unknown);
      expect(many.rejects).toEqual(one.rejects);
    }
  });

  it('reads on when a cut falls inside a quoted field that spans many lines', async () => {
    const head = 'Date,Rep,Amount,Notes\n2025-01-01,Ana,10,short\n';
    const giant = `2025-01-02,Bo,20,"${Array.from({ length: 4000 }, (_, i) => `line ${i}, still inside`).join('\n')}"\n`;
    const tail = Array.from({ length: 60 }, (_, i) => `2025-01-03,Cy,${i},t${i}\n`).join('');
    const p = writeTmp('giant.csv', head + giant + tail);
    const one = await read([p], { threads: 1, sampleRows: 1 });
    const three = await read([p], { threads: 3, sampleRows: 1 });
    expect(three.threads).toEqual([3]);
    expect(three.records).toEqual(one.records);
    expect(three.files).toEqual(one.files);
    // by hand: the giant row starts on line 3 and spans 4,000 lines, so the tail starts on line 4003
    expect(one.records.map((r) => r.row).slice(0, 3)).toEqual([2, 3, 4003]);
    expect(one.records.at(-1)!.row).toBe(4062);
    expect(one.records.length).toBe(62);
  });

  it('skips title rows above the header in the first range; --strict and other encodings keep one thread', async () => {
    const body = Array.from({ length: 3000 }, (_, i) => `2025-01-${String(1 + (i % 28)).padStart(2, '0')};R${i % 5};${i},5\n`).join('');
    const p = writeTmp('titled.csv', 'Sales report;;\nJanuary;;\nDate;Rep;Amount\n' + body);
    const one = await read([p], { threads: 1 });
    const four = await read([p], { threads: 4 });
    expect(four.threads).toEqual([4]);
    expect(four.records).toEqual(one.records);
    expect(four.files).toEqual(one.files);
    // by hand: header on line 3, so 3,000 rows on lines 4 to 3003; amounts use a decimal comma
    expect(one.records.length).toBe(3000);
    expect([one.records[0]!.row, one.records.at(-1)!.row]).toEqual([4, 3003]);
    expect([one.records[1]!.units, one.records[1]!.scale]).toEqual([15, 1]);
    expect((await read([p], { threads: 4, strict: true })).threads).toEqual([1]);
    expect((await read([p], { threads: 4, encoding: 'windows-1252' })).threads).toEqual([1]);
    expect((await read([p], { threads: 4, csvEngine: 'csv-parse' })).threads).toEqual([1]);
  });

  it('reads a workbook in a worker the same as on the main thread: dates, title rows, rejected rows with date cells', async () => {
    const rows: unknown[][] = [['Quarterly export'], [], ['Close Date', 'Rep', 'Amount', 'Created']];
    for (let i = 0; i < 3000; i++) {
      const d = new Date(Date.UTC(2025, i % 12, 1 + (i % 28)));
      const amount = i % 97 === 0 ? 'lots' : i % 89 === 0 ? -5 : (i * 7) % 1000;
      rows.push([d, `Rep ${i % 6}`, amount, i % 50 === 0 ? 'soon' : new Date(Date.UTC(2024, i % 12, 1))]);
      if (i % 500 === 0) rows.push([d, `Rep ${i % 6}`, amount, new Date(Date.UTC(2024, i % 12, 1))]);
    }
    const p = await writeXlsx(`${tmp()}/book.xlsx`, [{ name: 'Deals', rows }]);
    const one = await read([p], { threads: 1 });
    const two = await read([p], { threads: 2 });
    expect(two.threads).toEqual([2]);
    expect(two.records).toEqual(one.records);
    expect(two.issues).toEqual(one.issues);
    expect(two.files).toEqual(one.files);
    expect(two.rejects).toEqual(one.rejects);
    // by hand: header on sheet row 3; i = 0, 97, 194, … 2910 have amount "lots" (31 rows); the row
    // i = 0 (sheet row 4) is repeated on row 5, and its copy is rejected too, so the first record
    // is i = 1 on row 6; rejected rows keep their date cells
    expect(one.records[0]!.row).toBe(6);
    expect(one.rejects.length).toBe(32);
    expect(one.rejects[0]![2][0]).toBeInstanceOf(DateCell);
    expect(two.rejects[0]![2][0]).toBeInstanceOf(DateCell);
  });

  it('finds duplicates and deal conflicts across ranges and files, naming the first sighting', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `2025-03-${String(1 + (i % 28)).padStart(2, '0')},D${i},Ana,C${i},${i}.00\n`);
    const a = writeTmp('a.csv', 'Date,Deal,Rep,Customer,Amount\n' + rows.join('') + rows[5] + '2025-03-02,D7,Bo,C7,7.00\n');
    const b = writeTmp('b.csv', 'Date,Deal,Rep,Customer,Amount\n' + rows[10] + rows.slice(100, 300).join(''));
    const one = await read([a, b], { threads: 1 });
    const four = await read([a, b], { threads: 4 });
    expect(four.threads).toEqual([4, 4]);
    expect(four.issues).toEqual(one.issues);
    expect(four.records).toEqual(one.records);
    const dup = (one.issues as { code: string; count: number; examples: Issue[] }[]).find((s) => s.code === 'DUPLICATE_ROW')!;
    // by hand: row 7 of a.csv again at the end of a.csv (line 402), and b.csv repeats a.csv rows 12 and 102-301
    expect(dup.count).toBe(1 + 1 + 200);
    expect(dup.examples[0]).toMatchObject({ file: a, row: 402, message: `same as ${a}:7` });
    expect(dup.examples[1]).toMatchObject({ file: b, row: 2, message: `same as ${a}:12` });
    const conflict = (one.issues as { code: string; examples: Issue[] }[]).find((s) => s.code === 'DEAL_CONFLICT')!;
    expect(conflict.examples[0]).toMatchObject({ file: a, row: 403 });
    expect(conflict.examples[0]!.message).toContain(`rep "Bo" (was "Ana")`);
  });

  it('reports bytes that are not UTF-8 in a later range as one pass does', async () => {
    const ok = 'Date,Rep,Amount\n' + Array.from({ length: 60000 }, (_, i) => `2025-01-01,Rep ${i % 7},${i}\n`).join('');
    const bad = Buffer.concat([Buffer.from(ok), Buffer.from([0x32, 0x30, 0xff, 0x0a])]);
    const p = writeTmp('bad-late.csv', bad);
    const errorOf = async (threads: number) => {
      try {
        await read([p], { threads });
      } catch (e) {
        return { code: (e as { code: string }).code, message: (e as Error).message };
      }
      return null;
    };
    const one = await errorOf(1);
    expect(one).toEqual({
      code: 'INPUT_UNDECODABLE',
      message: `${p}: not valid utf-8 (first bad byte at offset ${Buffer.byteLength(ok) + 2}); the encoding was detected from the first MiB`,
    });
    expect(await errorOf(3)).toEqual(one);
  });

  it('report --threads N writes the same JSON bytes as --threads 1; a bad --threads is a usage error', () => {
    const dir = tmp();
    const outs = [1, 2, 5].map((t) => {
      const out = `${dir}/r${t}.json`;
      const r = runCli(['report', messy, '--by', 'rep', '--as-of', '2026-01-01', '--format', 'json', '--out', out, '--threads', String(t)]);
      expect({ code: r.code, signal: r.signal, threads: t }, r.stderr).toEqual({ code: 1, signal: null, threads: t }); // the fixture has rejected rows
      return readFileSync(out, 'utf8');
    });
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
    const bad = runCli(['report', messy, '--threads', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--threads: expected a whole number from 1 to 64, got "0"');
  });
});
