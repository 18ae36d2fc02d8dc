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
  profit: z
    .object({ units: z.union([z.number().int(), z.bigint()]), scale: z.number().int() })
    .nullable()
    .optional(),
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
export function buildRow(
  build: (row: Cell[], line: number) => BuildResult,
  cells: Cell[],
  line: number,
  malformed: boolean | 'unclosed',
  file: string,
  issues: Issue[],
): BuildResult {
  if (!malformed) return build(cells, line);
  issues.push({
    code: 'CSV_MALFORMED',
    severity: 'error',
    ...coded(malformed === 'unclosed' ? msg('I_CSV_UNCLOSED', { line }) : msg('I_CSV_MALFORMED')),
    file,
    row: line,
  });
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

/** Labels of a totals row (lower case, without a trailing colon), in the languages of the exports seen (also read by src/sql/csv-source.ts). */
export const TOTALS_LABELS: ReadonlySet<string> = new Set([
  '合计',
  '总计',
  '小计',
  '合計',
  '總計',
  '小計',
  'total',
  'totals',
  'grand total',
  'sub-total',
  'subtotal',
  'sum',
  'summe',
  'gesamt',
  'gesamtsumme',
  'total général',
  'total general',
  'totale',
]);

const TOTALS_FIRST = new Set([...TOTALS_LABELS].map((l) => l.charAt(0)));

/** The cell's text is a totals label (`合计`, `Total:`, `Grand Total`…). */
function isTotalsLabel(c: Cell | undefined): boolean {
  // cheap tests first: this runs on every row (a date or a name is ruled out by its first letter)
  if (typeof c !== 'string' || c.length === 0 || c.length > 24) return false;
  const t = c.trim();
  if (!TOTALS_FIRST.has(t.charAt(0).toLowerCase())) return false;
  return TOTALS_LABELS.has(
    t
      .replace(/\s*[:：]$/, '')
      .replace(/\s+/g, ' ')
      .toLowerCase(),
  );
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
export function compileBuilder(plan: BuilderPlan, report: (issue: Issue) => void): (row: Cell[], line: number) => BuildResult {
  const builder = new RowBuilder(plan, report);
  return (row, line) => builder.build(row, line);
}

/**
 * The per-row builder of one file: the column plan is resolved once in the
 * constructor; `build` runs once per row, one small method per field. The
 * fields being built live on the instance, so a row allocates only its record
 * (one class, one shape: V8 keeps the calls monomorphic and inlines them —
 * measured against the single-closure builder it replaced, see docs/performance.md).
 */
class RowBuilder {
  private readonly width: number;
  private readonly col: Partial<Record<Field, number>>;
  private readonly iProfit: number | undefined;
  private readonly profitIsCost: boolean;
  private readonly textCols: (number | undefined)[];
  private readonly numOpts: { decimal: DecimalSeparator };
  private readonly qtyOpts: { decimal: DecimalSeparator };
  private readonly window: { first: number; last: number };
  private readonly windowText: string;
  private readonly windowWhy: Msg | string;
  private readonly sheetPart: { sheet?: string };
  /** Status words repeat: each distinct raw value is normalised once. */
  private readonly statusCache = new Map<string, Status | undefined>();
  // the row being built
  private errors = 0;
  private line = 0;
  private status: Status = 'won';
  private created: number | null = null;
  private date = NaN;
  /** An open deal whose close date was blank takes its created date. */
  private undatedClose = false;
  private units: number | bigint = 0;
  private scale = 0;
  private quantity: Decimal | null = null;
  private profit: Decimal | null = null;

  constructor(
    private readonly plan: BuilderPlan,
    private readonly report: (issue: Issue) => void,
  ) {
    this.width = plan.headers.length;
    this.col = plan.columns;
    // a profit column wins over a cost column (profit = amount − cost)
    this.iProfit = plan.columns.profit ?? plan.columns.cost;
    this.profitIsCost = plan.columns.profit === undefined && plan.columns.cost !== undefined;
    this.textCols = TEXT_FIELDS.map((f) => (f === 'stage' ? undefined : plan.columns[f]));
    this.numOpts = { decimal: plan.decimal };
    this.qtyOpts = { decimal: plan.quantityDecimal };
    this.window = dateWindow(plan.asOf, plan.futureYears, plan.pastYears);
    this.windowText = `${isoDate(this.window.first)} … ${isoDate(this.window.last)}`;
    this.windowWhy =
      plan.asOf === null
        ? ''
        : msg('I_WINDOW_WHY', { past: plan.pastYears ?? DEFAULT_PAST_YEARS, years: plan.futureYears ?? DEFAULT_FUTURE_YEARS });
    this.sheetPart = plan.sheet !== undefined ? { sheet: plan.sheet } : {};
  }

  build(row: Cell[], rowLine: number): BuildResult {
    this.errors = 0;
    this.line = rowLine;
    const early = this.shape(row);
    if (early !== null) return early;
    this.readStatus(row);
    this.readCreated(row);
    const undated = this.readDate(row);
    if (undated !== null) return undated;
    this.readAmount(row);
    this.readQuantity(row);
    this.readProfit(row);
    if (this.errors > 0) return { record: null, excluded: false };
    this.checkValues(row);
    const extra = this.readExtras(row);
    const [iRep, iCustomer, iTeam, iRegion, iProduct, iChannel, iDeal, iCurrency] = this.textCols;
    const rep = this.text(iRep, row);
    const customer = this.text(iCustomer, row);
    const team = this.text(iTeam, row);
    const region = this.text(iRegion, row);
    const product = this.text(iProduct, row);
    const channel = this.text(iChannel, row);
    const dealId = this.text(iDeal, row);
    const currency = this.text(iCurrency, row);
    const open = this.status === 'open';
    // an open deal's stage is its status cell as written (for the weighted pipeline of insights)
    const stage = open && this.col.status !== undefined ? cellText(row[this.col.status]) : null;
    if (this.errors > 0) return { record: null, excluded: false };
    const { date, units, scale, status, created, quantity, profit } = this;
    const undatedClose = open ? this.undatedClose : false;
    return {
      record: {
        source: this.plan.source,
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
        undatedClose,
      },
      excluded: false,
    };
  }

  private issue(code: string, severity: Severity, column: number | undefined, message: Msg, value?: string): void {
    const sev: Severity = this.plan.strict && severity === 'warning' ? 'error' : severity;
    if (sev === 'error') this.errors++;
    const out: Issue = {
      code,
      severity: sev,
      message: renderMsg(message, 'en'),
      msg: message,
      file: this.plan.file,
      ...this.sheetPart,
      row: this.line,
    };
    if (column !== undefined) out.column = this.plan.headers[column] ?? `column ${column + 1}`;
    if (value !== undefined) out.value = value;
    this.report(out);
  }

  /** A totals row is excluded; a row with fewer cells, or more non-blank ones, than the header is ragged. */
  private shape(row: Cell[]): BuildResult | null {
    const totals = this.totalsLabelAt(row);
    if (totals >= 0) {
      this.issue(
        'TOTALS_ROW',
        'info',
        totals,
        msg('I_TOTALS_ROW', { label: JSON.stringify(cellText(row[totals])) }),
        cellText(row[totals]),
      );
      return { record: null, excluded: true };
    }
    const width = this.width;
    if (row.length < width) {
      this.issue('ROW_RAGGED', 'error', undefined, msg('I_ROW_RAGGED', { width, got: row.length }));
      return { record: null, excluded: false };
    }
    for (let k = width; k < row.length; k++) {
      if (cellText(row[k]) !== '') {
        this.issue('ROW_RAGGED', 'error', undefined, msg('I_ROW_RAGGED', { width, got: row.length }));
        return { record: null, excluded: false };
      }
    }
    return null;
  }

  /** A totals row: a totals label in the date column or the first column, and every other non-blank cell a number. */
  private totalsLabelAt(row: Cell[]): number {
    const iDate = this.col.date;
    const at = iDate !== undefined && isTotalsLabel(row[iDate]) ? iDate : isTotalsLabel(row[0]) ? 0 : -1;
    if (at < 0) return -1;
    for (let k = 0; k < row.length; k++) {
      if (k === at) continue;
      const c = row[k];
      if (c === undefined || c === '') continue;
      if (typeof c !== 'string') return -1;
      const t = c.trim();
      if (t !== '' && (t.length > MAX_AMOUNT_TEXT || parseDecimal(t, this.numOpts) === null)) return -1;
    }
    return at;
  }

  /** Status first: it decides what is required. */
  private readStatus(row: Cell[]): void {
    this.status = 'won';
    const iStatus = this.col.status;
    if (iStatus === undefined) return;
    const raw = cellText(row[iStatus]);
    if (raw === '') {
      this.issue('STATUS_BLANK', 'error', iStatus, msg('I_STATUS_BLANK'));
      return;
    }
    const s = this.statusOf(raw);
    if (s === undefined) this.issue('STATUS_UNKNOWN', 'error', iStatus, msg('I_STATUS_UNKNOWN', { value: JSON.stringify(raw) }), raw);
    else this.status = s;
  }

  private statusOf(raw: string): Status | undefined {
    let s = this.statusCache.get(raw);
    if (s === undefined && !this.statusCache.has(raw)) {
      s = this.plan.statuses.get(normaliseStatus(raw));
      if (this.statusCache.size < 10_000) this.statusCache.set(raw, s);
    }
    return s;
  }

  private readCreated(row: Cell[]): void {
    this.created = null;
    const iCreated = this.col.createdDate;
    if (iCreated === undefined) return;
    const c = row[iCreated];
    const t = cellText(c);
    if (t === '') return;
    const d = dayOfCell(c, this.plan.createdOrder, this.plan.createdSerials, this.plan.date1904);
    if (Number.isNaN(d))
      this.issue(
        'CREATED_DATE_INVALID',
        'warning',
        iCreated,
        msg('I_DATE_EXPECTED', { order: '', value: JSON.stringify(clip(t)) }),
        clip(t),
      );
    else if (d < this.window.first || d > this.window.last)
      this.issue(
        'CREATED_DATE_INVALID',
        'warning',
        iCreated,
        msg('I_CREATED_OUTSIDE', { value: JSON.stringify(clip(t)), window: this.windowText, why: this.windowWhy }),
        clip(t),
      );
    else this.created = d;
  }

  /** The row's date; an open deal without one takes its created date, or is left out (returned). */
  private readDate(row: Cell[]): BuildResult | null {
    this.date = NaN;
    this.undatedClose = false;
    const iDate = this.col.date;
    const c = iDate === undefined ? undefined : row[iDate];
    const t = cellText(c);
    if (t === '') {
      if (this.status !== 'open') this.issue('REQUIRED_BLANK', 'error', iDate, msg('I_DATE_BLANK'));
      else if (this.created !== null) {
        this.date = this.created;
        this.undatedClose = true;
      } else {
        this.issue('OPEN_UNDATED', 'info', iDate, msg('I_OPEN_UNDATED'));
        return { record: null, excluded: this.errors === 0 };
      }
      return null;
    }
    const plan = this.plan;
    this.date = dayOfCell(c, plan.dateOrder, plan.dateSerials, plan.date1904);
    if (Number.isNaN(this.date)) {
      const order = plan.dateOrder === 'dmy' ? msg('I_DAY_FIRST') : plan.dateOrder === 'mdy' ? msg('I_MONTH_FIRST') : '';
      this.issue('DATE_INVALID', 'error', iDate, msg('I_DATE_EXPECTED', { order, value: JSON.stringify(clip(t)) }), clip(t));
    } else if (this.date < this.window.first || this.date > this.window.last) {
      this.issue(
        'DATE_OUT_OF_RANGE',
        'error',
        iDate,
        msg('I_DATE_OUTSIDE', { value: JSON.stringify(clip(t)), window: this.windowText, why: this.windowWhy }),
        clip(t),
      );
    }
    return null;
  }

  private readAmount(row: Cell[]): void {
    this.units = 0;
    this.scale = 0;
    const iAmount = this.col.amount;
    const t = cellText(iAmount === undefined ? undefined : row[iAmount]);
    if (t === '') {
      if (this.status !== 'open' && this.status !== 'lost') this.issue('REQUIRED_BLANK', 'error', iAmount, msg('I_AMOUNT_BLANK'));
      return;
    }
    const d = this.money(t, iAmount, 'AMOUNT_INVALID');
    if (d !== null) {
      this.units = d.units;
      this.scale = d.scale;
    }
  }

  /** A money cell: the length first (a 100,000-digit cell is refused without parsing it), then the value and its limits. */
  private money(t: string, column: number | undefined, invalidCode: string): Decimal | null {
    const d = t.length > MAX_AMOUNT_TEXT ? undefined : parseDecimal(t, this.numOpts);
    if (d === null) this.issue(invalidCode, 'error', column, msg('I_NUMBER_EXPECTED', { value: JSON.stringify(clip(t)) }), clip(t));
    else if (d === undefined || d.scale > MAX_SCALE || !fitsMoney(d))
      this.issue(
        'AMOUNT_OUT_OF_RANGE',
        'error',
        column,
        msg('I_AMOUNT_RANGE', { value: JSON.stringify(clip(t)), limit: MONEY_LIMIT_TEXT, scale: MAX_SCALE, chars: MAX_AMOUNT_TEXT }),
        clip(t),
      );
    else return d;
    return null;
  }

  private readQuantity(row: Cell[]): void {
    this.quantity = null;
    const iQty = this.col.quantity;
    if (iQty === undefined) return;
    const t = cellText(row[iQty]);
    if (t === '') return;
    const q = t.length > MAX_AMOUNT_TEXT ? null : parseDecimal(t, this.qtyOpts);
    if (q === null) this.issue('QUANTITY_INVALID', 'error', iQty, msg('I_NUMBER_EXPECTED', { value: JSON.stringify(clip(t)) }), clip(t));
    else if (q.scale > MAX_SCALE || !fitsMoney(q))
      this.issue(
        'AMOUNT_OUT_OF_RANGE',
        'error',
        iQty,
        msg('I_QUANTITY_RANGE', { value: JSON.stringify(clip(t)), limit: MONEY_LIMIT_TEXT, scale: MAX_SCALE }),
        clip(t),
      );
    else this.quantity = q;
  }

  private readProfit(row: Cell[]): void {
    this.profit = null;
    const iProfit = this.iProfit;
    if (iProfit === undefined) return;
    const t = cellText(row[iProfit]);
    if (t === '') return;
    const d = this.money(t, iProfit, 'PROFIT_INVALID');
    if (d !== null) this.profit = this.profitIsCost ? subtract({ units: this.units, scale: this.scale }, d) : d;
  }

  /** Checks on valid values: refund sign, negative amounts, outliers, future dates, created after close. */
  private checkValues(row: Cell[]): void {
    const { col, plan, status } = this;
    if (status === 'refund') {
      if (!(this.units < 0)) {
        this.units = -this.units;
        // the refund reverses the sale's profit as it reverses its amount
        if (this.profit !== null) this.profit = negate(this.profit);
      }
    } else if (this.units < 0) {
      this.issue('NEGATIVE_AMOUNT', 'warning', col.amount, msg('I_NEGATIVE_AMOUNT', { status }), cellText(row[col.amount!]));
    }
    const fence = plan.outlierFence;
    if (fence !== null && this.units !== 0) {
      const abs = Math.abs(Number(this.units)) / 10 ** this.scale;
      if (Math.log10(abs) > fence) {
        this.issue(
          'AMOUNT_OUTLIER',
          'warning',
          col.amount,
          msg('I_AMOUNT_OUTLIER', { value: cellText(row[col.amount!]), fence: formatFence(fence) }),
          cellText(row[col.amount!]),
        );
      }
    }
    if (plan.asOf !== null && this.date > plan.asOf) {
      this.issue(
        'FUTURE_DATE',
        'warning',
        col.date,
        msg('I_FUTURE_DATE', { date: isoDate(this.date), asOf: isoDate(plan.asOf) }),
        cellText(row[col.date!]),
      );
    }
    const created = this.created;
    if (created !== null && created > this.date && status !== 'open') {
      this.issue(
        'CREATED_AFTER_CLOSE',
        'warning',
        col.createdDate,
        msg('I_CREATED_AFTER_CLOSE', { created: isoDate(created), date: isoDate(this.date) }),
        cellText(row[col.createdDate!]),
      );
    }
  }

  private readExtras(row: Cell[]): (string | undefined)[] {
    const extra: (string | undefined)[] = [];
    for (const [ci, ri] of this.plan.extras) {
      const t = (extra[ri] = cellText(row[ci]));
      if (t !== '') this.control(t, ci);
    }
    return extra;
  }

  /** Control characters: one regex test per text cell, and a warning naming the cell. */
  private control(t: string, i: number): void {
    if (CONTROL.test(t))
      this.issue('CONTROL_CHARACTER', 'warning', i, msg('I_CONTROL_CHARACTER', { text: escapeControls(clip(t)) }), escapeControls(clip(t)));
  }

  private text(i: number | undefined, row: Cell[]): string | null {
    if (i === undefined) return null;
    const t = cellText(row[i]);
    if (t === '') return null;
    this.control(t, i);
    return t;
  }
}

function formatFence(fence: number): string {
  const v = 10 ** fence;
  return v >= 1e6 ? v.toExponential(1) : Math.round(v).toLocaleString('en-US');
}
