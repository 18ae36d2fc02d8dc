/**
 * Incentive payouts, pure and exact. Per rep and period: credited revenue
 * (after split credit), attainment, then each component as its own line —
 * base, tier slices, bonuses, clawbacks, gate, cap — each rounded to the cent
 * (half away from zero); the total is the sum of the lines, so they always add up.
 */
import {
  type Decimal,
  DecimalSum,
  ZERO,
  add,
  compare,
  isZero,
  multiply,
  mulDivRound,
  negate,
  normalise,
  pow10n,
  round,
  subtract,
  toNumber,
  unitsAt,
} from '../core/decimal.js';
import { parseDecimal } from '../core/parse-number.js';
import type { SalesRecord } from '../ingest/record.js';
import type { Plan } from '../schema/plan.js';
import { type Calendar, periodKey, periodOf } from './periods.js';

export interface Credit {
  rep: string;
  /** Share of the row's amount, 0–1. */
  share: Decimal;
}

export interface PayoutOptions {
  calendar: Calendar;
  /** Who is credited for a record (split column or deal-splits file); default: its rep at 100%. */
  creditsOf?: (r: SalesRecord) => Credit[];
  /** Cost of a record's amount, for plans on margin. */
  costOf?: (r: SalesRecord) => Decimal | null;
}

export interface PayLine {
  component: 'base' | 'tier' | 'bonus' | 'clawback' | 'gate' | 'cap';
  label: string;
  /** What the rate applies to (money), when there is one. */
  basis: number | null;
  rate: number | null;
  count: number | null;
  amount: number;
  /** Exact amount in cents (integer), for adding up. */
  cents: bigint;
}

export interface Statement {
  rep: string;
  period: string;
  credited: number;
  target: number | null;
  attainment: number | null;
  tier: string | null;
  lines: PayLine[];
  total: number;
  totalCents: bigint;
  /** Notes as data: a stable code (a catalogue id) and its parameters; rendered by src/render/payout.ts. */
  notes: PayNote[];
}

/** A statement note: `code` is stable and names its catalogue message. */
export interface PayNote {
  code: string;
  params: Record<string, string | number>;
}

class RepCell {
  credited = new DecimalSum();
  margin = new DecimalSum();
  deals = new Map<string, { credit: DecimalSum; margin: DecimalSum; product: string | null }>();
  customers = new Set<string>();
}

interface Refund {
  rep: string;
  period: number;
  dealId: string | null;
  credit: Decimal; // negative
  margin: Decimal;
}

const dec = (n: number): Decimal => parseDecimal(String(n))!;
const cents = (d: Decimal): bigint => BigInt(round(d, 2).units) * pow10n(2 - round(d, 2).scale);
const fromCents = (c: bigint): number => Number(c) / 100;

export class PayoutAggregator {
  private readonly cells = new Map<string, Map<number, RepCell>>();
  private readonly dealPeriod = new Map<string, number>();
  private readonly firstWon = new Map<string, number>();
  private readonly refunds: Refund[] = [];
  /** deal id → Σ shares, for the 100% check. */
  readonly splitSums = new Map<string, Decimal>();

  constructor(private readonly o: PayoutOptions) {}

  private cell(rep: string, p: number): RepCell {
    let m = this.cells.get(rep);
    if (!m) this.cells.set(rep, (m = new Map()));
    let c = m.get(p);
    if (!c) m.set(p, (c = new RepCell()));
    return c;
  }

