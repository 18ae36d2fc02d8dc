import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreGroups as scoreCoded } from '../../src/engine/scorecard.js';
import { scorecardView } from '../../src/render/scorecard.js';
import { scorecardSchema, DEFAULT_SCORECARD } from '../../src/schema/scorecard.js';
import { ROOT, runCli, tmp } from '../helpers.js';

const ALL = ['revenue', 'target', 'newCustomers', 'retentionRate', 'winRate', 'churnRate'];
const g = (name: string, kpis: Record<string, number | null>) => ({ dims: [name], kpis });
// the engine scores as data; the view words feedback and notes in a language
const scoreGroups = (...[groups, config, available, hasTargets, lang]: [...Parameters<typeof scoreCoded>, ('en' | 'zh')?]) =>
  scorecardView(scoreCoded(groups, config, available, hasTargets), lang);

describe('scorecard scoring, by hand', () => {
  // Ann: 1200/1000 = 120% (cap 1.2 → 120), Bob: 900/1000 → 90, Cat: 500/1000 → 50
  // new customers 3, 1, 1 → percentiles: Ann (2 worse)/2 = 100; Bob, Cat tie (0 worse + 1/2)/2 = 25
  // win rate 0.5, 0.5, 0.8 → Ann/Bob 25, Cat 100; retention 0.9, 0.6, null → Ann 100, Bob 0, Cat unscored
  const groups = [
    g('Ann', { revenue: 1200, target: 1000, newCustomers: 3, retentionRate: 0.9, winRate: 0.5 }),
    g('Bob', { revenue: 900, target: 1000, newCustomers: 1, retentionRate: 0.6, winRate: 0.5 }),
    g('Cat', { revenue: 500, target: 1000, newCustomers: 1, retentionRate: null, winRate: 0.8 }),
  ];
  const r = scoreGroups(groups, DEFAULT_SCORECARD, ALL, true);
  const by: Record<string, (typeof r.rows)[number]> = Object.fromEntries(r.rows.map((x) => [x.dims[0] as string, x]));

  it('sub-scores', () => {
    expect(by.Ann!.lines.map((l) => l.subScore)).toEqual([120, 100, 100, 25]);
    expect(by.Bob!.lines.map((l) => l.subScore)).toEqual([90, 25, 0, 25]);
    expect(by.Cat!.lines.map((l) => l.subScore)).toEqual([50, 25, null, 100]);
  });

  it('totals: weighted points; weights renormalised where a KPI has no value', () => {
    expect(by.Ann!.total).toBe(0.5 * 120 + 0.2 * 100 + 0.15 * 100 + 0.15 * 25); // 98.75
    expect(by.Bob!.total).toBe(0.5 * 90 + 0.2 * 25 + 0 + 0.15 * 25); // 53.75
    // Cat without retention: weights 50/20/15 over 85
    expect(by.Cat!.total).toBe(Math.round(((50 * 50 + 20 * 25 + 15 * 100) / 85) * 100) / 100); // 52.94
    expect(by.Cat!.lines[0]!.weight).toBe(58.82);
  });

  it('bands and ranks', () => {
    expect([by.Ann!.band, by.Bob!.band, by.Cat!.band]).toEqual(['A', 'D', 'D']);
    expect([by.Ann!.rank, by.Bob!.rank, by.Cat!.rank]).toEqual([1, 2, 3]);
  });

  it('feedback names the strongest and the weakest KPI, in English or Chinese', () => {
    expect(by.Ann!.feedback).toBe('Strongest: revenue (1,200.00, 120% of target); weakest: win rate (50.0%, ahead of 25% of peers).');
    const zh = scoreGroups(groups, DEFAULT_SCORECARD, ALL, true, 'zh');
    expect(zh.rows[0]!.feedback).toBe('优势：销售额（1,200.00，完成目标的 120%）；待提升：赢单率（50.0%，高于 25% 的同组）。');
  });

  it('the engine returns feedback and notes as data, not prose', () => {
    const coded = scoreCoded(groups, DEFAULT_SCORECARD, ALL, true);
    const ann = coded.rows.find((x) => x.dims[0] === 'Ann')!;
    expect(ann.feedback).toEqual({
      code: 'STRONGEST_WEAKEST',
      params: {
        strong: { kpi: 'revenue', label: null, value: 1200, method: 'attainment', attainment: 1.2, percentile: null },
        weak: { kpi: 'winRate', label: null, value: 0.5, method: 'percentile', attainment: null, percentile: 25 },
      },
    });
    expect(scoreCoded([g('Ann', { revenue: null })], DEFAULT_SCORECARD, ['revenue'], false).rows[0]!.feedback).toEqual({
      code: 'NOT_SCORED',
      params: {},
    });
    expect(coded.notes.every((n) => typeof n === 'object' && typeof n.id === 'string')).toBe(true);
  });

  it('ties share a rank (1224), and bands hold at their edges', () => {
    const cfg = scorecardSchema.parse({ kpis: [{ kpi: 'revenue', weight: 100, target: 100, scoring: { method: 'attainment', cap: 2 } }] });
    const rows = scoreGroups(
      [g('a', { revenue: 90 }), g('b', { revenue: 75 }), g('c', { revenue: 90 }), g('d', { revenue: 60 }), g('e', { revenue: 59.99 })],
      cfg,
      ALL,
      false,
    ).rows;
    expect(rows.map((x) => [x.dims[0], x.total, x.rank, x.band])).toEqual([
      ['a', 90, 1, 'A'],
      ['b', 75, 3, 'B'],
      ['c', 90, 1, 'A'],
      ['d', 60, 4, 'C'],
      ['e', 59.99, 5, 'D'],
    ]);
  });

  it('lower-is-better KPIs invert attainment; no target falls back to percentile with a note', () => {
    const cfg = scorecardSchema.parse({
      kpis: [
        { kpi: 'churnRate', weight: 60, direction: 'lower', target: 0.2 },
        { kpi: 'revenue', weight: 40 },
      ],
    });
    const r2 = scoreGroups([g('a', { churnRate: 0.1, revenue: 5 }), g('b', { churnRate: 0.4, revenue: 9 })], cfg, ALL, false);
    expect(r2.rows.map((x) => x.lines.map((l) => l.subScore))).toEqual([
      [120, 0],
      [50, 100],
    ]); // 0.2/0.1 = 2 → cap 1.2; 0.2/0.4 = 0.5
    expect(r2.notes[0]).toContain('revenue has no target (no --targets); scored by percentile');
  });
});

describe('scorecard config', () => {
  it('weights that do not sum to 100 are a config error with the key path', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'salesperf.config.json'),
      JSON.stringify({
        scorecard: {
          kpis: [
            { kpi: 'revenue', weight: 60 },
            { kpi: 'winRate', weight: 30 },
          ],
        },
      }),
    );
    const r = runCli(['scorecard', join(ROOT, 'fixtures/kpi/deals.csv'), '--as-of', '2026-05-20'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scorecard.kpis: weights must sum to 100, they sum to 90');
    writeFileSync(
      join(dir, 'salesperf.config.json'),
      JSON.stringify({ scorecard: { kpis: [{ kpi: 'revenue', weight: 100, scoring: { method: 'attainment', cap: -1 } }] } }),
    );
    expect(runCli(['scorecard', join(ROOT, 'fixtures/kpi/deals.csv')], { cwd: dir }).stderr).toContain(
      'scorecard.kpis[0].scoring.cap: must be more than 0',
    );
  });
});
