/**
 * `salesperf insights` with open deals (the built binary): the weighted pipeline of a small file
 * worked out by hand, with stage probabilities estimated and given (JSON and CSV), the bad
 * probability files (exit 2 naming the file and the key, exit 3 when unreadable), and
 * `--forecast-kpis` checked against the revenue forecast of the same series.
 */
import { describe, expect, it } from 'vitest';
import { insightsSchema } from '../../src/schema/insights-output.js';
import { runCli, writeTmp } from '../helpers.js';

// as-of 2026-03-15: March is in progress. Closed: A won 100, 300, 200 (average 200), B won 50; 2 lost → 4 / 6.
// Open (by hand in the comments of each test): D1–D6, D7 created after the as-of date, D8 without any date.
const DEALS = [
  'Close Date,Created,Status,Product,Amount,Customer',
  '2026-01-10,2025-12-01,Won,A,100,c1',
  '2026-01-20,2025-12-05,Won,A,300,c2',
  '2026-02-05,2025-12-10,Lost,A,,c3',
  '2026-02-10,2026-01-10,Won,B,50,c3',
  '2026-02-15,2026-01-12,Lost,B,,c4',
  '2026-03-05,2026-02-01,Won,A,200,c1',
  '2026-03-25,2026-02-01,Prospecting,A,1000,c5', // D1 current, 1000
  '2026-03-28,2026-02-02,Prospecting,B,,c6', // D2 current, priced at B's 50
  '2026-04-10,2026-02-03,Proposal,A,400,c7', // D3 next, 400
  '2026-04-12,2026-02-04,Proposal,C,,c8', // D4 next, no value (C never won)
  '2026-02-20,2026-01-05,Negotiation,A,,c9', // D5 overdue → current, priced at A's 200
  ',2026-03-01,Negotiation,B,600,c10', // D6 no close date, 600
  ',2026-03-20,Engaging,A,700,c11', // D7 created after the as-of date: not open yet
  ',,Prospecting,A,900,c12', // D8 no date at all: not read (OPEN_UNDATED)
  '',
].join('\n');

function run(args: string[]) {
  return runCli(['insights', ...args, '-q']);
}