  add(records: readonly SalesRecord[]): void {
    for (const r of records) {
      if (r.status !== 'won' && r.status !== 'refund') continue;
      const p = periodOf(r.date, this.o.calendar);
      const credits = this.o.creditsOf ? this.o.creditsOf(r) : r.rep === null ? [] : [{ rep: r.rep, share: { units: 1, scale: 0 } }];
      const amount: Decimal = { units: r.units, scale: r.scale };
      const cost = this.o.costOf?.(r) ?? null;
      const margin = cost === null ? amount : subtract(amount, r.status === 'refund' ? negate(cost) : cost);
      if (r.status === 'won') {
        if (r.customer !== null) {
          const f = this.firstWon.get(r.customer);
          if (f === undefined || p < f) this.firstWon.set(r.customer, p);
        }
        if (r.dealId !== null) {
          const d = this.dealPeriod.get(r.dealId);
          if (d === undefined || p < d) this.dealPeriod.set(r.dealId, p);
        }
      }
      const parts = allocate(amount, credits);
      const mparts = allocate(margin, credits);
      for (let k = 0; k < credits.length; k++) {
        const c = credits[k]!;
        const credit = parts[k]!;
        const cm = mparts[k]!;
        if (r.status === 'refund') {
          this.refunds.push({ rep: c.rep, period: p, dealId: r.dealId, credit, margin: cm });
          continue;
        }
        const cell = this.cell(c.rep, p);
        cell.credited.addDecimal(credit);
        cell.margin.addDecimal(cm);
        if (r.customer !== null) cell.customers.add(r.customer);
        const key = r.dealId ?? `row:${r.source}:${r.row}`;
        let d = cell.deals.get(key);
        if (!d) cell.deals.set(key, (d = { credit: new DecimalSum(), margin: new DecimalSum(), product: r.product }));
        d.credit.addDecimal(credit);
        d.margin.addDecimal(cm);
      }
    }
  }

  /** Statements for every rep and period in [from, to], oldest first. */
  finish(
    plan: Plan,
    q: {
      from: number;
      to: number;
      target: (rep: string, p: number) => Decimal | null;
      kpi: (rep: string, p: number, id: string) => number | null;
      reps?: readonly string[];
    },
  ): Statement[] {
    // refunds: a later refund of a deal paid earlier is clawed back; others reduce their own period's credit
    const clawbacks = new Map<string, Refund[]>();
    const sameCell = new Map<string, RepCell>();
    for (const rf of this.refunds) {
      const paid = rf.dealId === null ? undefined : this.dealPeriod.get(rf.dealId);
      if (plan.clawback && paid !== undefined && paid < rf.period) {
        const k = `${rf.rep}\u0001${rf.period}`;
        (clawbacks.get(k) ?? clawbacks.set(k, []).get(k)!).push(rf);
      } else {
        const c = this.cell(rf.rep, rf.period);
        c.credited.addDecimal(rf.credit);
        c.margin.addDecimal(rf.margin);
        sameCell.set(`${rf.rep}\u0001${rf.period}`, c);
      }
    }
    // what each rep was paid on revenue per period, for clawback rates
    const paidOn = new Map<string, { paid: Decimal; basis: Decimal }>();
    const out: Statement[] = [];
    const reps = [...new Set([...this.cells.keys(), ...(q.reps ?? [])])].sort();
    for (let p = q.from; p <= q.to; p++) {
      for (const rep of reps) {
        const cell = this.cells.get(rep)?.get(p);
        const claws = clawbacks.get(`${rep}\u0001${p}`) ?? [];
        if (!cell && !claws.length && q.target(rep, p) === null) continue;
        const st = this.statement(plan, rep, p, cell ?? new RepCell(), claws, q, paidOn);
        out.push(st);
      }
    }
    return out;
  }

  private statement(
    plan: Plan,
    rep: string,
    p: number,
    cell: RepCell,
    claws: Refund[],
    q: { target: (rep: string, p: number) => Decimal | null; kpi: (rep: string, p: number, id: string) => number | null },
    paidOn: Map<string, { paid: Decimal; basis: Decimal }>,
  ): Statement {
    const notes: PayNote[] = [];
    const lines = new StatementLines();
    const credited = cell.credited.value();
    const target = q.target(rep, p);
    const attainment = target === null || isZero(target) ? null : toNumber(credited) / toNumber(target);
    const tierBasis = cappedAttainment(plan, credited, target, notes);
    const pay = { variable: 0n, onRevenue: 0n }; // cents of base + tiers + bonuses; of base + tiers (what clawbacks reverse)
    if (plan.base) basePay(plan, cell, credited, lines, pay);
    const tierName = plan.tiers ? tierPay(plan, target, tierBasis, lines, pay, notes) : null;
    pay.variable += this.bonusPay(plan, rep, p, cell, q, lines);
    applyGate(plan, attainment, plan.gate?.kpi ? q.kpi(rep, p, plan.gate.kpi.id) : null, lines, pay);
    applyCap(plan, lines, pay);
    paidOn.set(`${rep}\u0001${p}`, { paid: normalise(pay.onRevenue, 2), basis: credited });
    this.clawbackLines(rep, claws, paidOn, lines, notes);
    const totalCents = lines.lines.reduce((a, l) => a + l.cents, 0n);
    return {
      rep,
      period: periodKey(p, this.o.calendar),
      credited: toNumber(round(credited, 2)),
      target: target === null ? null : toNumber(round(target, 2)),
      attainment: attainment === null ? null : Math.round(attainment * 1e6) / 1e6,
      tier: tierName,
      lines: lines.lines,
      total: fromCents(totalCents),
      totalCents,
      notes,
    };
  }

