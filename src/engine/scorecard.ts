/**
 * Weighted scorecards, pure. Each KPI is scored 0–100 (attainment of its
 * target, capped — 100 at target, up to cap×100 above it — or the percentile
 * within the peer group), weighted, summed, banded and ranked, with coded
 * feedback naming the strongest and the weakest KPI. Notes and feedback are
 * data ({ code, params } / catalogue messages): render/scorecard.ts words them
 * in the run's language.
 */
import { msg, type Msg } from '../core/message-catalog.js';
import type { ScorecardConfig, ScorecardKpi } from '../schema/scorecard.js';
import type { KpiValues } from './aggregate.js';
import { KPI_BY_ID } from './kpis.js';
import { formatValue } from '../core/format.js';

export interface ScoreGroup {
  dims: (string | null)[];
  kpis: KpiValues;
}

export interface ScoreLine {
  kpi: string;
  value: number | null;
  target: number | null;
  method: 'attainment' | 'percentile';
  /** value / target (or target / value when lower is better); attainment scoring only. */
  attainment: number | null;
  /** Percentile within the peers (0–100); percentile scoring only. */
  percentile: number | null;
  subScore: number | null;
  /** Weight after renormalising over the KPIs this group could be scored on. */
  weight: number | null;
  points: number | null;
  note: string | null;
}

export interface ScoreRow {
  dims: (string | null)[];
  lines: ScoreLine[];
  total: number | null;
  band: string | null;
  rank: number | null;
  feedback: Feedback;
}

/** A scored KPI as feedback names it: the config's label (null: the catalogue's) and what it achieved. */
export interface FeedbackItem {
  kpi: string;
  label: string | null;
  value: number | null;
  method: 'attainment' | 'percentile';
  attainment: number | null;
  percentile: number | null;
}

/** One line of feedback per group, as data. */
export type Feedback =
  | { code: 'NOT_SCORED'; params: Record<string, never> }
  | { code: 'STRONGEST'; params: { strong: FeedbackItem } }
  | { code: 'STRONGEST_WEAKEST'; params: { strong: FeedbackItem; weak: FeedbackItem } };

