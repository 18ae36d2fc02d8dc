/**
 * Files → validated records, streamed in batches. Per file: open the right
 * reader, find the header, map columns, infer formats from the first rows,
 * compile a builder, then run every row through it. Duplicate and deal-id
 * checks span all files of the run.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { isoDate } from '../core/dates.js';
import { type DateOrder } from '../core/parse-date.js';
import { type DecimalSeparator, parseDecimal } from '../core/parse-number.js';
import { type Status, statusTable } from '../core/status.js';
import { usageError } from '../errors.js';
import { openCsv } from '../io/csv-reader.js';
import { DateCell, type Cell, type RowBatch, type RowSource, type SourceInfo } from '../io/source.js';
import type { Malformed } from '../io/csv-split.js';
import { openXlsx } from '../io/xlsx-reader.js';
import { DealIndex, HashTable, Strings, packLocation, rowHash, unpackLocation } from './checks.js';
import { detectHeaderRow, inferDateColumn, inferNumberColumn, outlierFence } from './infer.js';
import { coded, type Issue, IssueLog } from './issues.js';
import { didYouMeanOf, msg, type Msg, renderMsg } from '../core/message-catalog.js';
import { type Field, FIELDS, mapColumns, type MappingProblem, type MappingResult } from './mapping.js';
import { buildRow, compileBuilder, isBlankRow, type BuilderPlan, type SalesRecord } from './record.js';
import { parallelBatches, rangeStarts, RangeDecoder } from './parallel.js';
import type { WorkerInput } from './columns.js';

export interface IngestOptions {
  map?: Partial<Record<Field, string>>;
  /** Where each `map` entry came from, for messages (`--map date=Datum`, `salesperf.config.json: map.date`). */
  mapSources?: Partial<Record<Field, string>>;
  /** 1-based row number of the header as the user sees it. */
  headerRow?: number;
  dateFormat?: DateOrder | 'ymd';
  decimal?: DecimalSeparator;
  statuses?: Partial<Record<Status, string[]>>;
  /** Day number; dates after it are flagged. */
  asOf: number | null;
  /** Years after the as-of date a row's date may be (default 5); later dates are DATE_OUT_OF_RANGE. */
  futureYears?: number;
  /** Years before the as-of date a row's date may be (default 50, never before 1900); earlier dates are DATE_OUT_OF_RANGE. */
  pastYears?: number;
  strict?: boolean;
  sheet?: string;
  encoding?: string;
  delimiter?: string;
  csvEngine?: 'fast' | 'csv-parse';
  /** Threads reading a file: the main thread plus n - 1 parsing workers (one at most for a workbook; 1 = no workers); default 2 for big files. */
  threads?: number;
  sampleRows?: number;
  /** Hash every CSV's bytes while reading it (sha256, hex, lands in FileReport.sha256). */
  hashInputs?: boolean;
  /** Bytes read of the current file and its size, for a progress bar. */
  onProgress?: (file: string, bytes: number, total: number | undefined) => void;
  /** Called with each rejected row and its issues (for --rejects). */
  onReject?: (file: string, row: number, cells: Cell[], issues: Issue[]) => void;
  /** Inputs that are not files (records or a CSV stream in memory, from the library: ingest/memory-source.ts), by their name in the paths. */
  sources?: ReadonlyMap<string, SourceOpener>;
}

/** Opens an input that is not a file, once. */
export type SourceOpener = (
  o: IngestOptions,
  extra: { onBytes?: (b: Uint8Array) => void; onProgress?: (n: number) => void },
) => Promise<RowSource>;

export interface FileReport extends Pick<SourceInfo, 'file' | 'kind' | 'sheet' | 'encoding' | 'encodingReason' | 'delimiter'> {
  headerRow: number;
  /** sha256 of the file's bytes, when hashed while reading. */
  sha256?: string;
  headers: string[];
  /** field → header used. */
  mapping: Partial<Record<Field, string>>;
  mappedBy: Partial<Record<Field, 'auto' | 'map'>>;
  dimensions: string[];
  formats: { date?: string; createdDate?: string; decimal: DecimalSeparator };
  rowsRead: number;
  accepted: number;
  rejected: number;
  excluded: number;
  statusCounts: Partial<Record<Status, number>>;
  warnings: string[];
  /** `warnings` as catalogue messages where converted (the same order); not part of JSON output. */
  warningMsgs?: (string | Msg)[];
}

