import { describe, expect, it } from 'vitest';
import { encodeGbk, ingest, plain, writeTmp } from '../helpers.js';

const CSV = 'Date,Rep,Customer,Amount\n2026-01-05,Zoë,Café Ünïcode,"1,200.50"\n2026-01-06,José,Señor SA,99\n';
const want = [
  { row: 2, date: '2026-01-05', amount: '1200.5', status: 'won', rep: 'Zoë', customer: 'Café Ünïcode' },
  { row: 3, date: '2026-01-06', amount: '99', status: 'won', rep: 'José', customer: 'Señor SA' },
];

describe('CSV encodings', () => {
  it('UTF-16 LE and BE with BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, buf, enc] of [['le.csv', le, 'utf-16le'], ['be.csv', be, 'utf-16be']] as const) {
      const { records, file } = await ingest([writeTmp(name, buf)]);
      expect(file.encoding).toBe(enc);
      expect(records.map(plain)).toEqual(want);
    }
  });
});
