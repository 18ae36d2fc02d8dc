/**
 * `salesperf report --format html`: the report table(s), a revenue trend per group and,
 * with targets, attainment by group against 100% — one self-contained HTML document,
 * byte-identical for the same inputs. Pure apart from loading ECharts (charts.ts).
 */
import { dimLabel, displayWidth, escapeControls, fixed, formatValue, naturalCompare, truncateWidth } from '../../core/format.js';
import { msg, renderMsg, type Msg } from '../../core/message-catalog.js';
import type { ResultRow } from '../../engine/aggregate.js';
import { KPI_BY_ID } from '../../engine/kpis.js';
import { chartFigure, type ChartSpec } from './charts.js';
import { htmlDocument } from './document.js';
import { escapeHtml } from './escape.js';

/** Lines in the trend chart besides the total: more is a tangle nobody reads. */
export const TREND_MAX_GROUPS = 8;
/** Bars in the attainment chart. */
export const ATTAINMENT_MAX_GROUPS = 30;

const CHART_WIDTH = 1000;
/** Legend and axis names are cut to this many terminal columns (CJK counts 2): the full names are in the tables. */
const NAME_WIDTH = 26;
/** A group name for a chart: control characters visible, cut to NAME_WIDTH with … (ECharts only estimates text widths in Node, so long names would overlap). */
const chartName = (s: string) => {
  const e = escapeControls(s);
  return displayWidth(e) > NAME_WIDTH ? truncateWidth(e, NAME_WIDTH) : e;
};

export interface HtmlReportInput {
  lang: 'en' | 'zh';
  /** The table's rows (after --sort/--top); empty without --by. */
  rows: readonly ResultRow[];
  /** Every group × period row, for the charts (--top does not cut a trend line into pieces). */
  chartRows: readonly ResultRow[];
  totals: readonly ResultRow[];
  dims: string[];
  kpis: string[];
  periods: string[];
  grain: 'month' | 'week' | 'quarter' | 'year';
  /** Currency symbol for money cells ('' for none). */
  currency: string;
  currencyCode: string | null;
  asOf: string | null;
  inputs: { file: string; rowsRead: number; accepted: number }[];
  targets: string | null;
}

/** The helpers every section shares: messages, labels and formatted values in the report's language. */
interface ReportCtx {
  t: (id: string, params?: Record<string, string | number | Msg>) => string;
  label: (k: string) => string;
  value: (row: ResultRow | undefined, k: string) => string;
  grainWord: string;
  none: string;
  groupKey: (row: ResultRow) => string;
  total: string;
}

function reportContext(r: HtmlReportInput): ReportCtx {
  const t = (id: string, params: Record<string, string | number | Msg> = {}) => renderMsg(msg(id, params), r.lang);
  const label = (k: string) => (r.lang === 'zh' ? KPI_BY_ID.get(k)!.labelZh : KPI_BY_ID.get(k)!.label);
  const unit = (k: string) => KPI_BY_ID.get(k)!.unit;
  const value = (row: ResultRow | undefined, k: string) =>
    formatValue(row?.kpis[k] ?? null, unit(k), unit(k) === 'money' ? r.currency : '');
  const grainWord = t(`HTML_GRAIN_${r.grain.toUpperCase()}`);
  const none = t('HTML_NONE');
  const groupKey = (row: ResultRow) => row.dims.map((d) => d ?? none).join(' / ');
  const total = t('HTML_TOTAL');
  return { t, label, value, grainWord, none, groupKey, total };
}

/** The header: what was read and how it was grouped. */
function metaHeader(r: HtmlReportInput, { t, grainWord }: ReportCtx): string {
  const meta: [string, string][] = [
    [t('HTML_META_GRAIN'), grainWord],
    [t('HTML_META_DIMENSIONS'), r.dims.length ? r.dims.map((d) => dimLabel(d, r.lang)).join(', ') : '—'],
    [t('HTML_META_PERIODS'), r.periods.length ? `${r.periods[0]} … ${r.periods.at(-1)} (${r.periods.length})` : '—'],
    [t('HTML_META_AS_OF'), r.asOf ?? '—'],
    ...r.inputs.map((f): [string, string] => [
      t('HTML_META_INPUTS'),
      `${f.file} — ${t('HTML_META_ROWS', { read: f.rowsRead.toLocaleString('en-US'), accepted: f.accepted.toLocaleString('en-US') })}`,
    ]),
    ...(r.targets ? [[t('HTML_META_TARGETS'), r.targets] as [string, string]] : []),
    ...(r.currencyCode ? [[t('HTML_META_CURRENCY'), r.currencyCode] as [string, string]] : []),
  ];
  const header = `<dl class="meta">\n${meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}\n</dl>`;
  return header;
}

