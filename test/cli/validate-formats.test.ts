/**
 * validate writes every result format (issue 9): CSV one row per issue (file,row,column,code,
 * severity,message,value, formula-looking values guarded), Markdown a summary and the issues with
 * data text escaped, XLSX a Summary and an Issues sheet; the messages in the run's language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli, tmp, writeTmp } from '../helpers.js';

const EN = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };
// row 3: an amount that is a formula; row 4: after the as-of date; row 5: markup in the rep and amount
const BAD = 'Date,Rep,Amount\n2024-01-05,Ann,100\n2024-01-06,Bob,=1+2\n2024-04-01,Ann,50\n2024-01-07,"a|b_c",x<y\n';
const ASOF = ['--as-of', '2024-03-01'];

function run(args: string[]) {
  const dir = tmp();
  writeTmp('bad.csv', BAD, dir);
  return { dir, r: runCli(['validate', 'bad.csv', ...ASOF, ...args], { cwd: dir, env: EN }) };
}

describe('validate -f csv|md|xlsx', () => {
  it('CSV: one row per issue, sorted by code then row, a formula guarded, exit 1 as for the table', () => {
    const { r } = run(['-f', 'csv']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'file,row,column,code,severity,message,value',
        'bad.csv,3,Amount,AMOUNT_INVALID,error,"expected a number, got ""=1+2""",\'=1+2',
        'bad.csv,5,Amount,AMOUNT_INVALID,error,"expected a number, got ""x<y""",x<y',
        'bad.csv,4,Date,FUTURE_DATE,warning,date 2024-04-01 is after the as-of date 2024-03-01,2024-04-01',
        '',
      ].join('\r\n'),
    );
    // the same bytes on a second run
    expect(run(['-f', 'csv']).r.stdout).toBe(r.stdout);
  });

  it('CSV in Chinese: the messages translated, codes and severities as they are', () => {
    const { r } = run(['-f', 'csv', '--lang', 'zh']);
    expect(r.stdout.split('\r\n')[3]).toBe('bad.csv,4,Date,FUTURE_DATE,warning,日期 2024-04-01 晚于截至日期 2024-03-01,2024-04-01');
  });

  it('Markdown: summary line, counts by code, issues with HTML escaped', () => {
    const { r } = run(['-f', 'md']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        '# Validation',
        '',
        '1 file: 4 rows read, 2 accepted, 2 rejected; 2 errors, 1 warning',
        '',
        '| Code | Severity | Count | Meaning |',
        '| --- | --- | ---: | --- |',
        '| AMOUNT_INVALID | error | 2 | the amount is not a number |',
        '| FUTURE_DATE | warning | 1 | the date is after the as-of date |',
        '',
        '| File | Row | Column | Code | Severity | Message | Value |',
        '| --- | ---: | --- | --- | --- | --- | --- |',
        '| bad.csv | 3 | Amount | AMOUNT_INVALID | error | expected a number, got "=1+2" | =1+2 |',
        '| bad.csv | 5 | Amount | AMOUNT_INVALID | error | expected a number, got "x&lt;y" | x&lt;y |',
        '| bad.csv | 4 | Date | FUTURE_DATE | warning | date 2024-04-01 is after the as-of date 2024-03-01 | 2024-04-01 |',
        '',
      ].join('\n'),
    );
  });

  it('XLSX: a Summary and an Issues sheet with the same rows as the CSV; a formula stays text', async () => {
    const { dir, r } = run(['-f', 'xlsx', '-o', 'v.xlsx', '--lang', 'zh']);
    expect(r.code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 'v.xlsx')) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['摘要', '问题']);
    const ws = wb.getWorksheet('问题')!;
    const rows = ws
      .getSheetValues()
      .slice(1)
      .map((v) => (v as unknown[]).slice(1));
    expect(rows[0]).toEqual(['文件', '工作表', '行', '列', '代码', '级别', '说明', '值']);
    expect(rows.length).toBe(4);
    expect(rows[1]![4]).toBe('AMOUNT_INVALID');
    expect(rows[1]![7]).toBe('=1+2');
    expect(ws.getCell('H2').numFmt).toBe('@');
    expect(rows[3]![6]).toBe('日期 2024-04-01 晚于截至日期 2024-03-01');
    expect(JSON.stringify(wb.getWorksheet('摘要')!.getSheetValues())).toContain('1 个文件：读取 4 行，接受 2，拒绝 2；2 个错误，1 个警告');
  });

  it('a file that cannot be read is a row of its own, and the exit code is the worst', () => {
    const { r } = run(['nope.csv', '-f', 'csv']);
    expect(r.code).toBe(3);
    expect(r.stdout.trimEnd().split('\r\n').at(-1)).toBe('nope.csv,,,INPUT_NOT_FOUND,error,nope.csv: no such file,');
  });
});
