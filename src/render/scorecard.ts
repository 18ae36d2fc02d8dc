/** Scorecard output: the JSON document, CSV and the terminal table. Pure. */
import { Chalk } from 'chalk';
import { dimLabel, fixed, formatValue, percentAgainst } from '../core/format.js';
import { type Lang, msg, type Msg, renderMsg } from '../core/message-catalog.js';
import { KPI_BY_ID } from '../engine/kpis.js';
import type { Feedback, FeedbackItem, Scorecard, ScoreRow } from '../engine/scorecard.js';
import { DEFAULT_TARGET_BAND, type TargetBand, type TargetFlag } from '../engine/target-check.js';
import type { ScorecardConfig } from '../schema/scorecard.js';
import type { ScorecardDoc } from '../app/scorecard-output.js';
import { csvLine } from './csv-text.js';
import { type TableColumn, type TableSource, wrapText, writePanels } from './table.js';

/** A scorecard worded in a language: feedback as text, notes in English (JSON) and as messages (stderr in the run's language). */
export interface ScorecardResult {
  rows: (Omit<ScoreRow, 'feedback'> & { feedback: string })[];
  kpis: Scorecard['kpis'];
  /** Human notes: dropped KPIs, fallbacks, renormalisation (English). */
  notes: string[];
  /** The same notes as catalogue messages, for stderr in the run's language. */
  noteMsgs: Msg[];
}

export function scorecardView(s: Scorecard, lang: Lang = 'en'): ScorecardResult {
  return {
    rows: s.rows.map((r) => ({ ...r, feedback: feedbackText(r.feedback, lang) })),
    kpis: s.kpis,
    notes: s.notes.map((m) => renderMsg(m, 'en')),
    noteMsgs: [...s.notes],
  };
}

/** The feedback line in a language: the config's label, else the catalogue's (lower case in English). */
export function feedbackText(f: Feedback, lang: Lang): string {
  const item = (x: FeedbackItem): Msg => {
    const def = KPI_BY_ID.get(x.kpi)!;
    const label = x.label ?? (lang === 'zh' ? def.labelZh : def.label.toLowerCase());
    const value = formatValue(x.value, def.unit);
    const detail =
      x.method === 'attainment'
        ? msg('SCORE_OF_TARGET', { value, share: `${Math.round((x.attainment ?? 0) * 100)}%` })
        : msg('SCORE_AHEAD_OF_PEERS', { value, share: Math.round(x.percentile ?? 0) });
    return msg('SCORE_ITEM', { label, detail });
  };
  if (f.code === 'NOT_SCORED') return renderMsg(msg('SCORE_NOT_SCORED'), lang);
  if (f.code === 'STRONGEST') return renderMsg(msg('SCORE_STRONGEST', { strong: item(f.params.strong) }), lang);
  return renderMsg(msg('SCORE_STRONGEST_WEAKEST', { strong: item(f.params.strong), weak: item(f.params.weak) }), lang);
}

/** The JSON document's type comes from its zod schema (src/app/scorecard-output.ts). */
export type { ScorecardDoc } from '../app/scorecard-output.js';

export function scorecardDoc(
  r: ScorecardResult,
  o: { period: string; grain: ScorecardDoc['meta']['grain']; dims: string[]; config: ScorecardConfig; flags: TargetFlag[] },
): ScorecardDoc {
  const used = weightsUsed(r);
  return {
    meta: {
      schemaVersion: 1,
      tool: 'salesperf',
      command: 'scorecard',
      period: o.period,
      grain: o.grain,
      dimensions: o.dims,
      kpis: r.kpis.map((k, i) => ({
        kpi: k.kpi,
        weight: used[i]!,
        configuredWeight: k.weight,
        direction: k.direction,
        method: k.scoring.method,
        cap: k.scoring.method === 'attainment' ? k.scoring.cap : null,
        target: k.target ?? null,
      })),
      bands: o.config.bands.map((b) => ({ name: b.name, min: b.min })),
      notes: r.notes,
    },
    rows: sorted(r).map((row) => ({
      rank: row.rank,
      ...Object.fromEntries(o.dims.map((d, i) => [d, row.dims[i] ?? null])),
      score: row.total,
      band: row.band,
      feedback: row.feedback,
      kpis: Object.fromEntries(
        row.lines.map((l) => [
          l.kpi,
          {
            value: l.value,
            target: l.target,
            attainment: l.attainment,
            percentile: l.percentile,
            subScore: l.subScore,
            weight: l.weight,
            points: l.points,
            note: l.note,
          },
        ]),
      ),
    })),
    targetChecks: o.flags.map(({ dims, ...f }) => ({ ...Object.fromEntries(o.dims.map((d, i) => [d, dims[i] ?? null])), ...f })),
  };
}

/** Rank order (unscored last), then by dimension values. */
export function sorted(r: ScorecardResult) {
  return [...r.rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || String(a.dims).localeCompare(String(b.dims)));
}

export function scorecardCsv(r: ScorecardResult, dims: string[]): string {
  const head = [
    'rank',
    ...dims,
    'score',
    'band',
    ...r.kpis.flatMap((k) => [`${k.kpi}`, `${k.kpi}_target`, `${k.kpi}_score`, `${k.kpi}_points`]),
    'feedback',
  ];
  let out = csvLine(head);
  for (const row of sorted(r)) {
    out += csvLine([
      row.rank,
      ...dims.map((_, i) => row.dims[i] ?? ''),
      row.total,
      row.band,
      ...row.lines.flatMap((l) => [l.value, l.target, l.subScore, l.points]),
      row.feedback,
    ]);
  }
  return out;
}

