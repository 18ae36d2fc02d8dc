/**
 * `salesperf insights` end to end (the built binary): the headline, contributions, cohorts and
 * concentration of a small file worked out by hand; one planted spike found and explained;
 * the forecast section; exit codes, --lang zh, the JSON schema and Markdown.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { insightsSchema } from '../../src/schema/insights-output.js';
import { runCli, tmp, writeTmp } from '../helpers.js';

// two regions, four customers; 2025-01, 2025-02, then nothing until 2026-01 and 2026-02
const SALES = [
  'Date,Region,Customer,Amount,Status',
  '2025-01-10,North,c1,100,Won',
  '2025-01-11,South,c2,50,Won',
  '2025-02-10,North,c1,120,Won',
  '2025-02-11,South,c3,40,Won',
  '2026-01-10,North,c1,200,Won',
  '2026-01-11,South,c2,80,Won',
  '2026-02-10,North,c1,150,Won',
  '2026-02-12,North,c4,100,Won',
  '2026-02-11,South,c2,20,Won',
  '',
].join('\n');

function json(args: string[]) {
  const r = runCli(['insights', ...args, '-f', 'json', '-q']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return insightsSchema.parse(JSON.parse(r.stdout));
}

describe('salesperf insights on a file worked out by hand', () => {
  const file = writeTmp('sales.csv', SALES);
  const doc = json([file, '-b', 'region', '--as-of', '2026-02-28']);

  it('takes 2026-02 as the current period (the as-of date is its last day)', () => {
    expect(doc.meta.current).toBe('2026-02');
    expect(doc.meta.currentIs).toBe('complete');
    expect(doc.meta.inProgress).toBeNull();
    // the spine is dense: 2025-01 … 2026-02 is 14 months
    expect(doc.meta.periods).toHaveLength(14);
  });

  it('gives the headline against last period and last year, the change explained by region', () => {
    const rev = doc.headline.find((h) => h.kpi === 'revenue')!;
    // 2026-02: 150 + 100 + 20 = 270; 2026-01: 200 + 80 = 280; 2025-02: 120 + 40 = 160
    expect(rev.value).toBe(270);
    expect(rev.previous).toEqual({ period: '2026-01', value: 280, change: -10, changeRatio: -0.035714 });
    // 270 − 160 = 110; 110 / 160 = 0.6875
    expect(rev.yearAgo).toEqual({ period: '2025-02', value: 160, change: 110, changeRatio: 0.6875 });
    // South 80 → 20 (−60, share −60/−10 = 6); North 200 → 250 (+50, share −5); largest |Δ| first
    expect(rev.contributions).toEqual([
      { group: 'South', before: 80, after: 20, delta: -60, share: 6 },
      { group: 'North', before: 200, after: 250, delta: 50, share: -5 },
    ]);
    const deals = doc.headline.find((h) => h.kpi === 'deals')!;
    // won rows: 3 in 2026-02, 2 in 2026-01
    expect(deals.value).toBe(3);
    expect(deals.previous?.value).toBe(2);
    expect(rev.target).toBeNull();
    expect(doc.notes.map((n) => n.code)).toContain('INS_NO_TARGETS');
  });

  it('builds the cohort triangle', () => {
    const c = doc.cohorts!;
    expect(c.customers).toBe(4);
    // 100 + 50 + 120 + 40 + 200 + 80 + 150 + 100 + 20 = 860
    expect(c.revenue).toBe(860);
    expect(c.rows.map((r) => [r.cohort, r.size])).toEqual([
      ['2025-01', 2],
      ['2025-02', 1],
      ['2026-02', 1],
    ]);
    const jan = c.rows[0]!;
    // c1 and c2 start in 2025-01; c1 alone buys a month later; both again 12 and 13 months later
    expect(jan.active).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2]);
    expect(jan.retention[1]).toBe(0.5);
    expect(jan.revenue[0]).toBe(150);
    expect(jan.revenue[12]).toBe(280);
    expect(jan.revenue[13]).toBe(170);
  });

  it('measures concentration over the last 12 periods (2025-03 … 2026-02)', () => {
    const c = doc.concentration!;
    expect([c.from, c.to]).toEqual(['2025-03', '2026-02']);
    // c1 200 + 150 = 350, c2 80 + 20 = 100, c4 100: total 550
    expect(c.overall.customers).toBe(3);
    expect(c.overall.total).toBe(550);
    // top 1: 350/550 = 0.636364; 350 + 100 = 450 ≥ 80% of 550 (440): 2 of 3 customers
    expect(c.overall.topShares[0]).toEqual({ n: 1, share: 0.636364 });
    expect(c.overall.paretoCount).toBe(2);
    expect(c.overall.paretoShare).toBe(0.666667);
    // HHI = (700/11)² + 2·(200/11)² = 570000/121 = 4710.743802
    expect(c.overall.hhi).toBe(4710.743802);
    expect(c.groups.map((g) => [g.group, g.concentration.total, g.concentration.customers])).toEqual([
      ['North', 450, 2],
      ['South', 100, 1],
    ]);
  });

  it('gives the same bytes twice', () => {
    const a = runCli(['insights', file, '-b', 'region', '--as-of', '2026-02-28', '-f', 'json', '-q']);
    const b = runCli(['insights', file, '-b', 'region', '--as-of', '2026-02-28', '-f', 'json', '-q']);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('anomalies and forecast', () => {
  // North/A is 50 every month; North/B makes the rest of 100, 110, 105, 115, 108, 112, 109, then 1000
  const totals = [100, 110, 105, 115, 108, 112, 109, 1000];
  const lines = ['Date,Region,Rep,Amount'];
  totals.forEach((t, i) => {
    const d = `2026-0${i + 1}-15`;
    lines.push(`${d},North,A,50`, `${d},North,B,${t - 50}`);
  });
  const file = writeTmp('spike.csv', `${lines.join('\n')}\n`);
  const doc = json([file, '-b', 'region,rep', '--as-of', '2026-08-31']);

  it('finds the one planted spike with its expected range, explained by the next dimension', () => {
    // residuals y(t) − y(t−1): 10, −5, 10, −7, 4, −3, 891; median 4; |r − 4|: 6, 9, 6, 11, 0, 7, 887: MAD 7
    // z = 0.6745·887/7 = 85.4688; range = 109 + 4 ± 3.5·7/0.6745 = 113 ± 36.3232
    expect(doc.anomalies.map((a) => [a.group, a.period])).toEqual([
      [null, '2026-08'],
      ['North', '2026-08'],
    ]);
    const total = doc.anomalies[0]!;
    expect(total.actual).toBe(1000);
    expect(total.expected).toBe(109);
    expect(total.lo).toBe(76.68);
    expect(total.hi).toBe(149.32);
    expect(total.z).toBeCloseTo(85.4688, 3);
    expect(total.explainedBy).toBe('region');
    expect(total.explanation).toEqual([{ group: 'North', actual: 1000, expected: 109, deviation: 891, share: 1 }]);
    // within North, rep B made all of it (A stayed at 50)
    const north = doc.anomalies[1]!;
    expect(north.explainedBy).toBe('rep');
    expect(north.explanation).toEqual([{ group: 'B', actual: 950, expected: 59, deviation: 891, share: 1 }]);
  });

  it('forecasts three months with a model chosen by backtest', () => {
    const f = doc.forecast;
    // 8 months: seasonal naive needs 13 and Holt–Winters 24 (+3 ahead), so only naive has origins
    expect(f.chosen).toBe('naive');
    expect(f.backtest.map((s) => s.model)).toEqual(['naive']);
    expect(f.points.map((p) => [p.period, p.mean])).toEqual([
      ['2026-09', 1000],
      ['2026-10', 1000],
      ['2026-11', 1000],
    ]);
    for (const p of f.points) expect(p.lo95 < p.lo80 && p.lo80 < p.mean && p.mean < p.hi80 && p.hi80 < p.hi95).toBe(true);
  });

  it('says there is no customer column instead of leaving cohorts out silently', () => {
    expect(doc.cohorts).toBeNull();
    expect(doc.concentration).toBeNull();
    expect(doc.notes.filter((n) => n.code === 'INS_NO_CUSTOMER').map((n) => n.section)).toEqual(['cohorts', 'concentration']);
  });

  it('chooses among all three models on 36 seasonal months, the in-progress month by run rate', () => {
    const rows = ['Date,Amount'];
    for (let i = 0; i < 36; i++) {
      const y = 2023 + Math.floor(i / 12);
      const mo = (i % 12) + 1;
      rows.push(`${y}-${String(mo).padStart(2, '0')}-10,${1000 + 10 * i + (mo === 12 ? 500 : 0)}`);
    }
    rows.push('2026-01-10,600');
    const f2 = writeTmp('seasonal.csv', `${rows.join('\n')}\n`);
    const d = json([f2, '--as-of', '2026-01-15']);
    expect(d.meta.current).toBe('2025-12');
    expect(d.meta.currentIs).toBe('lastComplete');
    expect(d.meta.inProgress).toBe('2026-01');
    expect(d.forecast.backtest.map((s) => s.model)).toEqual(['naive', 'seasonal-naive', 'holt-winters']);
    expect(d.forecast.chosen).not.toBeNull();
    // 600 in 15 of 31 days: 600 · 31/15 = 1240
    expect(d.forecast.runRate).toEqual({ period: '2026-01', toDate: 600, forecast: 1240 });
    // the trend of 12 months rising by 10 a month (December +500 is one outlier of 12)
    const t = d.trend.find((x) => x.kpi === 'revenue' && x.group === null)!;
    expect(t.slope).toBe(10);
    expect(t.direction).toBe('flat'); // 10 a month is under 1% of a level of about 1,300
  });
});

describe('targets and org levels', () => {
  it('gives attainment in the headline and flags an existing target far above the suggested band', () => {
    const dir = tmp();
    const file = writeTmp('sales.csv', `${SALES}2026-03-05,North,c1,10,Won\n`, dir);
    const targets = writeTmp(
      'targets.csv',
      'Region,Period,Target\nNorth,2026-02,200\nSouth,2026-02,50\nNorth,2026-03,100000\nSouth,2026-03,30\n',
      dir,
    );
    const doc = json([file, '-b', 'region', '-t', targets, '--as-of', '2026-03-10']);
    // 2026-03 is in progress on the 10th: the headline is about 2026-02
    expect([doc.meta.current, doc.meta.currentIs, doc.meta.inProgress]).toEqual(['2026-02', 'lastComplete', '2026-03']);
    const rev = doc.headline.find((h) => h.kpi === 'revenue')!;
    // target 200 + 50 = 250; 270 / 250 = 1.08
    expect(rev.target).toBe(250);
    expect(rev.attainment).toBe(1.08);
    const north = doc.targets.find((t) => t.group === 'North')!;
    expect(north.period).toBe('2026-03');
    expect(north.target).toBe(100000);
    expect(north.flag).toBe('above');
    expect(north.hi80).toBeLessThan(100000);
    // 10 in 10 of 31 days: a run rate of 31
    expect(doc.forecast.runRate).toEqual({ period: '2026-03', toDate: 10, forecast: 31 });
    // the in-progress month is not in the cohorts: c1's 2026-03 purchase is left out (14 periods since 2025-01)
    expect(doc.cohorts!.rows[0]!.active).toHaveLength(14);
  });

  it('groups concentration by an org level resolved from the rep', () => {
    const dir = tmp();
    const file = writeTmp(
      'sales.csv',
      'Date,Rep,Customer,Amount\n2026-01-10,Ann,c1,300\n2026-01-11,Bob,c2,100\n2026-01-12,Cy,c3,600\n2026-02-10,Ann,c1,10\n',
      dir,
    );
    const org = writeTmp('org.csv', 'sales_agent,manager\nAnn,Mia\nBob,Mia\nCy,Ned\n', dir);
    const doc = json([file, '--org', org, '-b', 'manager', '--as-of', '2026-02-28']);
    // Mia: c1 300 + 10, c2 100 (410); Ned: c3 600
    expect(doc.concentration!.groups.map((g) => [g.group, g.concentration.total, g.concentration.customers])).toEqual([
      ['Mia', 410, 2],
      ['Ned', 600, 1],
    ]);
    // overall: 310, 100, 600 of 1010; top 1 = 600/1010 = 0.594059
    expect(doc.concentration!.overall.topShares[0]).toEqual({ n: 1, share: 0.594059 });
  });
});

describe('salesperf insights: flags, languages, formats', () => {
  const file = writeTmp('sales.csv', SALES);

  it('refuses a bad --horizon, --periods or --anomaly-z with exit 2', () => {
    for (const [flag, value, text] of [
      ['--horizon', '0', '--horizon must be a whole number from 1 to 24, not "0"'],
      ['--periods', 'x', '--periods must be a whole number from 2 to 1000, not "x"'],
      ['--anomaly-z', '-1', '--anomaly-z must be a number above 0 (e.g. 3.5), not "-1"'],
    ]) {
      const r = runCli(['insights', file, flag!, value!]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`salesperf: error: ${text}`);
      expect(r.stdout).toBe('');
    }
  });

  it('refuses CSV output (exit 2) and a missing file (exit 3)', () => {
    const csv = runCli(['insights', file, '-f', 'csv']);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('salesperf: error: --format csv: insights writes table, json, md or html, not csv');
    const missing = runCli(['insights', `${tmp()}/nope.csv`]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^salesperf: error: /m);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 when rows were rejected', () => {
    const bad = writeTmp('bad.csv', `${SALES}2026-02-13,North,c5,abc,Won\n`);
    const r = runCli(['insights', bad, '--as-of', '2026-02-28']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('salesperf: error: 1 row(s) rejected');
  });

  it('writes the table in Chinese with --lang zh', () => {
    const r = runCli(['insights', file, '-b', 'region', '--as-of', '2026-02-28', '--lang', 'zh', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('销售洞察');
    expect(r.stdout).toContain('概览：2026-02（截至日期所在期间）');
    expect(r.stdout).toContain('区域');
    expect(r.stdout).not.toContain('Headline');
  });

  it('writes Markdown for CI summaries to a file', () => {
    const out = `${tmp()}/insights.md`;
    const r = runCli(['insights', file, '-b', 'region', '--as-of', '2026-02-28', '-o', out, '-q']);
    expect(r.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md.startsWith('# Sales insights\n')).toBe(true);
    // our titles go through the same escaping as data (GitHub shows \\( as a parenthesis)
    expect(md).toContain('## Headline: 2026-02 \\(the as-of period\\)');
    expect(md).toContain('| Revenue | 270.00 |');
    expect(md).toContain('| South | 80.00 | 20.00 | -60.00 | 600.0% |');
  });
});
