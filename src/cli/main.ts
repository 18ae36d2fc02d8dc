/**
 * The salesperf CLI. Commands are loaded lazily so `--version` and `--help`
 * stay fast. Only this module decides exit codes. Every option comes from the
 * one table in options.ts.
 */
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { EXIT, SalesperfError, usageError } from '../errors.js';
import { type CliIO, processIO } from './io.js';
import { assertOutputPath, planWrite } from '../io/write.js';
import { formatMessage, fromCommander } from './messages.js';
import { type CommandName, EXAMPLES, flagsOf, helpOf, langFromEnv, optionsOf } from './options.js';
import { type Lang, msg, renderMsg } from '../core/message-catalog.js';
import { normaliseFlags } from './flags.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function examples(name: CommandName | 'salesperf'): string {
  return `\nExamples:\n${EXAMPLES[name].map((e) => `  $ ${e}`).join('\n')}\n`;
}

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

/** The language of messages: --lang/-l on the command line (en or zh), else from the environment. */
export function langOf(argv: readonly string[], env: Record<string, string | undefined>): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const v =
      a === '--lang' || a === '-l'
        ? argv[i + 1]
        : a.startsWith('--lang=')
          ? a.slice(7)
          : a.startsWith('-l') && a.length > 2 && !a.startsWith('--')
            ? a.slice(2)
            : undefined;
    if (v?.toLowerCase() === 'zh') return 'zh';
    if (v?.toLowerCase() === 'en') return 'en';
  }
  return langFromEnv(env);
}

/** The language of this run's messages (set once at the start of `main`). */
let messageLang: Lang = 'en';

/** A subcommand: its name, description and arguments, and how to run it (its module is loaded only when it runs). */
interface CommandSpec {
  name: CommandName;
  description: string;
  args: [string, string][];
  run: (args: unknown[], flags: Record<string, unknown>, io: CliIO) => Promise<number>;
}

/** The subcommands in the order `--help` lists them. */
const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'validate',
    description: 'read input files, show the column mapping and every data problem (each file on its own; exit code: the worst)',
    args: [['<files...>', 'CSV/TSV/XLSX files, or - for CSV on stdin']],
    run: async ([files], flags, io) => (await import('./validate.js')).validateCommand(files as string[], flags, io),
  },
  {
    name: 'report',
    description: 'KPIs per group and period: revenue, growth, deals, win rate, customers, retention, CAC, attainment, pacing',
    args: [['[files...]', 'CSV/TSV/XLSX sales files, or - for CSV on stdin (none: a spend-only report from --spend)']],
    run: async ([files], flags, io) => (await import('./report.js')).reportCommand(files as string[], flags, io),
  },
  {
    name: 'scorecard',
    description: 'score each rep (or --by team) on weighted KPIs for one period: sub-scores, total, band, rank, feedback',
    args: [['<files...>', 'CSV/TSV/XLSX sales files']],
    run: async ([files], flags, io) => (await import('./scorecard.js')).scorecardCommand(files as string[], flags, io),
  },
  {
    name: 'payout',
    description: 'commission statements per rep and period under an incentive plan; --compare a second plan',
    args: [['<files...>', 'CSV/TSV/XLSX sales files']],
    run: async ([files], flags, io) => (await import('./payout.js')).payoutCommand(files as string[], flags, io),
  },
  {
    name: 'init',
    description: 'write a commented starter salesperf.config.json from the headers of a file',
    args: [['<file>', 'a CSV/XLSX export']],
    run: async ([file], flags, io) => (await import('./init.js')).initCommand(file as string, flags, io),
  },
  {
    name: 'export',
    description:
      'write the validated rows as a canonical table (CSV, or Parquet through DuckDB) to load into a warehouse or query with SQL',
    args: [['<files...>', 'CSV/TSV/XLSX sales files, or - for CSV on stdin']],
    run: async ([files], flags, io) => (await import('./export.js')).exportCommand(files as string[], flags, io),
  },
  {
    name: 'sql',
    description:
      "print the report's KPIs as one SQL query over the canonical table, for DuckDB, PostgreSQL, Spark, Trino, BigQuery or Snowflake",
    args: [['[files...]', 'sales files: which columns exist and the amount decimals (none: --columns)']],
    run: async ([files], flags, io) => (await import('./sql.js')).sqlCommand(files as string[], flags, io),
  },
  {
    name: 'insights',
    description:
      'analysis of the sales: headline against target, last period and last year, trends, anomalies, forecast, cohorts, concentration, target suggestions',
    args: [['<files...>', 'CSV/TSV/XLSX sales files, or - for CSV on stdin']],
    run: async ([files], flags, io) => (await import('./insights.js')).insightsCommand(files as string[], flags, io),
  },
  {
    name: 'kpis',
    description: 'list every KPI: id, unit and formula',
    args: [],
    run: async (_args, flags, io) => (await import('./kpis.js')).kpisCommand(flags, io),
  },
];