/** Registry of extra (non-canonical) columns across the files of a run. */
export class Dimensions {
  private readonly interner = new Strings();
  get names(): readonly string[] {
    return this.interner.values;
  }
  indexOf(name: string): number {
    return this.interner.id(name);
  }
  /** Index of a column by exact, then case-insensitive name. */
  find(name: string): number | undefined {
    const exact = this.interner.values.indexOf(name);
    if (exact >= 0) return exact;
    const i = this.interner.values.findIndex((n) => n.toLowerCase() === name.toLowerCase());
    return i >= 0 ? i : undefined;
  }
}

export interface IngestRun {
  log: IssueLog;
  files: FileReport[];
  dimensions: Dimensions;
  /** Unknown status values and how often they occur. */
  unknownStatuses: Map<string, number>;
  /** Currency codes seen in a currency column (upper case). */
  currencies: Set<string>;
  /** Threads that read each file (1 = the main thread alone); not part of any report, whose bytes must not depend on the machine. */
  threads: number[];
}

export function isXlsxPath(path: string): boolean {
  return ['.xlsx', '.xlsm', '.xls', '.xltx'].includes(extname(path).toLowerCase());
}

export async function openSource(
  path: string,
  o: IngestOptions,
  extra: { onBytes?: (b: Uint8Array) => void; onProgress?: (n: number) => void } = {},
): Promise<RowSource> {
  const memory = o.sources?.get(path);
  if (memory) return memory(o, extra);
  if (path !== '-' && isXlsxPath(path))
    return openXlsx(path, o.sheet !== undefined ? { sheet: o.sheet } : { usable: (rows) => hasDateAndAmount(rows, o.map) });
  return openCsv(path, {
    ...extra,
    ...(o.delimiter !== undefined ? { delimiter: o.delimiter } : {}),
    ...(o.encoding !== undefined ? { encoding: o.encoding } : {}),
    ...(o.csvEngine !== undefined ? { engine: o.csvEngine } : {}),
  });
}

function mappingMessage(
  file: string,
  headers: string[],
  p: MappingProblem,
  sample: Cell[][],
  sources: IngestOptions['mapSources'] = {},
): Msg {
  switch (p.code) {
    case 'MAP_AMBIGUOUS': {
      const both = p.headers.map((h) => JSON.stringify(h));
      const maps = p.headers.map((h) => `--map ${p.field}=${quoteArg(h)}`);
      return msg('MAP_AMBIGUOUS', { file, headers: both.join(' and '), field: p.field, maps: maps.join(' or ') });
    }
    case 'MAP_MISSING': {
      let candidates: Msg | '' = '';
      if (p.field === 'amount') {
        const numeric = headers.filter(
          (_, i) =>
            sample.length > 0 &&
            sample.every((r) => r[i] === undefined || r[i] === '' || (typeof r[i] === 'string' && parseDecimal(r[i] as string) !== null)),
        );
        if (numeric.length) candidates = msg('MAP_MISSING_NUMERIC', { headers: numeric.map((h) => JSON.stringify(h)).join(', ') });
      } else if (p.field === 'date') {
        const dated = headers.filter((_, i) => sample.length > 0 && sample.some((r) => r[i] instanceof DateCell || inferLooksDate(r[i])));
        if (dated.length) candidates = msg('MAP_MISSING_DATED', { headers: dated.map((h) => JSON.stringify(h)).join(', ') });
      }
      return msg('MAP_MISSING', { file, field: p.field, candidates });
    }
    case 'MAP_UNKNOWN_HEADER':
      return msg('MAP_UNKNOWN_HEADER', {
        file,
        source: sources[p.field] ?? `--map ${p.field}=${quoteArg(p.header)}`,
        header: JSON.stringify(p.header),
        suggest: didYouMeanOf(p.header, headers),
      });
    case 'MAP_DUPLICATE_HEADER':
      return msg('MAP_DUPLICATE_HEADER', { file, header: JSON.stringify(p.header) });
  }
}

/** Whether header detection on these top rows finds a date and an amount column (how a workbook's default sheet is chosen). */
function hasDateAndAmount(rows: Cell[][], map: IngestOptions['map']): boolean {
  const h = detectHeaderRow(rows, Object.values(map ?? {}));
  const headers = (rows[h] ?? []).map((c) => (typeof c === 'string' ? c : ''));
  const m = mapColumns(headers, map);
  return m.columns.date !== undefined && m.columns.amount !== undefined;
}

