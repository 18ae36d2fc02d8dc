import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tmp, writeTmp } from '../helpers.js';

// A CI job piping `--format json` into jq must get JSON whenever the exit code is 0 or 1.
describe('a run that stops on a data problem with --format json prints a JSON error document', () => {
  for (const cmd of ['report', 'scorecard'] as const) {
    it(`${cmd}: header-only file → exit 1 and { error: NO_DATA_ROWS } on stdout`, () => {
      const f = writeTmp('e.csv', 'date,amount');
      const r = runCli([cmd, f, '--as-of', '2026-09-30', '--format', 'json']);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toEqual({
        schemaVersion: 1,
        tool: 'salesperf',
        command: cmd,
        error: {
          code: 'NO_DATA_ROWS',
          message: `${f}: no data rows (the file is empty, or holds only a BOM, blank lines or a header)`,
          hint: 'a failed or empty export? check the file; salesperf validate shows what was read',
        },
        exitCode: 1,
      });
    });
  }

  it('nothing on stdout and no file with --out, nor for usage errors (exit 2)', () => {
    const dir = tmp();
    const f = writeTmp('e.csv', 'date,amount', dir);
    const out = join(dir, 'r.json');
    const r = runCli(['report', f, '--as-of', '2026-09-30', '--format', 'json', '--out', out]);
    expect([r.code, r.stdout, existsSync(out)]).toEqual([1, '', false]);
    const u = runCli(['report', f, '--as-of', '2026-09-30', '--format', 'json', '--grain', 'fortnight']);
    expect([u.code, u.stdout]).toEqual([2, '']);
  });
});
