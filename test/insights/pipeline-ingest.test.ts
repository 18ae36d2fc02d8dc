/**
 * The stage of an open deal and whether its close date was blank, as the reader gives them: the
 * status cell's text on open rows only, the same on one thread and on parsing workers.
 */
import { describe, expect, it } from 'vitest';
import { isoDate } from '../../src/core/dates.js';
import { ingest, writeTmp } from '../helpers.js';

const CSV = [
  'Close Date,Engage Date,Deal Stage,Amount',
  '2026-01-10,2025-12-01,Won,100',
  '2026-01-12,2025-12-02,Lost,',
  '2026-02-20,2026-01-05, Proposal ,400',
  ',2026-01-06,Engaging,',
  ',,Prospecting,',
  // enough rows that two threads each read a range
  ...Array.from({ length: 20_000 }, (_, i) => `2026-03-${String(1 + (i % 28)).padStart(2, '0')},2026-02-01,Won,${i}`),
  ',2026-02-07,Negotiation,900',
  '',
].join('\n');

describe('open deals: stage and a blank close date', () => {
  const file = writeTmp('stages.csv', CSV);

  for (const threads of [1, 2]) {
    it(`on ${threads} thread(s)`, async () => {
      const { records, issues, run } = await ingest([file], { threads });
      expect(run.threads).toEqual([threads]);
      expect(records).toHaveLength(20_005);
      expect(
        records.filter((r) => r.row < 7 || r.row > 20_006).map((r) => [r.row, r.status, r.stage, r.undatedClose, isoDate(r.date)]),
      ).toEqual([
        [2, 'won', null, false, '2026-01-10'],
        [3, 'lost', null, false, '2026-01-12'],
        // the cell trimmed, as written
        [4, 'open', 'Proposal', false, '2026-02-20'],
        // no close date: dated by its engage date, and said so
        [5, 'open', 'Engaging', true, '2026-01-06'],
        // the last row, in the second thread's range
        [20_007, 'open', 'Negotiation', true, '2026-02-07'],
      ]);
      expect(records.filter((r) => r.status === 'won').every((r) => r.stage === null && r.undatedClose === false)).toBe(true);
      // row 6 has no date at all: not read
      expect(issues.map((s) => [s.code, s.count])).toEqual([['OPEN_UNDATED', 1]]);
    });
  }
});
