/**
 * `--out`/`--rejects` streams: memory stays bounded however big the output and however slow
 * the reader. The renderers write synchronously, so the stream itself must hand text to the
 * system as it goes (a Node WriteStream only queued it: all of it stayed in memory until the
 * renderer returned). Checked with a writer that takes a few bytes per call (as a full pipe
 * does), a FIFO with a slow reader, and the memory held after a large synchronous write.
 */
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { FLUSH_CHARS, openAtomicStream, type FdOps } from '../../src/io/atomic-stream.js';
import { tmp } from '../helpers.js';

const line = (k: number) => `${String(k).padStart(8, '0')},north,全国,${k * 3}.25\n`;

describe('atomic stream: bounded memory on big outputs', () => {
  it('a writer that takes at most 4,093 bytes a call and says EAGAIN every other call: all text arrives, in order, never more than 1 MiB waiting', async () => {
    const out = join(tmp(), 'big.csv');
    let calls = 0;
    let written = 0;
    let biggest = 0;
    const chunks: Buffer[] = [];
    const ops: FdOps = {
      open: (p, f, m) => openSync(p, f, m),
      write(fd, data, off, len) {
        if (++calls % 2 === 0) throw Object.assign(new Error('try again'), { code: 'EAGAIN' });
        biggest = Math.max(biggest, len);
        const n = Math.min(len, 4093);
        chunks.push(Buffer.from(data.subarray(off, off + n)));
        written += n;
        return writeSync(fd, data, off, n);
      },
      close: (fd) => closeSync(fd),
    };
    const s = openAtomicStream(out, [], '--out', ops);
    const want = createHash('sha256');
    let bytes = 0;
    let maxBehind = 0;
    for (let k = 0; k < 100_000; k++) {
      const t = line(k);
      s.write(t);
      want.update(t);
      bytes += Buffer.byteLength(t);
      // what the stream holds that the writer has not taken: bounded by one flush
      maxBehind = Math.max(maxBehind, bytes - written);
    }
    await s.commit();
    const expected = want.digest('hex');
    expect(createHash('sha256').update(readFileSync(out)).digest('hex')).toBe(expected);
    expect(createHash('sha256').update(Buffer.concat(chunks)).digest('hex')).toBe(expected);
    expect(written).toBe(readFileSync(out).length);
    expect(biggest).toBeLessThanOrEqual(3 * FLUSH_CHARS + 3); // one flush of ≤ 1 Mi + one line, ≤ 3 bytes a character
    expect(maxBehind).toBeLessThan(3 * FLUSH_CHARS + 100); // ≤ 1 Mi characters of ≤ 3 bytes
    expect(readdirSync(join(out, '..'))).toEqual(['big.csv']); // no temp file left
  }, 120_000);

  it('64 MiB written synchronously hold under 16 MiB of memory (a WriteStream queued all 64)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const out = join(tmp(), 'big.json');
    const piece = 'x'.repeat(1023) + '\n';
    gc();
    const m0 = process.memoryUsage();
    const s = openAtomicStream(out, []);
    for (let k = 0; k < 65_536; k++) s.write(piece);
    gc();
    const m1 = process.memoryUsage();
    const held = m1.heapUsed + m1.external + m1.arrayBuffers - (m0.heapUsed + m0.external + m0.arrayBuffers);
    await s.commit();
    expect(readFileSync(out).length).toBe(64 * 2 ** 20);
    expect(held).toBeLessThan(16 * 2 ** 20);
  }, 120_000);

  it('a FIFO read slowly by another process gets every byte (written to, not replaced)', async () => {
    const dir = tmp();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    // the reader takes 64 KiB at a time with pauses, so the pipe is full most of the time
    const reader = spawn(process.execPath, [
      '-e',
      `
      const fs = require('fs'); const fd = fs.openSync(process.argv[1], 'r'); const b = Buffer.alloc(65536);
      const h = require('crypto').createHash('sha256'); let n = 0;
      for (;;) { const r = fs.readSync(fd, b); if (r === 0) break; h.update(b.subarray(0, r)); n += r; Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); }
      process.stdout.write(n + ' ' + h.digest('hex'));`,
      fifo,
    ]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
    const done = new Promise((r) => reader.on('close', r));
    const s = openAtomicStream(fifo, []);
    const want = createHash('sha256');
    let bytes = 0;
    for (let k = 0; k < 200_000; k++) {
      const t = line(k);
      s.write(t);
      want.update(t);
      bytes += Buffer.byteLength(t);
    }
    await s.commit();
    await done;
    expect(got).toBe(`${bytes} ${want.digest('hex')}`);
    expect(readdirSync(dir)).toEqual(['pipe']);
  }, 120_000);
});
