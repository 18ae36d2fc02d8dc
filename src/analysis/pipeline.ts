/**
 * Weighted pipeline (issue 13): the revenue expected from open deals, Σ value × P(win | stage),
 * beside the best case (every open deal won) and the commit (the deals whose stage has
 * P(win) ≥ a threshold). Pure: the open and closed deals come in aggregated, amounts in whole cents.
 *
 * Stage probabilities are given by the user, else estimated from the closed deals as the overall
 * win rate won / (won + lost): an export with one status/stage column shows each closed deal only
 * at its final stage (Won or Lost), never the stages it passed through, so a per-stage rate cannot
 * be observed; every open stage then gets the same probability (docs/insights.md).
 */

/** Where an open deal's expected close date falls: the forecast period, the one after, later, or no close date. */
export type PipelineBucket = 'current' | 'next' | 'later' | 'undated';
export const PIPELINE_BUCKETS: readonly PipelineBucket[] = ['current', 'next', 'later', 'undated'];

/** Open deals of one stage, bucket and product. */
export interface OpenDeals {
  stage: string;
  bucket: PipelineBucket;
  /** The expected close date is before the forecast period (still open: counted in `current`). */
  overdue: boolean;
  product: string | null;
  deals: number;
  /** Deals with an amount (not blank, not 0), and the sum of those amounts in cents. */
  valued: number;
  cents: number;
}

/** Closed deals of one product (null: no product). */
export interface ClosedDeals {
  product: string | null;
  won: number;
  lost: number;
  /** Sum of the won deals' amounts, in cents. */
  wonCents: number;
}

export interface StagePipeline {
  stage: string;
  /** P(win | stage); null when neither given nor estimable (no closed deal). */
  probability: number | null;
  source: 'given' | 'overall' | null;
  deals: number;
  /** Deals valued by their own amount, by their product's average won amount, and without a value. */
  valued: number;
  priced: number;
  noValue: number;
  /** Σ value in cents (best case), Σ value × probability in cents (unrounded). */
  value: number;
  weighted: number;
}

export interface BucketPipeline {
  bucket: PipelineBucket;
  deals: number;
  valued: number;
  priced: number;
  noValue: number;
  overdue: number;
  /** In cents: every open deal won; the deals at stages with P(win) ≥ commitAt; Σ value × P(win). */
  bestCase: number;
  commit: number;
  weighted: number;
}

export interface PipelineResult {
  won: number;
  lost: number;
  /** won / (won + lost), null without closed deals. */
  winRate: number | null;
  commitAt: number;
  stages: StagePipeline[];
  buckets: BucketPipeline[];
}

export interface PipelineOptions {
  /** User-given P(win) by stage key (see `key`). */
  given?: ReadonlyMap<string, number>;
  /** The stage key used to look a stage up in `given` (default: the stage as written). */
  key?: (stage: string) => string;
  /** Probability at or above which a stage counts in the commit (default 0.9). */
  commitAt?: number;
}

export const DEFAULT_COMMIT_AT = 0.9;

/** Half away from zero, to a whole number. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** Average won amount per product in cents (half away from zero), from the closed deals. */
export function productPrices(closed: readonly ClosedDeals[]): Map<string, number> {
  const sum = new Map<string, { won: number; cents: number }>();
  for (const c of closed) {
    if (c.product === null || c.won === 0) continue;
    const s = sum.get(c.product) ?? { won: 0, cents: 0 };
    s.won += c.won;
    s.cents += c.wonCents;
    sum.set(c.product, s);
  }
  return new Map([...sum].map(([p, s]) => [p, roundHalfAway(s.cents / s.won)]));
}

/** P(win | stage) for each stage: given, else the overall win rate. */
export function stageProbabilities(
  stages: readonly string[],
  winRate: number | null,
  opts: PipelineOptions = {},
): Map<string, { probability: number | null; source: StagePipeline['source'] }> {
  const key = opts.key ?? ((s: string) => s);
  const out = new Map<string, { probability: number | null; source: StagePipeline['source'] }>();
  for (const s of stages) {
    const g = opts.given?.get(key(s));
    if (g !== undefined) out.set(s, { probability: g, source: 'given' });
    else out.set(s, { probability: winRate, source: winRate === null ? null : 'overall' });
  }
  return out;
}

/** The weighted pipeline of the open deals, per stage and per bucket. */
export function weightedPipeline(open: readonly OpenDeals[], closed: readonly ClosedDeals[], opts: PipelineOptions = {}): PipelineResult {
  const commitAt = opts.commitAt ?? DEFAULT_COMMIT_AT;
  let won = 0;
  let lost = 0;
  for (const c of closed) {
    won += c.won;
    lost += c.lost;
  }
  const winRate = won + lost > 0 ? won / (won + lost) : null;
  const prices = productPrices(closed);
  const stageNames = [...new Set(open.map((o) => o.stage))].sort();
  const probs = stageProbabilities(stageNames, winRate, opts);
  const stages = new Map(
    stageNames.map((s) => [s, { stage: s, ...probs.get(s)!, deals: 0, valued: 0, priced: 0, noValue: 0, value: 0, weighted: 0 }]),
  );
  const buckets = new Map(
    PIPELINE_BUCKETS.map((b) => [
      b,
      { bucket: b, deals: 0, valued: 0, priced: 0, noValue: 0, overdue: 0, bestCase: 0, commit: 0, weighted: 0 },
    ]),
  );
  for (const o of open) {
    const price = o.product === null ? undefined : prices.get(o.product);
    const missing = o.deals - o.valued;
    const priced = price === undefined ? 0 : missing;
    const value = o.cents + priced * (price ?? 0);
    const st = stages.get(o.stage)!;
    const p = st.probability ?? 0;
    const b = buckets.get(o.bucket)!;
    for (const t of [st, b]) {
      t.deals += o.deals;
      t.valued += o.valued;
      t.priced += priced;
      t.noValue += missing - priced;
      t.weighted += value * p;
    }
    st.value += value;
    b.bestCase += value;
    if (st.probability !== null && st.probability >= commitAt) b.commit += value;
    if (o.overdue) b.overdue += o.deals;
  }
  return { won, lost, winRate, commitAt, stages: [...stages.values()], buckets: [...buckets.values()].filter((b) => b.deals > 0) };
}
