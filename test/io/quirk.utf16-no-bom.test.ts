/**
 * Quirk: UTF-16 without a byte-order mark (some exporters and PowerShell
 * write it). It was read as single bytes (headers `D\u0000a\u0000t…`) and
 * refused as "not a sales export". The NULs of its ASCII characters give it
 * away: at odd offsets for little-endian, at even ones for big-endian.
 */
import { describe, expect, it } from 'vitest';
import { detectEncoding, utf16ByNuls } from '../../src/io/encoding.js';
import { ACCENTED_CSV, ACCENTED_ROWS, encodeGbk, ingest, plain, runCli, writeTmp } from '../helpers.js';

const be = (text: string) => Buffer.from(text, 'utf16le').swap16();
const CHINESE_CSV = '日期,业务员,客户,销售额\n2026-01-05,张三,华东商贸有限公司,1200.50\n2026-01-06,李四,北京科技,99\n';

describe('UTF-16 without a BOM', () => {
  it('the heuristic: LE, BE, and not UTF-8, GBK or windows-1252', () => {
    expect(utf16ByNuls(Buffer.from(ACCENTED_CSV, 'utf16le'))).toBe('utf-16le');
    expect(utf16ByNuls(be(ACCENTED_CSV))).toBe('utf-16be');
    expect(utf16ByNuls(Buffer.from(CHINESE_CSV, 'utf16le'))).toBe('utf-16le');
    expect(utf16ByNuls(be(CHINESE_CSV))).toBe('utf-16be');
    expect(utf16ByNuls(Buffer.from(ACCENTED_CSV, 'utf8'))).toBeNull();
    expect(utf16ByNuls(encodeGbk(CHINESE_CSV))).toBeNull();
    expect(utf16ByNuls(Buffer.from(ACCENTED_CSV, 'latin1'))).toBeNull();
    expect(utf16ByNuls(Buffer.from('ab'))).toBeNull(); // too short to tell
  });

  it("the threshold: 30% of the first KiB's pairs with a NUL on one side, and few on the other", () => {
    // 512 pairs in a KiB: 154 NULs (30.1%) at odd offsets is UTF-16 LE, 153 (29.9%) is not
    const sample = (nuls: number, evenNuls = 0) => {
      const b = Buffer.alloc(1024, 0x41);
      for (let k = 0; k < nuls; k++) b[2 * k + 1] = 0;
      for (let k = 0; k < evenNuls; k++) b[1022 - 2 * k] = 0;
      return b;
    };
    expect(utf16ByNuls(sample(154))).toBe('utf-16le');
    expect(utf16ByNuls(sample(153))).toBeNull();
    // as many NULs at even offsets as a tenth of the odd ones: a binary file, not text
    expect(utf16ByNuls(sample(200, 19))).toBe('utf-16le');
    expect(utf16ByNuls(sample(200, 20))).toBeNull();
    expect(utf16ByNuls(Buffer.from(sample(154)).swap16())).toBe('utf-16be');
  });

  it('detectEncoding says how it decided', () => {
    expect(detectEncoding(Buffer.from(ACCENTED_CSV, 'utf16le'), true)).toEqual({ encoding: 'utf-16le', bom: 0, reason: 'nul-pattern' });
    // a BOM still wins
    expect(detectEncoding(Buffer.concat([Buffer.from([0xfe, 0xff]), be(ACCENTED_CSV)]), true)).toEqual({
      encoding: 'utf-16be',
      bom: 2,
      reason: 'bom',
    });
  });

  it('files read as the same rows as their UTF-8 twin', async () => {
    for (const [name, buf, enc] of [
      ['le.csv', Buffer.from(ACCENTED_CSV, 'utf16le'), 'utf-16le'],
      ['be.csv', be(ACCENTED_CSV), 'utf-16be'],
    ] as const) {
      const { records, file } = await ingest([writeTmp(name, buf)]);
      expect(file.encoding).toBe(enc);
      expect(records.map(plain)).toEqual(ACCENTED_ROWS);
    }
  });

  it('the CLI reads a Chinese UTF-16 LE export without a BOM', () => {
    const r = runCli(['validate', '--format', 'json', writeTmp('cn.csv', Buffer.from(CHINESE_CSV, 'utf16le'))]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.files[0]).toMatchObject({ encoding: 'utf-16le', headers: ['日期', '业务员', '客户', '销售额'], rowsRead: 2, accepted: 2 });
  });
});
