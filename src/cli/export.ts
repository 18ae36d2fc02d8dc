/**
 * `salesperf export FILES -o clean.csv|clean.parquet|-`: the validated records as the canonical
 * table (src/sql/canonical.ts, docs/sql.md), to load into a warehouse or query with SQL.
 *
 * Two streamed passes, memory flat in rows: the records go to a temp JSON-lines file while the
 * files are read (the columns are only known at the end: every input's other columns, the most
 * decimals of any amount), then become the CSV with its header — written atomically (a temp file
 * beside the target, renamed) or, for Parquet, a temp CSV that DuckDB copies with explicit types
 * (DECIMAL(38, s), DATE, BIGINT) into the temp file beside the target. Rejected rows are left out
 * and reported as `validate` reports them (`--rejects FILE` lists each); any error-level issue
 * makes the exit code 1, the file is written all the same.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isoDate } from '../core/dates.js';
import { toFixed } from '../core/decimal.js';
import { msg } from '../core/message-catalog.js';
import { EXIT, usageError } from '../errors.js';
import { noDataRows } from '../ingest/checks.js';
import { newRun, readRecords } from '../ingest/read.js';
import type { SalesRecord } from '../ingest/record.js';
import { guardStall } from '../io/stall.js';
import { assertNotInput, assertOutputPath, configInput, planWrite, trackTemp, untrackTemp, writeThrough } from '../io/write.js';
import { csvField } from '../render/csv-text.js';
import { CANONICAL_COLUMNS, PROFIT_COLUMN, dimensionColumnNames, sqlType } from '../sql/canonical.js';
import { duckdb } from '../sql/dialect.js';
import { type IngestFlags, toIngestOptions } from './ingest-options.js';
import type { CliIO } from './io.js';
import { error, formatMessages, type Message, note, warning } from './messages.js';
import { openRejects } from './rejects.js';

export interface ExportFlags extends IngestFlags {
  out?: string;
  quiet?: boolean;
  lang?: string;
}

type Kind = 'csv' | 'parquet';

/** The kind of file `--out` names (by its extension; `-` is CSV on stdout). */
export function exportKind(to: string): Kind | null {
  if (to === '-') return 'csv';
  const ext = /\.([a-z]+)$/i.exec(to)?.[1]?.toLowerCase();
  return ext === 'csv' ? 'csv' : ext === 'parquet' ? 'parquet' : null;
}

/** RFC 4180 without the spreadsheet-formula guard: the values go to a database exactly as they are. */
function rawCsvLine(fields: readonly (string | null)[]): string {
  let s = '';
  for (let i = 0; i < fields.length; i++) s += (i ? ',' : '') + csvField(fields[i], false);
  return s + '\r\n';
}

/** A write stream that waits for the disk (no unbounded buffering). */
class Sink {
  private failed: unknown = null;
  constructor(private readonly ws: WriteStream) {
    ws.on('error', (e) => (this.failed ??= e));
  }
  async write(text: string): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.ws.write(text)) {
      await new Promise<void>((r) => {
        const done = () => {
          this.ws.off('drain', done).off('error', done);
          r();
        };
        this.ws.on('drain', done).on('error', done);
      });
    }
    if (this.failed) throw this.failed;
  }
  async close(): Promise<void> {
    await new Promise<void>((r) => (this.ws.destroyed ? r() : this.ws.end((e?: Error | null) => ((this.failed ??= e ?? null), r()))));
    if (this.failed) throw this.failed;
  }
}

/** One record as a JSON array (text, so a line break in a cell stays inside its line). */
function recordJson(r: SalesRecord, files: readonly string[]): string {
  const extras: (string | null)[] = [];
  for (let i = 0; i < r.extra.length; i++) {
    const v = r.extra[i];
    extras.push(v === undefined || v === '' ? null : v);
  }
  return JSON.stringify([
    files[r.source] ?? '',
    r.row,
    isoDate(r.date),
    String(r.units),
    r.scale,
    r.status,
    r.rep,
    r.customer,
    r.team,
    r.region,
    r.product,
    r.channel,
    r.dealId,
    r.currency,
    r.createdDate === null ? null : isoDate(r.createdDate),
    r.quantity === null ? null : String(r.quantity.units),
    r.quantity === null ? null : r.quantity.scale,
    r.profit ? String(r.profit.units) : null,
    r.profit ? r.profit.scale : null,
    ...extras,
  ]);
}

