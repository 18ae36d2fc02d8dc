/**
 * `salesperf payout --format html`: the payout per rep stacked by component, the plan's tier
 * schedule as a step line with each rep's attainment marked, a summary per statement and every
 * statement as its own table (lines, tier reached, caps, clawbacks, notes); with --compare, the
 * two plans side by side. One self-contained page, byte-identical for the same inputs; the
 * numbers are the JSON document's (render/payout.ts payoutDoc). Pure apart from loading ECharts.
 */
import { displayWidth, formatValue, naturalCompare } from '../../core/format.js';
import type { PayoutDoc } from '../payout.js';
import type { Plan } from '../../schema/plan.js';
import { chartFigure, type ChartSpec, type ChartTable } from './charts.js';
import { htmlDocument } from './document.js';
import { escapeHtml } from './escape.js';
import { chartName, type HtmlLang, inputLines, joinList, metaList, section, SP_CSS, translator } from './parts.js';

/** Bars in the payout chart (all reps are in the tables). */
export const PAYOUT_MAX_BARS = 40;
/** Rep names written beside their point on the tier chart up to this many points (more would overlap). */
const TIER_LABELS_MAX = 10;
const CHART_WIDTH = 1000;
export const COMPONENTS = ['base', 'tier', 'bonus', 'clawback', 'gate', 'cap'] as const;
const COMPONENT_COLOUR: Record<string, string> = {
  base: '#0969da',
  tier: '#1a7f37',
  bonus: '#bf8700',
  clawback: '#cf222e',
  gate: '#8250df',
  cap: '#6e7781',
};

export interface HtmlPayoutInput {
  lang: HtmlLang;
  doc: PayoutDoc;
  plan: Plan;
  planFile: string;
  compareFile: string | null;
  inputs: readonly { file: string; rowsRead: number; accepted: number }[];
  targets: string | null;
}

type Stmt = PayoutDoc['statements'][number];

interface Ctx {
  r: HtmlPayoutInput;
  t: ReturnType<typeof translator>;
  money: (v: number | null) => string;
  /** `2026-08`, or `2026-06 … 2026-08` over several periods. */
  periods: string;
  lastPeriod: string | null;
}

/** A rate as the statements show it: up to 4 decimals of a percent, no trailing zeros. */
export const ratePct = (r: number | null): string => (r === null ? '' : `${+(r * 100).toFixed(4)}%`);
const cents = (amount: number) => Math.round(amount * 100);

function context(r: HtmlPayoutInput): Ctx {
  const ps = [...new Set(r.doc.statements.map((s) => s.period))];
  return {
    r,
    t: translator(r.lang),
    money: (v) => formatValue(v, 'money'),
    periods: ps.length === 0 ? '—' : ps.length === 1 ? ps[0]! : `${ps[0]} … ${ps.at(-1)} (${ps.length})`,
    lastPeriod: ps.at(-1) ?? null,
  };
}

function header(c: Ctx): string {
  const { r, t } = c;
  const meta: [string, string][] = [
    [t('HTML_PAY_META_PLAN'), `${r.doc.meta.plan} (${r.planFile})`],
    ...(r.doc.meta.compare !== null
      ? [[t('HTML_PAY_META_COMPARE'), `${r.doc.meta.compare} (${r.compareFile ?? ''})`] as [string, string]]
      : []),
    [t('HTML_META_PERIODS'), `${c.periods} (${t(`HTML_GRAIN_${r.doc.meta.grain.toUpperCase()}`)})`],
    [t('HTML_PAY_META_STATEMENTS'), String(r.doc.statements.length)],
    [t('HTML_PAY_META_TOTAL'), c.money(r.doc.totals.plan)],
    ...inputLines(t, r.inputs),
    ...(r.targets ? [[t('HTML_META_TARGETS'), r.targets] as [string, string]] : []),
  ];
  return metaList(meta);
}

interface RepPay {
  rep: string;
  /** Cents per component. */
  by: Map<string, number>;
  total: number;
}

/** Each rep's payout over the statements, in cents per component, largest total first. */
export function payByRep(statements: readonly Stmt[]): RepPay[] {
  const reps = new Map<string, RepPay>();
  for (const s of statements) {
    let p = reps.get(s.rep);
    if (!p) reps.set(s.rep, (p = { rep: s.rep, by: new Map(), total: 0 }));
    for (const l of s.lines) p.by.set(l.component, (p.by.get(l.component) ?? 0) + cents(l.amount));
    p.total += cents(s.total);
  }
  return [...reps.values()].sort((a, b) => b.total - a.total || naturalCompare(a.rep, b.rep));
}

