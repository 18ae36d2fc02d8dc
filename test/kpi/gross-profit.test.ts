/**
 * grossProfit: Σ profit of won and refund rows, from a profit column or amount − cost. Figures by
 * hand on small files; the same through the parallel reader.
 */
import { describe, expect, it } from 'vitest';
import { toPlainString } from '../../src/core/decimal.js';
import { ingest, runCli, writeTmp } from '../helpers.js';

const PROFIT_CSV = [
  'Date,Order ID,Customer,Status,Amount,Profit',
  '2026-01-05,A1,c1,Won,100.10,20.05',
  '2026-01-06,A1,c1,Won,50.00,-5.50',
  '2026-01-07,A2,c2,Lost,80,30',
  '2026-01-08,A3,c2,Refund,40.00,10.00',
  '2026-01-09,A6,c4,Open,70,7',
  '2026-02-01,A4,c3,Won,200,',
  '2026-03-01,A5,c3,Won,10.005,3.3350',
  '',
].join('\n');

type Row = Record<string, number | string | null>;
function report(path: string, extra: string[] = []): { code: number | null; totals: Row[]; stderr: string } {
  const r = runCli(['report', path, '--kpis', 'revenue,grossProfit,margin', '--format', 'json', '--as-of', '2026-11-26', ...extra]);
  return { code: r.code, totals: r.code === 0 ? (JSON.parse(r.stdout) as { totals: Row[] }).totals : [], stderr: r.stderr };
}

describe('grossProfit', () => {
  it('sums the profit of won and refund rows (a positive refund reverses its profit); lost, open and blank cells add nothing', () => {
    const r = report(writeTmp('profit.csv', PROFIT_CSV));
    expect(r.code).toBe(0);
    // Jan: 20.05 − 5.50 − 10.00 (the refund); Feb: blank; Mar: 3.335 rounds half away from zero
    expect(r.totals.map((t) => [t.period, t.revenue, t.grossProfit])).toEqual([
      ['2026-01', 110.1, 4.55],
      ['2026-02', 200, 0],
      ['2026-03', 10.01, 3.34],
    ]);
  });

  it('is amount − cost with a cost column (Chinese headers), exact', () => {
    const csv =
      '日期,订单号,客户,状态,金额,成本\n2026-01-05,B1,甲,成交,1000.00,600.25\n2026-01-06,B2,乙,退款,100.00,70.00\n2026-01-07,B3,乙,成交,0.10,0.20\n';
    const r = report(writeTmp('cost.csv', csv));
    // (1000 − 600.25) − (100 − 70) + (0.10 − 0.20)
    expect(r.totals.map((t) => [t.revenue, t.grossProfit])).toEqual([[900.1, 369.65]]);
  });

  it('takes a profit column over a cost column, and --map profit=… names an unusual header', () => {
    const both = report(writeTmp('both.csv', 'Date,Amount,COGS,Profit\n2026-01-05,100,70,25\n'));
    expect(both.totals[0]!.grossProfit).toBe(25);
    const mapped = report(writeTmp('mapped.csv', 'Date,Amount,Ertrag nach Kosten\n2026-01-05,100,12.5\n'), [
      '--map',
      'profit=Ertrag nach Kosten',
    ]);
    expect(mapped.totals[0]!.grossProfit).toBe(12.5);
  });

  it('is not a default column, and asked for without a profit or cost column stops with exit 2 naming what it needs', () => {
    const p = writeTmp('plain.csv', 'Date,Amount\n2026-01-05,100\n');
    const d = runCli(['report', writeTmp('profit.csv', PROFIT_CSV), '--format', 'json', '--as-of', '2026-11-26']);
    expect(d.code).toBe(0);
    expect(Object.keys((JSON.parse(d.stdout) as { totals: Row[] }).totals[0]!)).not.toContain('grossProfit');
    const r = runCli(['report', p, '--kpis', 'grossProfit', '--as-of', '2026-11-26']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('salesperf: error: --kpis: grossProfit cannot be computed from these inputs (it needs profit)');
  });

  it('a profit cell that is not a number is PROFIT_INVALID, naming the file, row and column', () => {
    const p = writeTmp('bad.csv', 'Date,Amount,Profit\n2026-01-05,100,n/a\n2026-01-06,50,5\n');
    const r = runCli(['validate', p, '--format', 'json', '--as-of', '2026-11-26']);
    expect(r.code).toBe(1);
    const issues = (
      JSON.parse(r.stdout) as { issues: { code: string; examples: { file: string; row: number; column: string; value: string }[] }[] }
    ).issues;
    const bad = issues.find((i) => i.code === 'PROFIT_INVALID')!;
    expect(bad.examples[0]).toMatchObject({ file: p, row: 2, column: 'Profit', value: 'n/a' });
  });

  it('the parallel reader gives every row the same profit as one thread', async () => {
    const lines = ['Date,Deal,Status,Amount,Cost'];
    for (let i = 0; i < 3000; i++)
      lines.push(
        `2026-0${1 + (i % 9)}-1${i % 10},D${i},${i % 7 === 0 ? 'Refund' : 'Won'},${(i * 37) % 1000}.${i % 100},${i % 13 === 0 ? '' : `${(i * 11) % 500}.5`}`,
      );
    const p = writeTmp('many.csv', lines.join('\n') + '\n');
    const profits = async (threads: number) =>
      (await ingest([p], { threads, sampleRows: 1 })).records.map((r) => `${r.row}:${r.profit ? toPlainString(r.profit) : '-'}`);
    const one = await profits(1);
    expect(one).toHaveLength(3000);
    expect(one[1]).toBe('3:25.6'); // row 3: amount 37.1 − cost 11.5
    expect(await profits(3)).toEqual(one);
  });
});
