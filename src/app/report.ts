/**
 * `report` as data: which KPIs, sorting and --top, the threshold check, the JSON document and the
 * XLSX summary lines. No printing, no exit; breaches come back as catalogue messages.
 */
import { isoDate } from '../core/dates.js';
import type { ResultRow } from '../engine/aggregate.js';
import { DEFAULT_KPIS, KPI_BY_ID, KPI_IDS } from '../engine/kpis.js';
import { usageError } from '../errors.js';
import { sha256File, sha256Text } from '../io/hash.js';
import { didYouMeanOf, msg, type Msg, type Param } from '../core/message-catalog.js';
import { flatRow, type ReportDoc } from './report-output.js';
import type { Analysis } from './analyse.js';

/** The report's own options, as the CLI's flags spell them. */
export interface ReportOptions {
  kpis?: string;
  sort?: string;
  top?: string;
  failUnder?: string[];
  failOver?: string[];
  currency?: string;
}

export interface Threshold {
  kpi: string;
  value: number;
}

/** The options checked before any file is read. */
export interface ReportChecks {
  failUnder: Threshold[];
  failOver: Threshold[];
  top: number | undefined;
}

/** What a report shows: the KPIs, the rows after --sort/--top, the display currency, the threshold breaches. */
export interface ReportView {
  analysis: Analysis;
  kpis: string[];
  rows: ResultRow[];
  currency: string | null;
  breaches: Msg[];
  /** The engine that computed the result (`report --engine`); js when not said. */
  engine?: 'js' | 'duckdb' | 'postgres';
}

export function parseThresholds(flag: string, list: string[] | undefined): Threshold[] {
  return (list ?? []).map((s) => {
    const m = /^([A-Za-z]+)\s*=\s*(-?\d+(?:\.\d+)?)(%?)$/.exec(s.trim());
    if (!m || !KPI_IDS.includes(m[1]!)) {
      const kpi = /^\s*([A-Za-z]+)/.exec(s)?.[1];
      throw usageError(
        'FLAG_THRESHOLD',
        msg('FLAG_THRESHOLD', {
          flag,
          value: JSON.stringify(s),
          kpis: KPI_IDS.join(', '),
          suggest: kpi && !KPI_IDS.includes(kpi) ? didYouMeanOf(kpi, KPI_IDS) : '',
        }),
      );
    }
    return { kpi: m[1]!, value: Number(m[2]) / (m[3] ? 100 : 1) };
  });
}

export function checkReportOptions(flags: ReportOptions): ReportChecks {
  const failUnder = parseThresholds('--fail-under', flags.failUnder);
  const failOver = parseThresholds('--fail-over', flags.failOver);
  const top = flags.top === undefined ? undefined : Number(flags.top);
  if (top !== undefined && !(Number.isInteger(top) && top > 0))
    throw usageError('FLAG_TOP', msg('FLAG_TOP', { value: JSON.stringify(flags.top) }));
  return { failUnder, failOver, top };
}

/**
 * The KPIs to show: --kpis, else (for a table or Markdown, `display`) the default list of those
 * available, else every available one.
 */
export function chooseKpis(a: Analysis, files: number, flags: ReportOptions, display: boolean): string[] {
  const { result } = a;
  let kpis: string[];
  if (flags.kpis) {
    kpis = flags.kpis
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const k of kpis) {
      if (!KPI_IDS.includes(k))
        throw usageError(
          'FLAG_KPIS',
          msg('FLAG_KPIS_UNKNOWN', { kpi: JSON.stringify(k), suggest: didYouMeanOf(k, KPI_IDS) || msg('FLAG_KPIS_LIST') }),
        );
      if (!result.available.includes(k))
        throw usageError('FLAG_KPIS', msg('FLAG_KPIS_NEEDS', { kpi: k, needs: KPI_BY_ID.get(k)!.needs ?? msg('MORE_DATA') }));
    }
  } else if (display) {
    const pref = files
      ? [
          'revenue',
          'growth',
          'deals',
          'avgDealSize',
          'winRate',
          'activeCustomers',
          'newCustomers',
          'retentionRate',
          'salesCycleDays',
          'target',
          'attainment',
          'gap',
          'pace',
          'forecast',
          'spend',
          'cac',
        ]
      : ['spend', 'acquired', 'cac'];
    kpis = pref.filter((k) => result.available.includes(k));
    if (!result.periods.some((_, i) => result.totals[i]?.kpis.forecast !== null))
      kpis = kpis.filter((k) => k !== 'forecast' && k !== 'pace');
  } else {
    kpis = DEFAULT_KPIS.filter((k) => result.available.includes(k) && (files > 0 || ['spend', 'acquired', 'cac'].includes(k)));
  }
  return kpis;
}

