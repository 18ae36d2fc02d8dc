/**
 * Quirk: one huge quoted cell made of `""` pairs (a million of them: 2 MB of text that
 * unescapes to 1 MB of quotes). Its field used to be built pair by pair, a rope of a million
 * pieces kept alive with its row (68 MB with 34 such cells peaked at 1.3 GiB); it is now one
 * slice per run of quotes, joined once. Memory and time are measured by a script
 * (perf/hostile-shapes.mjs), not here: these tests check the values, whatever the chunking.
 */
import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CsvSplitter, unescapeQuotes } from '../../src/io/csv-split.js';
import { openCsv } from '../../src/io/csv-reader.js';
import { runCli, writeTmp } from '../helpers.js';

type Rec = [number, string[], boolean | 'unclosed'];

function split(pieces: string[]): Rec[] {
  const out: Rec[] = [];
  const sp = new CsvSplitter(',', (f, line, bad) => out.push([line, f, bad]));
  for (const p of pieces) sp.push(p);
  sp.end();
  return out;
}

/** The unescaping done the slow, obvious way: one character at a time. */
function naiveUnescape(inside: string): string {
  let out = '';
  for (let k = 0; k < inside.length; k++) {
    out += inside[k];
    if (inside[k] === '"') k++; // the second quote of a pair
  }
  return out;
}

describe('a huge quoted cell of "" pairs', () => {
  it('unescapeQuotes halves each run of pairs and keeps the text between them', () => {
    expect(unescapeQuotes('x"ab""c""""d"y', 2, 12)).toBe('ab"c""d');
    expect(unescapeQuotes('""', 0, 2)).toBe('"');
    expect(unescapeQuotes('abc', 0, 3)).toBe('abc');
    expect(unescapeQuotes('""""""', 0, 6)).toBe('"""');
  });

  it('unescapeQuotes agrees with a character-by-character unescape on random fields', () => {
    const inside = fc.array(fc.constantFrom('a', '""', ',', '\n', '中', '""""'), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(inside, fc.string({ maxLength: 3 }), (s, pad) => {
        const text = `${pad}"${s}"${pad}`;
        expect(unescapeQuotes(text, pad.length + 1, pad.length + 1 + s.length)).toBe(naiveUnescape(s));
      }),
    );
  });

  it('runs of quotes cut anywhere by chunk ends give the records of one push', () => {
    const row = fc.array(fc.constantFrom('a', '"', '""', '"""', ',', '\n', '\r\n', 'b'), { maxLength: 25 }).map((a) => a.join(''));
    fc.assert(
      fc.property(row, fc.array(fc.nat(), { maxLength: 6 }), (text, at) => {
        const points = [...new Set(at.map((k) => k % (text.length + 1)))].sort((a, b) => a - b);
        const pieces: string[] = [];
        let from = 0;
        for (const p of points) {
          pieces.push(text.slice(from, p));
          from = p;
        }
        pieces.push(text.slice(from));
        expect(split(pieces)).toEqual(split([text]));
      }),
    );
  });

  it('a cell of a million "" pairs: the exact value, in one push or 64 KiB chunks, and the rows after it', () => {
    const text = `date,amount,customer\n2026-01-05,10,"${'""'.repeat(1_000_000)}"\n2026-01-06,20,"a""b"\n`;
    const pieces: string[] = [];
    for (let k = 0; k < text.length; k += 65_536) pieces.push(text.slice(k, k + 65_536));
    for (const recs of [split([text]), split(pieces)]) {
      expect(recs.map((r) => [r[0], r[1].length, r[2]])).toEqual([
        [1, 3, false],
        [2, 3, false],
        [3, 3, false],
      ]);
      expect(recs[1]![1][2]!.length).toBe(1_000_000);
      expect(recs[1]![1][2]).toBe('"'.repeat(1_000_000));
      expect(recs[2]![1]).toEqual(['2026-01-06', '20', 'a"b']);
    }
  });

  it('four such cells kept as rows hold about their own size (were ~31 MB each as ropes: 124 MB)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const cell = `"${'""'.repeat(1_000_000)}"`;
    const text = `a,b\n${Array.from({ length: 4 }, (_, k) => `${k},${cell}`).join('\n')}\n`;
    gc();
    const before = process.memoryUsage().heapUsed;
    const recs = split([text.slice(0, 3_000_000), text.slice(3_000_000)]);
    gc();
    const held = process.memoryUsage().heapUsed - before;
    expect(recs.map((r) => r[1][1]!.length)).toEqual([1, 1_000_000, 1_000_000, 1_000_000, 1_000_000]);
    // 4 × 1 MB of quotes, plus slack for the test's own allocations
    expect(held).toBeLessThan(16 * 2 ** 20);
  });

  it('CLI: four such cells among 200 rows validate with exit 0 and every row read', () => {
    const big = `"${'""'.repeat(1_000_000)}"`;
    const lines = ['date,amount,customer'];
    for (let k = 0; k < 200; k++) lines.push(`2026-01-${String(1 + (k % 28)).padStart(2, '0')},${k + 1},${k % 50 === 5 ? big : `C${k}`}`);
    const path = writeTmp('quotes.csv', lines.join('\n') + '\n');
    const r = runCli(['validate', '--format', 'json', '--as-of', '2026-02-01', path]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { files: { rowsRead: number; accepted: number }[] };
    expect(out.files[0]).toMatchObject({ rowsRead: 200, accepted: 200 });
  });
});

describe('csv-parse engine: its limits come out as INPUT_LIMIT, like the fast splitter', () => {
  async function drain(path: string) {
    const src = await openCsv(path, { engine: 'csv-parse' });
    for await (const b of src.batches()) void b;
  }

  it('more than 16,384 columns: INPUT_LIMIT naming the file and line, exit 3', async () => {
    const path = writeTmp('wide.csv', `date,amount\n2026-01-05,1\n${'x,'.repeat(16_384)}x\n`);
    await expect(drain(path)).rejects.toMatchObject({
      code: 'INPUT_LIMIT',
      exitCode: 3,
      message: expect.stringContaining(`${path}: line 3: more than 16,384 columns`),
    });
    const r = runCli(['validate', '--csv-engine', 'csv-parse', path]);
    expect(r.stderr).toContain(`salesperf: error: ${path}: line 3: more than 16,384 columns`);
    expect(r.code).toBe(3);
  });

  it('a field over 16 Mi characters: INPUT_LIMIT naming line and field (was accepted by csv-parse)', async () => {
    const path = writeTmp('field.csv', `date,amount,notes\n2026-01-05,1,n\n2026-01-06,1,"${'y'.repeat(16 * 2 ** 20 + 1)}"\n`);
    await expect(drain(path)).rejects.toMatchObject({
      code: 'INPUT_LIMIT',
      exitCode: 3,
      message: expect.stringContaining(`${path}: line 3, field 3: more than 16,777,216 characters`),
    });
  });
});
