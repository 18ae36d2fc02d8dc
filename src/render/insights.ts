/**
 * The insights document as sections (a title, a table, lines of text) and those sections as a
 * terminal table (box panels, src/render/table.ts) or GitHub Markdown for CI summaries. Every label
 * comes from the message catalogue (en, zh). Pure and deterministic.
 */
import { dimLabel, fixed, formatValue } from '../core/format.js';
import { msg, renderMsg, type Lang } from '../core/message-catalog.js';
import { KPI_BY_ID } from '../engine/kpis.js';
import type { InsightsDoc } from '../schema/insights-output.js';
import { mdText } from './report-markdown.js';
import { type Align, BufferedSink, type Sink, writePanels } from './table.js';

export interface InsightSection {
  title: string;
  columns: { head: string; align: Align }[];
  rows: string[][];
  lines: string[];
}

export interface InsightsRenderOptions {
  lang: Lang;
  currency: string;
  /** Cohort rows and periods-since columns shown (the JSON has them all). */
  maxCohorts?: number;
}

const MONEY = new Set(['revenue', 'grossProfit', 'refunds', 'spend']);

/** How insights words and formats its values, in every format (table, Markdown, HTML). */
export interface InsightFormatters {
  kpiLabel: (k: string) => string;
  /** A KPI's value: money with the currency for the money KPIs, a count otherwise. */
  v: (kpi: string, x: number | null) => string;
  m: (x: number | null) => string;
  /** A signed change, +12.3%. */
  pct: (x: number | null) => string;
  share: (x: number | null) => string;
}

export function insightFormatters(lang: Lang, currency: string): InsightFormatters {
  return {
    kpiLabel: (k) => {
      const d = KPI_BY_ID.get(k);
      return d ? (lang === 'zh' ? d.labelZh : d.label) : k;
    },
    v: (kpi, x) => formatValue(x, MONEY.has(kpi) ? 'money' : 'count', MONEY.has(kpi) ? currency : ''),
    m: (x) => formatValue(x, 'money', currency),
    pct: (x) => (x === null ? '—' : `${x > 0 ? '+' : ''}${fixed(x * 100, 1)}%`),
    share: (x) => formatValue(x, 'ratio'),
  };
}

/** The anomalies table's rows (the table/Markdown and HTML renderers): group, period, actual, expected, range, z, the three largest explaining deviations. */
export function anomalyRows(doc: InsightsDoc, m: (x: number | null) => string, total: string): string[][] {
  return doc.anomalies.map((a) => [
    a.group ?? total,
    a.period,
    m(a.actual),
    m(a.expected),
    `${m(a.lo)} … ${m(a.hi)}`,
    a.z === null ? '∞' : fixed(a.z, 1),
    a.explanation
      .slice(0, 3)
      .map((e) => `${e.group} ${e.deviation > 0 ? '+' : ''}${m(e.deviation)}`)
      .join('; '),
  ]);
}

/** The labels and value formats every section uses. */
interface SectionCtx {
  o: InsightsRenderOptions;
  t: (id: string, params?: Record<string, string | number>) => string;
  L: (id: string) => string;
  kpiLabel: (k: string) => string;
  v: (kpi: string, x: number | null) => string;
  m: (x: number | null) => string;
  pct: (x: number | null) => string;
  share: (x: number | null) => string;
  dim: InsightsDoc['meta']['dimensions'][number] | undefined;
  dimHead: string;
  total: string;
  meta: InsightsDoc['meta'];
}

