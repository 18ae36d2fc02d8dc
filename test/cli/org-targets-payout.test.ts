import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/render/report-data.js';
import { validateOutputSchema } from '../../src/schema/validate-output.js';
import { ROOT, runCli, tmp, writeTmp } from '../helpers.js';

const K = (f: string) => join(ROOT, 'fixtures', f);
const deals = K('kpi/deals.csv');
const asOf = ['--as-of', '2026-05-20'];

describe('org roll-ups and targets at any level', () => {
  it('--by team rolls reps up through the org; a rep missing from it is reported, not dropped', () => {
    const r = runCli([
      'report',
      deals,
      '--org',
      K('kpi/org.csv'),
      '--by',
      'team',
      ...asOf,
      '--format',
      'json',
      '--kpis',
      'revenue',
      '--targets',
      K('kpi/targets.csv'),
    ]);
    const d = reportSchema.parse(JSON.parse(r.stdout));
    const rev = (team: string | null, p: string) => d.rows.find((x) => x.team === team && x.period === p)!.revenue;
    expect(rev('Alpha', '2026-01')).toBe(300); // Ann 100 + Bob 200
    expect(rev(null, '2026-02')).toBe(350); // Cat is not in the org
    expect((rev('Alpha', '2026-02') as number) + (rev(null, '2026-02') as number)).toBe(
      d.totals.find((t) => t.period === '2026-02')!.revenue,
    );
    expect(d.issues.ORG_UNKNOWN_REP).toBe(1);
    expect(r.stderr).toContain('2 team targets computed as the sum of their reps'); // Alpha, and (none) for Cat
    const t = reportSchema.parse(
      JSON.parse(
        runCli([
          'report',
          deals,
          '--org',
          K('kpi/org.csv'),
          '--by',
          'team',
          ...asOf,
          '--format',
          'json',
          '--kpis',
          'target',
          '--targets',
          K('kpi/targets.csv'),
          '--quiet',
        ]).stdout,
      ),
    );
    expect(t.rows.find((x) => x.team === 'Alpha' && x.period === '2026-04')!.target).toBe(300); // 100 + 200
  });

  it('a team target given directly wins over the sum; a rep without a target while the team has one is reported', () => {
    const tf = writeTmp('t.csv', 'Team,Rep,Month,Target\nAlpha,,2026-04,500\nAlpha,Ann,2026-04,100\n');
    const byTeam = reportSchema.parse(
      JSON.parse(
        runCli([
          'report',
          deals,
          '--org',
          K('kpi/org.csv'),
          '--by',
          'team',
          ...asOf,
          '--format',
          'json',
          '--kpis',
          'target',
          '--targets',
          tf,
          '--quiet',
        ]).stdout,
      ),
    );
    expect(byTeam.rows.find((x) => x.team === 'Alpha' && x.period === '2026-04')!.target).toBe(500);
    const byRep = runCli(['report', deals, '--org', K('kpi/org.csv'), ...asOf, '--format', 'json', '--kpis', 'target', '--targets', tf]);
    const d = reportSchema.parse(JSON.parse(byRep.stdout));
    expect(d.rows.find((x) => x.rep === 'Ann' && x.period === '2026-04')!.target).toBe(100);
    expect(d.issues.TARGET_REP_MISSING).toBe(1); // Bob, 2026-04
  });

  it('validate --targets flags targets far from the trailing average', () => {
    // Ann's revenue Jan–Mar: 100, 150, −50 → average 66.67; a target of 100 is 150% (not flagged), 101 is
    const tf = writeTmp('t.csv', 'Rep,Month,Target\nAnn,2026-04,100\nBob,2026-04,1000\n');
    const r = runCli(['validate', deals, '--targets', tf, ...asOf, '--format', 'json']);
    const d = validateOutputSchema.parse(JSON.parse(r.stdout));
    const flags = d.issues.find((i) => i.code === 'TARGET_UNREASONABLE')!;
    expect(flags.count).toBe(1);
    // Bob Jan–Mar: 200, 0, 250 → 150; 1000 is 667%
    expect(flags.examples[0]!.message).toBe('rep=Bob 2026-04: target 1,000.00 is 667% of the trailing 3-period average 150.00: too high?');
  });
});

