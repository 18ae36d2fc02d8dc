/**
 * A write stream to a temp file beside the target, renamed over it on commit; special files
 * (devices, FIFOs, /dev/stdout) are written directly. Same rules as `writeFileAtomic` (src/io/write.ts).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { assertNotInput, assertOutputPath, outputError, planWrite, removeStaleTemps, trackTemp, untrackTemp, type OutputFlag } from './write.js';

export interface AtomicStream {
  write(text: string): void;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** Opens `path` for streaming; `flag` (`--rejects`, `--out`) names it in messages. Throws exit 2/3 errors up front. */
export function openAtomicStream(path: string, inputs: readonly (string | null | undefined)[], flag: OutputFlag = '--out'): AtomicStream {
  assertOutputPath(path, flag);
  assertNotInput(path, inputs, flag);
  const plan = planWrite(path, flag);
  const file = plan.kind === 'atomic' ? plan.tmp : plan.target;
  if (plan.kind === 'atomic') {
    removeStaleTemps(plan.target);
    trackTemp(plan.tmp);
  }
  const ws: WriteStream = createWriteStream(file, { flags: plan.kind === 'direct' ? plan.flags : 'w', ...(plan.kind === 'atomic' && plan.mode !== null ? { mode: plan.mode } : {}) });
  let failed: unknown = null;
  ws.on('error', (e) => (failed ??= e));
  // end's callback gets a write error (ENOSPC on /dev/full…) that the 'error' event may only report later
  const closed = () =>
    new Promise<void>((r) =>
      ws.destroyed
        ? r()
        : ws.end((e?: Error | null) => {
            if (e) failed ??= e;
            r();
          }),
    );
  const drop = async () => {
    if (plan.kind !== 'atomic') return;
    await unlink(plan.tmp).catch(() => undefined);
    untrackTemp(plan.tmp);
  };
  return {
    write: (t) => {
      if (!failed) ws.write(t);
    },
    async commit() {
      await closed();
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
      await closed();
      await drop();
    },
  };
}
