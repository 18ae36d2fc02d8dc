/**
 * Targets and spend files → tables keyed by group and period. Pure: takes the
 * rows ingest/side-table.ts parsed (days, decimals, texts) and sums them by the
 * report's groups and periods, phasing longer periods and rolling reps up
 * through the org.
 */
import { type Decimal, DecimalSum, add, normalise } from '../core/decimal.js';
import { msg, type Msg } from '../core/message-catalog.js';
import { coded, type Issue } from '../ingest/issues.js';
import { parseSideTable, type ParsedSide, type SideColumnOptions, type SideRow, type SideTable } from '../ingest/side-table.js';
import { groupKey, type PeriodTable } from './aggregate.js';
import { type Calendar, type Grain, parsePeriodKey, periodDays, periodOf } from './periods.js';

// the synonyms and the table type moved to ingest with the reading; kept here for the existing importers
export { ACQUIRED_SYNONYMS, PERIOD_SYNONYMS, SPEND_SYNONYMS, TARGET_SYNONYMS } from '../ingest/side-table.js';
export type { SideTable } from '../ingest/side-table.js';

export interface SideOptions extends SideColumnOptions {
  calendar: Calendar;
}

export interface SideResult {
  table: PeriodTable;
  acquired: Map<string, Map<number, number>> | null;
  byGroup: boolean;
  /** Human notes about how the file was read (which columns, what was summed over), as catalogue messages. */
  notes: Msg[];
  issues: Issue[];
  /** Problems that stop the run (missing amount or period column). */
  fatal: Msg | null;
  /** Targets given above the rep level while the report is by rep: level value → period → amount. */
  coarse: Map<string, Set<number>> | null;
}

const FINER: Record<Grain, Grain[]> = { year: ['quarter', 'month', 'week'], quarter: ['month', 'week'], month: ['week'], week: [] };

/** A period written in the file → the report's period; finer periods roll up (a week goes by its Monday); a longer one comes back as its day range, to be phased. */
function periodFromText(text: string, cal: Calendar): number | { first: number; last: number } | null {
  const p = parsePeriodKey(text, cal);
  if (p !== null) return p;
  for (const g of FINER[cal.grain]) {
    const c = { grain: g, fiscalStart: g === 'month' || g === 'week' ? 1 : cal.fiscalStart };
    const q = parsePeriodKey(text, c);
    if (q !== null) return periodOf(periodDays(q, c).first, cal);
  }
  for (const g of ['year', 'quarter', 'month'] as Grain[]) {
    if (g === cal.grain) continue;
    const c = { grain: g, fiscalStart: g === 'month' ? 1 : cal.fiscalStart };
    const q = parsePeriodKey(text, c);
    if (q !== null) return periodDays(q, c);
  }
  return null;
}

/**
 * Split an amount over the report periods a day range covers, in proportion to
 * days, so the parts add up exactly (largest remainder; ties to the earlier period).
 */
export function phase(amount: Decimal, range: { first: number; last: number }, cal: Calendar): [number, Decimal][] {
  const parts: { p: number; days: number }[] = [];
  for (let d = range.first; d <= range.last;) {
    const p = periodOf(d, cal);
    const { last } = periodDays(p, cal);
    const end = Math.min(last, range.last);
    parts.push({ p, days: end - d + 1 });
    d = end + 1;
  }
  const total = BigInt(range.last - range.first + 1);
  const scale = Math.max(amount.scale, 2);
  const units = BigInt(amount.units) * 10n ** BigInt(scale - amount.scale);
  const neg = units < 0n;
  const abs = neg ? -units : units;
  const shares = parts.map(({ p, days }, i) => ({ p, i, q: (abs * BigInt(days)) / total, r: (abs * BigInt(days)) % total }));
  let left = abs - shares.reduce((a, x) => a + x.q, 0n);
  for (const x of [...shares].sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i))) {
    if (left === 0n) break;
    x.q += 1n;
    left -= 1n;
  }
  return shares.map((x) => [x.p, normalise(neg ? -x.q : x.q, scale)]);
}

