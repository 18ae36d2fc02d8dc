/**
 * Errors that stop a run. Each carries a stable code, the exit code the CLI
 * uses, and where it happened. Data problems that do not stop a run are
 * `Issue` values instead (src/ingest/issues.ts).
 */
export const EXIT = {
  ok: 0,
  dataIssues: 1,
  usage: 2,
  unreadable: 3,
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
