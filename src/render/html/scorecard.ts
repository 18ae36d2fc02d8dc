/**
 * `salesperf scorecard --format html`: the scores per rep (or group) with band and per-KPI
 * sub-scores and points, the score by rep coloured by band against the band floors, each KPI's
 * contribution as stacked bars, the feedback, the notes and the target check — one
 * self-contained HTML page, byte-identical for the same inputs. Pure apart from loading ECharts.
 */
import { dimLabel, fixed, formatValue } from '../../core/format.js';
import { renderMsg } from '../../core/message-catalog.js';
import { KPI_BY_ID } from '../../engine/kpis.js';
import type { TargetFlag } from '../../engine/target-check.js';
import { type ScorecardResult, sorted, weightsUsed } from '../scorecard.js';
import { chartFigure, type ChartSpec } from './charts.js';
import { htmlDocument } from './document.js';
import { escapeHtml } from './escape.js';
import { bandColour, chartName, type HtmlLang, inputLines, joinList, metaList, section, SP_CSS, translator } from './parts.js';

/** Bars in the score charts: more would be too thin to read (all are in the table). */
export const SCORE_MAX_BARS = 40;
const CHART_WIDTH = 1000;

export interface HtmlScorecardInput {
  lang: HtmlLang;
  scored: ScorecardResult;
  dims: string[];
  period: string;
  grain: string;
  bands: readonly { name: string; min: number }[];
  flags: readonly TargetFlag[];
  /** Currency symbol for money cells ('' for none). */
  currency: string;
  currencyCode: string | null;
  inputs: readonly { file: string; rowsRead: number; accepted: number }[];
  targets: string | null;
}

type Row = ReturnType<typeof sorted>[number];

interface Ctx {
  r: HtmlScorecardInput;
  t: ReturnType<typeof translator>;
  rows: Row[];
  name: (row: { dims: (string | null)[] }) => string;
  label: (kpi: string) => string;
  who: string;
  /** Band name → colour, best band first. */
  colour: Map<string, string>;
  used: number[];
}

/** Score, sub-score and points as the page shows them: two decimals, as in the JSON. */
export const points = (v: number | null): string => (v === null ? '—' : fixed(v, 2));

function context(r: HtmlScorecardInput): Ctx {
  const t = translator(r.lang);
  const none = t('HTML_NONE');
  const byMin = [...r.bands].sort((a, b) => b.min - a.min);
  return {
    r,
    t,
    rows: sorted(r.scored),
    name: (row) => r.dims.map((_, i) => row.dims[i] ?? none).join(' / '),
    label: (k) => r.scored.kpis.find((x) => x.kpi === k)?.label ?? (r.lang === 'zh' ? KPI_BY_ID.get(k)!.labelZh : KPI_BY_ID.get(k)!.label),
    who: r.dims.map((d) => dimLabel(d, r.lang)).join(' / '),
    colour: new Map(byMin.map((b, i) => [b.name, bandColour(i, byMin.length)])),
    used: weightsUsed(r.scored),
  };
}

function header(c: Ctx): string {
  const { r, t } = c;
  const meta: [string, string][] = [
    [t('HTML_SC_META_PERIOD'), `${r.period} (${t(`HTML_GRAIN_${r.grain.toUpperCase()}`)})`],
    [t('HTML_SC_META_BY'), c.who],
    [
      t('HTML_SC_META_KPIS'),
      joinList(
        r.lang,
        r.scored.kpis.map((k, i) => `${c.label(k.kpi)} ${c.used[i]}`),
      ) || '—',
    ],
    [
      t('HTML_SC_META_BANDS'),
      joinList(
        r.lang,
        [...r.bands].sort((a, b) => b.min - a.min).map((b) => t('HTML_SC_BAND_FLOOR', { band: b.name, min: b.min })),
      ),
    ],
    ...inputLines(t, r.inputs),
    ...(r.targets ? [[t('HTML_META_TARGETS'), r.targets] as [string, string]] : []),
    ...(r.currencyCode ? [[t('HTML_META_CURRENCY'), r.currencyCode] as [string, string]] : []),
  ];
  const notes = r.scored.noteMsgs.map((m) => `<li>${escapeHtml(renderMsg(m, r.lang))}</li>`);
  return metaList(meta) + (notes.length ? `\n<ul class="notes">\n${notes.join('\n')}\n</ul>` : '');
}

