/** A write stream to a temp file beside the target, renamed over it on commit. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { assertNotInput } from './write.js';

export interface AtomicStream {
  write(text: string): void;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export function openAtomicStream(path: string, inputs: readonly string[]): AtomicStream {
  assertNotInput(path, inputs);
  const tmp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.tmp`);
  const ws: WriteStream = createWriteStream(tmp);
  let failed: Error | null = null;
  ws.on('error', (e) => (failed = e));
  const closed = () => new Promise<void>((r) => ws.end(r));
  return {
    write: (t) => void ws.write(t),
    async commit() {
      await closed();
      if (failed) throw failed;
      await rename(tmp, path);
    },
    async abort() {
      await closed();
      await unlink(tmp).catch(() => undefined);
    },
  };
}
