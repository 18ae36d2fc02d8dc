/**
 * `validate` as data: read, map and check each file (one that cannot be read does not hide the
 * others), or with targets, analyse and flag targets far from each group's history; the result is
 * the `validate --format json` document. No printing, no exit.
 */
import { SalesperfError } from '../errors.js';
import { guardStall } from '../io/stall.js';
import { coded, ISSUE_CODES } from '../ingest/issues.js';
import { msg, type Msg } from '../core/message-catalog.js';
import { newRun, readRecords, type IngestOptions, type IngestRun } from '../ingest/read.js';
import { noDataRows } from '../ingest/checks.js';
import type { Unreadable, ValidateOutput } from '../schema/validate-output.js';
import { checkTargets, type TargetBand } from '../engine/target-check.js';
import { formatValue, percentAgainst } from '../core/format.js';
import { readSideTable } from '../ingest/side-table.js';
import { headerKey } from '../ingest/mapping.js';
import { PERIOD_SYNONYMS } from '../engine/side-tables.js';
import { type Grain, parsePeriodKey } from '../engine/periods.js';
import { analyse, calendarOf, type AnalysisOptions, type ResolvedIngest } from './analyse.js';

export interface ValidateOptions extends AnalysisOptions {
  encoding?: string;
  delimiter?: string;
}

export interface ValidateView {
  result: ValidateOutput;
  /** Notes for stderr (the ingest notes, a targets grain chosen from the file). */
  notes: (string | Msg)[];
  /** The files read (for a workbook's summary sheet). */
  run: IngestRun;
}

/** Reads and checks the files; `onReject` gets every rejected row. */
export async function validate(
  files: string[],
  flags: ValidateOptions,
  band: TargetBand,
  ingest: ResolvedIngest,
  onReject?: IngestOptions['onReject'],
): Promise<ValidateView> {
  const options: IngestOptions = { ...ingest.options };
  const notes = [...ingest.notes];
  let run = newRun();
  // files that could not be validated at all (unreadable, not a sales export): each its own error block
  const unreadable: Unreadable[] = [];
  if (flags.targets) {
    // targets are checked against each group's own history: the analysis pipeline reads the files once
    // no --grain: the targets' own grain (quarterly quotas checked as quarters, not phased into months)
    let grain = flags.grain;
    if (grain === undefined) {
      const inferred = await targetsGrain(flags.targets, flags);
      if (inferred && inferred !== 'month') {
        grain = inferred;
        notes.push(msg('NOTE_TARGETS_GRAIN', { file: flags.targets, grain: inferred }));
      }
    }
    const a = await analyse(
      files,
      { ...flags, ...(grain !== undefined ? { grain } : {}) },
      { ...ingest, notes: [] },
      { keepEmpty: true, ...(onReject ? { onReject } : {}) },
    );
    run = a.run;
    for (const f of checkTargets(a.result, a.calendar, band)) {
      const who = a.result.dimensions.map((d, i) => `${d}=${f.dims[i] ?? '(none)'}`).join(' ') || 'total';
      run.log.add({
        code: 'TARGET_UNREASONABLE',
        severity: 'warning',
        ...coded(
          msg('I_TARGET_UNREASONABLE', {
            who: who === 'total' ? msg('TOTAL') : who,
            period: f.period,
            target: formatValue(f.target, 'money'),
            percent: percentAgainst(f.ratio, f.direction === 'high' ? band.high : band.low),
            periods: f.trailingPeriods,
            average: formatValue(f.trailingAverage, 'money'),
            lastYear: f.lastYear !== null ? msg('I_TU_LAST_YEAR', { value: formatValue(f.lastYear, 'money') }) : '',
            verdict: msg(f.direction === 'high' ? 'I_TU_HIGH' : 'I_TU_LOW'),
          }),
        ),
        file: flags.targets,
        row: 0,
        value: String(f.target),
      });
    }
  } else {
    if (onReject) options.onReject = onReject;
    await readEach(files, options, run, unreadable);
    noDataRows(run.files, run.log);
  }
  return { result: validateOutput(run, unreadable), notes, run };
}

