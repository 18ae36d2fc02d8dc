/** `salesperf report FILES...`: KPIs per group and period as a table, JSON or CSV. */
import { isoDate } from '../core/dates.js';
import type { ResultRow } from '../engine/aggregate.js';
import { KPI_BY_ID, KPI_IDS } from '../engine/kpis.js';
import { EXIT, SalesperfError, inputError, usageError } from '../errors.js';
import { sha256File, sha256Text } from '../io/hash.js';
import { configInput, writeFileAtomic } from '../io/write.js';
import { openAtomicStream } from '../io/atomic-stream.js';
import { ISSUE_CODES } from '../ingest/issues.js';
import { currencySymbol } from '../core/format.js';
import { flatRow, writeReportCsv, writeReportJson, type ReportDoc } from '../render/report-data.js';
import type { CliIO } from './io.js';
import { error, formatMessages, type Message, note, warning } from './messages.js';
import { FORMATS, formatExtensionNote } from './options.js';
import { didYouMeanOf, msg, type Msg, type Param } from '../core/message-catalog.js';
import { outputFormat } from './ingest-options.js';
import { progressFor } from './progress.js';
import { analyse, type AnalysisFlags } from './pipeline.js';

export interface ReportFlags extends AnalysisFlags {
  kpis?: string;
  sort?: string;
  top?: string;
  format?: string;
  out?: string;
  color?: boolean;
  quiet?: boolean;
  failUnder?: string[];
  failOver?: string[];
  lang?: string;
  currency?: string;
}

export function parseThresholds(flag: string, list: string[] | undefined): { kpi: string; value: number }[] {
  return (list ?? []).map((s) => {
    const m = /^([A-Za-z]+)\s*=\s*(-?\d+(?:\.\d+)?)(%?)$/.exec(s.trim());
    if (!m || !KPI_IDS.includes(m[1]!)) {
      const kpi = /^\s*([A-Za-z]+)/.exec(s)?.[1];
      throw usageError('FLAG_THRESHOLD', msg('FLAG_THRESHOLD', { flag, value: JSON.stringify(s), kpis: KPI_IDS.join(', '), suggest: kpi && !KPI_IDS.includes(kpi) ? didYouMeanOf(kpi, KPI_IDS) : '' }));
    }
    return { kpi: m[1]!, value: Number(m[2]) / (m[3] ? 100 : 1) };
  });
}

