/**
 * `salesperf insights --format html`: the insights document as one self-contained page, in the
 * order an analyst reads it — headline (with the change by group), trend with the forecast bands
 * and the anomalies, attainment by group, anomalies, forecast and backtest, cohort heatmap,
 * concentration (Pareto curve), target suggestions, notes. Each chart is a `chartFigure`
 * (title, role="img", description, data table); every label comes from the message catalogue
 * (en, zh). A section is a function of the context returning HTML or null (nothing to show), so a
 * new section of the document is one more function in SECTIONS. Pure apart from loading ECharts.
 */
import { dimLabel, displayWidth, escapeControls, fixed, formatValue, truncateWidth } from '../../core/format.js';
import { msg, renderMsg, type Msg } from '../../core/message-catalog.js';
import type { InsightsDoc } from '../../schema/insights-output.js';
import { chartFigure, tableHtml, type ChartSpec, type ChartTable } from './charts.js';
import { htmlDocument } from './document.js';
import { anomalyRows, insightFormatters } from '../insights.js';
import { escapeHtml } from './escape.js';
import type { InsightsChartData } from './insights-data.js';

/** Group lines in the trend chart besides the total. */
export const INS_TREND_MAX_GROUPS = 8;
/** Bars in the contribution, attainment and target charts. */
export const INS_MAX_BARS = 20;
/** Cohorts (the latest) and periods since in the heatmap. */
export const INS_MAX_COHORTS = 48;
/** Anomalies spelled out in the trend chart's description (all are in the anomalies table). */
const DESC_MAX_ANOMALIES = 8;

const CHART_WIDTH = 1000;
const NAME_WIDTH = 26;
const COLOR = {
  total: '#0b3d91',
  forecast: '#8250df',
  band80: 'rgba(130,80,223,0.28)',
  band95: 'rgba(130,80,223,0.12)',
  anomaly: '#cf222e',
  up: '#1a7f37',
  down: '#cf222e',
  target: '#cf222e',
};

export interface InsightsHtmlInput {
  doc: InsightsDoc;
  data: InsightsChartData;
  lang: 'en' | 'zh';
  /** Currency symbol for money ('' for none). */
  currency: string;
  inputs: { file: string; rowsRead: number; accepted: number }[];
}

/** What every section reads: the input, messages and formats in the page's language. */
export interface InsCtx extends InsightsHtmlInput {
  t: (id: string, params?: Record<string, string | number | Msg>) => string;
  kpiLabel: (k: string) => string;
  /** A KPI's value (money with the currency symbol, counts grouped). */
  v: (kpi: string, x: number | null) => string;
  m: (x: number | null) => string;
  /** A change ratio, signed: +12.3%. */
  pct: (x: number | null) => string;
  /** A share: 12.3%. */
  share: (x: number | null) => string;
  dimHead: string;
  total: string;
  grainWord: string;
  modelName: (model: string) => string;
}

export type InsSection = (c: InsCtx) => Promise<string | null> | string | null;

/** The sections in reading order. */
export const SECTIONS: readonly InsSection[] = [
  headlineSection,
  trendSection,
  attainmentSection,
  anomaliesSection,
  forecastSection,
  cohortSection,
  concentrationSection,
  targetsSection,
  notesSection,
];

export async function insightsHtml(input: InsightsHtmlInput): Promise<string> {
  const c = insContext(input);
  const sections: string[] = [];
  for (const s of SECTIONS) {
    const html = await s(c);
    if (html !== null) sections.push(html);
  }
  return htmlDocument({ lang: input.lang, title: c.t('INS_TITLE'), header: metaHeader(c), sections, footer: c.t('HTML_INS_FOOTER') });
}

export function insContext(input: InsightsHtmlInput): InsCtx {
  const { lang, currency, doc } = input;
  const t = (id: string, params: Record<string, string | number | Msg> = {}) => renderMsg(msg(id, params), lang);
  const { kpiLabel, v, m, pct, share } = insightFormatters(lang, currency);
  const dim = doc.meta.dimensions[0];
  const dimHead = dim ? dimLabel(dim, lang) : t('HTML_GROUP');
  const modelName = (x: string) => t(`INS_MODEL_${x.replace(/-/g, '_').toUpperCase()}`);
  return {
    ...input,
    t,
    kpiLabel,
    v,
    m,
    pct,
    share,
    dimHead,
    total: t('HTML_TOTAL'),
    grainWord: t(`HTML_GRAIN_${doc.meta.grain.toUpperCase()}`),
    modelName,
  };
}

/** A group name for a chart axis or legend: control characters visible, cut with … (the full name is in the data table). */
export const chartName = (s: string): string => {
  const e = escapeControls(s);
  return displayWidth(e) > NAME_WIDTH ? truncateWidth(e, NAME_WIDTH) : e;
};

/** A number for a chart: money in cents. */
const cents = (v: number | null) => (v === null ? null : Number(fixed(v, 2)));
const pct1 = (v: number | null) => (v === null ? null : Number(fixed(v * 100, 1)));

function section(id: string, title: string, body: string[]): string {
  return [`<section id="${id}">`, `<h2>${escapeHtml(title)}</h2>`, ...body.filter((b) => b !== ''), '</section>'].join('\n');
}

/** A table that is not a chart's: the same markup as a chart's data table, scrolling sideways on a narrow screen. */
function plainTable(id: string, caption: string | null, t: ChartTable): string {
  const html = tableHtml(t).replace(
    '<table>',
    `<table id="${id}">${caption === null ? '' : `\n<caption>${escapeHtml(caption)}</caption>`}`,
  );
  return `<div class="table-wrap">\n${html}\n</div>`;
}