export function insightSections(doc: InsightsDoc, o: InsightsRenderOptions): InsightSection[] {
  const { lang, currency } = o;
  const t = (id: string, params: Record<string, string | number> = {}) => renderMsg(msg(id, params), lang);
  const L = (id: string) => t(`INS_COL_${id}`);
  const { kpiLabel, v, m, pct, share } = insightFormatters(lang, currency);
  const dim = doc.meta.dimensions[0];
  const dimHead = dim ? dimLabel(dim, lang) : '';
  const total = renderMsg(msg('TOTAL'), lang);
  const out: InsightSection[] = [];
  const meta = doc.meta;
  const ctx: SectionCtx = { o, t, L, kpiLabel, v, m, pct, share, dim, dimHead, total, meta };

  out.push(...headlineSections(doc, ctx));
  out.push(...trendSections(doc, ctx));
  out.push(...anomalySections(doc, ctx));
  out.push(...forecastSections(doc, ctx));
  out.push(...kpiForecastSections(doc, ctx));
  out.push(...pipelineSections(doc, ctx));
  out.push(...cohortSections(doc, ctx));
  out.push(...concentrationSections(doc, ctx));
  out.push(...targetSections(doc, ctx));

  if (doc.notes.length)
    out.push({ title: t('INS_NOTES'), columns: [], rows: [], lines: [...new Set(doc.notes.map((n) => `${n.code}: ${n.message}`))] });
  return out;
}

/** The headline table and the revenue change by group. */
function headlineSections(doc: InsightsDoc, ctx: SectionCtx): InsightSection[] {
  const { t, L, kpiLabel, v, m, pct, share, dim, dimHead, meta } = ctx;
  const out: InsightSection[] = [];
  // headline
  if (meta.current) {
    const why =
      meta.currentIs === 'complete'
        ? t('INS_WHY_COMPLETE')
        : meta.currentIs === 'lastComplete'
          ? t('INS_WHY_LAST_COMPLETE', { inProgress: meta.inProgress ?? '' })
          : t('INS_WHY_LAST_DATA');
    out.push({
      title: t('INS_HEADLINE', { period: meta.current, why }),
      columns: [
        { head: L('KPI'), align: 'left' },
        { head: meta.current, align: 'right' },
        { head: L('TARGET'), align: 'right' },
        { head: L('ATTAINMENT'), align: 'right' },
        { head: doc.headline[0]?.previous?.period ?? L('PREVIOUS'), align: 'right' },
        { head: L('CHANGE'), align: 'right' },
        { head: doc.headline[0]?.yearAgo?.period ?? L('YEAR_AGO'), align: 'right' },
        { head: L('CHANGE'), align: 'right' },
      ],
      rows: doc.headline.map((h) => [
        kpiLabel(h.kpi),
        v(h.kpi, h.value),
        h.target === null ? '—' : m(h.target),
        h.attainment === null ? '—' : share(h.attainment),
        h.previous ? v(h.kpi, h.previous.value) : '—',
        h.previous ? pct(h.previous.changeRatio) : '—',
        h.yearAgo ? v(h.kpi, h.yearAgo.value) : '—',
        h.yearAgo ? pct(h.yearAgo.changeRatio) : '—',
      ]),
      lines: [],
    });
    const rev = doc.headline.find((h) => h.kpi === 'revenue');
    if (rev && rev.previous && rev.contributions.length && dim) {
      out.push({
        title: t('INS_CHANGE_BY', { kpi: kpiLabel('revenue'), period: rev.previous.period, dim: dimHead }),
        columns: [
          { head: dimHead, align: 'left' },
          { head: rev.previous.period, align: 'right' },
          { head: meta.current, align: 'right' },
          { head: L('CHANGE'), align: 'right' },
          { head: L('SHARE'), align: 'right' },
        ],
        rows: rev.contributions
          .slice(0, 10)
          .map((c) => [c.group, m(c.before), m(c.after), m(c.delta), c.share === null ? '—' : share(c.share)]),
        lines: rev.contributions.length > 10 ? [t('INS_MORE_ROWS', { count: rev.contributions.length - 10 })] : [],
      });
    }
  }
  return out;
}

