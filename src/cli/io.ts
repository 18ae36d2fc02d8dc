import { outputError, removeTempsSync } from '../io/write.js';

/** What a command may do to the outside world, passed in (tests can capture it). */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width when stdout is a terminal. */
  columns?: number;
  /** Terminal height when stdout is a terminal. */
  rows?: number;
  /** Terminal width when stderr is a terminal (the progress line). */
  stderrColumns?: number;
  env: Record<string, string | undefined>;
}

export function processIO(): CliIO {
  // a reader that stops early (`| head`) closes the pipe: end quietly, as other tools do, not with a stack trace
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
    ...(process.stdout.rows ? { rows: process.stdout.rows } : {}),
    ...(process.stderr.columns ? { stderrColumns: process.stderr.columns } : {}),
    env: process.env,
  };
}

/** Signals that end a run after its temp files are removed. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

let installed = false;

/**
 * Process-wide fault handling for the CLI (call once, before any output):
 * - a closed pipe (EPIPE on stdout or stderr, e.g. `| head -1`) ends the run quietly with exit 0,
 *   whatever is still being read or computed;
 * - any other fault writing stdout (full disk, I/O error) is one line on stderr and exit 3;
 * - SIGINT/SIGTERM/SIGHUP remove this run's temp files, then end the process by that signal (exit status
 *   130/143/129 in a shell);
 * - an unhandled rejection or exception is an internal error: one line and a hint (stack with --debug), exit 70.
 * Temp files are removed at every exit (src/io/write.ts).
 */
export function installProcessGuards(debug: boolean): void {
  if (installed) return;
  installed = true;
  const onStreamError = (name: 'stdout' | 'stderr') => (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(0);
    removeTempsSync();
    if (name === 'stdout') {
      try {
        process.stderr.write(`salesperf: error: ${outputError('stdout', '-', e).message}\n`);
      } catch {
        /* stderr is gone too */
      }
    }
    process.exit(3);
  };
  process.stdout.on('error', onStreamError('stdout'));
  process.stderr.on('error', onStreamError('stderr'));
  for (const sig of SIGNALS) {
    process.on(sig, () => {
      removeTempsSync();
      // ended by the signal itself (shells show 128 + n: 130, 143, 129; a shell loop stops on
      // Ctrl-C): process.exit would wait for a read still pending on a FIFO or a slow device
      process.removeAllListeners(sig);
      process.kill(process.pid, sig);
    });
  }
  const internal = (e: unknown) => {
    removeTempsSync();
    const err = e as Error | undefined;
    try {
      process.stderr.write(`salesperf: error: internal error: ${err?.message ?? String(e)}\n`);
      process.stderr.write(
        debug ? `${err?.stack ?? ''}\n` : '  (this is a bug in salesperf; run again with --debug for details and report it)\n',
      );
    } catch {
      /* stderr is gone */
    }
    process.exit(70);
  };
  process.on('unhandledRejection', internal);
  process.on('uncaughtException', (e: NodeJS.ErrnoException) => {
    // a write to a closed pipe can surface here when a stream has no listener of its own
    if (e?.code === 'EPIPE') process.exit(0);
    internal(e);
  });
}