/** --sort KPI[:asc] within each period (nulls last), then --top N per period. */
export function sortAndTop(a: Analysis, sort: string | undefined, top: number | undefined): ResultRow[] {
  const { result } = a;
  let rows = result.rows;
  if (sort) {
    const [k, dir] = sort.split(':');
    if (!KPI_IDS.includes(k!))
      throw usageError(
        'FLAG_SORT',
        msg('FLAG_SORT', { kpi: JSON.stringify(k), suggest: didYouMeanOf(k!, KPI_IDS) || msg('FLAG_KPIS_LIST') }),
      );
    const sign = dir === 'asc' ? 1 : -1;
    const order = new Map(result.periods.map((p, i) => [p, i]));
    rows = [...rows].sort(
      (a, b) => order.get(a.period)! - order.get(b.period)! || cmpNullable(a.kpis[k!] ?? null, b.kpis[k!] ?? null, sign),
    );
  }
  if (top !== undefined) {
    const seen = new Map<string, number>();
    rows = rows.filter((r) => {
      const n = (seen.get(r.period) ?? 0) + 1;
      seen.set(r.period, n);
      return n <= top;
    });
  }
  return rows;
}

/** The rows (or, without dimensions, the totals) over --fail-under / under --fail-over, as messages. */
export function thresholdBreaches(a: Analysis, rows: readonly ResultRow[], checks: Pick<ReportChecks, 'failUnder' | 'failOver'>): Msg[] {
  const { result, dims } = a;
  const breaches: Msg[] = [];
  const check = (r: ResultRow, label: Param) => {
    for (const t of checks.failUnder) {
      const v = r.kpis[t.kpi];
      if (v !== null && v !== undefined && v < t.value)
        breaches.push(msg('ERR_THRESHOLD_UNDER', { who: label, period: r.period, kpi: t.kpi, value: v, limit: t.value }));
    }
    for (const t of checks.failOver) {
      const v = r.kpis[t.kpi];
      if (v !== null && v !== undefined && v > t.value)
        breaches.push(msg('ERR_THRESHOLD_OVER', { who: label, period: r.period, kpi: t.kpi, value: v, limit: t.value }));
    }
  };
  if (dims.length) for (const r of rows) check(r, result.dimensions.map((d, i) => `${d}=${r.dims[i] ?? '(none)'}`).join(' '));
  else for (const r of result.totals) check(r, msg('TOTAL'));
  return breaches;
}

/** The report view of an analysis: KPIs, rows, currency and breaches (options checked by checkReportOptions). */
export function reportView(a: Analysis, files: number, flags: ReportOptions, checks: ReportChecks, display: boolean): ReportView {
  const { result, run } = a;
  const kpis = chooseKpis(a, files, flags, display);
  for (const t of [...checks.failUnder, ...checks.failOver])
    if (!result.available.includes(t.kpi))
      throw usageError('FLAG_THRESHOLD', msg('FLAG_THRESHOLD_NA', { kpi: t.kpi }), thresholdHint(t.kpi));
  const rows = sortAndTop(a, flags.sort, checks.top);
  // a currency column with one currency becomes the display currency
  const currency = flags.currency ?? (run.currencies.size === 1 ? [...run.currencies][0]! : null);
  return { analysis: a, kpis, rows, currency, breaches: thresholdBreaches(a, rows, checks) };
}

