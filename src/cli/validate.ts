/** `salesperf validate FILES...`: read, map and check; report what was found. */
import { usageError } from '../errors.js';
import { writeFileAtomic } from '../io/write.js';
import { configInput } from '../io/write.js';
import { msg } from '../core/message-catalog.js';
import { renderValidateText, validateSummary, withoutMsgs } from '../render/validate-text.js';
import { validateCsv, validateIssueRows, validateMarkdown } from '../render/validate-data.js';
import { outputFormat, targetBandFlags, toIngestOptions } from './ingest-options.js';
import { error, formatMessages, type Message, note } from './messages.js';
import { FORMATS, formatExtensionNote } from './options.js';
import { type AnalysisFlags } from './pipeline.js';
import { openRejects } from './rejects.js';
import { DEFAULT_TARGET_BAND } from '../engine/target-check.js';
import type { CliIO } from './io.js';
import { validate as validateApp, type ValidateOptions } from '../app/validate.js';

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
  if (!Number.isInteger(examples) || examples < 0)
    throw usageError('FLAG', msg('FLAG_EXAMPLES', { value: JSON.stringify(flags.examples) }));
  const lang = flags.lang === 'zh' ? 'zh' : 'en';
  const ingest = toIngestOptions(flags);
  const rejects = flags.rejects ? openRejects(flags.rejects, [...files, flags.targets, flags.org, configInput(flags.config)]) : null;
  let v: Awaited<ReturnType<typeof validateApp>>;
  try {
    const band = flags.targets ? targetBandFlags(flags) : DEFAULT_TARGET_BAND;
    v = await validateApp(files, { ...flags, rejects: undefined } as ValidateOptions, band, ingest, rejects?.onReject);
  } catch (e) {
    await rejects?.abort();
    throw e;
  }
  await rejects?.commit();
  const { result, notes, run } = v;
  const unreadable = result.unreadable ?? [];
  let text: string | Uint8Array;
  if (format === 'json') text = JSON.stringify(result, withoutMsgs, 2) + '\n';
  else if (format === 'csv') text = validateCsv(result, examples, lang);
  else if (format === 'md') text = validateMarkdown(result, examples, lang);
  else if (format === 'xlsx') {
    const { validateWorkbook } = await import('../render/xlsx-writer.js');
    text = await validateWorkbook({
      run,
      summary: validateSummary(result, lang),
      rows: [...validateIssueRows(result, examples, lang)],
      lang,
    });
  } else text = renderValidateText(result, examples, lang);
  if (flags.out && flags.out !== '-')
    await writeFileAtomic(flags.out, text, [...files, ...[flags.targets, flags.org].filter((x): x is string => !!x)]);
  else io.stdout(typeof text === 'string' ? text : Buffer.from(text).toString());
  const msgs: Message[] = [];
  if (!flags.quiet) msgs.push(...notes.map(note));
  const extNote = formatExtensionNote(flags, format);
  if (extNote && !flags.quiet) msgs.push(note(extNote));
  if (unreadable.length) {
    const list = unreadable.map((u) =>
      msg('V_UNREADABLE_ITEM', { file: u.file, why: msg(u.exitCode === 3 ? 'V_CANNOT_READ' : 'V_NOT_SALES') }),
    );
    msgs.push(
      error(
        msg('V_UNREADABLE_SUMMARY', {
          count: unreadable.length,
          files: files.length,
          list: msg('LIST_COMMA', { items: list }),
          exit: result.exitCode,
        }),
      ),
    );
  }
  if (msgs.length) io.stderr(formatMessages(msgs, lang));
  return result.exitCode;
}
