/**
 * Issue 9's acceptance, tried as a newcomer: what broke trust on the first run and was fixed here.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli, tmp, writeTmp } from '../helpers.js';

describe('a workbook with a .csv name', () => {
  it('is named as a workbook (exit 3, one line and a hint), not read as CSV with its zip bytes as headers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sales');
    ws.addRow(['Date', 'Rep', 'Amount']);
    ws.addRow([new Date(Date.UTC(2026, 0, 5)), 'Ann', 100]);
    const dir = tmp();
    const f = writeTmp('export.csv', new Uint8Array(await wb.xlsx.writeBuffer()), dir);
    const r = runCli(['report', f]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`salesperf: error: ${f}: this is an Excel workbook (.xlsx, a zip archive), not a CSV file`);
    expect(r.stderr).toContain('rename it to .xlsx');
    expect(r.stderr).not.toContain('\\u0000');
    expect(r.stderr).not.toContain('headers:');
    const zh = runCli(['validate', f, '--lang', 'zh']);
    expect(zh.code, zh.stderr).toBe(3);
    expect(zh.stderr).toContain(`${f}：这是 Excel 工作簿（.xlsx，zip 压缩包），不是 CSV 文件`);
  });

  it('a legacy .xls (OLE) with a .csv name gets the legacy-workbook message, exit 3', () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const f = writeTmp('old.csv', ole);
    const r = runCli(['validate', f]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`salesperf: error: ${f}: this is a legacy Excel 97–2003 workbook (.xls)`);
  });
});
