/**
 * `insights --format html`: the page's tables hold the numbers of the insights JSON; the cohort
 * heatmap and the Pareto 80% point against values worked by hand on a fixture small enough to
 * check; the same input gives the same bytes; Chinese labels with --lang zh; data escaped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/core/format.js';
import { normaliseSvg, renderSvg } from '../../src/render/html/charts.js';
import {
  cohortSpec,
  colourTop,
  insContext,
  insightsHtml,
  paretoPoint,
  paretoSpec,
  type InsightsHtmlInput,
} from '../../src/render/html/insights.js';
import { paretoPoints, PARETO_MAX_POINTS } from '../../src/render/html/insights-data.js';
import type { InsightsDoc } from '../../src/schema/insights-output.js';
import { runCli, tmp, writeTmp } from '../helpers.js';

// Customers by first month: 2026-01 {A, B, C, D}, 2026-02 {E}, 2026-04 {F}; 2026-03 brings none.
// 2026-01's cohort: A again in Feb (1 of 4), A and C in Mar (2 of 4), B in Apr (1 of 4).
// 2026-02's: E in Mar (1 of 1), nobody in Apr (0 of 1).
// Net per customer over the four months: C 270, A 190, B 65, E 60, F 25, D 10 = 620;
// largest first the sums are 270, 460, 525 ≥ 80% of 620 (496): 3 of 6 customers (50%), 525 / 620 of the revenue.
const SALES = [
  'Date,Region,Customer,Amount,Status',
  '2026-01-05,North,A,100.00,Won',
  '2026-01-10,North,B,50.00,Won',
  '2026-01-15,South,C,200.00,Won',
  '2026-01-20,South,D,10.00,Won',
  '2026-02-03,North,A,60.00,Won',
  '2026-02-10,South,E,40.00,Won',
  '2026-03-05,North,A,30.00,Won',
  '2026-03-06,South,C,70.00,Won',
  '2026-03-07,South,E,20.00,Won',
  '2026-04-02,North,F,25.00,Won',
  '2026-04-09,North,B,15.00,Won',
].join('\n');

const dir = tmp();
const file = writeTmp('sales.csv', `${SALES}\n`, dir);
const targets = writeTmp('targets.csv', 'Region,Month,Target\nNorth,2026-04,50\nSouth,2026-04,100\n', dir);
const ARGS = ['insights', file, '--by', 'region', '--targets', targets, '--as-of', '2026-04-30', '-q'];

const json = runCli([...ARGS, '-f', 'json']);
const doc = JSON.parse(json.stdout) as InsightsDoc;

function html(lang: 'en' | 'zh'): string {
  const out = join(dir, `insights-${lang}.html`);
  const r = runCli([...ARGS, '-o', out, '--lang', lang]); // the format from the .html name
  expect([r.code, r.stderr]).toEqual([0, '']);
  return readFileSync(out, 'utf8');
}

const unescape = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** A table's body rows as cell texts: by the table's id, or the data table of the figure with that id. */
function tableRows(page: string, id: string): string[][] {
  const at = page.indexOf(`id="${id}"`);
  expect(at, id).toBeGreaterThan(-1);
  const start = page.indexOf('<tbody>', at);
  const body = page.slice(start, page.indexOf('</tbody>', start));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => unescape(c[1]!)),
  );
}

const money = (v: number) => formatValue(v, 'money');
const ratio = (v: number | null) => formatValue(v, 'ratio');

