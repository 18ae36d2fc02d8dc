/**
 * Quirk: one huge record — a multi-MiB quoted field (notes, an HTML body)
 * spanning many read chunks. The splitter used to re-scan the unfinished
 * record on every chunk (quadratic: 15–28 s for 32 MB); it now holds it in
 * pieces and scans each chunk once. These tests check the result is exactly
 * the same whatever the chunking, and that records beyond the column, field
 * and record limits stop with exit 3 naming the line (timing is measured by
 * a script, not here).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCsv } from '../../src/io/csv-reader.js';
import { CsvSplitter } from '../../src/io/csv-split.js';
import { LIMITS } from '../../src/io/limits.js';
import { runCli, writeTmp } from '../helpers.js';

type Rec = [number, string[], boolean | 'unclosed'];

function split(pieces: string[], delimiter = ','): Rec[] {
  const out: Rec[] = [];
  const sp = new CsvSplitter(delimiter, (f, line, bad) => out.push([line, f, bad]));
  for (const p of pieces) sp.push(p);
  sp.end();
  return out;
}

/** `text` cut at the given offsets. */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((k) => k % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

describe('huge records', () => {
  it('any chunking gives the records of one push (quotes, "", CR, CRLF, junk after quotes)', () => {
    const piece = fc.constantFrom('a', 'b', ',', '"', '""', '\n', '\r', '\r\n', ' ', 'x"y');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 12 }), (parts, at) => {
        const text = parts.join('');
        expect(split(cut(text, at))).toEqual(split([text]));
      }),
      { numRuns: 2000 },
    );
  });

  it('a 6 MiB record of quoted fields with line breaks and "" pushed in 64 KiB chunks', () => {
    const big = 'Zoë said ""hi""\r\nnext line, with a comma\n'.repeat(80_000); // about 3.1 M characters
    const field = big.replace(/""/g, '"');
    const text = `date,amount,notes,more\n2026-01-05,1,"${big}","${big}"\n2026-01-06,2,x,y\n`;
    const pieces: string[] = [];
    for (let k = 0; k < text.length; k += 65_536) pieces.push(text.slice(k, k + 65_536));
    const recs = split(pieces);
    expect(recs.map((r) => r[0])).toEqual([1, 2, 3 + 2 * 160_000]); // 2 line breaks per repeat in each copy, then the record's own line end
    expect(recs[1]![1]).toEqual(['2026-01-05', '1', field, field]);
    expect(recs[1]![2]).toBe(false);
    expect(recs[2]![1]).toEqual(['2026-01-06', '2', 'x', 'y']);
  });

  it('through the reader (1 MiB reads): the same record', async () => {
    const note = 'ab,c\n"d"'.repeat(500_000); // 4 M characters
    const quoted = `"${note.replace(/"/g, '""')}"`;
    const path = writeTmp('big.csv', `date,amount,notes\n2026-01-05,1,${quoted}\n2026-01-06,2,short\n`);
    const src = await openCsv(path);
    const got: [number, unknown[]][] = [];
    for await (const b of src.batches()) b.rows.forEach((r, i) => got.push([b.lines[i]!, r]));
    expect(got).toEqual([
      [1, ['date', 'amount', 'notes']],
      [2, ['2026-01-05', '1', note]],
      [3 + 500_000, ['2026-01-06', '2', 'short']],
    ]);
  });

  it('more columns than 16,384 stop the run, in one chunk or across many', () => {
    const ok = 'x,'.repeat(LIMITS.columnsPerRow.value - 1) + 'x\n'; // 16,384 fields
    expect(split([ok])[0]![1].length).toBe(16_384);
    expect(split(cut(ok, [1000, 20_000]))[0]![1].length).toBe(16_384);
    const over = 'h\n' + 'x,'.repeat(LIMITS.columnsPerRow.value) + 'x\n'; // 16,385 fields on line 2
    expect(() => split([over])).toThrow('input: line 2: more than 16,384 columns');
    expect(() => split(cut(over, [5, 100, 20_000]))).toThrow('input: line 2: more than 16,384 columns');
  });

  it('a row too wide late in the file: the same line on one thread or in parallel (the second worker counts from its range)', () => {
    const rows = Array.from({ length: 80_000 }, (_, k) => `2026-01-05,${k},n`).join('\n'); // 1.5 MB: past the first MiB, read to sniff
    const path = writeTmp('wide.csv', `date,amount,notes\n${rows}\n${'x,'.repeat(LIMITS.columnsPerRow.value)}x\n2026-01-06,1,n\n`);
    // --threads 3: two parsing workers, the second starting mid-file
    for (const threads of ['1', '3']) {
      const r = runCli(['validate', '--threads', threads, path]);
      expect(r.stderr).toContain(`salesperf: error: ${path}: line 80002: more than 16,384 columns`);
      expect(r.code).toBe(3);
    }
  });

  it('a field over 16 Mi characters stops with exit 3 naming the line and field, on one thread or two', () => {
    const rows = Array.from({ length: 3000 }, (_, k) => `2026-01-05,${k}`).join('\n');
    const path = writeTmp('field.csv', `date,amount,notes\n${rows}\n2026-01-06,1,"${'y'.repeat(LIMITS.fieldChars.value + 1)}"\n`);
    for (const threads of ['1', '2']) {
      const r = runCli(['validate', '--threads', threads, path]);
      expect(r.stderr).toContain(`salesperf: error: ${path}: line 3002, field 3: more than 16,777,216 characters`);
      expect(r.code).toBe(3);
    }
  });
});
