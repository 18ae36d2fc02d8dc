import { describe, expect, it } from 'vitest';
import { ingest, plain, writeTmp } from '../helpers.js';

describe('CSV layout quirks', () => {
  it('tab and pipe delimiters', async () => {
    for (const d of ['\t', '|']) {
      const { records, file } = await ingest([writeTmp('d.csv', `Date${d}Amount${d}Rep\n2026-01-05${d}10${d}A\n`)]);
      expect(file.delimiter).toBe(d);
      expect(plain(records[0]!).amount).toBe('10');
    }
  });
});