  /** Bonus lines (new customers, products, SPIFFs on a KPI); returns their cents. */
  private bonusPay(
    plan: Plan,
    rep: string,
    p: number,
    cell: RepCell,
    q: { kpi: (rep: string, p: number, id: string) => number | null },
    lines: StatementLines,
  ): bigint {
    let sum = 0n;
    for (const b of plan.bonuses) {
      if (b.type === 'newCustomer') {
        const n = [...cell.customers].filter((c) => this.firstWon.get(c) === p).length;
        if (n)
          sum += lines.push('bonus', b.label ?? `new customers × ${b.amount}`, multiply(dec(b.amount), { units: n, scale: 0 }), {
            count: n,
          });
      } else if (b.type === 'product') {
        const deals = [...cell.deals.values()].filter((d) => d.product === b.product);
        if (!deals.length) continue;
        if (b.amount !== undefined)
          sum += lines.push(
            'bonus',
            b.label ?? `${b.product} deals × ${b.amount}`,
            multiply(dec(b.amount), { units: deals.length, scale: 0 }),
            { count: deals.length },
          );
        else {
          const basis = deals.reduce((a, d) => add(a, d.credit.value()), ZERO);
          sum += lines.push('bonus', b.label ?? `${b.product} revenue at ${pct(b.rate!)}`, multiply(basis, dec(b.rate!)), {
            basis,
            rate: b.rate!,
          });
        }
      } else {
        const v = q.kpi(rep, p, b.kpi);
        if (v !== null && v >= b.min) sum += lines.push('bonus', b.label ?? `SPIFF: ${b.kpi} ≥ ${b.min}`, dec(b.amount));
      }
    }
    return sum;
  }

  /** Clawbacks of refunds on deals paid in an earlier period, at that period's effective rate. */
  private clawbackLines(
    rep: string,
    claws: Refund[],
    paidOn: Map<string, { paid: Decimal; basis: Decimal }>,
    lines: StatementLines,
    notes: PayNote[],
  ): void {
    for (const rf of claws) {
      const was = this.dealPeriod.get(rf.dealId!)!;
      const earlier = paidOn.get(`${rep}\u0001${was}`);
      if (!earlier || isZero(earlier.basis)) {
        notes.push({ code: 'PAYOUT_NOTE_NO_CLAWBACK', params: { deal: rf.dealId!, rep } });
        continue;
      }
      const s = Math.max(earlier.paid.scale, earlier.basis.scale);
      const exact = mulDivRound(rf.credit, unitsAt(earlier.paid, s), unitsAt(earlier.basis, s), 2)!;
      lines.push('clawback', `clawback: refund of ${rf.dealId} (paid in ${periodKey(was, this.o.calendar)})`, exact, {
        basis: rf.credit,
        rate: toNumber(earlier.paid) / toNumber(earlier.basis),
      });
    }
  }
}

/** A statement's lines as they are built, each rounded to the cent. */
class StatementLines {
  readonly lines: PayLine[] = [];

