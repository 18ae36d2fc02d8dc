import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const run = (code: string) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });

describe('a reader that stalls', () => {
  it('without the guard, Node exits 13 with no output (the trap)', () => {
    const r = run(`await new Promise(() => {});`);
    expect(r.status).toBe(13);
  });

  it('with the guard, the stall becomes an error with a message', () => {
    const r = run(`
      import { guardStall } from './dist/io/stall.js';
      try { await guardStall(new Promise(() => {}), () => 'book.xlsx'); }
      catch (e) { console.error(e.code + ' ' + e.exitCode + ' ' + e.message); process.exitCode = e.exitCode; }`);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('READ_STALLED 3 book.xlsx: reading stopped without finishing or reporting an error');
  });

  it('the guard lets a finished read through untouched', () => {
    const r = run(`
      import { guardStall } from './dist/io/stall.js';
      console.log(await guardStall(Promise.resolve(42), () => 'x'));`);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('42');
  });
});
