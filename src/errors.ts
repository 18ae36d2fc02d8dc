/**
 * Errors that stop a run. Each carries a stable code, the exit code the CLI
 * uses, and where it happened. Data problems that do not stop a run are
 * `Issue` values instead (src/ingest/issues.ts).
 */
import { type Lang, type Msg, renderMsg } from './core/message-catalog.js';

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
  /** The message and hint as catalogue messages (src/core/message-catalog.ts), when converted; `message`/`hint` are their English. */
  readonly msg?: Msg;
  readonly hintMsg?: Msg;
  /** The parameters of the message (empty when it is not in the catalogue yet). */
  readonly params: Msg['params'];

  constructor(
    readonly code: string,
    message: string | Msg,
    readonly exitCode: 1 | 2 | 3,
    hint?: string | Msg,
  ) {
    super(renderMsg(message, 'en'));
    this.name = 'SalesperfError';
    this.params = {};
    if (typeof message !== 'string') {
      this.msg = message;
      this.params = message.params;
    }
    if (hint !== undefined) {
      this.hint = renderMsg(hint, 'en');
      if (typeof hint !== 'string') this.hintMsg = hint;
    }
  }

  readonly hint?: string;

  /** The message in a language (the English message when it is not in the catalogue). */
  text(lang: Lang): string {
    return this.msg ? renderMsg(this.msg, lang) : this.message;
  }

  /** The hint in a language, if any. */
  hintText(lang: Lang): string | undefined {
    return this.hintMsg ? renderMsg(this.hintMsg, lang) : this.hint;
  }
}

/** Data that cannot make a result at all, e.g. no data rows or totals beyond the money limit (exit 1). */
export function dataError(code: string, message: string | Msg, hint?: string | Msg): SalesperfError {
  return new SalesperfError(code, message, 1, hint);
}

/** A usage, flag or config problem (exit 2). */
export function usageError(code: string, message: string | Msg, hint?: string | Msg): SalesperfError {
  return new SalesperfError(code, message, 2, hint);
}

/** Input that cannot be read at all (exit 3). */
export function inputError(code: string, message: string | Msg, hint?: string | Msg): SalesperfError {
  return new SalesperfError(code, message, 3, hint);
}
