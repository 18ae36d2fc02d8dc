import { describe, expect, it } from 'vitest';
import { ingest, writeTmp } from '../helpers.js';

describe('CSV layout quirks', () => {
  it('text dimensions are kept verbatim', async () => {
    const { records, run } = await ingest([writeTmp('v.csv', 'Date,Amount,Customer,Code\n2026-01-01,1,NA,0123\n2026-01-02,1,null,None\n')]);
    expect(records.map((r) => r.customer)).toEqual(['NA', 'null']);
    const code = run.dimensions.find('Code')!;
    expect(records.map((r) => r.extra[code])).toEqual(['0123', 'None']);
  });
});
