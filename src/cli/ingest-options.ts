/**
 * The ingest flags, as one table of data that drives commander, the help text
 * and the conversion into IngestOptions (flags win over the config file).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseDate, parseDateFormatFlag } from '../core/parse-date.js';
import { MAX_FUTURE_YEARS } from '../core/dates.js';
import { type Status } from '../core/status.js';
import { usageError } from '../errors.js';
import { parseDelimiterFlag } from '../io/csv-reader.js';
import type { IngestOptions } from '../ingest/read.js';
import { type Field, FIELDS } from '../ingest/mapping.js';
import type { z } from 'zod';
import { configProblems, configSchema, type Config } from '../schema/config.js';
import { DEFAULT_TARGET_BAND, type TargetBand } from '../engine/target-check.js';

export interface OptionSpec {
  flags: string;
  description: string;
  repeatable?: boolean;
}

export const INGEST_OPTIONS: OptionSpec[] = [
  { flags: '--map <field=header>', description: `map a field to a header (repeatable); fields: ${FIELDS.join(', ')}`, repeatable: true },
  { flags: '--config <file>', description: 'config file (default: ./salesperf.config.json if present)' },
  { flags: '--sheet <name|index>', description: 'XLSX sheet by name or 1-based index (default: first sheet with data)' },
  { flags: '--header-row <n>', description: 'row number of the header (default: detected)' },
  { flags: '--encoding <label>', description: 'force the CSV encoding (utf-8, gbk, gb18030, utf-16le, windows-1252, …)' },
  { flags: '--delimiter <char>', description: 'force the CSV delimiter (",", ";", "tab", "|")' },
  { flags: '--date-format <order>', description: 'order of slashed dates: dmy, mdy or ymd (or a pattern like DD/MM/YY)' },
  { flags: '--decimal-comma', description: 'numbers use a decimal comma (1.234,56)' },
  { flags: '--decimal-point', description: 'numbers use a decimal point (1,234.56)' },
  { flags: '--won <values>', description: 'comma list of status values that mean won', repeatable: true },
  { flags: '--lost <values>', description: 'comma list of status values that mean lost', repeatable: true },
  { flags: '--open <values>', description: 'comma list of status values that mean open', repeatable: true },
  { flags: '--refund <values>', description: 'comma list of status values that mean refund', repeatable: true },
  { flags: '--as-of <date>', description: 'the date the data is as of, YYYY-MM-DD (default: today)' },
  { flags: '--max-future-years <n>', description: 'dates more than n years after the as-of date (or before 1900) are DATE_OUT_OF_RANGE errors (0–100, default 5)' },
  { flags: '--strict', description: 'treat warnings as errors (those rows are rejected)' },
  { flags: '--csv-engine <name>', description: 'CSV parser: fast (default) or csv-parse' },
  { flags: '--threads <n>', description: 'threads reading a file: n - 1 parsing workers (one for an XLSX) and the main thread (1 = no workers; default 2 for CSVs of 32 MiB or more)' },
  { flags: '--rejects <file>', description: 'write every rejected row and its issues to a CSV file' },
];

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addIngestOptions(cmd: Command): Command {
  for (const o of INGEST_OPTIONS) {
    if (o.repeatable) cmd.option(o.flags, o.description, collect);
    else cmd.option(o.flags, o.description);
  }
  return cmd.option('--debug', 'show stack traces for internal errors');
}

export interface IngestFlags {
  map?: string[];
  config?: string;
  sheet?: string;
  headerRow?: string;
  encoding?: string;
  delimiter?: string;
  dateFormat?: string;
  decimalComma?: boolean;
  decimalPoint?: boolean;
  won?: string[];
  lost?: string[];
  open?: string[];
  refund?: string[];
  asOf?: string;
  maxFutureYears?: string;
  strict?: boolean;
  csvEngine?: string;
  threads?: string;
  rejects?: string;
  debug?: boolean;
}

/** JSON with line and block comments (JSONC) → JSON; strings are left alone. */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Read a JSON (with comments) file and validate it; problems name the file and the key path. Exit 2. */
export function loadJsonFile<T>(path: string, schema: z.ZodType<T>, what: { flag: string; code: string; noun: string }): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw usageError(`${what.code}_UNREADABLE`, `${what.flag} ${path}: cannot read the file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(stripJsonComments(text.replace(/^\uFEFF/, '')));
  } catch (e) {
    throw usageError(`${what.code}_JSON`, `${path}: not valid JSON (${(e as Error).message})`);
  }
  const r = schema.safeParse(json);
  if (!r.success) throw usageError(`${what.code}_INVALID`, `${path}: invalid ${what.noun}:\n  ${configProblems(r.error).join('\n  ')}`);
  return r.data;
}

export function loadConfig(path: string | undefined): { config: Config; path: string | null } {
  const p = path ?? (existsSync('salesperf.config.json') ? 'salesperf.config.json' : null);
  if (p === null) return { config: {}, path: null };
  return { config: loadJsonFile(p, configSchema, { flag: '--config', code: 'CONFIG', noun: 'config' }), path: p };
}

/** The output format: --format, else from the --out file's extension, else the terminal default. */
export function outputFormat(flags: { format?: string; out?: string }, allowed: readonly string[], fallback: string): string {
  const ext = flags.out?.toLowerCase().match(/\.(json|csv|xlsx|md)$/)?.[1];
  const format = flags.format ?? (ext && allowed.includes(ext) ? ext : fallback);
  if (!allowed.includes(format)) throw usageError('FLAG_FORMAT', `--format: expected ${allowed.join(', ')}, got ${JSON.stringify(format)}`);
  if (format === 'xlsx' && (!flags.out || flags.out === '-')) throw usageError('FLAG_FORMAT', '--format xlsx needs --out FILE.xlsx');
  return format;
}

/** --band-high / --band-low for the target check (ratios such as 1.5 or 150%). */
export function targetBandFlags(flags: { bandHigh?: string; bandLow?: string }): TargetBand {
  const band = { ...DEFAULT_TARGET_BAND };
  for (const [flag, key] of [['--band-high', 'bandHigh'], ['--band-low', 'bandLow']] as const) {
    const v = flags[key];
    if (v === undefined) continue;
    const n = Number(v.replace(/%$/, '')) / (v.endsWith('%') ? 100 : 1);
    if (!(n > 0)) throw usageError('FLAG_BAND', `${flag}: expected a positive ratio such as 1.5 or 150%, got ${JSON.stringify(v)}`);
    band[key === 'bandHigh' ? 'high' : 'low'] = n;
  }
  return band;
}

function parseDayFlag(flag: string, text: string): number {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? parseDate(text) : NaN;
  if (Number.isNaN(d)) throw usageError('FLAG_DATE', `${flag}: expected a date YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return d;
}

