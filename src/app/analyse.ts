/**
 * The part every analysis shares: options → calendar and periods, read the files into the engine
 * (dimensions resolved through the org file, split credit), load targets and spend, finish; the
 * side-file notes and ORG_UNKNOWN_REP / TARGET_UNMATCHED / TARGET_REP_MISSING issues as coded data.
 * No printing, no exit, no clock (the as-of date comes in with the ingest options).
 */
import { KpiAggregator, type DimSpec, type EngineResult, type SpendInput, type TargetInput } from '../engine/aggregate.js';
import { GRAINS, type Calendar, type Grain, parsePeriodKey, periodKey } from '../engine/periods.js';
import { buildOrg, orgColumn, type Org } from '../engine/org.js';
import { buildSideTable, type SideResult } from '../engine/side-tables.js';
import { dataError, usageError } from '../errors.js';
import { didYouMeanOf, msg, type Msg } from '../core/message-catalog.js';
import { noDataRows } from '../ingest/checks.js';
import { readSideTable } from '../ingest/side-table.js';
import { guardStall } from '../io/stall.js';
import { FIELDS, type Field } from '../ingest/mapping.js';
import { parseShare, shareColumn } from '../ingest/shares.js';
import { multiply } from '../core/decimal.js';
import { newRun, readRecords, type IngestOptions, type IngestRun } from '../ingest/read.js';
import type { SalesRecord } from '../ingest/record.js';
import type { Config } from '../schema/config.js';
import { coded, type Issue } from '../ingest/issues.js';

/** What to analyse: the analysis options, as the CLI's flags spell them (period keys, lists as text). */
export interface AnalysisOptions {
  by?: string;
  grain?: string;
  period?: string;
  from?: string;
  to?: string;
  fiscalStart?: string;
  targets?: string;
  spend?: string;
  org?: string;
  targetsMap?: string[];
  spendMap?: string[];
  /** Hash CSV inputs while reading them (for report JSON). */
  hashInputs?: boolean;
  /** The column with each row's credit share (default: a Split/Share/分成 column when there is one). */
  splitColumn?: string;
}

export interface Analysis {
  options: IngestOptions;
  config: Config;
  calendar: Calendar;
  run: IngestRun;
  dims: DimSpec[];
  result: EngineResult;
  org: Org | null;
  targets: SideResult | null;
  spend: SideResult | null;
  /** Notes about how side files were read, for stderr (catalogue messages where converted). */
  notes: (string | Msg)[];
  /** Every file the run read (never to be written over). */
  inputs: string[];
  /** Issues of rejected rows, when asked for (first 100,000). */
  rejected: Issue[];
}

/** Rejected-row issues kept for an XLSX Issues sheet (the --rejects CSV has no limit). */
const MAX_REJECTED = 100_000;

const DIM_FIELDS: Field[] = ['rep', 'customer', 'team', 'region', 'product', 'channel', 'status', 'dealId', 'currency'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function parseFiscalStart(text: string | undefined): number {
  if (text === undefined) return 1;
  const t = text.trim().toLowerCase();
  const n = /^\d{1,2}$/.test(t) ? Number(t) : MONTHS.indexOf(t.slice(0, 3)) + 1;
  if (!(n >= 1 && n <= 12)) throw usageError('FLAG_FISCAL_START', msg('FLAG_FISCAL_START', { value: JSON.stringify(text) }));
  return n;
}

export function parseSideMap(flag: string, list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of list ?? []) {
    const eq = s.indexOf('=');
    if (eq <= 0 || eq === s.length - 1) throw usageError('FLAG_MAP', msg('FLAG_SIDE_MAP', { flag, value: JSON.stringify(s) }));
    out[s.slice(0, eq).trim()] = s.slice(eq + 1);
  }
  return out;
}

export function calendarOf(flags: Pick<AnalysisOptions, 'grain' | 'fiscalStart'>, allowed: readonly string[] = GRAINS): Calendar {
  const grain = (flags.grain ?? 'month') as Grain;
  if (!allowed.includes(grain))
    throw usageError('FLAG_GRAIN', msg('FLAG_GRAIN_CHOICE', { choices: allowed.join(', '), value: JSON.stringify(flags.grain) }));
  return { grain, fiscalStart: parseFiscalStart(flags.fiscalStart) };
}

