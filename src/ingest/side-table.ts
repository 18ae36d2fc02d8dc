/**
 * Side files (targets, spend, org) read whole: the header row detected, rows
 * kept, then the targets/spend columns found by synonyms (English and Chinese,
 * then de/fr/es/it/pt/ja) or field=Header overrides and every cell parsed into
 * typed values. The engine (engine/side-tables.ts) sums what this returns by
 * group and period; it never sees a cell.
 */
import { type Decimal, MAX_AMOUNT_TEXT, MONEY_LIMIT_TEXT, fitsMoney } from '../core/decimal.js';
import { msg, type Msg } from '../core/message-catalog.js';
import { parseDate } from '../core/parse-date.js';
import { type DecimalSeparator, parseDecimal } from '../core/parse-number.js';
import { DateCell, type Cell } from '../io/source.js';
import { detectHeaderRow, inferDateColumn, inferNumberColumn } from './infer.js';
import { coded, type Issue } from './issues.js';
import { type Field, headerKey, SYNONYMS, withPlainForms } from './mapping.js';
import { openSource, type IngestOptions } from './read.js';

export interface SideTable {
  file: string;
  sheet?: string;
  headers: string[];
  rows: Cell[][];
  lines: number[];
  typedNumbers: boolean;
  date1904: boolean;
}

export async function readSideTable(
  path: string,
  options: Pick<IngestOptions, 'encoding' | 'delimiter' | 'sheet'> = {},
): Promise<SideTable> {
  const src = await openSource(path, { asOf: null, ...options });
  const rows: Cell[][] = [];
  const lines: number[] = [];
  for await (const b of src.batches()) {
    for (let i = 0; i < b.rows.length; i++) {
      rows.push(b.rows[i]!);
      lines.push(b.lines[i]!);
    }
  }
  const h = rows.length ? detectHeaderRow(rows) : 0;
  return {
    file: src.info.file,
    ...(src.info.sheet !== undefined ? { sheet: src.info.sheet } : {}),
    headers: (rows[h] ?? []).map((c) => (typeof c === 'string' ? c : '')),
    rows: rows.slice(h + 1),
    lines: lines.slice(h + 1),
    typedNumbers: src.info.typedNumbers,
    date1904: src.info.date1904 ?? false,
  };
}

export const TARGET_SYNONYMS = [
  'target',
  'quota',
  'salestarget',
  'revenuetarget',
  'salesquota',
  'goal',
  'plan',
  '目标',
  '任务额',
  '指标',
  '销售目标',
  '目标金额',
  '任务',
  '销售任务',
  '计划',
  ...withPlainForms([
    'ziel',
    'umsatzziel',
    'zielwert',
    'vorgabe',
    'objectif',
    'objectifdeventes',
    'objetivo',
    'objetivodeventas',
    'cuota',
    'obiettivo',
    'obiettivodivendita',
    'meta',
    'metadevendas',
    'cota',
    '目標',
    '売上目標',
    '目標金額',
    '予算',
    'ノルマ',
  ]),
];
export const SPEND_SYNONYMS = [
  'spend',
  'spent',
  'cost',
  'adspend',
  'amountspent',
  'marketingspend',
  'acquisitioncost',
  '花费',
  '费用',
  '投放金额',
  '营销费用',
  '广告费',
  '投放',
  ...withPlainForms([
    'kosten',
    'ausgaben',
    'werbekosten',
    'marketingkosten',
    'coût',
    'coûts',
    'dépenses',
    'coste',
    'costes',
    'costo',
    'costos',
    'gasto',
    'gastos',
    'costi',
    'spesa',
    'spese',
    'custo',
    'custos',
    'investimento',
    '費用',
    '広告費',
    'コスト',
    '支出',
    '経費',
  ]),
];
export const ACQUIRED_SYNONYMS = [
  'acquired',
  'acquiredcustomers',
  'customersacquired',
  'newcustomers',
  'approvedconversion',
  'approvedconversions',
  'conversions',
  '获客数',
  '新客户数',
  '新增客户',
  ...withPlainForms([
    'neukunden',
    'konversionen',
    'nouveauxclients',
    'clientsacquis',
    'nuevosclientes',
    'clientesadquiridos',
    'conversiones',
    'nuoviclienti',
    'clientiacquisiti',
    'conversioni',
    'novosclientes',
    'conversões',
    '新規顧客数',
    '新規顧客',
    '獲得数',
    'コンバージョン',
  ]),
];
export const PERIOD_SYNONYMS = [
  'period',
  'month',
  'quarter',
  'year',
  'week',
  'fiscalperiod',
  '期间',
  '月份',
  '月',
  '季度',
  '年份',
  '年度',
  '周',
  ...withPlainForms([
    'zeitraum',
    'periode',
    'monat',
    'quartal',
    'jahr',
    'woche',
    'période',
    'mois',
    'trimestre',
    'année',
    'semaine',
    'periodo',
    'período',
    'mes',
    'año',
    'semana',
    'mese',
    'anno',
    'settimana',
    'mês',
    'ano',
    '期間',
    '四半期',
    '年',
    '週',
  ]),
];

