/**
 * Target suggestions for the next period, per group: the one-step forecast of
 * the model a rolling-origin backtest chooses (backtest.ts; seasonal naive when
 * the backtest cannot score any model but a season of history exists, naive
 * with less), with its 80% prediction interval as the band. Point and band are
 * floored at 0 (a sales target below zero means nothing) and rounded to cents,
 * half away from zero. An existing target outside the band is flagged 'above'
 * or 'below'. This complements src/engine/target-check.ts, which compares a
 * target with the trailing average (flags above 1.5× or below 0.8×): that check
 * needs no model; this one accounts for trend and season. Pure.
 */
import { backtest, forecastWith } from './backtest.js';
import type { ModelName } from './forecast.js';
import { roundMoney } from './stats.js';

export interface GroupSeries {
  key: string;
  /** Dense history, oldest first. */
  values: readonly number[];
  /** The existing target for the next period, if any. */
  target?: number | null;
}

export interface TargetSuggestion {
  key: string;
  model: ModelName;
  suggested: number;
  lo80: number;
  hi80: number;
  target: number | null;
  /** Where the existing target lies relative to the band; null when inside or none. */
  flag: 'above' | 'below' | null;
}

export function suggestTarget(series: GroupSeries, m: number): TargetSuggestion | null {
  const y = series.values;
  if (y.length < 2) return null;
  const chosen = backtest(y, m).chosen ?? (m > 1 && y.length > m ? 'seasonal-naive' : 'naive');
  const f = forecastWith(chosen, y, m, 1);
  const p = f?.points[0];
  if (!f || !p) return null;
  const floor = (x: number) => roundMoney(Math.max(0, x));
  const lo80 = floor(p.lo80);
  const hi80 = floor(p.hi80);
  const target = series.target ?? null;
  const flag = target === null ? null : target > hi80 ? 'above' : target < lo80 ? 'below' : null;
  return { key: series.key, model: f.model, suggested: floor(p.mean), lo80, hi80, target, flag };
}

export function suggestTargets(groups: readonly GroupSeries[], m: number): TargetSuggestion[] {
  const out: TargetSuggestion[] = [];
  for (const g of groups) {
    const s = suggestTarget(g, m);
    if (s) out.push(s);
  }
  return out;
}
