/**
 * The validated record and its compiled builder: per-column parsers chosen once
 * per file, then a tight loop over rows with no per-row schema machinery.
 * `recordSchema` (zod) states the same contract for tests and explanations.
 */
import { z } from 'zod';
import { type Decimal, fitsMoney, negate, subtract, MAX_AMOUNT_TEXT, MAX_SCALE, MONEY_LIMIT_TEXT } from '../core/decimal.js';
import { dateWindow, DEFAULT_FUTURE_YEARS, DEFAULT_PAST_YEARS, isoDate } from '../core/dates.js';
import { escapeControls } from '../core/format.js';
import { parseDate, type DateOrder } from '../core/parse-date.js';
import { parseDecimal, type DecimalSeparator } from '../core/parse-number.js';
import { normaliseStatus, type Status } from '../core/status.js';
import { DateCell, type Cell } from '../io/source.js';
import { coded, type Issue, type Severity } from './issues.js';
import { msg, type Msg, renderMsg } from '../core/message-catalog.js';
import type { Field } from './mapping.js';

export interface SalesRecord {
  /** Index of the input file in the run. */
  source: number;
  /** Row number as the user sees it (CSV line or sheet row). */
  row: number;
  /** Day number (days since 1970-01-01). */
  date: number;
  /** Amount units at `scale` decimals; refunds are negative. */
  units: number | bigint;
  scale: number;
  status: Status;
  rep: string | null;
  customer: string | null;
  team: string | null;
  region: string | null;
  product: string | null;
  channel: string | null;
  dealId: string | null;
  currency: string | null;
  createdDate: number | null;
  quantity: Decimal | null;
  /**
   * Profit of the row (a mapped profit column, or amount − cost), exact; on a refund row whose
   * amount was written positive it is negated with the amount. Null without either column or
   * with a blank cell; the readers always set it (absent only in hand-made records).
   */
  profit?: Decimal | null;
  /** Other columns, indexed by the run's dimension registry (see `Dimensions`). */
  extra: (string | undefined)[];
  /**
   * An open deal's stage: the status cell as written (`Engaging`, `Proposal`), for the weighted
   * pipeline of `insights`; null on other rows. The readers always set it (absent only in hand-made records).
   */
  stage?: string | null;
  /** An open deal whose close date was blank: `date` is its created date (the readers set it on open deals). */
  undatedClose?: boolean;
  /** Dense ids of the deal and the customer within the run (set by the reader; engines use them when present). */
  dealKey?: number;
  customerKey?: number;
}

export const recordSchema = z.object({
  source: z.number().int().nonnegative(),
  row: z.number().int().positive(),
  date: z.number().int(),
  units: z.union([z.number().int(), z.bigint()]),
  scale: z.number().int().nonnegative(),
  status: z.enum(['won', 'lost', 'open', 'refund']),
  rep: z.string().min(1).nullable(),
  customer: z.string().min(1).nullable(),
  team: z.string().min(1).nullable(),
  region: z.string().min(1).nullable(),
  product: z.string().min(1).nullable(),
  channel: z.string().min(1).nullable(),
  dealId: z.string().min(1).nullable(),
  currency: z.string().min(1).nullable(),
  createdDate: z.number().int().nullable(),
  quantity: z.object({ units: z.union([z.number().int(), z.bigint()]), scale: z.number().int() }).nullable(),
  profit: z.object({ units: z.union([z.number().int(), z.bigint()]), scale: z.number().int() }).nullable().optional(),
  extra: z.array(z.string().optional()),
  stage: z.string().min(1).nullable().optional(),
  undatedClose: z.boolean().optional(),
  dealKey: z.number().int().nonnegative().optional(),
  customerKey: z.number().int().nonnegative().optional(),
});

