/**
 * The same failing and warning runs in English and in Chinese: --lang zh (or a Chinese LANG) turns
 * notes, warnings, errors and validate's whole text into Chinese; the `salesperf: error:` prefix,
 * codes, flags, file and header names stay as they are. The Chinese lines are written out by hand.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli, tmp, writeTmp } from '../helpers.js';

const EN = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };
const ZH = { LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' };

// one amount that is not a number (row 3), one sale in the future of the as-of date (row 4)
const BAD = 'Date,Rep,Amount\n2024-01-05,Ann,100\n2024-01-06,Bob,abc\n2024-04-01,Ann,50\n';

describe('messages in English and Chinese', () => {
  it('validate of a file with a bad amount: the whole text in each language, same exit code', () => {
    const dir = tmp();
    const f = writeTmp('bad.csv', BAD, dir);
    const en = runCli(['validate', 'bad.csv', '--as-of', '2024-03-01'], { cwd: dir, env: EN });
    const zh = runCli(['validate', 'bad.csv', '--as-of', '2024-03-01', '--lang', 'zh'], { cwd: dir, env: EN });
    expect(f.endsWith('bad.csv')).toBe(true);
    expect(en.code).toBe(1);
    expect(zh.code).toBe(1);
    expect(en.stdout).toBe(
      [
        'bad.csv  (CSV, utf-8, comma-delimited, header on row 1)',
        '  mapping:',
        '    date   ← "Date"  year-first/unambiguous',
        '    amount ← "Amount"',
        '    rep    ← "Rep"',
        '    (no status column: every row counts as won)',
        '  rows: 3 read, 2 accepted, 1 rejected',
        '',
        'Issues',
        '  error   AMOUNT_INVALID  ×1  the amount is not a number',
        '      bad.csv:3 Amount: expected a number, got "abc"',
        '  warning FUTURE_DATE  ×1  the date is after the as-of date',
        '      bad.csv:4 Date: date 2024-04-01 is after the as-of date 2024-03-01',
        '',
        '1 file: 3 rows read, 2 accepted, 1 rejected; 1 error, 1 warning',
        '',
      ].join('\n'),
    );
    expect(zh.stdout).toBe(
      [
        'bad.csv  （CSV，utf-8，逗号分隔，表头在第 1 行）',
        '  列映射：',
        '    date   ← "Date"  年在前/无歧义',
        '    amount ← "Amount"',
        '    rep    ← "Rep"',
        '    （没有状态列：每一行都算作赢单）',
        '  行数：读取 3，接受 2，拒绝 1',
        '',
        '问题',
        '  错误 AMOUNT_INVALID  ×1  金额不是数字',
        '      bad.csv:3 Amount: 应为数字，实际为 "abc"',
        '  警告 FUTURE_DATE  ×1  日期晚于截至日期',
        '      bad.csv:4 Date: 日期 2024-04-01 晚于截至日期 2024-03-01',
        '',
        '1 个文件：读取 3 行，接受 2，拒绝 1；1 个错误，1 个警告',
        '',
      ].join('\n'),
    );
    expect(en.stderr).toBe('');
    expect(zh.stderr).toBe('');
  });

  it('report of the same file: the summary lines in each language (a Chinese LANG sets the default)', () => {
    const dir = tmp();
    writeTmp('bad.csv', BAD, dir);
    const en = runCli(['report', 'bad.csv', '-f', 'csv'], { cwd: dir, env: EN });
    const zh = runCli(['report', 'bad.csv', '-f', 'csv'], { cwd: dir, env: ZH });
    expect(en.code).toBe(1);
    expect(zh.code).toBe(1);
    const today = /as of (\d{4}-\d{2}-\d{2}) \(today\)/.exec(en.stderr)?.[1];
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(en.stderr).toBe(
      `salesperf: note: as of ${today} (today); set --as-of YYYY-MM-DD for a fixed date\n` +
        'salesperf: error: 1 row(s) rejected and left out of every KPI: AMOUNT_INVALID ×1 (details: salesperf validate, or --rejects FILE)\n',
    );
    expect(zh.stderr).toBe(
      `salesperf: note: 截至 ${today}（今天）；如需固定日期，请设置 --as-of YYYY-MM-DD\n` +
        'salesperf: error: 1 行被拒绝，未计入任何指标：AMOUNT_INVALID ×1（详情：salesperf validate，或 --rejects FILE）\n',
    );
    // the data output does not change with the language of the messages
    expect(zh.stdout).toBe(en.stdout);
  });

  it('report with a warning and a config picked up from the folder', () => {
    const dir = tmp();
    writeTmp('bad.csv', BAD, dir);
    writeTmp('salesperf.config.json', '{ "asOf": "2024-03-01" }', dir);
    const en = runCli(['report', 'bad.csv', '-f', 'csv', '--lang', 'en'], { cwd: dir, env: ZH });
    const zh = runCli(['report', 'bad.csv', '-f', 'csv', '-l', 'zh'], { cwd: dir, env: EN });
    expect(en.stderr).toBe(
      'salesperf: note: using salesperf.config.json from the current folder (--config FILE to use another)\n' +
        'salesperf: warning: FUTURE_DATE ×1 (details: salesperf validate)\n' +
        'salesperf: error: 1 row(s) rejected and left out of every KPI: AMOUNT_INVALID ×1 (details: salesperf validate, or --rejects FILE)\n',
    );
    expect(zh.stderr).toBe(
      'salesperf: note: 使用当前文件夹中的 salesperf.config.json（用 --config FILE 指定其他配置）\n' +
        'salesperf: warning: FUTURE_DATE ×1（详情：salesperf validate）\n' +
        'salesperf: error: 1 行被拒绝，未计入任何指标：AMOUNT_INVALID ×1（详情：salesperf validate，或 --rejects FILE）\n',
    );
  });

  it('report --by a column the file does not have: exit 2, the error in each language', () => {
    const dir = tmp();
    writeTmp('bad.csv', BAD, dir);
    const en = runCli(['report', 'bad.csv', '--by', 'Regoin', '--as-of', '2024-03-01'], { cwd: dir, env: EN });
    const zh = runCli(['report', 'bad.csv', '--by', 'Regoin', '--as-of', '2024-03-01', '--lang', 'zh'], { cwd: dir, env: EN });
    expect([en.code, zh.code]).toEqual([2, 2]);
    expect(en.stderr).toBe('salesperf: error: --by Regoin: no such column; available: rep\n');
    expect(zh.stderr).toBe('salesperf: error: --by Regoin：没有这一列；可用的有：rep\n');
    const en2 = runCli(['report', 'bad.csv', '--by', 'reps', '--as-of', '2024-03-01'], { cwd: dir, env: EN });
    const zh2 = runCli(['report', 'bad.csv', '--by', 'reps', '--as-of', '2024-03-01'], { cwd: dir, env: ZH });
    expect(en2.stderr).toBe('salesperf: error: --by reps: no such column; available: rep; did you mean "rep"?\n');
    expect(zh2.stderr).toBe('salesperf: error: --by reps：没有这一列；可用的有：rep；是否要用 "rep"？\n');
  });

  it('an empty file: exit 1 with the reason and the hint in each language', () => {
    const dir = tmp();
    writeTmp('empty.csv', '', dir);
    const en = runCli(['report', 'empty.csv', '--as-of', '2024-03-01'], { cwd: dir, env: EN });
    const zh = runCli(['report', 'empty.csv', '--as-of', '2024-03-01'], { cwd: dir, env: ZH });
    expect([en.code, zh.code]).toEqual([1, 1]);
    expect(en.stderr).toBe(
      'salesperf: error: empty.csv: no data rows (the file is empty, or holds only a BOM, blank lines or a header)\n' +
        '  hint: a failed or empty export? check the file; salesperf validate shows what was read\n',
    );
    expect(zh.stderr).toBe(
      'salesperf: error: empty.csv：没有数据行（文件为空，或只有 BOM、空行或表头）\n' +
        '  提示：导出失败或为空？请检查文件；salesperf validate 会显示读到的内容\n',
    );
    const v = runCli(['validate', 'empty.csv', '--lang', 'zh', '--as-of', '2024-03-01'], { cwd: dir, env: EN });
    expect(v.code).toBe(1);
    expect(v.stdout).toContain(
      '  错误 NO_DATA_ROWS  ×1  文件中没有数据行（为空、只有 BOM、空行或只有表头），或没有任何行落在 --from/--to/--period 范围内：是导出失败，而不是销售淡月\n',
    );
    expect(v.stdout).toContain('      empty.csv: 没有数据行：文件为空（或只有 BOM 或空行）\n');
  });

  it('stopping errors: a missing file (exit 3), not a sales export and a bad flag value (exit 2)', () => {
    const dir = tmp();
    writeTmp('reps.csv', 'Rep,Team\nAnn,East\n', dir);
    const cases: [string[], number, string, string][] = [
      [['report', 'nosuch.csv'], 3, 'salesperf: error: nosuch.csv: no such file\n', 'salesperf: error: nosuch.csv：文件不存在\n'],
      [
        ['validate', 'reps.csv'],
        2,
        'salesperf: error: reps.csv: no date and no amount column found, so this does not look like a sales export (headers: "Rep", "Team")\n' +
          '  hint: if it is, name the columns with --map date=<header> --map amount=<header>; a lookup table (reps → teams, targets) is given to report with --org or --targets\n',
        'salesperf: error: reps.csv：找不到日期列和金额列，看起来不是销售导出文件（表头："Rep", "Team"）\n' +
          '  提示：如果是，请用 --map date=<表头> --map amount=<表头> 指定列；对照表（业务员 → 团队、目标）请用 --org 或 --targets 交给 report\n',
      ],
      [
        ['report', 'reps.csv', '--grain', 'mnth'],
        2,
        'salesperf: error: --grain "mnth": expected month, week, quarter or year; did you mean "month"?\n',
        'salesperf: error: --grain "mnth"：应为 month, week, quarter 或 year；是否要用 "month"？\n',
      ],
      [
        ['report', 'reps.csv', '--top', '0'],
        2,
        'salesperf: error: --top: expected a whole number above 0, got "0"\n',
        'salesperf: error: --top：应为大于 0 的整数，实际为 "0"\n',
      ],
    ];
    for (const [args, code, en, zh] of cases) {
      const a = runCli([...args, '--as-of', '2024-03-01'], { cwd: dir, env: EN });
      const b = runCli([...args, '--as-of', '2024-03-01'], { cwd: dir, env: ZH });
      expect([a.code, a.stderr]).toEqual([code, en]);
      expect([b.code, b.stderr]).toEqual([code, zh]);
    }
  });

  it('a bad value from the config file names the config key, not a flag the user did not give', () => {
    const dir = tmp();
    writeTmp('bad.csv', BAD, dir);
    writeTmp('salesperf.config.json', '{ "dateFormat": "DD/DD/YYYY" }', dir);
    const en = runCli(['report', 'bad.csv', '--as-of', '2024-03-01'], { cwd: dir, env: EN });
    const zh = runCli(['report', 'bad.csv', '--as-of', '2024-03-01'], { cwd: dir, env: ZH });
    expect([en.code, zh.code]).toEqual([2, 2]);
    expect(en.stderr).toBe(
      'salesperf: error: salesperf.config.json: dateFormat "DD/DD/YYYY": expected dmy, mdy, ymd or a pattern like DD/MM/YYYY\n',
    );
    expect(zh.stderr).toBe(
      'salesperf: error: salesperf.config.json: dateFormat "DD/DD/YYYY"：应为 dmy、mdy、ymd 或 DD/MM/YYYY 这样的格式\n',
    );
    // the flag, when it is the flag
    const flag = runCli(
      ['report', 'bad.csv', '--as-of', '2024-03-01', '--date-format', 'DD/DD/YYYY', '--config', 'salesperf.config.json'],
      { cwd: dir, env: EN },
    );
    expect(flag.stderr).toBe('salesperf: error: --date-format "DD/DD/YYYY": expected dmy, mdy, ymd or a pattern like DD/MM/YYYY\n');
  });

  it("commander's own errors in each language", () => {
    const en = runCli(['report', 'x.csv', '--fomat', 'csv'], { env: EN });
    const zh = runCli(['report', 'x.csv', '--fomat', 'csv', '--lang', 'zh'], { env: EN });
    expect([en.code, zh.code]).toEqual([2, 2]);
    expect(en.stderr).toBe("salesperf: error: unknown option '--fomat'; did you mean --format?\n");
    expect(zh.stderr).toBe("salesperf: error: 未知选项 '--fomat'；是否要用 --format？\n");
    expect(runCli(['validate'], { env: ZH }).stderr).toBe("salesperf: error: 缺少必需的参数 'files'\n");
  });

  it('the XLSX Issues sheet says what is wrong with a row in the language of the run', async () => {
    const dir = tmp();
    writeTmp('bad.csv', BAD, dir);
    const messageOf = async (lang: string) => {
      const x = join(dir, `r-${lang}.xlsx`);
      expect(
        runCli(['report', 'bad.csv', '--as-of', '2024-03-01', '--lang', lang, '--out', x, '--quiet'], { cwd: dir, env: EN }).code,
      ).toBe(1);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(x);
      const ws = wb.worksheets.find((w) => w.name === 'Issues' || w.name === '问题')!;
      const head = (ws.getRow(1).values as unknown[]).map(String);
      return [ws.name, ws.getRow(2).getCell(head.indexOf(lang === 'zh' ? '说明' : 'Message')).value];
    };
    expect(await messageOf('en')).toEqual(['Issues', 'expected a number, got "abc"']);
    expect(await messageOf('zh')).toEqual(['问题', '应为数字，实际为 "abc"']);
  });
});
