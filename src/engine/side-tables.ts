/**
 * Targets and spend files → tables keyed by group and period. Pure: takes the
 * rows a reader produced. Column roles are found by synonyms (English and
 * Chinese, then de/fr/es/it/pt/ja) or named with field=Header overrides.
 */
import { type Decimal, DecimalSum, MAX_AMOUNT_TEXT, MONEY_LIMIT_TEXT, add, fitsMoney, normalise } from '../core/decimal.js';
import { parseDate } from '../core/parse-date.js';
import { parseDecimal } from '../core/parse-number.js';
import { DateCell, type Cell } from '../io/source.js';
import { inferDateColumn, inferNumberColumn } from '../ingest/infer.js';
import { coded, type Issue } from '../ingest/issues.js';
import { msg, type Msg } from '../core/message-catalog.js';
import { type Field, headerKey, SYNONYMS, withPlainForms } from '../ingest/mapping.js';
import { groupKey, type PeriodTable } from './aggregate.js';
import { type Calendar, type Grain, parsePeriodKey, periodDays, periodOf } from './periods.js';

export interface SideTable {
  file: string;
  sheet?: string;
  headers: string[];
  rows: Cell[][];
  lines: number[];
  typedNumbers: boolean;
  date1904: boolean;
}

export const TARGET_SYNONYMS = ['target', 'quota', 'salestarget', 'revenuetarget', 'salesquota', 'goal', 'plan', '目标', '任务额', '指标', '销售目标', '目标金额', '任务', '销售任务', '计划',
  ...withPlainForms(['ziel', 'umsatzziel', 'zielwert', 'vorgabe', 'objectif', 'objectifdeventes', 'objetivo', 'objetivodeventas', 'cuota', 'obiettivo', 'obiettivodivendita', 'meta', 'metadevendas', 'cota', '目標', '売上目標', '目標金額', '予算', 'ノルマ'])];
export const SPEND_SYNONYMS = ['spend', 'spent', 'cost', 'adspend', 'amountspent', 'marketingspend', 'acquisitioncost', '花费', '费用', '投放金额', '营销费用', '广告费', '投放',
  ...withPlainForms(['kosten', 'ausgaben', 'werbekosten', 'marketingkosten', 'coût', 'coûts', 'dépenses', 'coste', 'costes', 'costo', 'costos', 'gasto', 'gastos', 'costi', 'spesa', 'spese', 'custo', 'custos', 'investimento', '費用', '広告費', 'コスト', '支出', '経費'])];
export const ACQUIRED_SYNONYMS = ['acquired', 'acquiredcustomers', 'customersacquired', 'newcustomers', 'approvedconversion', 'approvedconversions', 'conversions', '获客数', '新客户数', '新增客户',
  ...withPlainForms(['neukunden', 'konversionen', 'nouveauxclients', 'clientsacquis', 'nuevosclientes', 'clientesadquiridos', 'conversiones', 'nuoviclienti', 'clientiacquisiti', 'conversioni', 'novosclientes', 'conversões', '新規顧客数', '新規顧客', '獲得数', 'コンバージョン'])];
export const PERIOD_SYNONYMS = ['period', 'month', 'quarter', 'year', 'week', 'fiscalperiod', '期间', '月份', '月', '季度', '年份', '年度', '周',
  ...withPlainForms(['zeitraum', 'periode', 'monat', 'quartal', 'jahr', 'woche', 'période', 'mois', 'trimestre', 'année', 'semaine', 'periodo', 'período', 'mes', 'año', 'semana', 'mese', 'anno', 'settimana', 'mês', 'ano', '期間', '四半期', '年', '週'])];

