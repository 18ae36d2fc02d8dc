/**
 * Quirk: many lines that each open a quote and never close it on their line. A quote
 * followed by anything but a quote closes the quote opened before it, so such quotes pair
 * up: each pair of lines is one record, malformed (text after its closing quote), and only
 * an odd last one is left open to the end ('unclosed': the one-row recovery). So at most one
 * quote per input is scanned to the end, and the cost is linear; the growth is measured by
 * perf/hostile-shapes.mjs (2,000 to 64,000 such lines), not here.
 */
import { describe, expect, it } from 'vitest';
import { CsvSplitter, type Malformed } from '../../src/io/csv-split.js';
import { ingest, writeTmp } from '../helpers.js';

const day = (k: number) => `2026-07-${String(1 + (k % 28)).padStart(2, '0')}`;
const opening = (n: number) =>
  ['date,rep,customer,amount', ...Array.from({ length: n }, (_, k) => `${day(k)},Bob,"C${k},${k + 1}`)].join('\n') + '\n';

function split(text: string, piece: number): [number, string[], Malformed][] {
  const out: [number, string[], Malformed][] = [];
  const sp = new CsvSplitter(',', (f, line, bad) => out.push([line, f, bad]));
  for (let k = 0; k < text.length; k += piece) sp.push(text.slice(k, k + piece));
  sp.end();
  return out;
}

describe('2,000 lines each opening a quote', () => {
  it('splitter: lines pair into 1,000 malformed records, in one push or 100-character pieces', () => {
    const text = opening(2000);
    for (const piece of [text.length, 100]) {
      const recs = split(text, piece);
      expect(recs).toHaveLength(1001);
      expect(recs[0]).toEqual([1, ['date', 'rep', 'customer', 'amount'], false]);
      // line 2's quote is closed by line 3's; the rest of line 3 follows the closing quote
      expect(recs[1]).toEqual([2, ['2026-07-01', 'Bob', 'C0,1\n2026-07-02,Bob,C1', '2'], true]);
      expect(recs[1000]).toEqual([2000, ['2026-07-11', 'Bob', 'C1998,1999\n2026-07-12,Bob,C1999', '2000'], true]);
      expect(recs.map((r) => r[0])).toEqual([1, ...Array.from({ length: 1000 }, (_, k) => 2 + 2 * k)]);
      expect(recs.filter((r) => r[2] === true)).toHaveLength(1000);
      expect(recs.filter((r) => r[2] === 'unclosed')).toHaveLength(0);
    }
  });

  it('splitter: with 2,001 such lines the last quote is never closed and costs only its own row', () => {
    const recs = split(opening(2001) + '2026-08-01,Ann,Z,5\n', 4096);
    expect(recs).toHaveLength(1003);
    expect(recs[1001]).toEqual([2002, ['2026-07-13', 'Bob', '"C2000', '2001'], 'unclosed']);
    expect(recs[1002]).toEqual([2003, ['2026-08-01', 'Ann', 'Z', '5'], false]);
  });

  it('ingest: 1,000 rows rejected as CSV_MALFORMED at lines 2, 4, … 2,000 and nothing accepted', async () => {
    const { records, issues } = await ingest([writeTmp('open.csv', opening(2000))]);
    expect(records).toHaveLength(0);
    const bad = issues.filter((i) => i.code === 'CSV_MALFORMED');
    expect(bad.map((b) => b.count)).toEqual([1000]);
    expect(bad[0]!.examples[0]!.row).toBe(2);
  });
});