/** 1. payout by rep, stacked by component (take-backs below zero), the net as a marker */
async function byRepChart(c: Ctx): Promise<string> {
  const { r, t } = c;
  const all = payByRep(r.doc.statements);
  const bars = all.slice(0, PAYOUT_MAX_BARS);
  const comps = COMPONENTS.filter((k) => all.some((p) => (p.by.get(k) ?? 0) !== 0));
  const compName = (k: string) => t(`HTML_PAY_COMP_${k}`);
  let description = t('HTML_PAY_BY_REP_DESC', {
    periods: c.periods,
    components: joinList(r.lang, comps.map(compName)) || '—',
    total: c.money(r.doc.totals.plan),
    reps: all.length,
  });
  if (all.length > bars.length) description += t('HTML_PAY_CAPPED', { shown: bars.length, reps: all.length });
  const rotate = bars.length > 8;
  const spec: ChartSpec = {
    id: 'chart-payout-by-rep',
    title: t('HTML_PAY_BY_REP_TITLE', { periods: c.periods }),
    description,
    width: CHART_WIDTH,
    height: 420,
    option: {
      grid: { left: 90, right: 30, top: 40, bottom: rotate ? 150 : 70 },
      legend: { bottom: 0, itemGap: 20 },
      xAxis: { type: 'category', data: bars.map((p) => chartName(p.rep)), axisLabel: { interval: 0, rotate: rotate ? 40 : 0 } },
      yAxis: { type: 'value', name: t('HTML_PAY_AMOUNT') },
      series: [
        ...comps.map((k) => ({
          name: compName(k),
          type: 'bar',
          stack: 'pay',
          barMaxWidth: 60,
          itemStyle: { color: COMPONENT_COLOUR[k] },
          data: bars.map((p) => (p.by.get(k) ?? 0) / 100),
        })),
        {
          name: t('HTML_PAY_TOTAL'),
          type: 'scatter',
          symbol: 'diamond',
          symbolSize: 12,
          itemStyle: { color: '#1f2328' },
          data: bars.map((p) => p.total / 100),
        },
      ],
    },
    table: {
      head: [t('HTML_PAY_REP'), ...comps.map(compName), t('HTML_PAY_TOTAL')],
      rows: bars.map((p) => [p.rep, ...comps.map((k) => c.money((p.by.get(k) ?? 0) / 100)), c.money(p.total / 100)]),
      numeric: [...comps.map((_, j) => j + 1), comps.length + 1],
    },
  };
  return chartFigure(spec, r.lang, t('HTML_DATA_TABLE'));
}

/** The summary table: one row per statement, then the total. */
function summaryTable(c: Ctx): string {
  const { r, t } = c;
  const head = [
    'HTML_PAY_REP',
    'HTML_PERIOD',
    'HTML_PAY_CREDITED',
    'HTML_PAY_TARGET',
    'HTML_PAY_ATTAINMENT',
    'HTML_PAY_TIER',
    'HTML_PAY_TOTAL',
  ].map((id, j) => `<th scope="col"${j >= 2 && j !== 5 ? ' class="num"' : ''}>${escapeHtml(t(id))}</th>`);
  const rows = r.doc.statements.map(
    (s) =>
      `<tr data-rep="${escapeHtml(s.rep)}" data-period="${escapeHtml(s.period)}"><th scope="row" class="dim">${escapeHtml(s.rep)}</th><td>${escapeHtml(s.period)}</td><td class="num" data-field="credited">${c.money(s.credited)}</td><td class="num" data-field="target">${c.money(s.target)}</td><td class="num" data-field="attainment">${formatValue(s.attainment, 'ratio')}</td><td>${escapeHtml(s.tier ?? '—')}</td><td class="num" data-field="total">${c.money(s.total)}</td></tr>`,
  );
  rows.push(
    `<tr class="total"><th scope="row">${escapeHtml(t('HTML_TOTAL'))}</th><td colspan="5"></td><td class="num" data-field="total">${c.money(r.doc.totals.plan)}</td></tr>`,
  );
  return `<div class="table-wrap">\n<table class="payout-summary">\n<thead><tr>${head.join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n</div>`;
}