/** Where reading progress goes (the CLI's progress line fits). */
export interface ProgressSink {
  begin(text: string): void;
  update(file: string, bytes: number, total: number | undefined, rows: number): void;
  end(): void;
}

export interface AnalyseDefaults {
  keepEmpty?: boolean;
  by?: string[];
  onBatch?: (records: SalesRecord[], run: IngestRun) => void;
  collectRejected?: boolean;
  onReject?: IngestOptions['onReject'];
  progress?: ProgressSink | null;
  /** Targets of groups with no sales: left out (report, scorecard) or given a statement anyway (payout). */
  unmatchedTargets?: 'leftOut' | 'statements';
}

/** Ingest options already resolved from flags and config (the as-of date included: the caller reads the clock). */
export interface ResolvedIngest {
  options: IngestOptions;
  config: Config;
  /** Notes from resolving them (a config file picked up, the as-of date), shown with the analysis notes. */
  notes: (string | Msg)[];
}

/** Rejected rows' issues kept for the result (collectRejected, up to MAX_REJECTED) and passed on to defaults.onReject. */
function collectRejects(options: IngestOptions, defaults: AnalyseDefaults): Issue[] {
  const rejected: Issue[] = [];
  if (defaults.collectRejected || defaults.onReject) {
    options.onReject = (file, row, cells, issues) => {
      if (defaults.collectRejected && rejected.length < MAX_REJECTED) rejected.push(...issues);
      defaults.onReject?.(file, row, cells, issues);
    };
  }
  return rejected;
}

/** Reads a targets or spend file and sums it by the report's groups and periods; its notes and issues join the run's. */
function sideLoader(c: {
  sideOpts: Parameters<typeof readSideTable>[1];
  calendar: Calendar;
  dims: DimSpec[];
  org: Org | null;
  run: IngestRun;
  notes: (string | Msg)[];
}) {
  const { sideOpts, calendar, org, run, notes } = c;
  const sideDims = c.dims.map((d) => ({ name: d.name, ...(FIELDS.includes(d.name as Field) ? { field: d.name as Field } : {}) }));
  const viaRep = org
    ? (rep: string, dim: string) => {
        const col = orgColumn(org, dim);
        return col === undefined ? null : (org.byRep.get(rep)?.[col] ?? null);
      }
    : undefined;
  return async (path: string, kind: 'targets' | 'spend', map: Record<string, string>): Promise<SideResult> => {
    const t = await readSideTable(path, sideOpts);
    const sr = buildSideTable(t, {
      calendar,
      dims: sideDims,
      map,
      kind,
      ...(viaRep ? { viaRep } : {}),
      ...(org ? { levels: [...org.columns, 'team', 'region'] } : {}),
    });
    if (sr.fatal) throw usageError(kind === 'targets' ? 'TARGETS_FILE' : 'SPEND_FILE', sr.fatal);
    notes.push(...sr.notes);
    for (const i of sr.issues) run.log.add(i);
    return sr;
  };
}

/** Which optional fields any file mapped (the KPIs that need them are shown only then). */
function fieldsPresent(run: IngestRun) {
  return {
    customer: run.files.some((f) => f.mapping.customer !== undefined),
    createdDate: run.files.some((f) => f.mapping.createdDate !== undefined),
    quantity: run.files.some((f) => f.mapping.quantity !== undefined),
    status: run.files.some((f) => f.mapping.status !== undefined),
    profit: run.files.some((f) => f.mapping.profit !== undefined || f.mapping.cost !== undefined),
  };
}

/** ORG_UNKNOWN_REP: one warning per rep the org file does not list, most rows first. */
function logUnknownReps(unknownReps: Map<string, number>, org: Org, run: IngestRun): void {
  const list = [...unknownReps].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [rep, n] of list)
    run.log.add({
      code: 'ORG_UNKNOWN_REP',
      severity: 'warning',
      ...coded(msg('I_ORG_UNKNOWN_REP', { rep: JSON.stringify(rep), rows: n })),
      file: org.file,
      row: 0,
      value: rep,
    });
}