/** Read a side table's columns and cells (ingest) and sum them by group and period (here). */
export function buildSideTable(t: SideTable, o: SideOptions): SideResult {
  return sumSideRows(parseSideTable(t, o), o);
}

type Period = number | { first: number; last: number };

/** The report period of a row, or the issue that rejects it (period first, then the amount, as a person reads the row). */
function rowPeriod(row: SideRow, s: ParsedSide, o: SideOptions): Period | Issue {
  if ('issue' in row.when) return row.when.issue;
  const p = 'day' in row.when ? periodOf(row.when.day, o.calendar) : periodFromText(row.when.text, o.calendar);
  if (p === null) {
    const text = 'text' in row.when ? row.when.text : '';
    const grain = msg(`GRAIN_${o.calendar.grain.toUpperCase()}`);
    const m = msg('SIDE_I_PERIOD', { grain, example: exampleKey(o.calendar), value: JSON.stringify(text) });
    return {
      code: o.kind === 'targets' ? 'TARGET_INVALID' : 'SPEND_INVALID',
      severity: 'error',
      ...coded(m),
      file: s.file,
      ...(s.sheet ? { sheet: s.sheet } : {}),
      row: row.line,
      column: s.headers[s.periodColumn]!,
      value: text,
    };
  }
  return p;
}

/** Sum parsed side rows into a table by group and period. */
export function sumSideRows(s: ParsedSide, o: SideOptions): SideResult {
  const notes = s.notes;
  const issues: Issue[] = [];
  if (s.fatal) return { table: new Map(), acquired: null, byGroup: false, notes, issues, fatal: s.fatal, coarse: null };
  const where = `${s.file}${s.sheet ? ` [${s.sheet}]` : ''}`;
  const kindMsg = msg(o.kind === 'targets' ? 'KIND_TARGETS' : 'KIND_SPEND');
  const byRep = o.dims.some((d) => d.name === 'rep');
  const sums = new Map<string, Map<number, DecimalSum>>();
  const rolled = new Map<string, Map<number, DecimalSum>>();
  const coarse = new Map<string, Set<number>>();
  const counts = new Map<string, Map<number, number>>();
  const seen = new Set<string>();
  let phased = 0;
  let unattributed = 0;
  let repeated = 0;
  for (const row of s.rows) {
    const p = rowPeriod(row, s, o);
    if (typeof p === 'object' && 'code' in p) {
      issues.push(p);
      continue;
    }
    if ('issue' in row.amount) {
      issues.push(row.amount.issue);
      continue;
    }
    const amount = row.amount.value;
    const group = rowGroup(row, s, o, byRep);
    if (group === null) {
      // a target above the rep level while the report is by rep: remember it, to name reps without their own
      const k = row.levelKey;
      if (k !== '') {
        let set = coarse.get(k);
        if (!set) coarse.set(k, (set = new Set()));
        for (const [q] of typeof p === 'number' ? [[p]] : phase({ units: 0, scale: 0 }, p, o.calendar)) set.add(q as number);
      } else unattributed++;
      continue;
    }
    const { key, level } = group;
    const target = level === 'direct' ? sums : rolled;
    const pieces: [number, Decimal][] = typeof p === 'number' ? [[p, amount]] : phase(amount, p, o.calendar);
    if (typeof p !== 'number') phased++;
    for (const [q, a] of pieces) {
      if (s.hasPeriodColumn && level === 'direct') {
        const rowKey = `${key}\u0002${q}`;
        if (seen.has(rowKey) && s.summedOver === 0) repeated++;
        seen.add(rowKey);
      }
      let m = target.get(key);
      if (!m) target.set(key, (m = new Map()));
      let x = m.get(q);
      if (!x) m.set(q, (x = new DecimalSum()));
      x.addDecimal(a);
    }
    if (row.acquired) {
      if ('issue' in row.acquired) issues.push(row.acquired.issue);
      else {
        let cm = counts.get(key);
        if (!cm) counts.set(key, (cm = new Map()));
        const q = typeof p === 'number' ? p : periodOf(p.first, o.calendar);
        cm.set(q, (cm.get(q) ?? 0) + row.acquired.value);
      }
    }
  }
  const derived = rollUp(sums, rolled);
  if (derived.length)
    notes.push(msg('SIDE_DERIVED', { where, count: derived.length, levels: o.dims.map((d) => d.name).join('/'), kind: kindMsg }));
  if (unattributed) notes.push(msg('SIDE_UNATTRIBUTED', { where, count: unattributed }));
  if (phased)
    notes.push(msg('SIDE_PHASED', { where, count: phased, kind: kindMsg, grain: msg(`GRAIN_${o.calendar.grain.toUpperCase()}`) }));
  if (repeated) notes.push(msg('SIDE_REPEATED', { where, count: repeated, what: s.byGroup ? msg('SIDE_GROUP_AND') : '' }));
  const acquired = s.hasAcquired ? withTotal(counts, s.byGroup) : null;
  return { table: totals(sums, s.byGroup), acquired, byGroup: s.byGroup, notes, issues, fatal: null, coarse: coarse.size ? coarse : null };
}

