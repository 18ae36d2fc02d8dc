/**
 * Flags → the application layer's analysis (src/app/analyse.ts): the ingest flags and config
 * resolved here (the as-of date defaults to today: the CLI is where the clock is read), and the
 * `--rejects FILE` CSV written here. Commands only render what comes back.
 */
import { analyse as analyseApp, type AnalyseDefaults, type Analysis, type AnalysisOptions, type ResolvedIngest } from '../app/analyse.js';
import { EXIT, SalesperfError } from '../errors.js';
import { configInput } from '../io/write.js';
import type { IngestOptions } from '../ingest/read.js';
import { openRejects } from './rejects.js';
import { type IngestFlags, toIngestOptions } from './ingest-options.js';

export { calendarOf, type AnalyseDefaults, type Analysis } from '../app/analyse.js';

export interface AnalysisFlags extends IngestFlags, AnalysisOptions {}

/**
 * Reads, validates and aggregates. With `--rejects FILE` every rejected row's issues also go to
 * that CSV — kept when the run ends or stops on a data problem (exit 1: e.g. every row rejected),
 * removed when it stops on anything else.
 */
export async function analyse(files: string[], flags: AnalysisFlags, defaults: AnalyseDefaults = {}): Promise<Analysis> {
  return withRejects(files, flags, defaults, (ingest, d) => analyseApp(files, flags, ingest, d));
}

/** Runs an application-layer step on the resolved ingest flags, with the --rejects CSV around it when asked for. */
export async function withRejects<T>(
  files: string[],
  flags: AnalysisFlags,
  defaults: AnalyseDefaults,
  step: (ingest: ResolvedIngest, defaults: AnalyseDefaults) => Promise<T>,
): Promise<T> {
  if (!flags.rejects) return step(toIngestOptions(flags), defaults);
  const extra = flags as AnalysisFlags & { plan?: string; compare?: string; splits?: string };
  const sink = openRejects(flags.rejects, [
    ...files,
    flags.targets,
    flags.spend,
    flags.org,
    extra.plan,
    extra.compare,
    extra.splits,
    configInput(flags.config),
  ]);
  const onReject: NonNullable<IngestOptions['onReject']> = (file, row, cells, issues) => {
    sink.onReject(file, row, cells, issues);
    defaults.onReject?.(file, row, cells, issues);
  };
  try {
    const a = await step(toIngestOptions({ ...flags, rejects: undefined }), { ...defaults, onReject });
    await sink.commit();
    return a;
  } catch (e) {
    if (e instanceof SalesperfError && e.exitCode === EXIT.dataIssues) await sink.commit();
    else await sink.abort();
    throw e;
  }
}