/** The tier a point at attainment `a` is paid at: marginal tiers start just above their floor, retroactive ones at it. */
function tierAt(plan: Plan, a: number): number {
  const ts = plan.tiers!.tiers;
  const capped = plan.caps?.maxAttainment !== undefined ? Math.min(a, plan.caps.maxAttainment) : a;
  let k = 0;
  for (let i = 0; i < ts.length; i++) if (plan.tiers!.mode === 'marginal' ? capped > ts[i]!.from : capped >= ts[i]!.from) k = i;
  return k;
}

const pct1 = (x: number) => Math.round(x * 1000) / 10;

/** The x axis's end (in %): past the last tier and the cap, and the reps' attainment up to twice the last tier (or 300%). */
function tierAxisMax(plan: Plan, points: readonly number[]): number {
  const last = plan.tiers!.tiers.at(-1)!.from * 100;
  const reach = Math.max(last + 50, 150, (plan.caps?.maxAttainment ?? 0) * 100 + 25, (plan.gate?.minAttainment ?? 0) * 100 + 25);
  const limit = Math.max(reach, 300, last * 2);
  return Math.ceil(Math.max(reach, ...points.filter((p) => p <= limit).map((p) => p + 5)) / 50) * 50;
}

/**
 * Reps on the same tier sit close together, so their names would be drawn over each other: each
 * label goes up into the lowest lane where it clears the label before it (widths estimated at
 * 6.5 px a column, CJK 2), at most 4 lanes. Deterministic: points in order of attainment.
 */
function labelLanes<P extends { name: string; value: [number, number] }>(points: P[], pxPerPct: number) {
  const ends = new Map<string, number[]>(); // per rate: the right edge (px) of the last label in each lane
  return [...points]
    .sort((a, b) => a.value[0] - b.value[0] || naturalCompare(a.name, b.name))
    .map((p) => {
      const half = (displayWidth(p.name) * 6.5) / 2 + 4;
      const x = p.value[0] * pxPerPct;
      const lanes = ends.get(String(p.value[1])) ?? ends.set(String(p.value[1]), []).get(String(p.value[1]))!;
      let lane = lanes.findIndex((end) => end <= x - half);
      if (lane < 0) lane = lanes.length < 4 ? lanes.length : lanes.indexOf(Math.min(...lanes));
      lanes[lane] = x + half;
      return lane ? { ...p, label: { offset: [0, -14 * lane] } } : p;
    });
}

/** 2. the tier schedule: the rate by attainment as a step line, each rep's attainment in the last period marked */
async function tiersSection(c: Ctx): Promise<string> {
  const { r, t } = c;
  const plan = r.plan;
  const ts = plan.tiers!.tiers;
  const reps = r.doc.statements.filter((s) => s.period === c.lastPeriod && s.attainment !== null);
  const xs = reps.map((s) => pct1(s.attainment!));
  const max = tierAxisMax(plan, xs);
  const off = xs.filter((x) => x > max).length;
  // a rep past the axis's end is drawn at the end as an arrow pointing on (the table has the attainment)
  const points = labelLanes(
    reps.map((s, i) => ({
      name: chartName(s.rep),
      value: [Math.min(xs[i]!, max), pct1(ts[tierAt(plan, s.attainment!)]!.rate)] as [number, number],
      ...(xs[i]! > max ? { symbol: 'triangle', symbolRotate: -90, symbolSize: 14 } : {}),
    })),
    (CHART_WIDTH - 130) / max,
  );
  const step = [...ts.map((x) => [pct1(x.from), pct1(x.rate)]), [max, pct1(ts.at(-1)!.rate)]];
  const lines = tierGuideLines(c);
  const description = tiersDescription(c, off, max);
  const spec: ChartSpec = {
    id: 'chart-payout-tiers',
    title: t('HTML_PAY_TIERS_TITLE', { mode: t(`HTML_PAY_MODE_${plan.tiers!.mode}`) }),
    description,
    width: CHART_WIDTH,
    height: 400,
    option: {
      grid: { left: 70, right: 60, top: 50, bottom: 80 },
      legend: { bottom: 0, itemGap: 20 },
      xAxis: {
        type: 'value',
        min: 0,
        max,
        name: t('HTML_PAY_ATTAINMENT'),
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: { formatter: '{value}%' },
      },
      yAxis: { type: 'value', min: 0, boundaryGap: [0, '30%'], name: t('HTML_PAY_RATE'), axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('HTML_PAY_TIER_RATE'),
          type: 'line',
          step: 'end',
          symbol: 'none',
          lineStyle: { width: 3, color: '#0969da' },
          itemStyle: { color: '#0969da' },
          data: step,
          ...(lines.length
            ? {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  data: lines,
                  lineStyle: { color: '#cf222e', type: 'dashed', width: 1.5 },
                  label: { formatter: '{b}', position: 'end' },
                },
              }
            : {}),
        },
        {
          name: t('HTML_PAY_REPS_SERIES', { period: c.lastPeriod ?? '—' }),
          type: 'scatter',
          symbolSize: 10,
          itemStyle: { color: '#bf8700', borderColor: '#fff', borderWidth: 1 },
          data: points,
          label: {
            show: reps.length <= TIER_LABELS_MAX,
            formatter: '{b}',
            position: 'top',
            fontSize: 11,
            textBorderColor: '#fff',
            textBorderWidth: 3,
          },
        },
      ],
    },
    table: tiersTable(c, reps),
  };
  return section('payout-tiers', t('HTML_PAY_SECTION_TIERS'), await chartFigure(spec, r.lang, t('HTML_DATA_TABLE')));
}