/** Today's local calendar date as a day number (the CLI is the only place the clock is read). */
export function today(): number {
  const now = new Date();
  return parseDate(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`);
}

export function toIngestOptions(flags: IngestFlags): { options: IngestOptions; config: Config; configPath: string | null } {
  const { config, path: configPath } = loadConfig(flags.config);
  const map: Partial<Record<Field, string>> = { ...(config.map ?? {}) };
  for (const m of flags.map ?? []) {
    const eq = m.indexOf('=');
    const field = eq > 0 ? m.slice(0, eq).trim() : '';
    const header = eq > 0 ? m.slice(eq + 1) : '';
    const f = FIELDS.find((x) => x.toLowerCase() === field.toLowerCase());
    if (!f || header.trim() === '') {
      throw usageError('FLAG_MAP', `--map ${JSON.stringify(m)}: expected field=header with field one of ${FIELDS.join(', ')}`);
    }
    map[f] = header;
  }
  const statuses: Partial<Record<Status, string[]>> = {};
  for (const s of ['won', 'lost', 'open', 'refund'] as const) {
    const list = [...(config.statuses?.[s] ?? []), ...(flags[s] ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)];
    if (list.length) statuses[s] = list;
  }
  const options: IngestOptions = { asOf: flags.asOf !== undefined ? parseDayFlag('--as-of', flags.asOf) : config.asOf ? parseDayFlag('config asOf', config.asOf) : today() };
  if (Object.keys(map).length) options.map = map;
  if (Object.keys(statuses).length) options.statuses = statuses;
  const df = flags.dateFormat ?? config.dateFormat;
  if (df !== undefined) {
    const o = parseDateFormatFlag(df);
    if (!o) throw usageError('FLAG_DATE_FORMAT', `--date-format ${JSON.stringify(df)}: expected dmy, mdy, ymd or a pattern like DD/MM/YYYY`);
    options.dateFormat = o;
  }
  if (flags.decimalComma && flags.decimalPoint) throw usageError('FLAG_DECIMAL', '--decimal-comma and --decimal-point cannot be used together');
  const dec = flags.decimalComma ? ',' : flags.decimalPoint ? '.' : config.decimal;
  if (dec) options.decimal = dec;
  const hr = flags.headerRow ?? config.headerRow;
  if (hr !== undefined) {
    const n = Number(hr);
    if (!Number.isInteger(n) || n < 1) throw usageError('FLAG_HEADER_ROW', `--header-row: expected a row number (1 or more), got ${JSON.stringify(hr)}`);
    options.headerRow = n;
  }
  const sheet = flags.sheet ?? (config.sheet !== undefined ? String(config.sheet) : undefined);
  if (sheet !== undefined) options.sheet = sheet;
  const enc = flags.encoding ?? config.encoding;
  if (enc !== undefined) options.encoding = enc;
  const delim = flags.delimiter ?? config.delimiter;
  if (delim !== undefined) options.delimiter = parseDelimiterFlag(delim);
  if (flags.strict ?? config.strict) options.strict = true;
  const fy = flags.maxFutureYears ?? config.maxFutureYears;
  if (fy !== undefined) {
    const n = Number(fy);
    if (!/^\d+$/.test(String(fy).trim()) || !(n >= 0 && n <= MAX_FUTURE_YEARS)) throw usageError('FLAG_MAX_FUTURE_YEARS', `--max-future-years: expected a whole number from 0 to ${MAX_FUTURE_YEARS}, got ${JSON.stringify(String(fy))}`);
    options.futureYears = n;
  }
  if (flags.csvEngine !== undefined) {
    if (flags.csvEngine !== 'fast' && flags.csvEngine !== 'csv-parse') throw usageError('FLAG_CSV_ENGINE', `--csv-engine: expected fast or csv-parse, got ${JSON.stringify(flags.csvEngine)}`);
    options.csvEngine = flags.csvEngine;
  }
  if (flags.threads !== undefined) {
    const n = Number(flags.threads);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw usageError('FLAG_THREADS', `--threads: expected a whole number from 1 to 64, got ${JSON.stringify(flags.threads)}`);
    options.threads = n;
  }
  return { options, config, configPath };
}
