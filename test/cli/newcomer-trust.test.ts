/**
 * Issue 9's acceptance, tried as a newcomer: what broke trust on the first run and was fixed here.
 */
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/core/format.js';
import { BIN, runCli, tmp, writeTmp } from '../helpers.js';

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

describe('kpis on an 80-column terminal', () => {
  // eslint-disable-next-line no-control-regex -- ESC starts the ANSI colour codes the test strips
  const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const onTerminal = (args: string[], cols: number) => {
    const e: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color' };
    delete e.COLUMNS;
    const r = spawnSync(
      'script',
      ['-qfec', `stty cols ${cols} rows 50; ${q(process.execPath)} ${q(BIN)} ${args.map(q).join(' ')}`, '/dev/null'],
      { env: e, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    return r.stdout
      .split(/\r?\n/)
      .map((l) => l.replace(ANSI, ''))
      .filter((l) => l !== '');
  };

  it('wraps each formula under its own column, no line wider than 80, in English and Chinese', () => {
    for (const lang of ['en', 'zh']) {
      const lines = onTerminal(['kpis', '--lang', lang], 80);
      for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
      // retentionRateClassic's formula is 114 characters: it goes on under column 30
      const at = lines.findIndex((l) => l.startsWith('retentionRateClassic '));
      expect(at).toBeGreaterThanOrEqual(0);
      expect(lines[at + 1]).toMatch(/^ {29}\S/);
      // every continuation line joined back gives the formula the pipe gives whole
      const piped = runCli(['kpis', '--lang', lang])
        .stdout.split('\n')
        .find((l) => l.startsWith('retentionRateClassic '))!;
      let whole = lines[at]!;
      for (let i = at + 1; lines[i]!.startsWith(' '.repeat(29)); i++) whole += ' ' + lines[i]!.trimStart();
      expect(whole).toBe(piped);
    }
  });

  it('is unchanged when piped: one line per KPI', () => {
    const r = runCli(['kpis']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.every((l) => /^[a-zA-Z]+ +(money|count|ratio|days) /.test(l))).toBe(true);
  });
});

describe('a --plan or --config file that does not exist', () => {
  it('is "no such file", exit 3 like every other missing input (was exit 2, "cannot read the file")', () => {
    const dir = tmp();
    const f = writeTmp('sales.csv', 'Date,Rep,Amount\n2026-01-05,Ann,100\n', dir);
    const plan = runCli(['payout', f, '--plan', `${dir}/nope.json`]);
    expect(plan.code, plan.stderr).toBe(3);
    expect(plan.stderr.trim()).toBe(`salesperf: error: --plan ${dir}/nope.json: no such file`);
    const cfg = runCli(['report', f, '--config', `${dir}/nope.json`, '--lang', 'zh']);
    expect(cfg.code, cfg.stderr).toBe(3);
    expect(cfg.stderr.trim()).toBe(`salesperf: error: --config ${dir}/nope.json：文件不存在`);
  });
});

describe('report --lang zh: notes about how a file was read', () => {
  it('the other-sheets note of a workbook is in Chinese, as validate already gives it', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['just text']);
    const ws = wb.addWorksheet('Sales');
    ws.addRow(['Date', 'Rep', 'Amount']);
    ws.addRow([new Date(Date.UTC(2026, 0, 5)), 'Ann', 100]);
    wb.addWorksheet('Charts').addRow(['nothing']);
    const f = writeTmp('book.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    const r = runCli(['report', f, '--lang', 'zh', '--as-of', '2026-02-01', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${f}：已读取工作表 "Sales"`);
    expect(r.stderr).not.toContain('also in the workbook');
    const en = runCli(['report', f, '--as-of', '2026-02-01', '--format', 'csv']);
    expect(en.stderr).toContain(`${f}: read sheet "Sales"`);
  });
});
