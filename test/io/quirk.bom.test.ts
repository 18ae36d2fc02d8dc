import { describe, expect, it } from 'vitest';
import { encodeGbk, ingest, plain, writeTmp } from '../helpers.js';

const CSV = 'Date,Rep,Customer,Amount\n2026-01-05,Zoë,Café Ünïcode,"1,200.50"\n2026-01-06,José,Señor SA,99\n';
const want = [
  { row: 2, date: '2026-01-05', amount: '1200.5', status: 'won', rep: 'Zoë', customer: 'Café Ünïcode' },
  { row: 3, date: '2026-01-06', amount: '99', status: 'won', rep: 'José', customer: 'Señor SA' },
];

describe('CSV encodings', () => {
  it('UTF-8 with BOM: the BOM is not part of the first header', async () => {
    const { records, file } = await ingest([writeTmp('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]))]);
    expect(file.headers[0]).toBe('Date');
    expect(file.encodingReason).toBe('bom');
    expect(records.map(plain)).toEqual(want);
  });
});
