import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/render/report-data.js';
import { ROOT, runCli, tmp, writeTmp } from '../helpers.js';

const K = (f: string) => join(ROOT, 'fixtures/kpi', f);
const base = ['report', K('deals.csv'), '--as-of', '2026-05-20'];

describe('salesperf report (built binary)', () => {
  it('table: totals row, — for null, money with separators, no colour when piped', () => {
    const r = runCli([...base, '--kpis', 'revenue,growth,winRate', '--period', '2026-03']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.find((l) => l.includes(' Ann '))).toMatch(/│ Ann\s+│ 2026-03 │\s+-50\.00 │ -133\.3% │\s+— │/);
    expect(lines.find((l) => l.includes('Total'))).toMatch(/│ Total │ 2026-03 │\s+200\.00 │\s+-60\.0% │\s+100\.0% │/);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stderr).toBe('');
  });

  it('table: wide reports split into panels that fit 80 columns, repeating the key columns', () => {
    const r = runCli([...base, '--targets', K('targets.csv')], { env: { COLUMNS: '80' } });
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(lines.filter((l) => /│ Rep\s+│ Period/.test(l)).length).toBeGreaterThan(1);
    const wide = runCli([...base, '--targets', K('targets.csv')], { env: { COLUMNS: '160' } });
    expect(Math.max(...wide.stdout.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(160);
  });

  it('table labels in Chinese with --lang zh', () => {
    const r = runCli([...base, '--kpis', 'revenue,attainment', '--targets', K('targets.csv'), '--period', '2026-04', '--lang', 'zh']);
    expect(r.stdout).toContain('销售额');
    expect(r.stdout).toContain('达成率');
    expect(r.stdout).toContain('合计');
  });

  it('JSON: one versioned document, byte-identical across runs, no timestamps', () => {
    const a = runCli([...base, '--format', 'json', '--targets', K('targets.csv')]);
    const b = runCli([...base, '--format', 'json', '--targets', K('targets.csv')]);
    expect(a.stdout).toBe(b.stdout);
    const d = reportSchema.parse(JSON.parse(a.stdout));
    expect(d.meta.inputs[0]).toMatchObject({
      rowsRead: 15,
      accepted: 15,
      rejected: 0,
      mapping: { date: 'Date', amount: 'Amount', rep: 'Rep', dealId: 'Deal ID', createdDate: 'Created' },
    });
    expect(d.meta.inputs[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(d.meta).toMatchObject({ grain: 'month', dimensions: ['rep'], asOf: '2026-05-20', configHash: null });
    expect(d.rows).toHaveLength(15); // 3 reps × 5 months
    expect(Object.keys(d.rows[0]!).slice(0, 3)).toEqual(['period', 'rep', 'revenue']);
  });

  it('CSV: RFC 4180, header of dimensions and KPI ids, totals marked (total)', () => {
    const dir = tmp();
    const out = join(dir, 'r.csv');
    const r = runCli([...base, '--kpis', 'revenue,deals', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toBe('period,rep,revenue,deals');
    expect(lines).toContain('2026-03,Ann,-50,0');
    expect(lines).toContain('2026-04,(total),520,2');
  });

  it('--fail-under / --fail-over exit 1 after printing, naming the breaches on stderr', () => {
    const r = runCli([
      ...base,
      '--targets',
      K('targets.csv'),
      '--fail-under',
      'attainment=0.8',
      '--kpis',
      'revenue,attainment',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    expect(reportSchema.parse(JSON.parse(r.stdout)).rows.length).toBe(15);
    expect(r.stderr).toContain('threshold breached: rep=Bob 2026-04: attainment 0 is under 0.8');
    expect(r.stderr).not.toContain('rep=Ann');
    expect(runCli([...base, '--targets', K('targets.csv'), '--fail-under', 'attainment=0.5']).code).toBe(1);
    expect(runCli([...base, '--fail-over', 'churnRate=1']).code).toBe(0);
    expect(runCli([...base, '--fail-over', 'churnRate=0.99']).code).toBe(1);
    expect(runCli([...base, '--fail-under', 'bogus=1']).code).toBe(2);
  });

  it('--sort and --top keep the best N groups per period', () => {
    const r = runCli([...base, '--sort', 'revenue', '--top', '1', '--format', 'json', '--kpis', 'revenue']);
    const rows = reportSchema.parse(JSON.parse(r.stdout)).rows;
    expect(rows.map((x) => [x.period, x.rep])).toEqual([
      ['2026-01', 'Bob'],
      ['2026-02', 'Cat'],
      ['2026-03', 'Bob'],
      ['2026-04', 'Cat'],
      ['2026-05', 'Bob'],
    ]);
  });

  it('grains and --by any column', () => {
    const q = reportSchema.parse(
      JSON.parse(runCli([...base, '--grain', 'quarter', '--by', 'Region', '--format', 'json', '--kpis', 'revenue']).stdout),
    );
    expect(q.rows).toEqual(
      [
        { period: '2026-Q1', region: 'North', revenue: 650 }, // 100 + 200 + 150 + 250 − 50 (refund)
        { period: '2026-Q2', region: 'North', revenue: 200 },
        { period: '2026-Q1', region: 'South', revenue: 350 },
        { period: '2026-Q2', region: 'South', revenue: 460 },
      ].sort((a, b) => a.region.localeCompare(b.region)),
    );
    const r = runCli([...base, '--by', 'Nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--by Nope: no such column; available: rep, customer, region, status, dealId');
  });

  it('a spend-only report with an acquired column, no record file', () => {
    const spend = writeTmp(
      'spend.csv',
      'Date,Campaign,Spent,Approved_Conversion\n31-08-2023,A,10.005,2\n30-08-2023,A,5,1\n29-08-2023,B,7.5,0\n',
    );
    const r = runCli(['report', '--spend', spend, '--by', 'Campaign', '--format', 'json', '--as-of', '2026-11-26']);
    expect(r.code).toBe(0);
    const d = reportSchema.parse(JSON.parse(r.stdout));
    expect(d.rows).toEqual([
      { period: '2023-08', Campaign: 'A', spend: 15.01, acquired: 3, cac: 5 }, // 15.005 → 15.01; 15.005/3 = 5.0016…
      { period: '2023-08', Campaign: 'B', spend: 7.5, acquired: 0, cac: null },
    ]);
    expect(d.totals).toEqual([{ period: '2023-08', spend: 22.51, acquired: 3, cac: 7.5 }]); // 22.505 → 22.51; 22.505/3 = 7.50166…
  });

  it('rejected rows are counted on stderr and exit 1; stdout still carries the report', () => {
    const f = writeTmp('bad.csv', 'Date,Amount\n2026-01-05,10\n2026-01-06,x\n');
    const r = runCli(['report', f, '--as-of', '2026-11-26', '--format', 'csv']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\r\n')[1]).toMatch(/^2026-01,10,/);
    expect(r.stderr).toContain('1 row(s) rejected and left out of every KPI: AMOUNT_INVALID ×1');
  });

  it('bad targets are reported with file, row and column', () => {
    const t = writeTmp('t.csv', 'Rep,Month,Target\nAnn,2026-04,abc\nAnn,2026-13,5\n');
    const r = runCli([...base, '--targets', t, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('t.csv:2 Target: expected a number, got "abc" (row skipped)');
    expect(r.stderr).toContain('t.csv:3 Month: expected a month such as 2026-10, got "2026-13" (row skipped)');
  });

  it('a quarterly target in a monthly report is phased by days, parts adding up exactly', () => {
    // 300.00 over Apr/May/Jun = 30/31/30 of 91 days: 9890 r10, 10219 r71, 9890 r10 cents; the spare cent goes to May
    const q = writeTmp('q.csv', 'Rep,Quarter,Target\nAnn,2026-Q2,300\n');
    const r = runCli([...base, '--targets', q, '--format', 'json', '--to', '2026-06', '--kpis', 'target']);
    const ann = reportSchema.parse(JSON.parse(r.stdout)).rows.filter((x) => x.rep === 'Ann' && (x.period as string) >= '2026-04');
    expect(ann.map((x) => [x.period, x.target])).toEqual([
      ['2026-04', 98.9],
      ['2026-05', 102.2],
      ['2026-06', 98.9],
    ]);
    expect(r.stderr).toContain('1 targets for periods longer than a month phased over its months by days');
  });

  it('salesperf kpis lists every KPI with its formula', () => {
    const r = runCli(['kpis']);
    expect(r.stdout).toMatch(/^retentionRate\s+ratio\s+retainedCustomers \/ active customers of the previous period$/m);
    expect(JSON.parse(runCli(['kpis', '--format', 'json']).stdout).length).toBe(28); // 26 + grossProfit, margin
  });
});

describe('progress and input hashes', () => {
  it('the progress line shows the share read, sizes, rows/s and an ETA within the width', async () => {
    const { progressLine } = await import('../../src/cli/progress.js');
    expect(progressLine({ file: 'sales.csv', bytes: 25e6, total: 100e6, rows: 250_000, elapsedMs: 1000 })).toBe(
      'sales.csv [#####---------------]  25%  25 MB/100 MB  ETA 3 s  250,000 rows/s',
    );
    expect(progressLine({ file: 'x'.repeat(50), bytes: 1, total: 2, rows: 0, elapsedMs: 0 }, 40).length).toBeLessThanOrEqual(39);
  });

  it('no progress output when stderr is not a terminal', () => {
    expect(runCli([...base, '--kpis', 'revenue']).stderr).toBe('');
  });

  it("the sha256 in the JSON is the file's, though it is hashed while reading", async () => {
    const { createHash } = await import('node:crypto');
    const d = reportSchema.parse(JSON.parse(runCli([...base, '--format', 'json']).stdout));
    expect(d.meta.inputs[0]!.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(K('deals.csv')))
        .digest('hex'),
    );
  });
});

describe('report as Markdown', () => {
  it('a GitHub table with the totals in bold, values as in the table output', () => {
    const r = runCli([
      ...base,
      '--period',
      '2026-04',
      '--targets',
      K('targets.csv'),
      '--format',
      'md',
      '--kpis',
      'revenue,winRate,target,attainment',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '| Rep | Period | Revenue | Win rate | Target | Attainment |',
        '|:--|:--|--:|--:|--:|--:|',
        '| Ann | 2026-04 | 120.00 | 50.0% | 100.00 | 120.0% |', // 120 / 100
        '| Bob | 2026-04 | 0.00 | — | 200.00 | 0.0% |',
        '| Cat | 2026-04 | 400.00 | 100.0% | — | — |',
        '| **Total** | **2026-04** | **520.00** | **66.7%** | **300.00** | **173.3%** |', // 520 / (100 + 200)
        '',
      ].join('\n'),
    );
    expect(runCli([...base, '--period', '2026-04', '--format', 'md', '--kpis', 'revenue', '--quiet']).stdout).toBe(
      runCli([...base, '--period', '2026-04', '--format', 'md', '--kpis', 'revenue', '--quiet']).stdout,
    );
  });
});