/** What finding the columns needs from the report (the engine's SideOptions has these and the calendar). */
export interface SideColumnOptions {
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

/** One non-empty row of a targets or spend file, parsed; problems are issues ready to report, in the order the engine checks them. */
export interface SideRow {
  line: number;
  /** The period cell as a day number (a date cell, or a parsed date in a date column), or the text written in a period column. */
  when: { day: number } | { text: string } | { issue: Issue };
  amount: { value: Decimal } | { issue: Issue };
  rep: string | null;
  /** Per report dimension: the trimmed text of its column, null when the column is absent or the cell empty. */
  dims: (string | null)[];
  /** For a row without a rep: the first non-empty dimension or org-level text ('' when none). */
  levelKey: string;
  /** The acquired count, when the file has that column. */
  acquired?: { value: number } | { issue: Issue };
}

export interface ParsedSide {
  file: string;
  sheet?: string;
  /** The column header per dimension (for issues), and the header of the period (or date) column. */
  headers: string[];
  periodColumn: number;
  hasPeriodColumn: boolean;
  hasAcquired: boolean;
  /** Rows carry every dimension (directly, or through the rep and the org). */
  byGroup: boolean;
  /** Text columns the amounts are summed over (the file is finer than the report). */
  summedOver: number;
  notes: Msg[];
  /** Problems that stop the run (missing amount or period column, ambiguous dates). */
  fatal: Msg | null;
  rows: SideRow[];
}

export function findColumn(headers: string[], synonyms: readonly string[], override?: string): number {
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

interface Columns {
  amount: number;
  acquired: number;
  period: number;
  date: number;
  rep: number;
  dims: number[];
  levels: number[];
}

/** The columns of a side file and the notes on how it was read; a fatal message when the amount or the period cannot be found. */
function sideColumns(t: SideTable, o: SideColumnOptions, notes: Msg[]): { cols: Columns; byGroup: boolean; summedOver: number } | Msg {
  const map = o.map ?? {};
  const where = `${t.file}${t.sheet ? ` [${t.sheet}]` : ''}`;
  const kindMsg = msg(o.kind === 'targets' ? 'KIND_TARGETS' : 'KIND_SPEND');
  const applies = msg(o.kind === 'targets' ? 'APPLIES_TARGETS' : 'APPLIES_SPEND');
  const amount = findColumn(t.headers, o.kind === 'targets' ? TARGET_SYNONYMS : SPEND_SYNONYMS, map.amount);
  if (amount < 0) {
    return msg('SIDE_NO_AMOUNT', {
      where,
      what: msg(o.kind === 'targets' ? 'SIDE_WHAT_TARGET' : 'SIDE_WHAT_SPEND'),
      synonyms: (o.kind === 'targets'
        ? ['Target', 'Quota', 'Sales Target', '目标', '任务额', '指标']
        : ['Spend', 'Spent', 'Cost', '花费', '费用']
      ).join(', '),
      kind: o.kind,
      headers: t.headers.map((h) => JSON.stringify(h)).join(', '),
    });
  }
  const acquired = o.kind === 'spend' ? findColumn(t.headers, ACQUIRED_SYNONYMS, map.acquired) : -1;
  const period = findColumn(t.headers, PERIOD_SYNONYMS, map.period);
  const date = period >= 0 && map.date === undefined ? -1 : findColumn(t.headers, SYNONYMS.date, map.date);
  if (period < 0 && date < 0) return msg('SIDE_NO_PERIOD', { where, kind: o.kind });
  const dims = o.dims.map((d) => {
    const over = map[d.name];
    let i = findColumn(t.headers, [headerKey(d.name)], over);
    if (i < 0 && d.field && over === undefined) i = findColumn(t.headers, SYNONYMS[d.field]);
    return i;
  });
  // a rep column lets rows be rolled up through the org (team targets = the sum of their reps')
  const rep = findColumn(t.headers, SYNONYMS.rep, map.rep);
  const resolvable = (k: number) => dims[k]! >= 0 || (rep >= 0 && o.viaRep !== undefined);
  const present = dims.filter((i) => i >= 0).length;
  const byGroup = o.dims.length > 0 && o.dims.every((_, k) => resolvable(k));
  if (!byGroup && present > 0)
    notes.push(
      msg('SIDE_PARTIAL_DIMS', {
        where,
        has: o.dims
          .filter((_, k) => dims[k]! >= 0)
          .map((d) => d.name)
          .join(', '),
        missing: o.dims
          .filter((_, k) => dims[k]! < 0)
          .map((d) => d.name)
          .join(', '),
        applies,
      }),
    );
  else if (o.dims.length > 0 && !byGroup)
    notes.push(msg('SIDE_NO_DIM_COLUMNS', { where, dims: o.dims.map((d) => d.name).join(', '), applies }));
  const levels = (o.levels ?? []).map((l) => findColumn(t.headers, [headerKey(l)])).filter((i) => i >= 0 && !dims.includes(i));
  const used = new Set([amount, acquired, period, date, rep, ...dims, ...levels].filter((i) => i >= 0));
  const summedOver = t.headers.filter(
    (h, i) =>
      !used.has(i) &&
      h.trim() !== '' &&
      t.rows.some((r) => typeof r[i] === 'string' && r[i] !== '' && parseDecimal(r[i] as string) === null),
  );
  if (summedOver.length)
    notes.push(msg('SIDE_SUMMED_OVER', { where, kind: kindMsg, headers: summedOver.map((h) => JSON.stringify(h)).join(', ') }));
  notes.push(
    msg('SIDE_MAPPING', {
      where,
      kind: kindMsg,
      amount: JSON.stringify(t.headers[amount]),
      period: JSON.stringify(t.headers[period >= 0 ? period : date]),
      acquired: acquired >= 0 ? msg('SIDE_ACQUIRED', { header: JSON.stringify(t.headers[acquired]) }) : '',
    }),
  );
  return { cols: { amount, acquired, period, date, rep, dims, levels }, byGroup, summedOver: summedOver.length };
}

/** Find the columns of a targets or spend file and parse every non-empty row (cells → days, decimals, texts). */
export function parseSideTable(t: SideTable, o: SideColumnOptions): ParsedSide {
  const notes: Msg[] = [];
  const base = { file: t.file, ...(t.sheet !== undefined ? { sheet: t.sheet } : {}), headers: t.headers, notes, rows: [] as SideRow[] };
  const found = sideColumns(t, o, notes);
  if (!('cols' in found))
    return { ...base, periodColumn: -1, hasPeriodColumn: false, hasAcquired: false, byGroup: false, summedOver: 0, fatal: found };
  const { cols, byGroup, summedOver } = found;
  const parsed: ParsedSide = {
    ...base,
    periodColumn: cols.period >= 0 ? cols.period : cols.date,
    hasPeriodColumn: cols.period >= 0,
    hasAcquired: cols.acquired >= 0,
    byGroup,
    summedOver,
    fatal: null,
  };
  const dec = inferNumberColumn(
    t.rows.map((r) => r[cols.amount] ?? ''),
    t.typedNumbers,
  );
  const dates = sideDates(t, cols);
  if ('fatal' in dates) return { ...parsed, fatal: dates.fatal };
  const code = o.kind === 'targets' ? 'TARGET_INVALID' : 'SPEND_INVALID';
  const issue = (code: string, row: number, column: number, message: Msg, value: string): { issue: Issue } => ({
    issue: {
      code,
      severity: 'error',
      ...coded(message),
      file: t.file,
      ...(t.sheet ? { sheet: t.sheet } : {}),
      row,
      column: t.headers[column]!,
      value,
    },
  });
  const c: RowContext = { cols, code, decimal: dec.kind === 'ok' ? dec.decimal : '.', ...dates, date1904: t.date1904, issue };
  for (let k = 0; k < t.rows.length; k++) {
    const r = t.rows[k]!;
    if (r.every((x) => x === '')) continue;
    parsed.rows.push(sideRow(r, t.lines[k]!, c));
  }
  return parsed;
}

/** How a side file's date column is read: day/month order and serial numbers, or a fatal message when its dates are ambiguous. */
function sideDates(t: SideTable, cols: Columns): { dateOrder: 'dmy' | 'mdy' | null; serials: boolean } | { fatal: Msg } {
  if (cols.date < 0) return { dateOrder: null, serials: false };
  const d = inferDateColumn(t.rows.map((r) => r[cols.date] ?? ''));
  if (d.kind === 'ambiguous') {
    const where = `${t.file}${t.sheet ? ` [${t.sheet}]` : ''}`;
    return { fatal: msg('SIDE_DATES_AMBIGUOUS', { where, examples: d.examples.map((e) => JSON.stringify(e)).join(', ') }) };
  }
  return { dateOrder: d.order, serials: d.serials };
}

/** What parsing a side file's rows needs: its columns, issue code, decimal mark and date reading, and how to make an issue. */
interface RowContext {
  cols: Columns;
  code: string;
  decimal: DecimalSeparator;
  dateOrder: 'dmy' | 'mdy' | null;
  serials: boolean;
  date1904: boolean;
  issue: (code: string, row: number, column: number, message: Msg, value: string) => { issue: Issue };
}

/** One non-empty row of a side file, parsed: its period, amount, rep, dimensions and acquired count (or their issues). */
function sideRow(r: Cell[], line: number, c: RowContext): SideRow {
  const { cols, code, issue } = c;
  let when: SideRow['when'];
  if (cols.period >= 0) {
    const x = r[cols.period];
    when = x instanceof DateCell ? { day: Math.floor(x.days + 1e-9) } : { text: (x ?? '').trim() };
  } else {
    const x = r[cols.date];
    const d =
      x instanceof DateCell
        ? Math.floor(x.days + 1e-9)
        : parseDate(x ?? '', { order: c.dateOrder, serials: c.serials, date1904: c.date1904 });
    when = Number.isNaN(d)
      ? issue(code, line, cols.date, msg('I_DATE_EXPECTED', { order: '', value: JSON.stringify(x) }), String(x ?? ''))
      : { day: d };
  }
  const raw = r[cols.amount];
  // the length first: a huge cell is refused without parsing it
  const value =
    typeof raw === 'string'
      ? raw.length > MAX_AMOUNT_TEXT
        ? { units: Infinity, scale: 0 }
        : parseDecimal(raw, { decimal: c.decimal })
      : null;
  const amount: SideRow['amount'] =
    value === null
      ? issue(code, line, cols.amount, msg('I_NUMBER_EXPECTED', { value: JSON.stringify(raw ?? '') }), String(raw ?? ''))
      : !fitsMoney(value)
        ? issue(
            code,
            line,
            cols.amount,
            msg('SIDE_I_LIMIT', { value: JSON.stringify(String(raw).slice(0, 40)), limit: MONEY_LIMIT_TEXT }),
            String(raw).slice(0, 40),
          )
        : { value };
  const text = (i: number) => {
    const v = r[i];
    const x = typeof v === 'string' ? v.trim() : '';
    return x === '' ? null : x;
  };
  const dims = cols.dims.map((i) => (i >= 0 ? text(i) : null));
  const row: SideRow = {
    line,
    when,
    amount,
    rep: cols.rep >= 0 ? text(cols.rep) : null,
    dims,
    levelKey: [...dims, ...cols.levels.map((i) => text(i))].find((x) => x !== null) ?? '',
  };
  if (cols.acquired >= 0) {
    const a = r[cols.acquired];
    const n = typeof a === 'string' ? parseDecimal(a) : null;
    const whole = n === null ? NaN : Number(n.units) / 10 ** n.scale;
    row.acquired =
      !Number.isInteger(whole) || whole < 0
        ? issue('SPEND_INVALID', line, cols.acquired, msg('SIDE_I_ACQUIRED', { value: JSON.stringify(a ?? '') }), String(a ?? ''))
        : { value: whole };
  }
  return row;
}