function inferLooksDate(c: Cell | undefined): boolean {
  return typeof c === 'string' && /^\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}/.test(c.trim());
}

function quoteArg(s: string): string {
  return /^[\w.-]+$/.test(s) ? s : JSON.stringify(s);
}

/**
 * The checks that span rows and files, in file order: a row repeating an
 * earlier one (DUPLICATE_ROW) and a deal id seen before with another date,
 * customer, rep or status (DEAL_CONFLICT). One per run; `startFile` before
 * each file's rows.
 */
export class CrossRowChecks {
  private readonly seenRows = new HashTable();
  readonly customerIds = new Strings();
  readonly repIds = new Strings();
  readonly deals = new DealIndex(this.customerIds, this.repIds);
  private readonly fileNames: string[] = [];
  private source = 0;
  private file = '';
  private dealColumn = '';
  private strict = false;

  /** The file whose rows come next: its index in the run, its name (with the sheet, for "first seen at"), its deal id header. */
  startFile(source: number, file: string, name: string, dealColumn: string | undefined, strict: boolean): void {
    this.source = source;
    this.file = file;
    this.fileNames[source] = name;
    this.dealColumn = dealColumn ?? '';
    this.strict = strict;
  }

  private whereAt(packed: number): string {
    const { source, row } = unpackLocation(packed);
    return `${this.fileNames[source]}:${row}`;
  }

  /** Push the row's cross-row issues onto `issues` and give the record its customer and deal keys. */
  check(rec: SalesRecord | null, line: number, hash: number, issues: Issue[], repKey?: number): void {
    const severity = this.strict ? 'error' : 'warning';
    const first = this.seenRows.getOrSet(hash, packLocation(this.source, line));
    if (first >= 0)
      issues.push({
        code: 'DUPLICATE_ROW',
        severity,
        ...coded(msg('I_DUPLICATE_ROW', { where: this.whereAt(first) })),
        file: this.file,
        row: line,
      });
    if (!rec) return;
    if (rec.customer !== null && rec.customerKey === undefined) rec.customerKey = this.customerIds.id(rec.customer);
    if (rec.dealId === null) return;
    const dk = rec.dealKey ?? this.deals.id(rec.dealId);
    rec.dealKey = dk;
    const d = this.deals.check(dk, rec.date, rec.customerKey ?? -1, repKey ?? this.repIds.id(rec.rep), rec.status, this.source, line);
    if (d === null || d.location < 0) return;
    const diff: Msg[] = [];
    if (d.date !== rec.date) diff.push(msg('I_DC_DATE', { now: isoDate(rec.date), was: isoDate(d.date) }));
    if (d.customer !== rec.customer)
      diff.push(msg('I_DC_CUSTOMER', { now: JSON.stringify(rec.customer), was: JSON.stringify(d.customer) }));
    if (d.rep !== rec.rep) diff.push(msg('I_DC_REP', { now: JSON.stringify(rec.rep), was: JSON.stringify(d.rep) }));
    if (d.status !== rec.status) diff.push(msg('I_DC_STATUS', { now: rec.status, was: d.status }));
    issues.push({
      code: 'DEAL_CONFLICT',
      severity,
      ...coded(msg('I_DEAL_CONFLICT', { deal: JSON.stringify(rec.dealId), diff, where: this.whereAt(d.location) })),
      file: this.file,
      row: line,
      column: this.dealColumn,
      value: rec.dealId,
    });
  }
}

/** What planFile needs to know about a file: where it is from, its header and mapping, and the rows below the header it sampled. */
export interface FileSample {
  file: string;
  sheet?: string;
  kind: SourceInfo['kind'];
  typedNumbers: boolean;
  date1904: boolean;
  /** The file's index in the run. */
  source: number;
  headers: string[];
  columns: MappingResult['columns'];
  /** Extra columns: [column, index in the run's dimensions]. */
  extras: [number, number][];
  rows: Cell[][];
}

/**
 * Decide how to read a file from its sample: date orders, decimal separators,
 * the outlier fence, and the builder plan with them. Pure; an ambiguous date
 * or number column is a usage error naming the file and column.
 */
