import { describe, expect, it } from 'vitest';
import { ACCENTED_CSV, ingest, writeTmp } from '../helpers.js';

describe('CSV encodings', () => {
  it('--encoding forces a decoder', async () => {
    const { records } = await ingest([writeTmp('forced.csv', Buffer.from(ACCENTED_CSV, 'latin1'))], { encoding: 'latin1' });
    expect(records[0]!.rep).toBe('Zoë');
  });
});
