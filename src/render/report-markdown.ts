/** The report as a Markdown (GitHub) table: deterministic, for CI comments and wikis, written row by row. Pure. */
import { dimLabel, formatValue } from '../core/format.js';
import type { ResultRow } from '../engine/aggregate.js';
import { KPI_BY_ID } from '../engine/kpis.js';
import { BufferedSink } from './table.js';

/** `_` inside a word (sales_agent) is never emphasis on GitHub and stays as it is. */
const WORD = /^[\p{L}\p{N}]$/u;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text from the data as a table cell that GitHub shows literally: HTML
 * (`<script>`, `&amp;`) as entities; links, images, emphasis, code,
 * strikethrough and backslashes escaped (`_` only where it could start or end emphasis); a leading `#` escaped; pipes
 * escaped and line breaks made spaces (a cell is one line).
 */
export function mdText(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    .replace(
      /[&<>]|[\\`*_[\]()!~|]/g,
      (c, at: number, all: string) =>
        ENTITY[c] ?? (c === '_' && WORD.test(all[at - 1] ?? '') && WORD.test(all[at + 1] ?? '') ? c : `\\${c}`),
    )
    .replace(/^#/, '\\#');
}

/** Our own text (labels, formatted numbers, bold markers): only pipes and line breaks. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function reportMarkdown(rows: readonly ResultRow[], totals: readonly ResultRow[], o: MarkdownOptions): string {
  const parts: string[] = [];
  writeReportMarkdown(rows, totals, o, (t) => parts.push(t));
  return parts.join('');
}

export interface MarkdownOptions {
  dims: string[];
  kpis: string[];
  currency: string;
  lang: 'en' | 'zh';
  title?: string;
}

export function writeReportMarkdown(
  rows: readonly ResultRow[],
  totals: readonly ResultRow[],
  o: MarkdownOptions,
  sink: (text: string) => void,
): void {
  const zh = o.lang === 'zh';
  const label = (k: string) => (zh ? KPI_BY_ID.get(k)!.labelZh : KPI_BY_ID.get(k)!.label);
  const head = [...o.dims.map((d) => mdText(dimLabel(d, o.lang))), zh ? '期间' : 'Period', ...o.kpis.map((k) => cell(label(k)))];
  const align = [...o.dims.map(() => ':--'), ':--', ...o.kpis.map(() => '--:')];
  const units = o.kpis.map((k) => KPI_BY_ID.get(k)!.unit);
  const value = (r: ResultRow, j: number) => formatValue(r.kpis[o.kpis[j]!] ?? null, units[j]!, units[j] === 'money' ? o.currency : '');
  const buf = new BufferedSink(sink);
  const w = buf.write;
  if (o.title) w(`## ${mdText(o.title)}\n\n`);
  w(`| ${head.join(' | ')} |\n|${align.join('|')}|\n`);
  for (const r of rows)
    w(
      `| ${[...o.dims.map((_, i) => mdText(r.dims[i] ?? '(none)')), mdText(r.period), ...o.kpis.map((_, j) => cell(value(r, j)))].join(' | ')} |\n`,
    );
  for (const r of totals)
    w(
      `| ${[...o.dims.map((_, i) => (i === 0 ? `**${zh ? '合计' : 'Total'}**` : '')), `**${mdText(r.period)}**`, ...o.kpis.map((_, j) => `**${cell(value(r, j))}**`)].join(' | ')} |\n`,
    );
  buf.flush();
}
