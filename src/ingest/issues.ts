/**
 * Data problems as values: `{ code, severity, message, file, sheet?, row, column, value }`.
 * A log keeps exact counts per code and the first examples, so millions of
 * repeats cost nothing; every rejected row can also be streamed to a sink.
 */
import { type Lang, type Msg, renderMsg } from '../core/message-catalog.js';

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
  /** `message` as a catalogue message, when converted (for Chinese output); never written to JSON or CSV. */
  msg?: Msg;
}

/** An issue's message in a language (its English `message` when it has no catalogue message). */
export function issueText(i: Pick<Issue, 'message' | 'msg'>, lang: Lang): string {
  return i.msg && lang !== 'en' ? renderMsg(i.msg, lang) : i.message;
}

/** An issue without its catalogue message: what JSON and CSV output hold. */
export function plainIssue<T extends Issue>(i: T): Omit<T, 'msg'> {
  if (!i.msg) return i;
  const { msg: _msg, ...rest } = i;
  return rest;
}

/** `message` and `msg` of an issue from a catalogue message. */
export const coded = (m: Msg): { message: string; msg: Msg } => ({ message: renderMsg(m, 'en'), msg: m });

/** What each code means, for the report and the README. */
export const ISSUE_CODES: Record<string, { severity: Severity; meaning: string }> = {
  ROW_RAGGED: { severity: 'error', meaning: 'the row has a different number of fields than the header' },
  CSV_MALFORMED: { severity: 'error', meaning: 'a quoted field is not closed properly; the row was read as best it could be' },
  REQUIRED_BLANK: { severity: 'error', meaning: 'a required cell (date, amount) is blank' },
  DATE_INVALID: {
    severity: 'error',
    meaning: "the date is not a valid date in the column's format (or its time of day is impossible, e.g. 25:61)",
  },
  DATE_OUT_OF_RANGE: {
    severity: 'error',
    meaning:
      'the date is more than --max-past-years (default 50) years before the as-of date (or before 1900-01-01), or more than --max-future-years (default 5) years after it: a typo or a placeholder, not a new period',
  },
  AMOUNT_INVALID: { severity: 'error', meaning: 'the amount is not a number' },
  AMOUNT_OUT_OF_RANGE: {
    severity: 'error',
    meaning:
      'the amount or quantity is beyond the money limit (±9,999,999,999,999.99: 15 digits of cents, what every output format holds exactly), has more than 20 decimals or is longer than 64 characters',
  },
  QUANTITY_INVALID: { severity: 'error', meaning: 'the quantity is not a number' },
  PROFIT_INVALID: { severity: 'error', meaning: 'the profit or cost is not a number' },
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
  TARGET_UNREASONABLE: {
    severity: 'warning',
    meaning: "a target far above or below the group's own trailing average (default: over 150% or under 80%)",
  },
  TARGET_REP_MISSING: { severity: 'warning', meaning: 'a rep has no target while their team or region has one' },
  ORG_UNKNOWN_REP: { severity: 'warning', meaning: 'a rep in the sales data is not in the org file; shown under (none) in roll-ups' },
  SPLIT_NOT_100: { severity: 'error', meaning: 'the split shares of a deal do not add up to 100%' },
  SPLIT_INVALID: { severity: 'error', meaning: 'a deal-splits row without a deal id, rep or share' },
  CONTROL_CHARACTER: {
    severity: 'warning',
    meaning: 'a text cell holds a control character (NUL, U+0001–U+001F other than tab/CR/LF); shown escaped as \\u0000',
  },
  NO_DATA_ROWS: {
    severity: 'error',
    meaning:
      'a file has no data rows (empty, BOM only, blank lines or a header only), or no row is in the --from/--to/--period range: a failed export, not a quiet month',
  },
  TARGET_UNMATCHED: {
    severity: 'warning',
    meaning: 'a targets-file group matches no group in the sales data; it is left out of the report',
  },
  SPEND_UNMATCHED: { severity: 'warning', meaning: 'a spend-file group matches no group in the sales data; it is left out of the report' },
  OPEN_UNDATED: { severity: 'info', meaning: 'an open deal with no date at all; it is counted but cannot be placed in a period' },
  TOTALS_ROW: {
    severity: 'info',
    meaning:
      'a totals row (合计, 总计, 小计, Total, Grand Total, Summe, Gesamt, Total général… in the date or first column, every other cell a number); left out, neither summed nor an error',
  },
};

