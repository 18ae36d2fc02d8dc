/**
 * The report as a terminal table. Money with thousands separators and the
 * currency, ratios as %, `—` for null, attainment coloured. Too wide for the
 * terminal: the KPI columns are split over several panels, each repeating
 * the dimension and period columns. Written line by line to a sink.
 */
import { Chalk } from 'chalk';
import type { ResultRow } from '../engine/aggregate.js';
import { KPI_BY_ID } from '../engine/kpis.js';
import { dimLabel, formatValue } from '../core/format.js';
import { type Sink, type TableColumn, type TableSource, writePanels } from './table.js';

export interface TableOptions {
  dims: string[];
  kpis: string[];
  currency: string;
  color: boolean;
  width: number;
  lang: 'en' | 'zh';
}

/** The narrowest a key column is cut to when the keys alone would not fit. */
const MIN_KEY = 8;

/** Write the table to `sink`; returns the number of lines written. */
export function writeReportTable(rows: readonly ResultRow[], totals: readonly ResultRow[], o: TableOptions, out: Sink): number {
  const chalk = new Chalk({ level: o.color ? 1 : 0 });
  const zh = o.lang === 'zh';
  const label = (k: string) => (zh ? KPI_BY_ID.get(k)?.labelZh : KPI_BY_ID.get(k)?.label) ?? k;
  const totalLabel = zh ? '合计' : 'Total';
  const nd = o.dims.length;
  const nKey = nd + 1;
  const columns: TableColumn[] = [
    ...o.dims.map((d) => ({ head: dimLabel(d, o.lang), align: 'left' as const })),
    { head: zh ? '期间' : 'Period', align: 'left' },
    ...o.kpis.map((k) => ({ head: label(k), align: 'right' as const })),
  ];
  const units = o.kpis.map((k) => KPI_BY_ID.get(k)?.unit ?? 'count');
  const currencies = units.map((u) => (u === 'money' ? o.currency : ''));
  const nRows = rows.length;
  const rowAt = (i: number) => (i < nRows ? rows[i]! : totals[i - nRows]!);
  const src: TableSource = {
    columns,
    rows: nRows + totals.length,
    cell(i, c) {
      const r = rowAt(i);
      const total = i >= nRows;
      if (c < nd) return total ? (c === 0 ? totalLabel : '') : (r.dims[c] ?? '(none)');
      if (c === nd) return r.period;
      const k = c - nKey;
      return formatValue(r.kpis[o.kpis[k]!] ?? null, units[k]!, currencies[k]);
    },
    paint(i, c, padded) {
      if (!o.color) return padded;
      let s = padded;
      if (c >= nKey) {
        const k = o.kpis[c - nKey]!;
        const v = rowAt(i).kpis[k] ?? null;
        if ((k === 'attainment' || k === 'pace') && v !== null) s = v >= 1 ? chalk.green(s) : v >= 0.8 ? chalk.yellow(s) : chalk.red(s);
      }
      return i >= nRows ? chalk.bold(s) : s;
    },
    paintHead: (p) => chalk.bold(p),
  };
  return writePanels(src, out, nKey, o.width, MIN_KEY);
}

export function renderReportTable(rows: ResultRow[], totals: ResultRow[], o: TableOptions): string {
  const parts: string[] = [];
  writeReportTable(rows, totals, o, (t) => parts.push(t));
  return parts.join('');
}
