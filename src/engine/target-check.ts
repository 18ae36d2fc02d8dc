/**
 * Target reasonableness: a target far above or below the group's own recent
 * history demoralises a team or pays for nothing. Each target is compared with
 * the average revenue of the group's previous periods (default 3) and, for
 * reference, the same period a year earlier. Pure.
 */
import type { EngineResult } from './aggregate.js';
import { groupKey } from './aggregate.js';
import { type Calendar, parsePeriodKey, periodKey, yearAgo } from './periods.js';

export interface TargetBand {
  /** Flag targets above high × the trailing average (default 1.5). */
  high: number;
  /** Flag targets below low × the trailing average (default 0.8). */
  low: number;
  /** How many previous periods make the trailing average (default 3). */
  lookback: number;
}

export const DEFAULT_TARGET_BAND: TargetBand = { high: 1.5, low: 0.8, lookback: 3 };

export interface TargetFlag {
  dims: (string | null)[];
  period: string;
  target: number;
  trailingAverage: number;
  trailingPeriods: number;
  lastYear: number | null;
  /** target / trailingAverage */
  ratio: number;
  direction: 'high' | 'low';
}

export function checkTargets(result: EngineResult, calendar: Calendar, band: TargetBand = DEFAULT_TARGET_BAND): TargetFlag[] {
  const revenue = new Map<string, number>();
  const rows = result.dimensions.length ? result.rows : result.totals;
  for (const r of rows) revenue.set(`${groupKey(r.dims)}|${r.period}`, r.kpis.revenue ?? 0);
  const flags: TargetFlag[] = [];
  for (const r of rows) {
    const target = r.kpis.target;
    if (target === null || target === undefined) continue;
    const p = parsePeriodKey(r.period, calendar);
    if (p === null) continue;
    const g = groupKey(r.dims);
    const hist: number[] = [];
    for (let k = 1; k <= band.lookback; k++) {
      const v = revenue.get(`${g}|${periodKey(p - k, calendar)}`);
      if (v !== undefined) hist.push(v);
    }
    if (!hist.length) continue;
    const avg = hist.reduce((a, b) => a + b, 0) / hist.length;
    if (avg <= 0) continue;
    const ago = yearAgo(p, calendar);
    const lastYear = ago === null ? null : (revenue.get(`${g}|${periodKey(ago, calendar)}`) ?? null);
    const ratio = target / avg;
    if (ratio > band.high || ratio < band.low) {
      flags.push({
        dims: r.dims,
        period: r.period,
        target,
        trailingAverage: Math.round(avg * 100) / 100,
        trailingPeriods: hist.length,
        lastYear,
        ratio: Math.round(ratio * 1e6) / 1e6,
        direction: ratio > band.high ? 'high' : 'low',
      });
    }
  }
  return flags;
}
