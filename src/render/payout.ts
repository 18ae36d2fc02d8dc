/** Payout statements: JSON document, CSV (one row per component line) and the terminal table. Pure. */
import { Chalk } from 'chalk';
import { formatValue } from '../core/format.js';
import { type Lang, msg, renderMsg } from '../core/message-catalog.js';
import type { PayNote, Statement } from '../engine/payout.js';
import type { Plan } from '../schema/plan.js';
import type { ComparisonRow, PayoutDoc } from '../app/payout-output.js';
import { csvLine } from './csv-text.js';
import {
  BufferedSink,
  columnWidths,
  lineWidth,
  type Sink,
  type TableColumn,
  type TableSource,
  wrapText,
  writePanels,
  writeTable,
} from './table.js';

/** The JSON document's types come from its zod schema (src/app/payout-output.ts). */
export type { ComparisonRow, DocNote, PayoutDoc } from '../app/payout-output.js';

/** A statement note in a language. */
export const noteText = (n: PayNote, lang: Lang): string => renderMsg(msg(n.code, n.params), lang);

const sumCents = (ss: Statement[]) => ss.reduce((a, s) => a + s.totalCents, 0n);
const money = (c: bigint) => Number(c) / 100;

export function comparison(a: Statement[], b: Statement[]): ComparisonRow[] {
  const reps = [...new Set([...a, ...b].map((s) => s.rep))].sort();
  return reps.map((rep) => {
    const x = sumCents(a.filter((s) => s.rep === rep));
    const y = sumCents(b.filter((s) => s.rep === rep));
    return { rep, a: money(x), b: money(y), delta: money(y - x) };
  });
}

export function payoutDoc(
  plan: Plan,
  planB: Plan | null,
  a: Statement[],
  b: Statement[] | null,
  grain: PayoutDoc['meta']['grain'],
  lang: Lang = 'en',
): PayoutDoc {
  return {
    meta: { schemaVersion: 1, tool: 'salesperf', command: 'payout', plan: plan.name, compare: planB?.name ?? null, grain },
    statements: a.map(({ totalCents: _t, lines, notes, ...s }) => ({
      ...s,
      notes: notes.map((n) => ({ ...n, text: noteText(n, lang) })),
      lines: lines.map(({ cents: _c, ...l }) => l),
    })),
    totals: { plan: money(sumCents(a)), compare: b ? money(sumCents(b)) : null },
    comparison: b ? comparison(a, b) : null,
  };
}

export function payoutCsv(a: Statement[], b: Statement[] | null, nameA: string, nameB: string | null): string {
  let out = csvLine([
    'plan',
    'rep',
    'period',
    'credited',
    'target',
    'attainment',
    'component',
    'label',
    'basis',
    'rate',
    'count',
    'amount',
  ]);
  for (const [name, ss] of [[nameA, a], ...(b ? [[nameB!, b]] : [])] as [string, Statement[]][]) {
    for (const s of ss) {
      for (const l of s.lines)
        out += csvLine([
          name,
          s.rep,
          s.period,
          s.credited,
          s.target,
          s.attainment,
          l.component,
          l.label,
          l.basis,
          l.rate,
          l.count,
          l.amount,
        ]);
      out += csvLine([name, s.rep, s.period, s.credited, s.target, s.attainment, 'total', 'total', null, null, null, s.total]);
    }
  }
  return out;
}

/** One line of a statement table: its cells and how it is coloured. */
interface PayoutLine {
  cells: string[];
  kind: 'rep' | 'line' | 'note' | 'total';
}

/** The narrowest the Component column is wrapped to before the Rep column is narrowed too. */
const MIN_COMPONENT = 20;
const MAX_REP = 24;

export function payoutTable(
  a: Statement[],
  b: Statement[] | null,
  nameA: string,
  nameB: string | null,
  o: { color: boolean; lang: 'en' | 'zh'; width?: number },
): string {
  const chalk = new Chalk({ level: o.color ? 1 : 0 });
  const zh = o.lang === 'zh';
  const width = o.width ?? 160;
  const parts: string[] = [];
  const sink: Sink = (t) => parts.push(t);
  if (b) {
    writePanels(comparisonSource(a, b, nameA, nameB!, zh, chalk), sink, 1, width);
    return `${zh ? '方案对比' : 'Plan comparison'}: ${nameA} vs ${nameB}\n${parts.join('')}`;
  }
  const columns: TableColumn[] = [
    { head: zh ? '业务员' : 'Rep', align: 'left' },
    { head: zh ? '期间' : 'Period', align: 'left' },
    { head: zh ? '项目' : 'Component', align: 'left' },
    { head: zh ? '基数' : 'Basis', align: 'right' },
    { head: zh ? '比例' : 'Rate', align: 'right' },
    { head: zh ? '数量' : 'Count', align: 'right' },
    { head: zh ? '金额' : 'Amount', align: 'right' },
  ];
  const src = fittedTable(columns, statementLines(a, o.lang), chalk, width);
  const cw = columnWidths(src);
  const buffered = new BufferedSink(sink);
  writeTable(
    src,
    buffered.write,
    cw.map((_, i) => i),
    cw,
  );
  buffered.flush();
  return (
    [
      `${zh ? '提成方案' : 'Plan'}: ${nameA}`,
      parts.join('').replace(/\n$/, ''),
      `${zh ? '总计' : 'Total payout'}: ${formatValue(money(sumCents(a)), 'money')}`,
    ].join('\n') + '\n'
  );
}