/** The tier chart's sentence: the steps, the gate and cap, and the reps drawn at the axis's end. */
function tiersDescription(c: Ctx, off: number, max: number): string {
  const { r, t } = c;
  const plan = r.plan;
  const ts = plan.tiers!.tiers;
  const description = t('HTML_PAY_TIERS_DESC', {
    tiers: joinList(
      r.lang,
      ts.map((x) => t('HTML_PAY_TIER_STEP', { rate: ratePct(x.rate), from: ratePct(x.from) })),
    ),
    period: c.lastPeriod ?? '—',
    gate: plan.gate?.minAttainment !== undefined ? t('HTML_PAY_GATE_DESC', { min: ratePct(plan.gate.minAttainment) }) : '',
    cap: plan.caps?.maxAttainment !== undefined ? t('HTML_PAY_CAP_DESC', { max: ratePct(plan.caps.maxAttainment) }) : '',
  });
  return off ? description + t('HTML_PAY_TIERS_OFF', { count: off, max: `${max}%` }) : description;
}

/** The gate's and the attainment cap's vertical lines on the tier chart. */
function tierGuideLines(c: Ctx): { xAxis: number; name: string }[] {
  const { r, t } = c;
  const plan = r.plan;
  return [
    ...(plan.gate?.minAttainment !== undefined
      ? [{ xAxis: pct1(plan.gate.minAttainment), name: t('HTML_PAY_GATE_LINE', { min: ratePct(plan.gate.minAttainment) }) }]
      : []),
    ...(plan.caps?.maxAttainment !== undefined
      ? [{ xAxis: pct1(plan.caps.maxAttainment), name: t('HTML_PAY_CAP_LINE', { max: ratePct(plan.caps.maxAttainment) }) }]
      : []),
  ];
}

/** The tier chart's numbers: each tier's floor and rate, then each rep's attainment and the rate of the tier reached. */
function tiersTable(c: Ctx, reps: Stmt[]): ChartTable {
  const { r, t } = c;
  const plan = r.plan;
  const ts = plan.tiers!.tiers;
  return {
    head: [`${t('HTML_PAY_TIER')} / ${t('HTML_PAY_REP')}`, t('HTML_PAY_ATTAINMENT'), t('HTML_PAY_RATE')],
    rows: [
      ...ts.map((x) => [`${t('HTML_PAY_TIER')} ≥ ${ratePct(x.from)}`, ratePct(x.from), ratePct(x.rate)]),
      ...reps.map((s) => [s.rep, formatValue(s.attainment, 'ratio'), ratePct(ts[tierAt(plan, s.attainment!)]!.rate)]),
    ],
    numeric: [1, 2],
  };
}

