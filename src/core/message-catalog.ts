/**
 * Messages as data: every note, warning and error the CLI prints has a stable id and parameters;
 * this one catalogue maps id → English and Chinese templates, and `renderMsg` renders it once, in
 * the chosen language. Pure: no node:*, no process, no clock.
 *
 * Templates: `{name}` is a parameter; `{name|one|other}` picks the English word for 1 or for any
 * other count of `name` (the Chinese templates need no plural). A parameter may itself be a
 * message (`Msg`), rendered in the same language — an optional part (`; did you mean …?`) is a
 * message or ''; a list of messages is joined with ', ' (one per line when the parameter is
 * called `lines`). Codes, flag names, file names and header names are kept verbatim in both.
 * Each entry is one row of a generated table (id, en, zh) for docs/messages.md.
 */
import { suggest } from './suggest.js';

export type Lang = 'en' | 'zh';
export type Param = string | number | Msg | readonly (string | Msg)[];
export interface Msg {
  id: string;
  params: Record<string, Param>;
}

export const msg = (id: string, params: Record<string, Param> = {}): Msg => ({ id, params });

export const isMsg = (x: unknown): x is Msg =>
  typeof x === 'object' && x !== null && typeof (x as Msg).id === 'string' && typeof (x as Msg).params === 'object';

