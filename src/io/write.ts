/**
 * Output files: written atomically (temp file beside the target + rename) and never over an input.
 *
 * What a target path gets:
 * - a regular file, or a path that does not exist yet: written to `.NAME.PID.tmp` in the same folder,
 *   then renamed over it (a run killed mid-write leaves the old content in place);
 * - a symlink: written through to the file it points at (atomically there); the link itself stays;
 * - a device, FIFO or socket (`/dev/null`, a named pipe), and `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`:
 *   written to directly (no temp file, no rename: the special file is never replaced);
 * - a folder: refused.
 * Temp files are removed on every error and at exit (also on SIGINT/SIGTERM, see src/cli/io.ts); temp
 * files of killed runs (`.NAME.PID.tmp` whose PID no longer runs) are removed on the next write there.
 * Faults writing (full disk, missing folder, read-only, permission) are `SalesperfError`s with exit 3
 * naming the flag and the path.
 */
import { msg, type Msg } from '../core/message-catalog.js';
import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { chmod, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { SalesperfError, usageError } from '../errors.js';

/** The flag an output path came from, as the user typed it (`--out`, `--rejects`), or `stdout`. */
export type OutputFlag = string;

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** `--out ''` (or `--rejects ''`) is a usage error: an empty path is neither a file nor `-`. */
export function assertOutputPath(path: string | undefined, flag: OutputFlag): void {
  if (path === '') throw usageError('OUT_EMPTY', msg('OUT_EMPTY', { flag }));
}

/** Refuses a target that is (through symlinks or not) one of the inputs. */
export function assertNotInput(out: string, inputs: readonly (string | null | undefined)[], flag: OutputFlag = '--out'): void {
  const o = real(out);
  for (const i of inputs) {
    if (i && i !== '-' && real(i) === o) throw usageError('OUT_IS_INPUT', msg('OUT_IS_INPUT', { flag, out, input: i }));
  }
}

/** The config file a run reads (explicit --config, else ./salesperf.config.json if present): an input too. */
export function configInput(configFlag: string | undefined): string | null {
  return configFlag ?? (existsSync('salesperf.config.json') ? 'salesperf.config.json' : null);
}

const REASONS: Record<string, (path: string) => Msg> = {
  ENOSPC: () => msg('OUT_ENOSPC'),
  EDQUOT: () => msg('OUT_EDQUOT'),
  EFBIG: () => msg('OUT_EFBIG'),
  EACCES: (p) => msg('OUT_EACCES', { dir: dirname(p) }),
  EPERM: (p) => msg('OUT_EACCES', { dir: dirname(p) }),
  EROFS: () => msg('OUT_EROFS'),
  ENOENT: (p) => (existsSync(dirname(p)) ? msg('OUT_ENOENT_FILE', { dir: dirname(p) }) : msg('OUT_ENOENT_DIR', { dir: dirname(p) })),
  EISDIR: () => msg('OUT_EISDIR'),
  ENOTDIR: (p) => msg('OUT_ENOTDIR', { dir: dirname(p) }),
  EIO: () => msg('OUT_EIO'),
  ENXIO: () => msg('OUT_ENXIO'),
};

/**
 * One plain sentence (exit 3) for an error writing output: the flag, the path and what went wrong.
 * `--out` / `--rejects` name the flag; `stdout` is standard output.
 */
export function outputError(flag: OutputFlag, path: string, e: unknown): SalesperfError {
  if (e instanceof SalesperfError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code ?? '';
  const what = flag === 'stdout' ? msg('OUT_WHAT_STDOUT') : msg('OUT_WHAT_FILE', { flag, path });
  const reason = REASONS[code]?.(path) ?? `${(e as Error | null)?.message ?? String(e)}`;
  return new SalesperfError(`OUT_${code || 'UNWRITABLE'}`, msg('OUT_WRITE', { what, reason }), 3);
}

// ---- temp files of this process ----------------------------------------------------------------

const live = new Set<string>();
let exitHook = false;

/** Temp files this process has open; removed at exit, on errors and by the signal handlers. */
export function trackTemp(tmp: string): void {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', removeTempsSync);
  }
  live.add(tmp);
}

export function untrackTemp(tmp: string): void {
  live.delete(tmp);
}

/** Removes every temp file this process still has (synchronous: safe in 'exit' and signal handlers). */
export function removeTempsSync(): void {
  for (const t of live) {
    try {
      unlinkSync(t);
    } catch {
      /* already gone */
    }
  }
  live.clear();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `.NAME.PID.tmp` beside `target` left by runs that were killed (their PID no longer runs). */
export function removeStaleTemps(target: string): void {
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.endsWith('.tmp')) continue;
    const pid = n.slice(prefix.length, -4);
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid || alive(Number(pid))) continue;
    try {
      unlinkSync(join(dir, n));
    } catch {
      /* another run removed it, or the folder is read-only: the write will say so */
    }
  }
}