export function planFile(
  sample: FileSample,
  options: IngestOptions,
  statuses = statusTable(options.statuses),
): { plan: BuilderPlan; formats: FileReport['formats'] } {
  const { file, headers, columns } = sample;
  const columnValues = (i: number | undefined) => (i === undefined ? [] : sample.rows.map((r) => r[i] ?? ''));
  const dateDecision = (field: 'date' | 'createdDate') => {
    const d = inferDateColumn(columnValues(columns[field]), options.dateFormat ?? null);
    if (d.kind === 'ambiguous') {
      throw usageError(
        'DATE_AMBIGUOUS',
        msg('DATE_AMBIGUOUS', {
          file,
          column: JSON.stringify(headers[columns[field]!]),
          examples: d.examples.map((e) => JSON.stringify(e)).join(', '),
          rows: sample.rows.length,
        }),
        msg('DATE_AMBIGUOUS_HINT'),
      );
    }
    return d;
  };
  const dd = dateDecision('date');
  const cd = columns.createdDate !== undefined ? dateDecision('createdDate') : { kind: 'ok' as const, order: null, serials: false };
  const orderName = (o: DateOrder | null, serials: boolean) =>
    o === 'dmy' ? 'day-first' : o === 'mdy' ? 'month-first' : serials ? 'excel serial' : 'year-first/unambiguous';
  const decimal = columns.amount !== undefined ? numberDecision(sample, 'amount', options) : '.';
  const quantityDecimal = columns.quantity !== undefined ? numberDecision(sample, 'quantity', options) : '.';
  const formats: FileReport['formats'] = { decimal: '.' };
  formats.date = orderName(dd.order, dd.serials) + (dd.decidedBy ? ` (decided by ${JSON.stringify(dd.decidedBy)})` : '');
  if (columns.createdDate !== undefined) formats.createdDate = orderName(cd.order, cd.serials);
  formats.decimal = decimal;
  const plan: BuilderPlan = {
    file,
    ...(sample.sheet !== undefined ? { sheet: sample.sheet } : {}),
    source: sample.source,
    headers,
    columns,
    extras: sample.extras,
    dateOrder: dd.order,
    // in a workbook a plain number in a date column is an Excel serial (a cell without a date format)
    dateSerials: dd.serials || sample.kind === 'xlsx',
    createdOrder: cd.order,
    createdSerials: cd.serials || sample.kind === 'xlsx',
    date1904: sample.date1904,
    decimal,
    quantityDecimal,
    statuses,
    outlierFence: outlierFence(amountLogs(sample, decimal)),
    asOf: options.asOf,
    ...(options.futureYears !== undefined ? { futureYears: options.futureYears } : {}),
    ...(options.pastYears !== undefined ? { pastYears: options.pastYears } : {}),
    strict: options.strict ?? false,
  };
  return { plan, formats };
}

function numberDecision(sample: FileSample, field: 'amount' | 'quantity', options: IngestOptions): DecimalSeparator {
  if (options.decimal) return options.decimal;
  const i = sample.columns[field]!;
  const d = inferNumberColumn(
    sample.rows.map((r) => r[i] ?? ''),
    sample.typedNumbers,
  );
  const name = JSON.stringify(sample.headers[i]);
  const file = sample.file;
  if (d.kind === 'ambiguous') {
    throw usageError(
      'DECIMAL_AMBIGUOUS',
      msg('DECIMAL_AMBIGUOUS', {
        file,
        column: name,
        examples: d.examples.map((e) => JSON.stringify(e)).join(', '),
        rows: sample.rows.length,
      }),
      msg('DECIMAL_AMBIGUOUS_HINT'),
    );
  }
  if (d.kind === 'conflict') {
    throw usageError(
      'DECIMAL_CONFLICT',
      msg('DECIMAL_CONFLICT', { file, column: name, point: JSON.stringify(d.point), comma: JSON.stringify(d.comma) }),
      msg('DECIMAL_CONFLICT_HINT'),
    );
  }
  return d.decimal;
}

/** log10 of the sample's non-zero amounts (for the outlier fence). */
function amountLogs(sample: FileSample, decimal: DecimalSeparator): number[] {
  const logs: number[] = [];
  const i = sample.columns.amount;
  if (i === undefined) return logs;
  for (const r of sample.rows) {
    const c = r[i];
    const d = typeof c === 'string' ? parseDecimal(c, { decimal }) : null;
    if (d && d.units !== 0 && d.units !== 0n) logs.push(Math.log10(Math.abs(Number(d.units)) / 10 ** d.scale));
  }
  return logs;
}

