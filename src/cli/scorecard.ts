/** `salesperf scorecard FILES... [--targets T] [--config C]`: one period, scored per rep (or --by team). */
import { msg } from '../core/message-catalog.js';
import { currencySymbol } from '../core/format.js';
import { EXIT, usageError } from '../errors.js';
import { configInput, writeFileAtomic } from '../io/write.js';
import { scorecardCsv, scorecardDoc, scorecardTable, scorecardView } from '../render/scorecard.js';
import type { CliIO } from './io.js';
import { error, formatMessages, type Message, note, warning } from './messages.js';
import { FORMATS, formatExtensionNote } from './options.js';
import { markdownFromCsv } from '../render/markdown-table.js';
import { outputFormat, targetBandFlags } from './ingest-options.js';
import { progressFor } from './progress.js';
import { type AnalysisFlags, withRejects } from './pipeline.js';
import { scorecard as scorecardApp } from '../app/scorecard.js';

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
  const v = await withRejects(files, flags, {}, (ingest, d) =>
    scorecardApp(files, flags, band, ingest, { ...d, progress: progressFor(io, flags.quiet, format === 'json' && !flags.out, lang) }),
  );
  const { analysis: a, config, period: chosen, flags: flagsHere } = v;
  const scored = scorecardView(v.scored, lang);
  const { result, calendar, run } = a;
  const currency = currencySymbol(v.currency);
  let out: string | Uint8Array;
  if (format === 'json')
    out =
      JSON.stringify(
        scorecardDoc(scored, { period: chosen, grain: calendar.grain, dims: result.dimensions, config, flags: flagsHere }),
        null,
        2,
      ) + '\n';
  else if (format === 'csv') out = scorecardCsv(scored, result.dimensions);
  else if (format === 'md') out = markdownFromCsv(scorecardCsv(scored, result.dimensions));
  else if (format === 'xlsx') {
    const { scorecardWorkbook } = await import('../render/xlsx-writer.js');
    out = await scorecardWorkbook(scored, { period: chosen, dims: result.dimensions, config, flags: flagsHere, run, lang, currency });
  } else if (format === 'html') {
    const { scorecardHtml } = await import('../render/html/scorecard.js');
    out = await scorecardHtml({
      lang,
      scored,
      dims: result.dimensions,
      period: chosen,
      grain: calendar.grain,
      bands: config.bands,
      flags: flagsHere,
      currency,
      currencyCode: v.currency,
      inputs: run.files.map((f) => ({ file: f.file, rowsRead: f.rowsRead, accepted: f.accepted })),
      targets: flags.targets ?? null,
    });
  } else {
    const color = flags.color !== false && io.stdoutIsTTY && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
    const width = io.stdoutIsTTY ? (io.columns ?? 80) : Number(io.env.COLUMNS) || 160;
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
