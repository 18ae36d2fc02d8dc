/** Payout statements: JSON document, CSV (one row per component line) and the terminal table. Pure. */
import Table from 'cli-table3';
import { Chalk } from 'chalk';
import { formatValue } from '../core/format.js';
import type { Statement } from '../engine/payout.js';
import type { Plan } from '../schema/plan.js';
import { csvLine } from './csv-text.js';

export interface ComparisonRow {
  rep: string;
  a: number;
  b: number;
  delta: number;
}

export interface PayoutDoc {
  meta: { schemaVersion: 1; tool: 'salesperf'; command: 'payout'; plan: string; compare: string | null; grain: string };
  statements: (Omit<Statement, 'totalCents' | 'lines'> & { lines: Omit<Statement['lines'][number], 'cents'>[] })[];
  totals: { plan: number; compare: number | null };
  comparison: ComparisonRow[] | null;
}

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

export function payoutDoc(plan: Plan, planB: Plan | null, a: Statement[], b: Statement[] | null, grain: string): PayoutDoc {
  return {
    meta: { schemaVersion: 1, tool: 'salesperf', command: 'payout', plan: plan.name, compare: planB?.name ?? null, grain },
    statements: a.map(({ totalCents: _t, lines, ...s }) => ({ ...s, lines: lines.map(({ cents: _c, ...l }) => l) })) as PayoutDoc['statements'],
    totals: { plan: money(sumCents(a)), compare: b ? money(sumCents(b)) : null },
    comparison: b ? comparison(a, b) : null,
  };
}

export function payoutCsv(a: Statement[], b: Statement[] | null, nameA: string, nameB: string | null): string {
  let out = csvLine(['plan', 'rep', 'period', 'credited', 'target', 'attainment', 'component', 'label', 'basis', 'rate', 'count', 'amount']);
  for (const [name, ss] of [[nameA, a], ...(b ? [[nameB!, b]] : [])] as [string, Statement[]][]) {
    for (const s of ss) {
      for (const l of s.lines) out += csvLine([name, s.rep, s.period, s.credited, s.target, s.attainment, l.component, l.label, l.basis, l.rate, l.count, l.amount]);
      out += csvLine([name, s.rep, s.period, s.credited, s.target, s.attainment, 'total', 'total', null, null, null, s.total]);
    }
  }
  return out;
}

export function payoutTable(a: Statement[], b: Statement[] | null, nameA: string, nameB: string | null, o: { color: boolean; lang: 'en' | 'zh' }): string {
  const chalk = new Chalk({ level: o.color ? 1 : 0 });
  const zh = o.lang === 'zh';
  const out: string[] = [];
  if (b) {
    const t = new Table({ head: [zh ? '业务员' : 'Rep', nameA, nameB!, zh ? '差额' : 'Δ'].map((h) => chalk.bold(h)), style: { head: [], border: [], compact: true }, colAligns: ['left', 'right', 'right', 'right'] });
    for (const r of comparison(a, b)) t.push([r.rep, formatValue(r.a, 'money'), formatValue(r.b, 'money'), formatValue(r.delta, 'money')]);
    const ta = sumCents(a);
    const tb = sumCents(b);
    t.push([chalk.bold(zh ? '方案总成本' : 'Total cost'), chalk.bold(formatValue(money(ta), 'money')), chalk.bold(formatValue(money(tb), 'money')), chalk.bold(formatValue(money(tb - ta), 'money'))]);
    return `${zh ? '方案对比' : 'Plan comparison'}: ${nameA} vs ${nameB}\n${t.toString()}\n`;
  }
  const t = new Table({
    head: [zh ? '业务员' : 'Rep', zh ? '期间' : 'Period', zh ? '项目' : 'Component', zh ? '基数' : 'Basis', zh ? '比例' : 'Rate', zh ? '数量' : 'Count', zh ? '金额' : 'Amount'].map((h) => chalk.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
  });
  for (const s of a) {
    const head = `${zh ? '计入业绩' : 'credited'} ${formatValue(s.credited, 'money')}${s.target !== null ? `, ${zh ? '目标' : 'target'} ${formatValue(s.target, 'money')}, ${zh ? '达成' : 'attainment'} ${formatValue(s.attainment, 'ratio')}` : ''}${s.tier ? `, ${zh ? '档位' : 'tier'} ${s.tier}` : ''}`;
    t.push([chalk.bold(s.rep), s.period, head, '', '', '', '']);
    for (const l of s.lines) t.push(['', '', `  ${l.label}`, l.basis === null ? '' : formatValue(l.basis, 'money'), l.rate === null ? '' : `${+(l.rate * 100).toFixed(4)}%`, l.count === null ? '' : String(l.count), formatValue(l.amount, 'money')]);
    for (const n of s.notes) t.push(['', '', chalk.dim(`  (${n})`), '', '', '', '']);
    t.push(['', '', chalk.bold(zh ? '  合计' : '  total'), '', '', '', chalk.bold(formatValue(s.total, 'money'))]);
  }
  out.push(`${zh ? '提成方案' : 'Plan'}: ${nameA}`, t.toString(), `${zh ? '总计' : 'Total payout'}: ${formatValue(money(sumCents(a)), 'money')}`);
  return out.join('\n') + '\n';
}