  /** Adds a line; returns its cents. */
  push(
    component: PayLine['component'],
    label: string,
    exact: Decimal,
    extra: { basis?: Decimal | null; rate?: number | null; count?: number | null } = {},
  ): bigint {
    const c = cents(exact);
    this.lines.push({
      component,
      label,
      basis: extra.basis ? toNumber(round(extra.basis, 2)) : null,
      rate: extra.rate ?? null,
      count: extra.count ?? null,
      amount: fromCents(c),
      cents: c,
    });
    return c;
  }
}

/** Cents paid so far: all variable pay, and the part on revenue (base and tiers). */
interface Pay {
  variable: bigint;
  onRevenue: bigint;
}

/** The revenue the tiers pay on: credited, capped at maxAttainment × target (with a note when it is). */
function cappedAttainment(plan: Plan, credited: Decimal, target: Decimal | null, notes: PayNote[]): Decimal {
  if (plan.caps?.maxAttainment === undefined || target === null) return credited;
  const max = multiply(target, dec(plan.caps.maxAttainment));
  if (compare(credited, max) <= 0) return credited;
  notes.push({ code: 'PAYOUT_NOTE_ATTAINMENT_CAPPED', params: { max: Math.round(plan.caps.maxAttainment * 100) } });
  return max;
}

/** The base line: a rate on each deal's revenue or margin (deals capped per deal), same-period refunds at the base rate. */
function basePay(plan: Plan, cell: RepCell, credited: Decimal, lines: StatementLines, pay: Pay): void {
  const base = plan.base!;
  const rate = dec(base.rate);
  let exact: Decimal = ZERO;
  let capped = 0;
  for (const d of cell.deals.values()) {
    const basis = base.on === 'margin' ? d.margin.value() : d.credit.value();
    let c = multiply(basis, rate);
    if (plan.caps?.perDeal !== undefined && compare(c, dec(plan.caps.perDeal)) > 0) {
      c = dec(plan.caps.perDeal);
      capped++;
    }
    exact = add(exact, c);
  }
  // same-period refunds lower the basis at the base rate
  const refundBasis = subtract(base.on === 'margin' ? cell.margin.value() : credited, sumDeals(cell, base.on));
  exact = add(exact, multiply(refundBasis, rate));
  const c = lines.push(
    'base',
    `base ${pct(base.rate)} of ${base.on}${capped ? ` (${capped} deal${capped === 1 ? '' : 's'} capped at ${plan.caps!.perDeal})` : ''}`,
    exact,
    { basis: base.on === 'margin' ? cell.margin.value() : credited, rate: base.rate },
  );
  pay.variable += c;
  pay.onRevenue += c;
}

/** Tier lines (marginal slices, or one rate on all once a tier is reached); returns the tier reached, null without a target. */
function tierPay(plan: Plan, target: Decimal | null, tierBasis: Decimal, lines: StatementLines, pay: Pay, notes: PayNote[]): string | null {
  if (target === null || isZero(target)) {
    notes.push({ code: 'PAYOUT_NOTE_NO_TARGET', params: {} });
    return null;
  }
  const ts = plan.tiers!.tiers;
  let tierName: string | null = null;
  if (plan.tiers!.mode === 'marginal') {
    for (let i = 0; i < ts.length; i++) {
      const lo = multiply(target, dec(ts[i]!.from));
      const hi = i + 1 < ts.length ? multiply(target, dec(ts[i + 1]!.from)) : null;
      if (compare(tierBasis, lo) <= 0) break;
      const top = hi !== null && compare(tierBasis, hi) > 0 ? hi : tierBasis;
      const slice = subtract(top, lo);
      tierName = tierLabel(ts, i);
      const c = lines.push('tier', `tier ${tierName} at ${pct(ts[i]!.rate)}`, multiply(slice, dec(ts[i]!.rate)), {
        basis: slice,
        rate: ts[i]!.rate,
      });
      pay.variable += c;
      pay.onRevenue += c;
    }
    return tierName;
  }
  let k = 0;
  for (let i = 0; i < ts.length; i++) if (compare(tierBasis, multiply(target, dec(ts[i]!.from))) >= 0) k = i;
  tierName = tierLabel(ts, k);
  const c = lines.push('tier', `tier ${tierName} reached: ${pct(ts[k]!.rate)} on all`, multiply(tierBasis, dec(ts[k]!.rate)), {
    basis: tierBasis,
    rate: ts[k]!.rate,
  });
  pay.variable += c;
  pay.onRevenue += c;
  return tierName;
}

