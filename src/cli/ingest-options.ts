/**
 * The ingest flags (declared in the options table, options.ts) → IngestOptions;
 * flags win over the config file.
 */
import { didYouMeanOf, msg, type Msg } from '../core/message-catalog.js';
import { existsSync, readFileSync } from 'node:fs';
import { isoDate } from '../core/dates.js';
import { parseDate, parseDateFormatFlag } from '../core/parse-date.js';
import { MAX_FUTURE_YEARS, MAX_PAST_YEARS } from '../core/dates.js';
import { type Status } from '../core/status.js';
import { inputError, usageError } from '../errors.js';
import { parseDelimiterFlag } from '../io/csv-reader.js';
import type { IngestOptions } from '../ingest/read.js';
import { type Field, FIELDS } from '../ingest/mapping.js';
import type { z } from 'zod';
import { configSchema, type Config } from '../schema/config.js';
import { invalidFileMsg } from '../schema/problems.js';
import { DEFAULT_TARGET_BAND, type TargetBand } from '../engine/target-check.js';

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
  maxPastYears?: string;
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
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT')
      throw inputError(`${what.code}_NOT_FOUND`, msg('CONFIG_NOT_FOUND', { flag: what.flag, path }));
    throw usageError(`${what.code}_UNREADABLE`, msg('CONFIG_UNREADABLE', { flag: what.flag, path }));
  }
  let json: unknown;
  try {
    json = JSON.parse(stripJsonComments(text.replace(/^\uFEFF/, '')));
  } catch (e) {
    throw usageError(`${what.code}_JSON`, msg('CONFIG_JSON', { path, reason: (e as Error).message }));
  }
  const r = schema.safeParse(json);
  if (!r.success) throw usageError(`${what.code}_INVALID`, invalidFileMsg(path, what.noun === 'plan' ? 'plan' : 'config', r.error, json));
  return r.data;
}

/** The config file: --config, else ./salesperf.config.json when there is one (`found` says it was picked up, for a note). */
export function loadConfig(path: string | undefined): { config: Config; path: string | null; found: boolean } {
  const p = path ?? (existsSync('salesperf.config.json') ? 'salesperf.config.json' : null);
  if (p === null) return { config: {}, path: null, found: false };
  return {
    config: loadJsonFile(p, configSchema, { flag: '--config', code: 'CONFIG', noun: 'config' }),
    path: p,
    found: path === undefined,
  };
}

/** The output format: --format, else from the --out file's extension, else the terminal default. */
export function outputFormat(flags: { format?: string; out?: string }, allowed: readonly string[], fallback: string): string {
  const ext = flags.out?.toLowerCase().match(/\.(json|csv|xlsx|md|html)$/)?.[1];
  const format = flags.format ?? (ext && allowed.includes(ext) ? ext : fallback);
  if (!allowed.includes(format))
    throw usageError('FLAG_FORMAT', msg('FLAG_FORMAT_CHOICE', { choices: allowed.join(', '), value: JSON.stringify(format) }));
  if (format === 'xlsx' && (!flags.out || flags.out === '-')) throw usageError('FLAG_FORMAT', msg('FLAG_XLSX_OUT'));
  return format;
}

/** --band-high / --band-low for the target check (ratios such as 1.5 or 150%). */
export function targetBandFlags(flags: { bandHigh?: string; bandLow?: string }): TargetBand {
  const band = { ...DEFAULT_TARGET_BAND };
  for (const [flag, key] of [
    ['--band-high', 'bandHigh'],
    ['--band-low', 'bandLow'],
  ] as const) {
    const v = flags[key];
    if (v === undefined) continue;
    const n = Number(v.replace(/%$/, '')) / (v.endsWith('%') ? 100 : 1);
    if (!(n > 0)) throw usageError('FLAG_BAND', msg('FLAG_BAND', { flag, value: JSON.stringify(v) }));
    band[key === 'bandHigh' ? 'high' : 'low'] = n;
  }
  return band;
}

