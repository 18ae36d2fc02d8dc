import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/render/html/escape.js';
import { normaliseSvg, renderSvg } from '../../src/render/html/charts.js';
import { reportHtml, type HtmlReportInput } from '../../src/render/html/report.js';
import type { ResultRow } from '../../src/engine/aggregate.js';
import { runCli, tmp, writeTmp } from '../helpers.js';

const NASTY = '<script>alert("x")</script> & \'Q\'\u0000\u001b[31m';

describe('escapeHtml', () => {
  it('escapes the five HTML characters and shows control characters as \\u escapes', () => {
    expect(escapeHtml('a & b <c> "d" \'e\'')).toBe('a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;');
    expect(escapeHtml('x\u0000y\u001bz\n')).toBe('x\\u0000y\\u001bz\\u000a');
    expect(escapeHtml('北区 Ünïcode')).toBe('北区 Ünïcode');
    expect(escapeHtml(NASTY)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Q&#39;\\u0000\\u001b[31m');
  });
});

const line = (name: string) => ({
  animation: true,
  xAxis: { type: 'category', data: ['2026-01', '2026-02'] },
  yAxis: { type: 'value' },
  series: [{ name, type: 'line', data: [1, 2] }],
  legend: {},
});

describe('charts: ECharts SSR made deterministic', () => {
  it('the same chart gives the same bytes after other charts in the process; raw ECharts output does not', async () => {
    const a = await renderSvg(line('A'), { width: 400, height: 200, lang: 'en' });
    await renderSvg(line('B'), { width: 400, height: 200, lang: 'en' });
    const b = await renderSvg(line('A'), { width: 400, height: 200, lang: 'en' });
    expect(a).not.toBe(b); // ECharts numbers its instances: zr0-… then zr2-…
    expect(a).toMatch(/zr\d+-c0/);
    expect(normaliseSvg(a, 'chart-x')).toBe(normaliseSvg(b, 'chart-x'));
    const n = normaliseSvg(a, 'chart-x');
    expect(n).not.toMatch(/zr\d+|ecmeta_|<style/);
    expect(n).toContain('clip-path="url(#chart-x-clip0)"');
    expect(n).toContain('<clipPath id="chart-x-clip0">');
  });

  it('every SVG attribute stays well formed: the chart font (in style="…") has no double quote', async () => {
    const svg = await renderSvg(line('A'), { width: 400, height: 200, lang: 'zh' });
    expect(svg).toContain("font-family:Arial, Helvetica, 'Liberation Sans'");
    expect(svg.match(/ [a-z-]+="[^"]*"[^\s>/]/g)).toBeNull(); // an attribute closed early runs into the next word
  });

  it('data text inside the SVG is escaped by ECharts', async () => {
    const svg = await renderSvg(line('<b>&"'), { width: 400, height: 200, lang: 'en' });
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('<b>');
  });
});

const row = (period: string, dims: (string | null)[], kpis: Record<string, number | null>): ResultRow => ({ period, dims, kpis });
function input(over: Partial<HtmlReportInput> = {}): HtmlReportInput {
  const rows = [
    row('2026-01', ['North'], { revenue: 100, target: 200, attainment: 0.5 }),
    row('2026-01', [NASTY], { revenue: 300.005, target: 200, attainment: 1.500025 }),
    row('2026-02', ['North'], { revenue: 250, target: 200, attainment: 1.25 }),
    row('2026-02', [NASTY], { revenue: null, target: 200, attainment: null }),
  ];
  return {
    lang: 'en',
    rows,
    chartRows: rows,
    totals: [
      row('2026-01', [null], { revenue: 400.005, target: 400, attainment: 1.0000125 }),
      row('2026-02', [null], { revenue: 250, target: 400, attainment: 0.625 }),
    ],
    dims: ['region'],
    kpis: ['revenue', 'target', 'attainment'],
    periods: ['2026-01', '2026-02'],
    grain: 'month',
    currency: '$',
    currencyCode: 'USD',
    asOf: null,
    inputs: [{ file: 'in<1>.csv', rowsRead: 5, accepted: 4 }],
    targets: 't.csv',
    ...over,
  };
}

describe('reportHtml', () => {
  it('escapes every data value: no markup from the data reaches the page', async () => {
    const html = await reportHtml(input());
    expect(html).not.toContain('<script');
    expect(html).not.toContain('\u0000');
    expect(html).not.toContain('\u001b');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Q&#39;\\u0000\\u001b[31m');
    expect(html).toContain('in&lt;1&gt;.csv');
  });

  it('table: every KPI column, money half away from zero, totals last, — for none', async () => {
    const html = await reportHtml(input());
    const body = html.slice(html.indexOf('<table class="report">'), html.indexOf('</table>'));
    const trs = body.split('\n').filter((l) => l.startsWith('<tr'));
    expect(trs).toHaveLength(6);
    expect(trs[1]).toContain('<td class="num" data-kpi="revenue">$300.01</td>');
    expect(trs[1]).toContain('<td class="num" data-kpi="attainment">150.0%</td>');
    expect(trs[3]).toContain('<td class="num" data-kpi="revenue">—</td>');
    expect(trs[4]).toBe(
      '<tr class="total" data-period="2026-01"><th scope="row">Total</th><td>2026-01</td><td class="num" data-kpi="revenue">$400.01</td><td class="num" data-kpi="target">$400.00</td><td class="num" data-kpi="attainment">100.0%</td></tr>',
    );
  });

  it('charts: two figures with role="img", a label, a description and a data table; 1 of 2 groups at or above 100% in 2026-02', async () => {
    const html = await reportHtml(input());
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html.match(/role="img" aria-label="[^"]+" aria-describedby="chart-[a-z]+-desc"/g)).toHaveLength(2);
    expect(html.match(/<details class="chart-data">/g)).toHaveLength(2);
    // the last period with attainment is 2026-02; only North has one there (125%)
    expect(html).toContain('Attainment by group, 2026-02');
    expect(html).toContain('1 of 1 groups at or above 100%');
    expect(html).toContain('The total for the last period is $250.00.');
  });

  it('Chinese labels and lang attribute with lang zh', async () => {
    const html = await reportHtml(input({ lang: 'zh' }));
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>销售业绩报表</title>');
    expect(html).toContain('<th scope="row">合计</th>');
    expect(html).toContain('区域');
    expect(html).toContain('每月销售额');
  });

  it('caps the trend at the top 8 groups by revenue and says so', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => row('2026-01', [`G${i}`], { revenue: (i + 1) * 10 }));
    const html = await reportHtml(
      input({ rows, chartRows: rows, kpis: ['revenue'], periods: ['2026-01'], totals: [row('2026-01', [null], { revenue: 550 })] }),
    );
    expect(html).toContain('the total and the top 8 of 10 groups by revenue over all periods');
    expect(html).toContain('the other 2 are in the table above');
    const trendTable = html.slice(html.indexOf('<section id="trend">'));
    expect(trendTable).not.toContain('<th scope="col" class="num">G0</th>');
    expect(trendTable).not.toContain('<th scope="col" class="num">G1</th>');
    expect(trendTable).toContain('<th scope="col" class="num">G2</th>');
    expect(trendTable).toContain('<th scope="col" class="num">G9</th>');
  });

  it('without --by: the trend is the total alone and the table has only the totals', async () => {
    const stray = [row('2026-01', [], { revenue: 400.005 })]; // rows without dimensions are not groups
    const html = await reportHtml(input({ dims: [], rows: [], chartRows: stray, kpis: ['revenue'] }));
    expect(html).toContain('per month from 2026-01 to 2026-02: the total. The total for the last period is $250.00.');
    expect(html.match(/<tr class="total"/g)).toHaveLength(2);
    expect(html.slice(html.indexOf('<section id="trend">'))).toContain(
      '<thead><tr><th scope="col">Period</th><th scope="col" class="num">Total</th></tr></thead>',
    );
    expect(html).toContain(
      '<tr class="total" data-period="2026-01"><th scope="row">2026-01</th><td class="num" data-kpi="revenue">$400.01</td></tr>',
    );
  });

  it('byte-identical when rendered twice in one process', async () => {
    expect(await reportHtml(input())).toBe(await reportHtml(input()));
  });
});

