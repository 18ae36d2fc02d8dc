/**
 * `payout` as data: the deal-splits file and its 100% check, credit and cost per row, the payout
 * aggregators for the plan (and a --compare plan) and their statements. No printing, no exit;
 * split problems become SPLIT_NOT_100 / SPLIT_INVALID issues in the run's log.
 */
import { didYouMeanOf, msg } from '../core/message-catalog.js';
import { coded } from '../ingest/issues.js';
import { type Decimal, add, compare as cmpDec } from '../core/decimal.js';
import { parseDecimal } from '../core/parse-number.js';
import { groupKey } from '../engine/aggregate.js';
import { PayoutAggregator, type Credit, type Statement } from '../engine/payout.js';
import { type Calendar, parsePeriodKey } from '../engine/periods.js';
import { usageError } from '../errors.js';
import { readSideTable } from '../ingest/side-table.js';
import { headerKey, SYNONYMS } from '../ingest/mapping.js';
import { parseShare, SHARE_KEYS, shareColumn } from '../ingest/shares.js';
import type { SalesRecord } from '../ingest/record.js';
import type { IngestRun } from '../ingest/read.js';
import type { Plan } from '../schema/plan.js';
import { analyse, calendarOf, type AnalyseDefaults, type Analysis, type AnalysisOptions, type ResolvedIngest } from './analyse.js';

export interface PayoutOptions extends AnalysisOptions {
  /** A deal-splits file: deal id, rep, share. */
  splits?: string;
  splitColumn?: string;
  costColumn?: string;
}

export interface PayoutView {
  analysis: Analysis;
  calendar: Calendar;
  plan: Plan;
  planB: Plan | null;
  statements: Statement[];
  statementsB: Statement[] | null;
}

export interface Splits {
  byDeal: Map<string, Credit[]>;
  /** Rows that are not a deal, a rep and a share (file:line: what was expected). */
  invalid: string[];
}

const COST_KEYS = ['cost', 'cogs', 'costofgoods', 'costofgoodssold', '成本', '销售成本'];

/** The deal-splits file: deal id, rep and share columns (by their usual names). */
export async function readSplits(file: string): Promise<Splits> {
  const t = await readSideTable(file);
  const keys = t.headers.map(headerKey);
  const col = (syn: readonly string[]) => keys.findIndex((k) => syn.includes(k));
  const [cd, cr, cs] = [col(SYNONYMS.dealId), col(SYNONYMS.rep), col(SHARE_KEYS)];
  if (cd < 0 || cr < 0 || cs < 0)
    throw usageError('SPLITS_FILE', msg('PAY_SPLITS_COLUMNS', { file, headers: t.headers.map((h) => JSON.stringify(h)).join(', ') }));
  const byDeal = new Map<string, Credit[]>();
  const invalid: string[] = [];
  t.rows.forEach((r, i) => {
    const deal = String(r[cd] ?? '').trim();
    const rep = String(r[cr] ?? '').trim();
    const share = parseShare(String(r[cs] ?? ''));
    if (!deal || !rep || share === null) {
      invalid.push(`${file}:${t.lines[i]}: expected a deal id, a rep and a share such as 60% or 0.6`);
      return;
    }
    (byDeal.get(deal) ?? byDeal.set(deal, []).get(deal)!).push({ rep, share });
  });
  return { byDeal, invalid };
}

/** Each deal's shares (splits file first, else the split column of won rows) must add up to 100%. */
export function checkSplitSums(
  run: IngestRun,
  splits: Splits | null,
  columnShares: Map<string, Decimal>,
  splitsFile: string | undefined,
): void {
  const sums = new Map<string, Decimal>();
  if (splits)
    for (const [deal, cs] of splits.byDeal)
      sums.set(
        deal,
        cs.reduce((x: Decimal, c) => add(x, c.share), { units: 0, scale: 0 }),
      );
  for (const [k, share] of columnShares) {
    const deal = k.split('\u0001')[0]!;
    if (splits?.byDeal.has(deal)) continue;
    sums.set(deal, add(sums.get(deal) ?? { units: 0, scale: 0 }, share));
  }
  for (const [deal, s] of sums) {
    if (cmpDec(s, { units: 1, scale: 0 }) !== 0)
      run.log.add({
        code: 'SPLIT_NOT_100',
        severity: 'error',
        ...coded(msg('I_SPLIT_NOT_100', { deal: JSON.stringify(deal), sum: +(Number(s.units) / 10 ** (s.scale - 2)).toFixed(4) })),
        file: splitsFile ?? run.files[0]?.file ?? '',
        row: 0,
        value: deal,
      });
  }
  for (const m of splits?.invalid ?? []) run.log.add({ code: 'SPLIT_INVALID', severity: 'error', message: m, file: splitsFile!, row: 0 });
}

