import { describe, expect, it } from 'vitest';
import { ACCENTED_CSV, ACCENTED_ROWS, ingest, plain, writeTmp } from '../helpers.js';

describe('CSV encodings', () => {
  it('UTF-16 LE and BE with BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ACCENTED_CSV, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, buf, enc] of [
      ['le.csv', le, 'utf-16le'],
      ['be.csv', be, 'utf-16be'],
    ] as const) {
      const { records, file } = await ingest([writeTmp(name, buf)]);
      expect(file.encoding).toBe(enc);
      expect(records.map(plain)).toEqual(ACCENTED_ROWS);
    }
  });
});