/** The trend table. */
function trendSections(doc: InsightsDoc, ctx: SectionCtx): InsightSection[] {
  const { t, L, kpiLabel, v, pct, dimHead, total } = ctx;
  const out: InsightSection[] = [];
  // trend
  if (doc.trend.length) {
    const arrow = (d: string) => t(`INS_DIR_${d.toUpperCase()}`);
    out.push({
      title: t('INS_TREND', { n: Math.max(...doc.trend.slice(0, 1).map((x) => x.periods)) }),
      columns: [
        { head: L('KPI'), align: 'left' },
        { head: dimHead || L('GROUP'), align: 'left' },
        { head: L('SLOPE'), align: 'right' },
        { head: L('SLOPE_SHARE'), align: 'right' },
        { head: L('DIRECTION'), align: 'left' },
      ],
      rows: doc.trend.map((x) => [kpiLabel(x.kpi), x.group ?? total, v(x.kpi, x.slope), pct(x.slopeRatio), arrow(x.direction)]),
      lines: [],
    });
  }
  return out;
}

/** The anomalies table. */
function anomalySections(doc: InsightsDoc, ctx: SectionCtx): InsightSection[] {
  const { t, L, m, dimHead, total, meta } = ctx;
  const out: InsightSection[] = [];
  // anomalies
  out.push({
    title: t('INS_ANOMALIES', { z: meta.options.anomalyZ }),
    columns: [
      { head: dimHead || L('GROUP'), align: 'left' },
      { head: L('PERIOD'), align: 'left' },
      { head: L('ACTUAL'), align: 'right' },
      { head: L('EXPECTED'), align: 'right' },
      { head: L('RANGE'), align: 'right' },
      { head: 'z', align: 'right' },
      { head: L('EXPLAINED_BY'), align: 'left' },
    ],
    rows: anomalyRows(doc, m, total),
    lines: doc.anomalies.length ? [] : [t('INS_NO_ANOMALIES')],
  });
  return out;
}

/** The forecast table with the backtest scores and run rate. */
function forecastSections(doc: InsightsDoc, ctx: SectionCtx): InsightSection[] {
  const { t, L, m } = ctx;
  const out: InsightSection[] = [];
  // forecast
  const f = doc.forecast;
  if (f.chosen) {
    const modelName = (x: string) => t(`INS_MODEL_${x.replace('-', '_').toUpperCase()}`);
    out.push({
      title: f.origins
        ? t('INS_FORECAST', { model: modelName(f.chosen), origins: f.origins })
        : t('INS_FORECAST_RULE', { model: modelName(f.chosen) }),
      columns: [
        { head: L('PERIOD'), align: 'left' },
        { head: L('FORECAST'), align: 'right' },
        { head: '80%', align: 'right' },
        { head: '95%', align: 'right' },
      ],
      rows: f.points.map((p) => [p.period, m(p.mean), `${m(p.lo80)} … ${m(p.hi80)}`, `${m(p.lo95)} … ${m(p.hi95)}`]),
      lines: [
        ...f.backtest.map(
          (s) =>
            `${modelName(s.model)}: MAPE ${s.mape === null ? '—' : `${fixed(s.mape, 1)}%`}, MASE ${s.mase === null ? '—' : fixed(s.mase, 2)}${s.model === f.chosen ? ' ←' : ''}`,
        ),
        ...(f.runRate
          ? [t('INS_RUN_RATE', { period: f.runRate.period, toDate: m(f.runRate.toDate), forecast: m(f.runRate.forecast) })]
          : []),
      ],
    });
  }
  return out;
}

/** The forecasts of the other --forecast-kpis: one table each, as revenue's. */
function kpiForecastSections(doc: InsightsDoc, ctx: SectionCtx): InsightSection[] {
  const { t, L, v, kpiLabel } = ctx;
  const modelName = (x: string) => t(`INS_MODEL_${x.replace('-', '_').toUpperCase()}`);
  return (doc.forecasts ?? [])
    .filter((f) => f.chosen !== null)
    .map((f) => ({
      title: t('INS_FORECAST_KPI', { kpi: kpiLabel(f.kpi), model: modelName(f.chosen!) }),
      columns: [
        { head: L('PERIOD'), align: 'left' as Align },
        { head: L('FORECAST'), align: 'right' as Align },
        { head: '80%', align: 'right' as Align },
        { head: '95%', align: 'right' as Align },
      ],
      rows: f.points.map((p) => [
        p.period,
        v(f.kpi, p.mean),
        `${v(f.kpi, p.lo80)} … ${v(f.kpi, p.hi80)}`,
        `${v(f.kpi, p.lo95)} … ${v(f.kpi, p.hi95)}`,
      ]),
      lines: f.backtest.map(
        (s) =>
          `${modelName(s.model)}: MAPE ${s.mape === null ? '—' : `${fixed(s.mape, 1)}%`}, MASE ${s.mase === null ? '—' : fixed(s.mase, 2)}${s.model === f.chosen ? ' ←' : ''}`,
      ),
    }));
}

