/** The XLSX written is read back with exceljs; its numbers equal the JSON output. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tmp } from '../helpers.js';

const K = (f: string) => join(ROOT, 'fixtures/kpi', f);
const base = [K('deals.csv'), '--targets', K('targets.csv'), '--as-of', '2026-05-20'];

async function sheetRows(path: string, name: string): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(name)!;
  const head = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row, i) => {
    if (i === 1) return;
    const v = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(head.map((h, k) => [h, v[k] ?? null])));
  });
  return out;
}

describe('XLSX round trip', () => {
  it('report: every number in the Report sheet equals the JSON report; formats and layout are set', async () => {
    const dir = tmp();
    const x = join(dir, 'r.xlsx');
    expect(runCli(['report', ...base, '--out', x, '--quiet']).code).toBe(0);
    const json = JSON.parse(runCli(['report', ...base, '--format', 'json', '--quiet']).stdout);
    const rows = await sheetRows(x, 'Report');
    expect(rows).toHaveLength(json.rows.length);
    const label: Record<string, string> = {
      revenue: 'Revenue',
      winRate: 'Win rate',
      attainment: 'Attainment',
      target: 'Target',
      gap: 'Gap',
      salesCycleDays: 'Cycle days',
      newCustomers: 'New cust.',
    };
    rows.forEach((r, i) => {
      expect(r.Rep).toBe(json.rows[i].rep);
      expect(r.Period).toBe(json.rows[i].period);
      for (const [id, h] of Object.entries(label)) expect(r[h]).toBe(json.rows[i][id]);
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(x);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Report', 'Totals', 'Issues']);
    const ws = wb.getWorksheet('Report')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const head = (ws.getRow(1).values as string[]).slice(1);
    expect(ws.getRow(2).getCell(head.indexOf('Revenue') + 1).numFmt).toBe('#,##0.00');
    expect(ws.getRow(2).getCell(head.indexOf('Win rate') + 1).numFmt).toBe('0.0%');
  });

  it('scorecard and payout workbooks carry the JSON numbers', async () => {
    const dir = tmp();
    const sx = join(dir, 's.xlsx');
    expect(runCli(['scorecard', ...base, '--grain', 'month', '--period', '2026-04', '--out', sx, '--quiet']).code).toBe(0);
    const sj = JSON.parse(runCli(['scorecard', ...base, '--grain', 'month', '--period', '2026-04', '--format', 'json', '--quiet']).stdout);
    const srows = await sheetRows(sx, 'Scorecard');
    expect(srows.map((r) => [r.Rank, r.Rep, r.Score, r.Band])).toEqual(
      sj.rows.map((r: Record<string, unknown>) => [r.rank, r.rep, r.score, r.band]),
    );
    const px = join(dir, 'p.xlsx');
    const plan = join(ROOT, 'fixtures/plans/three-tier.json');
    expect(runCli(['payout', ...base, '--plan', plan, '--out', px, '--quiet']).code).toBe(0);
    const pj = JSON.parse(runCli(['payout', ...base, '--plan', plan, '--format', 'json', '--quiet']).stdout);
    const prows = await sheetRows(px, 'Statements');
    const totals = prows.filter((r) => r.Component === 'total').map((r) => [r.Rep, r.Period, r.Amount]);
    expect(totals).toEqual(pj.statements.map((s: { rep: string; period: string; total: number }) => [s.rep, s.period, s.total]));
  });

  it('text that looks like a formula stays text', async () => {
    const dir = tmp();
    const f = join(dir, 'f.csv');
    (await import('node:fs')).writeFileSync(f, 'Date,Amount,Rep\n2026-01-05,10,=HYPERLINK("x")\n2026-01-06,5,+Bob\n');
    const x = join(dir, 'f.xlsx');
    runCli(['report', f, '--as-of', '2026-11-26', '--out', x, '--quiet']);
    const rows = await sheetRows(x, 'Report');
    expect(rows.map((r) => r.Rep)).toEqual(['+Bob', '=HYPERLINK("x")']);
    const csv = runCli(['report', f, '--as-of', '2026-11-26', '--format', 'csv', '--kpis', 'revenue', '--quiet']).stdout;
    expect(csv).toContain(`2026-01,"'=HYPERLINK(""x"")",10`);
    expect(csv).toContain(`2026-01,'+Bob,5`);
  });
});