/** The JSON document without its rows (written one at a time by the renderer; see reportRows). */
export async function reportDocument(v: ReportView, files: { targets?: string; spend?: string }): Promise<ReportDoc> {
  const { options, config, calendar, run, result } = v.analysis;
  const inputs = await Promise.all(
    run.files.map(async (f) => ({
      file: f.file,
      // an input in memory (the library's records or CSV stream) has no file to hash
      sha256: f.sha256 ?? (options.sources?.has(f.file) ? null : await sha256File(f.file)),
      kind: f.kind,
      ...(f.sheet !== undefined ? { sheet: f.sheet } : {}),
      rowsRead: f.rowsRead,
      accepted: f.accepted,
      rejected: f.rejected,
      excluded: f.excluded,
      mapping: f.mapping as Record<string, string>,
    })),
  );
  const issues: Record<string, number> = {};
  for (const s of run.log.summary()) issues[s.code] = s.count;
  return {
    meta: {
      schemaVersion: 1,
      tool: 'salesperf',
      command: 'report',
      inputs,
      targets: files.targets ? { file: files.targets, sha256: await sha256File(files.targets) } : null,
      spend: files.spend ? { file: files.spend, sha256: await sha256File(files.spend) } : null,
      grain: calendar.grain,
      fiscalStart: calendar.fiscalStart,
      dimensions: result.dimensions,
      periods: result.periods,
      asOf: options.asOf === null ? null : isoDate(options.asOf),
      currency: v.currency,
      kpis: v.kpis,
      configHash: Object.keys(config).length ? sha256Text(JSON.stringify(config)) : null,
      engine: v.engine ?? 'js',
    },
    rows: [],
    totals: result.totals.map((r) => flatRow(r, result.dimensions, v.kpis, false)),
    issues,
  };
}

/** Row i of the JSON document's rows. */
export function reportRow(v: ReportView, i: number): ReportDoc['rows'][number] {
  return flatRow(v.rows[i]!, v.analysis.result.dimensions, v.kpis, true);
}

/** The XLSX Summary sheet: a title and label/value lines. */
export function xlsxSummary(
  v: ReportView,
  doc: ReportDoc,
  lang: 'en' | 'zh',
): { title: string; lines: [string, string | number | null][] } {
  const { result, calendar } = v.analysis;
  return {
    title: lang === 'zh' ? '销售业绩报表' : 'Sales performance report',
    lines: [
      [lang === 'zh' ? '粒度' : 'Grain', calendar.grain],
      [lang === 'zh' ? '维度' : 'Dimensions', result.dimensions.join(', ') || '—'],
      [lang === 'zh' ? '期间' : 'Periods', result.periods.length ? `${result.periods[0]} … ${result.periods.at(-1)}` : '—'],
      [lang === 'zh' ? '截至' : 'As of', doc.meta.asOf],
      ...result.totals.map((t): [string, number | null] => [`${lang === 'zh' ? '销售额' : 'Revenue'} ${t.period}`, t.kpis.revenue ?? null]),
    ],
  };
}

/** Rows were rejected, or a targets/spend row was skipped, or a file had no data rows. */
export function reportHasDataIssues(a: Analysis): boolean {
  const { run } = a;
  return (
    run.files.some((f) => f.rejected > 0) ||
    run.log.summary().some((s) => s.code === 'TARGET_INVALID' || s.code === 'SPEND_INVALID' || s.code === 'NO_DATA_ROWS')
  );
}

function cmpNullable(a: number | null, b: number | null, sign: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a - b) * sign;
}

/** What a KPI that was not computed needs, as a hint naming the flag or column to add. */
function thresholdHint(kpi: string): Msg | undefined {
  const needs = KPI_BY_ID.get(kpi)?.needs;
  if (needs === 'targets') return msg('HINT_KPI_NEEDS_TARGETS', { kpi });
  if (needs === 'spend') return msg('HINT_KPI_NEEDS_SPEND', { kpi });
  if (needs === undefined) return undefined;
  return msg('HINT_KPI_NEEDS_COLUMN', { kpi, what: msg(`HINT_COLUMN_${needs}`), field: needs });
}