/** Reads, validates and aggregates. */
export async function analyse(
  files: string[],
  flags: AnalysisOptions,
  ingest: ResolvedIngest,
  defaults: AnalyseDefaults = {},
): Promise<Analysis> {
  const options: IngestOptions = { ...ingest.options };
  const { config, notes: ingestNotes } = ingest;
  if (flags.hashInputs) options.hashInputs = true;
  const rejected = collectRejects(options, defaults);
  const calendar = calendarOf(flags);
  const { from, to } = periodRange(flags, calendar);
  if (files.length === 0 && !flags.spend) throw usageError('NO_INPUT', msg('NO_INPUT'));

  const sideOpts = {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
  };
  const notes: (string | Msg)[] = [...ingestNotes];
  const org = flags.org ? await loadOrg(flags.org, sideOpts, notes) : null;
  const run = newRun();
  const r = await aggregate(files, flags, { options, calendar, org, run, notes, defaults });
  const { agg, dims, unknownReps, checkBy } = r;
  if (files.length) checkNotEmpty(run, agg, flags, calendar, from, to, Boolean(defaults.keepEmpty));
  if (r.byNames && files.length) checkBy();

  const side = sideLoader({ sideOpts, calendar, dims, org, run, notes });
  const targets = flags.targets ? await side(flags.targets, 'targets', parseSideMap('--targets-map', flags.targetsMap)) : null;
  const spend = flags.spend ? await side(flags.spend, 'spend', parseSideMap('--spend-map', flags.spendMap)) : null;
  const has = fieldsPresent(run);
  const targetInput: TargetInput | undefined = targets ? { targets: targets.table, byGroup: targets.byGroup } : undefined;
  const spendInput: SpendInput | undefined = spend ? { spend: spend.table, acquired: spend.acquired, byGroup: spend.byGroup } : undefined;
  const result = agg.finish(has, {
    ...(targetInput ? { targets: targetInput } : {}),
    ...(spendInput ? { spend: spendInput } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  });

  unmatchedSides(
    result,
    run,
    notes,
    [
      ['targets', targets, flags.targets],
      ['spend', spend, flags.spend],
    ],
    defaults.unmatchedTargets,
  );
  if (unknownReps.size) logUnknownReps(unknownReps, org!, run);
  if (targets?.coarse && org) repsWithoutTargets(result, dims, org, targets, calendar, run, flags.targets!);
  const inputs = [...files, ...[flags.targets, flags.spend, flags.org].filter((x): x is string => x !== undefined)];
  return { options, config, calendar, run, dims, result, org, targets, spend, notes, inputs, rejected };
}

/** The period flags as the user gave them (`--period 2026-Q1`, `--from 2026-01 --to 2026-03`), for a message. */
export function rangeFlagsText(flags: Pick<AnalysisOptions, 'period' | 'from' | 'to'>): string {
  if (flags.period !== undefined) return `--period ${flags.period}`;
  return [flags.from !== undefined ? `--from ${flags.from}` : '', flags.to !== undefined ? `--to ${flags.to}` : '']
    .filter(Boolean)
    .join(' ');
}

/** --period, or --from/--to, as period keys (checked against the grain). */
export function periodRange(
  flags: Pick<AnalysisOptions, 'period' | 'from' | 'to'>,
  calendar: Calendar,
): { from: number | undefined; to: number | undefined } {
  const grain = calendar.grain;
  const key = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const p = parsePeriodKey(text, calendar);
    if (p === null)
      throw usageError(
        'FLAG_PERIOD',
        msg('FLAG_PERIOD_KIND', {
          flag,
          value: JSON.stringify(text),
          grain: msg(`GRAIN_${grain.toUpperCase()}`),
          example:
            grain === 'month'
              ? '2026-10'
              : grain === 'quarter'
                ? calendar.fiscalStart === 1
                  ? '2026-Q4'
                  : 'FY2027-Q1'
                : grain === 'year'
                  ? calendar.fiscalStart === 1
                    ? '2026'
                    : 'FY2027'
                  : '2026-W43',
        }),
      );
    return p;
  };
  if (flags.period !== undefined && (flags.from !== undefined || flags.to !== undefined))
    throw usageError('FLAG_PERIOD', msg('FLAG_PERIOD_COMBINED'));
  const from = key('--period', flags.period) ?? key('--from', flags.from);
  const to = key('--period', flags.period) ?? key('--to', flags.to);
  if (from !== undefined && to !== undefined && from > to)
    throw usageError('FLAG_PERIOD', msg('FLAG_PERIOD_ORDER', { from: flags.from!, to: flags.to! }));
  return { from, to };
}

