/**
 * `scorecard --format html` and `payout --format html` on a three-rep fixture whose scores and
 * payouts are worked out by hand below: the page's tables hold those numbers and the JSON
 * document's, the same run twice gives the same bytes, Chinese labels with --lang zh, group
 * names escaped. The renderers are also checked directly on data built here (tier boundaries,
 * per-component sums, reps past the tier chart's end).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreGroups } from '../../src/engine/scorecard.js';
import { scorecardView } from '../../src/render/scorecard.js';
import type { PayoutDoc } from '../../src/render/payout.js';
import { payByRep, payoutHtml } from '../../src/render/html/payout.js';
import { scorecardHtml } from '../../src/render/html/scorecard.js';
import type { Plan } from '../../src/schema/plan.js';
import { runCli, tmp, writeTmp } from '../helpers.js';

const dir = tmp();
// Ann 10,000 of 8,000 (125%), Bob 9,000 of 10,000 (90%) and a lost deal, 蔡 3,000 of 10,000 (30%); one new customer per won deal
const sales = writeTmp(
  'sales.csv',
  'Date,Deal ID,Rep,Customer,Amount,Status\n2026-03-05,D1,Ann,C1,6000.00,Won\n2026-03-10,D2,Ann,C2,4000.00,Won\n2026-03-12,D3,Bob,C3,9000.00,Won\n2026-03-15,D4,蔡 <Cai>,C4,3000.00,Won\n2026-03-20,D5,Bob,C5,500.00,Lost\n',
  dir,
);
const targets = writeTmp('targets.csv', 'Rep,Month,Target\nAnn,2026-03,8000\nBob,2026-03,10000\n蔡 <Cai>,2026-03,10000\n', dir);
const plan = writeTmp(
  'plan.json',
  JSON.stringify({
    name: 'Test plan',
    tiers: {
      mode: 'marginal',
      tiers: [
        { from: 0, rate: 0.02 },
        { from: 0.8, rate: 0.05 },
        { from: 1, rate: 0.1 },
      ],
    },
    gate: { minAttainment: 0.5 },
    bonuses: [{ type: 'newCustomer', amount: 100 }],
  }),
  dir,
);
const config = writeTmp(
  'cfg.json',
  JSON.stringify({
    scorecard: {
      kpis: [
        { kpi: 'revenue', weight: 60, scoring: { method: 'attainment', cap: 1.2 } },
        { kpi: 'winRate', weight: 40, scoring: { method: 'percentile' } },
      ],
    },
  }),
  dir,
);
const payArgs = ['payout', sales, '--plan', plan, '--targets', targets, '--as-of', '2026-04-01', '--quiet'];
const scArgs = ['scorecard', sales, '--targets', targets, '--config', config, '--grain', 'month', '--as-of', '2026-04-01', '--quiet'];

/** The text of every `data-field` cell in the rows of a table whose first cell (th or td) is `name`. */
function fields(html: string, rowPattern: RegExp): Record<string, string>[] {
  return [...html.matchAll(rowPattern)].map((m) =>
    Object.fromEntries([...m[0].matchAll(/data-field="([a-z]+)"[^>]*>(?:<span[^>]*>)?([^<]*)/g)].map((x) => [x[1]!, x[2]!])),
  );
}
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('payout --format html on three reps worked by hand', () => {
  // Ann: 6,400×2% + 1,600×5% + 2,000×10% = 128 + 80 + 200 = 408 in tiers, 2 new customers × 100 → 608.00
  // Bob: 8,000×2% + 1,000×5% = 160 + 50 = 210, 1 × 100 → 310.00
  // 蔡: 3,000×2% = 60, 1 × 100, attainment 30% < the 50% gate: −160 → 0.00; total 918.00
  const HAND = {
    Ann: { total: '608.00', tier: '408.00', bonus: '200.00', gate: '0.00' },
    Bob: { total: '310.00', tier: '210.00', bonus: '100.00', gate: '0.00' },
    '蔡 <Cai>': { total: '0.00', tier: '60.00', bonus: '100.00', gate: '-160.00' },
  };
  const out = join(dir, 'payout.html');
  const r = runCli([...payArgs, '-o', out]);
  const html = readFileSync(out, 'utf8');
  const doc = JSON.parse(runCli([...payArgs, '-f', 'json']).stdout) as PayoutDoc;

  it('writes the page with -o x.html (format from the extension), exit 0, nothing on stderr', () => {
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/<script|<img|<link|<iframe|\s(src|href)=|url\((?!#)/); // nothing to fetch: SVG clip paths are url(#id)
  });

  it("each statement's total and lines are the hand-worked ones and the JSON's", () => {
    const totals = fields(html, /<table class="statement"[\s\S]*?<\/table>/g).map((f) => f.total);
    expect(totals).toEqual(Object.values(HAND).map((h) => h.total));
    expect(totals).toEqual(doc.statements.map((s) => s.total.toFixed(2)));
    const ann = html.match(/<table class="statement" data-rep="Ann"[\s\S]*?<\/table>/)![0];
    expect([...ann.matchAll(/data-field="amount">([^<]*)/g)].map((m) => m[1])).toEqual(['128.00', '80.00', '200.00', '200.00']);
    expect(ann).toContain(
      '<caption>Ann — 2026-03 <span>Credited 10,000.00 · Target 8,000.00 · Attainment 125.0% · Tier ≥100%</span></caption>',
    );
    const cai = html.match(/<table class="statement" data-rep="蔡 &lt;Cai&gt;"[\s\S]*?<\/table>/)![0];
    expect(cai).toContain(
      '<tr data-component="gate"><td>Gate</td><td class="wrap">gate not met (attainment 30% is below 50%): no variable pay</td>',
    );
    expect(cai).toContain('<td class="num" data-field="amount">-160.00</td>');
  });

  it('the summary table: credited, target, attainment and payout per rep, and the total 918.00', () => {
    const rows = fields(html, /<tr data-rep="[^"]*" data-period="2026-03">[\s\S]*?<\/tr>/g);
    expect(rows).toEqual([
      { credited: '10,000.00', target: '8,000.00', attainment: '125.0%', total: '608.00' },
      { credited: '9,000.00', target: '10,000.00', attainment: '90.0%', total: '310.00' },
      { credited: '3,000.00', target: '10,000.00', attainment: '30.0%', total: '0.00' },
    ]);
    expect(html).toMatch(
      /<tr class="total"><th scope="row">Total<\/th><td colspan="5"><\/td><td class="num" data-field="total">918.00<\/td><\/tr>/,
    );
    expect(doc.totals.plan).toBe(918);
  });

  it("the by-rep chart's data table: each component per rep, largest payout first", () => {
    const fig = html.match(/<figure class="chart" id="chart-payout-by-rep">[\s\S]*?<\/figure>/)![0];
    expect(fig).toContain(
      '<thead><tr><th scope="col">Rep</th><th scope="col" class="num">Tiers</th><th scope="col" class="num">Bonuses</th><th scope="col" class="num">Gate</th><th scope="col" class="num">Payout</th></tr></thead>',
    );
    const rows = [
      ...fig.matchAll(
        /<tr><th scope="row">([^<]*)<\/th><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g,
      ),
    ].map((m) => m.slice(1).map(unescape));
    expect(rows).toEqual(Object.entries(HAND).map(([rep, h]) => [rep, h.tier, h.bonus, h.gate, h.total]));
    expect(fig).toMatch(
      /<div class="chart-img" role="img" aria-label="Payout by rep and component, 2026-03" aria-describedby="chart-payout-by-rep-desc">\n<svg class="chart-svg"/,
    );
    expect(fig).toContain('Total 918.00 for 3 reps.');
  });

  it('the tier chart: the schedule and each rep at the rate of the tier reached', () => {
    const fig = html.match(/<figure class="chart" id="chart-payout-tiers">[\s\S]*?<\/figure>/)![0];
    const rows = [
      ...fig.matchAll(/<tr><th scope="row">([^<]*)<\/th><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g),
    ].map((m) => m.slice(1).map(unescape));
    expect(rows).toEqual([
      ['Tier ≥ 0%', '0%', '2%'],
      ['Tier ≥ 80%', '80%', '5%'],
      ['Tier ≥ 100%', '100%', '10%'],
      ['Ann', '125.0%', '10%'],
      ['Bob', '90.0%', '5%'],
      ['蔡 <Cai>', '30.0%', '2%'],
    ]);
    expect(fig).toContain('2% from 0%, 5% from 80%, 10% from 100%');
    expect(fig).toContain('no variable pay below the gate at 50%');
    expect(fig).toContain('>gate 50%</text>');
  });

  // the runs are made while the tests are collected (not under the per-test timeout: each spawns node and ECharts)
  const again = join(dir, 'payout-2.html');
  runCli([...payArgs, '-o', again]);
  const zh = runCli([...payArgs, '-f', 'html', '--lang', 'zh']);
  const zhAgain = runCli([...payArgs, '-f', 'html', '--lang', 'zh']);

  it('the same inputs give the same bytes; Chinese labels with --lang zh', () => {
    expect(readFileSync(again, 'utf8')).toBe(html);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('<html lang="zh-CN">');
    expect(zh.stdout).toContain('<title>提成结算：Test plan</title>');
    expect(zh.stdout).toContain('<h2>各业务员提成</h2>');
    expect(zh.stdout).toContain('<tr data-component="gate"><td>门槛扣回</td>');
    expect(zh.stdout).toContain('按项目（阶梯提成、奖金、门槛扣回）拆分');
    expect(zh.stdout).toContain('3 位业务员合计 918.00');
    expect(zhAgain.stdout).toBe(zh.stdout);
  });
});

describe('scorecard --format html on three reps worked by hand', () => {
  // revenue 60 (attainment, cap 1.2): Ann 125% → 120, Bob 90% → 90, 蔡 30% → 30
  // win rate 40 (percentile): Ann 100%, Bob 50%, 蔡 100% → Ann (1 + ½)/2 = 75, Bob 0, 蔡 75
  // points: Ann 72 + 30 = 102 (A), Bob 54 + 0 = 54 (D), 蔡 18 + 30 = 48 (D)
  const out = join(dir, 'scorecard.html');
  const r = runCli([...scArgs, '-o', out]);
  const html = readFileSync(out, 'utf8');
  const doc = JSON.parse(runCli([...scArgs, '-f', 'json']).stdout) as {
    rows: { rank: number; rep: string; score: number; band: string; kpis: Record<string, { subScore: number; points: number }> }[];
  };

  it('the scores table holds the hand-worked scores, bands and points, and the JSON', () => {
    expect([r.code, r.stderr]).toEqual([0, '']);
    const rows = fields(html, /<tr data-rank="\d+">[\s\S]*?<\/tr>/g).map((f) => [f.rank, f.dim, f.score, f.band]);
    expect(rows.map((x) => x.map((v) => unescape(v!)))).toEqual([
      ['1', 'Ann', '102.00', 'A'],
      ['2', 'Bob', '54.00', 'D'],
      ['3', '蔡 <Cai>', '48.00', 'D'],
    ]);
    expect(rows.map((x) => [x[0], unescape(x[1]!), x[2], x[3]])).toEqual(
      doc.rows.map((d) => [String(d.rank), d.rep, d.score.toFixed(2), d.band]),
    );
    const cells = (kpi: string, f: string) =>
      [...html.matchAll(new RegExp(`data-kpi="${kpi}" data-field="${f}">([^<]*)`, 'g'))].map((m) => m[1]);
    expect(cells('revenue', 'subScore')).toEqual(['120.00', '90.00', '30.00']);
    expect(cells('revenue', 'points')).toEqual(['72.00', '54.00', '18.00']);
    expect(cells('winRate', 'subScore')).toEqual(['75.00', '0.00', '75.00']);
    expect(cells('winRate', 'points')).toEqual(doc.rows.map((d) => d.kpis.winRate!.points.toFixed(2)));
    expect(cells('revenue', 'value')).toEqual(['10,000.00', '9,000.00', '3,000.00']);
  });

  it('two charts with title, role="img", description and data table; bands and floors in the band chart', () => {
    expect(html.match(/<svg class="chart-svg"/g)).toHaveLength(2);
    expect(html.match(/role="img" aria-label="[^"]+" aria-describedby="chart-score-(bands|contribution)-desc"/g)).toHaveLength(2);
    const bands = html.match(/<figure class="chart" id="chart-score-bands">[\s\S]*?<\/figure>/)![0];
    expect(bands).toContain('dashed lines (A ≥ 90, B ≥ 75, C ≥ 60). Per band: A 1, B 0, C 0, D 2.');
    expect(bands).toContain('>A ≥ 90</text>');
    const contrib = html.match(/<figure class="chart" id="chart-score-contribution">[\s\S]*?<\/figure>/)![0];
    const rows = [
      ...contrib.matchAll(
        /<tr><th scope="row">([^<]*)<\/th><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g,
      ),
    ].map((m) => m.slice(1).map(unescape));
    expect(rows).toEqual([
      ['Ann', '72.00', '30.00', '102.00'],
      ['Bob', '54.00', '0.00', '54.00'],
      ['蔡 <Cai>', '18.00', '30.00', '48.00'],
    ]);
  });

  const again = runCli([...scArgs, '-f', 'html']).stdout;
  const zh = runCli([...scArgs, '-f', 'html', '--lang', 'zh']).stdout;

  it('feedback per rep, escaped; same bytes twice; Chinese with --lang zh', () => {
    expect(html).toContain(
      '<td class="wrap" data-field="feedback">Strongest: win rate (100.0%, ahead of 75% of peers); weakest: revenue (3,000.00, 30% of target).</td>',
    );
    expect(html).toContain('<th scope="row">蔡 &lt;Cai&gt;</th>');
    expect(html).not.toContain('<Cai>');
    expect(again).toBe(html);
    expect(zh).toContain('<title>2026-03 业绩评分卡</title>');
    expect(zh).toContain('<th scope="colgroup" colspan="3" class="kpi-group" data-kpi="revenue">销售额（60）</th>');
    expect(zh).toContain('优势：销售额（10,000.00，完成目标的 125%）；待提升：赢单率（100.0%，高于 75% 的同组）。');
    expect(zh).toContain('各等级数量：A 1、B 0、C 0、D 2。');
  });
});

describe('the renderers on data built here', () => {
  const stmt = (rep: string, attainment: number | null, lines: [string, number][]) => ({
    rep,
    period: '2026-03',
    credited: 0,
    target: attainment === null ? null : 100,
    attainment,
    tier: null,
    total: lines.reduce((a, [, v]) => a + Math.round(v * 100), 0) / 100,
    lines: lines.map(([component, amount]) => ({
      component: component as 'base',
      label: component,
      basis: null,
      rate: null,
      count: null,
      amount,
    })),
    notes: [],
  });
  const doc = (statements: ReturnType<typeof stmt>[]): PayoutDoc => ({
    meta: { schemaVersion: 1, tool: 'salesperf', command: 'payout', plan: 'P', compare: null, grain: 'month' },
    statements,
    totals: { plan: statements.reduce((a, s) => a + s.total, 0), compare: null },
    comparison: null,
  });
  const tiers = (mode: 'marginal' | 'retroactive'): Plan => ({
    name: 'P',
    tiers: {
      mode,
      tiers: [
        { from: 0, rate: 0.01 },
        { from: 0.8, rate: 0.04 },
      ],
    },
    bonuses: [],
    clawback: true,
  });
  const tierRows = (html: string) =>
    [
      ...html
        .match(/<figure class="chart" id="chart-payout-tiers">[\s\S]*?<\/figure>/)![0]
        .matchAll(/<tr><th scope="row">(R\d)<\/th><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g),
    ].map((m) => m.slice(1));

  it(
    'a rep exactly at a tier floor: still the tier below when marginal (no slice above it), the tier itself when retroactive',
    { timeout: 60_000 },
    async () => {
      const d = doc([stmt('R1', 0.8, [['tier', 0.8]]), stmt('R2', 0.81, [['tier', 0.84]])]);
      const input = { lang: 'en' as const, doc: d, planFile: 'p.json', compareFile: null, inputs: [], targets: null };
      expect(tierRows(await payoutHtml({ ...input, plan: tiers('marginal') }))).toEqual([
        ['R1', '80.0%', '1%'],
        ['R2', '81.0%', '4%'],
      ]);
      expect(tierRows(await payoutHtml({ ...input, plan: tiers('retroactive') }))).toEqual([
        ['R1', '80.0%', '4%'],
        ['R2', '81.0%', '4%'],
      ]);
    },
  );

  it('a rep far past the last tier is kept on the chart at its end, and the description says so', async () => {
    const html = await payoutHtml({
      lang: 'en',
      doc: doc([stmt('R1', 9.5, [['tier', 1]]), stmt('R2', 0.5, [['tier', 1]])]),
      plan: tiers('marginal'),
      planFile: 'p.json',
      compareFile: null,
      inputs: [],
      targets: null,
    });
    expect(html).toContain('1 rep is above 150%: drawn as an arrow at the right edge (the table has the attainment).');
    expect(tierRows(html)).toEqual([
      ['R1', '950.0%', '4%'],
      ['R2', '50.0%', '1%'],
    ]);
    expect(html).toContain('<path d="M0 -1L1 1L-1 1Z" transform="matrix(0,7,-7,0,940,'); // the arrow: ECharts' triangle turned 90°, at the axis's end (x 940)
  });

  it('payByRep sums cents per component over periods: 0.1 + 0.2 is 0.30, not 0.30000000000000004', () => {
    const s2 = { ...stmt('A', 1, [['base', 0.2]]), period: '2026-04' };
    const by = payByRep([
      stmt('A', 1, [
        ['base', 0.1],
        ['gate', -0.1],
      ]),
      s2,
      stmt('B', 1, [['base', 5]]),
    ]);
    expect(by.map((p) => [p.rep, Object.fromEntries(p.by), p.total])).toEqual([
      ['B', { base: 500 }, 500],
      ['A', { base: 30, gate: -10 }, 20],
    ]);
  });

  it('a scorecard with an unscored rep: in the table and the count, not in the charts', async () => {
    const config = {
      kpis: [{ kpi: 'revenue', weight: 100, direction: 'higher' as const, scoring: { method: 'attainment' as const, cap: 1.2 } }],
      bands: [
        { name: 'Top', min: 50 },
        { name: 'Low', min: 0 },
      ],
    };
    const sc = scoreGroups(
      [
        { dims: ['X'], kpis: { revenue: 50, target: 100 } },
        { dims: ['Y'], kpis: { revenue: 80, target: null } },
      ],
      config,
      ['revenue'],
      true,
    );
    const html = await scorecardHtml({
      lang: 'en',
      scored: scorecardView(sc, 'en'),
      dims: ['rep'],
      period: '2026-03',
      grain: 'month',
      bands: config.bands,
      flags: [],
      currency: '',
      currencyCode: null,
      inputs: [],
      targets: null,
    });
    expect(fields(html, /<tr data-rank="\d*">[\s\S]*?<\/tr>/g).map((f) => [f.dim, f.score])).toEqual([
      ['X', '50.00'],
      ['Y', '—'],
    ]);
    expect(html).toContain('<td class="num" data-kpi="revenue" data-field="subScore">no target</td>');
    expect(html).toContain('Per band: Top 1, Low 0. 1 not scored (see the table).');
    expect(html.match(/<svg class="chart-svg"/g)).toHaveLength(1); // one KPI: no contribution chart
    const bandTable = html.match(/<figure class="chart" id="chart-score-bands">[\s\S]*?<\/figure>/)![0];
    expect(bandTable).not.toContain('>Y<');
  });
});
