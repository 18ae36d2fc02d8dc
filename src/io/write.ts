/** Output files are written atomically (temp file + rename) and never over an input. */
import { realpathSync } from 'node:fs';
import { rename, writeFile, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { usageError } from '../errors.js';

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

export function assertNotInput(out: string, inputs: readonly string[]): void {
  const o = real(out);
  for (const i of inputs) {
    if (i !== '-' && real(i) === o) throw usageError('OUT_IS_INPUT', `--out ${out}: that is one of the input files; salesperf never writes over its input`);
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, inputs: readonly string[] = []): Promise<void> {
  assertNotInput(path, inputs);
  const tmp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw usageError('OUT_UNWRITABLE', `cannot write ${path}: ${(e as Error).message}`);
  }
}