async function loadOrg(file: string, sideOpts: Parameters<typeof readSideTable>[1], notes: (string | Msg)[]): Promise<Org> {
  const o = buildOrg(await readSideTable(file, sideOpts));
  if (o.fatal) throw usageError('ORG_FILE', o.fatal);
  notes.push(...o.notes);
  return o.org!;
}

/** The dimensions of --by names: org columns (team/region/manager roll up from the rep), mapped fields, other headers. */
function dimSpecs(names: string[], org: Org | null, run: IngestRun, unknownReps: Map<string, number>): DimSpec[] {
  return names.map((name) => {
    const lower = name.toLowerCase();
    // the org file first: team/region/manager roll up from the rep
    const oc = org ? orgColumn(org, name) : undefined;
    if (org && oc !== undefined) {
      const o = org;
      const dimName = lower === 'team' || lower === 'region' ? lower : o.columns[oc]!;
      return {
        name: dimName,
        get: (r: SalesRecord) => {
          if (r.rep === null) return null;
          const v = o.byRep.get(r.rep);
          if (!v) {
            unknownReps.set(r.rep, (unknownReps.get(r.rep) ?? 0) + 1);
            return null;
          }
          return v[oc] ?? null;
        },
      };
    }
    let field = DIM_FIELDS.find((f) => f.toLowerCase() === lower);
    if (!field)
      for (const f of run.files)
        for (const [k, h] of Object.entries(f.mapping))
          if (h.trim().toLowerCase() === lower && DIM_FIELDS.includes(k as Field)) field = k as Field;
    if (field) {
      const fld = field;
      return { name: fld, get: (r: SalesRecord) => r[fld as 'rep'] };
    }
    let idx: number | undefined;
    return {
      name,
      get: (r: SalesRecord) => {
        if (idx === undefined) idx = run.dimensions.find(name);
        if (idx === undefined) return null;
        const v = r.extra[idx];
        return v === undefined || v === '' ? null : v;
      },
    };
  });
}

/** Split credit: a row's amounts count at its share, so a deal entered once per rep adds up to the deal. */
function splitCredit(run: IngestRun, splitColumn: string | undefined, notes: (string | Msg)[]) {
  let split: number | undefined | null = null;
  const index = () => {
    if (split === null) {
      split = shareColumn(run.dimensions.names, splitColumn);
      if (splitColumn !== undefined && split === undefined)
        throw usageError(
          'FLAG_SPLIT_COLUMN',
          msg('FLAG_SPLIT_COLUMN', { column: splitColumn, suggest: didYouMeanOf(splitColumn, run.dimensions.names) }),
        );
      if (split !== undefined) notes.push(msg('NOTE_SPLIT_CREDIT', { column: JSON.stringify(run.dimensions.names[split]) }));
    }
    return split;
  };
  const credited = (r: SalesRecord): SalesRecord => {
    const v = r.extra[split!];
    const share = v === undefined || v === '' ? null : parseShare(v);
    if (share === null) return r;
    const amount = multiply({ units: r.units, scale: r.scale }, share);
    return { ...r, units: amount.units, scale: amount.scale, quantity: r.quantity === null ? null : multiply(r.quantity, share) };
  };
  return { index, credited };
}

