/** Scorecard output: the JSON document, CSV and the terminal table. Pure. */
import Table from 'cli-table3';
import { Chalk } from 'chalk';
import { dimLabel, fixed, formatValue, percentAgainst } from '../core/format.js';
import { KPI_BY_ID } from '../engine/kpis.js';
import type { ScorecardResult } from '../engine/scorecard.js';
import { DEFAULT_TARGET_BAND, type TargetBand, type TargetFlag } from '../engine/target-check.js';
import type { ScorecardConfig } from '../schema/scorecard.js';
import { csvLine } from './csv-text.js';

export interface ScorecardDoc {
  meta: {
    schemaVersion: 1;
    tool: 'salesperf';
    command: 'scorecard';
    period: string;
    grain: string;
    dimensions: string[];
    kpis: { kpi: string; weight: number; direction: string; method: string; cap: number | null; target: number | null }[];
    bands: { name: string; min: number }[];
    notes: string[];
  };
  rows: Record<string, unknown>[];
  targetChecks: (Omit<TargetFlag, 'dims'> & Record<string, unknown>)[];
}

export function scorecardDoc(r: ScorecardResult, o: { period: string; grain: string; dims: string[]; config: ScorecardConfig; flags: TargetFlag[] }): ScorecardDoc {
  return {
    meta: {
      schemaVersion: 1,
      tool: 'salesperf',
      command: 'scorecard',
      period: o.period,
      grain: o.grain,
      dimensions: o.dims,
      kpis: r.kpis.map((k) => ({ kpi: k.kpi, weight: k.weight, direction: k.direction, method: k.scoring.method, cap: k.scoring.method === 'attainment' ? k.scoring.cap : null, target: k.target ?? null })),
      bands: o.config.bands.map((b) => ({ name: b.name, min: b.min })),
      notes: r.notes,
    },
    rows: sorted(r).map((row) => ({
      rank: row.rank,
      ...Object.fromEntries(o.dims.map((d, i) => [d, row.dims[i] ?? null])),
      score: row.total,
      band: row.band,
      feedback: row.feedback,
      kpis: Object.fromEntries(row.lines.map((l) => [l.kpi, { value: l.value, target: l.target, attainment: l.attainment, percentile: l.percentile, subScore: l.subScore, weight: l.weight, points: l.points, note: l.note }])),
    })),
    targetChecks: o.flags.map(({ dims, ...f }) => ({ ...Object.fromEntries(o.dims.map((d, i) => [d, dims[i] ?? null])), ...f })),
  };
}

/** Rank order (unscored last), then by dimension values. */
export function sorted(r: ScorecardResult) {
  return [...r.rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || String(a.dims).localeCompare(String(b.dims)));
}

export function scorecardCsv(r: ScorecardResult, dims: string[]): string {
  const head = ['rank', ...dims, 'score', 'band', ...r.kpis.flatMap((k) => [`${k.kpi}`, `${k.kpi}_target`, `${k.kpi}_score`, `${k.kpi}_points`]), 'feedback'];
  let out = csvLine(head);
  for (const row of sorted(r)) {
    out += csvLine([row.rank, ...dims.map((_, i) => row.dims[i] ?? ''), row.total, row.band, ...row.lines.flatMap((l) => [l.value, l.target, l.subScore, l.points]), row.feedback]);
  }
  return out;
}

export function scorecardTable(r: ScorecardResult, o: { dims: string[]; color: boolean; lang: 'en' | 'zh'; currency: string; period: string; flags: TargetFlag[]; band?: Pick<TargetBand, 'high' | 'low'> }): string {
  const band = o.band ?? DEFAULT_TARGET_BAND;
  const chalk = new Chalk({ level: o.color ? 1 : 0 });
  const zh = o.lang === 'zh';
  const label = (k: string) => (zh ? KPI_BY_ID.get(k)!.labelZh : KPI_BY_ID.get(k)!.label);
  const t = new Table({
    head: [zh ? '排名' : 'Rank', ...o.dims.map((d) => dimLabel(d, o.lang)), zh ? '得分' : 'Score', zh ? '等级' : 'Band', ...r.kpis.map((k) => `${label(k.kpi)} (${k.weight})`)].map((h) => chalk.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ['right', ...o.dims.map(() => 'left' as const), 'right', 'left', ...r.kpis.map(() => 'right' as const)],
  });
  for (const row of sorted(r)) {
    const band = row.band ?? '—';
    const score = row.total === null ? '—' : fixed(row.total, 1);
    t.push([
      row.rank ?? '—',
      ...o.dims.map((_, i) => row.dims[i] ?? '(none)'),
      score,
      row.total === null ? band : row.total >= 90 ? chalk.green(band) : row.total >= 60 ? chalk.yellow(band) : chalk.red(band),
      ...row.lines.map((l) => {
        const unit = KPI_BY_ID.get(l.kpi)!.unit;
        const v = formatValue(l.value, unit, unit === 'money' ? o.currency : '');
        return l.subScore === null ? `${v} (${l.note ?? '—'})` : `${v} → ${fixed(l.subScore, 0)}`;
      }),
    ]);
  }
  const lines = [`${zh ? '评分期间' : 'Scorecard for'} ${o.period}`, t.toString(), ''];
  lines.push(zh ? '反馈' : 'Feedback');
  for (const row of sorted(r)) lines.push(`  ${o.dims.map((_, i) => row.dims[i] ?? '(none)').join(' / ')}: ${row.feedback}`);
  if (o.flags.length) {
    lines.push('', zh ? '目标合理性（与前几期平均相比）' : 'Target reasonableness (against the trailing average)');
    for (const f of o.flags) {
      const who = o.dims.map((_, i) => f.dims[i] ?? '(none)').join(' / ') || (zh ? '合计' : 'total');
      lines.push(`  ${who} ${f.period}: ${zh ? '目标' : 'target'} ${formatValue(f.target, 'money', o.currency)} ${zh ? '为前' : 'is'} ${percentAgainst(f.ratio, f.direction === 'high' ? band.high : band.low)} ${zh ? `期平均 (${f.trailingPeriods} 期)` : `of the trailing ${f.trailingPeriods}-period average`} ${formatValue(f.trailingAverage, 'money', o.currency)}${f.lastYear !== null ? `${zh ? '；去年同期' : '; same period last year'} ${formatValue(f.lastYear, 'money', o.currency)}` : ''} — ${f.direction === 'high' ? (zh ? '偏高' : 'too high?') : zh ? '偏低' : 'too low?'}`);
    }
  }
  return lines.join('\n') + '\n';
}
