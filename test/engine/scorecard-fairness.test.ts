/**
 * A percentile-scored KPI with no spread between the peers (everyone has the
 * same value, or only one peer has a value) would give every peer 50 for free.
 * It is left out like a KPI the data cannot compute: the other weights are
 * renormalised and a note says which KPI and why.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { scoreGroups as scoreCoded } from '../../src/engine/scorecard.js';
import { scorecardView } from '../../src/render/scorecard.js';
import { scorecardSchema } from '../../src/schema/scorecard.js';
import { runCli, tmp, writeTmp } from '../helpers.js';

const ALL = ['revenue', 'target', 'newCustomers', 'retentionRate', 'winRate'];
const g = (name: string, kpis: Record<string, number | null>) => ({ dims: [name], kpis });
// the engine scores as data; the view words feedback and notes in a language
const scoreGroups = (...[groups, config, available, hasTargets, lang]: [...Parameters<typeof scoreCoded>, ('en' | 'zh')?]) =>
  scorecardView(scoreCoded(groups, config, available, hasTargets), lang);
const r2 = (x: number) => Math.round(x * 100) / 100;

describe('scorecard: a KPI with no spread between the peers is left out', () => {
  // weights revenue 50 (attainment), newCustomers 30 (percentile), winRate 20 (percentile)
  const cfg = scorecardSchema.parse({
    kpis: [
      { kpi: 'revenue', weight: 50 },
      { kpi: 'newCustomers', weight: 30, scoring: { method: 'percentile' } },
      { kpi: 'winRate', weight: 20, scoring: { method: 'percentile' } },
    ],
  });
  // revenue/target: Ann 1100/1000 → 110, Bob 800/1000 → 80, Cat 1050/1000 → 105
  // new customers 0, 0, 0 → no spread: left out
  // win rate 0.2, 0.5, 0.4 → percentiles Ann 0 (nobody worse), Bob 100, Cat 50
  // remaining weights 50 and 20 over 70: 71.43 and 28.57
  const groups = [
    g('Ann', { revenue: 1100, target: 1000, newCustomers: 0, winRate: 0.2 }),
    g('Bob', { revenue: 800, target: 1000, newCustomers: 0, winRate: 0.5 }),
    g('Cat', { revenue: 1050, target: 1000, newCustomers: 0, winRate: 0.4 }),
  ];
  const r = scoreGroups(groups, cfg, ALL, true);
  const by = Object.fromEntries(r.rows.map((x) => [x.dims[0] as string, x]));

  it('drops the tied KPI from the weights and renormalises the rest, by hand', () => {
    expect(r.kpis.map((k) => k.kpi)).toEqual(['revenue', 'winRate']);
    expect(by.Ann!.lines.map((l) => [l.kpi, l.subScore, l.weight])).toEqual([
      ['revenue', 110, 71.43],
      ['winRate', 0, 28.57],
    ]);
    expect(by.Ann!.total).toBe(r2((50 * 110 + 20 * 0) / 70)); // 78.57 (before: 0.5·110 + 0.3·50 free points + 0.2·0 = 70)
    expect(by.Bob!.total).toBe(r2((50 * 80 + 20 * 100) / 70)); // 85.71
    expect(by.Cat!.total).toBe(r2((50 * 105 + 20 * 50) / 70)); // 89.29
    expect([by.Ann!.total, by.Bob!.total, by.Cat!.total]).toEqual([78.57, 85.71, 89.29]);
    expect([by.Cat!.rank, by.Bob!.rank, by.Ann!.rank]).toEqual([1, 2, 3]);
  });

  it('says which KPI was left out and why, then the renormalised weights', () => {
    expect(r.notes).toEqual([
      'newCustomers (weight 30) is left out: it is 0 for all 3 peers, so a percentile cannot tell them apart; the other weights are renormalised',
      'weights renormalised over revenue 71.43, winRate 28.57',
    ]);
  });

  it('a peer alone with a value gets no free 50 either; peers without a value do not count as spread', () => {
    const two = scorecardSchema.parse({
      kpis: [
        { kpi: 'revenue', weight: 80 },
        { kpi: 'winRate', weight: 20, scoring: { method: 'percentile' } },
      ],
    });
    // before: Ann 0.8·100 + 0.2·50 = 90, Bob 50 (win rate unscored, revenue alone)
    const one = scoreGroups(
      [g('Ann', { revenue: 1000, target: 1000, winRate: 0.5 }), g('Bob', { revenue: 500, target: 1000, winRate: null })],
      two,
      ALL,
      true,
    );
    expect(one.kpis.map((k) => k.kpi)).toEqual(['revenue']);
    expect(one.rows.map((x) => x.total)).toEqual([100, 50]);
    expect(one.notes).toEqual([
      'winRate (weight 20) is left out: only one peer has a value (50.0%), so a percentile cannot tell them apart; the other weights are renormalised',
      'weights renormalised over revenue 100',
    ]);
  });

  it('attainment scoring is kept when everyone ties (it measures against a target, not the peers)', () => {
    const att = scorecardSchema.parse({
      kpis: [
        { kpi: 'revenue', weight: 60 },
        { kpi: 'winRate', weight: 40, target: 0.5 },
      ],
    });
    const t = scoreGroups(
      [g('Ann', { revenue: 900, target: 1000, winRate: 0.5 }), g('Bob', { revenue: 1000, target: 1000, winRate: 0.5 })],
      att,
      ALL,
      true,
    );
    expect(t.kpis.map((k) => k.kpi)).toEqual(['revenue', 'winRate']);
    expect(t.notes).toEqual([]);
    expect(t.rows.map((x) => x.total)).toEqual([0.6 * 90 + 0.4 * 100, 100]);
  });

  it('a no-target fallback to percentile is checked for spread too', () => {
    const fb = scorecardSchema.parse({
      kpis: [
        { kpi: 'revenue', weight: 70 },
        { kpi: 'winRate', weight: 30, scoring: { method: 'percentile' } },
      ],
    });
    const t = scoreGroups([g('Ann', { revenue: 500, winRate: 0.2 }), g('Bob', { revenue: 500, winRate: 0.6 })], fb, ALL, false);
    expect(t.kpis.map((k) => k.kpi)).toEqual(['winRate']);
    expect(t.rows.map((x) => x.total)).toEqual([0, 100]);
    expect(t.notes.slice(0, 2)).toEqual([
      'revenue has no target (no --targets); scored by percentile within the peers instead',
      'revenue (weight 70) is left out: it is 500.00 for all 2 peers, so a percentile cannot tell them apart; the other weights are renormalised',
    ]);
  });
});

describe('scorecard CLI: the left-out KPI shows in JSON and XLSX', () => {
  // Feb: every rep sells to two customers; Mar: the same customers only, all won.
  // March per rep: revenue Ann 400, Bob 300, Cat 50 (no targets → percentile: 100, 50, 0)
  // new customers 0, 0, 0 and win rate 100% for all → both left out (default weights 20 and 15)
  // retention Ann 1/2, Bob 2/2, Cat 1/2 → percentiles 25, 100, 25
  // weights: revenue 50, retention 15 over 65
  const csv =
    [
      'Date,Amount,Rep,Customer,Status',
      '2026-02-03,100,Ann,C1,won',
      '2026-02-04,100,Ann,C2,won',
      '2026-02-05,100,Bob,C3,won',
      '2026-02-06,100,Bob,C4,won',
      '2026-02-07,100,Cat,C5,won',
      '2026-02-08,100,Cat,C6,won',
      '2026-03-03,400,Ann,C1,won',
      '2026-03-04,200,Bob,C3,won',
      '2026-03-05,100,Bob,C4,won',
      '2026-03-06,50,Cat,C5,won',
    ].join('\n') + '\n';

  it('JSON: notes name the KPIs, meta.kpis and the rows no longer carry them, totals by hand', () => {
    const dir = tmp();
    const f = writeTmp('sales.csv', csv, dir);
    const r = runCli(['scorecard', f, '--grain', 'month', '--period', '2026-03', '--format', 'json', '--quiet'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.meta.kpis.map((k: { kpi: string }) => k.kpi)).toEqual(['revenue', 'retentionRate']);
    expect(doc.meta.notes).toContain(
      'newCustomers (weight 20) is left out: it is 0 for all 3 peers, so a percentile cannot tell them apart; the other weights are renormalised',
    );
    expect(doc.meta.notes).toContain(
      'winRate (weight 15) is left out: it is 100.0% for all 3 peers, so a percentile cannot tell them apart; the other weights are renormalised',
    );
    expect(doc.meta.notes).toContain('weights renormalised over revenue 76.92, retentionRate 23.08');
    const rows = doc.rows.map((x: { rep: string; score: number; kpis: Record<string, unknown> }) => [x.rep, x.score, Object.keys(x.kpis)]);
    expect(rows).toEqual([
      ['Ann', r2((50 * 100 + 15 * 25) / 65), ['revenue', 'retentionRate']], // 82.69
      ['Bob', r2((50 * 50 + 15 * 100) / 65), ['revenue', 'retentionRate']], // 61.54
      ['Cat', r2((50 * 0 + 15 * 25) / 65), ['revenue', 'retentionRate']], // 5.77
    ]);
    expect(rows.map((x: unknown[]) => x[1])).toEqual([82.69, 61.54, 5.77]);
  });

  it('XLSX: the summary sheet lists the note', async () => {
    const dir = tmp();
    const f = writeTmp('sales.csv', csv, dir);
    const out = join(dir, 's.xlsx');
    const r = runCli(['scorecard', f, '--grain', 'month', '--period', '2026-03', '--out', out, '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const notes: string[] = [];
    wb.getWorksheet('Summary')!.eachRow((row) => {
      if (row.getCell(1).value === 'Note') notes.push(String(row.getCell(2).value));
    });
    expect(notes).toContain(
      'newCustomers (weight 20) is left out: it is 0 for all 3 peers, so a percentile cannot tell them apart; the other weights are renormalised',
    );
    expect(notes).toContain('weights renormalised over revenue 76.92, retentionRate 23.08');
  });
});
