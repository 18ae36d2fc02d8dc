/**
 * Rolling-origin evaluation (FPP3 §5.10 "time series cross-validation"): for
 * each origin t (the first t points are the training set) every model
 * forecasts `horizon` steps ahead and is compared with what happened.
 *   MAPE = mean |e/y| · 100 over actuals y ≠ 0 (null when all are 0);
 *   MASE = mean |e|/q, q = the training set's in-sample seasonal naive MAE
 *          (mean |y(t) − y(t−m)|; m = 1 for a series without a season),
 *          origins with q = 0 skipped (FPP3 §5.8, Hyndman & Koehler 2006);
 *   coverage = share of actuals inside the 80% / 95% intervals (ends included).
 * Models are compared on the same origins: the first origin is the longest
 * minimum training length among the candidates. The chosen model has the
 * lowest MASE; ties (within 1e-9) go to the simpler model (naive, then
 * seasonal naive, then Holt–Winters). Pure.
 */
import type { Forecast, ModelName } from './forecast.js';
import { fitHoltWinters, holtWintersForecast, holtWintersMinLength } from './holt-winters.js';
import { seasonalNaive } from './seasonal-naive.js';

export const MODEL_ORDER: readonly ModelName[] = ['naive', 'seasonal-naive', 'holt-winters'];

/** Fewest points a model needs to forecast with season length m. */
export function minTrainingLength(model: ModelName, m: number): number {
  switch (model) {
    case 'naive':
      return 2;
    case 'seasonal-naive':
      return m + 1;
    case 'holt-winters':
      return holtWintersMinLength(m);
  }
}

/** Forecast with a model (Holt–Winters fitted by grid search); null when the series is too short. */
export function forecastWith(model: ModelName, y: readonly number[], m: number, horizon: number): Forecast | null {
  if (y.length < minTrainingLength(model, m)) return null;
  switch (model) {
    case 'naive':
      return seasonalNaive(y, 1, horizon);
    case 'seasonal-naive':
      return m > 1 ? seasonalNaive(y, m, horizon) : null;
    case 'holt-winters': {
      const fit = fitHoltWinters(y, m);
      return fit === null ? null : holtWintersForecast(fit, horizon);
    }
  }
}

export interface ModelScore {
  model: ModelName;
  /** Forecasts compared (origins × steps). */
  forecasts: number;
  mape: number | null;
  mase: number | null;
  /** Share of actuals inside the 80% / 95% prediction intervals (calibration); null without forecasts. */
  coverage80: number | null;
  coverage95: number | null;
}

export interface BacktestResult {
  m: number;
  horizon: number;
  /** Training lengths used as origins. */
  origins: number[];
  scores: ModelScore[];
  /** Lowest MASE, ties to the simpler model; null when no model could be scored. */
  chosen: ModelName | null;
}

export interface BacktestOptions {
  /** Steps ahead scored at each origin (default 1). */
  horizon?: number;
  /** Candidate models (default: all that apply; seasonal naive only when m > 1). */
  models?: readonly ModelName[];
  /** First training length (default: the largest minimum among the candidates). */
  minTrain?: number;
}

/** In-sample seasonal naive MAE of a training set (the MASE scale); null when too short. */
export function maseScale(train: readonly number[], m: number): number | null {
  const lag = train.length > m ? m : 1;
  if (train.length <= lag) return null;
  let s = 0;
  for (let t = lag; t < train.length; t++) s += Math.abs(train[t]! - train[t - lag]!);
  return s / (train.length - lag);
}

export function backtest(y: readonly number[], m: number, options: BacktestOptions = {}): BacktestResult {
  const horizon = options.horizon ?? 1;
  const candidates = (options.models ?? MODEL_ORDER).filter((mo) => mo !== 'seasonal-naive' || m > 1);
  const ordered = MODEL_ORDER.filter((mo) => candidates.includes(mo));
  const first = options.minTrain ?? Math.max(...ordered.map((mo) => minTrainingLength(mo, m)));
  const usable = ordered.filter((mo) => minTrainingLength(mo, m) <= first);
  const origins: number[] = [];
  for (let t = first; t + horizon <= y.length; t++) origins.push(t);
  const scores: ModelScore[] = usable.map((model) => {
    let ape = 0;
    let apeN = 0;
    let ase = 0;
    let aseN = 0;
    let count = 0;
    let in80 = 0;
    let in95 = 0;
    for (const t of origins) {
      const train = y.slice(0, t);
      const f = forecastWith(model, train, m, horizon);
      if (f === null) continue;
      const q = maseScale(train, m);
      for (const p of f.points) {
        const actual = y[t + p.h - 1]!;
        const e = actual - p.mean;
        count++;
        if (actual >= p.lo80 && actual <= p.hi80) in80++;
        if (actual >= p.lo95 && actual <= p.hi95) in95++;
        if (actual !== 0) {
          ape += Math.abs(e / actual);
          apeN++;
        }
        if (q !== null && q > 0) {
          ase += Math.abs(e) / q;
          aseN++;
        }
      }
    }
    return {
      model,
      forecasts: count,
      mape: apeN ? (100 * ape) / apeN : null,
      mase: aseN ? ase / aseN : null,
      coverage80: count ? in80 / count : null,
      coverage95: count ? in95 / count : null,
    };
  });
  let chosen: ModelScore | null = null;
  for (const s of scores) {
    if (s.mase === null) continue;
    if (chosen === null || chosen.mase === null || s.mase < chosen.mase - 1e-9 * Math.max(1, chosen.mase)) chosen = s;
  }
  return { m, horizon, origins, scores, chosen: chosen?.model ?? null };
}