/** The gate: below the minimum attainment (or unknown), or the KPI below its minimum, a line takes all variable pay back. */
function applyGate(plan: Plan, attainment: number | null, gateKpi: number | null, lines: StatementLines, pay: Pay): void {
  const g = plan.gate;
  if (!g) return;
  let gateOk = true;
  if (g.minAttainment !== undefined && (attainment === null || attainment < g.minAttainment)) gateOk = false;
  if (g.kpi && (gateKpi === null || gateKpi < g.kpi.min)) gateOk = false;
  if (gateOk || pay.variable === 0n) return;
  const why =
    g.minAttainment !== undefined && attainment === null
      ? 'no target, so attainment is unknown'
      : g.minAttainment !== undefined && attainment! < g.minAttainment
        ? `attainment ${pct(Math.round(attainment! * 1e4) / 1e4)} is below ${pct(g.minAttainment)}`
        : `${g.kpi!.id} below ${g.kpi!.min}`;
  lines.push('gate', `gate not met (${why}): no variable pay`, normalise(-pay.variable, 2));
  pay.onRevenue = 0n;
  pay.variable = 0n;
}

/** The cap per period: a line takes back what is over it; clawback rates then use what was actually paid. */
function applyCap(plan: Plan, lines: StatementLines, pay: Pay): void {
  if (plan.caps?.perPeriod === undefined) return;
  const cap = cents(dec(plan.caps.perPeriod));
  if (pay.variable <= cap) return;
  lines.push('cap', `capped at ${plan.caps.perPeriod} per period`, normalise(cap - pay.variable, 2));
  pay.onRevenue = pay.onRevenue > cap ? cap : pay.onRevenue;
}

/**
 * Split an amount by shares in cents (or the amount's own precision), largest
 * remainder first, so the parts add up to the amount exactly. A single 100%
 * credit is the amount itself.
 */
export function allocate(amount: Decimal, credits: readonly Credit[]): Decimal[] {
  if (credits.length === 1) return [multiply(amount, credits[0]!.share)];
  const scale = Math.max(amount.scale, 2);
  const units = BigInt(amount.units) * pow10n(scale - amount.scale);
  const exact = credits.map((c) => {
    const s = BigInt(c.share.units);
    const den = pow10n(c.share.scale);
    const num = units * s;
    const q = num / den;
    const r = num - q * den;
    return { q: r < 0n ? q - 1n : q, r: r < 0n ? r + den : r, den };
  });
  // the exact total of the shares' parts, in whole units (shares may not add to 100%: then no spare units are given)
  const sum = credits.reduce((a, c) => add(a, c.share), ZERO);
  const wanted = compare(sum, { units: 1, scale: 0 }) === 0 ? units : exact.reduce((a, e) => a + e.q, 0n);
  let left = wanted - exact.reduce((a, e) => a + e.q, 0n);
  const order = exact.map((e, i) => ({ i, key: Number((e.r * 1_000_000n) / e.den) })).sort((a, b) => b.key - a.key || a.i - b.i);
  const q = exact.map((e) => e.q);
  for (const o of order) {
    if (left <= 0n) break;
    q[o.i]! += 1n;
    left -= 1n;
  }
  return q.map((v) => normalise(v, scale));
}

function sumDeals(cell: RepCell, on: 'revenue' | 'margin'): Decimal {
  let s: Decimal = ZERO;
  for (const d of cell.deals.values()) s = add(s, on === 'margin' ? d.margin.value() : d.credit.value());
  return s;
}

function pct(x: number): string {
  return `${+(x * 100).toFixed(4)}%`;
}

function tierLabel(ts: { from: number }[], i: number): string {
  return i + 1 < ts.length ? `${pct(ts[i]!.from)}–${pct(ts[i + 1]!.from)}` : `≥${pct(ts[i]!.from)}`;
}
