/**
 * salesperf as a library: `import { report, validate, scorecard, payout, KPIS } from 'salesperf'`.
 * Importing it runs no command and touches no process state; each function reads the files it is
 * given and returns plain data (the documents `--format json` prints, with notes and breaches as
 * coded data). Problems that stop a run are thrown as SalesperfError (code, exitCode, message).
 * See docs/api.md.
 */
import { msg } from './core/message-catalog.js';
import { usageError } from './errors.js';
import { DEFAULT_TARGET_BAND } from './engine/target-check.js';
import {
  analysisOptions,
  codedOf,
  report as reportLib,
  resolveInputs,
  validate as validateLib,
  type AnalyseOptions,
  type ReportOptions,
  type ValidateOptions,
} from './app/library.js';
import { inferGrain } from './cli/flags.js';
import type { ReportResult } from './app/report-output.js';
import type { ValidateOutput } from './schema/validate-output.js';
import { payout as payoutApp } from './app/payout.js';
import { scorecard as scorecardApp } from './app/scorecard.js';
import { payoutDoc } from './render/payout.js';
import { scorecardDoc, scorecardView } from './render/scorecard.js';
import { planSchema, type Plan } from './schema/plan.js';
import type { Coded } from './app/report-output.js';
import type { ScorecardApiResult } from './app/scorecard-output.js';
import type { PayoutApiResult } from './app/payout-output.js';

export type { AnalyseOptions, InputOptions, ReportOptions, ValidateOptions } from './app/library.js';
export type { CsvStreamInput, MemoryInput, RecordsInput } from './ingest/memory-source.js';
export { KPIS, KPI_IDS, type KpiDef, type KpiUnit } from './engine/kpis.js';
export { SalesperfError, EXIT } from './errors.js';
export { reportResultSchema, reportSchema, codedSchema, type Coded, type ReportDoc, type ReportResult } from './app/report-output.js';
export { validateOutputSchema, type ValidateOutput } from './schema/validate-output.js';
export { planSchema, type Plan } from './schema/plan.js';
export { scorecardSchema, scorecardResultSchema, type ScorecardDoc, type ScorecardApiResult } from './app/scorecard-output.js';
export { payoutSchema, payoutResultSchema, type PayoutDoc, type PayoutApiResult } from './app/payout-output.js';

/** The grain a `period`, `from` or `to` key implies when `grain` is not given (2026-Q3 → quarter), as on the command line; a conflicting `grain` is a usage error. */
function withImpliedGrain<T extends AnalyseOptions>(o: T): T {
  const g: { grain?: string; period?: string; from?: string; to?: string } = {
    ...(o.grain !== undefined ? { grain: o.grain } : {}),
    ...(o.period !== undefined ? { period: o.period } : {}),
    ...(o.from !== undefined ? { from: o.from } : {}),
    ...(o.to !== undefined ? { to: o.to } : {}),
  };
  inferGrain(g);
  return g.grain === undefined || g.grain === o.grain ? o : { ...o, grain: g.grain as AnalyseOptions['grain'] };
}

/** `salesperf report --format json` as a function: the document with its rows, notes and breaches. */
export async function report(o: ReportOptions): Promise<ReportResult> {
  return reportLib(withImpliedGrain(o));
}

/** `salesperf validate --format json` as a function, with the notes as coded data. */
export async function validate(o: ValidateOptions): Promise<ValidateOutput & { notes: Coded[] }> {
  return validateLib(withImpliedGrain(o));
}

export interface ScorecardOptions extends AnalyseOptions {
  currency?: string;
  /** Target-check band (ratios: 1.5 = 150%). */
  band?: { high?: number; low?: number };
  /** Language of the scorecard's own notes (default en). */
  lang?: 'en' | 'zh';
}

/** `salesperf scorecard --format json` as a function: one period (default the last) scored per group. */
export async function scorecard(options: ScorecardOptions): Promise<ScorecardApiResult> {
  const o = withImpliedGrain(options);
  const band = { ...DEFAULT_TARGET_BAND, ...o.band };
  const { files, ingest } = resolveInputs(o);
  const v = await scorecardApp(
    files,
    { ...analysisOptions(o), ...(o.currency !== undefined ? { currency: o.currency } : {}) },
    band,
    ingest,
  );
  const scored = scorecardView(v.scored, 'en');
  const doc = scorecardDoc(scored, {
    period: v.period,
    grain: v.analysis.calendar.grain,
    dims: v.analysis.result.dimensions,
    config: v.config,
    flags: v.flags,
  });
  return { ...doc, notes: [...v.analysis.notes, ...scored.noteMsgs].map((n) => codedOf(n, 'info')) };
}

export interface PayoutOptions extends AnalyseOptions {
  /** The compensation plan (validated by planSchema). */
  plan: Plan | unknown;
  /** A second plan to compare with. */
  compare?: Plan | unknown;
  splits?: string;
  costColumn?: string;
}

const parsePlan = (p: unknown, what: string): Plan => {
  const r = planSchema.safeParse(p);
  if (!r.success)
    throw usageError(
      'PLAN_INVALID',
      `${what}: invalid plan: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return r.data;
};

/** `salesperf payout --format json` as a function: statements per rep and period, issues as coded data. */
export async function payout(options: PayoutOptions): Promise<PayoutApiResult> {
  const o = withImpliedGrain(options);
  if (o.plan === undefined) throw usageError('FLAG_PLAN', msg('PAY_PLAN_REQUIRED'));
  const plan = parsePlan(o.plan, 'plan');
  const planB = o.compare === undefined ? null : parsePlan(o.compare, 'compare');
  const { files, ingest } = resolveInputs(o);
  const v = await payoutApp(
    files,
    {
      ...analysisOptions(o),
      ...(o.splits !== undefined ? { splits: o.splits } : {}),
      ...(o.costColumn !== undefined ? { costColumn: o.costColumn } : {}),
    },
    plan,
    planB,
    ingest,
  );
  const run = v.analysis.run;
  const issues: Record<string, number> = {};
  for (const s of run.log.summary()) issues[s.code] = s.count;
  const bad = run.files.some((f) => f.rejected > 0) || run.log.summary().some((s) => s.code.startsWith('SPLIT_'));
  return {
    ...payoutDoc(plan, planB, v.statements, v.statementsB, v.calendar.grain),
    notes: v.analysis.notes.map((n) => codedOf(n, 'info')),
    issues,
    exitCode: bad ? 1 : 0,
  };
}
