/**
 * Cohort triangle: customers by the period of their first purchase (the
 * cohort) × periods since then, as counts of active customers, retention share
 * (active / cohort size) and revenue. One pass over the events; memory is one
 * entry per customer plus one cell per (cohort, periods since).
 *
 * A customer is active in a period when they have an event with a positive
 * amount there; their cohort is the first such period. Amounts of zero or less
 * (refunds) add to the revenue of the customer's cell when the customer already
 * has a cohort, and to `unassignedRevenue` otherwise. Periods are integer
 * indexes (e.g. year·12 + month − 1). Revenue is summed in whole cents. Pure.
 *
 * `CohortBuilder` needs events in non-decreasing period order (it throws a
 * RangeError otherwise); `cohortTriangle` sorts a copy first, so takes any order.
 */
import { toCents } from './stats.js';

export interface CohortEvent {
  customer: string;
  period: number;
  amount: number;
}

export interface CohortRow {
  cohort: number;
  size: number;
  /** Index k: periods since the first purchase (0 … last period − cohort). */
  active: number[];
  retention: number[];
  revenue: number[];
}

export interface CohortTriangle {
  rows: CohortRow[];
  customers: number;
  /** Sum of all amounts. */
  revenue: number;
  unassignedRevenue: number;
}

export class CohortBuilder {
  private readonly first = new Map<string, number>();
  private readonly lastActive = new Map<string, number>();
  /** key cohort → (k → [active, cents]) */
  private readonly cells = new Map<number, Map<number, [number, number]>>();
  private lastPeriod = -Infinity;
  private unassigned = 0;

  add(e: CohortEvent): void {
    if (e.period < this.lastPeriod) throw new RangeError(`cohort events must come in period order: ${e.period} after ${this.lastPeriod}`);
    this.lastPeriod = e.period;
    const cents = toCents(e.amount);
    let cohort = this.first.get(e.customer);
    if (cohort === undefined) {
      if (cents <= 0) {
        this.unassigned += cents;
        return;
      }
      cohort = e.period;
      this.first.set(e.customer, cohort);
    }
    const cell = this.cell(cohort, e.period - cohort);
    cell[1] += cents;
    if (cents > 0 && this.lastActive.get(e.customer) !== e.period) {
      this.lastActive.set(e.customer, e.period);
      cell[0]++;
    }
  }

  private cell(cohort: number, k: number): [number, number] {
    let row = this.cells.get(cohort);
    if (!row) this.cells.set(cohort, (row = new Map()));
    let c = row.get(k);
    if (!c) row.set(k, (c = [0, 0]));
    return c;
  }

  finish(): CohortTriangle {
    const last = this.lastPeriod;
    let total = this.unassigned;
    const rows: CohortRow[] = [...this.cells.keys()]
      .sort((a, b) => a - b)
      .map((cohort) => {
        const cells = this.cells.get(cohort)!;
        const width = last - cohort + 1;
        const active: number[] = [];
        const revenue: number[] = [];
        for (let k = 0; k < width; k++) {
          const c = cells.get(k);
          active.push(c ? c[0] : 0);
          revenue.push(c ? c[1] / 100 : 0);
          total += c ? c[1] : 0;
        }
        const size = active[0]!;
        return { cohort, size, active, retention: active.map((a) => a / size), revenue };
      });
    return { rows, customers: this.first.size, revenue: total / 100, unassignedRevenue: this.unassigned / 100 };
  }
}

/** The triangle of events in any order (a sorted copy is fed to a CohortBuilder). */
export function cohortTriangle(events: Iterable<CohortEvent>): CohortTriangle {
  const sorted = [...events].sort((a, b) => a.period - b.period);
  const b = new CohortBuilder();
  for (const e of sorted) b.add(e);
  return b.finish();
}
