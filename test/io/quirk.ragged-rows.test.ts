import { describe, expect, it } from 'vitest';
import { ingest, writeTmp } from '../helpers.js';

describe('CSV layout quirks', () => {
  it('ragged rows are rejected with their line number; empty trailing fields are fine', async () => {
    const text = 'Date,Customer,Amount\n2026-01-05,A,10\n2026-01-06,B\n2026-01-07,C,30,\n2026-01-08,D,40,extra\n';
    const { records, file, issues } = await ingest([writeTmp('r.csv', text)]);
    expect(records.map((r) => r.row)).toEqual([2, 4]);
    expect(file.rejected).toBe(2);
    const ragged = issues.find((i) => i.code === 'ROW_RAGGED')!;
    expect(ragged.count).toBe(2);
    expect(ragged.examples.map((e) => [e.row, e.message])).toEqual([
      [3, 'expected 3 fields, got 2'],
      [5, 'expected 3 fields, got 4'],
    ]);
  });
});
