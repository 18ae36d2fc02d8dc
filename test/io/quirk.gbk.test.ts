import { describe, expect, it } from 'vitest';
import { encodeGbk, ingest, plain, writeTmp } from '../helpers.js';

describe('CSV encodings', () => {
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
});