/** A --by the user gave must be a dimension the data has (a mapped field, a header, or an org column). */
function checkByDims(dims: DimSpec[], byNames: string[] | null, org: Org | null, run: IngestRun): void {
  for (const d of dims) {
    if (org && orgColumn(org, d.name) !== undefined) continue;
    const field = DIM_FIELDS.includes(d.name as Field);
    if (field ? run.files.some((x) => x.mapping[d.name as Field] !== undefined) : run.dimensions.find(d.name) !== undefined) continue;
    const avail = [
      ...DIM_FIELDS.filter((f) => run.files.some((x) => x.mapping[f] !== undefined)),
      ...run.dimensions.names,
      ...(org ? org.columns : []),
    ];
    const given = byNames?.find((n) => n.toLowerCase() === d.name.toLowerCase()) ?? d.name;
    const why = field
      ? msg(d.name === 'team' || d.name === 'region' || d.name === 'manager' ? 'BY_NOT_MAPPED_ORG' : 'BY_NOT_MAPPED', { field: d.name })
      : msg('BY_NO_SUCH_COLUMN');
    throw usageError(
      'FLAG_BY',
      msg('FLAG_BY', {
        given,
        why,
        available: avail.join(', ') || msg('NONE'),
        suggest: didYouMeanOf(
          given,
          byCandidates(
            given,
            avail,
            run.files.flatMap((x) => x.headers),
          ),
        ),
      }),
    );
  }
}

interface AggregateContext {
  options: IngestOptions;
  calendar: Calendar;
  org: Org | null;
  run: IngestRun;
  notes: (string | Msg)[];
  defaults: AnalyseDefaults;
}

/** Reads the files batch by batch into the KPI aggregator (dimensions chosen once the first file's mapping is known). */
async function aggregate(files: string[], flags: AnalysisOptions, c: AggregateContext) {
  const { options, calendar, org, run, defaults } = c;
  const unknownReps = new Map<string, number>();
  let agg: KpiAggregator | null = null;
  const byNames =
    flags.by === undefined
      ? null
      : flags.by
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  const split = splitCredit(run, flags.splitColumn, c.notes);
  let dims: DimSpec[] = [];
  const start = (first: boolean) => {
    if (agg) return;
    const names = byNames ?? defaults.by ?? (first && run.files.some((f) => f.mapping.rep !== undefined) ? ['rep'] : []);
    dims = dimSpecs(names, org, run, unknownReps);
    agg = new KpiAggregator({ calendar, dims, asOf: options.asOf });
  };
  const checkBy = () => checkByDims(dims, byNames, org, run);
  const progress = defaults.progress ?? null;
  if (progress && files.length) {
    progress.begin(`salesperf: reading ${files.length === 1 ? files[0] : `${files.length} files`}…`);
    options.onProgress = (file, bytes, total) =>
      progress.update(
        file,
        bytes,
        total,
        run.files.reduce((a, f) => a + f.rowsRead, 0),
      );
  }
  if (files.length) {
    await guardStall(
      (async () => {
        for await (const batch of readRecords(files, options, run)) {
          if (!agg && byNames && files.length === 1) {
            start(true);
            checkBy(); // one file: a --by it does not have stops before the whole file is read
          }
          start(true);
          agg!.add(split.index() === undefined ? batch : batch.map(split.credited));
          defaults.onBatch?.(batch, run);
        }
      })(),
      () => run.files.at(-1)?.file ?? files[0]!,
    );
  }
  progress?.end();
  start(false);
  return { agg: agg! as KpiAggregator, dims, byNames, unknownReps, checkBy };
}

/**
 * Empty data is a data problem. Each file without data rows is a NO_DATA_ROWS error; a run that has
 * no accepted row at all, or none dated in --from/--to/--period, stops here (exit 1) instead of
 * showing an all-zero table. `validate` (keepEmpty) checks the files as they are: the period
 * flags filter a report, not the file, so there only the per-file issues count.
 */
function checkNotEmpty(
  run: IngestRun,
  agg: KpiAggregator,
  flags: AnalysisOptions,
  calendar: Calendar,
  from: number | undefined,
  to: number | undefined,
  keepEmpty: boolean,
): void {
  const empty = noDataRows(run.files, run.log);
  if (keepEmpty) return;
  const sum = (k: 'rowsRead' | 'accepted' | 'rejected') => run.files.reduce((a, f) => a + f[k], 0);
  if (sum('rowsRead') === 0) {
    throw dataError(
      'NO_DATA_ROWS',
      run.files.length === 1
        ? msg('NO_DATA_ROWS_FILE', { file: run.files[0]!.file })
        : msg('NO_DATA_ROWS_FILES', { files: run.files.length, empty }),
      msg('NO_DATA_ROWS_FILE_HINT'),
    );
  }
  if (sum('accepted') === 0 && sum('rejected') > 0) {
    const codes = run.log
      .summary()
      .filter((s) => s.severity === 'error')
      .map((s) => `${s.code} ×${s.count}`)
      .join(', ');
    throw dataError(
      'NO_DATA_ROWS',
      msg('NO_DATA_ROWS_REJECTED', { rows: sum('rejected'), list: codes }),
      msg('NO_DATA_ROWS_REJECTED_HINT'),
    );
  }
  const range = agg.range();
  if ((from !== undefined || to !== undefined) && agg.rowsIn(from, to) === 0) {
    const what = rangeFlagsText(flags);
    const dated = range ? msg('NO_DATA_ROWS_DATED', { first: periodKey(range.min, calendar), last: periodKey(range.max, calendar) }) : '';
    throw dataError('NO_DATA_ROWS', msg('NO_DATA_ROWS_RANGE', { range: what, dated }), msg('NO_DATA_ROWS_RANGE_HINT'));
  }
}