/** What each code means, in Chinese (the same codes as ISSUE_CODES). */
export const ISSUE_MEANINGS_ZH: Record<string, string> = {
  ROW_RAGGED: '该行的字段数与表头不一致',
  CSV_MALFORMED: '引号字段没有正确闭合；该行已尽量读取',
  REQUIRED_BLANK: '必填单元格（日期、金额）为空',
  DATE_INVALID: '日期不是该列格式下的有效日期（或时间不可能，如 25:61）',
  DATE_OUT_OF_RANGE:
    '日期比截至日期早 --max-past-years（默认 50）年以上（或早于 1900-01-01），或晚 --max-future-years（默认 5）年以上：是输入错误或占位值，而不是新的期间',
  AMOUNT_INVALID: '金额不是数字',
  AMOUNT_OUT_OF_RANGE:
    '金额或数量超出金额上限（±9,999,999,999,999.99：精确到分的 15 位数字，所有输出格式都能精确保存），或小数超过 20 位，或长度超过 64 个字符',
  QUANTITY_INVALID: '数量不是数字',
  PROFIT_INVALID: '利润或成本不是数字',
  STATUS_UNKNOWN: '状态不是 salesperf 认识的值；请用 --won/--lost/--open/--refund 映射',
  STATUS_BLANK: '状态单元格为空',
  CREATED_DATE_INVALID: '创建日期不是有效日期；该行保留，但不含创建日期',
  CREATED_AFTER_CLOSE: '创建日期晚于成交日期',
  NEGATIVE_AMOUNT: '非退款行的金额为负数',
  FUTURE_DATE: '日期晚于截至日期',
  AMOUNT_OUTLIER: '金额在该列中是极端离群值',
  DUPLICATE_ROW: '该行与前面某一行完全相同',
  DEAL_CONFLICT: '同一订单号之前出现过，但日期、客户、业务员或状态不同',
  MIXED_CURRENCY: '币种列中有不止一种币种；金额按原样相加',
  TARGET_INVALID: '目标文件中有一行的期间、日期或金额有误；该行已跳过',
  SPEND_INVALID: '费用文件中有一行的期间、日期、金额或获客数有误；该行已跳过',
  TARGET_UNREASONABLE: '目标远高于或远低于该分组自身的近期平均值（默认：高于 150% 或低于 80%）',
  TARGET_REP_MISSING: '业务员没有目标，而其所在团队或区域有目标',
  ORG_UNKNOWN_REP: '销售数据中的业务员不在组织架构文件中；汇总时显示在 (none) 下',
  SPLIT_NOT_100: '同一订单的分成比例相加不等于 100%',
  SPLIT_INVALID: '业绩分成文件中有一行缺少订单号、业务员或分成比例',
  CONTROL_CHARACTER: '文本单元格中含有控制字符（NUL、U+0001–U+001F，制表符/回车/换行除外）；显示为转义形式 \\u0000',
  NO_DATA_ROWS:
    '文件中没有数据行（为空、只有 BOM、空行或只有表头），或没有任何行落在 --from/--to/--period 范围内：是导出失败，而不是销售淡月',
  TARGET_UNMATCHED: '目标文件中的分组在销售数据中找不到对应分组；已从报表中略去',
  SPEND_UNMATCHED: '费用文件中的分组在销售数据中找不到对应分组；已从报表中略去',
  OPEN_UNDATED: '未结订单没有任何日期；已计数，但无法归入期间',
  TOTALS_ROW:
    '合计行（日期列或第一列为 合计、总计、小计、Total、Grand Total、Summe、Gesamt 等，其余单元格都是数字）；已排除，既不计入汇总也不算错误',
};

/** What a code means, in a language (the code itself when unknown). */
export function issueMeaning(code: string, lang: Lang): string {
  return (lang === 'zh' ? ISSUE_MEANINGS_ZH[code] : undefined) ?? ISSUE_CODES[code]?.meaning ?? code;
}

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

  /** `count` issues of one code at once (counted elsewhere, e.g. by SQL), with `issue` as their one example. */
  addMany(issue: Issue, count: number): void {
    if (count <= 0) return;
    this.add(issue);
    this.byCode.get(issue.code)!.count += count - 1;
  }

  /** Summaries, errors first, then by count, then by code. */
  summary(): CodeSummary[] {
    const rank = { error: 0, warning: 1, info: 2 };
    return [...this.byCode.values()].sort(
      (a, b) => rank[a.severity] - rank[b.severity] || b.count - a.count || a.code.localeCompare(b.code),
    );
  }

  count(severity?: Severity): number {
    let n = 0;
    for (const s of this.byCode.values()) if (!severity || s.severity === severity) n += s.count;
    return n;
  }
}