/** Text fields of a record, as the parsing workers send them (`stage`, last, is the status column's text on an open deal). */
export const TEXT_FIELDS = ['rep', 'customer', 'team', 'region', 'product', 'channel', 'dealId', 'currency', 'stage'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface BuilderPlan {
  file: string;
  sheet?: string;
  source: number;
  headers: string[];
  columns: Partial<Record<Field, number>>;
  /** For each extra column of this file: [column index, registry index]. */
  extras: [number, number][];
  dateOrder: DateOrder | null;
  dateSerials: boolean;
  createdOrder: DateOrder | null;
  createdSerials: boolean;
  date1904: boolean;
  decimal: DecimalSeparator;
  quantityDecimal: DecimalSeparator;
  statuses: Map<string, Status>;
  /** Fence on log10|amount| above which an amount is an outlier, or null. */
  outlierFence: number | null;
  asOf: number | null;
  /** Years after the as-of date a row's date may be (`--max-future-years`, default 5); later dates are DATE_OUT_OF_RANGE. */
  futureYears?: number;
  /** Years before the as-of date a row's date may be (`--max-past-years`, default 50); earlier dates are DATE_OUT_OF_RANGE. */
  pastYears?: number;
  strict: boolean;
}

export interface BuildResult {
  record: SalesRecord | null;
  /** The row was kept out on purpose (not an error), e.g. an undated open deal. */
  excluded: boolean;
}

const NOT_BUILT: BuildResult = { record: null, excluded: false };

/**
 * A row through the builder, or a CSV_MALFORMED error (into `issues`) when the
 * reader could not split it cleanly — the same on the main thread and in a
 * parsing worker.
 */
export function buildRow(build: (row: Cell[], line: number) => BuildResult, cells: Cell[], line: number, malformed: boolean | 'unclosed', file: string, issues: Issue[]): BuildResult {
  if (!malformed) return build(cells, line);
  issues.push({ code: 'CSV_MALFORMED', severity: 'error', ...coded(malformed === 'unclosed' ? msg('I_CSV_UNCLOSED', { line }) : msg('I_CSV_MALFORMED')), file, row: line });
  return NOT_BUILT;
}

/** True for a row whose every cell is empty (skipped, as a blank line). */
export function isBlankRow(cells: readonly Cell[]): boolean {
  for (let k = 0; k < cells.length; k++) if (cells[k] !== '') return false;
  return true;
}

function cellText(c: Cell | undefined): string {
  if (c === undefined) return '';
  if (typeof c === 'string') return c.trim();
  // a serial far outside any calendar (1e15) is shown as the number it is
  return Math.abs(c.days) < 1e8 ? isoDate(Math.floor(c.days + 1e-9)) : `day ${c.days}`;
}

function dayOfCell(c: Cell | undefined, order: DateOrder | null, serials: boolean, date1904: boolean): number {
  if (c instanceof DateCell) return Number.isFinite(c.days) ? Math.floor(c.days + 1e-9) : NaN;
  return parseDate(c ?? '', { order, serials, date1904 });
}

/** Labels of a totals row (lower case, without a trailing colon), in the languages of the exports seen. */
const TOTALS_LABELS = new Set(['合计', '总计', '小计', '合計', '總計', '小計', 'total', 'totals', 'grand total', 'sub-total', 'subtotal', 'sum', 'summe', 'gesamt', 'gesamtsumme', 'total général', 'total general', 'totale']);

const TOTALS_FIRST = new Set([...TOTALS_LABELS].map((l) => l.charAt(0)));

/** The cell's text is a totals label (`合计`, `Total:`, `Grand Total`…). */
function isTotalsLabel(c: Cell | undefined): boolean {
  // cheap tests first: this runs on every row (a date or a name is ruled out by its first letter)
  if (typeof c !== 'string' || c.length === 0 || c.length > 24) return false;
  const t = c.trim();
  if (!TOTALS_FIRST.has(t.charAt(0).toLowerCase())) return false;
  return TOTALS_LABELS.has(t.replace(/\s*[:：]$/, '').replace(/\s+/g, ' ').toLowerCase());
}

/** C0 control characters other than tab, LF and CR. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point (a cell holding one is flagged)
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** At most 60 characters of a long value, for a message. */
function clip(s: string): string {
  return s.length <= 60 ? s : `${s.slice(0, 40)}… (${s.length} characters)`;
}

/**
 * Compile a row → record function for one file. Issues go to `report`; a row
 * with an error (or, with strict, a warning) gives no record.
 */
// eslint-disable-next-line max-lines-per-function -- hot loop: the per-row closure (one call per row) and the compiler that closes over its state, kept as one unit so V8 keeps it monomorphic/inlined; splitting not yet measured (TODO h/tidy: split and compare with a 1M-row validate, see docs/performance.md)
export function compileBuilder(plan: BuilderPlan, report: (issue: Issue) => void): (row: Cell[], line: number) => BuildResult {
  const { columns: col, file, sheet, headers } = plan;
  const width = headers.length;
  const iDate = col.date;
  const iAmount = col.amount;
  const iStatus = col.status;
  const iCreated = col.createdDate;
  const iQty = col.quantity;
  // a profit column wins over a cost column (profit = amount − cost)
  const iProfit = col.profit ?? col.cost;
  const profitIsCost = col.profit === undefined && col.cost !== undefined;
  const textCols = TEXT_FIELDS.map((f) => (f === 'stage' ? undefined : col[f]));
  const numOpts = { decimal: plan.decimal };
  const qtyOpts = { decimal: plan.quantityDecimal };
  const fence = plan.outlierFence;
  const window = dateWindow(plan.asOf, plan.futureYears, plan.pastYears);
  const windowText = `${isoDate(window.first)} … ${isoDate(window.last)}`;
  const windowWhy = plan.asOf === null ? '' : msg('I_WINDOW_WHY', { past: plan.pastYears ?? DEFAULT_PAST_YEARS, years: plan.futureYears ?? DEFAULT_FUTURE_YEARS });
  const sheetPart = sheet !== undefined ? { sheet } : {};

  // per-row state lives here, so building a row allocates only the record
  let errors = 0;
  let line = 0;
  const issue = (code: string, severity: Severity, column: number | undefined, message: Msg, value?: string) => {
    const sev: Severity = plan.strict && severity === 'warning' ? 'error' : severity;
    if (sev === 'error') errors++;
    const out: Issue = { code, severity: sev, message: renderMsg(message, 'en'), msg: message, file, ...sheetPart, row: line };
    if (column !== undefined) out.column = headers[column] ?? `column ${column + 1}`;
    if (value !== undefined) out.value = value;
    report(out);
  };
  // status words repeat: normalise each distinct raw value once
  const statusCache = new Map<string, Status | undefined>();
  const statusOf = (raw: string): Status | undefined => {
    let s = statusCache.get(raw);
    if (s === undefined && !statusCache.has(raw)) {
      s = plan.statuses.get(normaliseStatus(raw));
      if (statusCache.size < 10_000) statusCache.set(raw, s);
    }
    return s;
  };
  // control characters: one regex test per text cell, and a warning naming the cell
  const control = (t: string, i: number) => {
    if (CONTROL.test(t)) issue('CONTROL_CHARACTER', 'warning', i, msg('I_CONTROL_CHARACTER', { text: escapeControls(clip(t)) }), escapeControls(clip(t)));
  };
  const text = (i: number | undefined, row: Cell[]): string | null => {
    if (i === undefined) return null;
    const t = cellText(row[i]);
    if (t === '') return null;
    control(t, i);
    return t;
  };
  const [iRep, iCustomer, iTeam, iRegion, iProduct, iChannel, iDeal, iCurrency] = textCols;

  /** A totals row: a totals label in the date column or the first column, and every other non-blank cell a number. */
  const totalsLabelAt = (row: Cell[]): number => {
    const at = iDate !== undefined && isTotalsLabel(row[iDate]) ? iDate : isTotalsLabel(row[0]) ? 0 : -1;
    if (at < 0) return -1;
    for (let k = 0; k < row.length; k++) {
      if (k === at) continue;
      const c = row[k];
      if (c === undefined || c === '') continue;
      if (typeof c !== 'string') return -1;
      const t = c.trim();
      if (t !== '' && (t.length > MAX_AMOUNT_TEXT || parseDecimal(t, numOpts) === null)) return -1;
    }
    return at;
  };

  // eslint-disable-next-line max-lines-per-function -- see compileBuilder
  return function build(row: Cell[], rowLine: number): BuildResult {
    errors = 0;
    line = rowLine;
    const totals = totalsLabelAt(row);
    if (totals >= 0) {
      issue('TOTALS_ROW', 'info', totals, msg('I_TOTALS_ROW', { label: JSON.stringify(cellText(row[totals])) }), cellText(row[totals]));
      return { record: null, excluded: true };
    }
    if (row.length < width) {
      issue('ROW_RAGGED', 'error', undefined, msg('I_ROW_RAGGED', { width, got: row.length }));
      return { record: null, excluded: false };
    }
    if (row.length > width) {
      for (let k = width; k < row.length; k++) {
        if (cellText(row[k]) !== '') {
          issue('ROW_RAGGED', 'error', undefined, msg('I_ROW_RAGGED', { width, got: row.length }));
          return { record: null, excluded: false };
        }
      }
    }

    // status first: it decides what is required
    let status: Status = 'won';
    if (iStatus !== undefined) {
      const raw = cellText(row[iStatus]);
      if (raw === '') {
        issue('STATUS_BLANK', 'error', iStatus, msg('I_STATUS_BLANK'));
      } else {
        const s = statusOf(raw);
        if (s === undefined) issue('STATUS_UNKNOWN', 'error', iStatus, msg('I_STATUS_UNKNOWN', { value: JSON.stringify(raw) }), raw);
        else status = s;
      }
    }
    const open = status === 'open';

    let created: number | null = null;
    if (iCreated !== undefined) {
      const c = row[iCreated];
      const t = cellText(c);
      if (t !== '') {
        const d = dayOfCell(c, plan.createdOrder, plan.createdSerials, plan.date1904);
        if (Number.isNaN(d)) issue('CREATED_DATE_INVALID', 'warning', iCreated, msg('I_DATE_EXPECTED', { order: '', value: JSON.stringify(clip(t)) }), clip(t));
        else if (d < window.first || d > window.last) issue('CREATED_DATE_INVALID', 'warning', iCreated, msg('I_CREATED_OUTSIDE', { value: JSON.stringify(clip(t)), window: windowText, why: windowWhy }), clip(t));
        else created = d;
      }
    }

    let date = NaN;
    let undatedClose = false;
    {
      const c = iDate === undefined ? undefined : row[iDate];
      const t = cellText(c);
      if (t === '') {
        if (open) {
          if (created === null) {
            issue('OPEN_UNDATED', 'info', iDate, msg('I_OPEN_UNDATED'));
            return { record: null, excluded: errors === 0 };
          }
          date = created;
          undatedClose = true;
        } else issue('REQUIRED_BLANK', 'error', iDate, msg('I_DATE_BLANK'));
      } else {
        date = dayOfCell(c, plan.dateOrder, plan.dateSerials, plan.date1904);
        if (Number.isNaN(date)) {
          const order = plan.dateOrder === 'dmy' ? msg('I_DAY_FIRST') : plan.dateOrder === 'mdy' ? msg('I_MONTH_FIRST') : '';
          issue('DATE_INVALID', 'error', iDate, msg('I_DATE_EXPECTED', { order, value: JSON.stringify(clip(t)) }), clip(t));
        } else if (date < window.first || date > window.last) {
          issue('DATE_OUT_OF_RANGE', 'error', iDate, msg('I_DATE_OUTSIDE', { value: JSON.stringify(clip(t)), window: windowText, why: windowWhy }), clip(t));
        }
      }
    }

    let units: number | bigint = 0;
    let scale = 0;
    {
      const c = iAmount === undefined ? undefined : row[iAmount];
      const t = cellText(c);
      if (t === '') {
        if (status !== 'open' && status !== 'lost') issue('REQUIRED_BLANK', 'error', iAmount, msg('I_AMOUNT_BLANK'));
      } else {
        // the length first: a 100,000-digit cell is refused without parsing it
        const d = t.length > MAX_AMOUNT_TEXT ? undefined : parseDecimal(t, numOpts);
        if (d === null) issue('AMOUNT_INVALID', 'error', iAmount, msg('I_NUMBER_EXPECTED', { value: JSON.stringify(clip(t)) }), clip(t));
        else if (d === undefined || d.scale > MAX_SCALE || !fitsMoney(d)) issue('AMOUNT_OUT_OF_RANGE', 'error', iAmount, msg('I_AMOUNT_RANGE', { value: JSON.stringify(clip(t)), limit: MONEY_LIMIT_TEXT, scale: MAX_SCALE, chars: MAX_AMOUNT_TEXT }), clip(t));
        else {
          units = d.units;
          scale = d.scale;
        }
      }
    }

    let quantity: Decimal | null = null;
    if (iQty !== undefined) {
      const t = cellText(row[iQty]);
      if (t !== '') {
        quantity = t.length > MAX_AMOUNT_TEXT ? null : parseDecimal(t, qtyOpts);
        if (quantity === null) issue('QUANTITY_INVALID', 'error', iQty, msg('I_NUMBER_EXPECTED', { value: JSON.stringify(clip(t)) }), clip(t));
        else if (quantity.scale > MAX_SCALE || !fitsMoney(quantity)) {
          issue('AMOUNT_OUT_OF_RANGE', 'error', iQty, msg('I_QUANTITY_RANGE', { value: JSON.stringify(clip(t)), limit: MONEY_LIMIT_TEXT, scale: MAX_SCALE }), clip(t));
          quantity = null;
        }
      }
    }
    let profit: Decimal | null = null;
    if (iProfit !== undefined) {
      const t = cellText(row[iProfit]);
      if (t !== '') {
        const d = t.length > MAX_AMOUNT_TEXT ? undefined : parseDecimal(t, numOpts);
        if (d === null) issue('PROFIT_INVALID', 'error', iProfit, msg('I_NUMBER_EXPECTED', { value: JSON.stringify(clip(t)) }), clip(t));
        else if (d === undefined || d.scale > MAX_SCALE || !fitsMoney(d)) issue('AMOUNT_OUT_OF_RANGE', 'error', iProfit, msg('I_AMOUNT_RANGE', { value: JSON.stringify(clip(t)), limit: MONEY_LIMIT_TEXT, scale: MAX_SCALE, chars: MAX_AMOUNT_TEXT }), clip(t));
        else profit = profitIsCost ? subtract({ units, scale }, d) : d;
      }
    }
    if (errors > 0) return { record: null, excluded: false };

    // checks on valid values
    const negative = units < 0;
    if (status === 'refund') {
      if (!negative) {
        units = typeof units === 'bigint' ? -units : -units;
        // the refund reverses the sale's profit as it reverses its amount
        if (profit !== null) profit = negate(profit);
      }
    } else if (negative) {
      issue('NEGATIVE_AMOUNT', 'warning', iAmount, msg('I_NEGATIVE_AMOUNT', { status }), cellText(row[iAmount!]));
    }
    if (fence !== null && units !== 0) {
      const abs = Math.abs(Number(units)) / 10 ** scale;
      if (Math.log10(abs) > fence) {
        issue('AMOUNT_OUTLIER', 'warning', iAmount, msg('I_AMOUNT_OUTLIER', { value: cellText(row[iAmount!]), fence: formatFence(fence) }), cellText(row[iAmount!]));
      }
    }
    if (plan.asOf !== null && date > plan.asOf) {
      issue('FUTURE_DATE', 'warning', iDate, msg('I_FUTURE_DATE', { date: isoDate(date), asOf: isoDate(plan.asOf) }), cellText(row[iDate!]));
    }
    if (created !== null && created > date && !open) {
      issue('CREATED_AFTER_CLOSE', 'warning', iCreated, msg('I_CREATED_AFTER_CLOSE', { created: isoDate(created), date: isoDate(date) }), cellText(row[iCreated!]));
    }
    const extra: (string | undefined)[] = [];
    for (const [ci, ri] of plan.extras) {
      const t = (extra[ri] = cellText(row[ci]));
      if (t !== '') control(t, ci);
    }
    const rep = text(iRep, row);
    const customer = text(iCustomer, row);
    const team = text(iTeam, row);
    const region = text(iRegion, row);
    const product = text(iProduct, row);
    const channel = text(iChannel, row);
    const dealId = text(iDeal, row);
    const currency = text(iCurrency, row);
    const stage = open && iStatus !== undefined ? cellText(row[iStatus]) : null;
    if (errors > 0) return { record: null, excluded: false };

    return {
      record: {
        source: plan.source,
        row: rowLine,
        date,
        units,
        scale,
        status,
        rep,
        customer,
        team,
        region,
        product,
        channel,
        dealId,
        currency,
        createdDate: created,
        quantity,
        profit,
        extra,
        stage,
        undatedClose: open ? undatedClose : false,
      },
      excluded: false,
    };
  };
}

function formatFence(fence: number): string {
  const v = 10 ** fence;
  return v >= 1e6 ? v.toExponential(1) : Math.round(v).toLocaleString('en-US');
}