const FIXED = 19; // fields of recordJson before the extras

export async function exportCommand(files: string[], flags: ExportFlags, io: CliIO): Promise<number> {
  const to = flags.out ?? '';
  const lang = flags.lang === 'zh' ? 'zh' : 'en';
  const kind = exportKind(to);
  if (!kind) throw usageError('FLAG_TO', msg('EXPORT_TO_KIND', { value: JSON.stringify(to) }));
  const inputs = [...files, configInput(flags.config), flags.rejects];
  if (to !== '-') {
    assertOutputPath(to, '--out');
    assertNotInput(to, inputs, '--out');
    planWrite(to, '--out'); // a missing folder is exit 3 now, not after a long read
  }
  const { options, notes } = toIngestOptions(flags);
  const rejects = flags.rejects ? openRejects(flags.rejects, [...files, configInput(flags.config), to]) : null;
  if (rejects) options.onReject = rejects.onReject;

  const work = mkdtempSync(join(tmpdir(), 'salesperf-export-'));
  const rowsPath = join(work, 'rows.jsonl');
  trackTemp(rowsPath);
  const run = newRun();
  let scale = 2;
  let qScale = 0;
  let exported = 0;
  try {
    const rowsOut = new Sink(createWriteStream(rowsPath));
    await guardStall(
      (async () => {
        for await (const batch of readRecords(files, options, run)) {
          const names = run.files.map((f) => f.file);
          let text = '';
          for (const r of batch) {
            if (r.scale > scale) scale = r.scale;
            if (r.profit && r.profit.scale > scale) scale = r.profit.scale; // profit is money: written at the amount's decimals
            if (r.quantity && r.quantity.scale > qScale) qScale = r.quantity.scale;
            text += recordJson(r, names) + '\n';
          }
          exported += batch.length;
          await rowsOut.write(text);
        }
      })(),
      () => run.files.at(-1)?.file ?? files[0]!,
    );
    await rowsOut.close();
    noDataRows(run.files, run.log);

    const dimNames = dimensionColumnNames(run.dimensions.names);
    // a profit column when the inputs map profit or cost (the SQL's grossProfit and margin read it)
    const profit = run.files.some((f) => f.mapping.profit !== undefined || f.mapping.cost !== undefined);
    const header = [...CANONICAL_COLUMNS.map((c) => c.name), ...(profit ? [PROFIT_COLUMN.name] : []), ...dimNames];
    const writeCsv = async (sink: { write(t: string): Promise<void> }) =>
      writeCanonicalCsv(sink, rowsPath, header, dimNames, { scale, qScale, profit });

    if (to === '-') {
      await writeCsv({ write: async (t) => void io.stdout(t) });
    } else if (kind === 'csv') {
      await writeTarget(to, async (path) => {
        const sink = new Sink(createWriteStream(path, { flags: 'w' }));
        await writeCsv(sink);
        await sink.close();
      });
    } else {
      const csvPath = join(work, 'rows.csv');
      trackTemp(csvPath);
      const sink = new Sink(createWriteStream(csvPath));
      await writeCsv(sink);
      await sink.close();
      const types = [
        ...[...CANONICAL_COLUMNS, ...(profit ? [PROFIT_COLUMN] : [])].map((c) =>
          sqlType(duckdb, c.type, c.scale === 'amount' ? scale : c.scale === 'quantity' ? qScale : 0),
        ),
        ...dimNames.map(() => 'VARCHAR'),
      ];
      await writeTarget(to, (path) => copyToParquet(csvPath, path, header, types));
      untrackTemp(csvPath);
    }
  } catch (e) {
    await rejects?.abort();
    throw e;
  } finally {
    untrackTemp(rowsPath);
    rmSync(work, { recursive: true, force: true });
  }
  await rejects?.commit();

  return reportExport(run, notes, flags, to, exported, lang, io);
}

