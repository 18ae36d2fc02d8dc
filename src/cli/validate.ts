/** `salesperf validate FILES...`: read, map and check; report what was found. */
import { EXIT, usageError } from '../errors.js';
import { openAtomicStream, type AtomicStream } from '../io/atomic-stream.js';
import { guardStall } from '../io/stall.js';
import { ISSUE_CODES } from '../ingest/issues.js';
import { newRun, readRecords } from '../ingest/read.js';
import { csvLine } from '../render/csv-text.js';
import { renderValidateText } from '../render/validate-text.js';
import type { ValidateOutput } from '../schema/validate-output.js';
import { targetBandFlags, toIngestOptions } from './ingest-options.js';
import { analyse, type AnalysisFlags } from './pipeline.js';
import { checkTargets } from '../engine/target-check.js';
import { formatValue, percentAgainst } from '../core/format.js';
import type { CliIO } from './io.js';

export interface ValidateFlags extends AnalysisFlags {
  format?: string;
  examples?: string;
  bandHigh?: string;
  bandLow?: string;
}

export async function validateCommand(files: string[], flags: ValidateFlags, io: CliIO): Promise<number> {
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw usageError('FLAG', `--format: expected text or json, got ${JSON.stringify(format)}`);
  const examples = flags.examples !== undefined ? Number(flags.examples) : 3;
  if (!Number.isInteger(examples) || examples < 0) throw usageError('FLAG', `--examples: expected a whole number, got ${JSON.stringify(flags.examples)}`);
  const { options } = toIngestOptions(flags);
  let run = newRun();
  let rejects: AtomicStream | null = null;
  if (flags.rejects) {
    rejects = openAtomicStream(flags.rejects, [...files, ...[flags.targets, flags.org].filter((x): x is string => !!x)]);
    rejects.write(csvLine(['file', 'row', 'severity', 'code', 'column', 'value', 'message']));
  }
  const sink = rejects;
  const onReject = sink
    ? (file: string, row: number, _cells: unknown, issues: { severity: string; code: string; column?: string; value?: string; message: string }[]) => {
        for (const i of issues) sink.write(csvLine([file, row, i.severity, i.code, i.column ?? '', i.value ?? '', i.message]));
      }
    : undefined;
  try {
    if (flags.targets) {
      // targets are checked against each group's own history: the analysis pipeline reads the files once
      const band = targetBandFlags(flags);
      const a = await analyse(files, { ...flags, rejects: undefined }, onReject ? { onReject } : {});
      run = a.run;
      for (const f of checkTargets(a.result, a.calendar, band)) {
        const who = a.result.dimensions.map((d, i) => `${d}=${f.dims[i] ?? '(none)'}`).join(' ') || 'total';
        run.log.add({
          code: 'TARGET_UNREASONABLE',
          severity: 'warning',
          message: `${who} ${f.period}: target ${formatValue(f.target, 'money')} is ${percentAgainst(f.ratio, f.direction === 'high' ? band.high : band.low)} of the trailing ${f.trailingPeriods}-period average ${formatValue(f.trailingAverage, 'money')}${f.lastYear !== null ? ` (same period last year ${formatValue(f.lastYear, 'money')})` : ''}: ${f.direction === 'high' ? 'too high?' : 'too low?'}`,
          file: flags.targets,
          row: 0,
          value: String(f.target),
        });
      }
    } else {
      if (onReject) options.onReject = onReject;
      await guardStall(
        (async () => {
          for await (const batch of readRecords(files, options, run)) void batch;
        })(),
        () => run.files.at(-1)?.file ?? files[0] ?? 'input',
      );
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
  if (format === 'json') io.stdout(JSON.stringify(result, null, 2) + '\n');
  else io.stdout(renderValidateText(result, examples));
  return result.exitCode;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}


