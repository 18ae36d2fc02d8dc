import { describe, expect, it } from 'vitest';
import { encodeGbk, ingest, plain, writeTmp } from '../helpers.js';

const CSV = 'Date,Rep,Customer,Amount\n2026-01-05,Zoë,Café Ünïcode,"1,200.50"\n2026-01-06,José,Señor SA,99\n';
const want = [
  { row: 2, date: '2026-01-05', amount: '1200.5', status: 'won', rep: 'Zoë', customer: 'Café Ünïcode' },
  { row: 3, date: '2026-01-06', amount: '99', status: 'won', rep: 'José', customer: 'Señor SA' },
];

describe('CSV encodings', () => {
  it('not UTF-8 and not GBK: windows-1252 with a warning naming the first bad byte', async () => {
    const bytes = Buffer.from(CSV, 'latin1'); // ë = 0xEB, é = 0xE9 …
    const bad = bytes.indexOf(0xeb);
    const { records, file } = await ingest([writeTmp('latin.csv', bytes)]);
    expect(file.encoding).toBe('windows-1252');
    expect(file.warnings[0]).toContain(`first bad byte at offset ${bad}`);
    expect(file.warnings[0]).toContain('--encoding');
    expect(records.map(plain)).toEqual(want);
  });
});