function json(args: string[]) {
  const r = run([...args, '-f', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return insightsSchema.parse(JSON.parse(r.stdout));
}

describe('weighted pipeline on a file worked out by hand', () => {
  const file = writeTmp('deals.csv', DEALS);
  const probs = writeTmp('probs.json', JSON.stringify({ Prospecting: 0.1, Proposal: 0.5, Negotiation: 0.9 }));

  it('estimates P(win) as the overall win rate 4 / (4 + 2) and says so', () => {
    const doc = json([file, '--as-of', '2026-03-15']);
    const p = doc.pipeline!;
    expect(p.period).toBe('2026-03');
    expect(p.estimator).toBe('overall');
    expect([p.closedWon, p.closedLost, p.winRate]).toEqual([4, 2, 0.666667]);
    expect(p.stages.map((s) => [s.stage, s.probability, s.source, s.deals])).toEqual([
      ['Negotiation', 0.666667, 'overall', 2],
      ['Proposal', 0.666667, 'overall', 2],
      ['Prospecting', 0.666667, 'overall', 2],
    ]);
    const cur = p.buckets.find((b) => b.bucket === 'current')!;
    // D1 1000 + D2 50 + D5 200 = 1250; × 2/3 = 833.33; no stage at 0.9: commit 0
    expect(cur).toEqual({
      bucket: 'current',
      period: '2026-03',
      deals: 3,
      valued: 1,
      priced: 2,
      noValue: 0,
      overdue: 1,
      bestCase: 1250,
      commit: 0,
      weighted: 833.33,
    });
    const codes = doc.notes.filter((n) => n.section === 'forecast').map((n) => n.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'INS_PIPELINE_UNREAD',
        'INS_PIPELINE_OVERALL',
        'INS_PIPELINE_PRICED',
        'INS_PIPELINE_NO_VALUE',
        'INS_PIPELINE_UNDATED',
      ]),
    );
    expect(doc.notes.find((n) => n.code === 'INS_PIPELINE_UNREAD')!.message).toMatch(/^1 open deal/);
    expect(doc.notes.find((n) => n.code === 'INS_PIPELINE_NO_VALUE')!.message).toMatch(/^1 open deal/);
    expect(doc.notes.find((n) => n.code === 'INS_PIPELINE_PRICED')!.message).toMatch(/^2 open deal/);
  });

  it('with given probabilities: weighted, commit and best case per close bucket and for March beside its run rate', () => {
    const doc = json([file, '--as-of', '2026-03-15', '--stage-probabilities', probs]);
    const p = doc.pipeline!;
    expect(p.estimator).toBe('given');
    expect(p.stages).toEqual([
      // D5 200 × 0.9 + D6 600 × 0.9
      { stage: 'Negotiation', probability: 0.9, source: 'given', deals: 2, valued: 1, priced: 1, noValue: 0, value: 800, weighted: 720 },
      // D3 400 × 0.5; D4 without value
      { stage: 'Proposal', probability: 0.5, source: 'given', deals: 2, valued: 1, priced: 0, noValue: 1, value: 400, weighted: 200 },
      // D1 1000 × 0.1 + D2 50 × 0.1
      { stage: 'Prospecting', probability: 0.1, source: 'given', deals: 2, valued: 1, priced: 1, noValue: 0, value: 1050, weighted: 105 },
    ]);
    expect(p.buckets).toEqual([
      {
        bucket: 'current',
        period: '2026-03',
        deals: 3,
        valued: 1,
        priced: 2,
        noValue: 0,
        overdue: 1,
        bestCase: 1250,
        commit: 200,
        weighted: 285,
      },
      {
        bucket: 'next',
        period: '2026-04',
        deals: 2,
        valued: 1,
        priced: 0,
        noValue: 1,
        overdue: 0,
        bestCase: 400,
        commit: 0,
        weighted: 200,
      },
      {
        bucket: 'undated',
        period: null,
        deals: 1,
        valued: 1,
        priced: 0,
        noValue: 0,
        overdue: 0,
        bestCase: 600,
        commit: 600,
        weighted: 540,
      },
    ]);
    // March: 200 won to date, plus the current bucket
    expect(p.current).toEqual({
      period: '2026-03',
      toDate: 200,
      runRate: doc.forecast.runRate!.forecast,
      commit: 400,
      weighted: 485,
      bestCase: 1450,
    });
    expect(doc.forecast.runRate!.toDate).toBe(200);
  });

  it('reads a CSV of probabilities, stages matched as statuses are (case, spaces), the missing ones from the win rate', () => {
    const csv = writeTmp('probs.csv', 'stage,probability\nNEGOTIATION,0.9\n prospecting ,0.1\n');
    const p = json([file, '--as-of', '2026-03-15', '--stage-probabilities', csv]).pipeline!;
    expect(p.estimator).toBe('mixed');
    expect(p.stages.map((s) => [s.stage, s.probability, s.source])).toEqual([
      ['Negotiation', 0.9, 'given'],
      ['Proposal', 0.666667, 'overall'],
      ['Prospecting', 0.1, 'given'],
    ]);
    // current: 1000 × 0.1 + 50 × 0.1 + 200 × 0.9 = 285, as with the JSON file
    expect(p.buckets[0]!.weighted).toBe(285);
  });

  it('shows the pipeline in the table and Markdown, in English and Chinese', () => {
    const t = run([file, '--as-of', '2026-03-15', '--stage-probabilities', probs]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('Weighted pipeline for 2026-03: 4 won / 2 lost deals');
    expect(t.stdout).toMatch(/closing by 2026-03 .* 1,250\.00 .* 200\.00 .* 285\.00/);
    expect(t.stdout).toContain(
      '2026-03: 200.00 to date; with the pipeline expected to close in it: commit 400.00, weighted 485.00, best case 1,450.00',
    );
    const zh = run([file, '--as-of', '2026-03-15', '--lang', 'zh', '-f', 'md']);
    expect(zh.stdout).toContain('## 2026-03 的加权管道');
    expect(zh.stdout).toContain('无成交日期');
  });

  it('leaves the pipeline out of a file without a status column', () => {
    const won = writeTmp('won.csv', 'Date,Amount\n2026-01-10,100\n2026-02-10,50\n');
    const doc = json([won, '--as-of', '2026-03-15']);
    expect(doc.pipeline).toBeUndefined();
    expect(doc.notes.some((n) => n.code.startsWith('INS_PIPELINE') || n.code === 'INS_NO_PIPELINE')).toBe(false);
  });
});

describe('bad --stage-probabilities and --forecast-kpis', () => {
  const file = writeTmp('deals.csv', DEALS);
  const bad = (name: string, text: string) => run([file, '--as-of', '2026-03-15', '--stage-probabilities', writeTmp(name, text)]);

  it('names the file and every bad key, exit 2', () => {
    const r = bad('p.json', '{"Proposal": 1.5, "Negotiation": "high", "Prospecting": 0.1}');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^salesperf: error: .*p\.json: each stage needs a probability from 0 to 1 \(50% is 0\.5\); not valid: "Proposal": 1\.5; "Negotiation": "high"/m,
    );
    expect(r.stderr).not.toContain('    at ');
  });

  it('names the CSV row, a stage twice, a JSON that is not an object, broken JSON; exit 2', () => {
    const csv = bad('p.csv', 'stage,probability\nProposal,50%\nNegotiation,0.9\nnegotiation,0.8\n');
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('row 2: "50%"');
    expect(csv.stderr).toContain('row 4: "negotiation" (twice)');
    const arr = bad('a.json', '[0.5]');
    expect(arr.code).toBe(2);
    expect(arr.stderr).toMatch(/a\.json: expected stage probabilities as a JSON object/);
    const broken = bad('b.json', '{"Proposal": 0.5,');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/b\.json is not a readable stage-probability file/);
  });

  it("takes the probabilities from the config's stageProbabilities; a bad one is exit 2 naming the key path", () => {
    const cfg = writeTmp(
      'salesperf.config.json',
      JSON.stringify({ stageProbabilities: { Prospecting: 0.1, Proposal: 0.5, Negotiation: 0.9 } }),
    );
    const p = json([file, '--as-of', '2026-03-15', '--config', cfg]).pipeline!;
    expect(p.estimator).toBe('given');
    expect(p.buckets[0]!.weighted).toBe(285);
    const badCfg = writeTmp('salesperf.config.json', JSON.stringify({ stageProbabilities: { Proposal: 2 } }));
    const r = run([file, '--config', badCfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stageProbabilities\.Proposal/);
  });

  it('a missing file is exit 3, naming it', () => {
    const r = run([file, '--stage-probabilities', '/nonexistent/probs.json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('--stage-probabilities /nonexistent/probs.json cannot be read: ENOENT');
  });

  it('--forecast-kpis refuses a KPI that does not add up over periods, exit 2', () => {
    const r = run([file, '--forecast-kpis', 'deals,winRate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^salesperf: error: --forecast-kpis takes KPIs that add up over periods, comma-separated \(revenue, deals, lostDeals, units, grossProfit, refunds, spend, newCustomers\), not "winRate"/m,
    );
  });
});

describe('--forecast-kpis', () => {
  // 30 months, one row each: quantity with a season and a trend; a second file with the same numbers as amounts
  const months = Array.from({ length: 30 }, (_, i) => {
    const y = 2023 + Math.floor((i + 6) / 12);
    const m = ((i + 6) % 12) + 1;
    return { date: `${y}-${String(m).padStart(2, '0')}-15`, q: 20 + ((i * 7) % 12) * 3 + i };
  });
  const units = writeTmp('units.csv', ['Date,Amount,Quantity', ...months.map((x) => `${x.date},5,${x.q}`), ''].join('\n'));
  const asRevenue = writeTmp('revenue.csv', ['Date,Amount', ...months.map((x) => `${x.date},${x.q}`), ''].join('\n'));

  it('forecasts units by the same machinery as revenue: equal to the revenue forecast of a file whose amounts are those units', () => {
    const u = json([units, '--as-of', '2025-12-31', '--forecast-kpis', 'units,deals']);
    const r = json([asRevenue, '--as-of', '2025-12-31']);
    const fu = u.forecasts!.find((f) => f.kpi === 'units')!;
    expect(fu.chosen).toBe(r.forecast.chosen);
    expect(fu.origins).toBe(r.forecast.origins);
    expect(fu.backtest.map((s) => s.model)).toEqual(r.forecast.backtest.map((s) => s.model));
    fu.backtest.forEach((s, i) => expect(s.mase).toBeCloseTo(r.forecast.backtest[i]!.mase!, 5));
    expect(fu.points.map((p) => p.period)).toEqual(['2026-01', '2026-02', '2026-03']);
    // units are rounded to 6 decimals, revenue to cents
    fu.points.forEach((p, i) => {
      const q = r.forecast.points[i]!;
      for (const k of ['mean', 'lo80', 'hi80', 'lo95', 'hi95'] as const) expect(Math.abs(p[k] - q[k])).toBeLessThanOrEqual(0.005);
    });
    // one deal a month, every month: every model forecasts exactly 1
    const fd = u.forecasts!.find((f) => f.kpi === 'deals')!;
    expect(fd.points.map((p) => p.mean)).toEqual([1, 1, 1]);
  });

  it('notes a KPI the file cannot give, and leaves forecasts out when only revenue is asked for', () => {
    const u = json([units, '--as-of', '2025-12-31', '--forecast-kpis', 'grossProfit']);
    expect(u.forecasts).toEqual([]);
    expect(u.notes.find((n) => n.code === 'INS_FORECAST_KPI_UNAVAILABLE')!.message).toBe(
      'grossProfit cannot be forecast: the files lack the column it needs',
    );
    expect(json([units, '--as-of', '2025-12-31', '--forecast-kpis', 'revenue']).forecasts).toBeUndefined();
  });
});