describe('insights --format html on a fixture', () => {
  const en = html('en');

  it('the JSON is what the hand computation says (the page is checked against it below)', () => {
    expect(json.code).toBe(0);
    expect(doc.meta.current).toBe('2026-04');
    expect(doc.cohorts!.rows.map((r) => [r.cohort, r.size, r.active, r.retention])).toEqual([
      ['2026-01', 4, [4, 1, 2, 1], [1, 0.25, 0.5, 0.25]],
      ['2026-02', 1, [1, 1, 0], [1, 1, 0]],
      ['2026-04', 1, [1], [1]],
    ]);
    expect(doc.concentration!.overall).toMatchObject({ customers: 6, total: 620, paretoCount: 3, paretoShare: 0.5 });
  });

  it('the headline table holds the JSON headline, KPI by KPI', () => {
    const rows = tableRows(en, 'ins-headline-table');
    const rev = doc.headline.find((h) => h.kpi === 'revenue')!;
    expect(rows[0]).toEqual([
      'Revenue',
      money(rev.value),
      money(rev.target!),
      ratio(rev.attainment),
      money(rev.previous!.value),
      '-66.7%',
      '—',
      '—',
    ]);
    expect(rows[0]!.slice(1, 5)).toEqual(['40.00', '150.00', '26.7%', '120.00']); // April 25 + 15; target 50 + 100; March 30 + 70 + 20 (40 / 120 − 1 = −66.7%)
    expect(rev.previous!.changeRatio).toBeCloseTo(-2 / 3, 6);
    expect(rows.map((r) => r[0])).toEqual(
      doc.headline.map((h) => ({ revenue: 'Revenue', deals: 'Deals won', refunds: 'Refunds' })[h.kpi as 'revenue']),
    );
  });

  it('the change by group: the chart table is the JSON contributions', () => {
    const rev = doc.headline.find((h) => h.kpi === 'revenue')!;
    expect(tableRows(en, 'chart-contribution')).toEqual(
      rev.contributions.map((c) => [c.group, money(c.before), money(c.after), money(c.delta), ratio(c.share)]),
    );
    expect(tableRows(en, 'chart-contribution')).toEqual([
      // the total fell by 80: South −90 (112.5% of the fall), North +10 (−12.5%)
      ['South', '90.00', '0.00', '-90.00', '112.5%'],
      ['North', '30.00', '40.00', '10.00', '-12.5%'],
    ]);
  });

  it('trend: the total per period and the forecast points as in the JSON', () => {
    const rows = tableRows(en, 'chart-trend');
    expect(rows.slice(0, 4).map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ['2026-01', '360.00', '150.00', '210.00'],
      ['2026-02', '100.00', '60.00', '40.00'],
      ['2026-03', '120.00', '30.00', '90.00'],
      ['2026-04', '40.00', '40.00', '0.00'],
    ]);
    expect(rows.slice(4).map((r) => [r[0], r.at(-3), r.at(-2), r.at(-1)])).toEqual(
      doc.forecast.points.map((p) => [
        p.period,
        money(p.mean),
        `${money(p.lo80)} … ${money(p.hi80)}`,
        `${money(p.lo95)} … ${money(p.hi95)}`,
      ]),
    );
    expect(tableRows(en, 'ins-forecast-points')).toEqual(
      doc.forecast.points.map((p) => [
        p.period,
        money(p.mean),
        `${money(p.lo80)} … ${money(p.hi80)}`,
        `${money(p.lo95)} … ${money(p.hi95)}`,
      ]),
    );
  });

  it('attainment by group in the current period: revenue / target', () => {
    expect(tableRows(en, 'chart-attainment')).toEqual([
      ['North', '80.0%', '40.00', '50.00'],
      ['South', '0.0%', '0.00', '100.00'],
    ]);
  });

  it('cohort heatmap: cells = active customers and retention by hand', () => {
    expect(tableRows(en, 'chart-cohorts')).toEqual([
      ['2026-01', '4', '1 (25.0%)', '2 (50.0%)', '1 (25.0%)'],
      ['2026-02', '1', '1 (100.0%)', '0 (0.0%)', ''],
      ['2026-04', '1', '', '', ''],
    ]);
    const spec = cohortSpec(insContext(input(doc)), doc.cohorts!);
    const series = (spec.option.series as { data: number[][] }[])[0]!.data;
    // [periods since − 1, cohort row, retention %]
    expect(series).toEqual([
      [0, 0, 25],
      [1, 0, 50],
      [2, 0, 25],
      [0, 1, 100],
      [1, 1, 0],
    ]);
    expect(spec.option.yAxis).toMatchObject({ data: ['2026-01', '2026-02', '2026-04'] });
  });

  it('concentration: the table is the JSON; the Pareto curve and its 80% point by hand', () => {
    const c = doc.concentration!;
    expect(tableRows(en, 'ins-concentration-table')[0]).toEqual([
      'Total',
      '6',
      '620.00',
      ...c.overall.topShares.map((s) => ratio(s.share)),
      '3 (50.0%)',
      fixed1(c.overall.hhi!),
    ]);
    expect(c.overall.topShares.map((s) => ratio(s.share))).toEqual(['43.5%', '98.4%', '100.0%']); // 270, 610, 620 of 620
    // the curve's points (customers so far, share of revenue) and the marked point
    expect(tableRows(en, 'chart-pareto')).toEqual([
      ['1', '16.7%', '43.5%'],
      ['2', '33.3%', '74.2%'],
      ['3', '50.0%', '84.7%'],
      ['4', '66.7%', '94.4%'],
      ['5', '83.3%', '98.4%'],
      ['6', '100.0%', '100.0%'],
    ]);
    expect(en).toContain('80% of revenue: 3 customers (50.0%)');
  });

  it('target suggestions: the chart table is the JSON targets', () => {
    expect(tableRows(en, 'chart-targets').map((r) => r.slice(0, 4))).toEqual(
      doc.targets.map((x) => [
        x.group,
        money(x.suggested),
        `${money(x.lo80)} … ${money(x.hi80)}`,
        x.target === null ? '—' : money(x.target),
      ]),
    );
  });

  it('every chart has a title, role="img" with a label and a description, and its data table', () => {
    const ids = [...en.matchAll(/<figure class="chart" id="([^"]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual(['chart-contribution', 'chart-trend', 'chart-attainment', 'chart-cohorts', 'chart-pareto', 'chart-targets']);
    for (const id of ids) {
      const fig = en.slice(en.indexOf(`<figure class="chart" id="${id}">`), en.indexOf('</figure>', en.indexOf(`id="${id}"`)));
      expect(fig).toMatch(/<figcaption><h3>[^<]+<\/h3><\/figcaption>/);
      expect(fig).toContain(`role="img" aria-label="`);
      expect(fig).toContain(`aria-describedby="${id}-desc"`);
      expect(fig).toMatch(new RegExp(`<p class="desc" id="${id}-desc">[^<]{40,}</p>`));
      expect(fig).toContain('<svg class="chart-svg"');
      expect(fig).toContain('<table>');
    }
    // sections in reading order, each on its own printed page
    expect([...en.matchAll(/<section id="([^"]+)">/g)].map((m) => m[1])).toEqual([
      'ins-headline',
      'ins-trend',
      'ins-attainment',
      'ins-anomalies',
      'ins-forecast',
      'ins-cohorts',
      'ins-concentration',
      'ins-targets',
      'ins-notes',
    ]);
    expect(en).toContain('@page { size: A4 landscape;');
    expect(en).not.toMatch(/<script|<img|<link|https?:\/\/(?!www\.w3\.org)/);
  });

  it('the same input gives the same bytes (two processes)', () => {
    const again = runCli([...ARGS, '-f', 'html']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(en);
    expect(en).not.toMatch(/zr\d+-/);
  });

  it('--lang zh: Chinese title, headings, column heads and descriptions', () => {
    const zh = html('zh');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<title>销售洞察</title>');
    for (const s of [
      '概览：2026-04',
      '趋势与预测',
      '目标达成',
      '客户群留存',
      '客户收入帕累托曲线',
      '目标建议',
      '图表数据',
      '80% 收入：3 位客户（50.0%）',
    ])
      expect(zh).toContain(s);
    expect(tableRows(zh, 'ins-headline-table')[0]!.slice(0, 2)).toEqual(['销售额', '40.00']);
    for (const s of ['Trend and forecast', 'Customer cohorts', 'The numbers in this chart', 'Headline']) expect(zh).not.toContain(s);
    // the numbers are the same in both languages
    expect(tableRows(zh, 'chart-cohorts')).toEqual(tableRows(en, 'chart-cohorts'));
  });
});

