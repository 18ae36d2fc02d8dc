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

  it('GBK (what Chinese Excel writes) is detected without flags', async () => {
    const text = '日期,业务员,客户,销售额\n2026/1/5,张伟,客户A,"1,200.50"\n2026/1/18,李娜,客户B,￥860\n';
    const { records, file } = await ingest([writeTmp('gbk.csv', encodeGbk(text))]);
    expect(file.encoding).toBe('gb18030');
    expect(file.mapping).toEqual({ date: '日期', rep: '业务员', customer: '客户', amount: '销售额' });
    expect(records.map(plain)).toEqual([
      { row: 2, date: '2026-01-05', amount: '1200.5', status: 'won', rep: '张伟', customer: '客户A' },
      { row: 3, date: '2026-01-18', amount: '860', status: 'won', rep: '李娜', customer: '客户B' },
    ]);
  });

  it('not UTF-8 and not GBK: windows-1252 with a warning naming the first bad byte', async () => {
    const bytes = Buffer.from(CSV, 'latin1'); // ë = 0xEB, é = 0xE9 …
    const bad = bytes.indexOf(0xeb);
    const { records, file } = await ingest([writeTmp('latin.csv', bytes)]);
    expect(file.encoding).toBe('windows-1252');
    expect(file.warnings[0]).toContain(`first bad byte at offset ${bad}`);
    expect(file.warnings[0]).toContain('--encoding');
    expect(records.map(plain)).toEqual(want);
  });

  it('--encoding forces a decoder', async () => {
    const { records } = await ingest([writeTmp('forced.csv', Buffer.from(CSV, 'latin1'))], { encoding: 'latin1' });
    expect(records[0]!.rep).toBe('Zoë');
  });
});
