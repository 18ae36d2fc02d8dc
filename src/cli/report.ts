/** `salesperf report FILES...`: KPIs per group and period as a table, JSON or CSV. */
import { isoDate } from '../core/dates.js';
import { EXIT, SalesperfError, inputError } from '../errors.js';
import { configInput, writeFileAtomic } from '../io/write.js';
import { openAtomicStream } from '../io/atomic-stream.js';
import { ISSUE_CODES } from '../ingest/issues.js';
import { currencySymbol } from '../core/format.js';
import { writeReportCsv, writeReportJson } from '../render/report-data.js';
import type { CliIO } from './io.js';
import { error, formatMessages, type Message, note, warning } from './messages.js';
import { FORMATS, formatExtensionNote } from './options.js';
import { msg } from '../core/message-catalog.js';
import { outputFormat, toIngestOptions } from './ingest-options.js';
import { analyseSql, chooseEngine } from '../app/engine.js';
import { progressFor } from './progress.js';
import { analyse, type AnalysisFlags } from './pipeline.js';
import {
  checkReportOptions,
  reportDocument,
  reportHasDataIssues,
  reportRow,
  reportView,
  type ReportView,
  xlsxSummary,
} from '../app/report.js';
import type { ReportDoc } from '../app/report-output.js';

export interface ReportFlags extends AnalysisFlags {
  engine?: string;
  db?: string;
  table?: string;
  memoryLimit?: string;
  tempDir?: string;
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

export { parseThresholds } from '../app/report.js';

export async function reportCommand(files: string[], flags: ReportFlags, io: CliIO): Promise<number> {
  const format = outputFormat(flags, FORMATS.report, 'table');
  const lang = (flags.lang ?? 'en') as 'en' | 'zh';
  const checks = checkReportOptions(flags);

  let choice = await chooseEngine(files, flags, io.env);
  let sql = choice.engine === 'js' ? null : await analyseSql(choice, files, flags, toIngestOptions(flags));
  if (sql && 'fallback' in sql) {
    // a raw CSV csv-source cannot read exactly: the JS engine reads the inputs, with the reason
    choice = { engine: 'js', note: msg('NOTE_ENGINE_FALLBACK', { reason: sql.fallback }) };
    sql = null;
  }
  const a =
    sql ??
    (await analyse(
      files,
      { ...flags, hashInputs: format === 'json' },
      { collectRejected: format === 'xlsx', progress: progressFor(io, flags.quiet, format === 'json' && !flags.out, lang) },
    ));
  if (choice.note) a.notes.unshift(choice.note);
  // a PostgreSQL table is the sales data: the KPIs of a report on files, not of a spend-only one
  const sales = choice.engine === 'postgres' ? 1 : files.length;
  const view: ReportView = { ...reportView(a, sales, flags, checks, format === 'table' || format === 'md'), engine: choice.engine };
  const { toFile, tableLines } = await writeReport(view, format, lang, flags, io);
  const msgs = reportMessages(view, format, flags, io, toFile, tableLines);
  if (msgs.length) io.stderr(formatMessages(msgs, lang));
  const rejected = reportHasDataIssues(a);
  return view.breaches.length || rejected ? EXIT.dataIssues : EXIT.ok;
}

/** Renders the view in the chosen format to stdout or (atomically) to --out. */
async function writeReport(
  view: ReportView,
  format: string,
  lang: 'en' | 'zh',
  flags: ReportFlags,
  io: CliIO,
): Promise<{ toFile: boolean; tableLines: number }> {
  const a = view.analysis;
  const { run, dims, result } = a;
  const { kpis, rows, currency } = view;
  // output: written piece by piece to stdout or to a temp file renamed over --out at the end
  const toFile = Boolean(flags.out && flags.out !== '-');
  const file = toFile && format !== 'xlsx' ? openAtomicStream(flags.out!, [...a.inputs, configInput(flags.config)]) : null;
  const sink = (t: string) => (file ? file.write(t) : io.stdout(t));
  let tableLines = 0;
  try {
    if (format === 'json' || format === 'xlsx') {
      const doc = await reportDocument(view, flags);
      if (format === 'json') writeReportJson(doc, rows.length, (i) => reportRow(view, i), sink);
      else await writeReportXlsx(view, doc, lang, flags, io, toFile);
    } else if (format === 'md') {
      const { writeReportMarkdown } = await import('../render/report-markdown.js');
      writeReportMarkdown(
        dims.length ? rows : [],
        result.totals,
        { dims: result.dimensions, kpis, currency: currencySymbol(currency), lang: lang as 'en' | 'zh' },
        sink,
      );
    } else if (format === 'html') {
      const { reportHtml } = await import('../render/html/report.js');
      sink(
        await reportHtml({
          lang,
          rows: dims.length ? rows : [],
          chartRows: result.rows,
          totals: result.totals,
          dims: result.dimensions,
          kpis,
          periods: result.periods,
          grain: a.calendar.grain,
          currency: currencySymbol(currency),
          currencyCode: currency,
          asOf: a.options.asOf === null ? null : isoDate(a.options.asOf),
          inputs: run.files.map((f) => ({ file: f.file, rowsRead: f.rowsRead, accepted: f.accepted })),
          targets: flags.targets ?? null,
        }),
      );
    } else if (format === 'csv') {
      writeReportCsv(result, kpis, rows, result.totals, sink);
    } else {
      const { writeReportTable } = await import('../render/report-table.js');
      const color = flags.color !== false && io.stdoutIsTTY && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
      const width = io.stdoutIsTTY ? (io.columns ?? 80) : Number(io.env.COLUMNS) || 160;
      tableLines = writeReportTable(
        dims.length ? rows : [],
        result.totals,
        { dims: result.dimensions, kpis, currency: currencySymbol(currency), color, width, lang },
        sink,
      );
    }
    if (file) await file.commit();
  } catch (e) {
    if (file) await file.abort().catch(() => undefined);
    if (file && !(e instanceof SalesperfError))
      throw inputError('OUT_UNWRITABLE', msg('OUT_UNWRITABLE', { file: flags.out!, reason: (e as Error).message }));
    throw e;
  }
  return { toFile, tableLines };
}

/** The report workbook, written (atomically) to --out, or to stdout without one. */
async function writeReportXlsx(
  view: ReportView,
  doc: ReportDoc,
  lang: 'en' | 'zh',
  flags: ReportFlags,
  io: CliIO,
  toFile: boolean,
): Promise<void> {
  const a = view.analysis;
  const { reportWorkbook } = await import('../render/xlsx-writer.js');
  const bytes = await reportWorkbook({
    rows: { length: view.rows.length, at: (i: number) => reportRow(view, i) },
    totals: doc.totals,
    dims: a.result.dimensions,
    kpis: view.kpis,
    run: a.run,
    rejected: a.rejected,
    lang: lang as 'en' | 'zh',
    currency: currencySymbol(view.currency),
    summary: xlsxSummary(view, doc, lang),
  });
  if (toFile) await writeFileAtomic(flags.out!, bytes, [...a.inputs, configInput(flags.config)]);
  else io.stdout(Buffer.from(bytes).toString());
}

/** Messages for stderr, most important last. */
function reportMessages(view: ReportView, format: string, flags: ReportFlags, io: CliIO, toFile: boolean, tableLines: number): Message[] {
  const { run, dims, result, notes } = view.analysis;
  const rows = view.rows;
  const msgs: Message[] = [];
  if (!flags.quiet) {
    const screen = io.rows ?? 0;
    if (format === 'table' && !toFile && io.stdoutIsTTY && screen > 0 && tableLines > screen) {
      const n = (dims.length ? rows.length : 0) + result.totals.length;
      msgs.push(note(msg('NOTE_TABLE_TALL', { rows: n.toLocaleString('en-US'), lines: tableLines.toLocaleString('en-US') })));
    }
    for (const f of run.files) for (const w of f.warningMsgs ?? f.warnings) msgs.push(note(w)); // the Msg, so --lang zh words it
    for (const n of notes) msgs.push(note(n));
    const extNote = formatExtensionNote(flags, format);
    if (extNote) msgs.push(note(extNote));
    for (const s of run.log.summary().filter((x) => x.code === 'NO_DATA_ROWS'))
      for (const e of s.examples.slice(0, 3)) msgs.push(error(msg('ERR_FILE_PROBLEM', { file: e.file, message: e.msg ?? e.message })));
    const warn = run.log.summary().filter((s) => s.severity === 'warning');
    if (warn.length) msgs.push(warning(msg('WARN_ISSUES', { list: warn.map((s) => `${s.code} ×${s.count}`).join(', ') })));
  }
  const sideErrors = run.log.summary().filter((s) => s.code === 'TARGET_INVALID' || s.code === 'SPEND_INVALID');
  for (const s of sideErrors)
    for (const e of s.examples.slice(0, 3))
      msgs.push(error(msg('ERR_SIDE_ROW_SKIPPED', { where: `${e.file}:${e.row} ${e.column}`, message: e.msg ?? e.message })));
  const rejectedRows = run.files.reduce((a, f) => a + f.rejected, 0);
  if (rejectedRows) {
    const errs = run.log.summary().filter((s) => s.severity === 'error' && ISSUE_CODES[s.code]);
    msgs.push(error(msg('ERR_ROWS_REJECTED', { rows: rejectedRows, list: errs.map((s) => `${s.code} ×${s.count}`).join(', ') })));
  }
  const breaches = view.breaches;
  const SHOWN = 20;
  for (const b of breaches.slice(0, SHOWN)) msgs.push(error(b));
  if (breaches.length > SHOWN) msgs.push(error(msg('ERR_THRESHOLD_MORE', { more: breaches.length - SHOWN, all: breaches.length })));
  return msgs;
}
