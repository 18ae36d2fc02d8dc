/**
 * `salesperf insights FILES...`: the analysis of src/app/insights.ts as a table, JSON or Markdown.
 * CSV and XLSX are refused (usage error, exit 2): the sections have different shapes; the JSON
 * document has every figure. Exit 1 when rows were rejected (as `report`), else 0.
 */
import { EXIT, SalesperfError, inputError } from '../errors.js';
import { configInput } from '../io/write.js';
import { openAtomicStream } from '../io/atomic-stream.js';
import { currencySymbol } from '../core/format.js';
import { msg } from '../core/message-catalog.js';
import { orgColumn } from '../engine/org.js';
import { calendarOf } from '../app/analyse.js';
import { reportHasDataIssues } from '../app/report.js';
import { checkInsightsOptions, insights, InsightsLedger, type InsightsOptions } from '../app/insights.js';
import { parseStageProbabilities, PipelineLedger } from '../app/insights-pipeline.js';
import { readFile } from 'node:fs/promises';
import type { SalesRecord } from '../ingest/record.js';
import type { IngestRun } from '../ingest/read.js';
import type { Analysis } from '../app/analyse.js';
import type { InsightsDoc } from '../schema/insights-output.js';
import type { CliIO } from './io.js';
import { error, formatMessages, type Message, note, warning } from './messages.js';
import { FORMATS, formatExtensionNote } from './options.js';
import { loadConfig, outputFormat } from './ingest-options.js';
import { progressFor } from './progress.js';
import { analyse, type AnalysisFlags } from './pipeline.js';

export interface InsightsFlags extends AnalysisFlags, InsightsOptions {
  format?: string;
  out?: string;
  color?: boolean;
  quiet?: boolean;
  lang?: string;
  currency?: string;
  stageProbabilities?: string;
}

const RECORD_DIMS = ['rep', 'customer', 'team', 'region', 'product', 'channel', 'status', 'dealId', 'currency'] as const;

export async function insightsCommand(files: string[], flags: InsightsFlags, io: CliIO): Promise<number> {
  const format = outputFormat(flags, FORMATS.insights, 'table');
  const lang = (flags.lang ?? 'en') as 'en' | 'zh';
  const checks = checkInsightsOptions(flags);
  const calendar = calendarOf(flags);
  const first = flags.by?.split(',')[0]?.trim();
  const groups = ledgerGroups(flags, first);
  const given =
    flags.stageProbabilities !== undefined ? await stageProbabilities(flags.stageProbabilities) : configStageProbabilities(flags.config);
  let ledger: InsightsLedger | null = null;
  let groupOf: ((r: SalesRecord) => string | null) | null = null;
  const pipeline = new PipelineLedger(calendar);
  const onBatch = (batch: SalesRecord[], run: IngestRun) => {
    if (!ledger) ledger = new InsightsLedger(calendar, (groupOf ??= groups.resolve(run)));
    ledger.add(batch);
    pipeline.add(batch);
  };
  const a = await analyse(files, flags, { onBatch, progress: progressFor(io, flags.quiet, format === 'json' && !flags.out) });
  const currency = flags.currency ?? (a.run.currencies.size === 1 ? [...a.run.currencies][0]! : null);
  const groupName = groups.viaRep && a.org && first ? repLevel(a, first) : undefined;
  // the weighted pipeline needs open deals: only files with a status/stage column can have them
  const hasStatus = a.run.files.some((f) => f.mapping.status !== undefined);
  const unreadOpen = a.run.log.summary().find((x) => x.code === 'OPEN_UNDATED')?.count ?? 0;
  const doc = insights(a, ledger, checks, {
    lang,
    currency,
    ...(groupName ? { groupName } : {}),
    ...(hasStatus || given ? { pipeline: { ledger: pipeline, given, unreadOpen } } : {}),
  });
  await writeInsights(doc, { a, ledger, format, lang, currency, flags, io });
  const msgs = insightsMessages(a, flags, format);
  if (msgs.length) io.stderr(formatMessages(msgs, lang));
  return reportHasDataIssues(a) ? EXIT.dataIssues : EXIT.ok;
}

/**
 * The ledger's group token: a record field, a column's text, or the rep (an org
 * level, resolved after reading; `viaRep` says so once `resolve` has run).
 */
