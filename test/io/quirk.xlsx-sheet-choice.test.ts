import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, plain, runCli, tmp, writeXlsx } from '../helpers.js';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('XLSX default sheet: the first visible one with a date and an amount column', () => {
  const book = () =>
    writeXlsx(join(tmp(), 'export.xlsx'), [
      { name: '说明', rows: [['本表为导出数据，请勿修改']] },
      {
        name: '订单',
        rows: [
          ['日期', '业务员', '客户', '销售额'],
          [day(2026, 3, 2), '张伟', '客户A', 120.5],
          [day(2026, 3, 9), '李娜', '客户B', 80],
        ],
      },
    ]);

  it('skips a first sheet that holds only a note, and says which sheet was read', async () => {
    const { records, file } = await ingest([await book()]);
    expect(file.sheet).toBe('订单');
    expect(records.map(plain)).toEqual([
      { row: 2, date: '2026-03-02', amount: '120.5', status: 'won', rep: '张伟', customer: '客户A' },
      { row: 3, date: '2026-03-09', amount: '80', status: 'won', rep: '李娜', customer: '客户B' },
    ]);
    expect(
      file.warnings.some((w) => w.includes('read sheet "订单" (the first with a date and an amount column)') && w.includes('"说明"')),
    ).toBe(true);
  });

  it('report on it exits 0 (it stopped at the note: exit 2)', async () => {
    const r = runCli(['report', '--as-of', '2026-03-31', '--format', 'json', await book()]);
    expect(r.stderr).not.toContain('本表为导出');
    expect(r.code).toBe(0);
  });

  it('a hidden sheet is not chosen; --sheet still reads the note sheet as asked', async () => {
    const p = await writeXlsx(join(tmp(), 'hidden.xlsx'), [
      { name: 'Notes', rows: [['exported by the ERP']] },
      {
        name: 'Old',
        rows: [
          ['Date', 'Amount'],
          [day(2026, 1, 2), 1],
        ],
        setup: (ws) => void (ws.state = 'hidden'),
      },
      {
        name: 'New',
        rows: [
          ['Date', 'Amount'],
          [day(2026, 2, 2), 2],
        ],
      },
    ]);
    expect((await ingest([p])).file.sheet).toBe('New');
    await expect(ingest([p], { sheet: 'Notes' })).rejects.toMatchObject({ code: 'MAPPING', exitCode: 2 });
  });

  it('no sheet has them: the error lists the sheets and the --sheet flag, exit 2', async () => {
    const p = await writeXlsx(join(tmp(), 'none.xlsx'), [
      { name: 'Readme', rows: [['本表为导出数据']] },
      {
        name: 'Reps',
        rows: [
          ['业务员', '团队'],
          ['张伟', 'A'],
        ],
      },
    ]);
    const r = runCli(['report', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('1 "Readme", 2 "Reps"');
    expect(r.stderr).toContain('--sheet');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
