/**
 * Charts as inline SVG, drawn in Node by ECharts' server-side renderer. ECharts is loaded
 * on the first chart (a dynamic import), so table, JSON and CSV runs never pay for it.
 * The SVG is made deterministic: ECharts numbers its clip paths and classes per instance
 * in the process (`zr0-c0`, `zr7-cls-2`); those become ids from the chart's own id, and the
 * hover styles and interaction metadata (no script runs in the report) are dropped.
 * Pure apart from that import: no node:*, no clock.
 */
import { escapeHtml } from './escape.js';

/** System fonts only (nothing downloaded), with CJK fallbacks for Chinese labels and group names. */
/**
 * Chart text: Arial's metrics first (Liberation Sans on Linux has the same widths), because in Node ECharts
 * lays out text from a built-in table of Arial widths (CJK characters one em): with a wider font
 * legends and labels would overlap. Single quotes: ECharts writes the font into a double-quoted
 * `style` attribute without escaping it.
 */
export const CHART_FONT_STACK =
  "Arial, Helvetica, 'Liberation Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

export const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

export interface ChartTable {
  head: string[];
  rows: string[][];
  /** Columns (by index) aligned right: numbers. */
  numeric: number[];
}

export interface ChartSpec {
  /** A stable id unique in the document (`trend`, `attainment`): the SVG's ids derive from it. */
  id: string;
  title: string;
  /** What the chart shows, in words (screen readers, and people who cannot see the colours). */
  description: string;
  /** An ECharts option (animation, UTC and fonts are set here). */
  option: Record<string, unknown>;
  width: number;
  height: number;
  table: ChartTable;
}

type EChartsModule = typeof import('echarts');
let echartsModule: Promise<EChartsModule> | null = null;
const loadEcharts = (): Promise<EChartsModule> => (echartsModule ??= import('echarts'));

/** The chart's SVG as ECharts draws it (not yet normalised). */
export async function renderSvg(option: Record<string, unknown>, o: { width: number; height: number; lang: 'en' | 'zh' }): Promise<string> {
  const echarts = await loadEcharts();
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: o.width,
    height: o.height,
    locale: o.lang === 'zh' ? 'ZH' : 'EN',
  });
  try {
    chart.setOption({ ...option, animation: false, useUTC: true, textStyle: { fontFamily: CHART_FONT_STACK } });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * ECharts' per-process ids (`zr12-c0`, `zr12-cls-3`) renamed from `id`, its hover `<style>`,
 * classes and `ecmeta_*` attributes dropped: the same chart gives the same bytes in any
 * process and after any number of other charts.
 */
export function normaliseSvg(svg: string, id: string): string {
  return (
    svg
      .replace(/<style\s*>[\s\S]*?<\/style>\n?/g, '')
      .replace(/ class="zr\d+-cls-\d+"/g, '')
      .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
      .replace(/\bzr\d+-c(\d+)\b/g, (_, n: string) => `${id}-clip${n}`)
      // gradients (a heatmap's visualMap: zr3-g0) and any other generated id the same way
      .replace(/\bzr\d+-([a-z]+)(\d+)\b/g, (_, kind: string, n: string) => `${id}-${kind}${n}`)
  );
}

/** Inline SVG for the HTML document: no fixed width, so it scales to the page and to print. */
function inlineSvg(svg: string, spec: ChartSpec): string {
  return svg.replace(
    /^<svg width="\d+" height="\d+"/,
    `<svg class="chart-svg" width="${spec.width}" height="${spec.height}" aria-hidden="true" focusable="false"`,
  );
}

export function tableHtml(t: ChartTable): string {
  const num = new Set(t.numeric);
  const th = t.head.map((h, j) => `<th scope="col"${num.has(j) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const rows = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c, j) => (j === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td${num.has(j) ? ' class="num"' : ''}>${escapeHtml(c)}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

/** One chart as a figure: title, the SVG as an image with a label and a description, and its numbers in a table. */
export async function chartFigure(spec: ChartSpec, lang: 'en' | 'zh', dataLabel: string): Promise<string> {
  const svg = normaliseSvg(await renderSvg(spec.option, { width: spec.width, height: spec.height, lang }), spec.id);
  const title = escapeHtml(spec.title);
  return [
    `<figure class="chart" id="${spec.id}">`,
    `<figcaption><h3>${title}</h3></figcaption>`,
    `<div class="chart-img" role="img" aria-label="${title}" aria-describedby="${spec.id}-desc">`,
    inlineSvg(svg, spec).trimEnd(),
    '</div>',
    `<p class="desc" id="${spec.id}-desc">${escapeHtml(spec.description)}</p>`,
    `<details class="chart-data"><summary>${escapeHtml(dataLabel)}</summary>`,
    tableHtml(spec.table),
    '</details>',
    '</figure>',
  ].join('\n');
}
