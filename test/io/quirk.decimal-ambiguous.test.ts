import { describe, expect, it } from 'vitest';
import { ingest, plain, writeTmp } from '../helpers.js';

describe('CSV layout quirks', () => {
  it('an ambiguous decimal column is refused, not guessed', async () => {
    await expect(ingest([writeTmp('n.csv', 'Date,Amount\n2026-01-01,"1,234"\n2026-01-02,"2,500"\n')])).rejects.toMatchObject({
      code: 'DECIMAL_AMBIGUOUS',
      exitCode: 2,
    });
    const ok = await ingest([writeTmp('n2.csv', 'Date,Amount\n2026-01-01,"1,234"\n')], { decimal: '.' });
    expect(plain(ok.records[0]!).amount).toBe('1234');
  });
});
