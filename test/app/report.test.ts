/**
 * The library's report(): in-process, on a small file whose figures are worked out by hand, and
 * against the CLI's JSON of the same file (a second route to the same document).
 */
import { describe, expect, it } from 'vitest';
import { report, SalesperfError, reportResultSchema, validate } from '../../src/index.js';
import { runCli, tmp, writeTmp } from '../helpers.js';

const CSV = [
  'Date,Rep,Region,Amount,Status',
  '2026-01-05,Ann,North,100.10,Won',
  '2026-01-20,Bob,South,200.20,Won',
  '2026-02-03,Ann,North,50.05,Won',
  '2026-02-10,Bob,South,10,Lost',
  '',
].join('\n');

describe('report() from the library', () => {
  it('gives revenue and win rate by region and month, worked out by hand', async () => {
    const file = writeTmp('sales.csv', CSV);
    const r = await report({ files: [file], by: 'region', kpis: ['revenue', 'winRate'], asOf: '2026-03-01' });
    expect(reportResultSchema.parse(r)).toEqual(r);
    expect(r.meta.periods).toEqual(['2026-01', '2026-02']);
    expect(r.meta.dimensions).toEqual(['region']);
    expect(r.meta.asOf).toBe('2026-03-01');
    const at = (period: string, region: string) => r.rows.find((x) => x.period === period && x.region === region);
    expect(at('2026-01', 'North')).toMatchObject({ revenue: 100.1, winRate: 1 });
    expect(at('2026-01', 'South')).toMatchObject({ revenue: 200.2, winRate: 1 });
    expect(at('2026-02', 'North')).toMatchObject({ revenue: 50.05, winRate: 1 });
    // Bob's February deal was lost: no revenue, 0 of 1 won
    expect(at('2026-02', 'South')).toMatchObject({ revenue: 0, winRate: 0 });
    // 100.10 + 200.20 = 300.30 exactly (as floats 100.1 + 200.2 = 300.29999999999995)
    expect(r.totals).toEqual([
      { period: '2026-01', revenue: 300.3, winRate: 1 },
      { period: '2026-02', revenue: 50.05, winRate: 0.5 },
    ]);
    expect(r.breaches).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('returns threshold breaches as coded data and exit code 1, as --fail-under does', async () => {
    const file = writeTmp('sales.csv', CSV);
    const r = await report({ files: [file], by: 'region', kpis: ['revenue'], asOf: '2026-03-01', failUnder: { revenue: 100 } });
    expect(r.exitCode).toBe(1);
    expect(r.breaches.map((b) => [b.code, b.severity, b.params.who, b.params.period, b.params.value, b.params.limit])).toEqual([
      ['ERR_THRESHOLD_UNDER', 'error', 'region=North', '2026-02', 50.05, 100],
      ['ERR_THRESHOLD_UNDER', 'error', 'region=South', '2026-02', 0, 100],
    ]);
    const cli = runCli([
      'report',
      file,
      '--by',
      'region',
      '--kpis',
      'revenue',
      '--as-of',
      '2026-03-01',
      '--fail-under',
      'revenue=100',
      '--format',
      'json',
    ]);
    expect(cli.code).toBe(1);
    expect(cli.stderr.match(/revenue/g)?.length).toBe(2);
  });

  it('is the document the CLI prints, value for value', async () => {
    const dir = tmp();
    const file = writeTmp('sales.csv', CSV, dir);
    const r = await report({ files: [file], by: ['rep'], asOf: '2026-03-01' });
    const cli = runCli(['report', file, '--by', 'rep', '--as-of', '2026-03-01', '--format', 'json'], { cwd: dir });
    expect(cli.code, cli.stderr).toBe(0);
    const { notes, breaches, exitCode, ...doc } = r;
    expect(doc).toEqual(JSON.parse(cli.stdout));
    expect([notes, breaches, exitCode]).toEqual([[], [], 0]);
  });

  it('takes the grain a period key implies, as the CLI does (2026-Q1 is a quarter), and refuses a grain that contradicts it', async () => {
    const file = writeTmp('sales.csv', CSV);
    const r = await report({ files: [file], kpis: ['revenue'], period: '2026-Q1', asOf: '2026-03-01' });
    expect(r.meta.grain).toBe('quarter');
    // 100.10 + 200.20 + 50.05 (the lost deal is no revenue)
    expect(r.totals).toEqual([{ period: '2026-Q1', revenue: 350.35 }]);
    await expect(report({ files: [file], period: '2026-Q1', grain: 'month', asOf: '2026-03-01' })).rejects.toMatchObject({
      code: 'FLAG_GRAIN',
      exitCode: 2,
    });
  });

  it('throws a SalesperfError (no exit, no output) for a missing as-of date or an unknown dimension', async () => {
    const file = writeTmp('sales.csv', CSV);
    const exitBefore = process.exitCode;
    await expect(report({ files: [file], asOf: 'today' })).rejects.toMatchObject({ code: 'FLAG_DATE', exitCode: 2 });
    const e = await report({ files: [file], by: 'country', asOf: '2026-03-01' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SalesperfError);
    expect(e).toMatchObject({ code: 'FLAG_BY', exitCode: 2 });
    expect(process.exitCode).toBe(exitBefore);
  });
});

describe('validate() from the library', () => {
  it('counts rows and rejects as validate --format json does', async () => {
    const file = writeTmp('sales.csv', CSV + '2026-02-30,Ann,North,5,Won\n');
    const v = await validate({ files: [file], asOf: '2026-03-01' });
    expect(v.summary).toMatchObject({ files: 1, rowsRead: 5, accepted: 4, rejected: 1 });
    expect(v.exitCode).toBe(1);
    expect(v.issues.map((i) => i.code)).toContain('DATE_INVALID');
  });
});
