import { describe, expect, it } from 'vitest';
import { ingest, plain, writeTmp } from '../helpers.js';

describe('CSV layout quirks', () => {
  it('day-first slashed dates are decided from a value over 12; an undecided column is an error naming the flag', async () => {
    const dm = await ingest([writeTmp('dm.csv', 'Date,Amount\n03/01/19,1\n13/01/19,2\n')]);
    expect(dm.records.map((r) => plain(r).date)).toEqual(['2019-01-03', '2019-01-13']);
    await expect(ingest([writeTmp('amb.csv', 'Date,Amount\n03/01/19,1\n04/02/19,2\n')])).rejects.toMatchObject({
      code: 'DATE_AMBIGUOUS',
      exitCode: 2,
      hint: expect.stringContaining('--date-format'),
    });
    const forced = await ingest([writeTmp('amb2.csv', 'Date,Amount\n03/01/19,1\n')], { dateFormat: 'mdy' });
    expect(plain(forced.records[0]!).date).toBe('2019-03-01');
  });
});
