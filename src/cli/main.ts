/**
 * The salesperf CLI. Commands are loaded lazily so `--version` and `--help`
 * stay fast. Only this module decides exit codes.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { EXIT, SalesperfError } from '../errors.js';
import { addIngestOptions } from './ingest-options.js';
import { type CliIO, processIO } from './io.js';

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

  addIngestOptions(
    program
      .command('validate')
      .description('read input files, show the column mapping and every data problem')
      .argument('<files...>', 'CSV/TSV/XLSX files, or - for CSV on stdin')
      .option('--format <format>', 'text or json', 'text')
      .option('--examples <n>', 'examples shown per issue code in text output', '3'),
  ).action(async (files: string[], flags) => {
    const { validateCommand } = await import('./validate.js');
    code = await validateCommand(files, flags, io);
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
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
    return 70;
  }
  void debug;
  return code;
}
