/** `salesperf scorecard FILES... [--targets T] [--config C]`: one period, scored per rep (or --by team). */
import { msg, renderMsg } from '../core/message-catalog.js';
import { currencySymbol } from '../core/format.js';
import { checkTargets } from '../engine/target-check.js';
import { scoreGroups } from '../engine/scorecard.js';
import { EXIT, usageError } from '../errors.js';
import { configInput, writeFileAtomic } from '../io/write.js';
import { DEFAULT_SCORECARD } from '../schema/scorecard.js';
import { scorecardCsv, scorecardDoc, scorecardTable } from '../render/scorecard.js';
import type { CliIO } from './io.js';
import { error, formatMessages, type Message, note, warning } from './messages.js';
import { FORMATS, formatExtensionNote } from './options.js';
import { markdownFromCsv } from '../render/markdown-table.js';
import { outputFormat, targetBandFlags } from './ingest-options.js';
import { progressFor } from './progress.js';
import { analyse, type AnalysisFlags } from './pipeline.js';

export interface ScorecardFlags extends AnalysisFlags {
  format?: string;
  out?: string;
  lang?: string;
  color?: boolean;
  quiet?: boolean;
  currency?: string;
  bandHigh?: string;
  bandLow?: string;
}

export async function scorecardCommand(files: string[], flags: ScorecardFlags, io: CliIO): Promise<number> {
  const format = outputFormat(flags, FORMATS.scorecard, 'table');
  const lang = (flags.lang ?? 'en') as 'en' | 'zh';
  if (lang !== 'en' && lang !== 'zh') throw usageError('FLAG_LANG', msg('FLAG_LANG', { value: JSON.stringify(flags.lang) }));
  const band = targetBandFlags(flags);
  // the whole history is computed (for retention and target checks); one period is scored
  const period = flags.period;
  const a = await analyse(files, { ...flags, grain: flags.grain ?? 'quarter', period: undefined, from: undefined, to: undefined }, { progress: progressFor(io, flags.quiet, format === 'json' && !flags.out, lang) });
  const { result, calendar, run } = a;
  if (!result.periods.length) throw usageError('NO_DATA', msg('SCORE_NO_PERIOD'));
  if (!result.dimensions.length) {
    throw usageError('NO_PEERS', msg('SCORE_NO_PEERS'), msg('SCORE_NO_PEERS_HINT'));
  }
  const chosen = period ?? result.periods[result.periods.length - 1]!;
  if (!result.periods.includes(chosen)) throw usageError('FLAG_PERIOD', msg('SCORE_NO_SUCH_PERIOD', { period: chosen, grain: msg(`GRAIN_${calendar.grain.toUpperCase()}`), first: result.periods[0]!, last: result.periods.at(-1)! }));
  const config = a.config.scorecard ?? DEFAULT_SCORECARD;
  const rowsIn = result.dimensions.length ? result.rows : result.totals;
  const groups = rowsIn.filter((r) => r.period === chosen).map((r) => ({ dims: r.dims, kpis: r.kpis }));
  const scored = scoreGroups(groups, config, result.available, a.targets !== null, lang);
  if (!a.config.scorecard) {
    scored.notes.unshift(renderMsg(msg('NOTE_DEFAULT_SCORECARD'), 'en'));
    scored.noteMsgs.unshift(msg('NOTE_DEFAULT_SCORECARD'));
  }
  const flagsAll = a.targets ? checkTargets(result, calendar, band) : [];
  const flagsHere = flagsAll.filter((f) => f.period === chosen);
  const currency = currencySymbol(flags.currency ?? (run.currencies.size === 1 ? [...run.currencies][0]! : null));
  let out: string | Uint8Array;
  if (format === 'json') out = JSON.stringify(scorecardDoc(scored, { period: chosen, grain: calendar.grain, dims: result.dimensions, config, flags: flagsHere }), null, 2) + '\n';
  else if (format === 'csv') out = scorecardCsv(scored, result.dimensions);
  else if (format === 'md') out = markdownFromCsv(scorecardCsv(scored, result.dimensions));
  else if (format === 'xlsx') {
    const { scorecardWorkbook } = await import('../io/xlsx-writer.js');
    out = await scorecardWorkbook(scored, { period: chosen, dims: result.dimensions, config, flags: flagsHere, run, lang, currency });
  } else {
    const color = flags.color !== false && io.stdoutIsTTY && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
    const width = io.stdoutIsTTY ? io.columns ?? 80 : Number(io.env.COLUMNS) || 160;
    out = scorecardTable(scored, { dims: result.dimensions, color, lang, currency, period: chosen, flags: flagsHere, band, width });
  }
  if (flags.out && flags.out !== '-') await writeFileAtomic(flags.out, out, [...a.inputs, configInput(flags.config)]);
  else io.stdout(typeof out === 'string' ? out : Buffer.from(out).toString());
  const msgs: Message[] = [];
  if (!flags.quiet) {
    msgs.push(...[...a.notes, ...scored.noteMsgs].map((n) => note(n)));
    const extNote = formatExtensionNote(flags, format);
    if (extNote) msgs.push(note(extNote));
    const warn = run.log.summary().filter((s) => s.severity === 'warning');
    if (warn.length) msgs.push(warning(msg('WARN_ISSUES', { list: warn.map((s) => `${s.code} ×${s.count}`).join(', ') })));
  }
  const rejected = run.files.reduce((x, f) => x + f.rejected, 0);
  if (rejected) msgs.push(error(msg('ERR_ROWS_LEFT_OUT', { rows: rejected })));
  if (msgs.length) io.stderr(formatMessages(msgs, lang));
  return run.files.some((f) => f.rejected > 0) ? EXIT.dataIssues : EXIT.ok;
}
