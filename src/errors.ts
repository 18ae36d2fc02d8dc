/**
 * Errors that stop a run. Each carries a stable code, the exit code the CLI
 * uses, and where it happened. Data problems that do not stop a run are
 * `Issue` values instead (src/ingest/issues.ts).
 */
export const EXIT = {
  ok: 0,
  /** Data issues found (error-level issues, thresholds breached). */
  dataIssues: 1,
  /** A usage, flag or config problem, e.g. `--out ''`, `--out` naming an input or the config file. */
  usage: 2,
  /**
   * An input cannot be read, or output cannot be written: a full disk (ENOSPC), a missing folder
   * (ENOENT), a read-only file system (EROFS), no permission (EACCES), a folder given as the file
   * (EISDIR) or a file used as a folder (ENOTDIR), on standard output, `--out` or `--rejects`. One
   * sentence names the flag and the path; no temp file is left behind.
   * A closed pipe on stdout/stderr (`| head -1`) is not a fault: the run ends quietly with exit 0.
   * SIGINT/SIGTERM end a run with 130/143 after removing its temp files.
   */
  unreadable: 3,
  /** A bug in salesperf: one line and a hint to report it (the stack only with --debug). */
  internal: 70,
} as const;

export class SalesperfError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: 1 | 2 | 3,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'SalesperfError';
  }
}

/** Data that cannot make a result at all, e.g. no data rows or totals beyond the money limit (exit 1). */
export function dataError(code: string, message: string, hint?: string): SalesperfError {
  return new SalesperfError(code, message, 1, hint);
}

/** A usage, flag or config problem (exit 2). */
export function usageError(code: string, message: string, hint?: string): SalesperfError {
  return new SalesperfError(code, message, 2, hint);
}

/** Input that cannot be read at all (exit 3). */
export function inputError(code: string, message: string, hint?: string): SalesperfError {
  return new SalesperfError(code, message, 3, hint);
}