describe('payout: splits and plan comparison', () => {
  it('a deal-splits file credits 60/40; bad splits are an issue', () => {
    const r = runCli([
      'payout',
      deals,
      '--plan',
      K('plans/base-10.json'),
      '--splits',
      K('kpi/splits.csv'),
      '--period',
      '2026-01',
      ...asOf,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout).statements;
    expect(s.map((x: { rep: string; credited: number; total: number }) => [x.rep, x.credited, x.total])).toEqual([
      ['Ann', 60, 6],
      ['Bob', 240, 24],
    ]); // D1 100 → 60/40; Bob also D2 200
    const bad = writeTmp('s.csv', 'Deal ID,Rep,Split\nD1,Ann,60%\nD1,Bob,30%\n');
    const rb = runCli(['payout', deals, '--plan', K('plans/base-10.json'), '--splits', bad, ...asOf]);
    expect(rb.code).toBe(1);
    expect(rb.stderr).toContain('SPLIT_NOT_100: deal "D1": splits add up to 90%, not 100%');
  });

  it("--compare shows both plans per rep, the delta and each plan's total cost", () => {
    // revenue Jan–May: Ann 100+150−50+120 = 320 (new C1 Jan, C7 Apr); Bob 200+250+80 = 530 (new C2 Jan); Cat 350+400+60 = 810 (new C4 Feb, C3 May)
    // plan A 10%: 32, 53, 81 = 166; plan B 5% + 50 per new customer: 16+100, 26.5+50, 40.5+100 = 333
    const r = runCli([
      'payout',
      deals,
      '--plan',
      K('plans/base-10.json'),
      '--compare',
      K('plans/base-5-bonus.json'),
      ...asOf,
      '--format',
      'json',
    ]);
    const d = JSON.parse(r.stdout);
    expect(d.comparison).toEqual([
      { rep: 'Ann', a: 32, b: 116, delta: 84 },
      { rep: 'Bob', a: 53, b: 76.5, delta: 23.5 },
      { rep: 'Cat', a: 81, b: 140.5, delta: 59.5 },
    ]);
    expect(d.totals).toEqual({ plan: 166, compare: 333 });
    const t = runCli(['payout', deals, '--plan', K('plans/base-10.json'), '--compare', K('plans/base-5-bonus.json'), ...asOf]);
    expect(t.stdout).toMatch(/│ Total cost │\s+166\.00 │\s+333\.00 │\s+167\.00 │/);
  });

  it('a bad plan names the key path; a missing --plan is a usage error', () => {
    const p = writeTmp('p.json', '{ "name": "x", "tiers": { "mode": "stepped", "tiers": [] } }');
    const r = runCli(['payout', deals, '--plan', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tiers.mode:');
    expect(runCli(['payout', deals]).code).toBe(2);
  });
});

describe('split credit in the report', () => {
  it('a deal entered once per rep with a Split column is not double counted: 600 + 400 = the deal', () => {
    const f = writeTmp(
      'split.csv',
      'Date,Deal ID,Rep,Customer,Amount,Split\n2026-01-05,D1,Ann,C1,1000.00,60%\n2026-01-05,D1,Bob,C1,1000.00,40%\n2026-01-09,D2,Bob,C2,50,\n',
    );
    const r = runCli(['report', f, '--as-of', '2026-11-26', '--format', 'json', '--kpis', 'revenue,deals']);
    const d = reportSchema.parse(JSON.parse(r.stdout));
    expect(d.rows.map((x) => [x.rep, x.revenue, x.deals])).toEqual([
      ['Ann', 600, 1],
      ['Bob', 450, 2],
    ]); // Bob: 400 + 50 (no share = whole)
    expect(d.totals[0]).toEqual({ period: '2026-01', revenue: 1050, deals: 2 }); // D1 once
    expect(r.stderr).toContain('amounts credited at the share in "Split"');
    const p = JSON.parse(runCli(['payout', f, '--plan', K('plans/base-10.json'), '--as-of', '2026-11-26', '--format', 'json']).stdout);
    expect(p.statements.map((x: { rep: string; credited: number }) => [x.rep, x.credited])).toEqual([
      ['Ann', 600],
      ['Bob', 450],
    ]);
  });
});

describe('nothing to compare or pay', () => {
  it('scorecard and payout without a rep column stop with a hint instead of scoring the total', () => {
    const f = writeTmp('norep.csv', 'Date,Amount,Region\n2026-01-05,10,N\n2026-01-06,20,S\n');
    const s = runCli(['scorecard', f, '--as-of', '2026-11-26']);
    expect([s.code, s.stderr]).toEqual([
      2,
      'salesperf: error: a scorecard compares reps (or teams, regions …), and no column was recognised as the rep\n  hint: name it with --map rep=<header>, or score another level with --by (e.g. --by Region)\n',
    ]);
    expect(runCli(['scorecard', f, '--as-of', '2026-11-26', '--by', 'region', '--grain', 'month', '--format', 'json']).code).toBe(0);
    const p = runCli(['payout', f, '--plan', K('plans/base-10.json'), '--as-of', '2026-11-26']);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('payouts are per rep');
  });
});

describe('salesperf init', () => {
  it('writes a commented config from the headers that the scorecard then reads; never overwrites without --force', () => {
    const dir = tmp();
    const r = runCli(['init', K('zh/sales-zh.csv')], { cwd: dir });
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'salesperf.config.json'), 'utf8');
    expect(text).toContain('"amount": "销售额"');
    expect(text).toContain('// ');
    const s = runCli(['scorecard', K('zh/sales-zh.csv'), '--grain', 'month', '--as-of', '2026-11-26', '--format', 'json'], { cwd: dir });
    expect(s.code).toBe(0);
    // retention (one rep has a value) and win rate (100% for both) have no spread in 2026-03: left out, with a note
    // the weights used (50 and 20 renormalised over 70), with the configured ones beside them
    expect(
      JSON.parse(s.stdout).meta.kpis.map((k: { kpi: string; weight: number; configuredWeight: number }) => [
        k.kpi,
        k.weight,
        k.configuredWeight,
      ]),
    ).toEqual([
      ['revenue', 71.43, 50],
      ['newCustomers', 28.57, 20],
    ]);
    expect(JSON.parse(s.stdout).meta.notes).toContain('weights renormalised over revenue 71.43, newCustomers 28.57');
    expect(runCli(['init', K('zh/sales-zh.csv')], { cwd: dir }).code).toBe(2);
    expect(runCli(['init', K('zh/sales-zh.csv'), '--force'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, 'salesperf.config.json'))).toBe(true);
  });
});