/**
 * The weight each KPI actually counts for, out of 100: the configured weights
 * renormalised over the KPIs kept (a KPI the data cannot compute is dropped).
 */
export function weightsUsed(r: ScorecardResult): number[] {
  const sum = r.kpis.reduce((a, k) => a + k.weight, 0);
  return r.kpis.map((k) => (sum > 0 ? Math.round((k.weight * 10000) / sum) / 100 : 0));
}

export function scorecardTable(
  r: ScorecardResult,
  o: {
    dims: string[];
    color: boolean;
    lang: 'en' | 'zh';
    currency: string;
    period: string;
    flags: TargetFlag[];
    band?: Pick<TargetBand, 'high' | 'low'>;
    width?: number;
  },
): string {
  const band = o.band ?? DEFAULT_TARGET_BAND;
  const width = o.width ?? 160;
  const chalk = new Chalk({ level: o.color ? 1 : 0 });
  const zh = o.lang === 'zh';
  const label = (k: string) => (zh ? KPI_BY_ID.get(k)!.labelZh : KPI_BY_ID.get(k)!.label);
  const used = weightsUsed(r);
  const nd = o.dims.length;
  // key columns (repeated in every panel): rank, the dimensions, score, band; then one column per KPI
  const nKey = nd + 3;
  const columns: TableColumn[] = [
    { head: zh ? '排名' : 'Rank', align: 'right' },
    ...o.dims.map((d) => ({ head: dimLabel(d, o.lang), align: 'left' as const })),
    { head: zh ? '得分' : 'Score', align: 'right' },
    { head: zh ? '等级' : 'Band', align: 'left' },
    ...r.kpis.map((k, i) => ({ head: `${label(k.kpi)} (${used[i]})`, align: 'right' as const })),
  ];
  const rows = sorted(r);
  const cell = (i: number, c: number): string => {
    const row = rows[i]!;
    if (c === 0) return row.rank === null ? '—' : String(row.rank);
    if (c <= nd) return row.dims[c - 1] ?? '(none)';
    if (c === nd + 1) return row.total === null ? '—' : fixed(row.total, 1);
    if (c === nd + 2) return row.band ?? '—';
    const l = row.lines[c - nKey]!;
    const unit = KPI_BY_ID.get(l.kpi)!.unit;
    const v = formatValue(l.value, unit, unit === 'money' ? o.currency : '');
    return l.subScore === null ? `${v} (${l.note ?? '—'})` : `${v} → ${fixed(l.subScore, 0)}`;
  };
  const src: TableSource = {
    columns,
    rows: rows.length,
    cell,
    paint(i, c, padded) {
      const total = rows[i]!.total;
      if (c !== nd + 2 || total === null) return padded;
      return total >= 90 ? chalk.green(padded) : total >= 60 ? chalk.yellow(padded) : chalk.red(padded);
    },
    paintHead: (p) => chalk.bold(p),
  };
  const parts: string[] = [];
  writePanels(src, (t) => parts.push(t), nKey, width);
  // free text (feedback, target checks) is wrapped to the width, not cut: every word of it is meant to be read
  const wrapped = (text: string, indent = '  ', hang = '    ') =>
    wrapText(text, width - hang.length).map((l, i) => (i === 0 ? indent : hang) + l);
  const lines = [`${zh ? '评分期间' : 'Scorecard for'} ${o.period}`, parts.join('').replace(/\n$/, ''), ''];
  lines.push(zh ? '反馈' : 'Feedback');
  for (const row of rows) lines.push(...wrapped(`${o.dims.map((_, i) => row.dims[i] ?? '(none)').join(' / ')}: ${row.feedback}`));
  if (o.flags.length) {
    lines.push('', zh ? '目标合理性（与前几期平均相比）' : 'Target reasonableness (against the trailing average)');
    for (const f of o.flags) {
      const who = o.dims.map((_, i) => f.dims[i] ?? '(none)').join(' / ') || (zh ? '合计' : 'total');
      lines.push(
        ...wrapped(
          `${who} ${f.period}: ${zh ? `目标 ${formatValue(f.target, 'money', o.currency)} 是前 ${f.trailingPeriods} 期平均 ${formatValue(f.trailingAverage, 'money', o.currency)} 的 ${percentAgainst(f.ratio, f.direction === 'high' ? band.high : band.low)}` : `target ${formatValue(f.target, 'money', o.currency)} is ${percentAgainst(f.ratio, f.direction === 'high' ? band.high : band.low)} of the trailing ${f.trailingPeriods}-period average ${formatValue(f.trailingAverage, 'money', o.currency)}`}${f.lastYear !== null ? `${zh ? '；去年同期' : '; same period last year'} ${formatValue(f.lastYear, 'money', o.currency)}` : ''} — ${f.direction === 'high' ? (zh ? '偏高' : 'too high?') : zh ? '偏低' : 'too low?'}`,
        ),
      );
    }
  }
  return lines.join('\n') + '\n';
}