export interface SideOptions {
  calendar: Calendar;
  /** The report's dimensions: name and, for canonical fields, the field. */
  dims: { name: string; field?: Field }[];
  /** role → header overrides (amount, acquired, period, date, or a dimension name). */
  map?: Record<string, string>;
  kind: 'targets' | 'spend';
  /** Resolve a dimension from a rep (the org file), for rows that name a rep but not the dimension. */
  viaRep?: (rep: string, dim: string) => string | null;
  /** Org levels above the rep (team, region, manager …): columns that make a row a team-level target. */
  levels?: string[];
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

function findColumn(headers: string[], synonyms: readonly string[], override?: string): number {
  if (override !== undefined) {
    const i = headers.findIndex((h) => h.trim() === override.trim());
    return i >= 0 ? i : headers.map(headerKey).indexOf(headerKey(override));
  }
  const keys = headers.map(headerKey);
  for (const s of synonyms) {
    const i = keys.indexOf(s);
    if (i >= 0) return i;
  }
  return -1;
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
  for (let d = range.first; d <= range.last; ) {
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

export function buildSideTable(t: SideTable, o: SideOptions): SideResult {
  const notes: Msg[] = [];
  const issues: Issue[] = [];
  const map = o.map ?? {};
  const where = `${t.file}${t.sheet ? ` [${t.sheet}]` : ''}`;
  const kindMsg = msg(o.kind === 'targets' ? 'KIND_TARGETS' : 'KIND_SPEND');
  const applies = msg(o.kind === 'targets' ? 'APPLIES_TARGETS' : 'APPLIES_SPEND');
  const grainMsg = msg(`GRAIN_${o.calendar.grain.toUpperCase()}`);
  const issue = (code: string, row: number, column: number, message: Msg, value: string) =>
    issues.push({ code, severity: 'error', ...coded(message), file: t.file, ...(t.sheet ? { sheet: t.sheet } : {}), row, column: t.headers[column]!, value });
  const amountCol = findColumn(t.headers, o.kind === 'targets' ? TARGET_SYNONYMS : SPEND_SYNONYMS, map.amount);
  const fail = (fatal: Msg): SideResult => ({ table: new Map(), acquired: null, byGroup: false, notes, issues, fatal, coarse: null });
  if (amountCol < 0) {
    return fail(
      msg('SIDE_NO_AMOUNT', {
        where,
        what: msg(o.kind === 'targets' ? 'SIDE_WHAT_TARGET' : 'SIDE_WHAT_SPEND'),
        synonyms: (o.kind === 'targets' ? ['Target', 'Quota', 'Sales Target', '目标', '任务额', '指标'] : ['Spend', 'Spent', 'Cost', '花费', '费用']).join(', '),
        kind: o.kind,
        headers: t.headers.map((h) => JSON.stringify(h)).join(', '),
      }),
    );
  }
  const acquiredCol = o.kind === 'spend' ? findColumn(t.headers, ACQUIRED_SYNONYMS, map.acquired) : -1;
  const periodCol = findColumn(t.headers, PERIOD_SYNONYMS, map.period);
  const dateCol = periodCol >= 0 && map.date === undefined ? -1 : findColumn(t.headers, SYNONYMS.date, map.date);
  if (periodCol < 0 && dateCol < 0) {
    return fail(msg('SIDE_NO_PERIOD', { where, kind: o.kind }));
  }
  const dimCols = o.dims.map((d) => {
    const over = map[d.name];
    let i = findColumn(t.headers, [headerKey(d.name)], over);
    if (i < 0 && d.field && over === undefined) i = findColumn(t.headers, SYNONYMS[d.field]);
    return i;
  });
  // a rep column lets rows be rolled up through the org (team targets = the sum of their reps')
  const repCol = findColumn(t.headers, SYNONYMS.rep, map.rep);
  const byRep = o.dims.some((d) => d.name === 'rep');
  const resolvable = (k: number) => dimCols[k]! >= 0 || (repCol >= 0 && o.viaRep !== undefined);
  const present = dimCols.filter((i) => i >= 0).length;
  const byGroup = o.dims.length > 0 && o.dims.every((_, k) => resolvable(k));
  if (!byGroup && present > 0) notes.push(msg('SIDE_PARTIAL_DIMS', { where, has: o.dims.filter((_, k) => dimCols[k]! >= 0).map((d) => d.name).join(', '), missing: o.dims.filter((_, k) => dimCols[k]! < 0).map((d) => d.name).join(', '), applies }));
  else if (o.dims.length > 0 && !byGroup) notes.push(msg('SIDE_NO_DIM_COLUMNS', { where, dims: o.dims.map((d) => d.name).join(', '), applies }));
  const levelCols = (o.levels ?? []).map((l) => findColumn(t.headers, [headerKey(l)])).filter((i) => i >= 0 && !dimCols.includes(i));
  const used = new Set([amountCol, acquiredCol, periodCol, dateCol, repCol, ...dimCols, ...levelCols].filter((i) => i >= 0));
  const summedOver = t.headers.filter((h, i) => !used.has(i) && h.trim() !== '' && t.rows.some((r) => typeof r[i] === 'string' && r[i] !== '' && parseDecimal(r[i] as string) === null));
  if (summedOver.length) notes.push(msg('SIDE_SUMMED_OVER', { where, kind: kindMsg, headers: summedOver.map((h) => JSON.stringify(h)).join(', ') }));
  notes.push(msg('SIDE_MAPPING', { where, kind: kindMsg, amount: JSON.stringify(t.headers[amountCol]), period: JSON.stringify(t.headers[periodCol >= 0 ? periodCol : dateCol]), acquired: acquiredCol >= 0 ? msg('SIDE_ACQUIRED', { header: JSON.stringify(t.headers[acquiredCol]) }) : '' }));

  const dec = inferNumberColumn(t.rows.map((r) => r[amountCol] ?? ''), t.typedNumbers);
  const decimal = dec.kind === 'ok' ? dec.decimal : '.';
  let dateOrder: 'dmy' | 'mdy' | null = null;
  let serials = false;
  if (dateCol >= 0) {
    const d = inferDateColumn(t.rows.map((r) => r[dateCol] ?? ''));
    if (d.kind === 'ambiguous') return fail(msg('SIDE_DATES_AMBIGUOUS', { where, examples: d.examples.map((e) => JSON.stringify(e)).join(', ') }));
    dateOrder = d.order;
    serials = d.serials;
  }

  const sums = new Map<string, Map<number, DecimalSum>>();
  const rolled = new Map<string, Map<number, DecimalSum>>();
  const coarse = new Map<string, Set<number>>();
  let phased = 0;
  let unattributed = 0;
  const counts = new Map<string, Map<number, number>>();
  const seen = new Set<string>();
  let repeated = 0;
  for (let k = 0; k < t.rows.length; k++) {
    const r = t.rows[k]!;
    const line = t.lines[k]!;
    if (r.every((c) => c === '')) continue;
    let p: number | { first: number; last: number } | null;
    if (periodCol >= 0) {
      const c = r[periodCol];
      const text = c instanceof DateCell ? '' : (c ?? '').trim();
      p = c instanceof DateCell ? periodOf(Math.floor(c.days + 1e-9), o.calendar) : periodFromText(text, o.calendar);
      if (p === null) {
        issue(o.kind === 'targets' ? 'TARGET_INVALID' : 'SPEND_INVALID', line, periodCol, msg('SIDE_I_PERIOD', { grain: grainMsg, example: exampleKey(o.calendar), value: JSON.stringify(text) }), text);
        continue;
      }
    } else {
      const c = r[dateCol];
      const d = c instanceof DateCell ? Math.floor(c.days + 1e-9) : parseDate(c ?? '', { order: dateOrder, serials, date1904: t.date1904 });
      if (Number.isNaN(d)) {
        issue(o.kind === 'targets' ? 'TARGET_INVALID' : 'SPEND_INVALID', line, dateCol, msg('I_DATE_EXPECTED', { order: '', value: JSON.stringify(c) }), String(c ?? ''));
        continue;
      }
      p = periodOf(d, o.calendar);
    }
    const raw = r[amountCol];
    // the length first: a huge cell is refused without parsing it
    const amount = typeof raw === 'string' ? (raw.length > MAX_AMOUNT_TEXT ? { units: Infinity, scale: 0 } : parseDecimal(raw, { decimal })) : null;
    if (amount === null) {
      issue(o.kind === 'targets' ? 'TARGET_INVALID' : 'SPEND_INVALID', line, amountCol, msg('I_NUMBER_EXPECTED', { value: JSON.stringify(raw ?? '') }), String(raw ?? ''));
      continue;
    }
    if (!fitsMoney(amount)) {
      issue(o.kind === 'targets' ? 'TARGET_INVALID' : 'SPEND_INVALID', line, amountCol, msg('SIDE_I_LIMIT', { value: JSON.stringify(String(raw).slice(0, 40)), limit: MONEY_LIMIT_TEXT }), String(raw).slice(0, 40));
      continue;
    }
    const text = (i: number) => {
      const v = r[i];
      const x = typeof v === 'string' ? v.trim() : '';
      return x === '' ? null : x;
    };
    const rep = repCol >= 0 ? text(repCol) : null;
    let level: 'direct' | 'rolled' = 'direct';
    let dims: (string | null)[] = [];
    if (byGroup) {
      dims = o.dims.map((d, k) => {
        if (dimCols[k]! >= 0 && text(dimCols[k]!) !== null) return text(dimCols[k]!);
        if (d.name === 'rep') return rep;
        if (rep !== null && o.viaRep) {
          level = 'rolled';
          return o.viaRep(rep, d.name);
        }
        return null;
      });
      if (!byRep && rep !== null) level = 'rolled';
      if (byRep && rep === null) {
        // a target above the rep level while the report is by rep: remember it, to name reps without their own
        const k = [...o.dims.map((_, j) => (dimCols[j]! >= 0 ? text(dimCols[j]!) : null)), ...levelCols.map((c) => text(c))].find((x) => x !== null) ?? '';
        if (k !== '') {
          let set = coarse.get(k);
          if (!set) coarse.set(k, (set = new Set()));
          for (const [q] of typeof p === 'number' ? [[p]] : phase({ units: 0, scale: 0 }, p, o.calendar)) set.add(q as number);
        } else unattributed++;
        continue;
      }
    }
    const key = byGroup ? groupKey(dims) : '';
    const target = level === 'direct' ? sums : rolled;
    const pieces: [number, Decimal][] = typeof p === 'number' ? [[p, amount]] : phase(amount, p, o.calendar);
    if (typeof p !== 'number') phased++;
    for (const [q, a] of pieces) {
      if (periodCol >= 0 && level === 'direct') {
        const rowKey = `${key}\u0002${q}`;
        if (seen.has(rowKey) && summedOver.length === 0) repeated++;
        seen.add(rowKey);
      }
      let m = target.get(key);
      if (!m) target.set(key, (m = new Map()));
      let s = m.get(q);
      if (!s) m.set(q, (s = new DecimalSum()));
      s.addDecimal(a);
    }
    if (acquiredCol >= 0) {
      const a = r[acquiredCol];
      const n = typeof a === 'string' ? parseDecimal(a) : null;
      const whole = n === null ? NaN : Number(n.units) / 10 ** n.scale;
      if (!Number.isInteger(whole) || whole < 0) {
        issue('SPEND_INVALID', line, acquiredCol, msg('SIDE_I_ACQUIRED', { value: JSON.stringify(a ?? '') }), String(a ?? ''));
      } else {
        let cm = counts.get(key);
        if (!cm) counts.set(key, (cm = new Map()));
        const q = typeof p === 'number' ? p : periodOf(p.first, o.calendar);
        cm.set(q, (cm.get(q) ?? 0) + whole);
      }
    }
  }
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
  if (derived.length) notes.push(msg('SIDE_DERIVED', { where, count: derived.length, levels: o.dims.map((d) => d.name).join('/'), kind: kindMsg }));
  if (unattributed) notes.push(msg('SIDE_UNATTRIBUTED', { where, count: unattributed }));
  if (phased) notes.push(msg('SIDE_PHASED', { where, count: phased, kind: kindMsg, grain: grainMsg }));
  if (repeated) notes.push(msg('SIDE_REPEATED', { where, count: repeated, what: byGroup ? msg('SIDE_GROUP_AND') : '' }));
  const table: PeriodTable = new Map();
  const total = new Map<number, Decimal>();
  for (const [key, m] of sums) {
    const out = new Map<number, Decimal>();
    for (const [p, s] of m) {
      const v = s.value();
      out.set(p, v);
      total.set(p, total.has(p) ? add(total.get(p)!, v) : v);
    }
    table.set(key, out);
  }
  if (byGroup) table.set('', total);
  let acquired: Map<string, Map<number, number>> | null = null;
  if (acquiredCol >= 0) {
    acquired = counts;
    const tot = new Map<number, number>();
    for (const [key, m] of counts) if (key !== '') for (const [p, n] of m) tot.set(p, (tot.get(p) ?? 0) + n);
    if (byGroup) acquired.set('', tot);
  }
  return { table, acquired, byGroup, notes, issues, fatal: null, coarse: coarse.size ? coarse : null };
}

function exampleKey(cal: Calendar): string {
  const fy = cal.fiscalStart !== 1 ? 'FY' : '';
  return cal.grain === 'month' ? '2026-10' : cal.grain === 'quarter' ? `${fy}2026-Q4` : cal.grain === 'year' ? `${fy}2026` : '2026-W43';
}