describe('salesperf report --format html (built binary)', () => {
  const dir = tmp();
  const sales = writeTmp(
    'sales.csv',
    'Date,Region,Amount,Status\n2026-01-05,North,100.00,Won\n2026-01-09,"<script>x</script> & ""Q""",300.50,Won\n2026-02-02,North,250.25,Won\n2026-02-20,South,49.75,Won\n',
    dir,
  );
  const targets = writeTmp('targets.csv', 'Region,Month,Target\nNorth,2026-01,200\nNorth,2026-02,200\nSouth,2026-02,100\n', dir);

  it('writes the file atomically; -o *.html picks the format; same bytes in two processes', () => {
    const out1 = join(dir, 'a.html');
    const out2 = join(dir, 'b.html');
    const r1 = runCli(['report', sales, '--by', 'region', '--targets', targets, '-o', out1, '--as-of', '2026-03-01', '--quiet']);
    const r2 = runCli([
      'report',
      sales,
      '--by',
      'region',
      '--targets',
      targets,
      '-f',
      'html',
      '-o',
      out2,
      '--as-of',
      '2026-03-01',
      '--quiet',
    ]);
    expect([r1.code, r1.stderr, r2.code, r2.stderr]).toEqual([0, '', 0, '']);
    const a = readFileSync(out1, 'utf8');
    expect(a.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(readFileSync(out2, 'utf8')).toBe(a);
    // revenue per period by hand: 2026-01 100 + 300.50, 2026-02 250.25 + 49.75
    expect(a).toContain(
      '<tr class="total" data-period="2026-01"><th scope="row">Total</th><td>2026-01</td><td class="num" data-kpi="revenue">400.50</td>',
    );
    expect(a).toContain(
      '<tr class="total" data-period="2026-02"><th scope="row">Total</th><td>2026-02</td><td class="num" data-kpi="revenue">300.00</td>',
    );
    expect(a).not.toContain('<script>');
    expect(a).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/); // nothing to fetch: only SVG namespaces
  }, 90_000);

  it('html is refused for validate (no HTML page) with a usage error (exit 2)', () => {
    const r = runCli(['validate', sales, '-f', 'html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^salesperf: error: .*html/m);
  });
});