/** The second pass: the temp JSON-lines rows as canonical CSV lines (header first), amounts at `scale` and quantities at `qScale` decimals. */
async function writeCanonicalCsv(
  sink: { write(t: string): Promise<void> },
  rowsPath: string,
  header: readonly string[],
  dimNames: readonly string[],
  o: { scale: number; qScale: number; profit: boolean },
): Promise<void> {
  const { scale, qScale } = o;
  await sink.write(rawCsvLine(header));
  const lines = createInterface({ input: createReadStream(rowsPath, { encoding: 'utf8' }), crlfDelay: Infinity });
  let chunk = '';
  for await (const line of lines) {
    const a = JSON.parse(line) as (string | number | null)[];
    const out: (string | null)[] = [
      a[0] as string,
      String(a[1]),
      a[2] as string,
      toFixed({ units: BigInt(a[3] as string), scale: a[4] as number }, scale),
      ...(a.slice(5, 15) as (string | null)[]),
      a[15] === null ? null : toFixed({ units: BigInt(a[15] as string), scale: a[16] as number }, qScale),
    ];
    if (o.profit) out.push(a[17] === null ? null : toFixed({ units: BigInt(a[17] as string), scale: a[18] as number }, scale));
    for (let i = 0; i < dimNames.length; i++) out.push((a[FIXED + i] as string | null | undefined) ?? null);
    chunk += rawCsvLine(out);
    if (chunk.length >= 1 << 16) {
      await sink.write(chunk);
      chunk = '';
    }
  }
  if (chunk) await sink.write(chunk);
}

/** The run's notes, warnings and errors on stderr (notes and warnings unless `--quiet`), and the exit code. */
function reportExport(
  run: ReturnType<typeof newRun>,
  notes: ReturnType<typeof toIngestOptions>['notes'],
  flags: ExportFlags,
  to: string,
  exported: number,
  lang: 'zh' | 'en',
  io: CliIO,
): number {
  const errors = run.log.count('error');
  const rejected = run.files.reduce((a, f) => a + f.rejected, 0);
  const excluded = run.files.reduce((a, f) => a + f.excluded, 0);
  const codes = (severity: 'error' | 'warning') =>
    run.log
      .summary()
      .filter((s) => s.severity === severity)
      .map((s) => `${s.code} ×${s.count}`)
      .join(', ');
  const msgs: Message[] = [];
  if (!flags.quiet) {
    msgs.push(...notes.map(note));
    msgs.push(note(msg('EXPORT_DONE', { file: to === '-' ? 'stdout' : to, rows: exported, rejected, excluded })));
    const w = codes('warning');
    if (w) msgs.push(warning(msg('EXPORT_WARNINGS', { codes: w })));
  }
  if (errors > 0) msgs.push(error(msg('EXPORT_ERRORS', { rows: rejected, codes: codes('error') })));
  if (msgs.length) io.stderr(formatMessages(msgs, lang));
  return errors > 0 ? EXIT.dataIssues : EXIT.ok;
}

/** Writes `to` through `write(path)` (io/write's writeThrough: temp file renamed over it, or the special file itself). */
function writeTarget(to: string, write: (path: string) => Promise<void>): Promise<void> {
  return writeThrough(to, '--out', (target) => write(target));
}

/** DuckDB reads the temp CSV (every column named and typed, nothing sniffed) and writes Parquet. */
async function copyToParquet(csvPath: string, parquetPath: string, names: readonly string[], types: readonly string[]): Promise<void> {
  let api: typeof import('@duckdb/node-api');
  try {
    api = await import('@duckdb/node-api');
  } catch {
    throw usageError('PARQUET_NEEDS_DUCKDB', msg('EXPORT_NO_DUCKDB'), msg('EXPORT_NO_DUCKDB_HINT'));
  }
  const d = duckdb;
  const columns = `{${names.map((n) => `${d.string(n)}: 'VARCHAR'`).join(', ')}}`;
  const select = names.map((n, i) => `CAST(${d.ident(n)} AS ${types[i]}) AS ${d.ident(n)}`).join(', ');
  const sql = `COPY (SELECT ${select} FROM read_csv(${d.string(csvPath)}, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false, columns = ${columns})) TO ${d.string(parquetPath)} (FORMAT parquet)`;
  const instance = await api.DuckDBInstance.create(':memory:');
  try {
    const conn = await instance.connect();
    try {
      await conn.run(sql);
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
