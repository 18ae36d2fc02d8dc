/**
 * Revenue concentration over customers (or any entity), overall and per group:
 *  - top-N share: revenue of the N largest / total;
 *  - Pareto: the smallest share of customers whose revenue reaches ≥ 80% of the
 *    total (largest first), with that count;
 *  - HHI (Herfindahl–Hirschman): Σ (100·share)², 0–10,000 (10,000 = one customer).
 * Negative totals (refunds larger than sales): shares are taken over customers
 * with a positive net total only; customers at zero or below are counted in
 * `nonPositive` and their net in `nonPositiveTotal`, and do not enter the
 * shares (a negative share has no meaning in HHI or a Pareto curve). Amounts
 * are summed in whole cents. Pure.
 */
import { toCents } from './stats.js';

export interface Concentration {
  /** Customers with a positive net total. */
  customers: number;
  /** Sum of the positive net totals. */
  total: number;
  nonPositive: number;
  nonPositiveTotal: number;
  /** N → share of the top N (N = 1, 5, 10 by default, or as asked). */
  topShares: { n: number; share: number | null }[];
  /** Customers needed to reach `paretoLevel` of the total, largest first. */
  paretoCount: number | null;
  /** paretoCount / customers. */
  paretoShare: number | null;
  hhi: number | null;
}

export interface ConcentrationOptions {
  topN?: readonly number[];
  /** Default 0.8. */
  paretoLevel?: number;
}

/** Concentration of a list of net totals (one per customer). */
export function concentration(totals: readonly number[], options: ConcentrationOptions = {}): Concentration {
  const pos: number[] = [];
  let nonPositive = 0;
  let nonPositiveCents = 0;
  for (const v of totals) {
    const c = toCents(v);
    if (c > 0) pos.push(c);
    else {
      nonPositive++;
      nonPositiveCents += c;
    }
  }
  pos.sort((a, b) => b - a);
  let total = 0;
  for (const c of pos) total += c;
  const topN = options.topN ?? [1, 5, 10];
  const topShares = topN.map((n) => {
    if (total === 0) return { n, share: null };
    let s = 0;
    for (let i = 0; i < Math.min(n, pos.length); i++) s += pos[i]!;
    return { n, share: s / total };
  });
  const level = options.paretoLevel ?? 0.8;
  let paretoCount: number | null = null;
  let hhi: number | null = null;
  if (total > 0) {
    let cum = 0;
    hhi = 0;
    for (let i = 0; i < pos.length; i++) {
      cum += pos[i]!;
      if (paretoCount === null && cum >= level * total) paretoCount = i + 1;
      const pct = (100 * pos[i]!) / total;
      hhi += pct * pct;
    }
  }
  return {
    customers: pos.length,
    total: total / 100,
    nonPositive,
    nonPositiveTotal: nonPositiveCents / 100,
    topShares,
    paretoCount,
    paretoShare: paretoCount === null ? null : paretoCount / pos.length,
    hhi,
  };
}

export interface GroupCustomerAmount {
  group: string;
  customer: string;
  amount: number;
}

/**
 * Concentration per group from (group, customer, amount) rows, in one pass
 * (memory: one cell per group × customer). Groups sorted by name; `overall`
 * nets each customer across groups.
 */
export function concentrationByGroup(
  rows: Iterable<GroupCustomerAmount>,
  options: ConcentrationOptions = {},
): { overall: Concentration; groups: { group: string; concentration: Concentration }[] } {
  const byGroup = new Map<string, Map<string, number>>();
  const overall = new Map<string, number>();
  for (const r of rows) {
    const c = toCents(r.amount);
    let g = byGroup.get(r.group);
    if (!g) byGroup.set(r.group, (g = new Map()));
    g.set(r.customer, (g.get(r.customer) ?? 0) + c);
    overall.set(r.customer, (overall.get(r.customer) ?? 0) + c);
  }
  const cents = (m: Map<string, number>) => [...m.values()].map((c) => c / 100);
  const groups = [...byGroup.keys()].sort().map((group) => ({ group, concentration: concentration(cents(byGroup.get(group)!), options) }));
  return { overall: concentration(cents(overall), options), groups };
}
