/**
 * Change of a total between two periods explained by its groups: each group's
 * Δ = after − before, its share of the total Δ, sorted by |Δ| (largest first,
 * ties by key). Amounts are already rounded to cents, so sums and differences
 * are computed in whole cents (exact). Pure.
 */
import { toCents } from './stats.js';

export interface GroupChange {
  key: string;
  before: number;
  after: number;
}

export interface GroupContribution extends GroupChange {
  delta: number;
  /** delta / total delta; null when the total did not change. */
  share: number | null;
}

export interface ContributionResult {
  before: number;
  after: number;
  delta: number;
  groups: GroupContribution[];
}

/**
 * @example contributions([{ key: 'N', before: 10, after: 15 }, { key: 'S', before: 5, after: 4 }])
 * // delta 4; N: +5 (share 1.25), S: −1 (share −0.25)
 */
export function contributions(groups: readonly GroupChange[]): ContributionResult {
  let b = 0;
  let a = 0;
  const rows = groups.map((g) => {
    const bc = toCents(g.before);
    const ac = toCents(g.after);
    b += bc;
    a += ac;
    return { g, d: ac - bc };
  });
  const total = a - b;
  const out = rows.map(({ g, d }) => ({
    key: g.key,
    before: g.before,
    after: g.after,
    delta: d / 100,
    share: total === 0 ? null : d / total,
  }));
  out.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return { before: b / 100, after: a / 100, delta: total / 100, groups: out };
}