export const MESSAGES: Record<string, { en: string; zh: string }> = {
  // ---- small parts, used inside other messages ----
  DID_YOU_MEAN: { en: '; did you mean {names}?', zh: '；是否要用 {names}？' },
  LIST_OR: { en: '{head} or {last}', zh: '{head} 或 {last}' },
  NONE: { en: 'none', zh: '无' },
  LINES: { en: '{lines}', zh: '{lines}' },
  LIST_COMMA: { en: '{items}', zh: '{items}' },

  // ---- notes ----
  NOTE_CONFIG_FOUND: {
    en: 'using {path} from the current folder (--config FILE to use another)',
    zh: '使用当前文件夹中的 {path}（用 --config FILE 指定其他配置）',
  },
  NOTE_AS_OF_TODAY: {
    en: 'as of {date} (today); set --as-of YYYY-MM-DD for a fixed date',
    zh: '截至 {date}（今天）；如需固定日期，请设置 --as-of YYYY-MM-DD',
  },
  NOTE_NO_ROWS: { en: '{file}: no rows at all', zh: '{file}：没有任何行' },
  NOTE_HEADER_ROW: {
    en: '{file}: header found on row {row}; {skipped} row(s) above it skipped (set it with --header-row)',
    zh: '{file}：表头在第 {row} 行；其上方 {skipped} 行已跳过（可用 --header-row 指定）',
  },
  NOTE_SPLIT_CREDIT: {
    en: 'amounts credited at the share in {column} (split credit)',
    zh: '金额按 {column} 列中的分成比例计入（业绩分成）',
  },
  NOTE_SIDE_UNMATCHED_TARGETS: {
    en: '{file}: {count} targets group(s) match no group in the sales data and are left out: {groups}{more}',
    zh: '{file}：{count} 个目标分组在销售数据中找不到对应分组，已略去：{groups}{more}',
  },
  NOTE_SIDE_UNMATCHED_SPEND: {
    en: '{file}: {count} spend group(s) match no group in the sales data and are left out: {groups}{more}',
    zh: '{file}：{count} 个费用分组在销售数据中找不到对应分组，已略去：{groups}{more}',
  },
  NOTE_TARGETS_NO_SALES: {
    en: '{file}: {count} rep(s) with a target have no sales in the data; their statements credit nothing: {groups}{more}',
    zh: '{file}：{count} 名有目标的业务员在数据中没有销售；他们的结算单记入 0：{groups}{more}',
  },
  NOTE_MORE: { en: ', … ({count} more)', zh: '，…（另有 {count} 个）' },
  NOTE_DEFAULT_SCORECARD: {
    en: 'default scorecard: revenue attainment 50, new customers 20, retention 15, win rate 15 (set "scorecard" in salesperf.config.json; salesperf init writes a starter)',
    zh: '使用默认评分卡：销售额达成率 50、新客户数 20、客户留存率 15、赢单率 15（可在 salesperf.config.json 中设置 "scorecard"；salesperf init 可生成初始配置）',
  },
  NOTE_KPI_NOT_COMPUTED: {
    en: '{kpi} (weight {weight}) cannot be computed from these inputs{needs}; the other weights are renormalised',
    zh: '无法用这些输入计算 {kpi}（权重 {weight}）{needs}；其余权重已重新归一',
  },
  NOTE_KPI_NEEDS: { en: ' (it needs {needs})', zh: '（需要 {needs}）' },
  NOTE_KPI_NO_TARGET: {
    en: '{kpi} has no target{why}; scored by percentile within the peers instead',
    zh: '{kpi} 没有目标{why}；改为按同组百分位评分',
  },
  NOTE_NO_TARGETS_FLAG: { en: ' (no --targets)', zh: '（未给出 --targets）' },
  NOTE_SET_TARGET: { en: ' (set "target" in the scorecard config)', zh: '（可在评分卡配置中设置 "target"）' },
  NOTE_KPI_NO_SPREAD_ONE: {
    en: '{kpi} (weight {weight}) is left out: only one peer has a value ({value}), so a percentile cannot tell them apart; the other weights are renormalised',
    zh: '{kpi}（权重 {weight}）未计入：只有一个同组对象有数值（{value}），百分位无法区分；其余权重已重新归一',
  },
  NOTE_KPI_NO_SPREAD: {
    en: '{kpi} (weight {weight}) is left out: it is {value} for all {peers} peers, so a percentile cannot tell them apart; the other weights are renormalised',
    zh: '{kpi}（权重 {weight}）未计入：全部 {peers} 个同组对象都是 {value}，百分位无法区分；其余权重已重新归一',
  },
  NOTE_RENORMALISED: { en: 'weights renormalised over {list}', zh: '权重已重新归一：{list}' },
  SCORE_NOT_SCORED: { en: 'Not scored: no data or targets for these KPIs', zh: '无法评分：缺少数据或目标' },
  SCORE_STRONGEST: { en: 'Strongest: {strong}.', zh: '优势：{strong}。' },
  SCORE_STRONGEST_WEAKEST: { en: 'Strongest: {strong}; weakest: {weak}.', zh: '优势：{strong}；待提升：{weak}。' },
  SCORE_ITEM: { en: '{label} ({detail})', zh: '{label}（{detail}）' },
  SCORE_OF_TARGET: { en: '{value}, {share} of target', zh: '{value}，完成目标的 {share}' },
  SCORE_AHEAD_OF_PEERS: { en: '{value}, ahead of {share}% of peers', zh: '{value}，高于 {share}% 的同组' },
  ERR_ROWS_LEFT_OUT: {
    en: '{rows} row(s) rejected and left out (details: salesperf validate)',
    zh: '{rows} 行被拒绝，未计入（详情：salesperf validate）',
  },
  ERR_CODE_PROBLEM: { en: '{code}: {message}', zh: '{code}：{message}' },
  NOTE_TABLE_TALL: {
    en: 'the table has {rows} rows ({lines} lines, more than the screen): page it with | less -S, show fewer with --top N, or export with --format csv --out FILE',
    zh: '表格共 {rows} 行（{lines} 行文本，超出屏幕）：可用 | less -S 分页，用 --top N 少显示一些，或用 --format csv --out FILE 导出',
  },

  // ---- targets and spend files ----
  KIND_TARGETS: { en: 'targets', zh: '目标' },
  KIND_SPEND: { en: 'spend', zh: '费用' },
  APPLIES_TARGETS: { en: 'targets apply', zh: '目标' },
  APPLIES_SPEND: { en: 'spend applies', zh: '费用' },
  GRAIN_WEEK: { en: 'week', zh: '周' },
  GRAIN_MONTH: { en: 'month', zh: '月' },
  GRAIN_QUARTER: { en: 'quarter', zh: '季度' },
  GRAIN_YEAR: { en: 'year', zh: '年' },
  SIDE_NO_AMOUNT: {
    en: '{where}: no {what} column found (looked for {synonyms}); name it with --{kind}-map amount=<header> (headers: {headers})',
    zh: '{where}：找不到{what}列（查找过 {synonyms}）；请用 --{kind}-map amount=<表头> 指定（表头：{headers}）',
  },
  SIDE_WHAT_TARGET: { en: 'target', zh: '目标' },
  SIDE_WHAT_SPEND: { en: 'spend', zh: '费用' },
  SIDE_NO_PERIOD: {
    en: '{where}: no period or date column found (e.g. Period = 2026-10, Month, 月份, or a Date); name it with --{kind}-map period=<header> or date=<header>',
    zh: '{where}：找不到期间列或日期列（如 Period = 2026-10、Month、月份或日期）；请用 --{kind}-map period=<表头> 或 date=<表头> 指定',
  },
  SIDE_DATES_AMBIGUOUS: {
    en: '{where}: dates like {examples} read as day-first or month-first; set --date-format',
    zh: '{where}：{examples} 这样的日期既可读作日在前也可读作月在前；请设置 --date-format',
  },
  SIDE_PARTIAL_DIMS: {
    en: '{where}: has {has} but not {missing}; {applies} to the totals only',
    zh: '{where}：有 {has}，但没有 {missing}；{applies}只用于合计',
  },
  SIDE_NO_DIM_COLUMNS: {
    en: '{where}: no column for {dims}; {applies} to the totals only',
    zh: '{where}：没有 {dims} 列；{applies}只用于合计',
  },
  SIDE_SUMMED_OVER: {
    en: '{where}: {kind} summed over {headers} (not in --by)',
    zh: '{where}：{kind}已按 {headers} 汇总（它们不在 --by 中）',
  },
  SIDE_MAPPING: {
    en: '{where}: {kind} ← {amount}, period ← {period}{acquired}',
    zh: '{where}：{kind} ← {amount}，期间 ← {period}{acquired}',
  },
  SIDE_ACQUIRED: { en: ', acquired ← {header}', zh: '，获客数 ← {header}' },
  SIDE_DERIVED: {
    en: "{where}: {count} {levels} {kind} computed as the sum of their reps' (no {kind} given for them)",
    zh: '{where}：{count} 个 {levels} 的{kind}按其业务员之和计算（未给出它们的{kind}）',
  },
  SIDE_UNATTRIBUTED: {
    en: '{where}: {count} row(s) name no rep (and no team or region) and were left out; give each row a rep, or report --by a level they name',
    zh: '{where}：{count} 行没有业务员（也没有团队或区域），已略去；请为每行填写业务员，或按这些行所写的层级用 --by 出报表',
  },
  SIDE_PHASED: {
    en: '{where}: {count} {kind} for periods longer than a {grain} phased over its {grain}s by days',
    zh: '{where}：{count} 条期间长于一{grain}的{kind}已按天数分摊到各{grain}',
  },
  SIDE_REPEATED: {
    en: '{where}: {count} row(s) repeat a {what}period already given; they were added together',
    zh: '{where}：{count} 行重复了已给出的{what}期间；已相加',
  },
  SIDE_GROUP_AND: { en: 'group and ', zh: '分组和' },
  SIDE_I_PERIOD: { en: 'expected a {grain} such as {example}, got {value}', zh: '应为{grain}，如 {example}，实际为 {value}' },
  SIDE_I_LIMIT: { en: '{value} is beyond the money limit of ±{limit}', zh: '{value} 超出金额上限 ±{limit}' },
  SIDE_I_ACQUIRED: { en: 'expected a whole number of customers, got {value}', zh: '应为客户数（整数），实际为 {value}' },

  // ---- org file ----
  ORG_NO_REP: {
    en: '{file}: no rep column in the org file (e.g. Rep, Sales Rep, sales_agent, 业务员); headers: {headers}',
    zh: '{file}：组织架构文件中没有业务员列（如 Rep、Sales Rep、sales_agent、业务员）；表头：{headers}',
  },
  ORG_DUPLICATES: {
    en: '{file}: {count} rep(s) listed more than once; the last row wins',
    zh: '{file}：{count} 个业务员出现了不止一次；以最后一行为准',
  },
  ORG_READ: { en: '{file}: {count} reps{team}{region}', zh: '{file}：{count} 个业务员{team}{region}' },
  ORG_TEAM: { en: '; team ← {header}', zh: '；团队 ← {header}' },
  ORG_REGION: { en: '; region ← {header}', zh: '；区域 ← {header}' },
  I_ORG_UNKNOWN_REP: {
    en: 'rep {rep} ({rows} {rows|row|rows}) is not in the org file; shown under (none)',
    zh: '业务员 {rep}（{rows} 行）不在组织架构文件中；显示在 (none) 下',
  },
  I_SIDE_UNMATCHED_TARGETS: {
    en: 'targets for {group}, a group not in the sales data, are left out',
    zh: '{group} 的目标已略去：销售数据中没有这个分组',
  },
  I_SIDE_UNMATCHED_SPEND: {
    en: 'spend for {group}, a group not in the sales data, are left out',
    zh: '{group} 的费用已略去：销售数据中没有这个分组',
  },
  I_TARGET_REP_MISSING: {
    en: 'rep {rep} has no target for {period} while {level} has one',
    zh: '业务员 {rep} 在 {period} 没有目标，而 {level} 有',
  },

  // ---- flags checked before a command starts ----
  FLAG_PERIOD_KINDS: {
    en: '--{flag} {key} is a {grain} but --{flag2} {key2} is a {grain2}; give both as the same kind of period',
    zh: '--{flag} {key} 是{grain}，而 --{flag2} {key2} 是{grain2}；请给出同一种期间',
  },
  FLAG_GRAIN_CONFLICT: {
    en: '--{flag} {key} is a {grain} but --grain {given} was given; drop --grain (it follows --{flag}) or give a {given}',
    zh: '--{flag} {key} 是{grain}，但给出了 --grain {given}；请去掉 --grain（它随 --{flag} 而定），或给出一个 {given}',
  },
  OUT_EMPTY: {
    en: '{flag}: expected a file name (or - for standard output), got an empty string',
    zh: '{flag}：应为文件名（或用 - 表示标准输出），实际为空字符串',
  },
  OUT_IS_INPUT: {
    en: '{flag} {out}: that is one of the input files ({input}); salesperf never writes over its input',
    zh: '{flag} {out}：这是输入文件之一（{input}）；salesperf 从不覆盖输入文件',
  },
  INIT_EXISTS: {
    en: '{file} exists; pass --force to replace it, or --out another file',
    zh: '{file} 已存在；加 --force 覆盖，或用 --out 指定其他文件',
  },

  // ---- scorecard and payout ----
  SCORE_NO_PERIOD: { en: 'no period with data to score', zh: '没有含数据的期间可供评分' },
  SCORE_NO_PEERS: {
    en: 'a scorecard compares reps (or teams, regions …), and no column was recognised as the rep',
    zh: '评分卡比较的是业务员（或团队、区域 …），但没有识别出业务员列',
  },
  SCORE_NO_PEERS_HINT: {
    en: 'name it with --map rep=<header>, or score another level with --by (e.g. --by Region)',
    zh: '请用 --map rep=<表头> 指定，或用 --by 按其他层级评分（例如 --by Region）',
  },
  SCORE_NO_SUCH_PERIOD: {
    en: '--period {period}: no such {grain} in the data ({first} … {last})',
    zh: '--period {period}：数据中没有这个{grain}（{first} … {last}）',
  },
  PAY_PLAN_REQUIRED: {
    en: '--plan FILE is required (see README: Incentive plans)',
    zh: '必须给出 --plan FILE（见 README：Incentive plans）',
  },
  PAY_SPLITS_COLUMNS: {
    en: '{file}: expected columns for the deal id, the rep and the share (e.g. Deal ID, Rep, Split); headers: {headers}',
    zh: '{file}：应有订单号、业务员和分成比例三列（如 Deal ID、Rep、Split）；表头：{headers}',
  },
  FLAG_COST_COLUMN: { en: '--cost-column {column}: no such column{suggest}', zh: '--cost-column {column}：没有这一列{suggest}' },
  PAY_NO_DATA: { en: 'no sales records to pay on', zh: '没有可计算提成的销售记录' },
  PAY_NO_REP: { en: 'payouts are per rep, and no column was recognised as the rep', zh: '提成按业务员计算，但没有识别出业务员列' },
  PAY_NO_REP_HINT: {
    en: 'name it with --map rep=<header>, or credit deals with --splits FILE',
    zh: '请用 --map rep=<表头> 指定，或用 --splits FILE 分配订单业绩',
  },
  PAY_MARGIN: {
    en: 'the plan pays on margin but no cost column was found (Cost, COGS, 成本; or --cost-column NAME)',
    zh: '方案按毛利计提，但找不到成本列（Cost、COGS、成本；或用 --cost-column NAME 指定）',
  },
  PAY_NOT_A_PERIOD: { en: '{value}: not a {grain}', zh: '{value}：不是一个{grain}' },

  // ---- more input and flag problems ----
  FLAG_DELIMITER: {
    en: '--delimiter: expected one character (or "tab"), got {value}',
    zh: '--delimiter：应为单个字符（或 "tab"），实际为 {value}',
  },
  FLAG_SHEET: {
    en: '--sheet {value}: {file} has no such sheet; its sheets are: {sheets}',
    zh: '--sheet {value}：{file} 中没有这个工作表；它的工作表有：{sheets}',
  },
  XLSX_NOT_ZIP: {
    en: '{file}: not a valid .xlsx file (it does not start like a zip archive)',
    zh: '{file}：不是有效的 .xlsx 文件（开头不像 zip 压缩包）',
  },
  XLSX_NOT_ZIP_HINT: { en: 'if it is a CSV with an .xlsx name, rename it to .csv', zh: '如果它其实是扩展名为 .xlsx 的 CSV，请改名为 .csv' },
  CSV_IS_WORKBOOK: {
    en: '{file}: this is an Excel workbook (.xlsx, a zip archive), not a CSV file',
    zh: '{file}：这是 Excel 工作簿（.xlsx，zip 压缩包），不是 CSV 文件',
  },
  CSV_IS_PARQUET: {
    en: '{file}: this is a Parquet file; only report reads Parquet, on DuckDB (the JS engine reads CSV and XLSX)',
    zh: '{file}：这是 Parquet 文件；只有 report 能读取 Parquet（在 DuckDB 上），JS 引擎只读取 CSV 和 XLSX',
  },
  CSV_IS_PARQUET_HINT: {
    en: 'run report with --engine duckdb or auto and without --org, --map, --rejects or --split-column; other commands: give the CSV or XLSX it was exported from',
    zh: '请用 --engine duckdb 或 auto 运行 report，且不要加 --org、--map、--rejects 或 --split-column；其他命令请使用导出它的 CSV 或 XLSX 文件',
  },
  CSV_IS_WORKBOOK_HINT: { en: 'rename it to .xlsx (or save it from Excel as CSV)', zh: '请改名为 .xlsx（或在 Excel 中另存为 CSV）' },
  XLSX_NO_WORKBOOK: {
    en: '{file}: not a valid .xlsx file (no xl/workbook.xml)',
    zh: '{file}：不是有效的 .xlsx 文件（没有 xl/workbook.xml）',
  },
  XLSX_NO_SHEETS: { en: '{file}: the workbook has no worksheets', zh: '{file}：工作簿中没有工作表' },
  REPORT_TOO_MANY_PERIODS: {
    en: 'the report would have {count} {grain}s ({first} … {last}); the limit is {limit}',
    zh: '报表将有 {count} 个{grain}（{first} … {last}）；上限为 {limit}',
  },
  REPORT_TOO_MANY_PERIODS_HINT: {
    en: 'narrow it with --from/--to or --period, or use a longer --grain',
    zh: '请用 --from/--to 或 --period 缩小范围，或用更长的 --grain',
  },
  REPORT_TOO_MANY_ROWS: {
    en: 'the report would have {groups} groups × {periods} periods, over the limit of {limit} rows',
    zh: '报表将有 {groups} 个分组 × {periods} 个期间，超过 {limit} 行的上限',
  },
  REPORT_TOO_MANY_ROWS_HINT: {
    en: 'narrow it with --from/--to or --period, a longer --grain, or fewer --by dimensions',
    zh: '请用 --from/--to 或 --period 缩小范围、用更长的 --grain，或减少 --by 维度',
  },
  MONEY_OUT_OF_RANGE: {
    en: 'a total of {total} is beyond the money limit of ±{limit} (15 digits of cents); it cannot be shown exactly',
    zh: '合计 {total} 超出金额上限 ±{limit}（精确到分的 15 位数字）；无法精确显示',
  },
  MONEY_OUT_OF_RANGE_HINT: {
    en: 'report a narrower slice (--from/--to, --by) or amounts in a larger unit (thousands)',
    zh: '请缩小报表范围（--from/--to、--by），或改用更大的金额单位（千）',
  },
  OUT_UNWRITABLE: { en: 'cannot write {file}: {reason}', zh: '无法写入 {file}：{reason}' },
  NOTE_INIT_WROTE: { en: 'wrote {file} ({count} columns mapped: {list})', zh: '已写入 {file}（映射了 {count} 列：{list}）' },

  // ---- commander's own errors, in our words ----
  CMD_UNKNOWN_OPTION: { en: "unknown option '{option}'", zh: "未知选项 '{option}'" },
  CMD_ARGUMENT_MISSING: { en: "option '{option}' argument missing", zh: "选项 '{option}' 缺少参数值" },
  CMD_MISSING_ARGUMENT: { en: "missing required argument '{name}'", zh: "缺少必需的参数 '{name}'" },
  CMD_UNKNOWN_COMMAND: { en: "unknown command '{name}'", zh: "未知命令 '{name}'" },
  CMD_REQUIRED_OPTION: { en: "required option '{option}' not specified", zh: "缺少必需的选项 '{option}'" },
  CMD_TOO_MANY: {
    en: "too many arguments for '{command}'. Expected {expected} {expected|argument|arguments} but got {got}.",
    zh: "'{command}' 的参数太多：应为 {expected} 个，实际为 {got} 个。",
  },
  CMD_THE_COMMANDS: { en: '; the commands: {list}', zh: '；可用的命令：{list}' },
  CMD_INVALID_ARGUMENT: { en: "option '{option}' argument {value} is invalid.", zh: "选项 '{option}' 的参数 {value} 无效。" },

  // ---- warnings and errors in the summary of report / scorecard / payout ----
  WARN_ISSUES: { en: '{list} (details: salesperf validate)', zh: '{list}（详情：salesperf validate）' },
  ERR_ROWS_REJECTED: {
    en: '{rows} row(s) rejected and left out of every KPI: {list} (details: salesperf validate, or --rejects FILE)',
    zh: '{rows} 行被拒绝，未计入任何指标：{list}（详情：salesperf validate，或 --rejects FILE）',
  },
  ERR_SIDE_ROW_SKIPPED: { en: '{where}: {message} (row skipped)', zh: '{where}：{message}（已跳过该行）' },
  ERR_FILE_PROBLEM: { en: '{file}: {message}', zh: '{file}：{message}' },
  ERR_THRESHOLD_UNDER: {
    en: 'threshold breached: {who} {period}: {kpi} {value} is under {limit}',
    zh: '超出阈值：{who} {period}：{kpi} 为 {value}，低于 {limit}',
  },
  ERR_THRESHOLD_OVER: {
    en: 'threshold breached: {who} {period}: {kpi} {value} is over {limit}',
    zh: '超出阈值：{who} {period}：{kpi} 为 {value}，高于 {limit}',
  },
  ERR_THRESHOLD_MORE: {
    en: '… and {more} more threshold breaches ({all} in all; the report has every value)',
    zh: '… 另有 {more} 处超出阈值（共 {all} 处；报表中有全部数值）',
  },
  TOTAL: { en: 'total', zh: '合计' },
  INTERNAL: { en: 'internal error: {message}', zh: '内部错误：{message}' },
  INTERNAL_HINT: {
    en: '(this is a bug in salesperf; run again with --debug for details and report it)',
    zh: '（这是 salesperf 的缺陷；请加 --debug 重新运行查看详情并报告）',
  },
  HINT: { en: 'hint: {text}', zh: '提示：{text}' },

  // ---- stopping errors ----
  INPUT_NOT_FOUND: { en: '{file}: no such file', zh: '{file}：文件不存在' },
  INPUT_IS_DIRECTORY: { en: '{file}: is a directory, expected a CSV or XLSX file', zh: '{file}：是文件夹，应为 CSV 或 XLSX 文件' },
  INPUT_UNREADABLE: { en: '{file}: cannot be read ({reason})', zh: '{file}：无法读取（{reason}）' },
  INPUT_KIND: {
    en: 'files[{index}]: expected a file path, {records} or {csv}, not {type}',
    zh: 'files[{index}]：应为文件路径、{records} 或 {csv}，而不是 {type}',
  },
  RECORDS_NOT_OBJECT: {
    en: '{file}: record {record} is {type}, not an object keyed by column name',
    zh: '{file}：第 {record} 条记录是 {type}，而不是以列名为键的对象',
  },
  RECORDS_VALUE: {
    en: '{file}: record {record}, key {key}: a value is text, a number, a boolean, a Date or null, not {type}',
    zh: '{file}：第 {record} 条记录的键 {key}：值应为文本、数字、布尔值、Date 或 null，而不是 {type}',
  },
  RECORDS_KEY_UNKNOWN: {
    en: '{file}: record {record} has the key {key}, which is not a column (the columns: {header})',
    zh: '{file}：第 {record} 条记录含有键 {key}，它不是列（列为：{header}）',
  },
  RECORDS_KEY_UNKNOWN_HINT: {
    en: "the columns are the first record's keys: give every column in `columns`, or the same keys to every record",
    zh: '列取自第一条记录的键：请在 `columns` 中列出所有列，或让每条记录有相同的键',
  },
  READ_STALLED: {
    en: '{file}: reading stopped without finishing or reporting an error (the reader stalled)',
    zh: '{file}：读取中途停止，既没有完成也没有报错（读取器卡住了）',
  },
  READ_STALLED_HINT: {
    en: 'the file may be damaged or use a layout salesperf cannot read; re-save it (e.g. as CSV) and try again',
    zh: '文件可能已损坏，或使用了 salesperf 无法读取的格式；请重新保存（例如存为 CSV）后再试',
  },
  INPUT_READ_FAILED: { en: '{file}: read failed ({reason})', zh: '{file}：读取失败（{reason}）' },
  CSV_PARSE_FAILED: { en: 'CSV could not be parsed near line {line}: {reason}', zh: 'CSV 在第 {line} 行附近无法解析：{reason}' },
  CSV_PARSE_FAILED_HINT: {
    en: 'try the default --csv-engine fast, which reports malformed records and goes on',
    zh: '请试试默认的 --csv-engine fast，它会报告格式错误的记录并继续读取',
  },
  XLSX_EMPTY: { en: '{file}: no visible sheet has any data', zh: '{file}：没有任何可见工作表含有数据' },
  FLAG_ENCODING: { en: '--encoding: unknown encoding {value}', zh: '--encoding：未知编码 {value}' },
  FLAG_ENCODING_HINT: {
    en: 'use a label such as utf-8, gbk, gb18030, utf-16le, windows-1252, shift_jis, big5',
    zh: '请使用 utf-8、gbk、gb18030、utf-16le、windows-1252、shift_jis、big5 等编码名',
  },
  NOTE_NOT_UTF8: {
    en: '{file}: not valid UTF-8 (first bad byte at offset {offset}) and not GBK; read as windows-1252. If the text looks wrong, pass --encoding (e.g. --encoding gbk, --encoding shift_jis).',
    zh: '{file}：不是有效的 UTF-8（第一个错误字节在偏移 {offset} 处），也不是 GBK；已按 windows-1252 读取。如果文字显示不对，请指定 --encoding（例如 --encoding gbk、--encoding shift_jis）。',
  },
  NOTE_OTHER_SHEETS_CHOSEN: {
    en: '{file}: read sheet {sheet} (the first with a date and an amount column); also in the workbook: {others} (choose with --sheet)',
    zh: '{file}：已读取工作表 {sheet}（第一个同时有日期列和金额列的工作表）；工作簿中还有：{others}（用 --sheet 选择）',
  },
  NOTE_OTHER_SHEETS: {
    en: '{file}: read sheet {sheet}; also in the workbook: {others} (choose with --sheet)',
    zh: '{file}：已读取工作表 {sheet}；工作簿中还有：{others}（用 --sheet 选择）',
  },
  NOT_SALES_EXPORT_SHEETS: {
    en: "{file}: no sheet has a date and an amount column (read sheet {sheet}, headers: {headers}); the workbook's sheets are: {sheets}",
    zh: '{file}：没有哪个工作表同时有日期列和金额列（读取了工作表 {sheet}，表头：{headers}）；工作簿中的工作表：{sheets}',
  },
  NOT_SALES_EXPORT_SHEETS_HINT: {
    en: 'choose the sheet with --sheet <name or number>, and name its columns with --map date=<header> --map amount=<header>',
    zh: '用 --sheet <名称或序号> 选择工作表，并用 --map date=<表头> --map amount=<表头> 指定列',
  },
  NOT_SALES_EXPORT: {
    en: '{file}: no date and no amount column found, so this does not look like a sales export (headers: {headers})',
    zh: '{file}：找不到日期列和金额列，看起来不是销售导出文件（表头：{headers}）',
  },
  NOT_SALES_EXPORT_HINT: {
    en: 'if it is, name the columns with --map date=<header> --map amount=<header>; a lookup table (reps → teams, targets) is given to report with --org or --targets',
    zh: '如果是，请用 --map date=<表头> --map amount=<表头> 指定列；对照表（业务员 → 团队、目标）请用 --org 或 --targets 交给 report',
  },
  MAP_AMBIGUOUS: {
    en: '{file}: columns {headers} could both be the {field}; choose one with {maps}',
    zh: '{file}：{headers} 列都可能是 {field}；请用 {maps} 选定一列',
  },
  MAP_MISSING: {
    en: '{file}: no column recognised as the {field}{candidates}. Name it with --map {field}=<header>',
    zh: '{file}：没有识别出 {field} 列{candidates}。请用 --map {field}=<表头> 指定',
  },
  MAP_MISSING_NUMERIC: { en: '; numeric columns: {headers}', zh: '；数值列：{headers}' },
  MAP_MISSING_DATED: { en: '; date-like columns: {headers}', zh: '；类似日期的列：{headers}' },
  MAP_UNKNOWN_HEADER: { en: '{file}: {source}: {header} is not a header{suggest}', zh: '{file}：{source}：{header} 不是表头{suggest}' },
  MAP_DUPLICATE_HEADER: { en: '{file}: header {header} appears more than once', zh: '{file}：表头 {header} 出现了不止一次' },
  MAP_HEADERS: { en: 'the headers of {file}: {headers}', zh: '{file} 的表头：{headers}' },
  FLAG_BY: { en: '--by {given}: {why}; available: {available}{suggest}', zh: '--by {given}：{why}；可用的有：{available}{suggest}' },
  BY_NO_SUCH_COLUMN: { en: 'no such column', zh: '没有这一列' },
  BY_NOT_MAPPED_ORG: {
    en: 'no column was recognised as the {field} (--org FILE rolls reps up)',
    zh: '没有识别出 {field} 列（--org FILE 可把业务员汇总到上级）',
  },
  BY_NOT_MAPPED: {
    en: 'no column was recognised as the {field} (name it with --map {field}=<header>)',
    zh: '没有识别出 {field} 列（请用 --map {field}=<表头> 指定）',
  },
  FLAG_CHOICE: { en: '--{flag} {value}: expected {choices}{suggest}', zh: '--{flag} {value}：应为 {choices}{suggest}' },
  FLAG_FORMAT: {
    en: '--format {value}: {command} writes {choices}, not {value}',
    zh: '--format {value}：{command} 只能输出 {choices}，不能输出 {value}',
  },
  FLAG_FORMAT_CHOICE: { en: '--format: expected {choices}, got {value}', zh: '--format：应为 {choices}，实际为 {value}' },
  FLAG_XLSX_OUT: { en: '--format xlsx needs --out FILE.xlsx', zh: '--format xlsx 需要同时给出 --out FILE.xlsx' },
  FLAG_BAND: {
    en: '{flag}: expected a positive ratio such as 1.5 or 150%, got {value}',
    zh: '{flag}：应为正的比例，如 1.5 或 150%，实际为 {value}',
  },
  FLAG_DATE: { en: '{flag}: expected a date YYYY-MM-DD, got {value}', zh: '{flag}：应为 YYYY-MM-DD 格式的日期，实际为 {value}' },
  FLAG_MAP: {
    en: '--map {value}: expected field=header with field one of {fields}{suggest}',
    zh: '--map {value}：应为 字段=表头，字段为 {fields} 之一{suggest}',
  },
  FLAG_DATE_FORMAT: {
    en: '{flag} {value}: expected dmy, mdy, ymd or a pattern like DD/MM/YYYY',
    zh: '{flag} {value}：应为 dmy、mdy、ymd 或 DD/MM/YYYY 这样的格式',
  },
  FLAG_DECIMAL: {
    en: '--decimal-comma and --decimal-point cannot be used together',
    zh: '--decimal-comma 和 --decimal-point 不能同时使用',
  },
  FLAG_HEADER_ROW_VALUE: {
    en: '{flag}: expected a row number (1 or more), got {value}',
    zh: '{flag}：应为行号（1 或以上），实际为 {value}',
  },
  FLAG_MAX_FUTURE_YEARS: {
    en: '{flag}: expected a whole number from 0 to {max}, got {value}',
    zh: '{flag}：应为 0 到 {max} 之间的整数，实际为 {value}',
  },
  FLAG_CSV_ENGINE: {
    en: '--csv-engine: expected fast or csv-parse, got {value}',
    zh: '--csv-engine：应为 fast 或 csv-parse，实际为 {value}',
  },
  FLAG_THREADS: {
    en: '--threads: expected a whole number from 1 to 64, got {value}',
    zh: '--threads：应为 1 到 64 之间的整数，实际为 {value}',
  },
  CONFIG_NOT_FOUND: { en: '{flag} {path}: no such file', zh: '{flag} {path}：文件不存在' },
  CONFIG_UNREADABLE: { en: '{flag} {path}: cannot read the file', zh: '{flag} {path}：无法读取该文件' },
  CONFIG_JSON: { en: '{path}: not valid JSON ({reason})', zh: '{path}：不是有效的 JSON（{reason}）' },
  FLAG_TOP: { en: '--top: expected a whole number above 0, got {value}', zh: '--top：应为大于 0 的整数，实际为 {value}' },
  FLAG_LANG: { en: '--lang: expected en or zh, got {value}', zh: '--lang：应为 en 或 zh，实际为 {value}' },
  FLAG_KPIS_UNKNOWN: { en: '--kpis: unknown KPI {kpi}{suggest}', zh: '--kpis：未知指标 {kpi}{suggest}' },
  FLAG_KPIS_LIST: { en: '; run salesperf kpis for the list', zh: '；运行 salesperf kpis 查看全部指标' },
  FLAG_KPIS_NEEDS: {
    en: '--kpis: {kpi} cannot be computed from these inputs (it needs {needs})',
    zh: '--kpis：无法用这些输入计算 {kpi}（需要 {needs}）',
  },
  MORE_DATA: { en: 'more data', zh: '更多数据' },
  FLAG_SORT: { en: '--sort: unknown KPI {kpi}{suggest}', zh: '--sort：未知指标 {kpi}{suggest}' },
  FLAG_THRESHOLD: {
    en: '{flag} {value}: expected KPI=number with KPI one of {kpis} (e.g. {flag} attainment=0.8){suggest}',
    zh: '{flag} {value}：应为 指标=数值，指标为 {kpis} 之一（例如 {flag} attainment=0.8）{suggest}',
  },
  FLAG_THRESHOLD_NA: {
    en: '--fail-under/--fail-over {kpi}: not computed from these inputs',
    zh: '--fail-under/--fail-over {kpi}：无法用这些输入计算',
  },
  FLAG_EXAMPLES: { en: '--examples: expected a whole number, got {value}', zh: '--examples：应为整数，实际为 {value}' },
  FLAG_FISCAL_START: {
    en: '--fiscal-start: expected a month (1–12 or a name such as apr), got {value}',
    zh: '--fiscal-start：应为月份（1–12 或 apr 这样的月份名），实际为 {value}',
  },
  FLAG_GRAIN_CHOICE: { en: '--grain: expected {choices}, got {value}', zh: '--grain：应为 {choices}，实际为 {value}' },
  FLAG_PERIOD_KIND: { en: '{flag}: {value} is not a {grain} (e.g. {example})', zh: '{flag}：{value} 不是一个{grain}（例如 {example}）' },
  FLAG_PERIOD_COMBINED: { en: '--period cannot be combined with --from/--to', zh: '--period 不能与 --from/--to 同时使用' },
  FLAG_PERIOD_ORDER: { en: '--from {from} is after --to {to}', zh: '--from {from} 晚于 --to {to}' },
  FLAG_SIDE_MAP: {
    en: '{flag} {value}: expected role=header, e.g. {flag} amount=Quota',
    zh: '{flag} {value}：应为 角色=表头，例如 {flag} amount=Quota',
  },
  FLAG_SPLIT_COLUMN: { en: '--split-column {column}: no such column{suggest}', zh: '--split-column {column}：没有这一列{suggest}' },
  FLAG_HEADER_ROW: {
    en: '--header-row {row}: {file} has no non-blank row {row}',
    zh: '--header-row {row}：{file} 没有第 {row} 行（或该行为空）',
  },
  NO_INPUT: {
    en: 'no input files: give sales files, or --spend FILE for a spend-only report',
    zh: '没有输入文件：请给出销售文件，或用 --spend FILE 只做费用报表',
  },
  REJECTS_STDOUT: {
    en: "--rejects: expected a file name; standard output (-) carries the command's own output",
    zh: '--rejects：应为文件名；标准输出（-）已用于命令本身的输出',
  },
  // ---- export ----

  EXPORT_TO_KIND: {
    en: '--out {value}: expected a file name ending in .csv or .parquet, or - for CSV on standard output',
    zh: '--out {value}：应为以 .csv 或 .parquet 结尾的文件名，或用 - 表示输出 CSV 到标准输出',
  },
  SQL_COLUMNS_NEEDED: {
    en: 'salesperf sql without files needs --columns: which optional canonical columns the table has (customer, created_date, quantity, profit, comma separated; - for none)',
    zh: 'salesperf sql 未给文件时需要 --columns：表中有哪些可选的规范列（customer、created_date、quantity、profit，逗号分隔；没有则写 -）',
  },
  SQL_COLUMNS_UNKNOWN: {
    en: '--columns: unknown column {value}; expected customer, created_date, quantity or profit{suggest}',
    zh: '--columns：未知列 {value}；应为 customer、created_date、quantity 或 profit{suggest}',
  },
  SQL_COLUMNS_WITH_FILES: {
    en: '--columns: not with files (the files show which columns exist)',
    zh: '--columns：给了文件时不能再用（文件已说明有哪些列）',
  },
  SQL_SPEND_ACQUIRED: { en: '--spend-acquired goes with --spend TABLE', zh: '--spend-acquired 需与 --spend 表名一起使用' },
  SQL_NO_KPIS: { en: 'no KPI of the report can be written as SQL from these columns', zh: '根据这些列，报表中没有可写成 SQL 的指标' },
  // ---- report --engine (issue 12) ----
  NOTE_ENGINE_FALLBACK: {
    en: '--engine duckdb: {reason}; the JS engine reads the input instead',
    zh: '--engine duckdb：{reason}；改由 JS 引擎读取输入',
  },
  ENGINE_WHY_XLSX: { en: '{file} is an XLSX workbook', zh: '{file} 是 XLSX 工作簿' },
  ENGINE_WHY_STDIN: { en: 'standard input is read as it arrives', zh: '标准输入只能边到达边读取' },
  ENGINE_WHY_RAW_CSV: {
    en: '{file} is a raw CSV and other inputs are canonical files; raw and canonical inputs are not read together in SQL',
    zh: '{file} 是原始 CSV，而其他输入是规范文件；SQL 不能同时读取原始输入和规范输入',
  },
  ENGINE_WHY_UNSURE: {
    en: '{file}: {rows} row(s) hold values SQL cannot decide (e.g. {value})',
    zh: '{file}：有 {rows} 行的值 SQL 无法判定（例如 {value}）',
  },
  ENGINE_WHY_DUCKDB_ERROR: {
    en: '{file}: DuckDB could not read it ({reason})',
    zh: '{file}：DuckDB 无法读取该文件（{reason}）',
  },
  ENGINE_RAW_ISSUE: {
    en: '{file}: {code} (e.g. {value}); read by DuckDB, rows are not numbered: salesperf validate lists each row',
    zh: '{file}：{code}（例如 {value}）；由 DuckDB 读取，行没有编号：用 salesperf validate 列出每一行',
  },
  ENGINE_WHY_UNREADABLE: { en: '{file} cannot be read ({reason})', zh: '无法读取 {file}（{reason}）' },
  ENGINE_WHY_FLAG: { en: '{flag} is applied by the JS engine only', zh: '{flag} 仅由 JS 引擎处理' },
  ENGINE_WHY_SPLIT: {
    en: '{file} has a credit-share column {column}, applied by the JS engine only',
    zh: '{file} 含业绩分成列 {column}，仅由 JS 引擎处理',
  },
  ENGINE_WHY_NO_FILES: { en: 'no sales files (a spend-only report)', zh: '没有销售文件（仅花费报表）' },
  ENGINE_NO_DUCKDB: {
    en: '--engine duckdb needs the package @duckdb/node-api, which is not installed',
    zh: '--engine duckdb 需要 @duckdb/node-api 包，但它未安装',
  },
  ENGINE_NO_DUCKDB_HINT: {
    en: 'npm install @duckdb/node-api, or --engine js',
    zh: '请运行 npm install @duckdb/node-api，或使用 --engine js',
  },
  ENGINE_PG_FILES: {
    en: '--engine postgres reads the table named by --table, not files (got {files})',
    zh: '--engine postgres 读取 --table 指定的表，而不是文件（收到 {files}）',
  },
  ENGINE_PG_TABLE: {
    en: '--engine postgres needs --table NAME: the canonical table (what salesperf export writes) in the database',
    zh: '--engine postgres 需要 --table 表名：数据库中的规范表（即 salesperf export 写出的内容）',
  },
  ENGINE_PG_URL: {
    en: '--engine postgres needs --db URL (or the environment variable SALESPERF_DB_URL), e.g. postgres://user@host:5432/sales',
    zh: '--engine postgres 需要 --db URL（或环境变量 SALESPERF_DB_URL），例如 postgres://user@host:5432/sales',
  },
  ENGINE_PG_FLAG: { en: '--engine postgres: {flag} is applied by the JS engine only', zh: '--engine postgres：{flag} 仅由 JS 引擎处理' },
  ENGINE_PG_FLAG_HINT: {
    en: 'leave it out, or export the table to a file and use --engine js',
    zh: '请去掉该参数，或把表导出为文件后使用 --engine js',
  },
  ENGINE_DB_FLAG: { en: '{flag} goes with --engine postgres', zh: '{flag} 需与 --engine postgres 一起使用' },
  ENGINE_DB_MEMORY_HINT: {
    en: 'DuckDB ran out of memory: raise --memory-limit, or run with --engine js (it streams the file in far less memory)',
    zh: 'DuckDB 内存不足：请调高 --memory-limit，或改用 --engine js（逐行读取文件，占用内存少得多）',
  },
  ENGINE_DUCKDB_FLAG: { en: '{flag} goes with --engine duckdb or auto', zh: '{flag} 需与 --engine duckdb 或 auto 一起使用' },
  FLAG_TEMP_DIR: {
    en: '--temp-dir: {value} is not a folder, and not one that can be made in an existing folder',
    zh: '--temp-dir：{value} 不是文件夹，也无法在已有的文件夹中创建',
  },
  FLAG_MEMORY_LIMIT: {
    en: '--memory-limit: expected a size such as 300MB, 1.5GB or 2GiB (KB, MB, GB, TB, KiB, MiB, GiB, TiB), got {value}',
    zh: '--memory-limit：应为 300MB、1.5GB 或 2GiB 这样的大小（KB、MB、GB、TB、KiB、MiB、GiB、TiB），实际为 {value}',
  },
  ENGINE_DB_CONNECT: { en: 'cannot connect to {url}: {reason}', zh: '无法连接到 {url}：{reason}' },
  ENGINE_DB_QUERY: { en: '{where}: the report query failed: {reason}', zh: '{where}：报表查询失败：{reason}' },
  ENGINE_DB_QUERY_HINT: {
    en: 'is it a canonical table (salesperf export writes one: source_file, date, amount, status, rep, …)?',
    zh: '它是规范表吗（salesperf export 写出的表：source_file、date、amount、status、rep……）？',
  },
  EXPORT_DONE: {
    en: '{file}: {rows} rows exported ({rejected} rejected, {excluded} excluded)',
    zh: '{file}：已导出 {rows} 行（拒绝 {rejected} 行，排除 {excluded} 行）',
  },
  EXPORT_WARNINGS: {
    en: 'warnings on exported rows: {codes}; salesperf validate shows them',
    zh: '已导出的行有警告：{codes}；用 salesperf validate 查看详情',
  },
  EXPORT_ERRORS: {
    en: '{rows} rows rejected and not exported: {codes}; --rejects FILE lists each row, salesperf validate explains them',
    zh: '{rows} 行被拒绝，未导出：{codes}；用 --rejects FILE 列出每一行，用 salesperf validate 查看原因',
  },
  EXPORT_NO_DUCKDB: {
    en: '--out *.parquet: writing Parquet needs the package @duckdb/node-api, which is not installed',
    zh: '--out *.parquet：写 Parquet 需要 @duckdb/node-api 包，但它未安装',
  },
  EXPORT_NO_DUCKDB_HINT: {
    en: 'npm install @duckdb/node-api, or export to a .csv file',
    zh: '请运行 npm install @duckdb/node-api，或导出为 .csv 文件',
  },
  CSVSRC_STDIN: { en: 'standard input cannot be read by DuckDB directly', zh: 'DuckDB 无法直接读取标准输入' },
  CSVSRC_XLSX: {
    en: '{file}: a workbook, not a CSV file: DuckDB reads CSV directly',
    zh: '{file}：这是工作簿而非 CSV 文件，DuckDB 只能直接读取 CSV',
  },
  CSVSRC_MAPPING: {
    en: '{file}: the columns cannot be mapped; salesperf validate shows why',
    zh: '{file}：无法映射列；用 salesperf validate 查看原因',
  },
  CSVSRC_ENCODING: { en: '{file}: encoding {encoding}; DuckDB reads UTF-8 only', zh: '{file}：编码为 {encoding}；DuckDB 只读取 UTF-8' },
  CSVSRC_STRICT: {
    en: '{file}: --strict turns warnings found across rows into rejections, which SQL does not reproduce',
    zh: '{file}：--strict 会把跨行检查的警告变为拒绝，SQL 无法重现',
  },
  CSVSRC_SERIALS: { en: '{file}: dates are Excel serial numbers', zh: '{file}：日期为 Excel 序列号' },
  CSVSRC_PREAMBLE: { en: '{file}: a cell above the header spans several lines', zh: '{file}：表头上方有跨多行的单元格' },
  CSVSRC_VALUE: { en: '{file}: column {column} has {value}: {why}', zh: '{file}：列 {column} 中有 {value}：{why}' },
  CSVSRC_WHY_WAN: { en: '万/亿 amounts are not read in SQL', zh: 'SQL 不读取带 万/亿 的金额' },
  CSVSRC_WHY_ACCOUNTING: { en: 'accounting negatives (1,234.56) are not read in SQL', zh: 'SQL 不读取会计负数格式 (1,234.56)' },
  CSVSRC_WHY_CURRENCY: { en: 'currency signs or codes are not read in SQL', zh: 'SQL 不读取货币符号或代码' },
  CSVSRC_WHY_GROUPING: { en: 'thousands separators are not read in SQL', zh: 'SQL 不读取千位分隔符' },
  CSVSRC_WHY_FORM: { en: 'this number form is not read in SQL', zh: 'SQL 不读取这种数字写法' },
  CSVSRC_WHY_DATE: {
    en: 'this date form (time of day, month name, 年月日) is not read in SQL',
    zh: 'SQL 不读取这种日期写法（时刻、月份名称、年月日）',
  },
  CSVSRC_WHY_STATUS: {
    en: 'a status word outside plain text is matched by the JavaScript reader only',
    zh: '非纯文本的状态词只能由 JavaScript 读取器匹配',
  },
  CSVSRC_NOTE_ROWS: {
    en: '{file}: read by DuckDB directly; rows are not numbered (salesperf validate gives row numbers)',
    zh: '{file}：由 DuckDB 直接读取；行没有编号（salesperf validate 会给出行号）',
  },
  NO_DATA_ROWS_FILE: {
    en: '{file}: no data rows (the file is empty, or holds only a BOM, blank lines or a header)',
    zh: '{file}：没有数据行（文件为空，或只有 BOM、空行或表头）',
  },
  NO_DATA_ROWS_FILES: {
    en: 'no data rows in any of the {files} input files ({empty} empty)',
    zh: '{files} 个输入文件中都没有数据行（{empty} 个为空）',
  },
  NO_DATA_ROWS_FILE_HINT: {
    en: 'a failed or empty export? check the file; salesperf validate shows what was read',
    zh: '导出失败或为空？请检查文件；salesperf validate 会显示读到的内容',
  },
  NO_DATA_ROWS_REJECTED: {
    en: 'no data rows left: all {rows} row(s) were rejected ({list})',
    zh: '没有剩余的数据行：全部 {rows} 行都被拒绝（{list}）',
  },
  NO_DATA_ROWS_REJECTED_HINT: {
    en: 'salesperf validate (or --rejects FILE) lists them',
    zh: 'salesperf validate（或 --rejects FILE）会列出这些行',
  },
  NO_DATA_ROWS_RANGE: {
    en: 'no data rows in {range}: every accepted row is outside it{dated}',
    zh: '{range} 内没有数据行：所有有效行都在此范围之外{dated}',
  },
  NO_DATA_ROWS_DATED: { en: '; the data runs {first} … {last}', zh: '；数据范围为 {first} … {last}' },
  NO_DATA_ROWS_RANGE_HINT: {
    en: 'check the period flags (and --grain / --fiscal-start)',
    zh: '请检查期间参数（以及 --grain / --fiscal-start）',
  },
  DATE_AMBIGUOUS: {
    en: '{file}: column {column} has dates like {examples} that read as day-first or month-first, and no value in the first {rows} rows decides',
    zh: '{file}：{column} 列的日期（如 {examples}）既可读作日在前也可读作月在前，前 {rows} 行中没有能确定的值',
  },
  DATE_AMBIGUOUS_HINT: {
    en: 'set the order with --date-format dmy (day/month/year) or --date-format mdy (month/day/year)',
    zh: '请用 --date-format dmy（日/月/年）或 --date-format mdy（月/日/年）指定顺序',
  },
  DECIMAL_AMBIGUOUS: {
    en: '{file}: column {column} has numbers like {examples} where the separator could be thousands or decimals, and no value in the first {rows} rows decides',
    zh: '{file}：{column} 列的数字（如 {examples}）中的分隔符既可能是千位分隔符也可能是小数点，前 {rows} 行中没有能确定的值',
  },
  DECIMAL_AMBIGUOUS_HINT: {
    en: 'pass --decimal-point (1,234 = one thousand two hundred thirty-four) or --decimal-comma (1,234 = 1.234)',
    zh: '请指定 --decimal-point（1,234 = 一千二百三十四）或 --decimal-comma（1,234 = 1.234）',
  },
  DECIMAL_CONFLICT: {
    en: '{file}: column {column} mixes decimal points ({point}) and decimal commas ({comma})',
    zh: '{file}：{column} 列混用了小数点（{point}）和小数逗号（{comma}）',
  },
  DECIMAL_CONFLICT_HINT: {
    en: 'pass --decimal-point or --decimal-comma; values that do not fit are then reported row by row',
    zh: '请指定 --decimal-point 或 --decimal-comma；不符合的值会逐行报告',
  },
  OUT_WRITE: { en: '{what}: {reason}', zh: '{what}：{reason}' },
  OUT_WHAT_STDOUT: { en: 'cannot write to standard output', zh: '无法写入标准输出' },
  OUT_WHAT_FILE: { en: 'cannot write {flag} {path}', zh: '无法写入 {flag} {path}' },
  OUT_ENOSPC: { en: 'the disk is full', zh: '磁盘已满' },
  OUT_EDQUOT: { en: 'the disk quota is used up', zh: '磁盘配额已用完' },
  OUT_EFBIG: { en: 'the file is too large for that disk', zh: '文件对该磁盘来说太大' },
  OUT_EACCES: { en: 'permission denied (check that you may write to {dir})', zh: '权限不足（请确认你有权写入 {dir}）' },
  OUT_EROFS: { en: 'it is on a read-only file system', zh: '它位于只读文件系统上' },
  OUT_ENOENT_FILE: { en: 'no file can be created in {dir}', zh: '无法在 {dir} 中创建文件' },
  OUT_ENOENT_DIR: { en: 'the folder {dir} does not exist', zh: '文件夹 {dir} 不存在' },
  OUT_EISDIR: { en: 'that is a folder', zh: '那是一个文件夹' },
  OUT_ENOTDIR: { en: '{dir} is not a folder', zh: '{dir} 不是文件夹' },
  OUT_EIO: { en: 'the device reported an I/O error', zh: '设备报告了 I/O 错误' },
  OUT_ENXIO: { en: 'no process is reading from that pipe', zh: '没有进程在读取该管道' },

  // ---- issues: the message of one problem in one row ----
  I_CSV_UNCLOSED: {
    en: 'a quote opened on line {line} is never closed; the row is rejected and the lines after it are read as rows of their own',
    zh: '第 {line} 行开始的引号始终没有闭合；该行被拒绝，其后的各行按各自独立的行读取',
  },
  I_CSV_MALFORMED: { en: 'a quoted field is not closed properly (stray or missing quote)', zh: '引号字段没有正确闭合（多余或缺少引号）' },
  I_CONTROL_CHARACTER: { en: 'control character in the text "{text}"', zh: '文本 "{text}" 中含有控制字符' },
  I_ROW_RAGGED: { en: 'expected {width} fields, got {got}', zh: '应有 {width} 个字段，实际为 {got} 个' },
  I_STATUS_BLANK: { en: 'expected a status, got a blank cell', zh: '应为状态，实际为空单元格' },
  I_STATUS_UNKNOWN: { en: 'unknown status {value}', zh: '未知状态 {value}' },
  I_DATE_EXPECTED: { en: 'expected a date{order}, got {value}', zh: '应为日期{order}，实际为 {value}' },
  I_DAY_FIRST: { en: ' (day-first)', zh: '（日在前）' },
  I_MONTH_FIRST: { en: ' (month-first)', zh: '（月在前）' },
  I_CREATED_OUTSIDE: { en: 'created date {value} is outside {window}{why}', zh: '创建日期 {value} 不在 {window} 范围内{why}' },
  I_DATE_OUTSIDE: { en: 'date {value} is outside {window}{why}', zh: '日期 {value} 不在 {window} 范围内{why}' },
  I_WINDOW_WHY: {
    en: ' ({past} years before to {years} years after the as-of date; see --max-past-years, --max-future-years)',
    zh: '（截至日期前 {past} 年至后 {years} 年；见 --max-past-years、--max-future-years）',
  },
  I_TOTALS_ROW: { en: 'a totals row ({label}); left out, not summed', zh: '合计行（{label}）；已排除，不计入汇总' },
  I_OPEN_UNDATED: { en: 'open deal with no date; counted, not placed in a period', zh: '未结订单没有日期；已计数，但未归入期间' },
  I_DATE_BLANK: { en: 'expected a date, got a blank cell', zh: '应为日期，实际为空单元格' },
  I_AMOUNT_BLANK: { en: 'expected an amount, got a blank cell', zh: '应为金额，实际为空单元格' },
  I_NUMBER_EXPECTED: { en: 'expected a number, got {value}', zh: '应为数字，实际为 {value}' },
  I_AMOUNT_RANGE: {
    en: 'amount {value} is out of range: at most {limit} in size, {scale} decimals and {chars} characters',
    zh: '金额 {value} 超出范围：绝对值最多 {limit}，最多 {scale} 位小数、{chars} 个字符',
  },
  I_QUANTITY_RANGE: {
    en: 'quantity {value} is out of range: at most {limit} in size and {scale} decimals',
    zh: '数量 {value} 超出范围：绝对值最多 {limit}，最多 {scale} 位小数',
  },
  I_NEGATIVE_AMOUNT: { en: 'negative amount on a {status} row', zh: '状态为 {status} 的行金额为负数' },
  I_AMOUNT_OUTLIER: {
    en: "amount {value} is far above the column's usual range (over {fence})",
    zh: '金额 {value} 远高于该列的通常范围（超过 {fence}）',
  },
  I_FUTURE_DATE: { en: 'date {date} is after the as-of date {asOf}', zh: '日期 {date} 晚于截至日期 {asOf}' },
  I_CREATED_AFTER_CLOSE: { en: 'created {created} after the close date {date}', zh: '创建日期 {created} 晚于成交日期 {date}' },
  I_DEAL_CONFLICT: { en: 'deal {deal}: {diff} at {where}', zh: '订单 {deal}：{diff}，与 {where} 不同' },
  I_DC_DATE: { en: 'date {now} (was {was})', zh: '日期 {now}（之前为 {was}）' },
  I_DC_CUSTOMER: { en: 'customer {now} (was {was})', zh: '客户 {now}（之前为 {was}）' },
  I_DC_REP: { en: 'rep {now} (was {was})', zh: '业务员 {now}（之前为 {was}）' },
  I_DC_STATUS: { en: 'status {now} (was {was})', zh: '状态 {now}（之前为 {was}）' },
  I_SPLIT_NOT_100: { en: 'deal {deal}: splits add up to {sum}%, not 100%', zh: '订单 {deal}：分成比例合计为 {sum}%，而不是 100%' },
  I_TARGET_UNREASONABLE: {
    en: '{who} {period}: target {target} is {percent} of the trailing {periods}-period average {average}{lastYear}: {verdict}',
    zh: '{who} {period}：目标 {target} 是前 {periods} 期平均值 {average} 的 {percent}{lastYear}：{verdict}',
  },
  I_TU_LAST_YEAR: { en: ' (same period last year {value})', zh: '（去年同期 {value}）' },
  I_TU_HIGH: { en: 'too high?', zh: '是否过高？' },
  I_TU_LOW: { en: 'too low?', zh: '是否过低？' },
  I_NO_DATA_EMPTY: {
    en: 'no data rows: the file is empty (or holds only a BOM or blank lines)',
    zh: '没有数据行：文件为空（或只有 BOM 或空行）',
  },
  I_NO_DATA_HEADER_ONLY: {
    en: 'no data rows: a header on row {row} and nothing below it',
    zh: '没有数据行：第 {row} 行是表头，其下没有内容',
  },
  I_DUPLICATE_ROW: { en: 'same as {where}', zh: '与 {where} 相同' },
  I_MIXED_CURRENCY: {
    en: 'currencies {list} are summed as they are; convert first or filter',
    zh: '币种 {list} 按原样相加；请先换算或筛选',
  },

  // ---- validate's text output ----
  V_FILE: { en: '{file}  ({how})', zh: '{file}  （{how}）' },
  V_SHEET: { en: 'sheet {sheet}', zh: '工作表 {sheet}' },
  V_BOM: { en: '{encoding} with BOM', zh: '{encoding}（带 BOM）' },
  V_FORCED: { en: '{encoding} (forced)', zh: '{encoding}（指定）' },
  V_DELIM_COMMA: { en: 'comma-delimited', zh: '逗号分隔' },
  V_DELIM_SEMICOLON: { en: 'semicolon-delimited', zh: '分号分隔' },
  V_DELIM_TAB: { en: 'tab-delimited', zh: '制表符分隔' },
  V_DELIM_PIPE: { en: 'pipe-delimited', zh: '竖线分隔' },
  V_DELIM_OTHER: { en: '{delimiter}-delimited', zh: '以 {delimiter} 分隔' },
  V_HEADER_ON: { en: 'header on row {row}', zh: '表头在第 {row} 行' },
  V_MAPPING: { en: '  mapping:', zh: '  列映射：' },
  V_ORDER_DMY: { en: 'day-first', zh: '日在前' },
  V_ORDER_MDY: { en: 'month-first', zh: '月在前' },
  V_ORDER_SERIAL: { en: 'excel serial', zh: 'Excel 序列号' },
  V_ORDER_YMD: { en: 'year-first/unambiguous', zh: '年在前/无歧义' },
  V_DECIDED_BY: { en: '{order} (decided by {value})', zh: '{order}（由 {value} 确定）' },
  V_DECIMAL_COMMA: { en: 'decimal comma', zh: '小数逗号' },
  V_NO_STATUS: { en: '    (no status column: every row counts as won)', zh: '    （没有状态列：每一行都算作赢单）' },
  V_DIMENSIONS: { en: '  other columns, kept as dimensions: {columns}', zh: '  其他列，保留为维度：{columns}' },
  V_ROWS: {
    en: '  rows: {read} read, {accepted} accepted, {rejected} rejected{excluded}',
    zh: '  行数：读取 {read}，接受 {accepted}，拒绝 {rejected}{excluded}',
  },
  V_EXCLUDED: { en: ', {count} excluded', zh: '，排除 {count}' },
  V_BY_STATUS: { en: '  accepted by status: {list}', zh: '  按状态统计的接受行：{list}' },
  V_NOTE: { en: '  note: {text}', zh: '  注意：{text}' },
  V_ISSUES: { en: 'Issues', zh: '问题' },
  V_SEV_ERROR: { en: 'error  ', zh: '错误' },
  V_SEV_WARNING: { en: 'warning', zh: '警告' },
  V_SEV_INFO: { en: 'info   ', zh: '提示' },
  V_MORE_ERRORS: {
    en: '      … and {count} more (every rejected row: --rejects FILE)',
    zh: '      … 另有 {count} 条（全部被拒绝的行：--rejects FILE）',
  },
  V_MORE_OTHERS: {
    en: '      … and {count} more (more examples: --examples N or --format json)',
    zh: '      … 另有 {count} 条（更多示例：--examples N 或 --format json）',
  },
  V_UNKNOWN_STATUS: { en: 'Unknown status values: {list}', zh: '未知的状态值：{list}' },
  V_UNKNOWN_STATUS_HINT: {
    en: '  map them, e.g. --won "{names}" (or --lost/--open/--refund), or under "statuses" in salesperf.config.json',
    zh: '  请映射这些值，例如 --won "{names}"（或 --lost/--open/--refund），或在 salesperf.config.json 的 "statuses" 中设置',
  },
  V_NOT_VALIDATED: { en: '{file}  (not validated: {why})', zh: '{file}  （未校验：{why}）' },
  V_CANNOT_READ: { en: 'cannot be read', zh: '无法读取' },
  V_NOT_SALES: { en: 'not a sales export as it stands', zh: '按现状不是销售导出文件' },
  V_ERROR_LINE: { en: 'error: {text}', zh: '错误：{text}' },
  V_SUMMARY: {
    en: '{files} {files|file|files}: {read} rows read, {accepted} accepted, {rejected} rejected{excluded}; {errors} {errors|error|errors}, {warnings} {warnings|warning|warnings}{unreadable}',
    zh: '{files} 个文件：读取 {read} 行，接受 {accepted}，拒绝 {rejected}{excluded}；{errors} 个错误，{warnings} 个警告{unreadable}',
  },
  V_SUMMARY_UNREADABLE: { en: '; {count} {count|file|files} not validated', zh: '；{count} 个文件未校验' },
  V_UNREADABLE_SUMMARY: {
    en: '{count} of {files} files could not be validated: {list}; details above (exit {exit})',
    zh: '{files} 个文件中有 {count} 个无法校验：{list}；详情见上文（退出码 {exit}）',
  },
  V_UNREADABLE_ITEM: { en: '{file} ({why})', zh: '{file}（{why}）' },
  // ---- issue 9, last English texts: damaged workbooks, limits ----
  AT_PLACE: { en: '{place}: {what}', zh: '{place}：{what}' },
  AT_ROW: { en: 'row {row}', zh: '第 {row} 行' },
  AT_LINE: { en: '{file}: line {line}', zh: '{file}：第 {line} 行' },
  AT_LINE_FIELD: { en: '{file}: line {line}, field {field}', zh: '{file}：第 {line} 行第 {field} 个字段' },
  ZIP_NOT_VALID: { en: '{file}: not a valid .xlsx file ({why})', zh: '{file}：不是有效的 .xlsx 文件（{why}）' },
  ZIP_NO_DIRECTORY: {
    en: 'no zip directory found; the file may be truncated or not a workbook',
    zh: '找不到 zip 目录；文件可能被截断，或不是工作簿',
  },
  ZIP_DIR_PAST_END: { en: 'zip directory points past the end of the file', zh: 'zip 目录指向文件末尾之后' },
  ZIP_DIR_DAMAGED: { en: 'damaged zip directory', zh: 'zip 目录已损坏' },
  ZIP_DIR_ENTRY_PAST_END: {
    en: "damaged zip directory: entry {entry} runs past the directory's end",
    zh: 'zip 目录已损坏：第 {entry} 个条目超出目录末尾',
  },
  ZIP_DIR_BAD_EXTRA: { en: 'damaged zip directory: a bad extra field in entry {name}', zh: 'zip 目录已损坏：条目 {name} 的扩展字段有误' },
  ZIP_DIR_SHORT_ZIP64: {
    en: 'damaged zip directory: a short zip64 field in entry {name}',
    zh: 'zip 目录已损坏：条目 {name} 的 zip64 字段过短',
  },
  ZIP_ENTRY_HEADER: { en: 'damaged entry header at byte {offset}', zh: '第 {offset} 字节处的条目头已损坏' },
  ZIP_ENTRY_PAST_END: { en: 'the entry runs past the end of the file; it may be truncated', zh: '该条目超出文件末尾；文件可能被截断' },
  ZIP_ENTRY_EMPTY: { en: 'the entry is empty but should inflate to {size} bytes', zh: '该条目为空，但解压后应有 {size} 字节' },
  ZIP_INFLATES_MORE: {
    en: 'it inflates to more than the {size} bytes its zip directory entry says',
    zh: '解压后超过 zip 目录条目所记的 {size} 字节',
  },
  ZIP_INFLATES_OTHER: {
    en: 'it inflates to {out} bytes, its zip directory entry says {size}; it may be truncated',
    zh: '解压后为 {out} 字节，而 zip 目录条目记为 {size} 字节；文件可能被截断',
  },
  ZIP_METHOD: {
    en: '{file}: entry {entry} uses zip compression method {method}, which salesperf cannot read',
    zh: '{file}：条目 {entry} 使用 zip 压缩方法 {method}，salesperf 无法读取',
  },
  ZIP_INFLATE_ERROR: {
    en: '{file}: damaged compressed data near inflated byte {offset} ({reason})',
    zh: '{file}：解压到第 {offset} 字节附近时压缩数据已损坏（{reason}）',
  },
  ZIP_INFLATE_ERROR_HINT: {
    en: 'the workbook is corrupt or truncated; open and re-save it in Excel, or export it as CSV',
    zh: '工作簿已损坏或被截断；请在 Excel 中打开并重新保存，或导出为 CSV',
  },
  XLS_LEGACY: {
    en: '{file}: this is a legacy Excel 97–2003 workbook (.xls) or a password-protected workbook, which salesperf cannot read',
    zh: '{file}：这是旧版 Excel 97–2003 工作簿（.xls）或受密码保护的工作簿，salesperf 无法读取',
  },
  XLS_LEGACY_HINT: {
    en: 'open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) or CSV, without a password',
    zh: '请在 Excel 或 LibreOffice 中打开，另存为 .xlsx（Excel 工作簿）或 CSV，且不设密码',
  },
  XLSX_SHEET_PART_MISSING: {
    en: '{file}: xl/workbook.xml: sheet {sheet} is stored in {target}, which the file does not have; the workbook is damaged',
    zh: '{file}：xl/workbook.xml：工作表 {sheet} 存放在 {target}，但文件中没有该部分；工作簿已损坏',
  },
  XML_DAMAGED: { en: '{where}: damaged XML: {what}', zh: '{where}：XML 已损坏：{what}' },
  XML_DAMAGED_HINT: {
    en: 'the workbook is corrupt or was not written by a spreadsheet program; open and re-save it in Excel, or export it as CSV',
    zh: '工作簿已损坏，或不是由电子表格程序写出的；请在 Excel 中打开并重新保存，或导出为 CSV',
  },
  XML_STRING_N: { en: 'string {n} (counting from 0)', zh: '第 {n} 个字符串（从 0 开始计数）' },
  XML_SST_TRUNCATED: {
    en: 'it ends before its closing </sst> tag, after string {n}; the file is truncated',
    zh: '在第 {n} 个字符串之后、结束标签 </sst> 之前就结束了；文件被截断',
  },
  XML_WORKBOOK_TRUNCATED: {
    en: 'it ends before its closing </workbook> tag; the file is truncated',
    zh: '在结束标签 </workbook> 之前就结束了；文件被截断',
  },
  XML_SHEET_ENDS_IN_ROW: { en: 'the sheet ends inside row {row}; the file is truncated', zh: '工作表在第 {row} 行中间结束；文件被截断' },
  XML_SHEET_NO_END: {
    en: 'the sheet ends before its closing </worksheet> tag{after}; the file is truncated',
    zh: '工作表在结束标签 </worksheet> 之前就结束了{after}；文件被截断',
  },
  XML_AFTER_ROW: { en: ', after row {row}', zh: '（位于第 {row} 行之后）' },
  XML_ROW_AFTER: { en: 'the row after row {row}', zh: '第 {row} 行之后的一行' },
  XML_FIRST_ROW: { en: 'the first row', zh: '第一行' },
  XML_BAD_CHAR_REF: { en: 'character reference {ref} is not a character', zh: '字符引用 {ref} 不是有效字符' },
  XML_TAG_NO_END: { en: 'a tag has no end', zh: '有一个标签没有结束' },
  XML_ELEMENT_NO_END: { en: '<{name}> has no end', zh: '<{name}> 没有结束' },
  XML_STRING_NO_END: { en: 'it has no end', zh: '它没有结束' },
  XML_CELL_TAG_NO_END: { en: 'a cell tag has no end', zh: '有一个单元格标签没有结束' },
  XML_ATTR_NOT_QUOTED: { en: 'a cell attribute has no quoted value', zh: '有一个单元格属性的值没有加引号' },
  XML_ATTR_NO_END: { en: 'a cell attribute value has no end', zh: '有一个单元格属性值没有结束' },
  XML_CELL_REF_BEYOND: {
    en: 'cell reference {ref} is beyond column XFD (16,384), the last Excel has',
    zh: '单元格引用 {ref} 超出了 Excel 的最后一列 XFD（16,384）',
  },
  XML_CELL_NO_CLOSE: { en: 'a cell has no closing {tag}', zh: '有一个单元格没有结束标签 {tag}' },
  XML_SHARED_STRING_MISSING: {
    en: 'a cell refers to shared string {ref}, but xl/sharedStrings.xml has {count}',
    zh: '有一个单元格引用共享字符串 {ref}，但 xl/sharedStrings.xml 只有 {count} 个',
  },
  XML_ROW_NOT_NUMBER: { en: 'row number {row} is not a row number', zh: '行号 {row} 不是有效的行号' },
  XML_ROW_BEYOND: {
    en: 'row number {row} is beyond row 1,048,576, the last Excel has',
    zh: '行号 {row} 超出了 Excel 的最后一行 1,048,576',
  },
  XML_ROW_ORDER: {
    en: 'row number {row} comes after row {prev} (rows must go down the sheet)',
    zh: '行号 {row} 出现在第 {prev} 行之后（行号必须自上而下递增）',
  },
  INPUT_LIMIT: {
    en: '{where}: more than {value} {unit} ({what}){seen}. salesperf stops here (limit {name})',
    zh: '{where}：超过 {value} {unit}（{what}）{seen}。salesperf 在此停止（限制 {name}）',
  },
  INPUT_LIMIT_HINT: {
    en: 'this is far beyond a real export: the file is damaged or was made to exhaust memory; re-export it',
    zh: '这远超真实导出文件的规模：文件已损坏，或是为耗尽内存而构造的；请重新导出',
  },
  LIMIT_SEEN: { en: '; {seen}', zh: '；{seen}' },
  LIMIT_SEEN_DIRECTORY: { en: 'the zip directory says it inflates to {size} bytes', zh: 'zip 目录记载解压后为 {size} 字节' },
  LIMIT_SEEN_RATIO: { en: '{out} bytes out of {compressed} compressed', zh: '由 {compressed} 字节压缩数据解压出 {out} 字节' },
  PAYOUT_NOTE_ATTAINMENT_CAPPED: { en: 'attainment credited up to {max}%', zh: '达成率最多按 {max}% 计入' },
  PAYOUT_NOTE_NO_TARGET: { en: 'no target: tiers not applied', zh: '没有目标：未按档位计算' },
  PAYOUT_NOTE_NO_CLAWBACK: {
    en: 'refund of {deal} has no earlier payout for {rep} to claw back',
    zh: '{deal} 的退款在此前没有 {rep} 的提成可追回',
  },
  CONFIG_INVALID_ONE: { en: '{file}: {problem}', zh: '{file}：{problem}' },
  CONFIG_INVALID: { en: '{file}: invalid {noun}, {count} problems:\n{lines}', zh: '{file}：{noun}无效，共 {count} 处问题：\n{lines}' },
  CONFIG_NOUN_CONFIG: { en: 'config', zh: '配置' },
  CONFIG_NOUN_PLAN: { en: 'plan', zh: '提成方案' },
  ZOD_PROBLEM: { en: '{key}: {what}', zh: '{key}：{what}' },
  ZOD_TOP_LEVEL: { en: '(top level)', zh: '（顶层）' },
  ZOD_AT_MOST: { en: 'must be at most {n}', zh: '不得大于 {n}' },
  ZOD_LESS_THAN: { en: 'must be less than {n}', zh: '必须小于 {n}' },
  ZOD_AT_LEAST: { en: 'must be at least {n}', zh: '不得小于 {n}' },
  ZOD_MORE_THAN: { en: 'must be more than {n}', zh: '必须大于 {n}' },
  ZOD_NOT_EMPTY: { en: 'must not be empty', zh: '不能为空' },
  ZOD_STRING_EXACT: { en: 'must be exactly {n} {n|character|characters}', zh: '必须正好是 {n} 个字符' },
  ZOD_STRING_MAX: { en: 'must be at most {n} {n|character|characters}', zh: '最多 {n} 个字符' },
  ZOD_STRING_MIN: { en: 'must be at least {n} {n|character|characters}', zh: '至少 {n} 个字符' },
  ZOD_ARRAY_MAX: { en: 'must have at most {n} {n|item|items}', zh: '最多 {n} 项' },
  ZOD_ARRAY_MIN: { en: 'must have at least {n} {n|item|items}', zh: '至少 {n} 项' },
  ZOD_TYPE: { en: 'expected {expected}{got}', zh: '应为 {expected}{got}' },
  ZOD_GOT: { en: ', got {type}', zh: '，实际为 {type}' },
  ZOD_CHOICE: { en: 'expected {choices}{suggest}', zh: '应为 {choices}{suggest}' },
  ZOD_UNKNOWN_KEYS: { en: 'unknown {count|key|keys} {keys}', zh: '{count} 个未知的键：{keys}' },
  ZOD_OTHER: { en: '{text}', zh: '{text}' },
  SCHEMA_MONEY_DECIMALS: { en: 'expected money with at most 2 decimals', zh: '应为最多 2 位小数的金额' },
  SCHEMA_FIRST_TIER: { en: 'the first tier must start at 0', zh: '第一档必须从 0 开始' },
  SCHEMA_TIER_ORDER: { en: 'tiers must be in increasing order of "from"', zh: '各档必须按 "from" 递增排列' },
  SCHEMA_AMOUNT_OR_RATE: {
    en: 'give either amount (per deal) or rate (on the product revenue)',
    zh: '请给出 amount（每笔交易）或 rate（按产品销售额）二者之一',
  },
  SCHEMA_PLAN_NEEDS_PAY: { en: 'a plan needs base, tiers or bonuses', zh: '提成方案需要 base、tiers 或 bonuses' },
  SCHEMA_DATE_FORMAT: { en: 'expected dmy, mdy, ymd or a pattern like DD/MM/YYYY', zh: '应为 dmy、mdy、ymd 或 DD/MM/YYYY 这样的格式' },
  SCHEMA_AS_OF: { en: 'expected a date YYYY-MM-DD', zh: '应为 YYYY-MM-DD 格式的日期' },
  SCHEMA_WEIGHTS_SUM: { en: 'weights must sum to 100, they sum to {total}', zh: '权重之和必须为 100，实际为 {total}' },
  SCHEMA_KPI_TWICE: { en: '{kpi} is listed twice', zh: '{kpi} 出现了两次' },
  NOTE_TARGETS_GRAIN: {
    en: '{file}: the targets are by {grain}, so they are checked by {grain} (set --grain to choose)',
    zh: '{file}：目标按 {grain} 给出，因此按 {grain} 检查（可用 --grain 选择）',
  },
  NOTE_OUT_EXTENSION: {
    en: '{file}: written as {as} (--format {format}), not as the .{ext} its name suggests',
    zh: '{file}：按 {as} 写出（--format {format}），而不是文件名所示的 .{ext}',
  },
  NOTE_TEXT_TABLE: { en: 'a text table', zh: '文本表格' },
  PROGRESS_ETA: { en: 'ETA {secs} s', zh: '预计 {secs} 秒' },
  PROGRESS_RATE: { en: '{rate} rows/s', zh: '{rate} 行/秒' },
  HINT_KPI_NEEDS_TARGETS: {
    en: '{kpi} needs targets: add --targets FILE (a quota file by rep or group and period)',
    zh: '{kpi} 需要目标：请加上 --targets FILE（按业务员或分组及期间给出的指标文件）',
  },
  HINT_KPI_NEEDS_SPEND: { en: '{kpi} needs marketing spend: add --spend FILE', zh: '{kpi} 需要营销费用：请加上 --spend FILE' },
  HINT_KPI_NEEDS_COLUMN: {
    en: '{kpi} needs a {what} column in the sales data: name it with --map {field}=<header>',
    zh: '{kpi} 需要销售数据中有{what}列：请用 --map {field}=<表头> 指定',
  },
  HINT_COLUMN_customer: { en: 'customer', zh: '客户' },
  HINT_COLUMN_createdDate: { en: 'created date', zh: '创建日期' },
  HINT_COLUMN_quantity: { en: 'quantity', zh: '数量' },
  HINT_COLUMN_status: { en: 'status (won/lost)', zh: '状态（赢单/输单）' },
  HINT_COLUMN_profit: { en: 'profit or cost', zh: '利润或成本' },
  LIMIT_UNIT_columns: { en: 'columns', zh: '列' },
  LIMIT_UNIT_characters: { en: 'characters', zh: '个字符' },
  LIMIT_UNIT_bytes: { en: 'bytes', zh: '字节' },
  LIMIT_UNIT_strings: { en: 'strings', zh: '个字符串' },
  LIMIT_UNIT_rows: { en: 'rows', zh: '行' },
  LIMIT_UNIT_ratio: { en: '× compression', zh: '倍压缩比' },
  LIMIT_WHAT_columnsPerRow: {
    en: 'columns in one CSV record or sheet row, so also header names (Excel: 16,384, column XFD)',
    zh: '一条 CSV 记录或一行工作表中的列数，也即表头名称数（Excel：16,384，即 XFD 列）',
  },
  LIMIT_WHAT_sheetRows: { en: 'row number of a sheet row (Excel: 1,048,576)', zh: '工作表行的行号（Excel：1,048,576）' },
  LIMIT_WHAT_fieldChars: {
    en: 'characters in one CSV field or sheet cell (Excel shows 32,767)',
    zh: '一个 CSV 字段或工作表单元格中的字符数（Excel 显示 32,767 个）',
  },
  LIMIT_WHAT_recordChars: { en: "characters in one CSV record or one sheet row's XML", zh: '一条 CSV 记录或一行工作表 XML 中的字符数' },
  LIMIT_WHAT_sharedStrings: { en: 'strings in xl/sharedStrings.xml', zh: 'xl/sharedStrings.xml 中的字符串数' },
  LIMIT_WHAT_sharedStringsBytes: {
    en: 'inflated size of xl/sharedStrings.xml (held in memory as one string; V8 strings stop at 512 Mi characters)',
    zh: 'xl/sharedStrings.xml 解压后的大小（作为一个字符串保存在内存中；V8 字符串最多 512 Mi 个字符）',
  },
  LIMIT_WHAT_xmlPartBytes: {
    en: 'inflated size of a workbook part read whole (workbook.xml, its rels, styles.xml)',
    zh: '整体读取的工作簿部分解压后的大小（workbook.xml、其关系文件、styles.xml）',
  },
  LIMIT_WHAT_entryBytes: {
    en: 'inflated size of one zip entry (a sheet is streamed, never held whole)',
    zh: '单个 zip 条目解压后的大小（工作表按流读取，从不整体保存）',
  },
  LIMIT_WHAT_totalBytes: { en: 'inflated bytes read from one workbook in all', zh: '从一个工作簿中总共解压读取的字节数' },
  LIMIT_WHAT_compressionRatio: {
    en: 'inflated bytes per compressed byte of an entry, checked while inflating once 4 MiB are out (real sheets: 3–15; a deflate bomb: about 1,000)',
    zh: '条目每个压缩字节解压出的字节数，解压出 4 MiB 后开始检查（真实工作表：3–15；deflate 炸弹：约 1,000）',
  },

  // ---- scorecard and payout as HTML (render/html/scorecard.ts, payout.ts) ----
  HTML_SC_TITLE: { en: 'Scorecard, {period}', zh: '{period} 业绩评分卡' },
  HTML_SC_FOOTER: { en: 'Made by salesperf scorecard from the inputs listed above.', zh: '由 salesperf scorecard 根据上列输入文件生成。' },
  HTML_SC_META_PERIOD: { en: 'Period scored', zh: '评分期间' },
  HTML_SC_META_BY: { en: 'Scored by', zh: '评分对象' },
  HTML_SC_META_KPIS: { en: 'KPIs (weight used)', zh: '指标（实际权重）' },
  HTML_SC_META_BANDS: { en: 'Bands', zh: '等级' },
  HTML_SC_BAND_FLOOR: { en: '{band} ≥ {min}', zh: '{band} ≥ {min} 分' },
  HTML_SC_SECTION_TABLE: { en: 'Scores', zh: '评分' },
  HTML_SC_RANK: { en: 'Rank', zh: '排名' },
  HTML_SC_SCORE: { en: 'Score', zh: '得分' },
  HTML_SC_BAND: { en: 'Band', zh: '等级' },
  HTML_SC_VALUE: { en: 'Value', zh: '数值' },
  HTML_SC_SUBSCORE: { en: 'Sub-score', zh: '单项得分' },
  HTML_SC_POINTS: { en: 'Points', zh: '加权得分' },
  HTML_SC_KPI_HEAD: { en: '{label} ({weight})', zh: '{label}（{weight}）' },
  HTML_SC_NO_VALUE: { en: 'no value', zh: '无数值' },
  HTML_SC_NO_TARGET: { en: 'no target', zh: '无目标' },
  HTML_SC_SECTION_BANDS: { en: 'Score and band', zh: '得分与等级' },
  HTML_SC_BANDS_TITLE: { en: 'Score by {who}, {period}', zh: '{period} 各{who}得分' },
  HTML_SC_BANDS_DESC: {
    en: 'Bar chart of the score of each {who} in {period}, highest first, coloured by band, with the band floors as dashed lines ({floors}). Per band: {counts}.',
    zh: '柱状图：{period} 各{who}的得分，从高到低，按等级着色，虚线为各等级下限（{floors}）。各等级数量：{counts}。',
  },
  HTML_SC_NOT_SCORED_COUNT: { en: ' {count} not scored (see the table).', zh: '另有 {count} 个未评分（见表格）。' },
  HTML_SC_CAPPED: {
    en: ' The chart shows the top {shown} of {groups}; all are in the table.',
    zh: '图中只显示前 {shown} 名（共 {groups} 个）；全部见表格。',
  },
  HTML_SC_SECTION_CONTRIB: { en: 'What each KPI contributes', zh: '各指标贡献' },
  HTML_SC_CONTRIB_TITLE: { en: 'Points per KPI by {who}, {period}', zh: '{period} 各{who}各指标加权得分' },
  HTML_SC_CONTRIB_DESC: {
    en: 'Stacked bar chart: the score of each {who} split into the weighted points of each KPI ({kpis}); the height of a bar is the score.',
    zh: '堆叠柱状图：各{who}的得分按指标（{kpis}）拆分为加权得分；柱高即总得分。',
  },
  HTML_SC_SECTION_FEEDBACK: { en: 'Feedback', zh: '反馈' },
  HTML_SC_NOTES: { en: 'Notes', zh: '说明' },
  HTML_SC_CHECKS: { en: 'Target reasonableness (against the trailing average)', zh: '目标合理性（与前几期平均相比）' },
  HTML_SC_CHECK_TARGET: { en: 'Target', zh: '目标' },
  HTML_SC_CHECK_TRAILING: { en: 'Trailing average', zh: '前几期平均' },
  HTML_SC_CHECK_PERIODS: { en: 'Periods averaged', zh: '平均期数' },
  HTML_SC_CHECK_RATIO: { en: 'Target ÷ average', zh: '目标 ÷ 平均' },
  HTML_SC_CHECK_LAST_YEAR: { en: 'Same period last year', zh: '去年同期' },
  HTML_SC_CHECK_VERDICT: { en: 'Check', zh: '判断' },
  HTML_SC_CHECK_HIGH: { en: 'too high?', zh: '偏高' },
  HTML_SC_CHECK_LOW: { en: 'too low?', zh: '偏低' },
  HTML_PAY_TITLE: { en: 'Incentive payout: {plan}', zh: '提成结算：{plan}' },
  HTML_PAY_FOOTER: {
    en: 'Made by salesperf payout from the inputs and plan listed above.',
    zh: '由 salesperf payout 根据上列输入文件和提成方案生成。',
  },
  HTML_PAY_META_PLAN: { en: 'Plan', zh: '提成方案' },
  HTML_PAY_META_COMPARE: { en: 'Compared with', zh: '对比方案' },
  HTML_PAY_META_STATEMENTS: { en: 'Statements', zh: '结算单' },
  HTML_PAY_META_TOTAL: { en: 'Total payout', zh: '提成总计' },
  HTML_PAY_SECTION_SUMMARY: { en: 'Payout by rep', zh: '各业务员提成' },
  HTML_PAY_REP: { en: 'Rep', zh: '业务员' },
  HTML_PAY_CREDITED: { en: 'Credited', zh: '计入业绩' },
  HTML_PAY_TARGET: { en: 'Target', zh: '目标' },
  HTML_PAY_ATTAINMENT: { en: 'Attainment', zh: '达成率' },
  HTML_PAY_TIER: { en: 'Tier', zh: '档位' },
  HTML_PAY_TOTAL: { en: 'Payout', zh: '提成' },
  HTML_PAY_COMPONENT: { en: 'Component', zh: '项目' },
  HTML_PAY_LINE: { en: 'Line', zh: '明细' },
  HTML_PAY_BASIS: { en: 'Basis', zh: '基数' },
  HTML_PAY_RATE: { en: 'Rate', zh: '比例' },
  HTML_PAY_COUNT: { en: 'Count', zh: '数量' },
  HTML_PAY_AMOUNT: { en: 'Amount', zh: '金额' },
  HTML_PAY_NOTE: { en: 'Note', zh: '备注' },
  HTML_PAY_COMP_base: { en: 'Base', zh: '基本提成' },
  HTML_PAY_COMP_tier: { en: 'Tiers', zh: '阶梯提成' },
  HTML_PAY_COMP_bonus: { en: 'Bonuses', zh: '奖金' },
  HTML_PAY_COMP_clawback: { en: 'Clawbacks', zh: '追回' },
  HTML_PAY_COMP_gate: { en: 'Gate', zh: '门槛扣回' },
  HTML_PAY_COMP_cap: { en: 'Cap', zh: '封顶扣减' },
  HTML_PAY_BY_REP_TITLE: { en: 'Payout by rep and component, {periods}', zh: '{periods} 各业务员提成（按项目）' },
  HTML_PAY_BY_REP_DESC: {
    en: 'Stacked bar chart of the payout of each rep over {periods}, largest first, split by component ({components}); what the gate, a cap or a clawback takes back is below zero. Total {total} for {reps} reps.',
    zh: '堆叠柱状图：{periods} 各业务员的提成，从高到低，按项目（{components}）拆分；门槛、封顶和追回扣减的部分在零线以下。{reps} 位业务员合计 {total}。',
  },
  HTML_PAY_CAPPED: {
    en: ' The chart shows the {shown} reps with the largest payout of {reps}; all are in the table.',
    zh: '图中只显示提成最高的 {shown} 位业务员（共 {reps} 位）；全部见表格。',
  },
  HTML_PAY_SECTION_TIERS: { en: 'Tier schedule', zh: '提成档位' },
  HTML_PAY_TIERS_TITLE: { en: 'Tier rate by attainment ({mode})', zh: '各达成率对应的档位比例（{mode}）' },
  HTML_PAY_MODE_marginal: { en: 'marginal: each slice at its own rate', zh: '超额累进：每段按各自比例' },
  HTML_PAY_MODE_retroactive: { en: 'retroactive: the tier reached pays on all', zh: '全额累进：达到的档位比例适用于全部' },
  HTML_PAY_TIERS_DESC: {
    en: 'Step line of the tier rate against attainment of target: {tiers}. Points mark the attainment of each rep in {period}{gate}{cap}.',
    zh: '阶梯线：各达成率对应的档位比例：{tiers}。圆点为 {period} 各业务员的达成率{gate}{cap}。',
  },
  HTML_PAY_TIER_STEP: { en: '{rate} from {from}', zh: '{from} 起 {rate}' },
  HTML_PAY_GATE_DESC: { en: '; no variable pay below the gate at {min}', zh: '；低于门槛 {min} 无浮动提成' },
  HTML_PAY_CAP_DESC: { en: '; attainment is credited up to {max}', zh: '；达成率最多按 {max} 计入' },
  HTML_PAY_TIERS_OFF: {
    en: ' {count} {count|rep is|reps are} above {max}: drawn as an arrow at the right edge (the table has the attainment).',
    zh: '另有 {count} 位业务员高于 {max}：在右端以箭头表示（达成率见表格）。',
  },
  HTML_PAY_GATE_LINE: { en: 'gate {min}', zh: '门槛 {min}' },
  HTML_PAY_CAP_LINE: { en: 'credited up to {max}', zh: '最多计入 {max}' },
  HTML_PAY_TIER_RATE: { en: 'Tier rate', zh: '档位比例' },
  HTML_PAY_REPS_SERIES: { en: 'Reps in {period}', zh: '{period} 业务员' },
  HTML_PAY_SECTION_STATEMENTS: { en: 'Statements', zh: '结算单' },
  HTML_PAY_NONE: { en: 'No statements in the periods chosen.', zh: '所选期间没有结算单。' },
  HTML_PAY_SECTION_COMPARE: { en: 'Plan comparison', zh: '方案对比' },
  HTML_PAY_DELTA: { en: 'Difference', zh: '差额' },
  HTML_PAY_TOTAL_COST: { en: 'Total cost', zh: '方案总成本' },

  // ---- the HTML report (render/html) ----
  HTML_REPORT_TITLE: { en: 'Sales performance report', zh: '销售业绩报表' },
  HTML_META_GRAIN: { en: 'Grain', zh: '粒度' },
  HTML_META_DIMENSIONS: { en: 'Grouped by', zh: '分组维度' },
  HTML_META_PERIODS: { en: 'Periods', zh: '期间' },
  HTML_META_AS_OF: { en: 'As of', zh: '截至' },
  HTML_META_INPUTS: { en: 'Inputs', zh: '输入文件' },
  HTML_META_TARGETS: { en: 'Targets', zh: '目标文件' },
  HTML_META_CURRENCY: { en: 'Currency', zh: '币种' },
  HTML_META_ROWS: { en: '{accepted} rows used of {read} read', zh: '读取 {read} 行，采用 {accepted} 行' },
  HTML_GRAIN_MONTH: { en: 'month', zh: '月' },
  HTML_GRAIN_WEEK: { en: 'week', zh: '周' },
  HTML_GRAIN_QUARTER: { en: 'quarter', zh: '季度' },
  HTML_GRAIN_YEAR: { en: 'year', zh: '年' },
  HTML_SECTION_TABLE: { en: 'KPIs per group and period', zh: '各分组各期间指标' },
  HTML_SECTION_TOTALS: { en: 'KPIs per period', zh: '各期间指标' },
  HTML_SECTION_TREND: { en: 'Revenue trend', zh: '销售额趋势' },
  HTML_SECTION_ATTAINMENT: { en: 'Target attainment', zh: '目标达成' },
  HTML_TOTAL: { en: 'Total', zh: '合计' },
  HTML_NONE: { en: '(none)', zh: '（无）' },
  HTML_DATA_TABLE: { en: 'The numbers in this chart', zh: '图表数据' },
  HTML_TREND_TITLE: { en: 'Revenue per {grain}', zh: '每{grain}销售额' },
  HTML_TREND_DESC: {
    en: 'Line chart of revenue per {grain} from {first} to {last}: {series}. The total for the last period is {total}.',
    zh: '折线图：{first} 至 {last} 每{grain}的销售额：{series}。最后一期合计为 {total}。',
  },
  HTML_TREND_SERIES_TOTAL: { en: 'the total', zh: '合计' },
  HTML_TREND_SERIES_ALL: { en: 'the total and each of the {groups} groups', zh: '合计及全部 {groups} 个分组' },
  HTML_TREND_SERIES_TOP: {
    en: 'the total and the top {shown} of {groups} groups by revenue over all periods',
    zh: '合计及全部期间销售额最高的 {shown} 个分组（共 {groups} 个）',
  },
  HTML_TREND_CAPPED: {
    en: 'The chart shows the top {shown} of {groups} groups by revenue; the other {rest} are in the table above.',
    zh: '图中只显示销售额最高的 {shown} 个分组（共 {groups} 个）；其余 {rest} 个见上方表格。',
  },
  HTML_ATT_TITLE: { en: 'Attainment by group, {period}', zh: '{period} 各分组目标达成率' },
  HTML_ATT_DESC: {
    en: 'Bar chart of target attainment (revenue / target) per group in {period} against the 100% line: {above} of {groups} groups at or above 100%.',
    zh: '柱状图：{period} 各分组的目标达成率（销售额 / 目标），参考线为 100%：{groups} 个分组中有 {above} 个达到或超过 100%。',
  },
  HTML_ATT_PACE: {
    en: ' {period} is in progress: pace compares revenue with the part of the target expected by {asOf}.',
    zh: '{period} 尚未结束：进度为销售额与截至 {asOf} 应完成目标之比。',
  },
  HTML_ATT_CAPPED: {
    en: 'The chart shows the {shown} groups with the most revenue of {groups}; all are in the table above.',
    zh: '图中只显示销售额最高的 {shown} 个分组（共 {groups} 个）；全部分组见上方表格。',
  },
  HTML_TARGET_LINE: { en: '100% of target', zh: '目标 100%' },
  HTML_GROUP: { en: 'Group', zh: '分组' },
  HTML_PERIOD: { en: 'Period', zh: '期间' },
  HTML_FOOTER: { en: 'Made by salesperf report from the inputs listed above.', zh: '由 salesperf report 根据上列输入文件生成。' },
  // insights (issue 13)
  FLAG_INSIGHTS_INT: {
    en: '{flag} must be a whole number from {min} to {max}, not {value}',
    zh: '{flag} 必须是 {min} 到 {max} 之间的整数，而不是 {value}',
  },
  FLAG_INSIGHTS_Z: {
    en: '--anomaly-z must be a number above 0 (e.g. 3.5), not {value}',
    zh: '--anomaly-z 必须是大于 0 的数（例如 3.5），而不是 {value}',
  },
  INS_NO_COMPLETE_PERIOD: {
    en: 'no complete period yet: {period} is still in progress at the as-of date',
    zh: '尚无完整期间：截至日期时 {period} 仍在进行中',
  },
  INS_NO_PREVIOUS: {
    en: '{period} is the first period with data: no change against a previous period',
    zh: '{period} 是第一个有数据的期间：无法与上一期比较',
  },
  INS_NO_YEAR_AGO: { en: 'no data a year before {period}: no change against last year', zh: '{period} 一年前没有数据：无法与去年同期比较' },
  INS_NO_TARGETS: {
    en: 'no targets (add --targets FILE): no attainment and no check of existing targets',
    zh: '没有目标（可加 --targets FILE）：无达成率，也无法检查现有目标',
  },
  INS_TOO_FEW_PERIODS: { en: 'too few periods: {need} needed, {have} complete', zh: '期间太少：需要 {need} 个，只有 {have} 个完整期间' },
  INS_ANOMALY_NO_SEASON: {
    en: 'fewer than {need} periods ({have}): the expected value is the previous period, not the same period a season earlier',
    zh: '期间少于 {need} 个（{have} 个）：预期值取上一期，而非上一季节的同期',
  },
  INS_NO_BACKTEST: {
    en: 'too few periods ({have}) to backtest the models: the model is chosen by rule (seasonal naive with a full season, else naive)',
    zh: '期间太少（{have} 个），无法回测模型：按规则选择模型（有完整季节用季节朴素法，否则用朴素法）',
  },
  INS_NO_CUSTOMER: { en: 'no customer column: name it with --map customer=<header>', zh: '没有客户列：请用 --map customer=<列名> 指定' },
  INS_ROWS_NO_CUSTOMER: { en: '{rows} revenue row(s) without a customer left out', zh: '{rows} 行没有客户的收入行未计入' },
  // insights: forecasts of other KPIs and the weighted pipeline
  FLAG_FORECAST_KPIS: {
    en: '--forecast-kpis takes KPIs that add up over periods, comma-separated ({allowed}), not {value}',
    zh: '--forecast-kpis 只接受可跨期间相加的指标，用逗号分隔（{allowed}），而不是 {value}',
  },
  FLAG_STAGE_PROBABILITIES_READ: {
    en: '--stage-probabilities {file} cannot be read: {reason}',
    zh: '无法读取 --stage-probabilities {file}：{reason}',
  },
  STAGE_PROB_JSON: { en: '{file} is not a readable stage-probability file: {reason}', zh: '{file} 不是可读取的阶段概率文件：{reason}' },
  STAGE_PROB_SHAPE: {
    en: '{file}: expected stage probabilities as a JSON object {"Engaging": 0.4, …} or a CSV with columns stage, probability',
    zh: '{file}：阶段概率应为 JSON 对象 {"Engaging": 0.4, …} 或含 stage、probability 两列的 CSV',
  },
  STAGE_PROB_INVALID: {
    en: '{file}: each stage needs a probability from 0 to 1 (50% is 0.5); not valid: {list}',
    zh: '{file}：每个阶段的概率须在 0 到 1 之间（50% 写作 0.5）；无效的项：{list}',
  },
  INS_FORECAST_KPI_NOTE: { en: '{kpi} forecast: {note}', zh: '{kpi} 预测：{note}' },
  INS_FORECAST_KPI_UNAVAILABLE: {
    en: '{kpi} cannot be forecast: the files lack the column it needs',
    zh: '无法预测 {kpi}：文件缺少它所需的列',
  },
  INS_NO_PIPELINE: {
    en: 'no open deals: no weighted pipeline (it needs a status or stage column with open stages)',
    zh: '没有进行中的商机：无加权管道预测（需要含进行中阶段的状态或阶段列）',
  },
  INS_PIPELINE_UNREAD: {
    en: '{deals} open deal(s) with neither a close date nor a created date were not read (OPEN_UNDATED): not in the pipeline',
    zh: '{deals} 个既无成交日期也无创建日期的进行中商机未读取（OPEN_UNDATED）：未计入管道',
  },
  INS_PIPELINE_OVERALL: {
    en: 'stage probabilities: the overall win rate {rate} of {won} won and {lost} lost deals for every open stage (the file shows each closed deal only at its final stage; give per-stage probabilities with --stage-probabilities FILE)',
    zh: '阶段概率：所有进行中阶段均采用总体赢单率 {rate}（{won} 个赢单、{lost} 个丢单）；文件只显示已结束商机的最终阶段，可用 --stage-probabilities FILE 给出各阶段概率',
  },
  INS_PIPELINE_NO_RATE: {
    en: 'no closed deals up to the as-of date and no given probability for some stages: their deals weigh 0',
    zh: '截至日期前没有已结束的商机，且部分阶段未给出概率：这些商机按 0 计',
  },
  INS_PIPELINE_PRICED: {
    en: "{deals} open deal(s) without an amount valued at their product's average won amount",
    zh: '{deals} 个没有金额的进行中商机按其产品的平均赢单金额估值',
  },
  INS_PIPELINE_NO_VALUE: {
    en: '{deals} open deal(s) without value (no amount, no product with won deals): counted, worth 0',
    zh: '{deals} 个进行中商机没有金额（也无有赢单记录的产品）：计数但按 0 计',
  },
  INS_PIPELINE_UNDATED: {
    en: "{deals} open deal(s) have no close date: shown apart (timing unknown), not in any period's forecast",
    zh: '{deals} 个进行中商机没有成交日期：单独列出（时间未知），不计入任何期间的预测',
  },
  INS_PIPELINE: {
    en: 'Weighted pipeline for {period}: {won} won / {lost} lost deals closed so far (win rate {rate}); commit = stages with P(win) ≥ {commitAt}',
    zh: '{period} 的加权管道：迄今已结束 {won} 个赢单 / {lost} 个丢单（赢单率 {rate}）；承诺 = P(赢单) ≥ {commitAt} 的阶段',
  },
  INS_PIPELINE_FORECAST: {
    en: '{period}: {toDate} to date; with the pipeline expected to close in it: commit {commit}, weighted {weighted}, best case {bestCase}; run rate {runRate}',
    zh: '{period}：迄今 {toDate}；加上预计在本期成交的管道：承诺 {commit}，加权 {weighted}，最佳 {bestCase}；按当前速度 {runRate}',
  },
  INS_FORECAST_KPI: { en: '{kpi} forecast: {model}', zh: '{kpi} 预测：{model}' },
  INS_COL_STAGE: { en: 'stage / close', zh: '阶段 / 成交' },
  INS_COL_PROBABILITY: { en: 'P(win)', zh: '赢单概率' },
  INS_COL_DEALS: { en: 'deals', zh: '商机数' },
  INS_COL_NO_VALUE: { en: 'priced / no value', zh: '估值 / 无金额' },
  INS_COL_BEST_CASE: { en: 'best case', zh: '最佳' },
  INS_COL_COMMIT: { en: 'commit', zh: '承诺' },
  INS_COL_WEIGHTED: { en: 'weighted', zh: '加权' },
  INS_BUCKET_CURRENT: { en: 'closing by {period}', zh: '{period} 及之前成交' },
  INS_BUCKET_NEXT: { en: 'closing in {period}', zh: '{period} 成交' },
  INS_BUCKET_LATER: { en: 'closing later', zh: '更晚成交' },
  INS_BUCKET_UNDATED: { en: 'no close date', zh: '无成交日期' },
  INS_SOURCE_GIVEN: { en: 'given', zh: '给定' },
  INS_SOURCE_OVERALL: { en: 'overall', zh: '总体' },
  INS_TITLE: { en: 'Sales insights', zh: '销售洞察' },
  INS_HEADLINE: { en: 'Headline: {period} ({why})', zh: '概览：{period}（{why}）' },
  INS_WHY_COMPLETE: { en: 'the as-of period', zh: '截至日期所在期间' },
  INS_WHY_LAST_COMPLETE: { en: 'the last complete period; {inProgress} is in progress', zh: '最近一个完整期间；{inProgress} 仍在进行中' },
  INS_WHY_LAST_DATA: { en: 'the last period with data', zh: '最近一个有数据的期间' },
  INS_CHANGE_BY: {
    en: 'Change of {kpi} against {period} by {dim}, largest first',
    zh: '{kpi} 较 {period} 的变化，按 {dim} 分解，从大到小',
  },
  INS_TREND: { en: 'Trend over the last {n} periods (Theil–Sen slope per period)', zh: '最近 {n} 个期间的趋势（Theil–Sen 每期斜率）' },
  INS_ANOMALIES: { en: 'Anomalies (robust z above {z})', zh: '异常值（稳健 z 大于 {z}）' },
  INS_NO_ANOMALIES: { en: 'no value outside its expected range', zh: '没有超出预期范围的值' },
  INS_FORECAST: {
    en: 'Revenue forecast: {model} (chosen by backtest over {origins} origins)',
    zh: '收入预测：{model}（经 {origins} 个起点回测选出）',
  },
  INS_FORECAST_RULE: { en: 'Revenue forecast: {model} (chosen by rule)', zh: '收入预测：{model}（按规则选择）' },
  INS_RUN_RATE: {
    en: '{period} in progress: {toDate} to date, {forecast} at the current run rate',
    zh: '{period} 进行中：迄今 {toDate}，按当前速度预计 {forecast}',
  },
  INS_COHORTS: {
    en: 'Cohorts: customers by first purchase (retention share by periods since)',
    zh: '客户群：按首次购买期间（按之后期数的留存比例）',
  },
  INS_CONCENTRATION: { en: 'Concentration of revenue over customers, {from} … {to}', zh: '收入在客户间的集中度，{from} … {to}' },
  INS_TARGETS: { en: 'Suggested targets for {period} (80% band)', zh: '{period} 的建议目标（80% 区间）' },
  INS_NOTES: { en: 'Notes', zh: '说明' },
  INS_MORE_ROWS: { en: '… {count} more (all in --format json)', zh: '… 另有 {count} 行（完整内容见 --format json）' },
  // insights --format html (issue 13)
  HTML_INS_FOOTER: {
    en: 'Made by salesperf insights from the inputs listed above; the numbers behind each chart are in its table.',
    zh: '由 salesperf insights 根据上列输入文件生成；每张图表的数据见其下方表格。',
  },
  HTML_META_CURRENT: { en: 'Headline period', zh: '概览期间' },
  HTML_INS_SECTION_HEADLINE: { en: 'Headline: {period}', zh: '概览：{period}' },
  HTML_INS_HEADLINE_CAPTION: {
    en: 'KPIs in {period} against target, the previous period and a year earlier',
    zh: '{period} 各指标与目标、上期及去年同期的比较',
  },
  HTML_INS_HEADLINE_VALUE: { en: '{kpi} in {period}: {value}', zh: '{period} {kpi}：{value}' },
  HTML_INS_HEADLINE_VS: { en: '{change} on {period} ({value})', zh: '较 {period}（{value}）{change}' },
  HTML_INS_HEADLINE_ATT: { en: '{attainment} of the target {target}', zh: '达成目标 {target} 的 {attainment}' },
  HTML_INS_SEP: { en: '; ', zh: '；' },
  HTML_INS_CONTRIB_TITLE: { en: 'Change of {kpi} from {from} to {to} by {dim}', zh: '{kpi}从 {from} 到 {to} 的变化（按{dim}）' },
  HTML_INS_CONTRIB_DESC: {
    en: 'Horizontal bars of each group’s change of {kpi} from {from} to {to} (total change {change}), green for a rise and red for a fall, largest first; {groups} groups changed. Largest: {movers}.',
    zh: '横向条形图：各分组{kpi}从 {from} 到 {to} 的变化（总变化 {change}），绿色为增加、红色为减少，按变化大小排序；共 {groups} 个分组有变化。变化最大：{movers}。',
  },
  HTML_INS_CAPPED: {
    en: 'The chart shows {shown} of {count}; all are in its table.',
    zh: '图中显示 {count} 个中的 {shown} 个；全部见其数据表。',
  },
  HTML_INS_SECTION_TREND: { en: 'Trend and forecast', zh: '趋势与预测' },
  HTML_INS_TREND_TITLE: { en: 'Revenue per {grain}, with the forecast and anomalies', zh: '每{grain}销售额、预测与异常值' },
  HTML_INS_TREND_DESC: {
    en: 'Line chart of total revenue per {grain} from {first} to {last} (last: {total}).',
    zh: '折线图：{first} 至 {last} 每{grain}的销售额合计（最后一期 {total}）。',
  },
  HTML_INS_TREND_GROUPS: {
    en: 'Thin lines: each of the {all} groups (at most {max} are drawn).',
    zh: '细线：全部 {all} 个分组（最多画 {max} 个）。',
  },
  HTML_INS_TREND_NO_GROUPS: {
    en: 'The {all} groups are not drawn (more than {max}): each group’s trend is in the table below.',
    zh: '{all} 个分组未画出（多于 {max} 个）：各分组趋势见下表。',
  },
  HTML_INS_TREND_FORECAST: {
    en: 'Dashed: the {model} forecast for {first} … {last} with its 80% and 95% bands; {period}: {mean} (80%: {lo80} … {hi80}; 95%: {lo95} … {hi95}).',
    zh: '虚线：{model}对 {first} … {last} 的预测及其 80% 和 95% 区间；{period}：{mean}（80%：{lo80} … {hi80}；95%：{lo95} … {hi95}）。',
  },
  HTML_INS_TREND_ANOMALIES: { en: 'Circled: {count} anomalies — {list}.', zh: '圆圈标出 {count} 个异常值——{list}。' },
  HTML_INS_ANOMALY_ITEM: {
    en: '{group} {period}: {actual}, expected {expected} (range {lo} … {hi})',
    zh: '{group} {period}：{actual}，预期 {expected}（范围 {lo} … {hi}）',
  },
  HTML_INS_TREND_MORE: { en: '{count} more in the anomalies table.', zh: '另有 {count} 个见异常值表。' },
  HTML_INS_TREND_NO_ANOMALIES: { en: 'No value on these lines is outside its expected range.', zh: '图中各线没有超出预期范围的值。' },
  HTML_INS_FORECAST_LINE: { en: 'Forecast ({model})', zh: '预测（{model}）' },
  HTML_INS_BAND: { en: '{level} band', zh: '{level} 区间' },
  HTML_INS_ANOMALY_POINTS: { en: 'Anomaly', zh: '异常值' },
  HTML_INS_ANOMALIES_DESC: {
    en: 'Values outside their expected range: the expected value is the same period a season earlier (or the previous period), the range the usual deviation from it at robust z {z}.',
    zh: '超出预期范围的值：预期值为上一季节同期（或上一期）的值，范围为稳健 z = {z} 时的常见偏差。',
  },
  HTML_INS_SECTION_FORECAST: { en: 'Forecast of {kpi} and backtest', zh: '{kpi}预测与回测' },
  HTML_INS_FORECAST_CAPTION: { en: 'Forecast of {kpi} with 80% and 95% intervals', zh: '{kpi}预测及 80% 和 95% 区间' },
  HTML_INS_BACKTEST_CAPTION: {
    en: 'Rolling-origin backtest over {origins} origins: the lowest MASE is chosen',
    zh: '滚动起点回测（{origins} 个起点）：选 MASE 最低者',
  },
  HTML_INS_MODEL: { en: 'model', zh: '模型' },
  HTML_INS_FORECASTS: { en: 'forecasts scored', zh: '评估次数' },
  HTML_INS_IN80: { en: 'inside 80%', zh: '落入 80% 区间' },
  HTML_INS_IN95: { en: 'inside 95%', zh: '落入 95% 区间' },
  HTML_INS_CHOSEN: { en: 'chosen', zh: '选用' },
  HTML_INS_SECTION_COHORTS: { en: 'Customer cohorts', zh: '客户群留存' },
  HTML_INS_COHORT_TITLE: { en: 'Retention by first-purchase {grain}', zh: '按首次购买{grain}的留存' },
  HTML_INS_COHORT_DESC: {
    en: 'Heatmap: one row per cohort (customers by the period of their first purchase, {first} … {last}: {cohorts} cohorts, {customers} customers), one column per period since; the darker the cell, the larger the share of the cohort that bought again then (the darkest colour is {max} or more). The table gives the customers and the share.',
    zh: '热力图：每行一个客户群（按首次购买期间分组，{first} … {last}：{cohorts} 个客户群，{customers} 位客户），每列为之后第几期；颜色越深，该期再次购买的客户比例越高（最深色为 {max} 及以上）。表中列出客户数及比例。',
  },
  HTML_INS_COHORT_CAPPED: {
    en: 'The chart shows the latest {shown} of {count} cohorts (all in --format json).',
    zh: '图中显示 {count} 个客户群中最近的 {shown} 个（全部见 --format json）。',
  },
  HTML_INS_PERIODS_SINCE: { en: '{grain}s since the first purchase', zh: '首次购买后第几{grain}' },
  HTML_INS_RETENTION: { en: 'retention', zh: '留存率' },
  HTML_INS_PARETO_TITLE: { en: 'Pareto curve of revenue over customers, {from} … {to}', zh: '客户收入帕累托曲线，{from} … {to}' },
  HTML_INS_PARETO_DESC: {
    en: 'Line chart of the cumulative share of revenue against the share of customers, largest first ({customers} customers with revenue, {from} … {to}); the dotted diagonal is equal shares. {count} customers ({share}) make 80% of the revenue (marked). {top}; HHI {hhi}.',
    zh: '折线图：按收入从高到低累计的收入占比与客户占比（{from} … {to} 有收入的客户 {customers} 位）；点线对角线表示均等。{count} 位客户（{share}）贡献 80% 的收入（已标出）。{top}；HHI {hhi}。',
  },
  HTML_INS_TOP_SHARE: { en: 'top {n}: {share}', zh: '前 {n} 位：{share}' },
  HTML_INS_PARETO_X: { en: 'share of customers', zh: '客户占比' },
  HTML_INS_PARETO_Y: { en: 'share of revenue', zh: '收入占比' },
  HTML_INS_PARETO_EQUAL: { en: 'equal shares', zh: '均等' },
  HTML_INS_PARETO_CURVE: { en: 'cumulative revenue', zh: '累计收入' },
  HTML_INS_PARETO_MARK: { en: '80% of revenue: {count} customers ({share})', zh: '80% 收入：{count} 位客户（{share}）' },
  HTML_INS_SECTION_TARGETS: { en: 'Target suggestions', zh: '目标建议' },
  HTML_INS_TARGETS_DESC: {
    en: 'For {period}, per group: the suggested target (bar) from the chosen forecast model, its 80% band (shaded) and the existing target (diamond) where one is given; {flagged} of the {groups} groups have an existing target outside the band.',
    zh: '{period} 各分组：所选预测模型给出的建议目标（横条）、其 80% 区间（阴影）及已有目标（菱形）；{groups} 个分组中有 {flagged} 个的已有目标落在区间之外。',
  },
  INS_COL_KPI: { en: 'KPI', zh: '指标' },
  INS_COL_TARGET: { en: 'target', zh: '目标' },
  INS_COL_ATTAINMENT: { en: 'attainment', zh: '达成率' },
  INS_COL_PREVIOUS: { en: 'previous', zh: '上期' },
  INS_COL_YEAR_AGO: { en: 'year ago', zh: '去年同期' },
  INS_COL_CHANGE: { en: 'change', zh: '变化' },
  INS_COL_SHARE: { en: 'share', zh: '占比' },
  INS_COL_GROUP: { en: 'group', zh: '分组' },
  INS_COL_SLOPE: { en: 'slope / period', zh: '每期斜率' },
  INS_COL_SLOPE_SHARE: { en: 'slope / level', zh: '斜率 / 水平' },
  INS_COL_DIRECTION: { en: 'direction', zh: '方向' },
  INS_COL_PERIOD: { en: 'period', zh: '期间' },
  INS_COL_ACTUAL: { en: 'actual', zh: '实际' },
  INS_COL_EXPECTED: { en: 'expected', zh: '预期' },
  INS_COL_RANGE: { en: 'expected range', zh: '预期范围' },
  INS_COL_EXPLAINED_BY: { en: 'explained by', zh: '主要来源' },
  INS_COL_FORECAST: { en: 'forecast', zh: '预测' },
  INS_COL_COHORT: { en: 'cohort', zh: '客户群' },
  INS_COL_CUSTOMERS: { en: 'customers', zh: '客户数' },
  INS_COL_REVENUE: { en: 'revenue', zh: '销售额' },
  INS_COL_TOP: { en: 'top', zh: '前' },
  INS_COL_PARETO: { en: 'customers for 80%', zh: '贡献 80% 的客户' },
  INS_COL_SUGGESTED: { en: 'suggested', zh: '建议' },
  INS_COL_BAND: { en: '80% band', zh: '80% 区间' },
  INS_COL_FLAG: { en: 'existing target', zh: '现有目标' },
  INS_DIR_UP: { en: 'up', zh: '上升' },
  INS_DIR_DOWN: { en: 'down', zh: '下降' },
  INS_DIR_FLAT: { en: 'flat', zh: '持平' },
  INS_MODEL_NAIVE: { en: 'naive', zh: '朴素法' },
  INS_MODEL_SEASONAL_NAIVE: { en: 'seasonal naive', zh: '季节朴素法' },
  INS_MODEL_HOLT_WINTERS: { en: 'Holt–Winters', zh: 'Holt–Winters 法' },
  INS_FLAG_ABOVE: { en: 'above the band', zh: '高于区间' },
  INS_FLAG_BELOW: { en: 'below the band', zh: '低于区间' },
};

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?:\|([^|}]*)\|([^}]*))?\}/g;