/** 1. the table: every KPI column, the groups' rows, then the totals */
function tableSection(r: HtmlReportInput, { t, label, value, none, total }: ReportCtx): string {
  const head = [...r.dims.map((d) => dimLabel(d, r.lang)), t('HTML_PERIOD'), ...r.kpis.map(label)];
  const nDims = r.dims.length;
  const lines: string[] = [];
  lines.push(`<section id="report-table">\n<h2>${escapeHtml(t(nDims ? 'HTML_SECTION_TABLE' : 'HTML_SECTION_TOTALS'))}</h2>`);
  lines.push('<div class="table-wrap">\n<table class="report">');
  lines.push(
    `<thead><tr>${head.map((h, j) => `<th scope="col"${j > nDims ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>\n<tbody>`,
  );
  const cells = (row: ResultRow) => r.kpis.map((k) => `<td class="num" data-kpi="${k}">${escapeHtml(value(row, k))}</td>`).join('');
  for (const row of r.rows) {
    lines.push(
      `<tr data-period="${escapeHtml(row.period)}">${r.dims.map((_, i) => `<td class="dim">${escapeHtml(row.dims[i] ?? none)}</td>`).join('')}<td>${escapeHtml(row.period)}</td>${cells(row)}</tr>`,
    );
  }
  for (const row of r.totals) {
    const first = nDims
      ? `<th scope="row">${escapeHtml(total)}</th>${'<td></td>'.repeat(nDims - 1)}<td>${escapeHtml(row.period)}</td>`
      : `<th scope="row">${escapeHtml(row.period)}</th>`;
    lines.push(`<tr class="total" data-period="${escapeHtml(row.period)}">${first}${cells(row)}</tr>`);
  }
  lines.push('</tbody>\n</table>\n</div>\n</section>');
  return lines.join('\n');
}

/** 2. revenue trend: the total and the top groups by revenue over all periods */
async function trendSection(r: HtmlReportInput, { t, label, grainWord, groupKey, total }: ReportCtx): Promise<string> {
  const byPeriod = new Map(r.periods.map((p, i) => [p, i]));
  const groups = new Map<string, { key: string; sum: number; values: (number | null)[] }>();
  for (const row of r.dims.length ? r.chartRows : []) {
    const key = groupKey(row);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, sum: 0, values: r.periods.map(() => null) }));
    const v = row.kpis.revenue ?? null;
    const i = byPeriod.get(row.period);
    if (v !== null && i !== undefined) {
      g.values[i] = v;
      g.sum += v;
    }
  }
  const all = [...groups.values()];
  const shown = [...all].sort((a, b) => b.sum - a.sum || naturalCompare(a.key, b.key)).slice(0, TREND_MAX_GROUPS);
  shown.sort((a, b) => naturalCompare(a.key, b.key));
  const totalValues = r.periods.map((p) => r.totals.find((x) => x.period === p)?.kpis.revenue ?? null);
  const cents = (v: number | null) => (v === null ? null : Number(fixed(v, 2)));
  const series = [
    { name: total, full: total, values: totalValues, width: 3 },
    ...shown.map((g) => ({ name: chartName(g.key), full: escapeControls(g.key), values: g.values, width: 1.5 })),
  ];
  const what = !r.dims.length
    ? msg('HTML_TREND_SERIES_TOTAL')
    : all.length <= TREND_MAX_GROUPS
      ? msg('HTML_TREND_SERIES_ALL', { groups: all.length })
      : msg('HTML_TREND_SERIES_TOP', { shown: shown.length, groups: all.length });
  let description = t('HTML_TREND_DESC', {
    grain: grainWord,
    first: r.periods[0]!,
    last: r.periods.at(-1)!,
    series: what,
    total: formatValue(totalValues.at(-1) ?? null, 'money', r.currency),
  });
  if (all.length > shown.length)
    description += ` ${t('HTML_TREND_CAPPED', { shown: shown.length, groups: all.length, rest: all.length - shown.length })}`;
  const spec: ChartSpec = {
    id: 'chart-trend',
    title: t('HTML_TREND_TITLE', { grain: grainWord }),
    description,
    width: CHART_WIDTH,
    height: 420,
    option: {
      grid: { left: 90, right: 250, top: 40, bottom: 40 },
      // anchored on the left: ECharts underestimates text widths in Node, so a right-anchored legend runs off the edge
      legend: { orient: 'vertical', left: CHART_WIDTH - 235, top: 40, type: 'plain' },
      xAxis: { type: 'category', data: r.periods, boundaryGap: false, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', name: r.currency ? `${label('revenue')} (${r.currency.trim()})` : label('revenue') },
      series: series.map((s) => ({
        name: s.name,
        type: 'line',
        data: s.values.map(cents),
        symbolSize: r.periods.length > 40 ? 0 : 5,
        showSymbol: r.periods.length <= 40,
        lineStyle: { width: s.width },
        connectNulls: false,
      })),
    },
    table: {
      head: [t('HTML_PERIOD'), ...series.map((s) => s.full)],
      rows: r.periods.map((p, i) => [p, ...series.map((s) => formatValue(s.values[i] ?? null, 'money', r.currency))]),
      numeric: series.map((_, j) => j + 1),
    },
  };
  return `<section id="trend">\n<h2>${escapeHtml(t('HTML_SECTION_TREND'))}</h2>\n${await chartFigure(spec, r.lang, t('HTML_DATA_TABLE'))}\n</section>`;
}

/** 3. attainment by group in the given period (the last with targets), against the 100% line */
async function attainmentSection(
  r: HtmlReportInput,
  source: readonly ResultRow[],
  period: string,
  { t, label, value, groupKey, total }: ReportCtx,
): Promise<string> {
  const inPeriod = source.filter((x) => x.period === period && (x.kpis.attainment ?? null) !== null);
  const bars = [...inPeriod]
    .sort((a, b) => (b.kpis.revenue ?? 0) - (a.kpis.revenue ?? 0) || naturalCompare(groupKey(a), groupKey(b)))
    .slice(0, ATTAINMENT_MAX_GROUPS);
  bars.sort((a, b) => naturalCompare(groupKey(a), groupKey(b)));
  const names = bars.map((x) => (r.dims.length ? escapeControls(groupKey(x)) : total));
  const axisNames = names.map(chartName);
  const withPace = r.kpis.includes('pace') && bars.some((x) => (x.kpis.pace ?? null) !== null);
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(fixed(v * 100, 1)));
  const above = inPeriod.filter((x) => x.kpis.attainment! >= 1).length;
  let description = t('HTML_ATT_DESC', { period, above, groups: inPeriod.length });
  if (withPace) description += t('HTML_ATT_PACE', { period, asOf: r.asOf ?? '—' });
  if (inPeriod.length > bars.length) description += ` ${t('HTML_ATT_CAPPED', { shown: bars.length, groups: inPeriod.length })}`;
  const kpiCols = ['attainment', ...(withPace ? ['pace'] : []), 'revenue', ...(r.kpis.includes('target') ? ['target'] : [])];
  const spec: ChartSpec = {
    id: 'chart-attainment',
    title: t('HTML_ATT_TITLE', { period }),
    description,
    width: CHART_WIDTH,
    height: 400,
    option: {
      grid: { left: 70, right: 30, top: 40, bottom: bars.length > 6 ? 160 : 80 },
      legend: { bottom: 0, itemGap: 24 },
      xAxis: { type: 'category', data: axisNames, axisLabel: { interval: 0, rotate: bars.length > 6 ? 40 : 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: label('attainment'),
          type: 'bar',
          data: bars.map((x) => pct(x.kpis.attainment)),
          label: { show: bars.length <= 12, position: 'top', formatter: '{c}%', textBorderColor: '#fff', textBorderWidth: 3 },
          markLine: {
            silent: true,
            symbol: 'none',
            data: [{ yAxis: 100, name: t('HTML_TARGET_LINE') }],
            lineStyle: { color: '#cf222e', type: 'dashed', width: 2 },
            label: { formatter: '100%', position: 'insideEndTop' },
          },
        },
        ...(withPace
          ? [
              {
                name: label('pace'),
                type: 'bar',
                data: bars.map((x) => pct(x.kpis.pace)),
                label: { show: bars.length <= 12, position: 'top', formatter: '{c}%', textBorderColor: '#fff', textBorderWidth: 3 },
              },
            ]
          : []),
      ],
    },
    table: {
      head: [r.dims.length ? r.dims.map((d) => dimLabel(d, r.lang)).join(' / ') : t('HTML_GROUP'), ...kpiCols.map(label)],
      rows: bars.map((x, i) => [names[i]!, ...kpiCols.map((k) => value(x, k))]),
      numeric: kpiCols.map((_, j) => j + 1),
    },
  };
  return `<section id="attainment">\n<h2>${escapeHtml(t('HTML_SECTION_ATTAINMENT'))}</h2>\n${await chartFigure(spec, r.lang, t('HTML_DATA_TABLE'))}\n</section>`;
}

export async function reportHtml(r: HtmlReportInput): Promise<string> {
  const ctx = reportContext(r);
  const { t } = ctx;

  const header = metaHeader(r, ctx);

  const sections: string[] = [];
  sections.push(tableSection(r, ctx));

  if (r.periods.length && r.kpis.includes('revenue')) {
    sections.push(await trendSection(r, ctx));
  }

  // 3. attainment by group in the last period with targets, against the 100% line
  if (r.kpis.includes('attainment')) {
    const source = r.dims.length ? r.chartRows : r.totals;
    let period: string | null = null;
    for (const p of [...r.periods].reverse()) {
      if (source.some((x) => x.period === p && (x.kpis.attainment ?? null) !== null)) {
        period = p;
        break;
      }
    }
    if (period !== null) {
      sections.push(await attainmentSection(r, source, period, ctx));
    }
  }

  return htmlDocument({ lang: r.lang, title: t('HTML_REPORT_TITLE'), header, sections, footer: t('HTML_FOOTER') });
}