/** One statement as a table: heading, each line, the notes, the total. */
function statementTable(c: Ctx, s: Stmt): string {
  const { t } = c;
  const facts = [
    `${t('HTML_PAY_CREDITED')} ${c.money(s.credited)}`,
    ...(s.target !== null
      ? [`${t('HTML_PAY_TARGET')} ${c.money(s.target)}`, `${t('HTML_PAY_ATTAINMENT')} ${formatValue(s.attainment, 'ratio')}`]
      : []),
    ...(s.tier ? [`${t('HTML_PAY_TIER')} ${s.tier}`] : []),
  ].join(' · ');
  const head = ['HTML_PAY_COMPONENT', 'HTML_PAY_LINE', 'HTML_PAY_BASIS', 'HTML_PAY_RATE', 'HTML_PAY_COUNT', 'HTML_PAY_AMOUNT'].map(
    (id, j) => `<th scope="col"${j >= 2 ? ' class="num"' : ''}>${escapeHtml(t(id))}</th>`,
  );
  const rows = s.lines.map(
    (l) =>
      `<tr data-component="${l.component}"><td>${escapeHtml(t(`HTML_PAY_COMP_${l.component}`))}</td><td class="wrap">${escapeHtml(l.label)}</td><td class="num">${l.basis === null ? '' : c.money(l.basis)}</td><td class="num">${ratePct(l.rate)}</td><td class="num">${l.count ?? ''}</td><td class="num" data-field="amount">${c.money(l.amount)}</td></tr>`,
  );
  for (const n of s.notes)
    rows.push(
      `<tr class="note" data-code="${escapeHtml(n.code)}"><td>${escapeHtml(t('HTML_PAY_NOTE'))}</td><td colspan="5">${escapeHtml(n.text)}</td></tr>`,
    );
  rows.push(
    `<tr class="total"><th scope="row" colspan="5">${escapeHtml(t('HTML_TOTAL'))}</th><td class="num" data-field="total">${c.money(s.total)}</td></tr>`,
  );
  return [
    `<table class="statement" data-rep="${escapeHtml(s.rep)}" data-period="${escapeHtml(s.period)}">`,
    `<caption>${escapeHtml(s.rep)} — ${escapeHtml(s.period)} <span>${escapeHtml(facts)}</span></caption>`,
    `<thead><tr>${head.join('')}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
}

/** --compare: each rep under both plans, the difference, each plan's total cost. */
function compareSection(c: Ctx, cmp: NonNullable<PayoutDoc['comparison']>): string {
  const { r, t } = c;
  const head = [t('HTML_PAY_REP'), r.doc.meta.plan, r.doc.meta.compare ?? '', t('HTML_PAY_DELTA')].map(
    (h, j) => `<th scope="col"${j ? ' class="num"' : ''}>${escapeHtml(h)}</th>`,
  );
  const row = (name: string, a: number, b: number, d: number, cls = '') =>
    `<tr${cls}><th scope="row">${escapeHtml(name)}</th><td class="num">${c.money(a)}</td><td class="num">${c.money(b)}</td><td class="num">${c.money(d)}</td></tr>`;
  const rows = cmp.map((x) => row(x.rep, x.a, x.b, x.delta));
  const ta = r.doc.totals.plan;
  const tb = r.doc.totals.compare ?? 0;
  rows.push(row(t('HTML_PAY_TOTAL_COST'), ta, tb, (cents(tb) - cents(ta)) / 100, ' class="total"'));
  return section(
    'payout-compare',
    t('HTML_PAY_SECTION_COMPARE'),
    `<table class="payout-compare">\n<thead><tr>${head.join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`,
  );
}

export async function payoutHtml(r: HtmlPayoutInput): Promise<string> {
  const c = context(r);
  const { t } = c;
  const sections: string[] = [];
  const ss = r.doc.statements;
  if (!ss.length)
    sections.push(section('payout-summary', t('HTML_PAY_SECTION_SUMMARY'), `<p class="note">${escapeHtml(t('HTML_PAY_NONE'))}</p>`));
  else sections.push(section('payout-summary', t('HTML_PAY_SECTION_SUMMARY'), `${await byRepChart(c)}\n${summaryTable(c)}`));
  if (r.plan.tiers && ss.length) sections.push(await tiersSection(c));
  if (ss.length)
    sections.push(section('payout-statements', t('HTML_PAY_SECTION_STATEMENTS'), ss.map((s) => statementTable(c, s)).join('\n')));
  if (r.doc.comparison) sections.push(compareSection(c, r.doc.comparison));
  return htmlDocument({
    lang: r.lang,
    title: t('HTML_PAY_TITLE', { plan: r.doc.meta.plan }),
    header: header(c),
    sections,
    footer: t('HTML_PAY_FOOTER'),
    css: SP_CSS,
  });
}