const bandCell = (c: Ctx, band: string | null) =>
  band === null
    ? '<td>—</td>'
    : `<td data-field="band"><span class="band" style="background:${c.colour.get(band) ?? '#57606a'}">${escapeHtml(band)}</span></td>`;

/** 1. the full table: rank, who, score, band, then per KPI its value, sub-score and points */
function tableSection(c: Ctx): string {
  const { r, t } = c;
  const kpis = r.scored.kpis;
  const head1 = [
    `<th scope="col" rowspan="2" class="num">${escapeHtml(t('HTML_SC_RANK'))}</th>`,
    ...r.dims.map((d) => `<th scope="col" rowspan="2">${escapeHtml(dimLabel(d, r.lang))}</th>`),
    `<th scope="col" rowspan="2" class="num">${escapeHtml(t('HTML_SC_SCORE'))}</th>`,
    `<th scope="col" rowspan="2">${escapeHtml(t('HTML_SC_BAND'))}</th>`,
    ...kpis.map(
      (k, i) =>
        `<th scope="colgroup" colspan="3" class="kpi-group" data-kpi="${k.kpi}">${escapeHtml(t('HTML_SC_KPI_HEAD', { label: c.label(k.kpi), weight: c.used[i]! }))}</th>`,
    ),
  ];
  const sub = ['HTML_SC_VALUE', 'HTML_SC_SUBSCORE', 'HTML_SC_POINTS']
    .map((id, j) => `<th scope="col" class="num${j === 0 ? ' kpi-first' : ''}">${escapeHtml(t(id))}</th>`)
    .join('');
  const head2 = kpis.map(() => sub);
  const body = c.rows.map((row) => {
    const cells = row.lines.map((l) => {
      const unit = KPI_BY_ID.get(l.kpi)!.unit;
      const value = formatValue(l.value, unit, unit === 'money' ? r.currency : '');
      const note = l.note === 'no value' ? t('HTML_SC_NO_VALUE') : l.note === 'no target' ? t('HTML_SC_NO_TARGET') : (l.note ?? '—');
      const score = l.subScore === null ? note : points(l.subScore);
      return `<td class="num kpi-first" data-kpi="${l.kpi}" data-field="value">${escapeHtml(value)}</td><td class="num" data-kpi="${l.kpi}" data-field="subScore">${escapeHtml(score)}</td><td class="num" data-kpi="${l.kpi}" data-field="points">${points(l.points)}</td>`;
    });
    const who = r.dims.map((_, i) => `<td class="dim" data-field="dim">${escapeHtml(row.dims[i] ?? t('HTML_NONE'))}</td>`).join('');
    return `<tr data-rank="${row.rank ?? ''}"><td class="num" data-field="rank">${row.rank ?? '—'}</td>${who}<td class="num" data-field="score">${points(row.total)}</td>${bandCell(c, row.band)}${cells.join('')}</tr>`;
  });
  const table = [
    '<div class="table-wrap">\n<table class="scorecard">',
    `<thead>\n<tr>${head1.join('')}</tr>\n<tr>${head2.join('')}</tr>\n</thead>`,
    `<tbody>\n${body.join('\n')}\n</tbody>`,
    '</table>\n</div>',
  ].join('\n');
  return section('scorecard-table', t('HTML_SC_SECTION_TABLE'), table);
}

/** The rows the charts show: scored ones, best first, at most SCORE_MAX_BARS. */
const charted = (c: Ctx) => c.rows.filter((x) => x.total !== null).slice(0, SCORE_MAX_BARS);