export async function reportCommand(files: string[], flags: ReportFlags, io: CliIO): Promise<number> {
  const format = outputFormat(flags, FORMATS.report, 'table');
  const lang = (flags.lang ?? 'en') as 'en' | 'zh';
  const failUnder = parseThresholds('--fail-under', flags.failUnder);
  const failOver = parseThresholds('--fail-over', flags.failOver);
  const top = flags.top === undefined ? undefined : Number(flags.top);
  if (top !== undefined && !(Number.isInteger(top) && top > 0)) throw usageError('FLAG_TOP', msg('FLAG_TOP', { value: JSON.stringify(flags.top) }));

  const a = await analyse(files, { ...flags, hashInputs: format === 'json' }, { collectRejected: format === 'xlsx', progress: progressFor(io, flags.quiet, format === 'json' && !flags.out) });
  const { options, config, calendar, run, dims, result, notes } = a;
  const grain = calendar.grain;
  // which KPIs to show
  let kpis: string[];
  if (flags.kpis) {
    kpis = flags.kpis.split(',').map((s) => s.trim()).filter(Boolean);
    for (const k of kpis) {
      if (!KPI_IDS.includes(k)) throw usageError('FLAG_KPIS', msg('FLAG_KPIS_UNKNOWN', { kpi: JSON.stringify(k), suggest: didYouMeanOf(k, KPI_IDS) || msg('FLAG_KPIS_LIST') }));
      if (!result.available.includes(k)) throw usageError('FLAG_KPIS', msg('FLAG_KPIS_NEEDS', { kpi: k, needs: KPI_BY_ID.get(k)!.needs ?? msg('MORE_DATA') }));
    }
  } else if (format === 'table' || format === 'md') {
    const pref = files.length
      ? ['revenue', 'growth', 'deals', 'avgDealSize', 'winRate', 'activeCustomers', 'newCustomers', 'retentionRate', 'salesCycleDays', 'target', 'attainment', 'gap', 'pace', 'forecast', 'spend', 'cac']
      : ['spend', 'acquired', 'cac'];
    kpis = pref.filter((k) => result.available.includes(k));
    if (!result.periods.some((_, i) => result.totals[i]?.kpis.forecast !== null)) kpis = kpis.filter((k) => k !== 'forecast' && k !== 'pace');
  } else {
    kpis = KPI_IDS.filter((k) => result.available.includes(k) && (files.length > 0 || ['spend', 'acquired', 'cac'].includes(k)));
  }
  for (const t of [...failUnder, ...failOver]) if (!result.available.includes(t.kpi)) throw usageError('FLAG_THRESHOLD', msg('FLAG_THRESHOLD_NA', { kpi: t.kpi }), thresholdHint(t.kpi));

  let rows = result.rows;
  if (flags.sort) {
    const [k, dir] = flags.sort.split(':');
    if (!KPI_IDS.includes(k!)) throw usageError('FLAG_SORT', msg('FLAG_SORT', { kpi: JSON.stringify(k), suggest: didYouMeanOf(k!, KPI_IDS) || msg('FLAG_KPIS_LIST') }));
    const sign = dir === 'asc' ? 1 : -1;
    const order = new Map(result.periods.map((p, i) => [p, i]));
    rows = [...rows].sort((a, b) => order.get(a.period)! - order.get(b.period)! || cmpNullable(a.kpis[k!] ?? null, b.kpis[k!] ?? null, sign));
  }
  if (top !== undefined) {
    const seen = new Map<string, number>();
    rows = rows.filter((r) => {
      const n = (seen.get(r.period) ?? 0) + 1;
      seen.set(r.period, n);
      return n <= top;
    });
  }

  // a currency column with one currency becomes the display currency
  const currency = flags.currency ?? (run.currencies.size === 1 ? [...run.currencies][0]! : null);
  // output: written piece by piece to stdout or to a temp file renamed over --out at the end
  const toFile = Boolean(flags.out && flags.out !== '-');
  const file = toFile && format !== 'xlsx' ? openAtomicStream(flags.out!, [...a.inputs, configInput(flags.config)]) : null;
  const sink = (t: string) => (file ? file.write(t) : io.stdout(t));
  let tableLines = 0;
  try {
    if (format === 'json' || format === 'xlsx') {
      const inputs = await Promise.all(
        run.files.map(async (f) => ({
          file: f.file,
          sha256: f.sha256 ?? (await sha256File(f.file)),
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
      const doc: ReportDoc = {
        meta: {
          schemaVersion: 1,
          tool: 'salesperf',
          command: 'report',
          inputs,
          targets: flags.targets ? { file: flags.targets, sha256: await sha256File(flags.targets) } : null,
          spend: flags.spend ? { file: flags.spend, sha256: await sha256File(flags.spend) } : null,
          grain,
          fiscalStart: calendar.fiscalStart,
          dimensions: result.dimensions,
          periods: result.periods,
          asOf: options.asOf === null ? null : isoDate(options.asOf),
          currency,
          kpis,
          configHash: Object.keys(config).length ? sha256Text(JSON.stringify(config)) : null,
        },
        rows: [],
        totals: result.totals.map((r) => flatRow(r, result.dimensions, kpis, false)),
        issues,
      };
      if (format === 'json') writeReportJson(doc, rows.length, (i) => flatRow(rows[i]!, result.dimensions, kpis, true), sink);
      else {
        const { reportWorkbook } = await import('../io/xlsx-writer.js');
        const bytes = await reportWorkbook({
          rows: { length: rows.length, at: (i: number) => flatRow(rows[i]!, result.dimensions, kpis, true) },
          totals: doc.totals,
          dims: result.dimensions,
          kpis,
          run,
          rejected: a.rejected,
          lang: lang as 'en' | 'zh',
          currency: currencySymbol(currency),
          summary: {
            title: lang === 'zh' ? '销售业绩报表' : 'Sales performance report',
            lines: [
              [lang === 'zh' ? '粒度' : 'Grain', grain],
              [lang === 'zh' ? '维度' : 'Dimensions', result.dimensions.join(', ') || '—'],
              [lang === 'zh' ? '期间' : 'Periods', result.periods.length ? `${result.periods[0]} … ${result.periods.at(-1)}` : '—'],
              [lang === 'zh' ? '截至' : 'As of', doc.meta.asOf],
              ...result.totals.map((t): [string, number | null] => [`${lang === 'zh' ? '销售额' : 'Revenue'} ${t.period}`, t.kpis.revenue ?? null]),
            ],
          },
        });
        if (toFile) await writeFileAtomic(flags.out!, bytes, [...a.inputs, configInput(flags.config)]);
        else io.stdout(Buffer.from(bytes).toString());
      }
    } else if (format === 'md') {
      const { writeReportMarkdown } = await import('../render/report-markdown.js');
      writeReportMarkdown(dims.length ? rows : [], result.totals, { dims: result.dimensions, kpis, currency: currencySymbol(currency), lang: lang as 'en' | 'zh' }, sink);
    } else if (format === 'html') {
      const { reportHtml } = await import('../render/html/report.js');
      sink(await reportHtml({ lang, rows: dims.length ? rows : [], chartRows: result.rows, totals: result.totals, dims: result.dimensions, kpis, periods: result.periods, grain, currency: currencySymbol(currency), currencyCode: currency, asOf: options.asOf === null ? null : isoDate(options.asOf), inputs: run.files.map((f) => ({ file: f.file, rowsRead: f.rowsRead, accepted: f.accepted })), targets: flags.targets ?? null }));
    } else if (format === 'csv') {
      writeReportCsv(result, kpis, rows, result.totals, sink);
    } else {
      const { writeReportTable } = await import('../render/report-table.js');
      const color = flags.color !== false && io.stdoutIsTTY && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
      const width = io.stdoutIsTTY ? io.columns ?? 80 : Number(io.env.COLUMNS) || 160;
      tableLines = writeReportTable(dims.length ? rows : [], result.totals, { dims: result.dimensions, kpis, currency: currencySymbol(currency), color, width, lang }, sink);
    }
    if (file) await file.commit();
  } catch (e) {
    if (file) await file.abort().catch(() => undefined);
    if (file && !(e instanceof SalesperfError)) throw inputError('OUT_UNWRITABLE', msg('OUT_UNWRITABLE', { file: flags.out!, reason: (e as Error).message }));
    throw e;
  }

  // messages: stderr, most important last
  const msgs: Message[] = [];
  if (!flags.quiet) {
    const screen = io.rows ?? 0;
    if (format === 'table' && !toFile && io.stdoutIsTTY && screen > 0 && tableLines > screen) {
      const n = (dims.length ? rows.length : 0) + result.totals.length;
      msgs.push(note(msg('NOTE_TABLE_TALL', { rows: n.toLocaleString('en-US'), lines: tableLines.toLocaleString('en-US') })));
    }
    for (const f of run.files) for (const w of f.warnings) msgs.push(note(w));
    for (const n of notes) msgs.push(note(n));
    const extNote = formatExtensionNote(flags, format);
    if (extNote) msgs.push(note(extNote));
    for (const s of run.log.summary().filter((x) => x.code === 'NO_DATA_ROWS')) for (const e of s.examples.slice(0, 3)) msgs.push(error(msg('ERR_FILE_PROBLEM', { file: e.file, message: e.msg ?? e.message })));
    const warn = run.log.summary().filter((s) => s.severity === 'warning');
    if (warn.length) msgs.push(warning(msg('WARN_ISSUES', { list: warn.map((s) => `${s.code} ×${s.count}`).join(', ') })));
  }
  const sideErrors = run.log.summary().filter((s) => s.code === 'TARGET_INVALID' || s.code === 'SPEND_INVALID');
  for (const s of sideErrors) for (const e of s.examples.slice(0, 3)) msgs.push(error(msg('ERR_SIDE_ROW_SKIPPED', { where: `${e.file}:${e.row} ${e.column}`, message: e.msg ?? e.message })));
  const rejectedRows = run.files.reduce((a, f) => a + f.rejected, 0);
  if (rejectedRows) {
    const errs = run.log.summary().filter((s) => s.severity === 'error' && ISSUE_CODES[s.code]);
    msgs.push(error(msg('ERR_ROWS_REJECTED', { rows: rejectedRows, list: errs.map((s) => `${s.code} ×${s.count}`).join(', ') })));
  }
  const breaches: Msg[] = [];
  const check = (r: ResultRow, label: Param) => {
    for (const t of failUnder) {
      const v = r.kpis[t.kpi];
      if (v !== null && v !== undefined && v < t.value) breaches.push(msg('ERR_THRESHOLD_UNDER', { who: label, period: r.period, kpi: t.kpi, value: v, limit: t.value }));
    }
    for (const t of failOver) {
      const v = r.kpis[t.kpi];
      if (v !== null && v !== undefined && v > t.value) breaches.push(msg('ERR_THRESHOLD_OVER', { who: label, period: r.period, kpi: t.kpi, value: v, limit: t.value }));
    }
  };
  if (dims.length) for (const r of rows) check(r, result.dimensions.map((d, i) => `${d}=${r.dims[i] ?? '(none)'}`).join(' '));
  else for (const r of result.totals) check(r, msg('TOTAL'));
  const SHOWN = 20;
  for (const b of breaches.slice(0, SHOWN)) msgs.push(error(b));
  if (breaches.length > SHOWN) msgs.push(error(msg('ERR_THRESHOLD_MORE', { more: breaches.length - SHOWN, all: breaches.length })));
  if (msgs.length) io.stderr(formatMessages(msgs, lang));
  const rejected = run.files.some((f) => f.rejected > 0) || run.log.summary().some((s) => s.code === 'TARGET_INVALID' || s.code === 'SPEND_INVALID' || s.code === 'NO_DATA_ROWS');
  return breaches.length || rejected ? EXIT.dataIssues : EXIT.ok;
}

function cmpNullable(a: number | null, b: number | null, sign: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a - b) * sign;
}


/** What a KPI that was not computed needs, as a hint naming the flag or column to add. */
function thresholdHint(kpi: string): string | undefined {
  const needs = KPI_BY_ID.get(kpi)?.needs;
  if (needs === 'targets') return `${kpi} needs targets: add --targets FILE (a quota file by rep or group and period)`;
  if (needs === 'spend') return `${kpi} needs marketing spend: add --spend FILE`;
  if (needs === undefined) return undefined;
  const what = { customer: 'customer', createdDate: 'created date', quantity: 'quantity', status: 'status (won/lost)' }[needs];
  return `${kpi} needs a ${what} column in the sales data: name it with --map ${needs}=<header>`;
}
