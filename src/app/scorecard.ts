/**
 * `scorecard` as data: the whole history analysed (for retention and target checks), one period
 * scored per rep (or --by group), the target flags of that period. No printing, no exit.
 */
import { msg } from '../core/message-catalog.js';
import { checkTargets, type TargetBand, type TargetFlag } from '../engine/target-check.js';
import { scoreGroups, type Scorecard } from '../engine/scorecard.js';
import { usageError } from '../errors.js';
import { DEFAULT_SCORECARD, type ScorecardConfig } from '../schema/scorecard.js';
import { analyse, type AnalyseDefaults, type Analysis, type AnalysisOptions, type ResolvedIngest } from './analyse.js';

export interface ScorecardView {
  analysis: Analysis;
  /** The period scored. */
  period: string;
  config: ScorecardConfig;
  /** Scores as coded data (feedback and notes are worded by the renderer: render/scorecard scorecardView). */
  scored: Scorecard;
  /** Targets far from the group's own history in that period. */
  flags: TargetFlag[];
  /** The display currency: --currency, else the one currency of a currency column, else null. */
  currency: string | null;
}

export async function scorecard(
  files: string[],
  flags: AnalysisOptions & { currency?: string },
  band: TargetBand,
  ingest: ResolvedIngest,
  defaults: AnalyseDefaults = {},
): Promise<ScorecardView> {
  // the whole history is computed (for retention and target checks); one period is scored
  const period = flags.period;
  const a = await analyse(
    files,
    { ...flags, grain: flags.grain ?? 'quarter', period: undefined, from: undefined, to: undefined },
    ingest,
    defaults,
  );
  const { result, calendar, run } = a;
  if (!result.periods.length) throw usageError('NO_DATA', msg('SCORE_NO_PERIOD'));
  if (!result.dimensions.length) {
    throw usageError('NO_PEERS', msg('SCORE_NO_PEERS'), msg('SCORE_NO_PEERS_HINT'));
  }
  const chosen = period ?? result.periods[result.periods.length - 1]!;
  if (!result.periods.includes(chosen))
    throw usageError(
      'FLAG_PERIOD',
      msg('SCORE_NO_SUCH_PERIOD', {
        period: chosen,
        grain: msg(`GRAIN_${calendar.grain.toUpperCase()}`),
        first: result.periods[0]!,
        last: result.periods.at(-1)!,
      }),
    );
  const config = a.config.scorecard ?? DEFAULT_SCORECARD;
  const rowsIn = result.dimensions.length ? result.rows : result.totals;
  const groups = rowsIn.filter((r) => r.period === chosen).map((r) => ({ dims: r.dims, kpis: r.kpis }));
  const scored = scoreGroups(groups, config, result.available, a.targets !== null);
  if (!a.config.scorecard) scored.notes.unshift(msg('NOTE_DEFAULT_SCORECARD'));
  const flagsAll = a.targets ? checkTargets(result, calendar, band) : [];
  const currency = flags.currency ?? (run.currencies.size === 1 ? [...run.currencies][0]! : null);
  return { analysis: a, period: chosen, config, scored, flags: flagsAll.filter((f) => f.period === chosen), currency };
}