/** The top of a file, buffered for header detection and format inference. */
interface FileTop {
  rows: Cell[][];
  lines: number[];
  bad: Set<number>;
  unclosed: Set<number>;
  eof: boolean;
}

async function readTop(it: AsyncIterator<RowBatch>, need: number): Promise<FileTop> {
  const top: FileTop = { rows: [], lines: [], bad: new Set(), unclosed: new Set(), eof: false };
  while (top.rows.length < need) {
    const r = await it.next();
    if (r.done) {
      top.eof = true;
      break;
    }
    const b: RowBatch = r.value;
    for (const k of b.malformed ?? []) top.bad.add(top.rows.length + k);
    for (const k of b.unclosed ?? []) top.unclosed.add(top.rows.length + k);
    for (let k = 0; k < b.rows.length; k++) {
      top.rows.push(b.rows[k]!);
      top.lines.push(b.lines[k]!);
    }
  }
  return top;
}

function emptyReport(info: SourceInfo, headers: string[], headerRow: number): FileReport {
  return {
    file: info.file,
    kind: info.kind,
    ...(info.sheet !== undefined ? { sheet: info.sheet } : {}),
    ...(info.encoding !== undefined ? { encoding: info.encoding, encodingReason: info.encodingReason! } : {}),
    ...(info.delimiter !== undefined ? { delimiter: info.delimiter } : {}),
    headerRow,
    headers,
    mapping: {},
    mappedBy: {},
    dimensions: [],
    formats: { decimal: '.' },
    rowsRead: 0,
    accepted: 0,
    rejected: 0,
    excluded: 0,
    statusCounts: {},
    warnings: info.warnings.map((w) => renderMsg(w, 'en')),
    warningMsgs: [...info.warnings],
  };
}

/** The header's index in the top rows: --header-row, else detected. */
function headerIndex(top: FileTop, options: IngestOptions, file: string): number {
  if (options.headerRow === undefined) return top.rows.length ? detectHeaderRow(top.rows, Object.values(options.map ?? {})) : 0;
  const h = top.lines.indexOf(options.headerRow);
  if (h < 0) throw usageError('FLAG_HEADER_ROW', msg('FLAG_HEADER_ROW', { row: options.headerRow, file }));
  return h;
}

/** Map the header; a mapping that cannot work stops the run with every problem, a duplicate header is a warning. */
function mapFile(
  headers: string[],
  info: SourceInfo,
  sample: Cell[][],
  options: IngestOptions,
  addWarning: (m: Msg) => void,
): MappingResult {
  const file = info.file;
  const m = mapColumns(headers, options.map);
  const fatal = m.problems.filter((p) => p.code !== 'MAP_DUPLICATE_HEADER');
  if (fatal.length) {
    if (fatal.filter((p) => p.code === 'MAP_MISSING').length === 2) {
      const sheets = info.sheets && info.sheets.length > 1 ? info.sheets : null;
      const quoted = headers.map((x) => JSON.stringify(x)).join(', ');
      if (sheets)
        throw usageError(
          'MAPPING',
          msg('NOT_SALES_EXPORT_SHEETS', {
            file,
            sheet: JSON.stringify(info.sheet),
            headers: quoted,
            sheets: sheets.map((s, i) => `${i + 1} ${JSON.stringify(s)}`).join(', '),
          }),
          msg('NOT_SALES_EXPORT_SHEETS_HINT'),
        );
      throw usageError('MAPPING', msg('NOT_SALES_EXPORT', { file, headers: quoted }), msg('NOT_SALES_EXPORT_HINT'));
    }
    const msgs = fatal.map((p) => mappingMessage(file, headers, p, sample.slice(0, 200), options.mapSources));
    // the headers once, after every problem
    if (fatal.some((p) => p.code !== 'MAP_AMBIGUOUS'))
      msgs.push(msg('MAP_HEADERS', { file, headers: headers.map((x) => JSON.stringify(x)).join(', ') }));
    throw usageError('MAPPING', msg('LINES', { lines: msgs }));
  }
  for (const p of m.problems) addWarning(mappingMessage(file, headers, p, sample, options.mapSources));
  return m;
}

/** The per-file end of a row's handling, in file order: the cross-row checks, the log, the counts, the record handed on or the rejection. */
class FileRows {
  /** Reused per row: consumers read it before the next row. */
  private readonly rowIssues: Issue[] = [];
  private readonly build: ReturnType<typeof compileBuilder>;
  /** A sheet does not store trailing empty cells. */
  private readonly padRows: boolean;

