import { describe, expect, it } from 'vitest';
import { CsvSplitter, type Malformed } from '../../src/io/csv-split.js';
import { ingest, runCli, writeTmp } from '../helpers.js';

function split(pieces: string[]): [number, string[], Malformed][] {
  const out: [number, string[], Malformed][] = [];
  const sp = new CsvSplitter(',', (f, line, bad) => out.push([line, f, bad]));
  for (const p of pieces) sp.push(p);
  sp.end();
  return out;
}

// line 1 header, lines 2–10 data; line 7 opens a quote that is never closed
const LINES = [
  'date,rep,customer,amount',
  '2026-07-01,Ann,C1,100',
  '2026-07-02,Bob,C2,200',
  '2026-07-03,Ann,C3,300',
  '2026-07-04,Bob,C4,400',
  '2026-07-05,Ann,C5,500',
  '2026-07-06,Bob,"C6,300',
  '2026-07-07,Ann,C7,700',
  '2026-07-08,Bob,C8,800',
  '2026-07-09,Ann,C9,900',
];
const CSV = LINES.join('\n') + '\n';

describe('a quote never closed costs one row', () => {
  it('splitter: the opening line is one malformed record, the quote kept literally, the lines after it records of their own', () => {
    const recs = split([CSV]);
    expect(recs.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(recs[6]).toEqual([7, ['2026-07-06', 'Bob', '"C6', '300'], 'unclosed']);
    expect(recs[7]).toEqual([8, ['2026-07-07', 'Ann', 'C7', '700'], false]);
    expect(recs[9]).toEqual([10, ['2026-07-09', 'Ann', 'C9', '900'], false]);
  });

  it('splitter: the same when the text comes in small pieces, and with CRLF', () => {
    const crlf = LINES.join('\r\n') + '\r\n';
    const pieces: string[] = [];
    for (let k = 0; k < crlf.length; k += 7) pieces.push(crlf.slice(k, k + 7));
    const recs = split(pieces);
    expect(recs.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(recs[6]![2]).toBe('unclosed');
    expect(recs[9]).toEqual([10, ['2026-07-09', 'Ann', 'C9', '900'], false]);
  });

  it('a properly closed multi-line quoted field still spans its lines (RFC 4180)', () => {
    const recs = split(['a,"x\ny",b\nc,d,e\n']);
    expect(recs).toEqual([
      [1, ['a', 'x\ny', 'b'], false],
      [3, ['c', 'd', 'e'], false],
    ]);
  });

  it('ingest: 8 rows accepted, line 7 rejected as CSV_MALFORMED naming its line', async () => {
    const { records, issues } = await ingest([writeTmp('q.csv', CSV)]);
    expect(records.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 8, 9, 10]);
    const bad = issues.filter((i) => i.code === 'CSV_MALFORMED');
    expect(bad.map((b) => b.count)).toEqual([1]);
    expect(bad[0]!.examples[0]!.row).toBe(7);
    expect(bad[0]!.examples[0]!.message).toContain('line 7 is never closed');
  });

  it('one thread and parsing workers agree (a quote never closed in the second half of a 400-row file)', async () => {
    const rows = ['date,rep,customer,amount'];
    for (let k = 0; k < 400; k++)
      rows.push(k === 300 ? '2026-07-06,Bob,"C6,300' : `2026-07-${String(1 + (k % 28)).padStart(2, '0')},R${k % 5},C${k},${k + 1}`);
    const path = writeTmp('big.csv', rows.join('\n') + '\n');
    for (const threads of [1, 2, 3]) {
      const { records, issues, run } = await ingest([path], { threads, sampleRows: 20 });
      expect(run.threads).toEqual([threads]);
      expect(records).toHaveLength(399);
      expect(records.at(-1)!.row).toBe(401);
      const bad = issues.filter((i) => i.code === 'CSV_MALFORMED');
      expect(bad.map((b) => [b.count, b.examples[0]!.row])).toEqual([[1, 302]]);
    }
  });

  it('CLI: 9 read, 8 accepted, 1 rejected, exit 1', () => {
    const r = runCli(['validate', '--format', 'json', writeTmp('q.csv', CSV)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('never closed');
    expect(r.stdout).toMatch(/"accepted": 8/);
    expect(r.stdout).toMatch(/"rejected": 1/);
  });

  it('--csv-engine csv-parse stops (exit 3) naming the line where the quote opens, not line 1', () => {
    const r = runCli(['validate', '--csv-engine', 'csv-parse', writeTmp('q.csv', CSV)]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('near line 7:');
  });
});