function ledgerGroups(
  flags: InsightsFlags,
  first: string | undefined,
): { resolve: (run: IngestRun) => (r: SalesRecord) => string | null; viaRep: boolean } {
  const out = {
    viaRep: false,
    resolve: (run: IngestRun): ((r: SalesRecord) => string | null) => {
      const name = first ?? (run.files.some((f) => f.mapping.rep !== undefined) ? 'rep' : undefined);
      if (name === undefined) return () => null;
      const lower = name.toLowerCase();
      if (flags.org && !['rep', 'customer', 'product', 'channel', 'status', 'dealid', 'currency'].includes(lower)) {
        out.viaRep = true;
        return (r) => r.rep;
      }
      let field = RECORD_DIMS.find((f) => f.toLowerCase() === lower);
      if (!field)
        for (const f of run.files)
          for (const [k, h] of Object.entries(f.mapping))
            if (h.trim().toLowerCase() === lower && (RECORD_DIMS as readonly string[]).includes(k))
              field = k as (typeof RECORD_DIMS)[number];
      if (field) {
        const fld = field;
        return (r) => r[fld];
      }
      return (r) => {
        const i = run.dimensions.find(name);
        const v = i === undefined ? undefined : r.extra[i];
        return v === undefined || v === '' ? null : v;
      };
    },
  };
  return out;
}

/** The document in the chosen format, to stdout or atomically to `--out`. */
async function writeInsights(
  doc: InsightsDoc,
  o: {
    a: Analysis;
    ledger: InsightsLedger | null;
    format: string;
    lang: 'en' | 'zh';
    currency: string | null;
    flags: InsightsFlags;
    io: CliIO;
  },
): Promise<void> {
  const { a, ledger, format, lang, currency, flags, io } = o;
  const toFile = Boolean(flags.out && flags.out !== '-');
  const file = toFile ? openAtomicStream(flags.out!, [...a.inputs, configInput(flags.config)]) : null;
  const sink = (t: string) => (file ? file.write(t) : io.stdout(t));
  try {
    if (format === 'json') sink(`${JSON.stringify(doc, null, 2)}\n`);
    else if (format === 'html') {
      const { insightsHtml } = await import('../render/html/insights.js');
      const { insightsChartData } = await import('../render/html/insights-data.js');
      sink(
        await insightsHtml({
          doc,
          data: insightsChartData(a, ledger, doc),
          lang,
          currency: currencySymbol(currency),
          inputs: a.run.files.map((f) => ({ file: f.file, rowsRead: f.rowsRead, accepted: f.accepted })),
        }),
      );
    } else if (format === 'md') {
      const { writeInsightsMarkdown } = await import('../render/insights.js');
      writeInsightsMarkdown(doc, { lang, currency: currencySymbol(currency) }, sink);
    } else {
      const { writeInsightsTable } = await import('../render/insights.js');
      const width = io.stdoutIsTTY ? (io.columns ?? 80) : Number(io.env.COLUMNS) || 160;
      writeInsightsTable(doc, { lang, currency: currencySymbol(currency), width }, sink);
    }
    if (file) await file.commit();
  } catch (e) {
    if (file) await file.abort().catch(() => undefined);
    if (file && !(e instanceof SalesperfError))
      throw inputError('OUT_UNWRITABLE', msg('OUT_UNWRITABLE', { file: flags.out!, reason: (e as Error).message }));
    throw e;
  }
}

/** The run's notes and warnings (unless --quiet) and the rows left out, for stderr. */
function insightsMessages(a: Analysis, flags: InsightsFlags, format: string): Message[] {
  const msgs: Message[] = [];
  if (!flags.quiet) {
    for (const f of a.run.files) for (const w of f.warnings) msgs.push(note(w));
    for (const n of a.notes) msgs.push(note(n));
    const extNote = formatExtensionNote(flags, format);
    if (extNote) msgs.push(note(extNote));
    const warn = a.run.log.summary().filter((s) => s.severity === 'warning');
    if (warn.length) msgs.push(warning(msg('WARN_ISSUES', { list: warn.map((s) => `${s.code} ×${s.count}`).join(', ') })));
  }
  const rejectedRows = a.run.files.reduce((n, f) => n + f.rejected, 0);
  if (rejectedRows) msgs.push(error(msg('ERR_ROWS_LEFT_OUT', { rows: rejectedRows })));
  return msgs;
}

/** The --stage-probabilities file, read (exit 3 when it cannot be) and checked (exit 2 naming the bad keys). */
async function stageProbabilities(file: string): Promise<Map<string, number>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw inputError(
      'STAGE_PROBABILITIES_READ',
      msg('FLAG_STAGE_PROBABILITIES_READ', { file, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }),
    );
  }
  return parseStageProbabilities(text, file);
}

/** The config's `stageProbabilities` (checked by the config schema, then as a probability file: stages repeated once normalised are refused). */
function configStageProbabilities(path: string | undefined): Map<string, number> | null {
  const { config, path: p } = loadConfig(path);
  if (!config.stageProbabilities) return null;
  return parseStageProbabilities(JSON.stringify(config.stageProbabilities), `${p}: stageProbabilities`);
}

/** rep → its org level (team, manager, region …) for the ledger's tokens. */
function repLevel(a: Analysis, name: string): ((rep: string) => string | null) | undefined {
  const org = a.org!;
  const c = orgColumn(org, name);
  if (c === undefined) return undefined;
  return (rep) => org.byRep.get(rep)?.[c] ?? null;
}