/** Credit (splits file, else the split column, else the row's rep) and cost per row, and the aggregators fed batch by batch. */
function payoutFeed(flags: PayoutOptions, calendar: Calendar, splits: Splits | null, compare: boolean) {
  const s = {
    agg: null as PayoutAggregator | null,
    aggB: null as PayoutAggregator | null,
    costIdx: undefined as number | undefined,
    columnShares: new Map<string, Decimal>(),
  };
  let splitIdx: number | undefined;
  const creditsOf = (r: SalesRecord): Credit[] => {
    const sp = r.dealId !== null ? splits?.byDeal.get(r.dealId) : undefined;
    if (sp) return sp;
    if (r.rep === null) return [];
    if (splitIdx !== undefined) {
      const v = r.extra[splitIdx];
      const share = v === undefined || v === '' ? { units: 1, scale: 0 } : parseShare(v);
      if (share !== null) {
        if (r.dealId !== null && r.status === 'won') s.columnShares.set(`${r.dealId}\u0001${r.rep}`, share);
        return [{ rep: r.rep, share }];
      }
    }
    return [{ rep: r.rep, share: { units: 1, scale: 0 } }];
  };
  const costOf = (r: SalesRecord): Decimal | null => {
    if (s.costIdx === undefined) return null;
    const v = r.extra[s.costIdx];
    return v === undefined ? null : parseDecimal(v);
  };
  const onBatch = (batch: SalesRecord[], run: IngestRun) => {
    if (!s.agg) {
      const find = (name: string | undefined, keys: string[]) =>
        name !== undefined ? run.dimensions.find(name) : run.dimensions.names.findIndex((n) => keys.includes(headerKey(n)));
      const si = shareColumn(run.dimensions.names, flags.splitColumn);
      const ci = find(flags.costColumn, COST_KEYS);
      splitIdx = si === undefined || si < 0 ? undefined : si;
      s.costIdx = ci === undefined || ci < 0 ? undefined : ci;
      if (flags.splitColumn !== undefined && splitIdx === undefined)
        throw usageError(
          'FLAG_SPLIT_COLUMN',
          msg('FLAG_SPLIT_COLUMN', { column: flags.splitColumn, suggest: didYouMeanOf(flags.splitColumn, run.dimensions.names) }),
        );
      if (flags.costColumn !== undefined && s.costIdx === undefined)
        throw usageError(
          'FLAG_COST_COLUMN',
          msg('FLAG_COST_COLUMN', { column: flags.costColumn, suggest: didYouMeanOf(flags.costColumn, run.dimensions.names) }),
        );
      s.agg = new PayoutAggregator({ calendar, creditsOf, costOf });
      if (compare) s.aggB = new PayoutAggregator({ calendar, creditsOf, costOf });
    }
    s.agg.add(batch);
    s.aggB?.add(batch);
  };
  return { state: s, onBatch };
}

/** Reads the sales (per rep, all periods), checks splits, and makes the statements of --period (or --from/--to, or all). */
export async function payout(
  files: string[],
  flags: PayoutOptions,
  plan: Plan,
  planB: Plan | null,
  ingest: ResolvedIngest,
  defaults: AnalyseDefaults = {},
): Promise<PayoutView> {
  const calendar = calendarOf(flags);
  const splits = flags.splits ? await readSplits(flags.splits) : null;
  const { state, onBatch } = payoutFeed(flags, calendar, splits, planB !== null);
  const a = await analyse(files, { ...flags, by: undefined, period: undefined, from: undefined, to: undefined }, ingest, {
    ...defaults,
    by: ['rep'],
    onBatch,
    unmatchedTargets: 'statements',
  });
  const agg = state.agg as PayoutAggregator | null;
  if (!agg) throw usageError('NO_DATA', msg('PAY_NO_DATA'));
  if (!splits && !a.run.files.some((f) => f.mapping.rep !== undefined)) {
    throw usageError('NO_REP', msg('PAY_NO_REP'), msg('PAY_NO_REP_HINT'));
  }
  if ((plan.base?.on === 'margin' || planB?.base?.on === 'margin') && state.costIdx === undefined)
    throw usageError('PLAN_MARGIN', msg('PAY_MARGIN'));
  const { result, run } = a;
  checkSplitSums(run, splits, state.columnShares, flags.splits);

  const periods = result.periods.map((p) => parsePeriodKey(p, calendar)!);
  const want = (k: string | undefined) =>
    k === undefined
      ? undefined
      : (parsePeriodKey(k, calendar) ??
        (() => {
          throw usageError('FLAG_PERIOD', msg('PAY_NOT_A_PERIOD', { value: k, grain: msg(`GRAIN_${calendar.grain.toUpperCase()}`) }));
        })());
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
  const statements: Statement[] = agg.finish(plan, q);
  const aggB = state.aggB as PayoutAggregator | null;
  const statementsB: Statement[] | null = aggB ? aggB.finish(planB!, q) : null;
  return { analysis: a, calendar, plan, planB, statements, statementsB };
}
