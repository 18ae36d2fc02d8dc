/**
 * Every option of every command, once, as data: flags, value name, description,
 * default, choices and the commands that take it. It drives commander (main.ts),
 * the help text, the choice checks with "did you mean", and the docs. The same
 * flag means the same thing in every command.
 */
import { FIELDS } from '../ingest/mapping.js';
import { msg, type Msg } from '../core/message-catalog.js';
import { DIALECTS } from '../sql/dialect.js';

export const COMMANDS = ['validate', 'report', 'scorecard', 'payout', 'init', 'kpis', 'export', 'sql', 'insights'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** Commands that read sales files (they take the ingest options). */
export const DATA_COMMANDS: readonly CommandName[] = ['validate', 'report', 'scorecard', 'payout', 'export', 'sql', 'insights'];

/** The output formats each command that prints results can write (the first is the terminal default). */
export const FORMATS: Record<Exclude<CommandName, 'init' | 'export' | 'sql'>, readonly string[]> = {
  report: ['table', 'json', 'csv', 'md', 'xlsx', 'html'],
  scorecard: ['table', 'json', 'csv', 'md', 'xlsx', 'html'],
  payout: ['table', 'json', 'csv', 'md', 'xlsx', 'html'],
  validate: ['table', 'json', 'csv', 'md', 'xlsx'],
  kpis: ['table', 'json', 'csv', 'md'],
  insights: ['table', 'json', 'md', 'html'],
};
/** Every format any command writes. */
export const ALL_FORMATS = ['table', 'json', 'csv', 'md', 'xlsx', 'html'] as const;
export const LANGS = ['en', 'zh'] as const;
export const GRAIN_CHOICES = ['month', 'week', 'quarter', 'year'] as const;

type PerCommand<T> = T | Partial<Record<CommandName, T>>;

export interface OptionDef {
  /** The long flag without dashes; its camelCase is the key in the parsed flags. */
  long: string;
  short?: string;
  /** Value name as shown in help (`<file>`); none for a switch. */
  value?: PerCommand<string>;
  description: PerCommand<string>;
  /** Shown in help as "(default: …)"; the commands apply it, so an option not given stays undefined. */
  defaultText?: PerCommand<string>;
  /** Allowed values: checked with a "did you mean" for misspellings, listed in help. */
  choices?: PerCommand<readonly string[]>;
  repeatable?: boolean;
  /** `--no-color` style switch. */
  negate?: boolean;
  commands: readonly CommandName[];
  required?: readonly CommandName[];
}

const RESULTS: readonly CommandName[] = ['report', 'scorecard', 'payout', 'validate', 'kpis', 'insights'];

export const OPTIONS: readonly OptionDef[] = [
  // output: the same in every command that prints results
  {
    long: 'format',
    short: 'f',
    value: '<format>',
    commands: RESULTS,
    description: 'output format',
    choices: FORMATS,
    defaultText: {
      report: 'from --out, else table',
      scorecard: 'from --out, else table',
      payout: 'from --out, else table',
      validate: 'from --out, else table',
      kpis: 'from --out, else table',
      insights: 'from --out, else table',
    },
  },
  {
    long: 'out',
    short: 'o',
    value: '<file>',
    commands: [...RESULTS, 'init', 'export'],
    required: ['export'],
    description: {
      default: 'write to a file instead of stdout (- for stdout)',
      init: 'where to write (- for stdout)',
      export: 'the file to write: NAME.csv, NAME.parquet (through DuckDB), or - for CSV on stdout',
    } as PerCommand<string>,
    defaultText: { init: 'salesperf.config.json' },
  },
  {
    long: 'quiet',
    short: 'q',
    commands: [...RESULTS, 'init', 'export'],
    description: 'no notes or warnings on stderr (errors still show)',
  },
  {
    long: 'lang',
    short: 'l',
    value: '<lang>',
    commands: [...RESULTS, 'export'],
    choices: LANGS,
    description: 'labels and messages in the output: en or zh',
    defaultText: 'zh when LC_ALL, LC_MESSAGES or LANG names Chinese (zh_CN.UTF-8 …), else en',
  },
  { long: 'color', negate: true, commands: RESULTS, description: 'no colour (also off when not a terminal, with NO_COLOR or TERM=dumb)' },
  // grouping and periods
  {
    long: 'by',
    short: 'b',
    value: '<dims>',
    commands: ['report', 'scorecard', 'validate', 'sql', 'insights'],
    description: {
      report: 'group by: rep, team, region, product, customer, channel or any column header; several with commas',
      scorecard: 'who is scored: rep, or team, manager, region … (with --org) or a column header',
      validate: 'the level the targets are checked at',
      insights: 'the groups that explain changes, trends, anomalies and concentration (the first one; a second explains anomalies)',
    },
    defaultText: { report: 'rep if there is a rep column', scorecard: 'rep', validate: 'rep', insights: 'rep if there is a rep column' },
  },
  {
    long: 'grain',
    short: 'g',
    value: '<grain>',
    commands: ['report', 'scorecard', 'payout', 'validate', 'sql', 'insights'],
    choices: GRAIN_CHOICES,
    description: 'period length: month, week (ISO), quarter or year',
    defaultText: {
      report: 'from --period, else month',
      payout: 'from --period, else month',
      validate: 'month',
      scorecard: 'from --period, else quarter',
      insights: 'month',
    },
  },
  {
    long: 'period',
    short: 'p',
    value: '<key>',
    commands: ['report', 'scorecard', 'payout', 'sql'],
    description: 'one period: 2026-10 (month), 2026-Q4 (quarter), 2026-W43 (week), 2026 or FY2027 (year); sets --grain',
    defaultText: { scorecard: 'the last one with data' },
  },
  {
    long: 'from',
    value: '<key>',
    commands: ['report', 'payout', 'sql'],
    description: 'first period of the range (sets --grain like --period)',
  },
  { long: 'to', value: '<key>', commands: ['report', 'payout', 'sql'], description: 'last period of the range' },
  {
    long: 'fiscal-start',
    value: '<month>',
    commands: ['report', 'scorecard', 'payout', 'validate', 'sql', 'insights'],
    description: 'first month of the fiscal year (1-12 or jan…dec): fiscal quarters and years',
    defaultText: 'jan',
  },
  // side files
  {
    long: 'targets',
    short: 't',
    value: { default: '<file>', sql: '<table>' } as PerCommand<string>,
    commands: ['report', 'scorecard', 'payout', 'validate', 'insights', 'sql'],
    description: {
      sql: "the targets side table: the --by columns (none: totals only), period (the report's period key) and amount (docs/sql.md)",
      report: 'targets: dimension columns, a period or date column and an amount (Target, Quota, 目标, 任务额, 指标)',
      scorecard: 'targets (revenue attainment); see report --targets',
      payout: 'targets per rep (attainment, tiers, gate)',
      validate: "also check each target against the group's own history (flags too high / too low)",
      insights: 'targets: attainment in the headline, existing targets checked against the suggested band',
    },
  },
  {
    long: 'targets-map',
    value: '<role=header>',
    repeatable: true,
    commands: ['report', 'scorecard', 'payout', 'validate', 'insights'],
    description: 'name a targets column: amount, period, date or a --by dimension (repeatable)',
  },
  {
    long: 'spend',
    value: { default: '<file>', sql: '<table>' } as PerCommand<string>,
    commands: ['report', 'insights', 'sql'],
    description: {
      default: 'acquisition spend: a period or date column, an amount (Spend, Cost, 花费), optional acquired count and dimensions',
      sql: 'the spend side table: the --by columns (none: totals only), period and amount (docs/sql.md)',
    } as PerCommand<string>,
  },
  { long: 'spend-acquired', commands: ['sql'], description: 'the --spend table has an acquired column (customers acquired, for cac)' },
  {
    long: 'spend-map',
    value: '<role=header>',
    repeatable: true,
    commands: ['report', 'insights'],
    description: 'name a spend column: amount, acquired, period, date or a --by dimension (repeatable)',
  },
  {
    long: 'org',
    value: '<file>',
    commands: ['report', 'scorecard', 'payout', 'validate', 'insights'],
    description: 'rep → team/manager → region (e.g. sales_agent, manager, regional_office); --by team/region/manager roll up from the rep',
  },
  {
    long: 'band-high',
    value: '<ratio>',
    commands: ['scorecard', 'validate'],
    description: 'flag targets above this × the trailing average',
    defaultText: '1.5',
  },
  {
    long: 'band-low',
    value: '<ratio>',
    commands: ['scorecard', 'validate'],
    description: 'flag targets below this × the trailing average',
    defaultText: '0.8',
  },
  // sql
  {
    long: 'dialect',
    value: '<name>',
    commands: ['sql'],
    required: ['sql'],
    choices: [...DIALECTS, 'clickhouse'],
    description: 'the SQL dialect to write (clickhouse: a query of its own for ClickHouse 18.16, docs/clickhouse.md)',
  },
  {
    long: 'table',
    value: '<name>',
    commands: ['sql', 'report'],
    required: ['sql'],
    description: {
      default: 'the canonical table to query (salesperf export writes it); schema.table allowed',
      report: 'with --engine postgres: the canonical table to report on (salesperf export writes it); schema.table allowed',
    } as PerCommand<string>,
  },
  {
    long: 'columns',
    value: '<list>',
    commands: ['sql'],
    description:
      'without files: which optional canonical columns the table has (customer, created_date, quantity, profit), comma separated; none: -',
    defaultText: 'from the files when given',
  },
  // report
  {
    long: 'kpis',
    short: 'k',
    value: '<ids>',
    commands: ['report', 'sql'],
    description: 'comma list of KPI ids to show (salesperf kpis lists them)',
  },
  {
    long: 'engine',
    value: '<name>',
    commands: ['report'],
    choices: ['auto', 'js', 'duckdb', 'postgres'],
    description:
      'where the KPIs are computed: js, duckdb (Parquet, canonical CSV from salesperf export, or a raw CSV whose forms SQL reads exactly; else js with a note), postgres (--db, --table); auto: duckdb for Parquet/canonical CSV inputs when @duckdb/node-api loads, else js',
    defaultText: 'auto',
  },
  {
    long: 'memory-limit',
    value: '<size>',
    commands: ['report'],
    description: 'with DuckDB: its memory_limit (e.g. 300MB, 2GB); what does not fit spills to --temp-dir',
    defaultText: "DuckDB's own: 80% of the machine's memory",
  },
  {
    long: 'temp-dir',
    value: '<dir>',
    commands: ['report'],
    description: 'with DuckDB: the folder it spills to under --memory-limit',
    defaultText: 'salesperf-duckdb in the system temp folder',
  },
  {
    long: 'db',
    value: '<url>',
    commands: ['report'],
    description: 'with --engine postgres: the connection URL (postgres://user:password@host:port/database)',
    defaultText: 'the environment variable SALESPERF_DB_URL',
  },
  {
    long: 'sort',
    value: '<kpi[:asc]>',
    commands: ['report'],
    description: 'sort groups within each period by a KPI, descending unless :asc',
  },
  { long: 'top', value: '<n>', commands: ['report'], description: 'keep the first N groups per period (after --sort)' },
  {
    long: 'fail-under',
    value: '<kpi=value>',
    repeatable: true,
    commands: ['report'],
    description: 'exit 1 when any group is under the value (repeatable), e.g. attainment=0.8',
  },
  {
    long: 'fail-over',
    value: '<kpi=value>',
    repeatable: true,
    commands: ['report'],
    description: 'exit 1 when any group is over the value (repeatable), e.g. churnRate=0.2',
  },
  {
    long: 'currency',
    value: '<code>',
    commands: ['report', 'scorecard'],
    description: 'currency for display',
    defaultText: 'from a currency column with one currency',
  },
  // payout
  {
    long: 'plan',
    value: '<file>',
    commands: ['payout'],
    required: ['payout'],
    description: 'the incentive plan (JSON: base, tiers, gate, caps, bonuses; every key in docs/payout.md)',
  },
  {
    long: 'compare',
    value: '<file>',
    commands: ['payout'],
    description: "a second plan: both payouts per rep, the delta and each plan's total cost",
  },
  {
    long: 'splits',
    value: '<file>',
    commands: ['payout'],
    description: 'deal-splits file: deal id, rep, share (shares of a deal must add up to 100%)',
  },
  {
    long: 'split-column',
    value: '<name>',
    commands: ['report', 'scorecard', 'payout', 'insights'],
    description: "the column with each row's credit share",
    defaultText: 'Split, Share, 分成, 比例 when present',
  },
  {
    long: 'cost-column',
    value: '<name>',
    commands: ['payout'],
    description: 'the cost column, for plans on margin',
    defaultText: 'Cost, COGS, 成本',
  },
  // insights
  {
    long: 'periods',
    value: '<n>',
    commands: ['insights'],
    description: 'periods of history for trends (Theil–Sen slope), 2 or more',
    defaultText: '12',
  },
  {
    long: 'anomaly-z',
    value: '<z>',
    commands: ['insights'],
    description: 'robust z above which a group × period value is an anomaly',
    defaultText: '3.5',
  },
  { long: 'horizon', value: '<n>', commands: ['insights'], description: 'periods of revenue to forecast (1–24)', defaultText: '3' },
  {
    long: 'forecast-kpis',
    value: '<ids>',
    commands: ['insights'],
    description: 'also forecast these additive KPIs, comma list: deals, lostDeals, units, grossProfit, refunds, spend, newCustomers',
    defaultText: 'revenue',
  },
  {
    long: 'stage-probabilities',
    value: '<file>',
    commands: ['insights'],
    description: 'P(win) per open stage for the weighted pipeline: JSON {"Engaging": 0.4} or CSV stage,probability',
    defaultText: 'the overall win rate of closed deals',
  },
  // validate
  {
    long: 'examples',
    value: '<n>',
    commands: ['validate'],
    description: 'examples shown per issue code in table output',
    defaultText: '3',
  },
  // init
  { long: 'force', commands: ['init'], description: 'replace an existing file' },
  // reading the files
  {
    long: 'map',
    short: 'm',
    value: '<field=header>',
    repeatable: true,
    commands: DATA_COMMANDS,
    description: `map a field to a header (repeatable); fields: ${FIELDS.join(', ')}`,
  },
  {
    long: 'config',
    short: 'c',
    value: '<file>',
    commands: DATA_COMMANDS,
    description: 'config file',
    defaultText: './salesperf.config.json if present (a note says so)',
  },
  {
    long: 'sheet',
    value: '<name|index>',
    commands: [...DATA_COMMANDS, 'init'],
    description: 'XLSX sheet by name or 1-based index',
    defaultText: 'first sheet with data',
  },
  { long: 'header-row', value: '<n>', commands: DATA_COMMANDS, description: 'row number of the header', defaultText: 'detected' },
  {
    long: 'encoding',
    value: '<label>',
    commands: DATA_COMMANDS,
    description: 'force the CSV encoding (utf-8, gbk, gb18030, utf-16le, windows-1252, …)',
  },
  { long: 'delimiter', value: '<char>', commands: DATA_COMMANDS, description: 'force the CSV delimiter (",", ";", "tab", "|")' },
  {
    long: 'date-format',
    value: '<order>',
    commands: DATA_COMMANDS,
    description: 'order of slashed dates: dmy, mdy or ymd (or a pattern like DD/MM/YY)',
  },
  { long: 'decimal-comma', commands: DATA_COMMANDS, description: 'numbers use a decimal comma (1.234,56)' },
  { long: 'decimal-point', commands: DATA_COMMANDS, description: 'numbers use a decimal point (1,234.56)' },
  { long: 'won', value: '<values>', repeatable: true, commands: DATA_COMMANDS, description: 'comma list of status values that mean won' },
  { long: 'lost', value: '<values>', repeatable: true, commands: DATA_COMMANDS, description: 'comma list of status values that mean lost' },
  { long: 'open', value: '<values>', repeatable: true, commands: DATA_COMMANDS, description: 'comma list of status values that mean open' },
  {
    long: 'refund',
    value: '<values>',
    repeatable: true,
    commands: DATA_COMMANDS,
    description: 'comma list of status values that mean refund',
  },
  {
    long: 'as-of',
    value: '<date>',
    commands: DATA_COMMANDS,
    description: 'the date the data is as of, YYYY-MM-DD',
    defaultText: 'today (a note says which date)',
  },
  {
    long: 'max-future-years',
    value: '<n>',
    commands: DATA_COMMANDS,
    description: 'dates more than n years after the as-of date are DATE_OUT_OF_RANGE errors (0–100)',
    defaultText: '5',
  },
  {
    long: 'max-past-years',
    value: '<n>',
    commands: DATA_COMMANDS,
    description: 'dates more than n years before the as-of date (or before 1900) are DATE_OUT_OF_RANGE errors (0–1000)',
    defaultText: '50',
  },
  { long: 'strict', commands: DATA_COMMANDS, description: 'treat warnings as errors (those rows are rejected)' },
  {
    long: 'csv-engine',
    value: '<name>',
    commands: DATA_COMMANDS,
    choices: ['fast', 'csv-parse'],
    description: 'CSV parser',
    defaultText: 'fast',
  },
  {
    long: 'threads',
    value: '<n>',
    commands: DATA_COMMANDS,
    description: 'threads reading a file: n - 1 parsing workers (one for an XLSX) and the main thread (1 = no workers)',
    defaultText: '2 for CSVs of 32 MiB or more',
  },
  { long: 'rejects', value: '<file>', commands: DATA_COMMANDS, description: 'write every rejected row and its issues to a CSV file' },
  { long: 'debug', commands: DATA_COMMANDS, description: 'show stack traces for internal errors' },
];

/** Examples shown at the end of each command's --help (real commands on the sample fixtures). */
export const EXAMPLES: Record<CommandName | 'salesperf', readonly string[]> = {
  salesperf: [
    'salesperf validate fixtures/sample/sales.csv',
    'salesperf report fixtures/sample/sales.csv -b region -g quarter',
    'salesperf report fixtures/sample/sales.csv -b region -t fixtures/sample/targets.csv -p 2026-Q3 --fail-under attainment=0.9',
    'salesperf scorecard fixtures/sample/sales.csv -t fixtures/sample/targets.csv -f md -o scorecard.md',
  ],
  validate: [
    'salesperf validate fixtures/sample/sales.csv',
    'salesperf validate exports/*.csv -f json -o validate.json',
    'salesperf validate fixtures/sample/sales.csv -t fixtures/sample/targets.csv --band-high 1.3',
    'salesperf validate 销售.xlsx --sheet 2 --map amount=金额 --lang zh',
  ],
  report: [
    'salesperf report fixtures/sample/sales.csv',
    'salesperf report fixtures/sample/sales.csv -b region,product -g quarter -f md -o report.md',
    'salesperf report fixtures/sample/sales.csv -b region -t fixtures/sample/targets.csv -p 2026-Q3 --fail-under attainment=0.9',
    'salesperf report fixtures/sample/sales.csv --spend fixtures/sample/spend.csv -k revenue,newCustomers,cac',
    'salesperf report crm.csv --org teams.csv -b team -f json -o report.json',
  ],
  scorecard: [
    'salesperf scorecard fixtures/sample/sales.csv',
    'salesperf scorecard fixtures/sample/sales.csv -t fixtures/sample/targets.csv -p 2026-Q3',
    'salesperf scorecard crm.csv --org teams.csv -b team -f xlsx -o scorecard.xlsx',
    'salesperf scorecard fixtures/sample/sales.csv -c salesperf.config.json --lang zh',
  ],
  payout: [
    'salesperf payout fixtures/sample/sales.csv --plan plan.json -t fixtures/sample/targets.csv',
    'salesperf payout fixtures/sample/sales.csv --plan plan.json --compare plan-2027.json -g quarter',
    'salesperf payout crm.csv --plan plan.json --splits splits.csv -p 2026-10 -f csv -o payout.csv',
  ],
  init: [
    'salesperf init fixtures/sample/sales.csv',
    'salesperf init 销售.xlsx --sheet 订单 -o salesperf.config.json --force',
    'salesperf init fixtures/sample/sales.csv -o -',
  ],
  sql: [
    'salesperf sql --dialect duckdb --table sales --columns customer,created_date,quantity -b region -g quarter',
    'salesperf sql exports/*.csv --dialect postgres --table analytics.sales --kpis revenue,growth,winRate',
    'salesperf sql fixtures/sample/sales.csv --dialect snowflake --table SALES -b region --period 2026-Q2',
  ],
  export: [
    'salesperf export fixtures/sample/sales.csv -o clean.csv',
    'salesperf export exports/*.csv -o clean.parquet --rejects rejects.csv',
    'salesperf export 销售.xlsx --map amount=金额 -o - --lang zh',
  ],
  insights: [
    'salesperf insights fixtures/sample/sales.csv -b region',
    'salesperf insights crm.csv --org teams.csv -b rep,manager -t targets.csv -f md -o insights.md',
    'salesperf insights fixtures/sample/sales.csv -b region --horizon 6 -f json -o insights.json --lang zh',
  ],
  kpis: ['salesperf kpis', 'salesperf kpis -f json', 'salesperf kpis --lang zh -f md -o kpis.md'],
};

export function forCommand<T>(v: PerCommand<T> | undefined, cmd: CommandName): T | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const r = v as Partial<Record<CommandName | 'default', T>>;
    return r[cmd] ?? r.default;
  }
  return v as T;
}