// ---- where a write goes ----------------------------------------------------------------------------

/** How a target is written: atomically via a temp file beside `target`, or directly (special files). */
export type WritePlan =
  { kind: 'atomic'; target: string; tmp: string; mode: number | null } | { kind: 'direct'; target: string; flags: 'w' | 'a' };

/** Paths that name one of this process's open descriptors: written in place, appending (never truncating what the shell set up). */
const FD_PATH = /^\/(dev\/(stdout|stderr|fd\/\d+)|proc\/(self|\d+)\/fd\/\d+)$/;

function statOrNull(p: string, follow: boolean): Stats | null {
  try {
    return follow ? statSync(p) : lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** The path a dangling symlink chain ends at (so a write creates the file it points at). */
function followDangling(p: string): string {
  let cur = resolve(p);
  for (let hops = 0; hops < 40; hops++) {
    const st = statOrNull(cur, false);
    if (!st?.isSymbolicLink()) return cur;
    cur = resolve(dirname(cur), readlinkSync(cur));
  }
  throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
}

/** Decides how `path` is written; throws an exit-3 error naming `flag` when it cannot be. */
export function planWrite(path: string, flag: OutputFlag): WritePlan {
  try {
    if (FD_PATH.test(resolve(path))) return { kind: 'direct', target: path, flags: 'a' };
    const st = statOrNull(path, true);
    if (st?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (st && !st.isFile()) return { kind: 'direct', target: path, flags: 'w' };
    const target = st ? realpathSync(path) : followDangling(path);
    const dir = statOrNull(dirname(target), true);
    if (!dir) throw Object.assign(new Error('no folder'), { code: 'ENOENT' });
    if (!dir.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    return {
      kind: 'atomic',
      target,
      tmp: join(dirname(target), `.${basename(target)}.${process.pid}.tmp`),
      mode: st ? st.mode & 0o7777 : null,
    };
  } catch (e) {
    throw outputError(flag, path, e);
  }
}

/** Writes `data` to `path` (see the top of this file); `inputs` are never written over. */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  inputs: readonly (string | null | undefined)[] = [],
  flag: OutputFlag = '--out',
): Promise<void> {
  assertOutputPath(path, flag);
  assertNotInput(path, inputs, flag);
  await writeThrough(path, flag, (target, flags) => writeFile(target, data, flags === undefined ? undefined : { flag: flags }));
}

/**
 * Writes `path` through `write(target)`: a special file (device, FIFO, stdout) is written to itself
 * (with the open flags the plan chose), anything else to a temp file beside it that is renamed over
 * it; a failure removes the temp file and becomes one plain sentence naming `flag` and `path`.
 */
export async function writeThrough(
  path: string,
  flag: OutputFlag,
  write: (target: string, flags?: string) => Promise<void>,
): Promise<void> {
  const plan = planWrite(path, flag);
  if (plan.kind === 'direct') {
    try {
      await write(plan.target, plan.flags);
    } catch (e) {
      throw outputError(flag, path, e);
    }
    return;
  }
  removeStaleTemps(plan.target);
  trackTemp(plan.tmp);
  try {
    await write(plan.tmp);
    if (plan.mode !== null) await chmod(plan.tmp, plan.mode);
    await rename(plan.tmp, plan.target);
    untrackTemp(plan.tmp);
  } catch (e) {
    await unlink(plan.tmp).catch(() => undefined);
    untrackTemp(plan.tmp);
    throw outputError(flag, path, e);
  }
}