export interface Scorecard {
  rows: ScoreRow[];
  /** The KPIs used, after dropping what the data cannot compute. */
  kpis: ScorecardKpi[];
  /** Dropped KPIs, fallbacks, renormalisation, as catalogue messages. */
  notes: Msg[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function scoreGroups(groups: ScoreGroup[], config: ScorecardConfig, available: readonly string[], hasTargets: boolean): Scorecard {
  const notes: Msg[] = [];
  const kpis = usableKpis(groups, config, available, hasTargets, notes);
  const pct = percentiles(groups, kpis);
  const rows: ScoreRow[] = groups.map((g, gi) => scoreRow(g, gi, kpis, pct, config));
  // competition ranking ("1224"): equal totals share a rank
  const order = rows.filter((r) => r.total !== null).sort((a, b) => b.total! - a.total!);
  order.forEach((r, i) => (r.rank = i > 0 && order[i - 1]!.total === r.total ? order[i - 1]!.rank : i + 1));
  return { rows, kpis, notes };
}

/** The configured KPIs the data can score (with fallbacks to percentile), noting every one dropped or changed. */
function usableKpis(
  groups: ScoreGroup[],
  config: ScorecardConfig,
  available: readonly string[],
  hasTargets: boolean,
  notes: Msg[],
): ScorecardKpi[] {
  const addNote = (m: Msg) => notes.push(m);
  const kpis: ScorecardKpi[] = [];
  for (const k of config.kpis) {
    if (!available.includes(k.kpi)) {
      const needs = KPI_BY_ID.get(k.kpi)?.needs;
      addNote(msg('NOTE_KPI_NOT_COMPUTED', { kpi: k.kpi, weight: k.weight, needs: needs ? msg('NOTE_KPI_NEEDS', { needs }) : '' }));
      continue;
    }
    const fallback = k.scoring.method === 'attainment' && k.target === undefined && !(k.kpi === 'revenue' && hasTargets);
    if (fallback)
      addNote(msg('NOTE_KPI_NO_TARGET', { kpi: k.kpi, why: msg(k.kpi === 'revenue' ? 'NOTE_NO_TARGETS_FLAG' : 'NOTE_SET_TARGET') }));
    if (fallback || k.scoring.method === 'percentile') {
      // a percentile with no spread between the peers would hand everyone 50: the KPI is left out like one that cannot be computed
      const tie = noSpread(groups, k.kpi);
      if (tie) {
        const value = formatValue(tie.value, KPI_BY_ID.get(k.kpi)!.unit);
        addNote(
          tie.peers === 1
            ? msg('NOTE_KPI_NO_SPREAD_ONE', { kpi: k.kpi, weight: k.weight, value })
            : msg('NOTE_KPI_NO_SPREAD', { kpi: k.kpi, weight: k.weight, value, peers: tie.peers }),
        );
        continue;
      }
    }
    kpis.push(fallback ? { ...k, scoring: { method: 'percentile' } } : k);
  }
  const dropped = config.kpis.length - kpis.length;
  if (dropped && kpis.length)
    addNote(
      msg('NOTE_RENORMALISED', {
        list: kpis.map((k) => `${k.kpi} ${round2((k.weight * 100) / kpis.reduce((a, x) => a + x.weight, 0))}`).join(', '),
      }),
    );
  return kpis;
}

/** Percentiles per KPI over the peers that have a value (percentile scoring only). */
function percentiles(groups: ScoreGroup[], kpis: ScorecardKpi[]): Map<string, (number | null)[]> {
  const pct = new Map<string, (number | null)[]>();
  for (const k of kpis) {
    if (k.scoring.method !== 'percentile') continue;
    const vals = groups.map((g) => g.kpis[k.kpi] ?? null);
    const have = vals.filter((v): v is number => v !== null);
    const n = have.length;
    pct.set(
      k.kpi,
      vals.map((v) => {
        if (v === null) return null;
        if (n === 1) return 50; // nobody to compare with: neutral
        let worse = 0;
        let equal = 0;
        for (const w of have) {
          if (w === v) equal++;
          else if (k.direction === 'higher' ? w < v : w > v) worse++;
        }
        return round2(((worse + (equal - 1) / 2) / (n - 1)) * 100);
      }),
    );
  }
  return pct;
}

/** One group's lines, weights, points, total and band (rank comes after, over all groups). */
function scoreRow(g: ScoreGroup, gi: number, kpis: ScorecardKpi[], pct: Map<string, (number | null)[]>, config: ScorecardConfig): ScoreRow {
  const lines: ScoreLine[] = kpis.map((k) => {
    const value = g.kpis[k.kpi] ?? null;
    const line: ScoreLine = {
      kpi: k.kpi,
      value,
      target: null,
      method: k.scoring.method,
      attainment: null,
      percentile: null,
      subScore: null,
      weight: null,
      points: null,
      note: null,
    };
    if (k.scoring.method === 'percentile') {
      line.percentile = pct.get(k.kpi)![gi]!;
      line.subScore = line.percentile;
      if (value === null) line.note = 'no value';
    } else {
      const target = k.kpi === 'revenue' && k.target === undefined ? (g.kpis.target ?? null) : (k.target ?? null);
      line.target = target;
      if (target === null || target <= 0) line.note = 'no target';
      else if (value === null) line.note = 'no value';
      else {
        const att = k.direction === 'higher' ? value / target : value === 0 ? k.scoring.cap : target / value;
        line.attainment = Math.round(att * 1e6) / 1e6;
        line.subScore = round2(Math.max(0, Math.min(att, k.scoring.cap)) * 100);
      }
    }
    return line;
  });
  const scored = lines.filter((l) => l.subScore !== null);
  const wsum = kpis.reduce((a, k, i) => a + (lines[i]!.subScore !== null ? k.weight : 0), 0);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.subScore === null) continue;
    l.weight = round2((kpis[i]!.weight * 100) / wsum);
    l.points = round2((kpis[i]!.weight / wsum) * l.subScore);
  }
  const total = scored.length ? round2(scored.reduce((a, l) => a + (l.points ?? 0), 0)) : null;
  const band = total === null ? null : ([...config.bands].sort((a, b) => b.min - a.min).find((b) => total >= b.min)?.name ?? null);
  return { dims: g.dims, lines, total, band, rank: null, feedback: feedback(lines, kpis) };
}

/** The one value every peer that has one shares (null when they differ, or when no peer has a value). */
function noSpread(groups: ScoreGroup[], kpi: string): { value: number; peers: number } | null {
  let value: number | null = null;
  let peers = 0;
  for (const g of groups) {
    const v = g.kpis[kpi] ?? null;
    if (v === null) continue;
    if (value !== null && v !== value) return null;
    value = v;
    peers++;
  }
  return value === null ? null : { value, peers };
}

function feedback(lines: ScoreLine[], kpis: ScorecardKpi[]): Feedback {
  const scored = lines.map((l, i) => ({ l, i })).filter((x) => x.l.subScore !== null);
  if (!scored.length) return { code: 'NOT_SCORED', params: {} };
  const item = (i: number, l: ScoreLine): FeedbackItem => ({
    kpi: l.kpi,
    label: kpis[i]!.label ?? null,
    value: l.value,
    method: l.method,
    attainment: l.attainment,
    percentile: l.percentile,
  });
  const best = scored.reduce((a, b) => (b.l.subScore! > a.l.subScore! ? b : a));
  const worst = scored.reduce((a, b) => (b.l.subScore! < a.l.subScore! ? b : a));
  const strong = item(best.i, best.l);
  if (scored.length === 1 || best.i === worst.i) return { code: 'STRONGEST', params: { strong } };
  return { code: 'STRONGEST_WEAKEST', params: { strong, weak: item(worst.i, worst.l) } };
}
