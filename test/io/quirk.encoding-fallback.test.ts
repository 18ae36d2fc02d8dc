import { describe, expect, it } from 'vitest';
import { ACCENTED_CSV, ACCENTED_ROWS, ingest, plain, writeTmp } from '../helpers.js';

describe('CSV encodings', () => {
  it('not UTF-8 and not GBK: windows-1252 with a warning naming the first bad byte', async () => {
    const bytes = Buffer.from(ACCENTED_CSV, 'latin1'); // ë = 0xEB, é = 0xE9 …
    const bad = bytes.indexOf(0xeb);
    const { records, file } = await ingest([writeTmp('latin.csv', bytes)]);
    expect(file.encoding).toBe('windows-1252');
    expect(file.warnings[0]).toContain(`first bad byte at offset ${bad}`);
    expect(file.warnings[0]).toContain('--encoding');
    expect(records.map(plain)).toEqual(ACCENTED_ROWS);
  });
});
