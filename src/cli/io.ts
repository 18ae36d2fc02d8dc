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