/** The row's group and whether its amount is the group's own or a rep's rolled up through the org; null for a row above the rep level in a report by rep. */
function rowGroup(row: SideRow, s: ParsedSide, o: SideOptions, byRep: boolean): { key: string; level: 'direct' | 'rolled' } | null {
  if (!s.byGroup) return { key: '', level: 'direct' };
  const rep = row.rep;
  let level: 'direct' | 'rolled' = 'direct';
  const dims = o.dims.map((d, k) => {
    if (row.dims[k] !== null) return row.dims[k]!;
    if (d.name === 'rep') return rep;
    if (rep !== null && o.viaRep) {
      level = 'rolled';
      return o.viaRep(rep, d.name);
    }
    return null;
  });
  if (!byRep && rep !== null) level = 'rolled';
  if (byRep && rep === null) return null;
  return { key: groupKey(dims), level };
}

/** Rolled-up rep sums fill the groups and periods without a target of their own; the groups so derived. */
function rollUp(sums: Map<string, Map<number, DecimalSum>>, rolled: Map<string, Map<number, DecimalSum>>): string[] {
  const derived: string[] = [];
  for (const [key, m] of rolled) {
    let d = sums.get(key);
    if (!d) sums.set(key, (d = new Map()));
    for (const [q, v] of m) {
      if (d.has(q)) continue; // a target given for the group itself wins over the sum of its reps'
      d.set(q, v);
      if (!derived.includes(key)) derived.push(key);
    }
  }
  return derived;
}

/** The sums as decimals, with the all-groups total under '' when the table is by group. */
function totals(sums: Map<string, Map<number, DecimalSum>>, byGroup: boolean): PeriodTable {
  const table: PeriodTable = new Map();
  const total = new Map<number, Decimal>();
  for (const [key, m] of sums) {
    const out = new Map<number, Decimal>();
    for (const [p, x] of m) {
      const v = x.value();
      out.set(p, v);
      total.set(p, total.has(p) ? add(total.get(p)!, v) : v);
    }
    table.set(key, out);
  }
  if (byGroup) table.set('', total);
  return table;
}

function withTotal(counts: Map<string, Map<number, number>>, byGroup: boolean): Map<string, Map<number, number>> {
  const tot = new Map<number, number>();
  for (const [key, m] of counts) if (key !== '') for (const [p, n] of m) tot.set(p, (tot.get(p) ?? 0) + n);
  if (byGroup) counts.set('', tot);
  return counts;
}

function exampleKey(cal: Calendar): string {
  const fy = cal.fiscalStart !== 1 ? 'FY' : '';
  return cal.grain === 'month' ? '2026-10' : cal.grain === 'quarter' ? `${fy}2026-Q4` : cal.grain === 'year' ? `${fy}2026` : '2026-W43';
}
