/**
 * Data problems as values: `{ code, severity, message, file, sheet?, row, column, value }`.
 * A log keeps exact counts per code and the first examples, so millions of
 * repeats cost nothing; every rejected row can also be streamed to a sink.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Issue {
  code: string;
  severity: Severity;
  message: string;
  file: string;
  sheet?: string;
  row: number;
  column?: string;
  value?: string;
}

/** What each code means, for the report and the README. */
export const ISSUE_CODES: Record<string, { severity: Severity; meaning: string }> = {
  ROW_RAGGED: { severity: 'error', meaning: 'the row has a different number of fields than the header' },
  CSV_MALFORMED: { severity: 'error', meaning: 'a quoted field is not closed properly; the row was read as best it could be' },
  REQUIRED_BLANK: { severity: 'error', meaning: 'a required cell (date, amount) is blank' },
  DATE_INVALID: { severity: 'error', meaning: 'the date is not a valid date in the column\'s format (or its time of day is impossible, e.g. 25:61)' },
  DATE_OUT_OF_RANGE: { severity: 'error', meaning: 'the date is before 1900-01-01 or more than --max-future-years (default 5) years after the as-of date: a typo, not a new period' },
  AMOUNT_INVALID: { severity: 'error', meaning: 'the amount is not a number' },
  AMOUNT_OUT_OF_RANGE: { severity: 'error', meaning: 'the amount or quantity is beyond the money limit (±9,999,999,999,999.99: 15 digits of cents, what every output format holds exactly), has more than 20 decimals or is longer than 64 characters' },
  QUANTITY_INVALID: { severity: 'error', meaning: 'the quantity is not a number' },
  STATUS_UNKNOWN: { severity: 'error', meaning: 'the status is not one salesperf knows; map it with --won/--lost/--open/--refund' },
  STATUS_BLANK: { severity: 'error', meaning: 'the status cell is blank' },
  CREATED_DATE_INVALID: { severity: 'warning', meaning: 'the created date is not a valid date; the row is kept without it' },
  CREATED_AFTER_CLOSE: { severity: 'warning', meaning: 'the created date is after the close date' },
  NEGATIVE_AMOUNT: { severity: 'warning', meaning: 'a negative amount on a row that is not a refund' },
  FUTURE_DATE: { severity: 'warning', meaning: 'the date is after the as-of date' },
  AMOUNT_OUTLIER: { severity: 'warning', meaning: 'the amount is an extreme outlier for its column' },
  DUPLICATE_ROW: { severity: 'warning', meaning: 'the row repeats an earlier row exactly' },
  DEAL_CONFLICT: { severity: 'warning', meaning: 'a deal id seen before with a different date, customer, rep or status' },
  MIXED_CURRENCY: { severity: 'warning', meaning: 'the currency column holds more than one currency; amounts are summed as they are' },
  TARGET_INVALID: { severity: 'error', meaning: 'a targets-file row with a bad period, date or amount; the row is skipped' },
  SPEND_INVALID: { severity: 'error', meaning: 'a spend-file row with a bad period, date, amount or acquired count; the row is skipped' },
  TARGET_UNREASONABLE: { severity: 'warning', meaning: 'a target far above or below the group\'s own trailing average (default: over 150% or under 80%)' },
  TARGET_REP_MISSING: { severity: 'warning', meaning: 'a rep has no target while their team or region has one' },
  ORG_UNKNOWN_REP: { severity: 'warning', meaning: 'a rep in the sales data is not in the org file; shown under (none) in roll-ups' },
  SPLIT_NOT_100: { severity: 'error', meaning: 'the split shares of a deal do not add up to 100%' },
  SPLIT_INVALID: { severity: 'error', meaning: 'a deal-splits row without a deal id, rep or share' },
  CONTROL_CHARACTER: { severity: 'warning', meaning: 'a text cell holds a control character (NUL, U+0001–U+001F other than tab/CR/LF); shown escaped as \\u0000' },
  NO_DATA_ROWS: { severity: 'error', meaning: 'a file has no data rows (empty, BOM only, blank lines or a header only), or no row is in the --from/--to/--period range: a failed export, not a quiet month' },
  TARGET_UNMATCHED: { severity: 'warning', meaning: 'a targets-file group matches no group in the sales data; it is left out of the report' },
  SPEND_UNMATCHED: { severity: 'warning', meaning: 'a spend-file group matches no group in the sales data; it is left out of the report' },
  OPEN_UNDATED: { severity: 'info', meaning: 'an open deal with no date at all; it is counted but cannot be placed in a period' },
  TOTALS_ROW: { severity: 'info', meaning: 'a totals row (合计, 总计, 小计, Total, Grand Total, Summe, Gesamt, Total général… in the date or first column, every other cell a number); left out, neither summed nor an error' },
};

export interface CodeSummary {
  code: string;
  severity: Severity;
  count: number;
  examples: Issue[];
}

export class IssueLog {
  private readonly byCode = new Map<string, CodeSummary>();

  constructor(private readonly maxExamples = 20) {}

  add(issue: Issue): void {
    let s = this.byCode.get(issue.code);
    if (!s) this.byCode.set(issue.code, (s = { code: issue.code, severity: issue.severity, count: 0, examples: [] }));
    s.count++;
    if (s.examples.length < this.maxExamples) s.examples.push(issue);
  }

  /** Summaries, errors first, then by count, then by code. */
  summary(): CodeSummary[] {
    const rank = { error: 0, warning: 1, info: 2 };
    return [...this.byCode.values()].sort((a, b) => rank[a.severity] - rank[b.severity] || b.count - a.count || a.code.localeCompare(b.code));
  }

  count(severity?: Severity): number {
    let n = 0;
    for (const s of this.byCode.values()) if (!severity || s.severity === severity) n += s.count;
    return n;
  }
}