/** A command with its options from the table, its examples and the shared flag checks. */
function define(program: Command, spec: CommandSpec, io: CliIO, setCode: (c: number) => void): Command {
  const { name, args } = spec;
  const cmd = program.command(name).description(spec.description);
  for (const [a, d] of args) cmd.argument(a, d);
  for (const o of optionsOf(name)) {
    const opt = new Option(flagsOf(o, name), helpOf(o, name));
    if (o.repeatable) opt.argParser(collect);
    if (o.required?.includes(name)) opt.makeOptionMandatory();
    cmd.addOption(opt);
  }
  cmd.addHelpText('after', examples(name));
  cmd.action(async (...all: unknown[]) => {
    const flags = all[args.length] as Record<string, unknown>;
    normaliseFlags(name, flags, io.env);
    setCode(await spec.run(all.slice(0, args.length), flags, io));
  });
  return cmd;
}

/** The program with its name, version, help and output wired to `io` (commander's errors in the run's language). */
function programOf(io: CliIO, lang: Lang): Command {
  return new Command('salesperf')
    .description('Sales performance from CRM/ERP exports: KPIs, targets, scorecards, payouts.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(fromCommander(s, lang)),
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', examples('salesperf'));
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let code: number = EXIT.ok;
  const debug = argv.includes('--debug');
  const lang = (messageLang = langOf(argv, io.env));
  const setCode = (c: number) => {
    code = c;
  };
  const program = programOf(io, lang);
  for (const spec of COMMANDS) define(program, spec, io, setCode);

  let running: { command: string; opts: { format?: unknown; out?: unknown } } | null = null;
  program.hook('preAction', (_root, cmd) => {
    running = { command: cmd.name(), opts: cmd.opts() };
    checkOutputFlags(cmd.opts());
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    const code = exitCodeFor(e, io, debug);
    if (running && e instanceof SalesperfError) writeErrorJson(running, e, io);
    return code;
  }
  return code;
}

/**
 * Output flags checked before any input is read: `--out ''` / `--rejects ''` are usage errors (exit 2),
 * a missing folder or a folder given as the file is exit 3 at once, not after a long read.
 */
function checkOutputFlags(opts: { out?: unknown; rejects?: unknown }): void {
  for (const [flag, v] of [
    ['--out', opts.out],
    ['--rejects', opts.rejects],
  ] as const) {
    if (typeof v !== 'string') continue;
    assertOutputPath(v, flag);
    if (v === '-' && flag === '--rejects') throw usageError('REJECTS_STDOUT', msg('REJECTS_STDOUT'));
    if (v !== '-') planWrite(v, flag);
  }
}

/**
 * A run asked for JSON on stdout that stops on a data problem (exit 1: no data rows, a total beyond
 * the money limit) still prints one JSON document, so a pipeline into jq reads why instead of
 * failing on empty input: `{ schemaVersion, tool, command, error: { code, message, hint? }, exitCode }`.
 * Usage errors and unreadable input (exit 2, 3) print nothing on stdout.
 */
function writeErrorJson(run: { command: string; opts: { format?: unknown; out?: unknown } }, e: SalesperfError, io: CliIO): void {
  if (e.exitCode !== EXIT.dataIssues || run.opts.format !== 'json' || (run.opts.out !== undefined && run.opts.out !== '-')) return;
  const doc = {
    schemaVersion: 1,
    tool: 'salesperf',
    command: run.command,
    error: { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) },
    exitCode: e.exitCode,
  };
  io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
}

/** The exit code for an error that stopped the run; prints one message (a stack only with --debug). */
function exitCodeFor(e: unknown, io: CliIO, debug: boolean, lang: Lang = messageLang): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (e instanceof SalesperfError) {
    const hint = e.hintText(lang);
    io.stderr(
      formatMessage({ level: 'error', text: e.text(lang), ...(hint ? { detail: renderMsg(msg('HINT', { text: hint }), lang) } : {}) }),
    );
    return e.exitCode;
  }
  const err = e as Error;
  io.stderr(
    formatMessage({
      level: 'error',
      text: renderMsg(msg('INTERNAL', { message: err?.message ?? String(e) }), lang),
      detail: debug ? (err?.stack ?? '') : renderMsg(msg('INTERNAL_HINT'), lang),
    }),
  );
  return EXIT.internal;
}