/** 2. score by rep as bars coloured by band, the band floors as dashed lines */
async function bandsSection(c: Ctx): Promise<string> {
  const { r, t } = c;
  const bars = charted(c);
  const scoredN = c.rows.filter((x) => x.total !== null).length;
  const names = bars.map((x) => c.name(x));
  const byMin = [...r.bands].sort((a, b) => b.min - a.min);
  const floors = byMin.filter((b) => b.min > 0);
  const counts = joinList(
    r.lang,
    byMin.map((b) => `${b.name} ${c.rows.filter((x) => x.band === b.name).length}`),
  );
  let description = t('HTML_SC_BANDS_DESC', {
    who: c.who,
    period: r.period,
    floors:
      joinList(
        r.lang,
        floors.map((b) => t('HTML_SC_BAND_FLOOR', { band: b.name, min: b.min })),
      ) || '—',
    counts,
  });
  if (c.rows.length > scoredN) description += t('HTML_SC_NOT_SCORED_COUNT', { count: c.rows.length - scoredN });
  if (scoredN > bars.length) description += t('HTML_SC_CAPPED', { shown: bars.length, groups: scoredN });
  const rotate = bars.length > 8;
  const spec: ChartSpec = {
    id: 'chart-score-bands',
    title: t('HTML_SC_BANDS_TITLE', { who: c.who, period: r.period }),
    description,
    width: CHART_WIDTH,
    height: 420,
    option: {
      grid: { left: 60, right: 90, top: 40, bottom: rotate ? 150 : 70 },
      legend: { bottom: 0, itemGap: 20 },
      xAxis: { type: 'category', data: names.map(chartName), axisLabel: { interval: 0, rotate: rotate ? 40 : 0 } },
      yAxis: {
        type: 'value',
        min: 0,
        max: Math.max(100, Math.ceil(Math.max(0, ...bars.map((x) => x.total!)) / 20) * 20),
        name: t('HTML_SC_SCORE'),
      },
      series: byMin.map((b, i) => ({
        name: b.name,
        type: 'bar',
        stack: 'score',
        barMaxWidth: 60,
        itemStyle: { color: c.colour.get(b.name) },
        data: bars.map((x) => (x.band === b.name ? x.total : null)),
        label: { show: bars.length <= 20, position: 'top', formatter: '{c}', textBorderColor: '#fff', textBorderWidth: 3 },
        ...(i === 0 && floors.length
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                data: floors.map((f) => ({ yAxis: f.min, name: f.name })),
                lineStyle: { color: '#57606a', type: 'dashed', width: 1.5 },
                label: { formatter: '{b} ≥ {c}', position: 'end' },
              },
            }
          : {}),
      })),
    },
    table: {
      head: [c.who, t('HTML_SC_RANK'), t('HTML_SC_SCORE'), t('HTML_SC_BAND')],
      rows: bars.map((x, i) => [names[i]!, String(x.rank), points(x.total), x.band ?? '—']),
      numeric: [1, 2],
    },
  };
  return section('score-bands', t('HTML_SC_SECTION_BANDS'), await chartFigure(spec, r.lang, t('HTML_DATA_TABLE')));
}

/** 3. each KPI's weighted points, stacked: the bar's height is the score */
async function contributionSection(c: Ctx): Promise<string> {
  const { r, t } = c;
  const bars = charted(c);
  const names = bars.map((x) => c.name(x));
  const kpis = r.scored.kpis;
  const rotate = bars.length > 8;
  const spec: ChartSpec = {
    id: 'chart-score-contribution',
    title: t('HTML_SC_CONTRIB_TITLE', { who: c.who, period: r.period }),
    description: t('HTML_SC_CONTRIB_DESC', {
      who: c.who,
      kpis: joinList(
        r.lang,
        kpis.map((k, i) => `${c.label(k.kpi)} ${c.used[i]}`),
      ),
    }),
    width: CHART_WIDTH,
    height: 420,
    option: {
      grid: { left: 60, right: 30, top: 40, bottom: rotate ? 150 : 70 },
      legend: { bottom: 0, itemGap: 20 },
      xAxis: { type: 'category', data: names.map(chartName), axisLabel: { interval: 0, rotate: rotate ? 40 : 0 } },
      yAxis: { type: 'value', min: 0, name: t('HTML_SC_POINTS') },
      series: kpis.map((k, j) => ({
        name: c.label(k.kpi),
        type: 'bar',
        stack: 'points',
        barMaxWidth: 60,
        data: bars.map((x) => x.lines[j]!.points ?? 0),
      })),
    },
    table: {
      head: [c.who, ...kpis.map((k) => c.label(k.kpi)), t('HTML_SC_SCORE')],
      rows: bars.map((x, i) => [names[i]!, ...x.lines.map((l) => points(l.points)), points(x.total)]),
      numeric: [...kpis.map((_, j) => j + 1), kpis.length + 1],
    },
  };
  return section('score-contribution', t('HTML_SC_SECTION_CONTRIB'), await chartFigure(spec, r.lang, t('HTML_DATA_TABLE')));
}

