import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateOutputSchema } from '../../src/schema/validate-output.js';
import { ROOT, encodeGbk, ingest, plain, runCli, tmp, writeTmp, writeXlsx } from '../helpers.js';

const ZH = join(ROOT, 'fixtures/zh/sales-zh.csv');

describe('salesperf validate (built binary)', () => {
  it('the Chinese fixture: mapping, counts and issues worked out by hand; summary last; exit 0 on warnings only', () => {
    const r = runCli(['validate', ZH, '--as-of', '2026-11-26']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('date     ← "日期"');
    expect(r.stdout).toContain('amount   ← "销售额"');
    expect(r.stdout).toContain('rep      ← "业务员"');
    expect(r.stdout).toContain('rows: 8 read, 8 accepted, 0 rejected');
    expect(r.stdout).toContain('accepted by status: won 5, lost 1, open 1, refund 1');
    expect(r.stdout).toContain('warning NEGATIVE_AMOUNT  ×1');
    expect(r.stdout).toMatch(/sales-zh\.csv:8 销售额: negative amount on a won row/);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('1 file: 8 rows read, 8 accepted, 0 rejected; 0 errors, 1 warning');
  });

  it('--format json is one document that matches its schema; values as computed by hand', () => {
    const r = runCli(['validate', ZH, '--as-of', '2026-11-26', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = validateOutputSchema.parse(JSON.parse(r.stdout));
    expect(doc.summary).toEqual({ files: 1, rowsRead: 8, accepted: 8, rejected: 0, excluded: 0, errors: 0, warnings: 1, infos: 0 });
    expect(doc.files[0]!.statusCounts).toEqual({ won: 5, lost: 1, open: 1, refund: 1 });
    expect(doc.issues).toEqual([
      {
        code: 'NEGATIVE_AMOUNT',
        severity: 'warning',
        count: 1,
        meaning: expect.any(String),
        examples: [expect.objectContaining({ row: 8, column: '销售额', value: '(100.00)' })],
      },
    ]);
  });

  it('the won amounts of the Chinese fixture add up to the hand total 19,260.50', async () => {
    const { records } = await ingest([ZH]);
    let cents = 0n;
    for (const r of records) if (r.status === 'won') cents += BigInt(r.units) * 10n ** BigInt(2 - r.scale);
    expect(cents).toBe(1926050n); // 1200.50 + 860 + 15000 − 100 + 2300
    expect(records.find((r) => r.status === 'refund')!.units).toBe(-200);
  });

  it('a GBK CSV and the same data as XLSX validate identically without flags', async () => {
    const dir = tmp();
    const text = readFileSync(ZH, 'utf8');
    const gbk = writeTmp('销售.csv', encodeGbk(text), dir);
    // the XLSX as Excel would hold it: real dates and numbers, text elsewhere
    const rows = text
      .trim()
      .split('\n')
      .map((l) => l.match(/("[^"]*"|[^,]+)/g)!.map((c) => c.replace(/^"|"$/g, '')));
    const body = rows.slice(1).map((r) => {
      const [y, m, d] = r[0]!.split('/').map(Number);
      const amount = { '1,200.50': 1200.5, '￥860': 860, '1.5万': 15000, '(100.00)': -100 }[r[6]!] ?? Number(r[6]);
      return [new Date(Date.UTC(y!, m! - 1, d!)), ...r.slice(1, 6), amount];
    });
    const xlsx = await writeXlsx(join(dir, '销售.xlsx'), [{ name: '明细', rows: [rows[0]!, ...body] }]);
    const a = runCli(['validate', gbk, '--as-of', '2026-11-26', '--format', 'json']);
    const b = runCli(['validate', xlsx, '--as-of', '2026-11-26', '--format', 'json']);
    expect([a.code, b.code]).toEqual([0, 0]);
    const strip = (s: string) => {
      const d = validateOutputSchema.parse(JSON.parse(s));
      return {
        files: d.files.map(
          ({ file: _f, kind: _k, sheet: _s, encoding: _e, encodingReason: _r, delimiter: _d, warnings: _w, ...rest }) => rest,
        ),
        issues: d.issues.map((i) => ({ ...i, examples: i.examples.map(({ file: _f, sheet: _s, value: _v, ...e }) => e) })),
        summary: d.summary,
      };
    };
    expect(JSON.parse(a.stdout).files[0].encoding).toBe('gb18030');
    expect(strip(b.stdout)).toEqual(strip(a.stdout));
    const [ra, rb] = [await ingest([gbk]), await ingest([xlsx])];
    expect(rb.records.map(plain)).toEqual(ra.records.map(plain));
  });

  it('exit 1 when rows are rejected; --rejects lists each with file, row, column', () => {
    const dir = tmp();
    const f = writeTmp(
      'bad.csv',
      'Date,Amount,Status\n2026-01-05,10,Won\n2026-01-06,"12,3x",Won\n2023-02-31,5,Won\n2026-01-07,5,Shipped\n2026-01-08,,Won\n',
      dir,
    );
    const out = join(dir, 'rejects.csv');
    const r = runCli(['validate', f, '--as-of', '2026-11-26', '--rejects', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`bad.csv:3 Amount: expected a number, got "12,3x"`);
    expect(r.stdout).toContain('Unknown status values: "Shipped" ×1');
    expect(r.stdout).toContain('--won "Shipped"');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 file: 5 rows read, 1 accepted, 4 rejected; 4 errors, 0 warnings');
    expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toEqual([
      'file,row,severity,code,column,value,message,record',
      `${f},3,error,AMOUNT_INVALID,Amount,"12,3x","expected a number, got ""12,3x""","2026-01-06,""12,3x"",Won"`,
      `${f},4,error,DATE_INVALID,Date,2023-02-31,"expected a date, got ""2023-02-31""","2023-02-31,5,Won"`,
      `${f},5,error,STATUS_UNKNOWN,Status,Shipped,"unknown status ""Shipped""","2026-01-07,5,Shipped"`,
      `${f},6,error,REQUIRED_BLANK,Amount,,"expected an amount, got a blank cell","2026-01-08,,Won"`,
    ]);
    const mapped = runCli(['validate', f, '--as-of', '2026-11-26', '--won', 'Shipped,Delivered']);
    expect(mapped.stdout).toContain('2 accepted, 3 rejected');
  });

  it('--strict turns warnings into errors', () => {
    const f = writeTmp('w.csv', 'Date,Amount\n2026-01-05,-10\n2026-01-06,10\n');
    expect(runCli(['validate', f, '--as-of', '2026-11-26']).code).toBe(0);
    const s = runCli(['validate', f, '--as-of', '2026-11-26', '--strict']);
    expect(s.code).toBe(1);
    expect(s.stdout).toContain('error   NEGATIVE_AMOUNT');
  });

  it('future dates, duplicates and deal conflicts are warnings with their rows', () => {
    const f = writeTmp(
      'q.csv',
      'Date,Order ID,Customer,Amount\n2026-01-05,O1,A,10\n2026-01-05,O1,A,10\n2026-01-06,O1,B,5\n2027-01-01,O2,C,5\n',
    );
    const r = runCli(['validate', f, '--as-of', '2026-11-26', '--format', 'json']);
    const doc = validateOutputSchema.parse(JSON.parse(r.stdout));
    const by = Object.fromEntries(doc.issues.map((i) => [i.code, i.examples.map((e) => e.row)]));
    expect(by).toEqual({ DEAL_CONFLICT: [4], DUPLICATE_ROW: [3], FUTURE_DATE: [5] });
    expect(doc.issues.find((i) => i.code === 'DEAL_CONFLICT')!.examples[0]!.message).toContain(
      'date 2026-01-06 (was 2026-01-05), customer "B" (was "A")',
    );
  });

  it('reads CSV from stdin with -', () => {
    const r = runCli(['validate', '-', '--as-of', '2026-11-26'], { input: 'Date,Amount\n2026-01-05,10\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 accepted');
  });

  it('usage and config errors exit 2 on stderr, with no stack trace', () => {
    const f = writeTmp('m.csv', 'Date,Spent\n2026-01-05,10\n');
    const r = runCli(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no column recognised as the amount; numeric columns: "Spent"');
    expect(r.stderr).toContain('--map amount=<header>');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const amb = runCli(['validate', writeTmp('a.csv', 'Date,Sales,sales\n2026-01-05,1,2\n')]);
    expect(amb.code).toBe(2);
    expect(amb.stderr).toContain('--map amount=Sales or --map amount=sales');
    const dir = tmp();
    writeFileSync(join(dir, 'salesperf.config.json'), JSON.stringify({ map: { amount: 5 }, dateFormat: 'weekly' }));
    const c = runCli(['validate', f], { cwd: dir });
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('map.amount:');
    expect(c.stderr).toContain('dateFormat: expected dmy, mdy, ymd');
    expect(runCli(['validate', f, '--as-of', '26/11/2026']).stderr).toContain('--as-of: expected a date YYYY-MM-DD, got "26/11/2026"');
    expect(runCli(['validate', f, '--bogus']).code).toBe(2);
  });

  it('a config file maps columns (flags still win)', () => {
    const dir = tmp();
    const f = writeTmp('m.csv', 'When,Spent\n2026-01-05,10\n', dir);
    writeFileSync(join(dir, 'salesperf.config.json'), JSON.stringify({ map: { amount: 'Spent', date: 'When' } }));
    const r = runCli(['validate', f, '--as-of', '2026-11-26'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('amount ← "Spent"');
  });

  it('unreadable input exits 3: missing file, legacy .xls, corrupt .xlsx, undecodable with --encoding', () => {
    const dir = tmp();
    const missing = runCli(['validate', join(dir, 'nope.csv')]);
    expect([missing.code, missing.stderr]).toEqual([3, `salesperf: error: ${join(dir, 'nope.csv')}: no such file\n`]);
    const xls = writeTmp('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), dir);
    const rx = runCli(['validate', xls]);
    expect(rx.code).toBe(3);
    expect(rx.stderr).toContain('legacy Excel 97–2003 workbook (.xls)');
    expect(rx.stderr).toContain('save it as .xlsx');
    const bad = writeTmp('bad.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)]), dir);
    const rb = runCli(['validate', bad]);
    expect(rb.code).toBe(3);
    expect(rb.stderr).toContain('not a valid .xlsx file');
    const u = writeTmp('u.csv', Buffer.from([0x44, 0x61, 0x74, 0x65, 0x0a, 0xff, 0xfe, 0x0a]), dir);
    const ru = runCli(['validate', u, '--encoding', 'utf-8']);
    expect(ru.code).toBe(3);
    expect(ru.stderr).toContain('not valid utf-8 (first bad byte at offset 5)');
  });

  it('never writes over an input', () => {
    const f = writeTmp('in.csv', 'Date,Amount\n2026-01-05,10\n');
    const r = runCli(['validate', f, '--rejects', f]);
    expect(r.code).toBe(2);
    expect(readFileSync(f, 'utf8')).toBe('Date,Amount\n2026-01-05,10\n');
  });

  it('--version and --help exit 0', () => {
    const v = runCli(['--version']);
    expect([v.code, v.stdout.trim()]).toEqual([0, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version]);
    expect(runCli(['validate', '--help']).stdout).toContain('--date-format');
  });
});