/** The weighted pipeline: per stage and per expected close, and the forecast period against its run rate. */
function pipelineSections(doc: InsightsDoc, ctx: SectionCtx): InsightSection[] {
  const { t, L, m, share } = ctx;
  const p = doc.pipeline;
  if (!p) return [];
  const counts = (x: { priced: number; noValue: number }) => `${x.priced} / ${x.noValue}`;
  const stageRows = p.stages.map((s) => [
    s.stage,
    s.probability === null ? '—' : `${share(s.probability)}${s.source ? ` (${t(`INS_SOURCE_${s.source.toUpperCase()}`)})` : ''}`,
    String(s.deals),
    counts(s),
    m(s.value),
    '',
    m(s.weighted),
  ]);
  const bucketRows = p.buckets.map((b) => [
    t(`INS_BUCKET_${b.bucket.toUpperCase()}`, { period: b.period ?? '' }),
    '',
    String(b.deals),
    counts(b),
    m(b.bestCase),
    m(b.commit),
    m(b.weighted),
  ]);
  const c = p.current;
  return [
    {
      title: t('INS_PIPELINE', {
        period: p.period,
        won: p.closedWon,
        lost: p.closedLost,
        rate: share(p.winRate),
        commitAt: share(p.commitAt),
      }),
      columns: [
        { head: L('STAGE'), align: 'left' },
        { head: L('PROBABILITY'), align: 'right' },
        { head: L('DEALS'), align: 'right' },
        { head: L('NO_VALUE'), align: 'right' },
        { head: L('BEST_CASE'), align: 'right' },
        { head: L('COMMIT'), align: 'right' },
        { head: L('WEIGHTED'), align: 'right' },
      ],
      rows: [...stageRows, ...bucketRows],
      lines: [
        t('INS_PIPELINE_FORECAST', {
          period: c.period,
          toDate: m(c.toDate),
          commit: m(c.commit),
          weighted: m(c.weighted),
          bestCase: m(c.bestCase),
          runRate: c.runRate === null ? '—' : m(c.runRate),
        }),
      ],
    },
  ];
}

/** The cohorts table: the last cohorts, the first periods since. */
function cohortSections(doc: InsightsDoc, ctx: SectionCtx): InsightSection[] {
  const { o, t, L } = ctx;
  const out: InsightSection[] = [];
  // cohorts: the last cohorts, the first periods since
  if (doc.cohorts && doc.cohorts.rows.length) {
    const n = o.maxCohorts ?? 12;
    const rows = doc.cohorts.rows.slice(-n);
    const ks = Math.min(n, Math.max(...rows.map((r) => r.active.length)));
    out.push({
      title: t('INS_COHORTS'),
      columns: [
        { head: L('COHORT'), align: 'left' },
        { head: L('CUSTOMERS'), align: 'right' },
        ...Array.from({ length: Math.max(0, ks - 1) }, (_, k) => ({ head: `+${k + 1}`, align: 'right' as Align })),
      ],
      rows: rows.map((r) => [
        r.cohort,
        String(r.size),
        ...Array.from({ length: Math.max(0, ks - 1) }, (_, k) =>
          r.retention[k + 1] === undefined ? '' : formatValue(r.retention[k + 1]!, 'ratio'),
        ),
      ]),
      lines: doc.cohorts.rows.length > n ? [t('INS_MORE_ROWS', { count: doc.cohorts.rows.length - n })] : [],
    });
  }
  return out;
}

