/**
 * `report --memory-limit SIZE --temp-dir DIR` (issue 12): DuckDB's memory_limit and the folder it
 * spills to. A size DuckDB would not read is a usage error (exit 2) before anything is read; the
 * flags with an engine that is never DuckDB are a usage error; a report under a limit gives the
 * same JSON as without; a limit too small to run is one line with a hint (exit 3), no stack trace.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tmp, writeTmp } from '../helpers.js';

/** 20,000 rows of ISO dates and plain amounts: 8 reps, 2,000 customers, every status. */
function sales(n: number): string {
  const lines = ['Date,Deal ID,Rep,Customer,Status,Amount'];
  const statuses = ['Won', 'Won', 'Won', 'Lost', 'Open', 'Refund'];
  for (let i = 0; i < n; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (i % 12);
    const st = statuses[i % statuses.length]!;
    const amount = `${st === 'Refund' ? '-' : ''}${(i * 37) % 5000}.${String(i % 100).padStart(2, '0')}`;
    lines.push(`2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},D${i},Rep ${i % 8},C${i % 2000},${st},${amount}`);
  }
  return lines.join('\n') + '\n';
}

describe('report --memory-limit / --temp-dir', () => {
  const dir = tmp();
  const file = writeTmp('sales.csv', sales(20_000), dir);
  const base = [file, '--by', 'rep', '--as-of', '2026-01-31', '-f', 'json', '--quiet'];

  it('a size DuckDB does not read is exit 2 naming the flag and the value', () => {
    for (const bad of ['300', '2XB', 'lots', '-5MB']) {
      const r = runCli(['report', ...base, '--engine', 'duckdb', '--memory-limit', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr.trim(), bad).toBe(
        `salesperf: error: --memory-limit: expected a size such as 300MB, 1.5GB or 2GiB (KB, MB, GB, TB, KiB, MiB, GiB, TiB), got ${JSON.stringify(bad)}`,
      );
    }
  });

  it('a --temp-dir that is a file, or under a folder that does not exist, is exit 2 before anything is read', () => {
    for (const bad of [file, join(dir, 'no', 'such')]) {
      const r = runCli(['report', ...base, '--engine', 'duckdb', '--temp-dir', bad]);
      expect([r.code, r.stderr.trim()], bad).toEqual([
        2,
        `salesperf: error: --temp-dir: ${JSON.stringify(bad)} is not a folder, and not one that can be made in an existing folder`,
      ]);
    }
  });

  it('a Parquet file where the JS engine reads (validate, --engine js) is one clear line, exit 3, not its bytes as headers', () => {
    const pq = join(dir, 'sales.parquet');
    expect(runCli(['export', file, '-o', pq, '--as-of', '2026-01-31', '-q']).code).toBe(0);
    for (const args of [
      ['validate', pq],
      ['report', pq, '--engine', 'js'],
    ]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr.split('\n')[0]).toBe(
        `salesperf: error: ${pq}: this is a Parquet file; only report reads Parquet, on DuckDB (the JS engine reads CSV and XLSX)`,
      );
      expect(r.stderr).not.toContain('PAR1');
    }
    // and report on it, auto, reads it with DuckDB: the same totals as the CSV
    const a = JSON.parse(runCli(['report', pq, '--by', 'rep', '--as-of', '2026-01-31', '-f', 'json', '-q']).stdout) as {
      totals: { revenue: number }[];
    };
    const b = JSON.parse(runCli(['report', ...base, '--engine', 'js']).stdout) as typeof a;
    expect(a.totals.map((t) => t.revenue)).toEqual(b.totals.map((t) => t.revenue));
  });

  it('with --engine js or postgres the flags are exit 2: they would do nothing', () => {
    const js = runCli(['report', ...base, '--engine', 'js', '--memory-limit', '1GB']);
    expect([js.code, js.stderr.trim()]).toEqual([2, 'salesperf: error: --memory-limit goes with --engine duckdb or auto']);
    const pg = runCli(['report', '--engine', 'postgres', '--table', 't', '--db', 'postgres://x@127.0.0.1:1/d', '--temp-dir', dir]);
    expect([pg.code, pg.stderr.trim()]).toEqual([2, 'salesperf: error: --temp-dir goes with --engine duckdb or auto']);
  });

  it('under a limit, with a spill folder: the same JSON as without one and as the JS engine', () => {
    const spill = join(dir, 'spill');
    const free = runCli(['report', ...base, '--engine', 'duckdb']);
    const capped = runCli(['report', ...base, '--engine', 'duckdb', '--memory-limit', '200MB', '--temp-dir', spill]);
    const js = runCli(['report', ...base, '--engine', 'js']);
    expect([free.code, capped.code, js.code], capped.stderr).toEqual([0, 0, 0]);
    expect(capped.stdout).toBe(free.stdout);
    const doc = JSON.parse(capped.stdout) as { meta: { engine: string }; totals: { period: string; revenue: number; deals: number }[] };
    const jsDoc = JSON.parse(js.stdout) as typeof doc;
    expect(doc.meta.engine).toBe('duckdb');
    expect(doc.totals.map((t) => [t.period, t.revenue, t.deals])).toEqual(jsDoc.totals.map((t) => [t.period, t.revenue, t.deals]));
    // by hand: 20,000 rows, one deal id each, rows i % 6 in {0, 1, 2} won: 3,333 full cycles × 3 + rows 19,998 and 19,999 → 10,001 won deals
    expect(doc.totals.reduce((s, t) => s + t.deals, 0)).toBe(10_001);
    // nothing is left in the working folder (DuckDB's own default spill folder is .tmp there)
    expect(existsSync(join(dir, '.tmp'))).toBe(false);
  });

  it('a limit too small to run is one line and a hint, exit 3', () => {
    const r = runCli(['report', ...base, '--engine', 'duckdb', '--memory-limit', '8MB']);
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^salesperf: error: .*sales\.csv: the report query failed: Out of Memory Error: /);
    expect(lines[1]).toBe(
      '  hint: DuckDB ran out of memory: raise --memory-limit, or run with --engine js (it streams the file in far less memory)',
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
