/**
 * The programmatic surface behind `import { report, validate } from 'salesperf'`: typed options
 * (no flags, no config file looked up in the current folder, no clock: `asOf` is required) →
 * the application layer → plain results with notes and breaches as coded data.
 */
import { msg, renderMsg, isMsg, type Msg } from '../core/message-catalog.js';
import { parseDate, parseDateFormatFlag } from '../core/parse-date.js';
import type { Status } from '../core/status.js';
import type { Grain } from '../engine/periods.js';
import { usageError } from '../errors.js';
import { parseDelimiterFlag } from '../io/csv-reader.js';
import type { Field } from '../ingest/mapping.js';
import { memorySources, type MemoryInput } from '../ingest/memory-source.js';
import type { IngestOptions } from '../ingest/read.js';
import type { Severity } from '../ingest/issues.js';
import type { Config } from '../schema/config.js';
import type { Coded, ReportResult } from './report-output.js';
import type { ValidateOutput } from '../schema/validate-output.js';
import { DEFAULT_TARGET_BAND, type TargetBand } from '../engine/target-check.js';
import { analyse as analyseApp, type AnalysisOptions, type ResolvedIngest } from './analyse.js';
import { checkReportOptions, reportDocument, reportHasDataIssues, reportRow, reportView } from './report.js';
import { validate as validateApp } from './validate.js';

/** How to read the input files (what the CLI's ingest flags say). */
export interface InputOptions {
  /** Sales exports, read as one data set: CSV or XLSX paths, records in memory (`{ records }`) or CSV bytes (`{ csv }`: a Node or web stream). */
  files: (string | MemoryInput)[];
  /** The as-of date, YYYY-MM-DD: dates after it are flagged, the current period is paced to it. */
  asOf: string;
  /** Field → header, where the headers are not recognised (`{ amount: 'Net' }`). */
  map?: Partial<Record<Field, string>>;
  /** Extra status values (`{ won: ['Booked'] }`). */
  statuses?: Partial<Record<Status, string[]>>;
  /** dmy, mdy or ymd (default: inferred per file). */
  dateFormat?: string;
  decimal?: '.' | ',';
  headerRow?: number;
  sheet?: string;
  encoding?: string;
  delimiter?: string;
  strict?: boolean;
  /** Reader threads for big files (1 = none). */
  threads?: number;
  /** A config object (as salesperf.config.json holds): its scorecard section is used; the reading options above are not taken from it. */
  config?: Config;
}

/** What to analyse: dimensions, periods and side files. */
export interface AnalyseOptions extends InputOptions {
  by?: string | string[];
  grain?: Grain;
  fiscalStart?: number | string;
  /** A period key (2026-Q3), or a range with from/to. */
  period?: string;
  from?: string;
  to?: string;
  targets?: string;
  spend?: string;
  org?: string;
  targetsMap?: Record<string, string>;
  spendMap?: Record<string, string>;
  splitColumn?: string;
}

export interface ReportOptions extends AnalyseOptions {
  /** KPI ids (default: every KPI the data can give). */
  kpis?: string[];
  /** KPI[:asc]: rows sorted within each period (default descending). */
  sort?: string;
  /** Rows per period after sorting. */
  top?: number;
  /** KPI → lower limit (ratios as fractions: 0.8 = 80%). */
  failUnder?: Record<string, number>;
  /** KPI → upper limit. */
  failOver?: Record<string, number>;
  currency?: string;
}

/** The ingest options of the library's typed options. */
export function resolveIngest(o: InputOptions): ResolvedIngest {
  const asOf = typeof o.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(o.asOf.trim()) ? parseDate(o.asOf) : NaN;
  if (Number.isNaN(asOf)) throw usageError('FLAG_DATE', msg('FLAG_DATE', { flag: 'asOf', value: JSON.stringify(o.asOf) }));
  const options: IngestOptions = { asOf };
  if (o.map && Object.keys(o.map).length) options.map = { ...o.map };
  if (o.statuses) options.statuses = { ...o.statuses };
  if (o.dateFormat !== undefined) {
    const d = parseDateFormatFlag(o.dateFormat);
    if (!d) throw usageError('FLAG_DATE_FORMAT', msg('FLAG_DATE_FORMAT', { flag: 'dateFormat', value: JSON.stringify(o.dateFormat) }));
    options.dateFormat = d;
  }
  if (o.decimal) options.decimal = o.decimal;
  if (o.headerRow !== undefined) options.headerRow = o.headerRow;
  if (o.sheet !== undefined) options.sheet = o.sheet;
  if (o.encoding !== undefined) options.encoding = o.encoding;
  if (o.delimiter !== undefined) options.delimiter = parseDelimiterFlag(o.delimiter);
  if (o.strict) options.strict = true;
  if (o.threads !== undefined) options.threads = o.threads;
  return { options, config: o.config ?? {}, notes: [] };
}