/** Targets/spend for groups the data does not have: left out of the report and named (payout: statements on no sales). */
export function unmatchedSides(
  result: EngineResult,
  run: IngestRun,
  notes: (string | Msg)[],
  sides: [kind: 'targets' | 'spend', side: SideResult | null, file: string | undefined][],
  unmatchedTargets: AnalyseDefaults['unmatchedTargets'],
): void {
  for (const [kind, side, file] of sides) {
    const list = result.unmatched[kind];
    if (!side || !file || list.length === 0) continue;
    const SHOWN = 5;
    const groups = list
      .slice(0, SHOWN)
      .map((g) => JSON.stringify(g))
      .join(', ');
    const more = list.length > SHOWN ? msg('NOTE_MORE', { count: list.length - SHOWN }) : '';
    if (kind === 'targets' && unmatchedTargets === 'statements') {
      // payout gives every rep with a target a statement: these are not left out, they are paid on no sales
      notes.push(msg('NOTE_TARGETS_NO_SALES', { file, count: list.length, groups, more }));
      continue;
    }
    const code = kind === 'targets' ? 'TARGET_UNMATCHED' : 'SPEND_UNMATCHED';
    for (const g of list)
      run.log.add({
        code,
        severity: 'warning',
        ...coded(msg(kind === 'targets' ? 'I_SIDE_UNMATCHED_TARGETS' : 'I_SIDE_UNMATCHED_SPEND', { group: JSON.stringify(g) })),
        file,
        row: 0,
        value: g,
      });
    notes.push(
      msg(kind === 'targets' ? 'NOTE_SIDE_UNMATCHED_TARGETS' : 'NOTE_SIDE_UNMATCHED_SPEND', { file, count: list.length, groups, more }),
    );
  }
}

/** TARGET_REP_MISSING: reps without a target of their own while their team/region has one. */
function repsWithoutTargets(
  result: EngineResult,
  dims: DimSpec[],
  org: Org,
  targets: SideResult,
  calendar: Calendar,
  run: IngestRun,
  file: string,
): void {
  const coarse = targets.coarse!;
  const dimIdx = dims.findIndex((d) => d.name === 'rep');
  for (const row of result.rows) {
    if (row.kpis.target !== null && row.kpis.target !== undefined) continue;
    const rep = row.dims[dimIdx];
    if (!rep) continue;
    const vals = org.byRep.get(rep) ?? [];
    for (const v of vals) {
      if (v !== null && coarse.has(v)) {
        const pk = parsePeriodKey(row.period, calendar)!;
        if (coarse.get(v)!.has(pk))
          run.log.add({
            code: 'TARGET_REP_MISSING',
            severity: 'warning',
            ...coded(msg('I_TARGET_REP_MISSING', { rep: JSON.stringify(rep), period: row.period, level: JSON.stringify(v) })),
            file,
            row: 0,
            value: rep,
          });
      }
    }
  }
}

/**
 * What a misspelt --by may have meant: the available dimensions first, then the
 * files' headers; one spelling per name whatever its case, and never the name given itself.
 */
function byCandidates(given: string, avail: readonly string[], headers: readonly string[]): string[] {
  const seen = new Set([given.trim().toLowerCase()]);
  const out: string[] = [];
  for (const c of [...avail, ...headers]) {
    const k = c.trim().toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  return out;
}
