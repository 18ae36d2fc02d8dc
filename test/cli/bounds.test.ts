/**
 * Values and ranges through the built binary: far-off dates are rejected rows,
 * not periods; empty data exits 1 with one line; money at the limit is the same
 * in every format and one cent over is refused; unmatched targets are named;
 * plan bounds name the key.
 */
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/render/report-data.js';
import { runCli, tmp, writeTmp, writeXlsx } from '../helpers.js';

const ASOF = ['--as-of', '2026-03-01'];

describe('dates outside the window', () => {
  it('a 3-line file with 9999-12-31, 0001-01-01 and 8017 makes a one-month report, exit 1 with the rows counted', () => {
    const f = writeTmp('far.csv', 'Date,Amount,Rep\n2026-01-05,100.50,Ann\n9999-12-31,5,Bob\n0001-01-01,7,Bob\n8017-03-01,1,Ann\n');
    const r = runCli(['report', f, ...ASOF, '--format', 'json']);
    expect(r.code).toBe(1);
    const d = reportSchema.parse(JSON.parse(r.stdout));
    expect(d.meta.periods).toEqual(['2026-01']);
    expect(d.rows.map((x) => [x.rep, x.revenue])).toEqual([['Ann', 100.5]]);
    expect(r.stdout.length).toBeLessThan(5000);
    expect(r.stderr).toContain('3 row(s) rejected and left out of every KPI: DATE_OUT_OF_RANGE ×3');
  });

  it('--max-future-years is checked (exit 2) and moves the window', () => {
    const f = writeTmp('f.csv', 'Date,Amount\n2026-01-05,1\n2028-01-05,2\n');
    expect(runCli(['report', f, ...ASOF, '--max-future-years', '-1']).code).toBe(2);
    expect(runCli(['report', f, ...ASOF, '--max-future-years', '101']).stderr).toContain(
      '--max-future-years: expected a whole number from 0 to 100, got "101"',
    );
    const one = runCli(['report', f, ...ASOF, '--max-future-years', '1', '--format', 'csv', '--kpis', 'revenue']);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('DATE_OUT_OF_RANGE ×1');
    const five = runCli(['validate', f, ...ASOF, '--format', 'json']);
    expect(JSON.parse(five.stdout).issues.map((i: { code: string }) => i.code)).toEqual(['FUTURE_DATE']);
  });
});

describe('placeholder dates in the past (fuzz case long-2026-12-01b/16659)', () => {
  // 1900-01-01 (Excel's and SQL Server's "no date") stretched a 44 KB report by customer over 1,520 months (27.6 MB)
  const rows = [
    'Date,Amount,Customer',
    '1900-01-01,480,C1',
    '1970-01-01,5,C2',
    '2025-12-05,100,C1',
    '2026-01-05,200,C2',
    '2026-02-05,300,C3',
  ];
  const f = writeTmp('placeholder.csv', rows.join('\n') + '\n');

  it('are DATE_OUT_OF_RANGE by default (50 years before as-of): three months, not 1,515', () => {
    const r = runCli(['report', f, ...ASOF, '--by', 'customer', '--format', 'json']);
    expect(r.code).toBe(1);
    const d = reportSchema.parse(JSON.parse(r.stdout));
    expect(d.meta.periods).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(d.totals.map((t) => t.revenue)).toEqual([100, 200, 300]);
    expect(r.stderr).toContain('2 row(s) rejected and left out of every KPI: DATE_OUT_OF_RANGE ×2');
  });

  it('--max-past-years (or maxPastYears in the config) opens the window; bad values are exit 2', () => {
    const r = runCli(['report', f, ...ASOF, '--max-past-years', '60', '--format', 'json', '--kpis', 'revenue']);
    expect(r.code).toBe(1); // 1900-01-01 is still out
    const d = reportSchema.parse(JSON.parse(r.stdout));
    expect(d.meta.periods[0]).toBe('1970-01');
    expect(d.meta.periods).toHaveLength(12 * 56 + 2); // 1970-01 … 2026-02
    expect(r.stderr).toContain('DATE_OUT_OF_RANGE ×1');
    const dir = tmp();
    writeTmp('salesperf.config.json', JSON.stringify({ maxPastYears: 1000 }), dir);
    const cfg = runCli(['validate', f, ...ASOF, '--format', 'json'], { cwd: dir });
    expect(cfg.code).toBe(0);
    expect(runCli(['report', f, ...ASOF, '--max-past-years', '1001']).stderr).toContain(
      '--max-past-years: expected a whole number from 0 to 1000, got "1001"',
    );
    expect(runCli(['report', f, ...ASOF, '--max-past-years', '-1']).code).toBe(2);
  });
});