function fixed1(v: number): string {
  return (Math.round(v * 10) / 10).toFixed(1);
}

function input(d: InsightsDoc, over: Partial<InsightsHtmlInput> = {}): InsightsHtmlInput {
  return {
    doc: d,
    data: { periods: [], total: [], groups: [], attainment: [], pareto: null },
    lang: 'en',
    currency: '',
    inputs: [],
    ...over,
  };
}

describe('the Pareto curve', () => {
  it('the 80% point is the first customer count reaching 80%, kept when the curve is thinned', () => {
    const p = paretoPoints([27000, 19000, 6500, 6000, 2500, 1000])!;
    expect(paretoPoint(p)).toEqual({ k: 3, share: 52500 / 62000 });
    // 1,000 equal customers: 800 reach exactly 80%; the curve keeps at most PARETO_MAX_POINTS + 2 points, 800 among them
    const flat = paretoPoints(new Array(1000).fill(100))!;
    expect(flat.points.length).toBeLessThanOrEqual(PARETO_MAX_POINTS + 2);
    expect(paretoPoint(flat)).toEqual({ k: 800, share: 0.8 });
    expect(flat.points.at(-1)).toEqual({ k: 1000, share: 1 });
    expect(paretoPoints([])).toBeNull();
  });

  it('marks the 80% point at (share of customers, share of revenue) in percent', () => {
    const p = paretoPoints([27000, 19000, 6500, 6000, 2500, 1000])!;
    const spec = paretoSpec(insContext(input(doc)), doc.concentration!, p);
    const curve = (spec.option.series as { markPoint?: { data: { coord: number[] }[] } }[])[1]!;
    expect(curve.markPoint!.data[0]!.coord).toEqual([50, 84.68]);
  });
});

