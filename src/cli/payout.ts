/** `salesperf payout FILES... --plan PLAN --targets T [--compare PLAN2]`: commission statements per rep and period. */
import { msg } from '../core/message-catalog.js';
import { EXIT, usageError } from '../errors.js';
import { configInput, writeFileAtomic } from '../io/write.js';
import { payoutCsv, payoutDoc, payoutTable } from '../render/payout.js';
import { planSchema, type Plan } from '../schema/plan.js';
import { loadJsonFile, outputFormat } from './ingest-options.js';
import type { CliIO } from './io.js';
import { error, formatMessages, type Message, note } from './messages.js';
import { FORMATS, formatExtensionNote } from './options.js';
import { markdownFromCsv } from '../render/markdown-table.js';
import { progressFor } from './progress.js';
import { type AnalysisFlags, withRejects } from './pipeline.js';
import { payout as payoutApp } from '../app/payout.js';

export interface PayoutFlags extends AnalysisFlags {
  plan?: string;
  compare?: string;
  splits?: string;
  splitColumn?: string;
  costColumn?: string;
  format?: string;
  out?: string;
  lang?: string;
  color?: boolean;
  quiet?: boolean;
}

export function loadPlan(path: string): Plan {
  return loadJsonFile(path, planSchema, { flag: '--plan', code: 'PLAN', noun: 'plan' });
}

export async function payoutCommand(files: string[], flags: PayoutFlags, io: CliIO): Promise<number> {
  if (!flags.plan) throw usageError('FLAG_PLAN', msg('PAY_PLAN_REQUIRED'));
  const plan = loadPlan(flags.plan);
  const planB = flags.compare ? loadPlan(flags.compare) : null;
  const format = outputFormat(flags, FORMATS.payout, 'table');
  const lang = (flags.lang ?? 'en') as 'en' | 'zh';
  const v = await withRejects(files, flags, {}, (ingest, d) =>
    payoutApp(files, flags, plan, planB, ingest, { ...d, progress: progressFor(io, flags.quiet, format === 'json' && !flags.out, lang) }),
  );
  const { statements, statementsB, calendar } = v;
  const a = v.analysis;
  const run = a.run;
  let out: string | Uint8Array;
  const doc = () => payoutDoc(plan, planB, statements, statementsB, calendar.grain, lang);
  if (format === 'json') out = JSON.stringify(doc(), null, 2) + '\n';
  else if (format === 'csv') out = payoutCsv(statements, statementsB, plan.name, planB?.name ?? null);
  else if (format === 'md') out = markdownFromCsv(payoutCsv(statements, statementsB, plan.name, planB?.name ?? null));
  else if (format === 'xlsx') {
    const { payoutWorkbook } = await import('../render/xlsx-writer.js');
    out = await payoutWorkbook(doc(), { run, lang, currency: '' });
  } else if (format === 'html') {
    const { payoutHtml } = await import('../render/html/payout.js');
    out = await payoutHtml({
      lang,
      doc: doc(),
      plan,
      planFile: flags.plan,
      compareFile: flags.compare ?? null,
      inputs: run.files.map((f) => ({ file: f.file, rowsRead: f.rowsRead, accepted: f.accepted })),
      targets: flags.targets ?? null,
    });
  } else {
    const color = flags.color !== false && io.stdoutIsTTY && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
    const width = io.stdoutIsTTY ? (io.columns ?? 80) : Number(io.env.COLUMNS) || 160;
    out = payoutTable(statements, statementsB, plan.name, planB?.name ?? null, { color, lang, width });
  }
  if (flags.out && flags.out !== '-')
    await writeFileAtomic(flags.out, out, [
      ...a.inputs,
      flags.plan,
      ...(flags.compare ? [flags.compare] : []),
      ...(flags.splits ? [flags.splits] : []),
      configInput(flags.config),
    ]);
  else io.stdout(typeof out === 'string' ? out : Buffer.from(out).toString());
  const msgs: Message[] = [];
  if (!flags.quiet) msgs.push(...a.notes.map((n) => note(n)));
  for (const s of run.log.summary())
    if (s.code.startsWith('SPLIT_'))
      for (const e of s.examples.slice(0, 5)) msgs.push(error(msg('ERR_CODE_PROBLEM', { code: s.code, message: e.msg ?? e.message })));
  const extNote = formatExtensionNote(flags, format);
  if (extNote && !flags.quiet) msgs.push(note(extNote));
  const rejected = run.files.reduce((x, f) => x + f.rejected, 0);
  if (rejected) msgs.push(error(msg('ERR_ROWS_LEFT_OUT', { rows: rejected })));
  if (msgs.length) io.stderr(formatMessages(msgs, lang));
  return run.files.some((f) => f.rejected > 0) || run.log.summary().some((s) => s.code.startsWith('SPLIT_')) ? EXIT.dataIssues : EXIT.ok;
}