  constructor(
    private readonly run: IngestRun,
    private readonly report: FileReport,
    private readonly checks: CrossRowChecks,
    private readonly options: IngestOptions,
    private readonly info: SourceInfo,
    plan: BuilderPlan,
  ) {
    this.build = compileBuilder(plan, (issue) => this.rowIssues.push(issue));
    this.padRows = info.kind === 'xlsx';
  }

  settle(
    rec: SalesRecord | null,
    excluded: boolean,
    line: number,
    hash: number,
    issues: Issue[],
    cells: readonly Cell[] | null,
    out: SalesRecord[],
    repKey?: number,
  ): void {
    const report = this.report;
    report.rowsRead++;
    this.checks.check(rec, line, hash, issues, repKey);
    if (this.options.strict && issues.some((i) => i.severity === 'error')) rec = null;
    for (const i of issues) {
      if (this.info.sheet !== undefined) i.sheet = this.info.sheet;
      this.run.log.add(i);
      if (i.code === 'STATUS_UNKNOWN' && i.value !== undefined)
        this.run.unknownStatuses.set(i.value, (this.run.unknownStatuses.get(i.value) ?? 0) + 1);
    }
    if (rec) {
      report.accepted++;
      report.statusCounts[rec.status] = (report.statusCounts[rec.status] ?? 0) + 1;
      if (rec.currency !== null) this.run.currencies.add(rec.currency.toUpperCase());
      out.push(rec);
    } else if (excluded) report.excluded++;
    else {
      report.rejected++;
      this.options.onReject?.(report.file, line, (cells ?? []) as Cell[], issues);
    }
  }

  /** Build and settle one row of cells (the one-thread path). */
  row(cells: Cell[], line: number, malformed: Malformed, out: SalesRecord[]): void {
    if (this.padRows) while (cells.length < this.report.headers.length) cells.push('');
    this.rowIssues.length = 0;
    const r = buildRow(this.build, cells, line, malformed, this.report.file, this.rowIssues);
    this.settle(r.record, r.excluded, line, rowHash(cells), this.rowIssues, cells, out);
  }
}

/**
 * Read every file as one data set. Yields arrays of accepted records; the run
 * object is filled in as files are read.
 */
export async function* readRecords(paths: readonly string[], options: IngestOptions, run: IngestRun): AsyncGenerator<SalesRecord[]> {
  const statuses = statusTable(options.statuses);
  const checks = new CrossRowChecks();
  for (let source = 0; source < paths.length; source++) yield* readFile(paths[source]!, source, options, run, checks, statuses);
}

async function* readFile(
  path: string,
  source: number,
  options: IngestOptions,
  run: IngestRun,
  checks: CrossRowChecks,
  statuses: ReturnType<typeof statusTable>,
): AsyncGenerator<SalesRecord[]> {
  const hash = options.hashInputs && path !== '-' && !isXlsxPath(path) && !options.sources?.has(path) ? createHash('sha256') : null;
  let size: number | undefined;
  const src = await openSource(path, options, {
    ...(hash ? { onBytes: (b: Uint8Array) => void hash.update(b) } : {}),
    ...(options.onProgress ? { onProgress: (n: number) => options.onProgress!(path, n, size) } : {}),
  });
  size = src.info.bytes;
  const file = src.info.file;
  const it = src.batches()[Symbol.asyncIterator]();
  const top = await readTop(it, (options.sampleRows ?? 5000) + 30);
  const h = src.info.fixedHeader ? 0 : headerIndex(top, options, file);
  const headers = (top.rows[h] ?? []).map((c) => (typeof c === 'string' ? c : ''));
  const report = emptyReport(src.info, headers, top.lines[h] ?? 1);
  const addWarning = (m: Msg) => {
    report.warnings.push(renderMsg(m, 'en'));
    report.warningMsgs!.push(m);
  };
  run.files.push(report);
  if (headers.length === 0) {
    addWarning(msg('NOTE_NO_ROWS', { file }));
    return;
  }
  if (h > 0) addWarning(msg('NOTE_HEADER_ROW', { file, row: top.lines[h]!, skipped: h }));
  const { rows, plan, extras } = planRows({
    run,
    report,
    checks,
    options,
    statuses,
    info: src.info,
    source,
    headers,
    dataSample: top.rows.slice(h + 1),
    addWarning,
  });

  let digest: string | undefined;
  const threads = parallelThreads(options, src.info, path);
  run.threads[source] = 1;
  if (threads > 1 && !top.eof) {
    run.threads[source] = threads;
    await it.return?.(undefined);
    src.close?.();
    top.rows.length = 0;
    digest = yield* readParallel({
      path,
      info: src.info,
      size: size!,
      threads,
      hash: hash !== null,
      report,
      plan,
      extras,
      checks,
      options,
      rows,
    });
    top.eof = true;
  }
  yield* readSequential(top, h, it, rows);
  if (hash) report.sha256 = digest ?? hash.digest('hex');
  if (run.currencies.size > 1) logMixedCurrency(run, report);
}

