/** `salesperf validate FILES...`: read, map and check; report what was found. */
import { EXIT } from '../errors.js';
import { openAtomicStream, type AtomicStream } from '../io/atomic-stream.js';
import { guardStall } from '../io/stall.js';
import { ISSUE_CODES } from '../ingest/issues.js';
import { newRun, readRecords } from '../ingest/read.js';
import { csvLine } from '../render/csv-text.js';
import { renderValidateText } from '../render/validate-text.js';
import type { ValidateOutput } from '../schema/validate-output.js';
import { type IngestFlags, toIngestOptions } from './ingest-options.js';
import type { CliIO } from './io.js';

export interface ValidateFlags extends IngestFlags {
  format?: string;
  examples?: string;
}

export async function validateCommand(files: string[], flags: ValidateFlags, io: CliIO): Promise<number> {
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw usage(`--format: expected text or json, got ${JSON.stringify(format)}`);
  const examples = flags.examples !== undefined ? Number(flags.examples) : 3;
  if (!Number.isInteger(examples) || examples < 0) throw usage(`--examples: expected a whole number, got ${JSON.stringify(flags.examples)}`);
  const { options } = toIngestOptions(flags);
  const run = newRun();
  let rejects: AtomicStream | null = null;
  if (flags.rejects) {
    rejects = openAtomicStream(flags.rejects, files);
    rejects.write(csvLine(['file', 'row', 'severity', 'code', 'column', 'value', 'message']));
    const sink = rejects;
    options.onReject = (file, row, _cells, issues) => {
      for (const i of issues) sink.write(csvLine([file, row, i.severity, i.code, i.column ?? '', i.value ?? '', i.message]));
    };
  }
  let current = '';
  try {
    await guardStall(
      (async () => {
        for await (const batch of readRecords(files, options, run)) void batch;
      })(),
      () => run.files.at(-1)?.file ?? current ?? files[0] ?? 'input',
    );
  } catch (e) {
    await rejects?.abort();
    throw e;
  }
  current = '';
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

import { usageError } from '../errors.js';
function usage(msg: string) {
  return usageError('FLAG', msg);
}