export function optionsOf(cmd: CommandName): OptionDef[] {
  return OPTIONS.filter((o) => o.commands.includes(cmd));
}

/** `--targets-map` → `targetsMap` (commander's key). */
export function keyOf(o: OptionDef): string {
  return o.long.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** `-f, --format <format>` as commander takes it. */
export function flagsOf(o: OptionDef, cmd?: CommandName): string {
  const value = cmd ? forCommand(o.value, cmd) : typeof o.value === 'object' ? (o.value as { default?: string }).default : o.value;
  return `${o.short ? `-${o.short}, ` : ''}--${o.negate ? 'no-' : ''}${o.long}${value ? ` ${value}` : ''}`;
}

/** The help line: description, choices and default. */
export function helpOf(o: OptionDef, cmd: CommandName): string {
  let d = forCommand(o.description, cmd) ?? '';
  const choices = forCommand(o.choices, cmd);
  if (choices && !choices.every((c) => d.includes(c))) d += ` (choices: ${choices.join(', ')})`;
  const def = forCommand(o.defaultText, cmd);
  if (def) d += ` (default: ${def})`;
  return d;
}

/** The language from the environment: zh when LC_ALL, LC_MESSAGES or LANG (the first set) names Chinese. */
export function langFromEnv(env: Record<string, string | undefined>): 'en' | 'zh' {
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[k];
    if (v) return /^zh([_.@-]|$)/i.test(v) ? 'zh' : 'en';
  }
  return 'en';
}

/**
 * A note when --out's extension names another format than the one written (`--out x.csv
 * --format json` writes JSON, as asked: --format wins, the name is the user's): null when they agree.
 */
export function formatExtensionNote(flags: { out?: string }, format: string): Msg | null {
  const ext = flags.out?.toLowerCase().match(/\.(json|csv|xlsx|md|html|txt)$/)?.[1];
  if (!ext || !flags.out || flags.out === '-') return null;
  const fits = ext === format || (ext === 'txt' && format === 'table');
  return fits
    ? null
    : msg('NOTE_OUT_EXTENSION', { file: flags.out, as: format === 'table' ? msg('NOTE_TEXT_TABLE') : format.toUpperCase(), format, ext });
}