/**
 * Maps the file's columns (into its report), plans the per-column parsers from the sample rows
 * and starts the file's cross-row checks: the FileRows that settle its rows, and what the parsing workers need.
 */
function planRows(c: {
  run: IngestRun;
  report: FileReport;
  checks: CrossRowChecks;
  options: IngestOptions;
  statuses: ReturnType<typeof statusTable>;
  info: SourceInfo;
  source: number;
  headers: string[];
  dataSample: Cell[][];
  addWarning: (m: Msg) => void;
}): { rows: FileRows; plan: BuilderPlan; extras: [number, number][] } {
  const { run, report, checks, options, info, source, headers, dataSample } = c;
  const file = info.file;
  const m = mapFile(headers, info, dataSample, options, c.addWarning);
  for (const f of FIELDS) {
    const i = m.columns[f];
    if (i !== undefined) {
      report.mapping[f] = headers[i]!;
      report.mappedBy[f] = m.how[f]!;
    }
  }
  const extras: [number, number][] = m.extra.map((i) => [i, run.dimensions.indexOf(headers[i]!.trim())]);
  report.dimensions = m.extra.map((i) => headers[i]!.trim());
  const sample: FileSample = {
    file,
    ...(info.sheet !== undefined ? { sheet: info.sheet } : {}),
    kind: info.kind,
    typedNumbers: info.typedNumbers,
    date1904: info.date1904 ?? false,
    source,
    headers,
    columns: m.columns,
    extras,
    rows: dataSample,
  };
  const { plan, formats } = planFile(sample, options, c.statuses);
  report.formats = formats;
  checks.startFile(
    source,
    file,
    `${file}${info.sheet ? ` [${info.sheet}]` : ''}`,
    m.columns.dealId !== undefined ? headers[m.columns.dealId]! : undefined,
    options.strict ?? false,
  );
  return { rows: new FileRows(run, report, checks, options, info, plan), plan, extras };
}

/** MIXED_CURRENCY: the files so far hold more than one currency (checked after each file). */
function logMixedCurrency(run: IngestRun, report: FileReport): void {
  run.log.add({
    code: 'MIXED_CURRENCY',
    severity: 'warning',
    ...coded(msg('I_MIXED_CURRENCY', { list: [...run.currencies].sort().join(', ') })),
    file: report.file,
    row: report.headerRow,
    column: report.mapping.currency!,
  });
}

/** The one-thread path: the buffered top, then the rest of the file as the reader yields it. */
async function* readSequential(top: FileTop, h: number, it: AsyncIterator<RowBatch>, rows: FileRows): AsyncGenerator<SalesRecord[]> {
  let out: SalesRecord[] = [];
  for (let k = h + 1; k < top.rows.length; k++) {
    const cells = top.rows[k]!;
    if (isBlankRow(cells)) continue;
    rows.row(cells, top.lines[k]!, top.unclosed.has(k) ? 'unclosed' : top.bad.has(k), out);
    if (out.length >= 4096) {
      yield out;
      out = [];
    }
  }
  top.rows.length = 0;
  if (out.length) yield out;
  while (!top.eof) {
    const r = await it.next();
    if (r.done) break;
    const b = r.value;
    const bad = b.malformed ? new Set(b.malformed) : null;
    const unclosed = b.unclosed ? new Set(b.unclosed) : null;
    out = [];
    for (let k = 0; k < b.rows.length; k++) {
      const cells = b.rows[k]!;
      if (isBlankRow(cells)) continue;
      rows.row(cells, b.lines[k]!, unclosed !== null && unclosed.has(k) ? 'unclosed' : bad !== null && bad.has(k), out);
    }
    if (out.length) yield out;
  }
}