/** The concentration table. */
function concentrationSections(doc: InsightsDoc, ctx: SectionCtx): InsightSection[] {
  const { t, L, m, share, dimHead, total } = ctx;
  const out: InsightSection[] = [];
  // concentration
  const c = doc.concentration;
  if (c) {
    const list = [{ group: total, concentration: c.overall }, ...c.groups];
    out.push({
      title: t('INS_CONCENTRATION', { from: c.from, to: c.to }),
      columns: [
        { head: dimHead || L('GROUP'), align: 'left' },
        { head: L('CUSTOMERS'), align: 'right' },
        { head: L('REVENUE'), align: 'right' },
        ...c.overall.topShares.map((s) => ({ head: `${L('TOP')} ${s.n}`, align: 'right' as Align })),
        { head: L('PARETO'), align: 'right' },
        { head: 'HHI', align: 'right' },
      ],
      rows: list.map((g) => [
        g.group,
        String(g.concentration.customers),
        m(g.concentration.total),
        ...g.concentration.topShares.map((s) => share(s.share)),
        g.concentration.paretoCount === null ? '—' : `${g.concentration.paretoCount} (${share(g.concentration.paretoShare)})`,
        g.concentration.hhi === null ? '—' : fixed(g.concentration.hhi, 1),
      ]),
      lines: [],
    });
  }
  return out;
}

/** The target suggestions table. */
function targetSections(doc: InsightsDoc, ctx: SectionCtx): InsightSection[] {
  const { t, L, m, dimHead, total } = ctx;
  const out: InsightSection[] = [];
  // target suggestions
  if (doc.targets.length) {
    out.push({
      title: t('INS_TARGETS', { period: doc.targets[0]!.period }),
      columns: [
        { head: dimHead || L('GROUP'), align: 'left' },
        { head: L('SUGGESTED'), align: 'right' },
        { head: L('BAND'), align: 'right' },
        { head: L('TARGET'), align: 'right' },
        { head: L('FLAG'), align: 'left' },
      ],
      rows: doc.targets.map((x) => [
        x.group ?? total,
        m(x.suggested),
        `${m(x.lo80)} … ${m(x.hi80)}`,
        x.target === null ? '—' : m(x.target),
        x.flag === null ? '' : t(`INS_FLAG_${x.flag.toUpperCase()}`),
      ]),
      lines: [],
    });
  }
  return out;
}

/** The sections as terminal tables (panels when wider than `width`). Returns the lines written. */
export function writeInsightsTable(doc: InsightsDoc, o: InsightsRenderOptions & { width: number }, out: Sink): number {
  const sink = new BufferedSink(out);
  let lines = 0;
  sink.write(`${renderMsg(msg('INS_TITLE'), o.lang)}\n`);
  for (const s of insightSections(doc, o)) {
    sink.write(`\n${s.title}\n`);
    lines += 2;
    if (s.columns.length) {
      sink.flush();
      lines += writePanels({ columns: s.columns, rows: s.rows.length, cell: (r, c) => s.rows[r]![c] ?? '' }, out, 1, o.width);
    }
    for (const l of s.lines) sink.write(`${l}\n`);
    lines += s.lines.length;
  }
  sink.flush();
  return lines + 1;
}

/** The sections as GitHub Markdown (data values escaped). */
export function writeInsightsMarkdown(doc: InsightsDoc, o: InsightsRenderOptions, out: Sink): void {
  const sink = new BufferedSink(out);
  const cell = (s: string) => mdText(s);
  sink.write(`# ${renderMsg(msg('INS_TITLE'), o.lang)}\n`);
  for (const s of insightSections(doc, o)) {
    sink.write(`\n## ${cell(s.title)}\n\n`);
    if (s.columns.length) {
      sink.write(`| ${s.columns.map((c) => cell(c.head)).join(' | ')} |\n`);
      sink.write(`| ${s.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |\n`);
      for (const r of s.rows) sink.write(`| ${s.columns.map((_, i) => cell(r[i] ?? '')).join(' | ')} |\n`);
      if (s.lines.length) sink.write('\n');
    }
    for (const l of s.lines) sink.write(`- ${cell(l)}\n`);
  }
  sink.flush();
}
