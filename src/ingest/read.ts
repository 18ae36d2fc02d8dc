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
import { type Field, FIELDS, mapColumns, type MappingProblem } from './mapping.js';
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
}

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

export async function openSource(path: string, o: IngestOptions, extra: { onBytes?: (b: Uint8Array) => void; onProgress?: (n: number) => void } = {}): Promise<RowSource> {
  if (path !== '-' && isXlsxPath(path)) return openXlsx(path, o.sheet !== undefined ? { sheet: o.sheet } : { usable: (rows) => hasDateAndAmount(rows, o.map) });
  return openCsv(path, {
    ...extra,
    ...(o.delimiter !== undefined ? { delimiter: o.delimiter } : {}),
    ...(o.encoding !== undefined ? { encoding: o.encoding } : {}),
    ...(o.csvEngine !== undefined ? { engine: o.csvEngine } : {}),
  });
}

function mappingMessage(file: string, headers: string[], p: MappingProblem, sample: Cell[][], sources: IngestOptions['mapSources'] = {}): Msg {
  switch (p.code) {
    case 'MAP_AMBIGUOUS': {
      const both = p.headers.map((h) => JSON.stringify(h));
      const maps = p.headers.map((h) => `--map ${p.field}=${quoteArg(h)}`);
      return msg('MAP_AMBIGUOUS', { file, headers: both.join(' and '), field: p.field, maps: maps.join(' or ') });
    }
    case 'MAP_MISSING': {
      let candidates: Msg | '' = '';
      if (p.field === 'amount') {
        const numeric = headers.filter((_, i) => sample.length > 0 && sample.every((r) => r[i] === undefined || r[i] === '' || (typeof r[i] === 'string' && parseDecimal(r[i] as string) !== null)));
        if (numeric.length) candidates = msg('MAP_MISSING_NUMERIC', { headers: numeric.map((h) => JSON.stringify(h)).join(', ') });
      } else if (p.field === 'date') {
        const dated = headers.filter((_, i) => sample.length > 0 && sample.some((r) => r[i] instanceof DateCell || inferLooksDate(r[i])));
        if (dated.length) candidates = msg('MAP_MISSING_DATED', { headers: dated.map((h) => JSON.stringify(h)).join(', ') });
      }
      return msg('MAP_MISSING', { file, field: p.field, candidates });
    }
    case 'MAP_UNKNOWN_HEADER':
      return msg('MAP_UNKNOWN_HEADER', { file, source: sources[p.field] ?? `--map ${p.field}=${quoteArg(p.header)}`, header: JSON.stringify(p.header), suggest: didYouMeanOf(p.header, headers) });
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
 * Read every file as one data set. Yields arrays of accepted records; the run
 * object is filled in as files are read.
 */
export async function* readRecords(paths: readonly string[], options: IngestOptions, run: IngestRun): AsyncGenerator<SalesRecord[]> {
  const statuses = statusTable(options.statuses);
  const seenRows = new HashTable();
  const customerIds = new Strings();
  const repIds = new Strings();
  const deals = new DealIndex(customerIds, repIds);
  const fileNames: string[] = [];
  const whereAt = (packed: number) => {
    const { source, row } = unpackLocation(packed);
    return `${fileNames[source]}:${row}`;
  };
  const currencies = run.currencies;
  const sampleRows = options.sampleRows ?? 5000;

  for (let source = 0; source < paths.length; source++) {
    const path = paths[source]!;
    const hash = options.hashInputs && path !== '-' && !isXlsxPath(path) ? createHash('sha256') : null;
    let size: number | undefined;
    const src = await openSource(path, options, {
      ...(hash ? { onBytes: (b: Uint8Array) => void hash.update(b) } : {}),
      ...(options.onProgress ? { onProgress: (n: number) => options.onProgress!(path, n, size) } : {}),
    });
    size = src.info.bytes;
    const file = src.info.file;
    fileNames[source] = `${file}${src.info.sheet ? ` [${src.info.sheet}]` : ''}`;
    const it = src.batches()[Symbol.asyncIterator]();

    // buffer the top of the file: header detection and format inference
    const pendingRows: Cell[][] = [];
    const pendingLines: number[] = [];
    const pendingBad = new Set<number>();
    const pendingUnclosed = new Set<number>();
    let eof = false;
    const need = sampleRows + 30;
    while (pendingRows.length < need) {
      const r = await it.next();
      if (r.done) {
        eof = true;
        break;
      }
      const b: RowBatch = r.value;
      for (const k of b.malformed ?? []) pendingBad.add(pendingRows.length + k);
      for (const k of b.unclosed ?? []) pendingUnclosed.add(pendingRows.length + k);
      for (let k = 0; k < b.rows.length; k++) {
        pendingRows.push(b.rows[k]!);
        pendingLines.push(b.lines[k]!);
      }
    }
    let h: number;
    if (options.headerRow !== undefined) {
      h = pendingLines.indexOf(options.headerRow);
      if (h < 0) throw usageError('FLAG_HEADER_ROW', msg('FLAG_HEADER_ROW', { row: options.headerRow, file }));
    } else {
      h = pendingRows.length ? detectHeaderRow(pendingRows, Object.values(options.map ?? {})) : 0;
    }
    const headers = (pendingRows[h] ?? []).map((c) => (typeof c === 'string' ? c : ''));
    const report: FileReport = {
      file,
      kind: src.info.kind,
      ...(src.info.sheet !== undefined ? { sheet: src.info.sheet } : {}),
      ...(src.info.encoding !== undefined ? { encoding: src.info.encoding, encodingReason: src.info.encodingReason! } : {}),
      ...(src.info.delimiter !== undefined ? { delimiter: src.info.delimiter } : {}),
      headerRow: pendingLines[h] ?? 1,
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
      warnings: src.info.warnings.map((w) => renderMsg(w, 'en')),
      warningMsgs: [...src.info.warnings],
    };
    const addWarning = (m: Msg) => {
      report.warnings.push(renderMsg(m, 'en'));
      report.warningMsgs!.push(m);
    };
    run.files.push(report);
    if (headers.length === 0) {
      addWarning(msg('NOTE_NO_ROWS', { file }));
      continue;
    }
    if (h > 0) addWarning(msg('NOTE_HEADER_ROW', { file, row: pendingLines[h]!, skipped: h }));

    const m = mapColumns(headers, options.map);
    const dataSample = pendingRows.slice(h + 1);
    const fatal = m.problems.filter((p) => p.code !== 'MAP_DUPLICATE_HEADER');
    if (fatal.length) {
      if (fatal.filter((p) => p.code === 'MAP_MISSING').length === 2) {
        const sheets = src.info.sheets && src.info.sheets.length > 1 ? src.info.sheets : null;
        const quoted = headers.map((x) => JSON.stringify(x)).join(', ');
        if (sheets)
          throw usageError(
            'MAPPING',
            msg('NOT_SALES_EXPORT_SHEETS', { file, sheet: JSON.stringify(src.info.sheet), headers: quoted, sheets: sheets.map((s, i) => `${i + 1} ${JSON.stringify(s)}`).join(', ') }),
            msg('NOT_SALES_EXPORT_SHEETS_HINT'),
          );
        throw usageError('MAPPING', msg('NOT_SALES_EXPORT', { file, headers: quoted }), msg('NOT_SALES_EXPORT_HINT'));
      }
      const msgs = fatal.map((p) => mappingMessage(file, headers, p, dataSample.slice(0, 200), options.mapSources));
      // the headers once, after every problem
      if (fatal.some((p) => p.code !== 'MAP_AMBIGUOUS')) msgs.push(msg('MAP_HEADERS', { file, headers: headers.map((x) => JSON.stringify(x)).join(', ') }));
      throw usageError('MAPPING', msg('LINES', { lines: msgs }));
    }
    for (const p of m.problems) addWarning(mappingMessage(file, headers, p, dataSample, options.mapSources));
    for (const f of FIELDS) {
      const i = m.columns[f];
      if (i !== undefined) {
        report.mapping[f] = headers[i]!;
        report.mappedBy[f] = m.how[f]!;
      }
    }
    const extras: [number, number][] = m.extra.map((i) => [i, run.dimensions.indexOf(headers[i]!.trim())]);
    report.dimensions = m.extra.map((i) => headers[i]!.trim());

    const columnValues = (i: number | undefined) => (i === undefined ? [] : dataSample.map((r) => r[i] ?? ''));
    const dateDecision = (field: 'date' | 'createdDate') => {
      const d = inferDateColumn(columnValues(m.columns[field]), options.dateFormat ?? null);
      if (d.kind === 'ambiguous') {
        throw usageError(
          'DATE_AMBIGUOUS',
          msg('DATE_AMBIGUOUS', { file, column: JSON.stringify(headers[m.columns[field]!]), examples: d.examples.map((e) => JSON.stringify(e)).join(', '), rows: dataSample.length }),
          msg('DATE_AMBIGUOUS_HINT'),
        );
      }
      return d;
    };
    const dd = dateDecision('date');
    const cd = m.columns.createdDate !== undefined ? dateDecision('createdDate') : { kind: 'ok' as const, order: null, serials: false };
    const orderName = (o: DateOrder | null, serials: boolean) => (o === 'dmy' ? 'day-first' : o === 'mdy' ? 'month-first' : serials ? 'excel serial' : 'year-first/unambiguous');
    report.formats.date = orderName(dd.order, dd.serials) + (dd.decidedBy ? ` (decided by ${JSON.stringify(dd.decidedBy)})` : '');
    if (m.columns.createdDate !== undefined) report.formats.createdDate = orderName(cd.order, cd.serials);

    const numberDecision = (field: 'amount' | 'quantity'): DecimalSeparator => {
      if (options.decimal) return options.decimal;
      const d = inferNumberColumn(columnValues(m.columns[field]), src.info.typedNumbers);
      const name = JSON.stringify(headers[m.columns[field]!]);
      if (d.kind === 'ambiguous') {
        throw usageError(
          'DECIMAL_AMBIGUOUS',
          msg('DECIMAL_AMBIGUOUS', { file, column: name, examples: d.examples.map((e) => JSON.stringify(e)).join(', '), rows: dataSample.length }),
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
    };
    const decimal = m.columns.amount !== undefined ? numberDecision('amount') : '.';
    const quantityDecimal = m.columns.quantity !== undefined ? numberDecision('quantity') : '.';
    report.formats.decimal = decimal;

    // outlier fence from the sample's amounts
    const logs: number[] = [];
    if (m.columns.amount !== undefined) {
      for (const r of dataSample) {
        const c = r[m.columns.amount];
        const d = typeof c === 'string' ? parseDecimal(c, { decimal }) : null;
        if (d && d.units !== 0 && d.units !== 0n) logs.push(Math.log10(Math.abs(Number(d.units)) / 10 ** d.scale));
      }
    }

    const rowIssues: Issue[] = [];
    const buildPlan: BuilderPlan = {
        file,
        ...(src.info.sheet !== undefined ? { sheet: src.info.sheet } : {}),
        source,
        headers,
        columns: m.columns,
        extras,
        dateOrder: dd.order,
        // in a workbook a plain number in a date column is an Excel serial (a cell without a date format)
        dateSerials: dd.serials || src.info.kind === 'xlsx',
        createdOrder: cd.order,
        createdSerials: cd.serials || src.info.kind === 'xlsx',
        date1904: src.info.date1904 ?? false,
        decimal,
        quantityDecimal,
        statuses,
        outlierFence: outlierFence(logs),
        asOf: options.asOf,
        ...(options.futureYears !== undefined ? { futureYears: options.futureYears } : {}),
        strict: options.strict ?? false,
      };
    const build = compileBuilder(buildPlan, (issue) => rowIssues.push(issue));
    const strict = options.strict ?? false;

    let digest: string | undefined;
    const padRows = src.info.kind === 'xlsx'; // a sheet does not store trailing empty cells
    /** The cross-row part of a row's handling, in file order: duplicates, deal ids, the log and the counts. */
    const settle = (rec: SalesRecord | null, excluded: boolean, line: number, hash: number, issues: Issue[], cells: readonly Cell[] | null, out: SalesRecord[], repKey?: number) => {
      report.rowsRead++;
      const first = seenRows.getOrSet(hash, packLocation(source, line));
      if (first >= 0) {
        issues.push({ code: 'DUPLICATE_ROW', severity: strict ? 'error' : 'warning', ...coded(msg('I_DUPLICATE_ROW', { where: whereAt(first) })), file, row: line });
      }
      if (rec) {
        if (rec.customer !== null && rec.customerKey === undefined) rec.customerKey = customerIds.id(rec.customer);
        if (rec.dealId !== null) {
          const dk = rec.dealKey ?? deals.id(rec.dealId);
          rec.dealKey = dk;
          const d = deals.check(dk, rec.date, rec.customerKey ?? -1, repKey ?? repIds.id(rec.rep), rec.status, source, line);
          if (d !== null && d.location >= 0) {
            const diff: Msg[] = [];
            if (d.date !== rec.date) diff.push(msg('I_DC_DATE', { now: isoDate(rec.date), was: isoDate(d.date) }));
            if (d.customer !== rec.customer) diff.push(msg('I_DC_CUSTOMER', { now: JSON.stringify(rec.customer), was: JSON.stringify(d.customer) }));
            if (d.rep !== rec.rep) diff.push(msg('I_DC_REP', { now: JSON.stringify(rec.rep), was: JSON.stringify(d.rep) }));
            if (d.status !== rec.status) diff.push(msg('I_DC_STATUS', { now: rec.status, was: d.status }));
            issues.push({ code: 'DEAL_CONFLICT', severity: strict ? 'error' : 'warning', ...coded(msg('I_DEAL_CONFLICT', { deal: JSON.stringify(rec.dealId), diff, where: whereAt(d.location) })), file, row: line, column: headers[m.columns.dealId!]!, value: rec.dealId });
          }
        }
      }
      if (strict && issues.some((i) => i.severity === 'error')) rec = null;
      for (const i of issues) {
        if (src.info.sheet !== undefined) i.sheet = src.info.sheet;
        run.log.add(i);
        if (i.code === 'STATUS_UNKNOWN' && i.value !== undefined) run.unknownStatuses.set(i.value, (run.unknownStatuses.get(i.value) ?? 0) + 1);
      }
      if (rec) {
        report.accepted++;
        report.statusCounts[rec.status] = (report.statusCounts[rec.status] ?? 0) + 1;
        if (rec.currency !== null) currencies.add(rec.currency.toUpperCase());
        out.push(rec);
      } else if (excluded) report.excluded++;
      else {
        report.rejected++;
        options.onReject?.(file, line, (cells ?? []) as Cell[], issues);
      }
    };
    const processRow = (cells: Cell[], line: number, malformed: Malformed, out: SalesRecord[]) => {
      if (padRows) while (cells.length < headers.length) cells.push('');
      rowIssues.length = 0; // reused: consumers read it before the next row
      const r = buildRow(build, cells, line, malformed, file, rowIssues);
      settle(r.record, r.excluded, line, rowHash(cells), rowIssues, cells, out);
    };

    const threads = parallelThreads(options, src.info, path);
    run.threads[source] = 1;
    if (threads > 1 && !eof) {
      run.threads[source] = threads;
      await it.return?.(undefined);
      src.close?.();
      pendingRows.length = 0;
      const xlsx = src.info.kind === 'xlsx';
      const starts = xlsx ? [0] : await rangeStarts(path, size!, threads - 1);
      const hashing = hash ? hashFile(path) : null;
      const progress = new Float64Array(starts.length);
      const skipThrough = report.headerRow;
      const decoder = new RangeDecoder(source, extras, customerIds, deals, repIds);
      const issues: Issue[] = [];
      for await (const rb of parallelBatches({ path, kind: src.info.kind, ...(xlsx ? { sheet: src.info.sheet! } : {}), starts, size: size!, delimiter: src.info.delimiter ?? ',', encodingReason: (src.info.encodingReason ?? 'utf8') as WorkerInput['encodingReason'], skipThrough, plan: buildPlan, batchSize: 8192, ahead: 16, wantRejects: options.onReject !== undefined })) {
        if (!xlsx) {
          // (a sheet's reader counts no bytes, as on one thread)
          progress[rb.range] = rb.batch.bytes;
          options.onProgress?.(path, progress.reduce((x, y) => x + y, 0), size);
        }
        const out: SalesRecord[] = [];
        decoder.load(rb);
        const b = rb.batch;
        for (let i = 0; i < b.n; i++) {
          const line = b.line[i]! + rb.lineBase;
          issues.length = 0;
          decoder.issuesOf(i, issues);
          if (line <= skipThrough) continue;
          const rec = b.outcome[i] === 0 ? decoder.record(i, line) : null;
          settle(rec, b.outcome[i] === 1, line, b.hash[i]!, issues, rec ? null : decoder.cellsOf(i), out, rec ? decoder.repKey(i) : -1);
        }
        if (out.length) yield out;
      }
      if (hashing) digest = await hashing;
      eof = true;
    }

    let out: SalesRecord[] = [];
    for (let k = h + 1; k < pendingRows.length; k++) {
      const cells = pendingRows[k]!;
      if (isBlankRow(cells)) continue;
      processRow(cells, pendingLines[k]!, pendingUnclosed.has(k) ? 'unclosed' : pendingBad.has(k), out);
      if (out.length >= 4096) {
        yield out;
        out = [];
      }
    }
    pendingRows.length = 0;
    if (out.length) yield out;
    while (!eof) {
      const r = await it.next();
      if (r.done) break;
      const b = r.value;
      const bad = b.malformed ? new Set(b.malformed) : null;
      const unclosed = b.unclosed ? new Set(b.unclosed) : null;
      out = [];
      for (let k = 0; k < b.rows.length; k++) {
        const cells = b.rows[k]!;
        if (isBlankRow(cells)) continue;
        processRow(cells, b.lines[k]!, unclosed !== null && unclosed.has(k) ? 'unclosed' : bad !== null && bad.has(k), out);
      }
      if (out.length) yield out;
    }
    if (hash) report.sha256 = digest ?? hash.digest('hex');
    if (currencies.size > 1) {
      run.log.add({ code: 'MIXED_CURRENCY', severity: 'warning', ...coded(msg('I_MIXED_CURRENCY', { list: [...currencies].sort().join(', ') })), file, row: report.headerRow, column: report.mapping.currency! });
    }
  }
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
  if (path === '-' || o.strict) return 1;
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
