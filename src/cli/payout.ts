/** `salesperf payout FILES... --plan PLAN --targets T [--compare PLAN2]`: commission statements per rep and period. */
import { didYouMeanOf, msg } from '../core/message-catalog.js';
import { coded } from '../ingest/issues.js';
import { type Decimal, add, compare as cmpDec } from '../core/decimal.js';
import { parseDecimal } from '../core/parse-number.js';
import { groupKey } from '../engine/aggregate.js';
import { PayoutAggregator, type Credit, type Statement } from '../engine/payout.js';
import { parsePeriodKey } from '../engine/periods.js';
import { EXIT, usageError } from '../errors.js';
import { readSideTable } from '../io/side-table.js';
import { configInput, writeFileAtomic } from '../io/write.js';
import { headerKey, SYNONYMS } from '../ingest/mapping.js';
import { parseShare, SHARE_KEYS, shareColumn } from '../ingest/shares.js';
import type { SalesRecord } from '../ingest/record.js';
import type { IngestRun } from '../ingest/read.js';
import { payoutCsv, payoutDoc, payoutTable } from '../render/payout.js';
import { planSchema, type Plan } from '../schema/plan.js';
import { loadJsonFile, outputFormat } from './ingest-options.js';
import type { CliIO } from './io.js';
import { error, formatMessages, type Message, note } from './messages.js';
import { FORMATS, formatExtensionNote } from './options.js';
import { markdownFromCsv } from '../render/markdown-table.js';
import { progressFor } from './progress.js';
import { analyse, calendarOf, type AnalysisFlags } from './pipeline.js';

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

const COST_KEYS = ['cost', 'cogs', 'costofgoods', 'costofgoodssold', '成本', '销售成本'];