describe('empty data is a data problem', () => {
  const dir = tmp();
  const cases: [string, string | Uint8Array, string][] = [
    ['empty.csv', '', 'no data rows (the file is empty, or holds only a BOM, blank lines or a header)'],
    ['bom.csv', new Uint8Array([0xef, 0xbb, 0xbf]), 'no data rows'],
    ['blank.csv', '\n\r\n\n', 'no data rows'],
    ['header.csv', 'Date,Amount,Rep\n', 'no data rows'],
  ];
  for (const [name, content, msg] of cases) {
    it(`${name}: report exits 1 with one line and no table; validate exits 1 with NO_DATA_ROWS`, () => {
      const f = writeTmp(name, content, dir);
      const r = runCli(['report', f, ...ASOF]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`salesperf: error: ${f}: ${msg}`);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
      const v = runCli(['validate', f, ...ASOF, '--format', 'json']);
      expect(v.code).toBe(1);
      const doc = JSON.parse(v.stdout);
      expect(doc.issues.map((i: { code: string; severity: string; count: number }) => [i.code, i.severity, i.count])).toEqual([
        ['NO_DATA_ROWS', 'error', 1],
      ]);
    });
  }

  it('every row rejected: exit 1, one line with the codes, no all-zero table', () => {
    const f = writeTmp('bad.csv', 'Date,Amount\n2026-01-05,x\n2026-13-01,5\n');
    const r = runCli(['report', f, ...ASOF]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no data rows left: all 2 row(s) were rejected (');
  });

  it('everything filtered out by --period/--from/--to: report exits 1; validate (which has no period filter) passes', () => {
    const f = writeTmp('one.csv', 'Date,Amount\n2026-01-05,10\n2026-02-05,20\n');
    const r = runCli(['report', f, ...ASOF, '--period', '2025-01']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no data rows in --period 2025-01: every accepted row is outside it; the data runs 2026-01 … 2026-02');
    const q = runCli(['report', f, ...ASOF, '--from', '2026-03', '--to', '2026-04']);
    expect([q.code, q.stdout]).toEqual([1, '']);
    const ok = runCli(['report', f, ...ASOF, '--from', '2026-02', '--format', 'csv', '--kpis', 'revenue']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('period,revenue\r\n2026-02,20\r\n');
    expect(runCli(['validate', f, ...ASOF]).code).toBe(0);
  });

  it('one empty file beside a good one: the report is made, the empty file is named, exit 1', () => {
    const dir2 = tmp();
    const good = writeTmp('good.csv', 'Date,Amount\n2026-01-05,10\n', dir2);
    const empty = writeTmp('empty.csv', 'Date,Amount\n', dir2);
    const r = runCli(['report', good, empty, ...ASOF, '--format', 'csv', '--kpis', 'revenue']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('period,revenue\r\n2026-01,10\r\n');
    expect(r.stderr).toContain(`${empty}: no data rows: a header on row 1 and nothing below it`);
  });
});

describe('money at the limit, in every format', () => {
  // 9,999,999,999,999.99 + 0.01 in one month would be 10,000,000,000,000.00: one cent over
  const at = writeTmp('at.csv', 'Date,Amount,Region\n2026-01-05,9999999999999.98,North\n2026-01-06,0.01,North\n2026-02-05,-0.01,North\n');
  const kpis = ['--by', 'region', '--kpis', 'revenue'];

  it('JSON, CSV, Markdown and table show 9,999,999,999,999.99 to the cent', () => {
    const j = runCli(['report', at, ...ASOF, ...kpis, '--format', 'json']);
    expect(j.code).toBe(0); // the negative amount is a warning (NEGATIVE_AMOUNT), not a rejected row
    const d = reportSchema.parse(JSON.parse(j.stdout));
    expect(d.totals.map((t) => t.revenue)).toEqual([9999999999999.99, -0.01]);
    expect(j.stdout).toContain('"revenue": 9999999999999.99');
    const c = runCli(['report', at, ...ASOF, ...kpis, '--format', 'csv']);
    expect(c.stdout).toBe(
      'period,region,revenue\r\n2026-01,North,9999999999999.99\r\n2026-02,North,-0.01\r\n2026-01,(total),9999999999999.99\r\n2026-02,(total),-0.01\r\n',
    );
    const m = runCli(['report', at, ...ASOF, ...kpis, '--format', 'md']);
    expect(m.stdout).toContain('| North | 2026-01 | 9,999,999,999,999.99 |');
    const t = runCli(['report', at, ...ASOF, ...kpis]);
    expect(t.stdout).toMatch(/│ North\s+│ 2026-01 │ 9,999,999,999,999\.99 │/);
  });

  it('XLSX holds the same number', async () => {
    const out = `${tmp()}/r.xlsx`;
    const r = runCli(['report', at, ...ASOF, ...kpis, '--format', 'xlsx', '--out', out]);
    expect(r.code).toBe(0);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const values: unknown[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => values.push(cell.value))));
    expect(values).toContain(9999999999999.99);
  });

  it('one cent over: a cell is a rejected row, a total stops the report (exit 1, one line)', () => {
    const cell = writeTmp('cell.csv', 'Date,Amount\n2026-01-05,10000000000000.00\n2026-01-06,1\n');
    const r = runCli(['report', cell, ...ASOF, '--format', 'csv', '--kpis', 'revenue']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('period,revenue\r\n2026-01,1\r\n');
    expect(r.stderr).toContain('AMOUNT_OUT_OF_RANGE ×1');
    const sum = writeTmp('sum.csv', 'Date,Amount\n2026-01-05,9999999999999.99\n2026-01-06,0.01\n');
    const s = runCli(['report', sum, ...ASOF, '--format', 'json']);
    expect(s.code).toBe(1);
    // JSON on stdout whenever the exit code is 0 or 1: the error document, no report
    expect(JSON.parse(s.stdout)).toMatchObject({ command: 'report', error: { code: 'MONEY_OUT_OF_RANGE' }, exitCode: 1 });
    expect(s.stderr).toContain('a total of 10000000000000 is beyond the money limit of ±9,999,999,999,999.99');
  });

  it('a 100,000-digit amount is refused as a row issue', () => {
    const f = writeTmp('long.csv', `Date,Amount\n2026-01-05,${'9'.repeat(100_000)}\n2026-01-06,2\n`);
    const r = runCli(['report', f, ...ASOF, '--format', 'csv', '--kpis', 'revenue']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('period,revenue\r\n2026-01,2\r\n');
    expect(r.stderr).toContain('AMOUNT_OUT_OF_RANGE ×1');
  });
});

describe('targets and spend for groups not in the data', () => {
  it('are named in a warning and add no groups or periods', () => {
    const dir = tmp();
    const sales = writeTmp('s.csv', 'Date,Amount,Region\n2026-01-05,100,North\n2026-02-05,50,North\n', dir);
    const lines = ['Region,Quarter,Target', 'North,2026-Q1,200'];
    for (const reg of ['East', 'West', 'South', 'Central', 'Islands', 'Overseas'])
      for (const q of ['2024-Q1', '2024-Q2']) lines.push(`${reg},${q},10`);
    const t = writeTmp('t.csv', lines.join('\n') + '\n', dir);
    const r = runCli([
      'report',
      sales,
      ...ASOF,
      '--by',
      'region',
      '--grain',
      'quarter',
      '--targets',
      t,
      '--format',
      'json',
      '--kpis',
      'revenue,target',
    ]);
    expect(r.code).toBe(0);
    const d = reportSchema.parse(JSON.parse(r.stdout));
    expect(d.meta.periods).toEqual(['2026-Q1']);
    expect(d.rows).toEqual([{ period: '2026-Q1', region: 'North', revenue: 150, target: 200 }]);
    expect(r.stderr).toContain(
      `${t}: 6 targets group(s) match no group in the sales data and are left out: "Central", "East", "Islands", "Overseas", "South", … (1 more)`,
    );
    expect(r.stderr).toContain('TARGET_UNMATCHED ×6');
  });
});

describe('plan and scorecard bounds', () => {
  const sales = writeTmp('p.csv', 'Date,Amount,Rep\n2026-01-05,100,Ann\n');
  const plan = (o: unknown) => writeTmp('plan.json', JSON.stringify(o));

  it('rates, money, attainment and tier counts out of bounds are exit 2 with the key path', () => {
    const cases: [unknown, string][] = [
      [{ name: 'p', base: { rate: 1e308 } }, 'base.rate: must be at most 10'],
      [{ name: 'p', base: { rate: 0.1 }, caps: { perDeal: 1e300 } }, 'caps.perDeal: must be at most 1000000000000'],
      [{ name: 'p', base: { rate: 0.1 }, caps: { perPeriod: 10.001 } }, 'caps.perPeriod: expected money with at most 2 decimals'],
      [
        {
          name: 'p',
          tiers: {
            mode: 'marginal',
            tiers: [
              { from: 0, rate: 0.1 },
              { from: 1e200, rate: 0.2 },
            ],
          },
        },
        'tiers.tiers[1].from: must be at most 100',
      ],
      [
        { name: 'p', tiers: { mode: 'marginal', tiers: Array.from({ length: 101 }, (_, i) => ({ from: i / 100, rate: 0.1 })) } },
        'tiers.tiers: must have at most 100 items',
      ],
      [{ name: 'p', base: { rate: 0.1 }, gate: { minAttainment: 1e9 } }, 'gate.minAttainment: must be at most 100'],
    ];
    for (const [p, msg] of cases) {
      const r = runCli(['payout', sales, ...ASOF, '--plan', plan(p)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(msg);
    }
  });

  it('scorecard weights and band floors out of bounds are exit 2 with the key path', () => {
    const dir = tmp();
    writeTmp(
      'salesperf.config.json',
      JSON.stringify({ scorecard: { kpis: [{ kpi: 'revenue', weight: 100 }], bands: [{ name: 'A', min: 1e300 }] } }),
      dir,
    );
    const r = runCli(['scorecard', sales, ...ASOF], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scorecard.bands[0].min: must be at most 100');
  });
});

describe('XLSX serials', () => {
  it('a date cell with serial 1e15 is a rejected row, not year 2737907008888', async () => {
    const p = await writeXlsx(`${tmp()}/s.xlsx`, [
      {
        name: 'Sales',
        rows: [
          ['Date', 'Amount'],
          [new Date(Date.UTC(2026, 0, 5)), 10],
          [1e15, 20],
        ],
        setup: (ws) => void (ws.getCell('A3').numFmt = 'yyyy-mm-dd'),
      },
    ]);
    const r = runCli(['report', p, ...ASOF, '--format', 'csv', '--kpis', 'revenue']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('period,revenue\r\n2026-01,10\r\n');
    expect(r.stderr).toContain('DATE_OUT_OF_RANGE ×1');
  });
});
