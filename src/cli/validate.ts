/** `salesperf validate FILES...`: read, map and check; report what was found. */
import { EXIT, SalesperfError, usageError } from '../errors.js';
import { writeFileAtomic } from '../io/write.js';
import { configInput } from '../io/write.js';
import { guardStall } from '../io/stall.js';
import { coded, ISSUE_CODES } from '../ingest/issues.js';
import { msg } from '../core/message-catalog.js';
import { newRun, readRecords } from '../ingest/read.js';
import { noDataRows } from '../ingest/checks.js';
import { renderValidateText, validateSummary, withoutMsgs } from '../render/validate-text.js';
import { validateCsv, validateIssueRows, validateMarkdown } from '../render/validate-data.js';
import type { Unreadable, ValidateOutput } from '../schema/validate-output.js';
import { outputFormat, targetBandFlags, toIngestOptions } from './ingest-options.js';
import { error, formatMessages, type Message, note } from './messages.js';
import { FORMATS, formatExtensionNote } from './options.js';
import { analyse, type AnalysisFlags } from './pipeline.js';
import { openRejects } from './rejects.js';
import { checkTargets } from '../engine/target-check.js';
import { formatValue, percentAgainst } from '../core/format.js';
import type { CliIO } from './io.js';
import { readSideTable } from '../io/side-table.js';
import { headerKey } from '../ingest/mapping.js';
import { PERIOD_SYNONYMS } from '../engine/side-tables.js';
import { type Grain, parsePeriodKey } from '../engine/periods.js';
import { calendarOf } from './pipeline.js';

export interface ValidateFlags extends AnalysisFlags {
  format?: string;
  out?: string;
  quiet?: boolean;
  lang?: string;
  examples?: string;
  bandHigh?: string;
  bandLow?: string;
}

export async function validateCommand(files: string[], flags: ValidateFlags, io: CliIO): Promise<number> {
  const format = outputFormat(flags, FORMATS.validate, 'table');
  const examples = flags.examples !== undefined ? Number(flags.examples) : 3;
  if (!Number.isInteger(examples) || examples < 0) throw usageError('FLAG', msg('FLAG_EXAMPLES', { value: JSON.stringify(flags.examples) }));
  const lang = flags.lang === 'zh' ? 'zh' : 'en';
  const { options, notes } = toIngestOptions(flags);
  let run = newRun();
  // files that could not be validated at all (unreadable, not a sales export): each its own error block
  const unreadable: Unreadable[] = [];
  const rejects = flags.rejects ? openRejects(flags.rejects, [...files, flags.targets, flags.org, configInput(flags.config)]) : null;
  const onReject = rejects?.onReject;
  try {
    if (flags.targets) {
      // targets are checked against each group's own history: the analysis pipeline reads the files once
      const band = targetBandFlags(flags);
      // no --grain: the targets' own grain (quarterly quotas checked as quarters, not phased into months)
      let grain = flags.grain;
      if (grain === undefined) {
        const inferred = await targetsGrain(flags.targets, flags);
        if (inferred && inferred !== 'month') {
          grain = inferred;
          notes.push(msg('NOTE_TARGETS_GRAIN', { file: flags.targets, grain: inferred }));
        }
      }
      const a = await analyse(files, { ...flags, ...(grain !== undefined ? { grain } : {}), rejects: undefined }, { keepEmpty: true, ...(onReject ? { onReject } : {}) });
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
      // each file on its own, so one that cannot be read does not hide the others
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
          unreadable.push({ file, code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}), exitCode: e.exitCode, ...(e.msg ? { msg: e.msg } : {}), ...(e.hintMsg ? { hintMsg: e.hintMsg } : {}) });
        }
      }
      noDataRows(run.files, run.log);
    }
  } catch (e) {
    await rejects?.abort();
    throw e;
  }
  await rejects?.commit();

  const summary = run.log.summary();
  const errors = run.log.count('error');
  const result: ValidateOutput = {
    schemaVersion: 1,
    command: 'validate',
    files: run.files.map((f) => ({ ...f, mapping: f.mapping as Record<string, string>, mappedBy: f.mappedBy as Record<string, 'auto' | 'map'>, statusCounts: f.statusCounts as Record<string, number> })),
    issues: summary.map((s) => ({ code: s.code, severity: s.severity, count: s.count, meaning: ISSUE_CODES[s.code]?.meaning ?? s.code, examples: s.examples })),
    unknownStatuses: [...run.unknownStatuses].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value, count]) => ({ value, count })),
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
    exitCode: errors > 0 ? EXIT.dataIssues : EXIT.ok,
  };
  if (unreadable.length) {
    result.unreadable = unreadable;
    result.exitCode = Math.max(...unreadable.map((u) => u.exitCode)) as 2 | 3; // the worst code: unreadable files outrank data issues
  }
  let text: string | Uint8Array;
  if (format === 'json') text = JSON.stringify(result, withoutMsgs, 2) + '\n';
  else if (format === 'csv') text = validateCsv(result, examples, lang);
  else if (format === 'md') text = validateMarkdown(result, examples, lang);
  else if (format === 'xlsx') {
    const { validateWorkbook } = await import('../io/xlsx-writer.js');
    text = await validateWorkbook({ run, summary: validateSummary(result, lang), rows: [...validateIssueRows(result, examples, lang)], lang });
  } else text = renderValidateText(result, examples, lang);
  if (flags.out && flags.out !== '-') await writeFileAtomic(flags.out, text, [...files, ...[flags.targets, flags.org].filter((x): x is string => !!x)]);
  else io.stdout(typeof text === 'string' ? text : Buffer.from(text).toString());
  const msgs: Message[] = [];
  if (!flags.quiet) msgs.push(...notes.map(note));
  const extNote = formatExtensionNote(flags, format);
  if (extNote && !flags.quiet) msgs.push(note(extNote));
  if (unreadable.length) {
    const list = unreadable.map((u) => msg('V_UNREADABLE_ITEM', { file: u.file, why: msg(u.exitCode === 3 ? 'V_CANNOT_READ' : 'V_NOT_SALES') }));
    msgs.push(error(msg('V_UNREADABLE_SUMMARY', { count: unreadable.length, files: files.length, list: msg('LIST_COMMA', { items: list }), exit: result.exitCode })));
  }
  if (msgs.length) io.stderr(formatMessages(msgs, lang));
  return result.exitCode;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}



/**
 * The grain a targets file is written in: the finest of month, quarter, year or week under which
 * every value of its period column reads as a period key; null when there is no such column (a
 * date column, say) or the values are mixed or not period keys.
 */
async function targetsGrain(path: string, flags: ValidateFlags): Promise<Grain | null> {
  let t: Awaited<ReturnType<typeof readSideTable>>;
  try {
    t = await readSideTable(path, { ...(flags.encoding ? { encoding: flags.encoding } : {}), ...(flags.delimiter ? { delimiter: flags.delimiter } : {}) } as Parameters<typeof readSideTable>[1]);
  } catch {
    return null; // the analysis reads it again and reports why it cannot
  }
  const override = (flags.targetsMap ?? []).map((m) => /^period=(.*)$/.exec(m)?.[1]).find((x) => x !== undefined);
  const keys = t.headers.map(headerKey);
  const col = override !== undefined ? t.headers.findIndex((h) => h.trim() === override.trim()) : PERIOD_SYNONYMS.map((s) => keys.indexOf(s)).find((i) => i >= 0) ?? -1;
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