function parseDayFlag(flag: string, text: string): number {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? parseDate(text) : NaN;
  if (Number.isNaN(d)) throw usageError('FLAG_DATE', msg('FLAG_DATE', { flag, value: JSON.stringify(text) }));
  return d;
}

/** Today's local calendar date as a day number (the CLI is the only place the clock is read). */
export function today(): number {
  const now = new Date();
  return parseDate(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`);
}

/** Flags and config → IngestOptions, with notes for stderr (a config picked up from the current folder, the as-of date when not given). */
export function toIngestOptions(flags: IngestFlags): {
  options: IngestOptions;
  config: Config;
  configPath: string | null;
  notes: (string | Msg)[];
} {
  const { config, path: configPath, found } = loadConfig(flags.config);
  const notes: (string | Msg)[] = [];
  if (found) notes.push(msg('NOTE_CONFIG_FOUND', { path: configPath! }));
  const { map, mapSources } = mapOptions(flags.map, config, configPath);
  const statuses = statusOptions(flags, config);
  const options: IngestOptions = {
    asOf:
      flags.asOf !== undefined
        ? parseDayFlag('--as-of', flags.asOf)
        : config.asOf
          ? parseDayFlag(`${configPath}: asOf`, config.asOf)
          : today(),
  };
  if (flags.asOf === undefined && !config.asOf) notes.push(msg('NOTE_AS_OF_TODAY', { date: isoDate(options.asOf!) }));
  if (Object.keys(map).length) {
    options.map = map;
    options.mapSources = mapSources;
  }
  if (Object.keys(statuses).length) options.statuses = statuses;
  addReadOptions(options, flags, config, configPath);
  addLimitOptions(options, flags, config, configPath);
  return { options, config, configPath, notes };
}

/** The column map: the config's, then each --map field=header over it; with where each mapping came from. */
function mapOptions(
  flagMap: string[] | undefined,
  config: Config,
  configPath: string | null,
): { map: Partial<Record<Field, string>>; mapSources: Partial<Record<Field, string>> } {
  const map: Partial<Record<Field, string>> = { ...(config.map ?? {}) };
  // where each mapping came from, so a header that is not there is blamed on what the user wrote
  const mapSources: Partial<Record<Field, string>> = {};
  for (const f of Object.keys(map) as Field[]) mapSources[f] = `${configPath}: map.${f}`;
  for (const m of flagMap ?? []) {
    const eq = m.indexOf('=');
    const field = eq > 0 ? m.slice(0, eq).trim() : '';
    const header = eq > 0 ? m.slice(eq + 1) : '';
    const f = FIELDS.find((x) => x.toLowerCase() === field.toLowerCase());
    if (!f || header.trim() === '') {
      throw usageError(
        'FLAG_MAP',
        msg('FLAG_MAP', { value: JSON.stringify(m), fields: FIELDS.join(', '), suggest: f || !field ? '' : didYouMeanOf(field, FIELDS) }),
      );
    }
    map[f] = header;
    mapSources[f] = `--map ${f}=${/^[\w.-]+$/.test(header) ? header : JSON.stringify(header)}`;
  }
  return { map, mapSources };
}

/** Status values beyond the built-in ones: the config's, then --won/--lost/--open/--refund (comma lists). */
function statusOptions(flags: IngestFlags, config: Config): Partial<Record<Status, string[]>> {
  const statuses: Partial<Record<Status, string[]>> = {};
  for (const s of ['won', 'lost', 'open', 'refund'] as const) {
    const list = [
      ...(config.statuses?.[s] ?? []),
      ...(flags[s] ?? [])
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ];
    if (list.length) statuses[s] = list;
  }
  return statuses;
}

/** Where a setting came from, for its message: the flag when given, else the config file's key. */
const sourceOf = (fromFlag: boolean, flag: string, configPath: string | null, key: string): string =>
  fromFlag ? flag : `${configPath}: ${key}`;

/** How the files are read: date format, decimal mark, header row, sheet, encoding, delimiter, --strict (flags over config). */
function addReadOptions(options: IngestOptions, flags: IngestFlags, config: Config, configPath: string | null): void {
  const df = flags.dateFormat ?? config.dateFormat;
  if (df !== undefined) {
    const o = parseDateFormatFlag(df);
    if (!o)
      throw usageError(
        'FLAG_DATE_FORMAT',
        msg('FLAG_DATE_FORMAT', {
          flag: sourceOf(flags.dateFormat !== undefined, '--date-format', configPath, 'dateFormat'),
          value: JSON.stringify(df),
        }),
      );
    options.dateFormat = o;
  }
  if (flags.decimalComma && flags.decimalPoint) throw usageError('FLAG_DECIMAL', msg('FLAG_DECIMAL'));
  const dec = flags.decimalComma ? ',' : flags.decimalPoint ? '.' : config.decimal;
  if (dec) options.decimal = dec;
  const hr = flags.headerRow ?? config.headerRow;
  if (hr !== undefined) {
    const n = Number(hr);
    if (!Number.isInteger(n) || n < 1)
      throw usageError(
        'FLAG_HEADER_ROW',
        msg('FLAG_HEADER_ROW_VALUE', {
          flag: sourceOf(flags.headerRow !== undefined, '--header-row', configPath, 'headerRow'),
          value: JSON.stringify(hr),
        }),
      );
    options.headerRow = n;
  }
  const sheet = flags.sheet ?? (config.sheet !== undefined ? String(config.sheet) : undefined);
  if (sheet !== undefined) options.sheet = sheet;
  const enc = flags.encoding ?? config.encoding;
  if (enc !== undefined) options.encoding = enc;
  const delim = flags.delimiter ?? config.delimiter;
  if (delim !== undefined) options.delimiter = parseDelimiterFlag(delim);
  if (flags.strict ?? config.strict) options.strict = true;
}

/** A --max-future-years / --max-past-years value: a whole number from 0 to `max`. */
function yearsLimit(v: string | number, flag: string, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(String(v).trim()) || !(n >= 0 && n <= max))
    throw usageError('FLAG_MAX_FUTURE_YEARS', msg('FLAG_MAX_FUTURE_YEARS', { flag, max, value: JSON.stringify(String(v)) }));
  return n;
}

/** The date range's limits (flags over config), the CSV engine and the thread count. */
function addLimitOptions(options: IngestOptions, flags: IngestFlags, config: Config, configPath: string | null): void {
  const fy = flags.maxFutureYears ?? config.maxFutureYears;
  if (fy !== undefined)
    options.futureYears = yearsLimit(
      fy,
      sourceOf(flags.maxFutureYears !== undefined, '--max-future-years', configPath, 'maxFutureYears'),
      MAX_FUTURE_YEARS,
    );
  const py = flags.maxPastYears ?? config.maxPastYears;
  if (py !== undefined)
    options.pastYears = yearsLimit(
      py,
      sourceOf(flags.maxPastYears !== undefined, '--max-past-years', configPath, 'maxPastYears'),
      MAX_PAST_YEARS,
    );
  if (flags.csvEngine !== undefined) {
    if (flags.csvEngine !== 'fast' && flags.csvEngine !== 'csv-parse')
      throw usageError('FLAG_CSV_ENGINE', msg('FLAG_CSV_ENGINE', { value: JSON.stringify(flags.csvEngine) }));
    options.csvEngine = flags.csvEngine;
  }
  if (flags.threads !== undefined) {
    const n = Number(flags.threads);
    if (!Number.isInteger(n) || n < 1 || n > 64)
      throw usageError('FLAG_THREADS', msg('FLAG_THREADS', { value: JSON.stringify(flags.threads) }));
    options.threads = n;
  }
}