/** 4. the feedback line per rep, then the target check of the period */
function feedbackSection(c: Ctx): string {
  const { r, t } = c;
  const rows = c.rows.map(
    (row) =>
      `<tr><th scope="row">${escapeHtml(c.name(row))}</th>${bandCell(c, row.band)}<td class="wrap" data-field="feedback">${escapeHtml(row.feedback)}</td></tr>`,
  );
  const parts = [
    `<table class="feedback">\n<thead><tr><th scope="col">${escapeHtml(c.who)}</th><th scope="col">${escapeHtml(t('HTML_SC_BAND'))}</th><th scope="col">${escapeHtml(t('HTML_SC_SECTION_FEEDBACK'))}</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`,
  ];
  if (r.flags.length) parts.push(`<h3>${escapeHtml(t('HTML_SC_CHECKS'))}</h3>`, checksTable(c));
  return section('score-feedback', t('HTML_SC_SECTION_FEEDBACK'), parts.join('\n'));
}

function checksTable(c: Ctx): string {
  const { r, t } = c;
  const money = (v: number | null) => formatValue(v, 'money', r.currency);
  const head = [
    c.who,
    t('HTML_PERIOD'),
    t('HTML_SC_CHECK_TARGET'),
    t('HTML_SC_CHECK_TRAILING'),
    t('HTML_SC_CHECK_PERIODS'),
    t('HTML_SC_CHECK_RATIO'),
    t('HTML_SC_CHECK_LAST_YEAR'),
    t('HTML_SC_CHECK_VERDICT'),
  ];
  const rows = r.flags.map((f) => [
    c.name(f) || t('HTML_TOTAL'),
    f.period,
    money(f.target),
    money(f.trailingAverage),
    String(f.trailingPeriods),
    formatValue(f.ratio, 'ratio'),
    money(f.lastYear),
    t(f.direction === 'high' ? 'HTML_SC_CHECK_HIGH' : 'HTML_SC_CHECK_LOW'),
  ]);
  const num = new Set([2, 3, 4, 5, 6]);
  return [
    '<table class="target-checks">',
    `<thead><tr>${head.map((h, j) => `<th scope="col"${num.has(j) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${rows.map((row) => `<tr>${row.map((v, j) => (j === 0 ? `<th scope="row">${escapeHtml(v)}</th>` : `<td${num.has(j) ? ' class="num"' : ''}>${escapeHtml(v)}</td>`)).join('')}</tr>`).join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
}

export async function scorecardHtml(r: HtmlScorecardInput): Promise<string> {
  const c = context(r);
  const sections = [tableSection(c)];
  if (charted(c).length) {
    sections.push(await bandsSection(c));
    if (r.scored.kpis.length > 1) sections.push(await contributionSection(c));
  }
  sections.push(feedbackSection(c));
  return htmlDocument({
    lang: r.lang,
    title: c.t('HTML_SC_TITLE', { period: r.period }),
    header: header(c),
    sections,
    footer: c.t('HTML_SC_FOOTER'),
    css: SP_CSS,
  });
}
