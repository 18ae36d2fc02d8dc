/**
 * A write stream to a temp file beside the target, renamed over it on commit; special files
 * (devices, FIFOs, /dev/stdout) are written directly. Same rules as `writeFileAtomic` (src/io/write.ts).
 *
 * Memory stays bounded whatever the output's size or the reader's speed: text is gathered up to
 * 1 MiB and written with a blocking write before more is taken. The callers render synchronously
 * (report JSON, CSV and tables, the rejects file), so a Node WriteStream, whose write() only queues,
 * held the whole output in memory before the first byte went out, and more while a pipe or slow
 * disk lagged; waiting for 'drain' would need every renderer to be async.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import {
  assertNotInput,
  assertOutputPath,
  outputError,
  planWrite,
  removeStaleTemps,
  trackTemp,
  untrackTemp,
  type OutputFlag,
} from './write.js';

export interface AtomicStream {
  write(text: string): void;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** Text gathered before a write: big enough for few system calls, small enough to be no memory at all. */
export const FLUSH_CHARS = 1 << 20;

/** The system calls the stream makes; tests pass slow or failing ones. */
export interface FdOps {
  open(path: string, flags: string, mode?: number): number;
  /** Bytes written (possibly fewer than asked), or throws (EAGAIN: try again). */
  write(fd: number, data: Uint8Array, offset: number, length: number): number;
  close(fd: number): void;
}

const nodeOps: FdOps = {
  open: (p, f, m) => openSync(p, f, m),
  write: (fd, d, o, l) => writeSync(fd, d, o, l),
  close: (fd) => closeSync(fd),
};

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `data` to `fd`, waiting out EAGAIN; returns the error that stopped it, or null. */
function writeAll(ops: FdOps, fd: number, data: Buffer): unknown {
  let off = 0;
  while (off < data.length) {
    try {
      off += ops.write(fd, data, off, data.length - off);
    } catch (e) {
      // a descriptor someone made non-blocking (a shared pipe): wait a little and go on
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') Atomics.wait(pause, 0, 0, 5);
      else return e;
    }
  }
  return null;
}

/** Opens `path` for streaming; `flag` (`--rejects`, `--out`) names it in messages. Throws exit 2/3 errors up front. */
export function openAtomicStream(
  path: string,
  inputs: readonly (string | null | undefined)[],
  flag: OutputFlag = '--out',
  ops: FdOps = nodeOps,
): AtomicStream {
  assertOutputPath(path, flag);
  assertNotInput(path, inputs, flag);
  const plan = planWrite(path, flag);
  const file = plan.kind === 'atomic' ? plan.tmp : plan.target;
  if (plan.kind === 'atomic') {
    removeStaleTemps(plan.target);
    trackTemp(plan.tmp);
  }
  let fd: number;
  try {
    fd = plan.kind === 'direct' ? ops.open(file, plan.flags) : plan.mode !== null ? ops.open(file, 'w', plan.mode) : ops.open(file, 'w');
  } catch (e) {
    if (plan.kind === 'atomic') untrackTemp(plan.tmp);
    throw outputError(flag, path, e);
  }
  let open = true;
  let failed: unknown = null;
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = () => {
    const text = pending.join('');
    pending = [];
    pendingChars = 0;
    if (failed || text === '') return;
    failed = writeAll(ops, fd, Buffer.from(text, 'utf8'));
  };
  const close = () => {
    if (!open) return;
    open = false;
    try {
      ops.close(fd);
    } catch (e) {
      failed ??= e;
    }
  };
  const drop = async () => {
    if (plan.kind !== 'atomic') return;
    await unlink(plan.tmp).catch(() => undefined);
    untrackTemp(plan.tmp);
  };
  return {
    write: (t) => {
      if (failed || !open) return;
      pending.push(t);
      pendingChars += t.length;
      if (pendingChars >= FLUSH_CHARS) flush();
    },
    async commit() {
      if (open) flush();
      close();
      try {
        if (failed) throw failed;
        if (plan.kind === 'atomic') {
          await rename(plan.tmp, plan.target);
          untrackTemp(plan.tmp);
        }
      } catch (e) {
        await drop();
        throw outputError(flag, path, e);
      }
    },
    async abort() {
      pending = [];
      close();
      await drop();
    },
  };
}