const para = (cls: 'desc' | 'note', text: string) => `<p class="${cls}">${escapeHtml(text)}</p>`;

/** Sentences run together: with a space in English, none in Chinese (。 ends the sentence). */
const sentences = (c: InsCtx, parts: string[]) => parts.join(c.lang === 'zh' ? '' : ' ');

function figure(c: InsCtx, spec: ChartSpec): Promise<string> {
  return chartFigure(spec, c.lang, c.t('HTML_DATA_TABLE'));
}

/** The header: what was read, the period the headline is about, and how. */
function metaHeader(c: InsCtx): string {
  const { t, doc } = c;
  const meta = doc.meta;
  const why =
    meta.currentIs === 'complete'
      ? t('INS_WHY_COMPLETE')
      : meta.currentIs === 'lastComplete'
        ? t('INS_WHY_LAST_COMPLETE', { inProgress: meta.inProgress ?? '' })
        : t('INS_WHY_LAST_DATA');
  const rows: [string, string][] = [
    [t('HTML_META_CURRENT'), meta.current ? `${meta.current} (${why})` : '—'],
    [t('HTML_META_GRAIN'), c.grainWord],
    [t('HTML_META_DIMENSIONS'), meta.dimensions.length ? meta.dimensions.map((d) => dimLabel(d, c.lang)).join(', ') : '—'],
    [t('HTML_META_PERIODS'), meta.periods.length ? `${meta.periods[0]} … ${meta.periods.at(-1)} (${meta.periods.length})` : '—'],
    [t('HTML_META_AS_OF'), meta.asOf ?? '—'],
    ...c.inputs.map((f): [string, string] => [
      t('HTML_META_INPUTS'),
      `${f.file} — ${t('HTML_META_ROWS', { read: f.rowsRead.toLocaleString('en-US'), accepted: f.accepted.toLocaleString('en-US') })}`,
    ]),
    ...(meta.currency ? [[t('HTML_META_CURRENCY'), meta.currency] as [string, string]] : []),
  ];
  return `<dl class="meta">\n${rows.map(([k, x]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(x)}</dd>`).join('\n')}\n</dl>`;
}

// ---- 1. headline ----

async function headlineSection(c: InsCtx): Promise<string | null> {
  const { t, doc, kpiLabel, v, m, pct, share } = c;
  const cur = doc.meta.current;
  if (cur === null || !doc.headline.length) return null;
  const prev = doc.headline[0]!.previous?.period ?? t('INS_COL_PREVIOUS');
  const ago = doc.headline[0]!.yearAgo?.period ?? t('INS_COL_YEAR_AGO');
  // target and attainment columns only when some KPI has a target
  const targets = doc.headline.some((h) => h.target !== null);
  const cols = (h: InsightsDoc['headline'][number]) => [
    kpiLabel(h.kpi),
    v(h.kpi, h.value),
    ...(targets ? [h.target === null ? '—' : m(h.target), h.attainment === null ? '—' : share(h.attainment)] : []),
    ...[
      h.previous ? v(h.kpi, h.previous.value) : '—',
      h.previous ? pct(h.previous.changeRatio) : '—',
      h.yearAgo ? v(h.kpi, h.yearAgo.value) : '—',
      h.yearAgo ? pct(h.yearAgo.changeRatio) : '—',
    ],
  ];
  const head = [
    t('INS_COL_KPI'),
    cur,
    ...(targets ? [t('INS_COL_TARGET'), t('INS_COL_ATTAINMENT')] : []),
    prev,
    t('INS_COL_CHANGE'),
    ago,
    t('INS_COL_CHANGE'),
  ];
  const table: ChartTable = { head, rows: doc.headline.map(cols), numeric: head.map((_, j) => j).slice(1) };
  const body = [
    para('desc', headlineSentence(c)),
    plainTable('ins-headline-table', t('HTML_INS_HEADLINE_CAPTION', { period: cur }), table),
  ];
  const rev = doc.headline.find((h) => h.kpi === 'revenue');
  if (rev?.previous && rev.contributions.length && doc.meta.dimensions.length) body.push(await figure(c, contributionSpec(c, rev)));
  return section('ins-headline', t('HTML_INS_SECTION_HEADLINE', { period: cur }), body);
}

/** One sentence on revenue: its value, against the previous period and a year earlier. */
function headlineSentence(c: InsCtx): string {
  const { t, doc, v, pct } = c;
  const h = doc.headline.find((x) => x.kpi === 'revenue') ?? doc.headline[0]!;
  const parts = [t('HTML_INS_HEADLINE_VALUE', { kpi: c.kpiLabel(h.kpi), period: doc.meta.current!, value: v(h.kpi, h.value) })];
  if (h.previous)
    parts.push(
      t('HTML_INS_HEADLINE_VS', { change: pct(h.previous.changeRatio), period: h.previous.period, value: v(h.kpi, h.previous.value) }),
    );
  if (h.yearAgo)
    parts.push(
      t('HTML_INS_HEADLINE_VS', { change: pct(h.yearAgo.changeRatio), period: h.yearAgo.period, value: v(h.kpi, h.yearAgo.value) }),
    );
  if (h.attainment !== null) parts.push(t('HTML_INS_HEADLINE_ATT', { attainment: c.share(h.attainment), target: c.m(h.target) }));
  return parts.join(t('HTML_INS_SEP'));
}

/** Axis bounds with room beyond the longest bars for their value labels (ECharts' own bounds end at the bar). */
function paddedRange(values: number[]): { min: number; max: number } {
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const pad = (hi - lo) * 0.16 || 1;
  return { min: lo < 0 ? Math.floor(lo - pad) : 0, max: hi > 0 ? Math.ceil(hi + pad) : 0 };
}

/** The change by group as diverging bars, largest |change| first. */
function contributionSpec(c: InsCtx, h: InsightsDoc['headline'][number]): ChartSpec {
  const { t, m, doc } = c;
  const all = h.contributions;
  const bars = all.slice(0, INS_MAX_BARS);
  const movers = bars
    .slice(0, 3)
    .map((x) => `${x.group} ${x.delta > 0 ? '+' : ''}${m(x.delta)}`)
    .join(', ');
  let description = t('HTML_INS_CONTRIB_DESC', {
    kpi: c.kpiLabel(h.kpi),
    from: h.previous!.period,
    to: doc.meta.current!,
    change: m(h.previous!.change),
    groups: all.length,
    movers,
  });
  if (all.length > bars.length) description = sentences(c, [description, t('HTML_INS_CAPPED', { shown: bars.length, count: all.length })]);
  return {
    id: 'chart-contribution',
    title: t('HTML_INS_CONTRIB_TITLE', { kpi: c.kpiLabel(h.kpi), from: h.previous!.period, to: doc.meta.current!, dim: c.dimHead }),
    description,
    width: CHART_WIDTH,
    height: 90 + 30 * bars.length,
    option: {
      grid: { left: 200, right: 110, top: 30, bottom: 40 },
      xAxis: {
        type: 'value',
        ...paddedRange(bars.map((x) => x.delta)),
        axisLabel: { hideOverlap: true, showMinLabel: false, showMaxLabel: false },
      },
      yAxis: { type: 'category', data: bars.map((x) => chartName(x.group)), inverse: true, axisTick: { show: false } },
      series: [
        {
          name: t('INS_COL_CHANGE'),
          type: 'bar',
          barMaxWidth: 22,
          data: bars.map((x) => ({
            value: cents(x.delta),
            itemStyle: { color: x.delta < 0 ? COLOR.down : COLOR.up },
            label: { position: x.delta < 0 ? 'left' : 'right' },
          })),
          label: { show: true, formatter: (p: { value: number }) => `${p.value > 0 ? '+' : ''}${formatValue(p.value, 'money', '')}` },
        },
      ],
    },
    table: {
      head: [c.dimHead, h.previous!.period, doc.meta.current!, t('INS_COL_CHANGE'), t('INS_COL_SHARE')],
      rows: all.map((x) => [x.group, m(x.before), m(x.after), m(x.delta), x.share === null ? '—' : c.share(x.share)]),
      numeric: [1, 2, 3, 4],
    },
  };
}

// ---- 2. trend with the forecast and the anomalies ----

async function trendSection(c: InsCtx): Promise<string | null> {
  const { t, data } = c;
  if (data.periods.length < 2) return null;
  const trend = c.doc.trend.filter((x) => x.kpi === 'revenue');
  const body = [await figure(c, trendSpec(c))];
  if (trend.length) {
    const table: ChartTable = {
      head: [c.dimHead, t('INS_COL_SLOPE'), t('INS_COL_SLOPE_SHARE'), t('INS_COL_DIRECTION')],
      rows: trend.map((x) => [x.group ?? c.total, c.m(x.slope), c.pct(x.slopeRatio), t(`INS_DIR_${x.direction.toUpperCase()}`)]),
      numeric: [1, 2],
    };
    body.push(plainTable('ins-trend-table', t('INS_TREND', { n: trend[0]!.periods }), table));
  }
  return section('ins-trend', t('HTML_INS_SECTION_TREND'), body);
}

/**
 * The groups drawn beside the total: all of them when there are at most INS_TREND_MAX_GROUPS, else
 * none — a few of many groups sit flat at the bottom of the total's scale and say nothing (the
 * trend table has every group).
 */
function shownGroups(data: InsightsChartData): InsightsChartData['groups'] {
  return data.groups.length <= INS_TREND_MAX_GROUPS ? data.groups : [];
}

function trendSpec(c: InsCtx): ChartSpec {
  const { t, data, doc } = c;
  const f = doc.forecast;
  const xs = [...data.periods, ...f.points.map((p) => p.period)];
  const groups = shownGroups(data);
  const anomalies = trendAnomalies(c, groups);
  const { series, legend } = trendSeries(c, groups, anomalies);
  return {
    id: 'chart-trend',
    title: t('HTML_INS_TREND_TITLE', { grain: c.grainWord }),
    description: trendDescription(c, groups.length, anomalies),
    width: CHART_WIDTH,
    height: 440,
    option: {
      grid: { left: 90, right: 250, top: 40, bottom: 40 },
      legend: { orient: 'vertical', left: CHART_WIDTH - 235, top: 40, type: 'plain', data: legend },
      xAxis: { type: 'category', data: xs, boundaryGap: false, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', name: c.currency ? `${c.kpiLabel('revenue')} (${c.currency.trim()})` : c.kpiLabel('revenue') },
      series,
    },
    table: trendTable(c, groups),
  };
}

/** The trend chart's series (forecast bands, group lines, the total, the forecast, anomaly rings) and its legend. */
function trendSeries(
  c: InsCtx,
  groups: InsightsChartData['groups'],
  anomalies: PlacedAnomaly[],
): { series: Record<string, unknown>[]; legend: unknown[] } {
  const { data, doc } = c;
  const f = doc.forecast;
  const pad = (vals: (number | null)[]) => [...vals, ...f.points.map(() => null)];
  const names = trendNames(c);
  const ahead = forecastAhead(c);
  const last = cents(data.total[data.periods.length - 1]!);
  const series: Record<string, unknown>[] = [
    ...(f.points.length
      ? [
          ...bandSeries(c, 'lo95', 'hi95', names.b95, COLOR.band95, 'rgba(130,80,223,0.3)'),
          ...bandSeries(c, 'lo80', 'hi80', names.b80, COLOR.band80, 'rgba(130,80,223,0.6)'),
        ]
      : []),
    ...groups.map((g) => ({
      name: chartName(g.group),
      type: 'line',
      data: pad(g.values.map(cents)),
      showSymbol: false,
      lineStyle: { width: 1.2 },
    })),
    {
      name: names.total,
      type: 'line',
      data: pad(data.total.map(cents)),
      showSymbol: false,
      lineStyle: { width: 3, color: COLOR.total },
      itemStyle: { color: COLOR.total },
    },
    ...(f.points.length
      ? [
          {
            name: names.forecast,
            type: 'line',
            data: ahead((p) => cents(p.mean), last),
            showSymbol: true,
            symbolSize: 5,
            lineStyle: { width: 2.5, type: 'dashed', color: COLOR.forecast },
            itemStyle: { color: COLOR.forecast },
          },
        ]
      : []),
    ...(anomalies.length
      ? [
          {
            name: names.anomaly,
            type: 'scatter',
            data: anomalies.map((a) => [a.x, cents(a.actual)]),
            symbolSize: 11,
            itemStyle: { color: 'rgba(255,255,255,0)', borderColor: COLOR.anomaly, borderWidth: 2.5 },
            z: 10,
          },
        ]
      : []),
  ];
  const legend = [
    names.total,
    ...groups.map((g) => chartName(g.group)),
    ...(f.points.length ? [names.forecast, { name: names.b80, icon: 'rect' }, { name: names.b95, icon: 'rect' }] : []),
    ...(anomalies.length ? [names.anomaly] : []),
  ];
  return { series, legend };
}

function trendNames(c: InsCtx): { total: string; forecast: string; b80: string; b95: string; anomaly: string } {
  const { t, doc } = c;
  const f = doc.forecast;
  return {
    total: c.total,
    forecast: t('HTML_INS_FORECAST_LINE', { model: f.chosen ? c.modelName(f.chosen) : '' }),
    b80: t('HTML_INS_BAND', { level: '80%' }),
    b95: t('HTML_INS_BAND', { level: '95%' }),
    anomaly: t('HTML_INS_ANOMALY_POINTS'),
  };
}

type ForecastPoint = InsightsDoc['forecast']['points'][number];

/** A series over the actual periods and the forecast's: empty up to the last actual, which it starts at (so the line continues). */
function forecastAhead(c: InsCtx): (pick: (p: ForecastPoint) => number | null, at: number | null) => (number | null)[] {
  const n = c.data.periods.length;
  return (pick, at) => [...new Array<number | null>(n - 1).fill(null), at, ...c.doc.forecast.points.map(pick)];
}

/** One forecast band as two stacked invisible-line series: its base, and its width filled. */
function bandSeries(
  c: InsCtx,
  lo: 'lo80' | 'lo95',
  hi: 'hi80' | 'hi95',
  name: string,
  color: string,
  legendColor: string,
): Record<string, unknown>[] {
  const { data } = c;
  const ahead = forecastAhead(c);
  const last = data.total[data.periods.length - 1]!;
  // revenue that was never negative: the bands are drawn from 0 (the table has the intervals as computed)
  const floor = data.total.every((x) => x >= 0) ? 0 : -Infinity;
  return [
    {
      name: `${name}-base`,
      type: 'line',
      stack: name,
      stackStrategy: 'all',
      data: ahead((p) => cents(Math.max(floor, p[lo])), cents(last)),
      lineStyle: { opacity: 0 },
      showSymbol: false,
      silent: true,
    },
    {
      name,
      type: 'line',
      stack: name,
      stackStrategy: 'all',
      data: ahead((p) => cents(p[hi] - Math.max(floor, p[lo])), 0),
      lineStyle: { opacity: 0 },
      areaStyle: { color },
      itemStyle: { color: legendColor },
      showSymbol: false,
      silent: true,
    },
  ];
}

interface PlacedAnomaly {
  x: number;
  group: string;
  period: string;
  actual: number;
  a: InsightsDoc['anomalies'][number];
}

/** The anomalies on the lines drawn: the total's, and those of the groups shown. */
function trendAnomalies(c: InsCtx, groups: InsightsChartData['groups']): PlacedAnomaly[] {
  const shown = new Set(groups.map((g) => g.group));
  const index = new Map(c.data.periods.map((p, i) => [p, i]));
  const out: PlacedAnomaly[] = [];
  for (const a of c.doc.anomalies) {
    const x = index.get(a.period);
    if (x === undefined || (a.group !== null && !shown.has(a.group))) continue;
    out.push({ x, group: a.group ?? c.total, period: a.period, actual: a.actual, a });
  }
  return out;
}

function trendDescription(c: InsCtx, shown: number, anomalies: PlacedAnomaly[]): string {
  const { t, data, doc, m } = c;
  const f = doc.forecast;
  const parts = [
    t('HTML_INS_TREND_DESC', { grain: c.grainWord, first: data.periods[0]!, last: data.periods.at(-1)!, total: m(data.total.at(-1)!) }),
  ];
  if (data.groups.length)
    parts.push(
      t(shown < data.groups.length ? 'HTML_INS_TREND_NO_GROUPS' : 'HTML_INS_TREND_GROUPS', {
        max: INS_TREND_MAX_GROUPS,
        all: data.groups.length,
      }),
    );
  if (f.points.length && f.chosen) {
    const p = f.points[0]!;
    parts.push(
      t('HTML_INS_TREND_FORECAST', {
        model: c.modelName(f.chosen),
        first: p.period,
        last: f.points.at(-1)!.period,
        period: p.period,
        mean: m(p.mean),
        lo80: m(p.lo80),
        hi80: m(p.hi80),
        lo95: m(p.lo95),
        hi95: m(p.hi95),
      }),
    );
  }
  if (anomalies.length) {
    const listed = anomalies.slice(0, DESC_MAX_ANOMALIES).map((x) =>
      t('HTML_INS_ANOMALY_ITEM', {
        group: x.group,
        period: x.period,
        actual: m(x.actual),
        expected: m(x.a.expected),
        lo: m(x.a.lo),
        hi: m(x.a.hi),
      }),
    );
    parts.push(t('HTML_INS_TREND_ANOMALIES', { count: anomalies.length, list: listed.join('; ') }));
    if (anomalies.length > listed.length) parts.push(t('HTML_INS_TREND_MORE', { count: anomalies.length - listed.length }));
  } else parts.push(t('HTML_INS_TREND_NO_ANOMALIES'));
  return sentences(c, parts);
}

function trendTable(c: InsCtx, groups: InsightsChartData['groups']): ChartTable {
  const { t, data, doc, m } = c;
  const head = [t('HTML_PERIOD'), c.total, ...groups.map((g) => escapeControls(g.group)), t('INS_COL_FORECAST'), '80%', '95%'];
  const rows = data.periods.map((p, i) => [p, m(data.total[i]!), ...groups.map((g) => m(g.values[i]!)), '', '', '']);
  for (const p of doc.forecast.points)
    rows.push([p.period, '', ...groups.map(() => ''), m(p.mean), `${m(p.lo80)} … ${m(p.hi80)}`, `${m(p.lo95)} … ${m(p.hi95)}`]);
  return { head, rows, numeric: head.map((_, j) => j).slice(1) };
}

// ---- 3. attainment by group ----

async function attainmentSection(c: InsCtx): Promise<string | null> {
  const { t, data, doc } = c;
  const cur = doc.meta.current;
  if (cur === null || !data.attainment.length) return null;
  const all = data.attainment;
  const bars = [...all].sort((a, b) => b.revenue - a.revenue || (a.group < b.group ? -1 : 1)).slice(0, INS_MAX_BARS);
  bars.sort((a, b) => b.attainment - a.attainment || (a.group < b.group ? -1 : 1));
  const names = bars.map((x) => (x.group === '' ? c.total : x.group));
  const above = all.filter((x) => x.attainment >= 1).length;
  let description = t('HTML_ATT_DESC', { period: cur, above, groups: all.length });
  if (all.length > bars.length) description = sentences(c, [description, t('HTML_INS_CAPPED', { shown: bars.length, count: all.length })]);
  const rotate = bars.length > 6;
  const spec: ChartSpec = {
    id: 'chart-attainment',
    title: t('HTML_ATT_TITLE', { period: cur }),
    description,
    width: CHART_WIDTH,
    height: 400,
    option: {
      grid: { left: 70, right: 30, top: 40, bottom: rotate ? 150 : 60 },
      xAxis: { type: 'category', data: names.map(chartName), axisLabel: { interval: 0, rotate: rotate ? 40 : 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: c.kpiLabel('attainment'),
          type: 'bar',
          barMaxWidth: 48,
          data: bars.map((x) => ({ value: pct1(x.attainment), itemStyle: { color: x.attainment >= 1 ? COLOR.up : '#9a6700' } })),
          label: { show: bars.length <= 14, position: 'top', formatter: '{c}%' },
          markLine: {
            silent: true,
            symbol: 'none',
            data: [{ yAxis: 100, name: t('HTML_TARGET_LINE') }],
            lineStyle: { color: COLOR.target, type: 'dashed', width: 2 },
            label: { formatter: '100%', position: 'insideEndTop' },
          },
        },
      ],
    },
    table: {
      head: [
        doc.meta.dimensions.length ? doc.meta.dimensions.map((d) => dimLabel(d, c.lang)).join(' / ') : t('HTML_GROUP'),
        c.kpiLabel('attainment'),
        c.kpiLabel('revenue'),
        c.kpiLabel('target'),
      ],
      rows: bars.map((x, i) => [names[i]!, c.share(x.attainment), c.m(x.revenue), c.m(x.target)]),
      numeric: [1, 2, 3],
    },
  };
  return section('ins-attainment', t('HTML_SECTION_ATTAINMENT'), [await figure(c, spec)]);
}

// ---- 4. anomalies ----

function anomaliesSection(c: InsCtx): string | null {
  const { t, doc, m } = c;
  const title = t('INS_ANOMALIES', { z: doc.meta.options.anomalyZ });
  if (!doc.anomalies.length) {
    // not scored (too few periods) is not the same as nothing found
    const why = doc.notes.find((n) => n.section === 'anomalies' && n.code === 'INS_TOO_FEW_PERIODS');
    return section('ins-anomalies', title, [para('note', why ? why.message : t('INS_NO_ANOMALIES'))]);
  }
  const table: ChartTable = {
    head: [c.dimHead, t('INS_COL_PERIOD'), t('INS_COL_ACTUAL'), t('INS_COL_EXPECTED'), t('INS_COL_RANGE'), 'z', t('INS_COL_EXPLAINED_BY')],
    rows: anomalyRows(doc, m, c.total),
    numeric: [2, 3, 4, 5],
  };
  return section('ins-anomalies', title, [
    para('desc', t('HTML_INS_ANOMALIES_DESC', { z: doc.meta.options.anomalyZ })),
    plainTable('ins-anomalies-table', null, table),
  ]);
}

// ---- 5. forecast and backtest ----

/** Any forecast of the document's shape (revenue today; other KPIs render the same way). */
export interface ForecastLike {
  kpi: string;
  chosen: string | null;
  origins: number;
  backtest: {
    model: string;
    forecasts: number;
    mape: number | null;
    mase: number | null;
    coverage80: number | null;
    coverage95: number | null;
  }[];
  points: { period: string; mean: number; lo80: number; hi80: number; lo95: number; hi95: number }[];
}

function forecastSection(c: InsCtx): string | null {
  const { t, doc } = c;
  const f = doc.forecast;
  if (!f.chosen && !f.runRate) return null;
  const body = forecastBlock(c, f, 'ins-forecast');
  if (f.runRate)
    body.push(
      para('note', t('INS_RUN_RATE', { period: f.runRate.period, toDate: c.m(f.runRate.toDate), forecast: c.m(f.runRate.forecast) })),
    );
  return section('ins-forecast', t('HTML_INS_SECTION_FORECAST', { kpi: c.kpiLabel(f.kpi) }), body);
}

/** A forecast's points with their intervals and the backtest that chose the model. */
export function forecastBlock(c: InsCtx, f: ForecastLike, id: string): string[] {
  const { t } = c;
  if (!f.chosen) return [];
  const v = (x: number) => c.v(f.kpi, x);
  const points: ChartTable = {
    head: [t('INS_COL_PERIOD'), t('INS_COL_FORECAST'), '80%', '95%'],
    rows: f.points.map((p) => [p.period, v(p.mean), `${v(p.lo80)} … ${v(p.hi80)}`, `${v(p.lo95)} … ${v(p.hi95)}`]),
    numeric: [1, 2, 3],
  };
  const how = f.origins
    ? t('INS_FORECAST', { model: c.modelName(f.chosen), origins: f.origins })
    : t('INS_FORECAST_RULE', { model: c.modelName(f.chosen) });
  const out = [para('desc', how), plainTable(`${id}-points`, t('HTML_INS_FORECAST_CAPTION', { kpi: c.kpiLabel(f.kpi) }), points)];
  if (f.backtest.length) {
    const num = (x: number | null, d: number, suffix = '') => (x === null ? '—' : `${fixed(x, d)}${suffix}`);
    const bt: ChartTable = {
      head: [t('HTML_INS_MODEL'), t('HTML_INS_FORECASTS'), 'MAPE', 'MASE', t('HTML_INS_IN80'), t('HTML_INS_IN95'), t('HTML_INS_CHOSEN')],
      rows: f.backtest.map((s) => [
        c.modelName(s.model),
        String(s.forecasts),
        num(s.mape, 1, '%'),
        num(s.mase, 2),
        c.share(s.coverage80),
        c.share(s.coverage95),
        s.model === f.chosen ? '✓' : '',
      ]),
      numeric: [1, 2, 3, 4, 5],
    };
    out.push(plainTable(`${id}-backtest`, t('HTML_INS_BACKTEST_CAPTION', { origins: f.origins }), bt));
  }
  return out;
}

// ---- 6. cohorts ----

async function cohortSection(c: InsCtx): Promise<string | null> {
  const co = c.doc.cohorts;
  if (!co || !co.rows.length) return null;
  return section('ins-cohorts', c.t('HTML_INS_SECTION_COHORTS'), [await figure(c, cohortSpec(c, co))]);
}

/**
 * The top of the heatmap's colour scale, in percent: the 95th percentile of the cells (at least 1%),
 * so that a cohort of one customer at 100% does not wash out every other cell; cells above it take
 * the darkest colour (their values are in the table).
 */
export function colourTop(values: number[]): number {
  if (!values.length) return 1;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.max(1, sorted[Math.ceil(0.95 * sorted.length) - 1]!);
}

/** The latest cohorts × the first periods since, as retention shares (period 0 is 100% by definition: left out of the colours). */
export function cohortSpec(c: InsCtx, co: NonNullable<InsightsDoc['cohorts']>): ChartSpec {
  const { t } = c;
  const rows = co.rows.slice(-INS_MAX_COHORTS);
  const ks = Math.min(INS_MAX_COHORTS, Math.max(1, ...rows.map((r) => r.active.length - 1)));
  const cells: [number, number, number][] = [];
  rows.forEach((r, y) => {
    for (let k = 1; k <= ks && k < r.retention.length; k++) cells.push([k - 1, y, pct1(r.retention[k]!)!]);
  });
  const max = colourTop(cells.map((x) => x[2]));
  let description = t('HTML_INS_COHORT_DESC', {
    cohorts: co.rows.length,
    customers: co.customers,
    first: co.rows[0]!.cohort,
    last: co.rows.at(-1)!.cohort,
    max: `${max}%`,
  });
  if (co.rows.length > rows.length)
    description = sentences(c, [description, t('HTML_INS_COHORT_CAPPED', { shown: rows.length, count: co.rows.length })]);
  const sinceHead = Array.from({ length: ks }, (_, k) => `+${k + 1}`);
  return {
    id: 'chart-cohorts',
    title: t('HTML_INS_COHORT_TITLE', { grain: c.grainWord }),
    description,
    width: CHART_WIDTH,
    // rows shrink with their number so that the chart stays on one printed page
    height: Math.round(130 + Math.min(22, Math.max(9, 470 / rows.length)) * rows.length),
    option: {
      grid: { left: 90, right: 30, top: 40, bottom: 80 },
      xAxis: {
        type: 'category',
        data: sinceHead,
        name: t('HTML_INS_PERIODS_SINCE', { grain: c.grainWord }),
        nameLocation: 'middle',
        nameGap: 28,
        splitArea: { show: false },
      },
      yAxis: { type: 'category', data: rows.map((r) => r.cohort), inverse: true },
      visualMap: {
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 200,
        text: [max >= 100 ? '100%' : `≥ ${max}%`, '0%'],
        inRange: { color: ['#f6f8fa', '#9ecae1', '#08519c'] },
      },
      series: [
        {
          name: t('HTML_INS_RETENTION'),
          type: 'heatmap',
          data: cells,
          label: { show: ks <= 12, formatter: (p: { value: number[] }) => `${p.value[2]}%`, fontSize: 10 },
        },
      ],
    },
    table: {
      head: [t('INS_COL_COHORT'), t('INS_COL_CUSTOMERS'), ...sinceHead],
      rows: rows.map((r) => [
        r.cohort,
        String(r.size),
        ...sinceHead.map((_, k) => (k + 1 < r.retention.length ? `${r.active[k + 1]} (${c.share(r.retention[k + 1]!)})` : '')),
      ]),
      numeric: [1, ...sinceHead.map((_, k) => k + 2)],
    },
  };
}

// ---- 7. concentration ----

async function concentrationSection(c: InsCtx): Promise<string | null> {
  const { t, doc, m } = c;
  const co = doc.concentration;
  if (!co) return null;
  const list = [{ group: c.total, concentration: co.overall }, ...co.groups];
  const table: ChartTable = {
    head: [
      c.dimHead,
      t('INS_COL_CUSTOMERS'),
      t('INS_COL_REVENUE'),
      ...co.overall.topShares.map((s) => `${t('INS_COL_TOP')} ${s.n}`),
      t('INS_COL_PARETO'),
      'HHI',
    ],
    rows: list.map((g) => [
      g.group,
      String(g.concentration.customers),
      m(g.concentration.total),
      ...g.concentration.topShares.map((s) => c.share(s.share)),
      g.concentration.paretoCount === null ? '—' : `${g.concentration.paretoCount} (${c.share(g.concentration.paretoShare)})`,
      g.concentration.hhi === null ? '—' : fixed(g.concentration.hhi, 1),
    ]),
    numeric: [1, 2, ...co.overall.topShares.map((_, j) => j + 3), co.overall.topShares.length + 3, co.overall.topShares.length + 4],
  };
  const title = t('INS_CONCENTRATION', { from: co.from, to: co.to });
  const body = [
    c.data.pareto ? await figure(c, paretoSpec(c, co, c.data.pareto)) : '',
    plainTable('ins-concentration-table', title, table),
  ];
  return section('ins-concentration', title, body);
}

/** The 80% point of a curve: the first point at or above 80% of the revenue. */
export function paretoPoint(p: NonNullable<InsightsChartData['pareto']>): { k: number; share: number } | null {
  return p.points.find((x) => x.k > 0 && x.share >= 0.8) ?? null;
}

export function paretoSpec(
  c: InsCtx,
  co: NonNullable<InsightsDoc['concentration']>,
  p: NonNullable<InsightsChartData['pareto']>,
): ChartSpec {
  const { t } = c;
  const at = paretoPoint(p);
  const xy = (k: number, s: number) => [Number(fixed((100 * k) / p.customers, 2)), Number(fixed(100 * s, 2))];
  const point = at ? xy(at.k, at.share) : null;
  const top = co.overall.topShares;
  const description = t('HTML_INS_PARETO_DESC', {
    customers: p.customers,
    from: co.from,
    to: co.to,
    count: at?.k ?? '—',
    share: at ? c.share(at.k / p.customers) : '—',
    top: top.map((s) => t('HTML_INS_TOP_SHARE', { n: s.n, share: c.share(s.share) })).join(', '),
    hhi: co.overall.hhi === null ? '—' : fixed(co.overall.hhi, 1),
  });
  const rows = paretoRows(c, p, at);
  return {
    id: 'chart-pareto',
    title: t('HTML_INS_PARETO_TITLE', { from: co.from, to: co.to }),
    description,
    width: CHART_WIDTH,
    height: 420,
    option: {
      grid: { left: 80, right: 40, top: 40, bottom: 60 },
      xAxis: {
        type: 'value',
        min: 0,
        max: 100,
        name: t('HTML_INS_PARETO_X'),
        nameLocation: 'middle',
        nameGap: 30,
        axisLabel: { formatter: '{value}%' },
      },
      yAxis: { type: 'value', min: 0, max: 100, name: t('HTML_INS_PARETO_Y'), axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('HTML_INS_PARETO_EQUAL'),
          type: 'line',
          data: [
            [0, 0],
            [100, 100],
          ],
          showSymbol: false,
          silent: true,
          lineStyle: { type: 'dotted', color: '#8c959f', width: 1 },
        },
        paretoCurve(
          c,
          p.points.map((x) => xy(x.k, x.share)),
          point,
          at === null ? null : t('HTML_INS_PARETO_MARK', { count: at.k, share: c.share(at.k / p.customers) }),
        ),
      ],
    },
    table: { head: [t('INS_COL_CUSTOMERS'), t('HTML_INS_PARETO_X'), t('HTML_INS_PARETO_Y')], rows, numeric: [1, 2] },
  };
}

/** The Pareto table: the customers at each tenth of the customer count, and at the 80% point. */
function paretoRows(c: InsCtx, p: NonNullable<InsightsChartData['pareto']>, at: ReturnType<typeof paretoPoint>): string[][] {
  const deciles = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
  const rowAt = (k: number) => {
    const q = p.points.find((x) => x.k >= k) ?? p.points.at(-1)!;
    return [String(q.k), c.share(q.k / p.customers), c.share(q.share)];
  };
  return [...new Set([...deciles.map((d) => Math.max(1, Math.ceil(d * p.customers))), ...(at ? [at.k] : [])])]
    .sort((a, b) => a - b)
    .map(rowAt);
}

/** The Pareto curve, with the 80% point marked and its guide lines when there is one. */
function paretoCurve(c: InsCtx, data: number[][], point: number[] | null, mark: string | null): Record<string, unknown> {
  return {
    name: c.t('HTML_INS_PARETO_CURVE'),
    type: 'line',
    data,
    showSymbol: false,
    lineStyle: { width: 2.5, color: COLOR.total },
    areaStyle: { color: 'rgba(11,61,145,0.08)' },
    ...(point
      ? {
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: COLOR.target },
            label: { show: false },
            data: [
              [{ coord: [0, 80] }, { coord: [point[0], 80] }],
              [{ coord: [point[0], 0] }, { coord: [point[0], point[1]] }],
            ],
          },
        }
      : {}),
    ...(point && mark !== null
      ? {
          markPoint: {
            symbol: 'circle',
            symbolSize: 10,
            itemStyle: { color: COLOR.target },
            label: { position: 'right', formatter: mark, color: '#1f2328' },
            data: [{ coord: point }],
          },
        }
      : {}),
  };
}

// ---- 8. target suggestions ----

async function targetsSection(c: InsCtx): Promise<string | null> {
  const { t, doc, m } = c;
  if (!doc.targets.length) return null;
  const all = doc.targets;
  const bars = [...all].sort((a, b) => b.suggested - a.suggested || ((a.group ?? '') < (b.group ?? '') ? -1 : 1)).slice(0, INS_MAX_BARS);
  const names = bars.map((x) => x.group ?? c.total);
  const withTarget = bars.some((x) => x.target !== null);
  const flagged = all.filter((x) => x.flag !== null).length;
  let description = t('HTML_INS_TARGETS_DESC', { period: all[0]!.period, groups: all.length, flagged });
  if (all.length > bars.length) description = sentences(c, [description, t('HTML_INS_CAPPED', { shown: bars.length, count: all.length })]);
  const rotate = bars.length > 6;
  const spec: ChartSpec = {
    id: 'chart-targets',
    title: t('INS_TARGETS', { period: all[0]!.period }),
    description,
    width: CHART_WIDTH,
    height: 400,
    option: {
      grid: { left: 90, right: 30, top: 50, bottom: rotate ? 150 : 70 },
      legend: { top: 0, data: [t('INS_COL_BAND'), t('INS_COL_SUGGESTED'), ...(withTarget ? [t('INS_COL_TARGET')] : [])] },
      xAxis: { type: 'category', data: names.map(chartName), axisLabel: { interval: 0, rotate: rotate ? 40 : 0 } },
      yAxis: { type: 'value', name: c.currency ? `${c.kpiLabel('revenue')} (${c.currency.trim()})` : c.kpiLabel('revenue') },
      series: [
        {
          name: 'band-base',
          type: 'bar',
          stack: 'band',
          data: bars.map((x) => cents(x.lo80)),
          itemStyle: { color: 'rgba(0,0,0,0)' },
          silent: true,
          barMaxWidth: 48,
        },
        {
          name: t('INS_COL_BAND'),
          type: 'bar',
          stack: 'band',
          data: bars.map((x) => cents(x.hi80 - x.lo80)),
          itemStyle: { color: 'rgba(130,80,223,0.25)' },
          barMaxWidth: 48,
        },
        {
          name: t('INS_COL_SUGGESTED'),
          type: 'scatter',
          data: bars.map((x) => cents(x.suggested)),
          symbol: 'rect',
          symbolSize: [40, 4],
          itemStyle: { color: COLOR.forecast },
          z: 5,
        },
        ...(withTarget
          ? [
              {
                name: t('INS_COL_TARGET'),
                type: 'scatter',
                data: bars.map((x) => cents(x.target)),
                symbol: 'diamond',
                symbolSize: 13,
                itemStyle: { color: COLOR.target },
                z: 6,
              },
            ]
          : []),
      ],
    },
    table: {
      head: [c.dimHead, t('INS_COL_SUGGESTED'), t('INS_COL_BAND'), t('INS_COL_TARGET'), t('INS_COL_FLAG'), t('HTML_INS_MODEL')],
      rows: all.map((x) => [
        x.group ?? c.total,
        m(x.suggested),
        `${m(x.lo80)} … ${m(x.hi80)}`,
        x.target === null ? '—' : m(x.target),
        x.flag === null ? '' : t(`INS_FLAG_${x.flag.toUpperCase()}`),
        c.modelName(x.model),
      ]),
      numeric: [1, 2, 3],
    },
  };
  return section('ins-targets', t('HTML_INS_SECTION_TARGETS'), [await figure(c, spec)]);
}

// ---- 9. notes ----

function notesSection(c: InsCtx): string | null {
  const { doc, t } = c;
  if (!doc.notes.length) return null;
  const lines = [...new Set(doc.notes.map((n) => `${n.code}: ${n.message}`))];
  return section('ins-notes', t('INS_NOTES'), [`<ul class="notes">\n${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n')}\n</ul>`]);
}