/** The parameter names a template uses (for the catalogue test: both languages use the same). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

function isOne(v: Param | undefined): boolean {
  return typeof v === 'number' ? v === 1 : typeof v === 'string' && v.replace(/,/g, '') === '1';
}

/** A template split once into text and placeholders: [text, name, one, other, text, …] (rows of bad data render one per issue). */
type Compiled = (string | { name: string; one?: string; other?: string })[];
const compiled = new Map<string, Compiled>();

function compile(template: string): Compiled {
  const out: Compiled = [];
  let at = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    out.push(template.slice(at, m.index));
    out.push(m[2] !== undefined ? { name: m[1]!, one: m[2], other: m[3]! } : { name: m[1]! });
    at = m.index! + m[0].length;
  }
  out.push(template.slice(at));
  return out;
}

/** A message (or plain text, as it is) in the language; an id not in the catalogue shows as id and params. */
export function renderMsg(m: Msg | string, lang: Lang): string {
  if (typeof m === 'string') return m;
  const entry = MESSAGES[m.id];
  if (!entry) return `${m.id} ${JSON.stringify(m.params)}`;
  const key = lang === 'en' ? m.id : `${m.id}\u0000${lang}`;
  let parts = compiled.get(key);
  if (!parts) compiled.set(key, (parts = compile(entry[lang])));
  let s = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      s += p;
      continue;
    }
    const v = m.params[p.name];
    if (p.one !== undefined) s += isOne(v) ? p.one : p.other!;
    else if (v === undefined) s += `{${p.name}}`;
    else if (Array.isArray(v)) s += v.map((x: string | Msg) => renderMsg(x, lang)).join(p.name === 'lines' ? '\n' : ', ');
    else s += typeof v === 'object' ? renderMsg(v as Msg, lang) : String(v);
  }
  return s;
}

/** `; did you mean "Region"?` as a message (the names already quoted), or '' when there is none. */
export function didYouMeanMsg(names: readonly string[]): Msg | '' {
  if (!names.length) return '';
  return msg('DID_YOU_MEAN', { names: orList(names) });
}

/** The nearest choices (core/suggest.ts) as a `did you mean` message. */
export function didYouMeanOf(input: string, choices: Iterable<string>, quote = true): Msg | '' {
  return didYouMeanMsg(suggest(input, choices).map((v) => (quote ? JSON.stringify(v) : v)));
}

/** `a, b or c` as a message (`a, b 或 c` in Chinese). */
export function orList(items: readonly string[]): Param {
  if (items.length <= 1) return items[0] ?? '';
  return msg('LIST_OR', { head: items.slice(0, -1).join(', '), last: items.at(-1)! });
}

/** The catalogue as rows for docs/messages.md: id, English, Chinese (templates as they are, sorted by id). */
export function catalogueTable(): string[][] {
  return Object.entries(MESSAGES)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, t]) => [id, t.en, t.zh]);
}
