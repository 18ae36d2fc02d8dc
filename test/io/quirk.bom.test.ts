import { describe, expect, it } from 'vitest';
import { ACCENTED_CSV, ACCENTED_ROWS, ingest, plain, writeTmp } from '../helpers.js';

describe('CSV encodings', () => {
  it('UTF-8 with BOM: the BOM is not part of the first header', async () => {
    const { records, file } = await ingest([
      writeTmp('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ACCENTED_CSV)])),
    ]);
    expect(file.headers[0]).toBe('Date');
    expect(file.encodingReason).toBe('bom');
    expect(records.map(plain)).toEqual(ACCENTED_ROWS);
  });
});