/** The inputs' names (paths as given; `<records>`, `<csv>` for inputs in memory) and the ingest options that open them. */
export function resolveInputs(o: InputOptions): { files: string[]; ingest: ResolvedIngest } {
  if (!Array.isArray(o.files))
    throw usageError(
      'INPUT_KIND',
      msg('INPUT_KIND', { index: 0, records: '{ records }', csv: '{ csv }', type: o.files === null ? 'null' : typeof o.files }),
    );
  const { names, sources } = memorySources(o.files);
  const ingest = resolveIngest(o);
  if (sources.size) ingest.options.sources = sources;
  return { files: names, ingest };
}

/** The library's analysis options in the application layer's (flag-shaped) form. */
export function analysisOptions(o: AnalyseOptions): AnalysisOptions {
  const pairs = (m: Record<string, string> | undefined) => (m ? Object.entries(m).map(([k, v]) => `${k}=${v}`) : undefined);
  const out: AnalysisOptions = {};
  if (o.by !== undefined) out.by = Array.isArray(o.by) ? o.by.join(',') : o.by;
  if (o.grain !== undefined) out.grain = o.grain;
  if (o.fiscalStart !== undefined) out.fiscalStart = String(o.fiscalStart);
  for (const k of ['period', 'from', 'to', 'targets', 'spend', 'org', 'splitColumn'] as const) if (o[k] !== undefined) out[k] = o[k];
  if (o.targetsMap) out.targetsMap = pairs(o.targetsMap)!;
  if (o.spendMap) out.spendMap = pairs(o.spendMap)!;
  return out;
}

/** A catalogue message (or a plain note) as data. */
export function codedOf(m: Msg | string, severity: Severity): Coded {
  if (!isMsg(m)) return { code: 'NOTE', severity, params: {}, message: m };
  return { code: m.id, severity, params: { ...m.params }, message: renderMsg(m, 'en') };
}

/** `salesperf report --format json` as a function: the document with its rows, notes and breaches. */
export async function report(o: ReportOptions): Promise<ReportResult> {
  const flags = {
    ...analysisOptions(o),
    ...(o.kpis ? { kpis: o.kpis.join(',') } : {}),
    ...(o.sort !== undefined ? { sort: o.sort } : {}),
    ...(o.top !== undefined ? { top: String(o.top) } : {}),
    ...(o.currency !== undefined ? { currency: o.currency } : {}),
    failUnder: Object.entries(o.failUnder ?? {}).map(([k, v]) => `${k}=${v}`),
    failOver: Object.entries(o.failOver ?? {}).map(([k, v]) => `${k}=${v}`),
  };
  const checks = checkReportOptions(flags);
  const { files, ingest } = resolveInputs(o);
  const a = await analyseApp(files, { ...flags, hashInputs: true }, ingest);
  const view = reportView(a, files.length, flags, checks, false);
  const doc = await reportDocument(view, flags);
  doc.rows = view.rows.map((_, i) => reportRow(view, i));
  const notes = [...a.run.files.flatMap((f) => f.warnings), ...a.notes].map((n) => codedOf(n, 'info'));
  return {
    ...doc,
    notes,
    breaches: view.breaches.map((b) => codedOf(b, 'error')),
    exitCode: view.breaches.length || reportHasDataIssues(a) ? 1 : 0,
  };
}

export interface ValidateOptions extends AnalyseOptions {
  /** Target-check band: a target over high × or under low × the group's trailing average is flagged. */
  band?: Partial<TargetBand>;
}

/** `salesperf validate --format json` as a function, with the notes as coded data. */
export async function validate(o: ValidateOptions): Promise<ValidateOutput & { notes: Coded[] }> {
  const { files, ingest } = resolveInputs(o);
  const v = await validateApp(
    files,
    { ...analysisOptions(o), ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.delimiter ? { delimiter: o.delimiter } : {}) },
    { ...DEFAULT_TARGET_BAND, ...o.band },
    ingest,
  );
  return { ...v.result, notes: v.notes.map((n) => codedOf(n, 'info')) };
}