/** Each file on its own, so one that cannot be read does not hide the others (one file alone: its error stops the run). */
async function readEach(files: string[], options: IngestOptions, run: IngestRun, unreadable: Unreadable[]): Promise<void> {
  for (const file of files) {
    const before = run.files.length;
    try {
      await guardStall(
        (async () => {
          for await (const batch of readRecords([file], options, run)) void batch;
        })(),
        () => file,
      );
    } catch (e) {
      if (!(e instanceof SalesperfError) || files.length === 1) throw e;
      run.files.splice(before); // a half-read file is reported as not read
      unreadable.push({
        file,
        code: e.code,
        message: e.message,
        ...(e.hint ? { hint: e.hint } : {}),
        exitCode: e.exitCode,
        ...(e.msg ? { msg: e.msg } : {}),
        ...(e.hintMsg ? { hintMsg: e.hintMsg } : {}),
      });
    }
  }
}

/** The validate document of a run. */
export function validateOutput(run: IngestRun, unreadable: Unreadable[]): ValidateOutput {
  const summary = run.log.summary();
  const errors = run.log.count('error');
  const result: ValidateOutput = {
    schemaVersion: 1,
    command: 'validate',
    files: run.files.map((f) => ({
      ...f,
      mapping: f.mapping as Record<string, string>,
      mappedBy: f.mappedBy as Record<string, 'auto' | 'map'>,
      statusCounts: f.statusCounts as Record<string, number>,
    })),
    issues: summary.map((s) => ({
      code: s.code,
      severity: s.severity,
      count: s.count,
      meaning: ISSUE_CODES[s.code]?.meaning ?? s.code,
      examples: s.examples,
    })),
    unknownStatuses: [...run.unknownStatuses]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([value, count]) => ({ value, count })),
    summary: {
      files: run.files.length,
      rowsRead: sum(run.files.map((f) => f.rowsRead)),
      accepted: sum(run.files.map((f) => f.accepted)),
      rejected: sum(run.files.map((f) => f.rejected)),
      excluded: sum(run.files.map((f) => f.excluded)),
      errors,
      warnings: run.log.count('warning'),
      infos: run.log.count('info'),
    },
    exitCode: errors > 0 ? 1 : 0,
  };
  if (unreadable.length) {
    result.unreadable = unreadable;
    result.exitCode = unreadable.reduce((m: number, u) => Math.max(m, u.exitCode), 0) as 2 | 3; // the worst code: unreadable files outrank data issues
  }
  return result;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/**
 * The grain a targets file is written in: the finest of month, quarter, year or week under which
 * every value of its period column reads as a period key; null when there is no such column (a
 * date column, say) or the values are mixed or not period keys.
 */
async function targetsGrain(path: string, flags: ValidateOptions): Promise<Grain | null> {
  let t: Awaited<ReturnType<typeof readSideTable>>;
  try {
    t = await readSideTable(path, {
      ...(flags.encoding ? { encoding: flags.encoding } : {}),
      ...(flags.delimiter ? { delimiter: flags.delimiter } : {}),
    } as Parameters<typeof readSideTable>[1]);
  } catch {
    return null; // the analysis reads it again and reports why it cannot
  }
  const override = (flags.targetsMap ?? []).map((m) => /^period=(.*)$/.exec(m)?.[1]).find((x) => x !== undefined);
  const keys = t.headers.map(headerKey);
  const col =
    override !== undefined
      ? t.headers.findIndex((h) => h.trim() === override.trim())
      : (PERIOD_SYNONYMS.map((s) => keys.indexOf(s)).find((i) => i >= 0) ?? -1);
  if (col < 0) return null;
  const fiscalStart = calendarOf({ ...flags, grain: 'month' }).fiscalStart;
  let seen = false;
  for (const g of ['month', 'quarter', 'year', 'week'] as Grain[]) {
    const cal = { grain: g, fiscalStart: g === 'month' || g === 'week' ? 1 : fiscalStart };
    let all = true;
    for (const row of t.rows) {
      const v = row[col];
      if (v === null || v === undefined || String(v).trim() === '') continue;
      seen = true;
      if (parsePeriodKey(String(v), cal) === null) {
        all = false;
        break;
      }
    }
    if (all && seen) return g;
  }
  return null;
}
