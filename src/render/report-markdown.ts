/** The report as a Markdown (GitHub) table: deterministic, for CI comments and wikis. Pure. */
import { dimLabel, formatValue } from '../core/format.js';
import type { ResultRow } from '../engine/aggregate.js';
import { KPI_BY_ID } from '../engine/kpis.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function reportMarkdown(rows: ResultRow[], totals: ResultRow[], o: { dims: string[]; kpis: string[]; currency: string; lang: 'en' | 'zh'; title?: string }): string {
  const zh = o.lang === 'zh';
  const label = (k: string) => (zh ? KPI_BY_ID.get(k)!.labelZh : KPI_BY_ID.get(k)!.label);
  const head = [...o.dims.map((d) => dimLabel(d, o.lang)), zh ? '期间' : 'Period', ...o.kpis.map(label)];
  const align = [...o.dims.map(() => ':--'), ':--', ...o.kpis.map(() => '--:')];
  const value = (r: ResultRow, k: string) => {
    const unit = KPI_BY_ID.get(k)!.unit;
    return formatValue(r.kpis[k] ?? null, unit, unit === 'money' ? o.currency : '');
  };
  const lines: string[] = [];
  if (o.title) lines.push(`## ${o.title}`, '');
  lines.push(`| ${head.map(cell).join(' | ')} |`, `|${align.join('|')}|`);
  for (const r of rows) lines.push(`| ${[...o.dims.map((_, i) => r.dims[i] ?? '(none)'), r.period, ...o.kpis.map((k) => value(r, k))].map(cell).join(' | ')} |`);
  for (const r of totals) lines.push(`| ${[...o.dims.map((_, i) => (i === 0 ? `**${zh ? '合计' : 'Total'}**` : '')), `**${r.period}**`, ...o.kpis.map((k) => `**${value(r, k)}**`)].map(cell).join(' | ')} |`);
  return lines.join('\n') + '\n';
}