export async function payoutCommand(files: string[], flags: PayoutFlags, io: CliIO): Promise<number> {
  if (!flags.plan) throw usageError('FLAG_PLAN', msg('PAY_PLAN_REQUIRED'));
  const plan = loadPlan(flags.plan);
  const planB = flags.compare ? loadPlan(flags.compare) : null;
  const format = outputFormat(flags, FORMATS.payout, 'table');
  const lang = (flags.lang ?? 'en') as 'en' | 'zh';
  const calendar = calendarOf(flags);

  // deal-splits file: deal id, rep, share
  let splits: Map<string, Credit[]> | null = null;
  const splitIssues: string[] = [];
  if (flags.splits) {
    const t = await readSideTable(flags.splits);
    const keys = t.headers.map(headerKey);
    const col = (syn: readonly string[]) => keys.findIndex((k) => syn.includes(k));
    const [cd, cr, cs] = [col(SYNONYMS.dealId), col(SYNONYMS.rep), col(SHARE_KEYS)];
    if (cd < 0 || cr < 0 || cs < 0) throw usageError('SPLITS_FILE', msg('PAY_SPLITS_COLUMNS', { file: flags.splits!, headers: t.headers.map((h) => JSON.stringify(h)).join(', ') }));
    splits = new Map();
    t.rows.forEach((r, i) => {
      const deal = String(r[cd] ?? '').trim();
      const rep = String(r[cr] ?? '').trim();
      const share = parseShare(String(r[cs] ?? ''));
      if (!deal || !rep || share === null) {
        splitIssues.push(`${flags.splits}:${t.lines[i]}: expected a deal id, a rep and a share such as 60% or 0.6`);
        return;
      }
      (splits!.get(deal) ?? splits!.set(deal, []).get(deal)!).push({ rep, share });
    });
  }
  let agg: PayoutAggregator | null = null;
  let aggB: PayoutAggregator | null = null;
  let splitIdx: number | undefined;
  let costIdx: number | undefined;
  const columnShares = new Map<string, Decimal>();
  const creditsOf = (r: SalesRecord): Credit[] => {
    const s = r.dealId !== null ? splits?.get(r.dealId) : undefined;
    if (s) return s;
    if (r.rep === null) return [];
    if (splitIdx !== undefined) {
      const v = r.extra[splitIdx];
      const share = v === undefined || v === '' ? { units: 1, scale: 0 } : parseShare(v);
      if (share !== null) {
        if (r.dealId !== null && r.status === 'won') columnShares.set(`${r.dealId}\u0001${r.rep}`, share);
        return [{ rep: r.rep, share }];
      }
    }
    return [{ rep: r.rep, share: { units: 1, scale: 0 } }];
  };
  const costOf = (r: SalesRecord): Decimal | null => {
    if (costIdx === undefined) return null;
    const v = r.extra[costIdx];
    return v === undefined ? null : parseDecimal(v);
  };
  const onBatch = (batch: SalesRecord[], run: IngestRun) => {
    if (!agg) {
      const find = (name: string | undefined, keys: string[]) => (name !== undefined ? run.dimensions.find(name) : run.dimensions.names.findIndex((n) => keys.includes(headerKey(n))));
      const si = shareColumn(run.dimensions.names, flags.splitColumn);
      const ci = find(flags.costColumn, COST_KEYS);
      splitIdx = si === undefined || si < 0 ? undefined : si;
      costIdx = ci === undefined || ci < 0 ? undefined : ci;
      if (flags.splitColumn !== undefined && splitIdx === undefined) throw usageError('FLAG_SPLIT_COLUMN', msg('FLAG_SPLIT_COLUMN', { column: flags.splitColumn, suggest: didYouMeanOf(flags.splitColumn, run.dimensions.names) }));
      if (flags.costColumn !== undefined && costIdx === undefined) throw usageError('FLAG_COST_COLUMN', msg('FLAG_COST_COLUMN', { column: flags.costColumn, suggest: didYouMeanOf(flags.costColumn, run.dimensions.names) }));
      agg = new PayoutAggregator({ calendar, creditsOf, costOf });
      if (planB) aggB = new PayoutAggregator({ calendar, creditsOf, costOf });
    }
    agg.add(batch);
    aggB?.add(batch);
  };
  const a = await analyse(files, { ...flags, by: undefined, period: undefined, from: undefined, to: undefined }, { by: ['rep'], onBatch, unmatchedTargets: 'statements', progress: progressFor(io, flags.quiet, format === 'json' && !flags.out, lang) });
  if (!agg) throw usageError('NO_DATA', msg('PAY_NO_DATA'));
  if (!splits && !a.run.files.some((f) => f.mapping.rep !== undefined)) {
    throw usageError('NO_REP', msg('PAY_NO_REP'), msg('PAY_NO_REP_HINT'));
  }
  if ((plan.base?.on === 'margin' || planB?.base?.on === 'margin') && costIdx === undefined) throw usageError('PLAN_MARGIN', msg('PAY_MARGIN'));
  const { result, run } = a;
  // splits must sum to 100% per deal
  const sums = new Map<string, Decimal>();
  if (splits) for (const [deal, cs] of splits) sums.set(deal, cs.reduce((x: Decimal, c) => add(x, c.share), { units: 0, scale: 0 }));
  for (const [k, share] of columnShares) {
    const deal = k.split('\u0001')[0]!;
    if (splits?.has(deal)) continue;
    sums.set(deal, add(sums.get(deal) ?? { units: 0, scale: 0 }, share));
  }
  for (const [deal, s] of sums) {
    if (cmpDec(s, { units: 1, scale: 0 }) !== 0) run.log.add({ code: 'SPLIT_NOT_100', severity: 'error', ...coded(msg('I_SPLIT_NOT_100', { deal: JSON.stringify(deal), sum: +(Number(s.units) / 10 ** (s.scale - 2)).toFixed(4) })), file: flags.splits ?? run.files[0]?.file ?? '', row: 0, value: deal });
  }
  for (const m of splitIssues) run.log.add({ code: 'SPLIT_INVALID', severity: 'error', message: m, file: flags.splits!, row: 0 });

  const periods = result.periods.map((p) => parsePeriodKey(p, calendar)!);
  const want = (k: string | undefined) => (k === undefined ? undefined : parsePeriodKey(k, calendar) ?? (() => { throw usageError('FLAG_PERIOD', msg('PAY_NOT_A_PERIOD', { value: k, grain: msg(`GRAIN_${calendar.grain.toUpperCase()}`) })); })());
  const from = want(flags.period ?? flags.from) ?? periods[0]!;
  const to = want(flags.period ?? flags.to) ?? periods.at(-1)!;
  const kpiRow = new Map(result.rows.map((r) => [`${r.dims[0]}\u0001${r.period}`, r.kpis]));
  const q = {
    from,
    to,
    target: (rep: string, p: number): Decimal | null => a.targets?.table.get(groupKey([rep]))?.get(p) ?? null,
    kpi: (rep: string, p: number, id: string) => kpiRow.get(`${rep}\u0001${result.periods[periods.indexOf(p)]}`)?.[id] ?? null,
    reps: [...(a.targets?.table.keys() ?? [])].filter((k) => k !== '' && !k.includes('\u0000')),
  };
  const statements: Statement[] = (agg as PayoutAggregator).finish(plan, q);
  const statementsB: Statement[] | null = aggB ? (aggB as PayoutAggregator).finish(planB!, q) : null;
  let out: string | Uint8Array;
  const doc = () => payoutDoc(plan, planB, statements, statementsB, calendar.grain, lang);
  if (format === 'json') out = JSON.stringify(doc(), null, 2) + '\n';
  else if (format === 'csv') out = payoutCsv(statements, statementsB, plan.name, planB?.name ?? null);
  else if (format === 'md') out = markdownFromCsv(payoutCsv(statements, statementsB, plan.name, planB?.name ?? null));
  else if (format === 'xlsx') {
    const { payoutWorkbook } = await import('../io/xlsx-writer.js');
    out = await payoutWorkbook(doc(), { run, lang, currency: '' });
  } else {
    const color = flags.color !== false && io.stdoutIsTTY && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
    const width = io.stdoutIsTTY ? io.columns ?? 80 : Number(io.env.COLUMNS) || 160;
    out = payoutTable(statements, statementsB, plan.name, planB?.name ?? null, { color, lang, width });
  }
  if (flags.out && flags.out !== '-') await writeFileAtomic(flags.out, out, [...a.inputs, flags.plan, ...(flags.compare ? [flags.compare] : []), ...(flags.splits ? [flags.splits] : []), configInput(flags.config)]);
  else io.stdout(typeof out === 'string' ? out : Buffer.from(out).toString());
  const msgs: Message[] = [];
  if (!flags.quiet) msgs.push(...a.notes.map((n) => note(n)));
  for (const s of run.log.summary()) if (s.code.startsWith('SPLIT_')) for (const e of s.examples.slice(0, 5)) msgs.push(error(msg('ERR_CODE_PROBLEM', { code: s.code, message: e.msg ?? e.message })));
  const extNote = formatExtensionNote(flags, format);
  if (extNote && !flags.quiet) msgs.push(note(extNote));
  const rejected = run.files.reduce((x, f) => x + f.rejected, 0);
  if (rejected) msgs.push(error(msg('ERR_ROWS_LEFT_OUT', { rows: rejected })));
  if (msgs.length) io.stderr(formatMessages(msgs, lang));
  return run.files.some((f) => f.rejected > 0) || run.log.summary().some((s) => s.code.startsWith('SPLIT_')) ? EXIT.dataIssues : EXIT.ok;
}
