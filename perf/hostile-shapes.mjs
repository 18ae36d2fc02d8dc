#!/usr/bin/env node
/**
 * Hostile input shapes (issue 10): peak memory and time of `validate` as the shape grows, to
 * see that both grow linearly. Prints one line per size; not a test (no thresholds).
 *
 *   node perf/hostile-shapes.mjs [quoted-cells|open-quotes|all]
 *
 * quoted-cells: ~800 normal rows plus N cells of a million `""` pairs (2 MB of text each).
 * open-quotes:  N lines that each open a quote and never close it on their line.
 * Needs a build (dist/) and GNU time (/usr/bin/time) for the peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'salesperf.js');
const dir = mkdtempSync(join(tmpdir(), 'salesperf-hostile-'));
const day = (k) => `2026-01-${String(1 + (k % 28)).padStart(2, '0')}`;

const shapes = {
  'quoted-cells': {
    sizes: [4, 8, 17, 34],
    make(n) {
      const big = `"${'""'.repeat(1_000_000)}"`;
      const lines = ['date,amount,customer'];
      for (let k = 0; k < 800 + n; k++) lines.push(`${day(k)},${k + 1},${k % 24 === 5 && k / 24 < n ? big : `C${k}`}`);
      return lines.join('\n') + '\n';
    },
  },
  'open-quotes': {
    sizes: [2000, 8000, 32000, 128000],
    make(n) {
      const lines = ['date,rep,customer,amount'];
      for (let k = 0; k < n; k++) lines.push(`${day(k)},Bob,"C${k},${k + 1}`);
      return lines.join('\n') + '\n';
    },
  },
};

const pick = process.argv[2] ?? 'all';
try {
  for (const [name, shape] of Object.entries(shapes)) {
    if (pick !== 'all' && pick !== name) continue;
    for (const n of shape.sizes) {
      const file = join(dir, `${name}-${n}.csv`);
      writeFileSync(file, shape.make(n));
      const r = spawnSync(
        '/usr/bin/time',
        ['-f', '%M %e %U %S', process.execPath, BIN, 'validate', file, '--format', 'json', '--as-of', '2026-02-01', '--threads', '1'],
        { encoding: 'utf8', maxBuffer: 1 << 28 },
      );
      const [rssKb, wall, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
      let read = '?';
      try {
        const j = JSON.parse(r.stdout);
        read = `${j.files[0].rowsRead} read, ${j.files[0].rejected} rejected`;
      } catch {
        // not JSON (the run failed): the line says '?'
      }
      const mb = (statSync(file).size / 2 ** 20).toFixed(1);
      console.log(
        `${name} n=${n} ${mb} MiB: exit ${r.status}, ${read}, peak RSS ${(rssKb / 1024).toFixed(0)} MiB, cpu ${(user + sys).toFixed(2)} s (wall ${wall} s)`,
      );
      rmSync(file);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
