import { describe, expect, it } from 'vitest';
import { ingest, plain, writeTmp } from '../helpers.js';

describe('CSV layout quirks', () => {
  it('several files are one data set, each record remembering its file and row', async () => {
    const a = writeTmp('jan.csv', 'Date,Amount\n2026-01-05,10\n');
    const b = writeTmp('feb.csv', 'Amount,Date\n20,2026-02-05\n30,2026-02-06\n');
    const { records, run } = await ingest([a, b]);
    expect(records.map((r) => [r.source, r.row, plain(r).amount])).toEqual([
      [0, 2, '10'],
      [1, 2, '20'],
      [1, 3, '30'],
    ]);
    expect(run.files.map((f) => f.accepted)).toEqual([1, 2]);
  });
});