/** Plan A against plan B per rep, with a bold total-cost row. */
function comparisonSource(
  a: Statement[],
  b: Statement[],
  nameA: string,
  nameB: string,
  zh: boolean,
  chalk: InstanceType<typeof Chalk>,
): TableSource {
  const cmp = comparison(a, b);
  const ta = sumCents(a);
  const tb = sumCents(b);
  const rows: string[][] = cmp.map((r) => [r.rep, formatValue(r.a, 'money'), formatValue(r.b, 'money'), formatValue(r.delta, 'money')]);
  rows.push([
    zh ? '方案总成本' : 'Total cost',
    formatValue(money(ta), 'money'),
    formatValue(money(tb), 'money'),
    formatValue(money(tb - ta), 'money'),
  ]);
  return {
    columns: [
      { head: zh ? '业务员' : 'Rep', align: 'left' },
      { head: nameA, align: 'right' },
      { head: nameB, align: 'right' },
      { head: zh ? '差额' : 'Δ', align: 'right' },
    ],
    rows: rows.length,
    cell: (r, c) => rows[r]![c]!,
    paint: (r, _c, p) => (r === rows.length - 1 ? chalk.bold(p) : p),
    paintHead: (p) => chalk.bold(p),
  };
}

/** The table's lines per statement: its heading (credited, target, attainment, tier), a line per component, its notes, its total. */
function statementLines(a: Statement[], lang: 'en' | 'zh'): PayoutLine[] {
  const zh = lang === 'zh';
  const lines: PayoutLine[] = [];
  const push = (cells: string[], kind: PayoutLine['kind']) => lines.push({ cells, kind });
  for (const s of a) {
    const head = `${zh ? '计入业绩' : 'credited'} ${formatValue(s.credited, 'money')}${s.target !== null ? `, ${zh ? '目标' : 'target'} ${formatValue(s.target, 'money')}, ${zh ? '达成' : 'attainment'} ${formatValue(s.attainment, 'ratio')}` : ''}${s.tier ? `, ${zh ? '档位' : 'tier'} ${s.tier}` : ''}`;
    push([s.rep, s.period, head, '', '', '', ''], 'rep');
    for (const l of s.lines)
      push(
        [
          '',
          '',
          `  ${l.label}`,
          l.basis === null ? '' : formatValue(l.basis, 'money'),
          l.rate === null ? '' : `${+(l.rate * 100).toFixed(4)}%`,
          l.count === null ? '' : String(l.count),
          formatValue(l.amount, 'money'),
        ],
        'line',
      );
    for (const n of s.notes) push(['', '', `  (${noteText(n, lang)})`, '', '', '', ''], 'note');
    push(['', '', zh ? '  合计' : '  total', '', '', '', formatValue(s.total, 'money')], 'total');
  }
  return lines;
}

/**
 * The statement table fitted to `width`: every column at its natural width; too wide for the terminal, the Component column
 * (free text: statement heading, labels, notes) is wrapped onto continuation lines — every word
 * of it is read, and a cut would hide the attainment or the end of a note — and only when it is
 * down to MIN_COMPONENT is the Rep column narrowed, its names wrapped the same way (never cut: a
 * statement must say whose it is)
 */
function fittedTable(columns: TableColumn[], lines: PayoutLine[], chalk: InstanceType<typeof Chalk>, width: number): TableSource {
  const src = tableOf(columns, lines, chalk);
  const w = columnWidths(src);
  const others = lineWidth(w) - w[2]! - 3;
  let room = width - others - 3;
  let repW = w[0]!;
  if (room < MIN_COMPONENT) {
    repW = Math.min(w[0]!, Math.max(12, Math.min(MAX_REP, w[0]! - (MIN_COMPONENT - room))));
    room = Math.max(12, room + w[0]! - repW);
  }
  if (!(w[2]! > room || repW < w[0]!)) return src;
  const wrapped: PayoutLine[] = [];
  for (const line of lines) {
    const text = line.cells[2]!;
    const indent = text.startsWith('  ') ? '  ' : '';
    const comp = wrapText(text.slice(indent.length), room - indent.length - 2).map((t, k) => (k === 0 ? indent + t : `${indent}  ${t}`));
    const rep = line.cells[0] ? wrapText(line.cells[0], repW) : [''];
    for (let k = 0; k < Math.max(comp.length, rep.length); k++) {
      wrapped.push(
        k === 0
          ? { kind: line.kind, cells: [rep[0]!, line.cells[1]!, comp[0]!, ...line.cells.slice(3)] }
          : { kind: line.kind, cells: [rep[k] ?? '', '', comp[k] ?? '', '', '', '', ''] },
      );
    }
  }
  return tableOf(columns, wrapped, chalk);
}

function tableOf(columns: TableColumn[], lines: PayoutLine[], chalk: InstanceType<typeof Chalk>): TableSource {
  return {
    columns,
    rows: lines.length,
    cell: (r, c) => lines[r]!.cells[c]!,
    paint(r, c, p) {
      const kind = lines[r]!.kind;
      if (kind === 'rep' && c === 0) return chalk.bold(p);
      if (kind === 'note' && c === 2) return chalk.dim(p);
      if (kind === 'total' && (c === 2 || c === 6)) return chalk.bold(p);
      return p;
    },
    paintHead: (p) => chalk.bold(p),
  };
}