describe('pieces', () => {
  it('a gradient id (the heatmap colour scale) is renamed from the chart id: the same bytes after other charts in the process', async () => {
    const heat = {
      xAxis: { type: 'category', data: ['+1', '+2'] },
      yAxis: { type: 'category', data: ['a'] },
      visualMap: { min: 0, max: 100, orient: 'horizontal' },
      series: [
        {
          type: 'heatmap',
          data: [
            [0, 0, 10],
            [1, 0, 90],
          ],
        },
      ],
    };
    const a = await renderSvg(heat, { width: 300, height: 200, lang: 'en' });
    await renderSvg(heat, { width: 300, height: 200, lang: 'en' });
    const b = await renderSvg(heat, { width: 300, height: 200, lang: 'en' });
    expect(a).toMatch(/zr\d+-g0/);
    expect(normaliseSvg(a, 'chart-h')).toBe(normaliseSvg(b, 'chart-h'));
    expect(normaliseSvg(a, 'chart-h')).not.toMatch(/zr\d+/);
    expect(normaliseSvg(a, 'chart-h')).toContain('url(#chart-h-g0)');
  });

  it('the heatmap colour scale tops at the 95th percentile of the cells, at least 1%', () => {
    expect(colourTop([])).toBe(1);
    expect(colourTop([0, 0, 0])).toBe(1);
    expect(colourTop(Array.from({ length: 20 }, (_, i) => i + 1))).toBe(19); // the 19th of 20 values
    expect(colourTop([...new Array<number>(99).fill(5), 100])).toBe(5);
  });

  it('anomalies not scored (too few periods) say so, rather than that none were found', async () => {
    const few = { section: 'anomalies' as const, code: 'INS_TOO_FEW_PERIODS', message: 'too few periods: 4 needed, 2 complete' };
    const section = (page: string) =>
      page.slice(page.indexOf('<section id="ins-anomalies">'), page.indexOf('</section>', page.indexOf('<section id="ins-anomalies">')));
    const d: InsightsDoc = { ...doc, anomalies: [], notes: [few] };
    expect(section(await insightsHtml(input(d)))).toContain('<p class="note">too few periods: 4 needed, 2 complete</p>');
    expect(section(await insightsHtml(input({ ...d, notes: [] })))).toContain('<p class="note">no value outside its expected range</p>');
  });

  it('escapes group names from the data and writes no markup of theirs', async () => {
    const nasty = '<img src=x onerror=alert(1)> & "Q"';
    const d: InsightsDoc = { ...doc, targets: doc.targets.map((x) => ({ ...x, group: nasty })) };
    const page = await insightsHtml(input(d));
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Q&quot;');
  });
});
