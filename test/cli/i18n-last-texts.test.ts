/**
 * The last English-only texts of the readers, in English and Chinese (issue 9): a damaged zip
 * directory, damaged sheet XML and an input limit, each under --lang zh and in English. The
 * Chinese lines are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tmp, writeTmp } from '../helpers.js';
import { GOOD_ROWS, makeZip, rowXml, sheetXml, workbookParts } from '../io/zip-fixture.js';

const EN = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };

function both(name: string, bytes: Buffer) {
  const dir = tmp();
  writeTmp(name, bytes, dir);
  const en = runCli(['report', name], { cwd: dir, env: EN });
  const zh = runCli(['report', name, '--lang', 'zh'], { cwd: dir, env: EN });
  return { en, zh };
}

describe('reader errors in English and Chinese', () => {
  it('a zip with no directory (a truncated workbook)', () => {
    const zip = makeZip(workbookParts(sheetXml(GOOD_ROWS)));
    const { en, zh } = both('cut.xlsx', zip.subarray(0, zip.length - 30));
    expect(en.code).toBe(3);
    expect(zh.code).toBe(3);
    expect(en.stderr).toContain(
      'salesperf: error: cut.xlsx: not a valid .xlsx file (no zip directory found; the file may be truncated or not a workbook)',
    );
    expect(zh.stderr).toContain('salesperf: error: cut.xlsx：不是有效的 .xlsx 文件（找不到 zip 目录；文件可能被截断，或不是工作簿）');
  });

  it('sheet XML cut inside row 3, with the hint', () => {
    const full = sheetXml(GOOD_ROWS);
    const cut = full.slice(0, full.indexOf('<row r="3">') + 20);
    const { en, zh } = both('mid.xlsx', makeZip(workbookParts(cut)));
    expect(en.code).toBe(3);
    expect(zh.code).toBe(3);
    expect(en.stderr).toContain('mid.xlsx: xl/worksheets/sheet1.xml: damaged XML: the sheet ends inside row 3; the file is truncated');
    expect(en.stderr).toContain(
      'the workbook is corrupt or was not written by a spreadsheet program; open and re-save it in Excel, or export it as CSV',
    );
    expect(zh.stderr).toContain('mid.xlsx: xl/worksheets/sheet1.xml：XML 已损坏：工作表在第 3 行中间结束；文件被截断');
    expect(zh.stderr).toContain('工作簿已损坏，或不是由电子表格程序写出的；请在 Excel 中打开并重新保存，或导出为 CSV');
    expect(zh.stderr).not.toMatch(/the sheet|damaged XML/);
  });

  it('rows out of order: the place and the problem both in the language', () => {
    const rows = rowXml(1, ['Date', 'Amount']) + rowXml(3, ['2026-01-05', 1]) + rowXml(2, ['2026-01-06', 2]);
    const { en, zh } = both('order.xlsx', makeZip(workbookParts(sheetXml(rows))));
    expect(en.stderr).toContain(
      'order.xlsx: xl/worksheets/sheet1.xml: damaged XML: the row after row 3: row number 2 comes after row 3 (rows must go down the sheet)',
    );
    expect(zh.stderr).toContain(
      'order.xlsx: xl/worksheets/sheet1.xml：XML 已损坏：第 3 行之后的一行：行号 2 出现在第 3 行之后（行号必须自上而下递增）',
    );
  });

  it('a workbook part whose directory entry says 100 MiB: the limit, named', () => {
    const parts = workbookParts(sheetXml(GOOD_ROWS), { overrides: { 'xl/workbook.xml': { size: 100 * 1024 * 1024 } } });
    const { en, zh } = both('big.xlsx', makeZip(parts));
    expect(en.code).toBe(3);
    expect(zh.code).toBe(3);
    expect(en.stderr).toContain(
      'salesperf: error: big.xlsx: xl/workbook.xml: more than 67,108,864 bytes (inflated size of a workbook part read whole (workbook.xml, its rels, styles.xml)); the zip directory says it inflates to 104,857,600 bytes. salesperf stops here (limit xml-part-bytes)',
    );
    expect(zh.stderr).toContain(
      'salesperf: error: big.xlsx: xl/workbook.xml：超过 67,108,864 字节（整体读取的工作簿部分解压后的大小（workbook.xml、其关系文件、styles.xml））；zip 目录记载解压后为 104,857,600 字节。salesperf 在此停止（限制 xml-part-bytes）',
    );
    expect(zh.stderr).toContain('这远超真实导出文件的规模');
  });
});

describe('payout statement notes in English and Chinese', () => {
  // Ann: 6,000 on a target of 2,000 (300%), credited up to 150%; Cy has no target
  const SALES =
    'Date,Deal ID,Rep,Customer,Status,Amount\n2026-01-05,D1,Ann,C1,Won,1000\n2026-01-06,D2,Ann,C2,Won,5000\n2026-01-08,D4,Cy,C4,Won,700\n';
  const TARGETS = 'Rep,Month,Target\nAnn,2026-01,2000\n';
  const PLAN = JSON.stringify({
    name: 'T',
    tiers: {
      mode: 'marginal',
      tiers: [
        { from: 0, rate: 0.03 },
        { from: 1, rate: 0.08 },
      ],
    },
    caps: { maxAttainment: 1.5 },
  });
  const run = (extra: string[]) => {
    const dir = tmp();
    writeTmp('s.csv', SALES, dir);
    writeTmp('t.csv', TARGETS, dir);
    writeTmp('plan.json', PLAN, dir);
    return runCli(['payout', 's.csv', '--plan', 'plan.json', '--targets', 't.csv', '--as-of', '2026-02-01', ...extra], {
      cwd: dir,
      env: { ...EN, COLUMNS: '160' },
    });
  };

  it('the table says the note in the language', () => {
    const en = run([]);
    const zh = run(['--lang', 'zh']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('(attainment credited up to 150%)');
    expect(en.stdout).toContain('(no target: tiers not applied)');
    expect(zh.stdout).toContain('(达成率最多按 150% 计入)');
    expect(zh.stdout).toContain('(没有目标：未按档位计算)');
    // 2,000 × 3% + 1,000 × 8% (credited up to 3,000 of 6,000)
    expect(en.stdout).toContain('Total payout: 140.00');
  });

  it('JSON keeps the stable code and parameters, with the text in the language', () => {
    const zh = JSON.parse(run(['--format', 'json', '--lang', 'zh']).stdout);
    const en = JSON.parse(run(['--format', 'json']).stdout);
    const ann = (d: { statements: { rep: string; notes: unknown[] }[] }) => d.statements.find((s) => s.rep === 'Ann')!.notes;
    expect(ann(en)).toEqual([{ code: 'PAYOUT_NOTE_ATTAINMENT_CAPPED', params: { max: 150 }, text: 'attainment credited up to 150%' }]);
    expect(ann(zh)).toEqual([{ code: 'PAYOUT_NOTE_ATTAINMENT_CAPPED', params: { max: 150 }, text: '达成率最多按 150% 计入' }]);
  });
});

describe('config and plan problems in English and Chinese, with the key path', () => {
  it('one bad plan key is one line naming the file and the key', () => {
    const dir = tmp();
    writeTmp('s.csv', 'Date,Rep,Amount\n2026-01-05,Ann,100\n', dir);
    writeTmp(
      'plan.json',
      JSON.stringify({
        name: 'p',
        tiers: {
          mode: 'marginal',
          tiers: [
            { from: 0, rate: 0.1 },
            { from: 0.5, rate: 0.2 },
            { from: 1, rate: 12 },
          ],
        },
      }),
      dir,
    );
    const args = ['payout', 's.csv', '--plan', 'plan.json', '--as-of', '2026-02-01'];
    const en = runCli(args, { cwd: dir, env: EN });
    const zh = runCli([...args, '--lang', 'zh'], { cwd: dir, env: EN });
    expect(en.code).toBe(2);
    expect(zh.code).toBe(2);
    expect(en.stderr).toBe('salesperf: error: plan.json: tiers.tiers[2].rate: must be at most 10\n');
    expect(zh.stderr).toBe('salesperf: error: plan.json：tiers.tiers[2].rate：不得大于 10\n');
  });

  it('several problems: a heading and one line each; a misspelled choice gets a did-you-mean', () => {
    const dir = tmp();
    writeTmp('s.csv', 'Date,Rep,Amount\n2026-01-05,Ann,100\n', dir);
    writeTmp('plan.json', JSON.stringify({ name: 'p', base: { rate: 0.1, on: 'revnue' }, foo: 1 }), dir);
    const args = ['payout', 's.csv', '--plan', 'plan.json', '--as-of', '2026-02-01'];
    const en = runCli(args, { cwd: dir, env: EN });
    const zh = runCli([...args, '--lang', 'zh'], { cwd: dir, env: EN });
    expect(en.stderr).toBe(
      [
        'salesperf: error: plan.json: invalid plan, 2 problems:',
        '  base.on: expected "revenue" or "margin"; did you mean "revenue"?',
        '  (top level): unknown key "foo"',
        '',
      ].join('\n'),
    );
    expect(zh.stderr).toBe(
      [
        'salesperf: error: plan.json：提成方案无效，共 2 处问题：',
        '  base.on：应为 "revenue" 或 "margin"；是否要用 "revenue"？',
        '  （顶层）：1 个未知的键："foo"',
        '',
      ].join('\n'),
    );
  });

  it('a scorecard in the config whose weights do not add up: the sum in the message, in Chinese too', () => {
    const dir = tmp();
    writeTmp('s.csv', 'Date,Rep,Amount\n2026-01-05,Ann,100\n', dir);
    writeTmp('salesperf.config.json', JSON.stringify({ scorecard: { kpis: [{ kpi: 'revenue', weight: 90 }] } }), dir);
    const zh = runCli(['scorecard', 's.csv', '--as-of', '2026-02-01', '--lang', 'zh'], { cwd: dir, env: EN });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('salesperf.config.json：scorecard.kpis：权重之和必须为 100，实际为 90');
  });
});

describe('hints and notes of the surface in English and Chinese', () => {
  const SALES = 'Date,Rep,Amount\n2026-01-05,Ann,100\n';

  it('a threshold on a KPI the inputs cannot give: the hint names what it needs', () => {
    const dir = tmp();
    writeTmp('s.csv', SALES, dir);
    const args = ['report', 's.csv', '--as-of', '2026-02-01', '--fail-under', 'newCustomers=1'];
    const en = runCli(args, { cwd: dir, env: EN });
    const zh = runCli([...args, '--lang', 'zh'], { cwd: dir, env: EN });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('newCustomers needs a customer column in the sales data: name it with --map customer=<header>');
    expect(zh.stderr).toContain('newCustomers 需要销售数据中有客户列：请用 --map customer=<表头> 指定');
  });

  it('--out whose extension names another format', () => {
    const dir = tmp();
    writeTmp('s.csv', SALES, dir);
    const args = ['report', 's.csv', '--as-of', '2026-02-01', '-f', 'json', '-o', 'r.csv'];
    expect(runCli(args, { cwd: dir, env: EN }).stderr).toContain(
      'r.csv: written as JSON (--format json), not as the .csv its name suggests',
    );
    expect(runCli([...args, '--lang', 'zh'], { cwd: dir, env: EN }).stderr).toContain(
      'r.csv：按 JSON 写出（--format json），而不是文件名所示的 .csv',
    );
  });
});

describe('the progress line in English and Chinese', () => {
  it('rows/s and the ETA in the language (10 of 100 MB in 2 s, 5,000 rows)', async () => {
    const { progressLine } = await import('../../src/cli/progress.js');
    const s = { file: 'a.csv', bytes: 10e6, total: 100e6, rows: 5000, elapsedMs: 2000 };
    expect(progressLine(s, 120)).toBe('a.csv [##------------------]  10%  10 MB/100 MB  ETA 18 s  2,500 rows/s');
    expect(progressLine(s, 120, 'zh')).toBe('a.csv [##------------------]  10%  10 MB/100 MB  预计 18 秒  2,500 行/秒');
  });
});

describe('--by misspelled on a file without that column', () => {
  it('suggests from the available dimensions and the actual headers, never a field the file lacks', () => {
    const dir = tmp();
    writeTmp('s.csv', 'Date,Rep,Amount,Channel\n2026-01-05,Ann,100,Web\n', dir);
    const r = runCli(['report', 's.csv', '--as-of', '2026-02-01', '--by', 'Regoin'], { cwd: dir, env: EN });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--by Regoin: no such column');
    // no region column here: "region" would only lead to a second error (test/cli/i18n.test.ts says the same)
    expect(r.stderr).toBe('salesperf: error: --by Regoin: no such column; available: rep, channel\n');
    const c = runCli(['report', 's.csv', '--as-of', '2026-02-01', '--by', 'Chanel', '--lang', 'zh'], { cwd: dir, env: EN });
    expect(c.stderr).toMatch(/是否要用 .*"Channel"|是否要用 .*"channel"/);
  });
});
