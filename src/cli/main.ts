/**
 * The salesperf CLI. Commands are loaded lazily so `--version` and `--help`
 * stay fast. Only this module decides exit codes.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { EXIT, SalesperfError, usageError } from '../errors.js';
import { addIngestOptions } from './ingest-options.js';
import { type CliIO, processIO } from './io.js';
import { assertOutputPath, planWrite } from '../io/write.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let code: number = EXIT.ok;
  let debug = argv.includes('--debug');
  const program = new Command('salesperf')
    .description('Sales performance from CRM/ERP exports: KPIs, targets, scorecards, payouts.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run with --help for usage)');

  const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];
  addIngestOptions(
    program
      .command('validate')
      .description('read input files, show the column mapping and every data problem')
      .argument('<files...>', 'CSV/TSV/XLSX files, or - for CSV on stdin')
      .option('--format <format>', 'text or json', 'text')
      .option('--examples <n>', 'examples shown per issue code in text output', '3')
      .option('--targets <file>', 'also check each target against the group\'s own history (flags too high / too low)')
      .option('--targets-map <role=header>', 'name a targets column (repeatable)', collect)
      .option('--org <file>', 'rep → team/manager → region; reps missing from it are reported')
      .option('--by <dims>', 'the level the targets are checked at (default: rep)')
      .option('--grain <grain>', 'period of the targets: month (default), week, quarter, year')
      .option('--fiscal-start <month>', 'first month of the fiscal year')
      .option('--band-high <ratio>', 'flag targets above this × the trailing average (default 1.5)')
      .option('--band-low <ratio>', 'flag targets below this × the trailing average (default 0.8)'),
  ).action(async (files: string[], flags) => {
    const { validateCommand } = await import('./validate.js');
    code = await validateCommand(files, flags, io);
  });

  addIngestOptions(
    program
      .command('report')
      .description('KPIs per group and period: revenue, growth, deals, win rate, customers, retention, CAC, attainment, pacing')
      .argument('[files...]', 'CSV/TSV/XLSX sales files, or - for CSV on stdin (none: a spend-only report from --spend)')
      .option('--by <dims>', 'group by: rep, team, region, product, customer, channel or any column header; several with commas (default: rep if there is a rep column)')
      .option('--grain <grain>', 'month, week (ISO), quarter or year', 'month')
      .option('--period <key>', 'one period, e.g. 2026-10, 2026-Q4, 2026-W43, 2026')
      .option('--from <key>', 'first period of the range')
      .option('--to <key>', 'last period of the range')
      .option('--fiscal-start <month>', 'first month of the fiscal year (1-12 or jan…dec): fiscal quarters and years')
      .option('--targets <file>', 'targets: dimension columns, a period or date column and an amount (Target, Quota, 目标, 任务额, 指标)')
      .option('--targets-map <role=header>', 'name a targets column: amount, period, date or a --by dimension (repeatable)', collect)
      .option('--spend <file>', 'acquisition spend: a period or date column, an amount (Spend, Cost, 花费), optional acquired count and dimensions')
      .option('--spend-map <role=header>', 'name a spend column: amount, acquired, period, date or a --by dimension (repeatable)', collect)
      .option('--org <file>', 'rep → team/manager → region (e.g. sales_agent, manager, regional_office): --by team/region/manager roll up from the rep')
      .option('--kpis <ids>', 'comma list of KPI ids to show (salesperf kpis lists them)')
      .option('--sort <kpi[:asc]>', 'sort groups within each period by a KPI, descending unless :asc')
      .option('--top <n>', 'keep the first N groups per period (after --sort)')
      .option('--format <format>', 'table, json, csv, md (Markdown) or xlsx (default: from --out, else table)')
      .option('--out <file>', 'write the report to a file (- for stdout)')
      .option('--no-color', 'no colour in tables')
      .option('--quiet', 'no notes or warnings on stderr')
      .option('--fail-under <kpi=value>', 'exit 1 when any group is under the value (repeatable), e.g. attainment=0.8', collect)
      .option('--fail-over <kpi=value>', 'exit 1 when any group is over the value (repeatable), e.g. churnRate=0.2', collect)
      .option('--currency <code>', 'currency for display (default: from a currency column with one currency)')
      .option('--lang <lang>', 'table labels: en or zh', 'en'),
  ).action(async (files: string[], flags) => {
    const { reportCommand } = await import('./report.js');
    code = await reportCommand(files, flags, io);
  });

  addIngestOptions(
    program
      .command('scorecard')
      .description('score each rep (or --by team) on weighted KPIs for one period: sub-scores, total, band, rank, feedback')
      .argument('<files...>', 'CSV/TSV/XLSX sales files')
      .option('--targets <file>', 'targets (revenue attainment); see report --targets')
      .option('--targets-map <role=header>', 'name a targets column (repeatable)', collect)
      .option('--org <file>', 'rep → team/manager → region, for --by team/manager/region')
      .option('--by <dims>', 'who is scored: rep (default), or team, manager, region … with --org')
      .option('--grain <grain>', 'month, week, quarter (default) or year')
      .option('--period <key>', 'the period to score (default: the last one with data)')
      .option('--fiscal-start <month>', 'first month of the fiscal year')
      .option('--band-high <ratio>', 'flag targets above this × the trailing average (default 1.5)')
      .option('--band-low <ratio>', 'flag targets below this × the trailing average (default 0.8)')
      .option('--format <format>', 'table, json, csv or xlsx (default: from --out, else table)')
      .option('--out <file>', 'write to a file')
      .option('--lang <lang>', 'en or zh (labels, feedback)', 'en')
      .option('--currency <code>', 'currency for display')
      .option('--no-color', 'no colour')
      .option('--quiet', 'no notes on stderr'),
  ).action(async (files: string[], flags) => {
    const { scorecardCommand } = await import('./scorecard.js');
    code = await scorecardCommand(files, flags, io);
  });

  addIngestOptions(
    program
      .command('payout')
      .description('commission statements per rep and period under an incentive plan; --compare a second plan')
      .argument('<files...>', 'CSV/TSV/XLSX sales files')
      .requiredOption('--plan <file>', 'the incentive plan (JSON; see README)')
      .option('--compare <file>', 'a second plan: both payouts per rep, the delta and each plan\'s total cost')
      .option('--targets <file>', 'targets per rep (attainment, tiers, gate)')
      .option('--targets-map <role=header>', 'name a targets column (repeatable)', collect)
      .option('--org <file>', 'rep → team/manager → region (team targets roll up)')
      .option('--splits <file>', 'deal-splits file: deal id, rep, share (shares of a deal must add up to 100%)')
      .option('--split-column <name>', 'the column with each row\'s credit share (default: Split, Share, 分成, 比例)')
      .option('--cost-column <name>', 'the cost column, for plans on margin (default: Cost, COGS, 成本)')
      .option('--grain <grain>', 'month (default), week, quarter or year')
      .option('--period <key>', 'one period')
      .option('--from <key>', 'first period')
      .option('--to <key>', 'last period')
      .option('--fiscal-start <month>', 'first month of the fiscal year')
      .option('--format <format>', 'table, json, csv or xlsx (default: from --out, else table)')
      .option('--out <file>', 'write to a file')
      .option('--lang <lang>', 'en or zh', 'en')
      .option('--no-color', 'no colour')
      .option('--quiet', 'no notes on stderr'),
  ).action(async (files: string[], flags) => {
    const { payoutCommand } = await import('./payout.js');
    code = await payoutCommand(files, flags, io);
  });

  program
    .command('init')
    .description('write a commented starter salesperf.config.json from the headers of a file')
    .argument('<file>', 'a CSV/XLSX export')
    .option('--out <file>', 'where to write (default salesperf.config.json; - for stdout)')
    .option('--force', 'replace an existing file')
    .option('--sheet <name|index>', 'XLSX sheet')
    .action(async (file: string, flags: { out?: string; force?: boolean; sheet?: string }) => {
      const { initCommand } = await import('./init.js');
      code = await initCommand(file, flags, io);
    });

  program
    .command('kpis')
    .description('list every KPI: id, unit and formula')
    .option('--format <format>', 'text or json', 'text')
    .action(async (flags: { format?: string }) => {
      const { KPIS } = await import('../engine/kpis.js');
      if (flags.format === 'json') io.stdout(JSON.stringify(KPIS, null, 2) + '\n');
      else for (const k of KPIS) io.stdout(`${k.id.padEnd(21)} ${k.unit.padEnd(6)} ${k.formula}\n`);
    });

  program.hook('preAction', (_root, cmd) => checkOutputFlags(cmd.opts()));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    return exitCodeFor(e, io, debug);
  }
  return code;
}

/**
 * Output flags checked before any input is read: `--out ''` / `--rejects ''` are usage errors (exit 2),
 * a missing folder or a folder given as the file is exit 3 at once, not after a long read.
 */
function checkOutputFlags(opts: { out?: unknown; rejects?: unknown }): void {
  for (const [flag, v] of [['--out', opts.out], ['--rejects', opts.rejects]] as const) {
    if (typeof v !== 'string') continue;
    assertOutputPath(v, flag);
    if (v === '-' && flag === '--rejects') throw usageError('REJECTS_STDOUT', '--rejects: expected a file name; standard output (-) carries the command\'s own output');
    if (v !== '-') planWrite(v, flag);
  }
}

/** The exit code for an error that stopped the run; prints one message (a stack only with --debug). */
function exitCodeFor(e: unknown, io: CliIO, debug: boolean): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (e instanceof SalesperfError) {
    io.stderr(`salesperf: ${e.message}\n`);
    if (e.hint) io.stderr(`  hint: ${e.hint}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  io.stderr(`salesperf: internal error: ${err?.message ?? String(e)}\n`);
  if (debug) io.stderr(`${err?.stack ?? ''}\n`);
  else io.stderr('  (this is a bug in salesperf; run again with --debug for details and report it)\n');
  return EXIT.internal;
}
