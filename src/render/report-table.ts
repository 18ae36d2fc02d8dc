/**
 * The report as a terminal table (cli-table3 + chalk). Money with thousands
 * separators and the currency, ratios as %, `—` for null, attainment coloured.
 * Too wide for the terminal: the KPI columns are split over several tables,
 * each repeating the dimension and period columns.
 */
import Table from 'cli-table3';
import { Chalk } from 'chalk';
import type { ResultRow } from '../engine/aggregate.js';
import { KPI_BY_ID } from '../engine/kpis.js';
import { dimLabel, formatValue } from '../core/format.js';

export interface TableOptions {
  dims: string[];
  kpis: string[];
  currency: string;
  color: boolean;
  width: number;
  lang: 'en' | 'zh';
}

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6))) ? 2 : 1;
  }
  return w;
}

export function renderReportTable(rows: ResultRow[], totals: ResultRow[], o: TableOptions): string {
  const chalk = new Chalk({ level: o.color ? 1 : 0 });
  const label = (k: string) => (o.lang === 'zh' ? KPI_BY_ID.get(k)?.labelZh : KPI_BY_ID.get(k)?.label) ?? k;
  const totalLabel = o.lang === 'zh' ? '合计' : 'Total';
  const keyHeads = [...o.dims.map((d) => dimLabel(d, o.lang)), o.lang === 'zh' ? '期间' : 'Period'];
  const keyCells = (r: ResultRow, total: boolean) => (total ? [chalk.bold(totalLabel), ...o.dims.slice(1).map(() => ''), chalk.bold(r.period)] : [...o.dims.map((_, i) => r.dims[i] ?? '(none)'), r.period]);
  const cell = (k: string, v: number | null, total: boolean) => {
    const def = KPI_BY_ID.get(k);
    let s = formatValue(v, def?.unit ?? 'count', def?.unit === 'money' ? o.currency : '');
    if ((k === 'attainment' || k === 'pace') && v !== null) s = v >= 1 ? chalk.green(s) : v >= 0.8 ? chalk.yellow(s) : chalk.red(s);
    return total ? chalk.bold(s) : s;
  };
  const all = [...rows.map((r) => ({ r, t: false })), ...totals.map((r) => ({ r, t: true }))];
  // widths without colour codes
  const plainWidth = (k: string) => Math.max(displayWidth(label(k)), ...all.map(({ r }) => displayWidth(formatValue(r.kpis[k] ?? null, KPI_BY_ID.get(k)?.unit ?? 'count', KPI_BY_ID.get(k)?.unit === 'money' ? o.currency : ''))));
  const keyWidth = keyHeads.reduce((w, h, i) => w + 3 + Math.max(displayWidth(h), displayWidth(totalLabel), ...all.map(({ r }) => displayWidth(i < o.dims.length ? (r.dims[i] ?? '(none)') : r.period))), 1);
  const panels: string[][] = [];
  let current: string[] = [];
  let used = keyWidth;
  for (const k of o.kpis) {
    const w = plainWidth(k) + 3;
    if (current.length && used + w > o.width) {
      panels.push(current);
      current = [];
      used = keyWidth;
    }
    current.push(k);
    used += w;
  }
  if (current.length || panels.length === 0) panels.push(current);
  const out: string[] = [];
  for (const kp of panels) {
    const t = new Table({
      head: [...keyHeads, ...kp.map(label)].map((h) => chalk.bold(h)),
      style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
      colAligns: [...keyHeads.map(() => 'left' as const), ...kp.map(() => 'right' as const)],
    });
    for (const { r, t: isTotal } of all) t.push([...keyCells(r, isTotal), ...kp.map((k) => cell(k, r.kpis[k] ?? null, isTotal))]);
    out.push(t.toString());
  }
  return out.join('\n') + '\n';
}