/** The worker path: parsed batches in file order, turned back into records and settled here; returns the file's sha256 when hashing. */
async function* readParallel(o: {
  path: string;
  info: SourceInfo;
  size: number;
  threads: number;
  hash: boolean;
  report: FileReport;
  plan: BuilderPlan;
  extras: [number, number][];
  checks: CrossRowChecks;
  options: IngestOptions;
  rows: FileRows;
}): AsyncGenerator<SalesRecord[], string | undefined> {
  const { path, info, size, checks } = o;
  const xlsx = info.kind === 'xlsx';
  const starts = xlsx ? [0] : await rangeStarts(path, size, o.threads - 1);
  const hashing = o.hash ? hashFile(path) : null;
  const progress = new Float64Array(starts.length);
  const skipThrough = o.report.headerRow;
  const decoder = new RangeDecoder(o.plan.source, o.extras, checks.customerIds, checks.deals, checks.repIds);
  const issues: Issue[] = [];
  const input = {
    path,
    kind: info.kind,
    ...(xlsx ? { sheet: info.sheet! } : {}),
    starts,
    size,
    delimiter: info.delimiter ?? ',',
    encodingReason: (info.encodingReason ?? 'utf8') as WorkerInput['encodingReason'],
    skipThrough,
    plan: o.plan,
    batchSize: 8192,
    ahead: 16,
    wantRejects: o.options.onReject !== undefined,
  };
  for await (const rb of parallelBatches(input)) {
    if (!xlsx) {
      // (a sheet's reader counts no bytes, as on one thread)
      progress[rb.range] = rb.batch.bytes;
      o.options.onProgress?.(
        path,
        progress.reduce((x, y) => x + y, 0),
        size,
      );
    }
    const out: SalesRecord[] = [];
    decoder.load(rb);
    const b = rb.batch;
    for (let i = 0; i < b.n; i++) {
      const line = b.line[i]! + rb.lineBase;
      issues.length = 0;
      decoder.issuesOf(i, issues);
      if (line <= skipThrough) continue;
      const rec = b.outcome[i] === 0 || b.outcome[i] === 3 ? decoder.record(i, line) : null;
      o.rows.settle(rec, b.outcome[i] === 1, line, b.hash[i]!, issues, rec ? null : decoder.cellsOf(i), out, rec ? decoder.repKey(i) : -1);
    }
    if (out.length) yield out;
  }
  return hashing ? await hashing : undefined;
}

/** Inputs at least this big are parsed by worker threads unless --threads says otherwise. */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;
/** The same for a workbook, by the size of its sheet's XML (measured: a worker pays off from about 300,000 rows, some 110 MB of XML). */
export const PARALLEL_MIN_XLSX_BYTES = 128 * 1024 * 1024;

/**
 * How many threads read a file: the main thread (checks across rows and the
 * aggregation, in file order) plus `n - 1` parsing workers, each over its own
 * byte range. More than one only for a UTF-8 CSV file (not stdin) read by the
 * fast engine, without --strict (whose rejections depend on checks made in
 * file order); by default two on a machine with two or more CPUs, and only
 * when the file is big enough to repay starting a worker. More than two
 * measured no faster here: the main thread's share is then the limit.
 */
function parallelThreads(o: IngestOptions, info: SourceInfo, path: string): number {
  if (path === '-' || o.strict || o.sources?.has(path)) return 1;
  if (info.kind === 'xlsx') {
    // one worker reads the sheet (one deflate stream) while the main thread aggregates
    if (o.threads !== undefined) return Math.min(o.threads, 2);
    return (info.bytes ?? 0) >= PARALLEL_MIN_XLSX_BYTES && availableParallelism() >= 2 ? 2 : 1;
  }
  if (info.encoding !== 'utf-8' || o.csvEngine === 'csv-parse') return 1;
  if (o.threads !== undefined) return o.threads;
  if ((info.bytes ?? 0) < PARALLEL_MIN_BYTES) return 1;
  return availableParallelism() >= 2 ? 2 : 1;
}

/** sha256 of a whole file, read on its own (the parsing workers read it in ranges). */
async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export function newRun(): IngestRun {
  return { log: new IssueLog(), files: [], dimensions: new Dimensions(), unknownStatuses: new Map(), currencies: new Set(), threads: [] };
}
