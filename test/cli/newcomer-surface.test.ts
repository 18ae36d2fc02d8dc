/**
 * Surface problems a newcomer found (issue 9): notes that contradict the output, a grain that does
 * not match the targets, hints that name what is missing, the progress line before an error,
 * help and config texts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressFor, progressLine } from '../../src/cli/progress.js';
import { BIN, runCli, tmp, writeTmp } from '../helpers.js';

const SALES = [
  'Date,Rep,Customer,Status,Amount',
  '2026-04-10,Ann Lee,C1,Won,1000.00',
  '2026-05-10,Bo Chen,C2,Won,2000.00',
  '2026-06-10,Ann Lee,C3,Won,500.00',
].join('\n');
const QUOTAS = ['Rep,Period,Quota', 'Ann Lee,2026-Q2,3000', 'Bo Chen,2026-Q2,2000', 'Carl Lin,2026-Q2,1000'].join('\n');
const PLAN = JSON.stringify({ name: 'Base', base: { rate: 0.1, on: 'revenue' } });

describe('payout: reps with a target and no sales', () => {
  it('get a statement, and the note says so instead of "left out"', () => {
    const dir = tmp();
    const f = writeTmp('sales.csv', SALES, dir);
    const q = writeTmp('quotas.csv', QUOTAS, dir);
    const plan = writeTmp('plan.json', PLAN, dir);
    const r = runCli(['payout', f, '--plan', plan, '--targets', q, '--period', '2026-Q2', '--grain', 'quarter', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { statements: { rep: string; credited: number; total: number }[] };
    expect(doc.statements.find((s) => s.rep === 'Carl Lin')).toMatchObject({ credited: 0, total: 0 });
    expect(r.stderr).not.toContain('left out');
    expect(r.stderr).toContain(`${q}: 1 rep(s) with a target have no sales in the data; their statements credit nothing: "Carl Lin"`);
    // report leaves Carl Lin out, and says so
    const rep = runCli(['report', f, '--targets', q, '--grain', 'quarter', '--by', 'rep', '--format', 'json']);
    expect(rep.stderr).toContain(`${q}: 1 targets group(s) match no group in the sales data and are left out: "Carl Lin"`);
  });
});

describe('validate --targets: the grain of the targets when --grain is not given', () => {
  // 1,000.00 a month for 18 months: every quarter 3,000.00. Quarterly quotas: 2026-Q1 3,000 (fine), 2026-Q2 30,000.
  const hist = ['Date,Rep,Customer,Status,Amount'];
  for (const y of [2025, 2026])
    for (let m = 1; m <= (y === 2026 ? 6 : 12); m++) hist.push(`${y}-${String(m).padStart(2, '0')}-10,Ann Lee,C${m},Won,1000.00`);
  const quotas = 'Rep,Period,Quota\nAnn Lee,2026-Q1,3000\nAnn Lee,2026-Q2,30000\n';

  it('quarter keys → checked by quarter, with a note: one flag, 30,000 against a trailing 3,000 a quarter', () => {
    const dir = tmp();
    const f = writeTmp('hist.csv', hist.join('\n'), dir);
    const q = writeTmp('q.csv', quotas, dir);
    const r = runCli(['validate', f, '--targets', q, '--as-of', '2026-07-01', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { issues: { code: string; count: number; examples: { message: string }[] }[] };
    const t = doc.issues.find((i) => i.code === 'TARGET_UNREASONABLE')!;
    expect(t.count).toBe(1);
    expect(t.examples[0]!.message).toBe(
      'rep=Ann Lee 2026-Q2: target 30,000.00 is 1000% of the trailing 3-period average 3,000.00 (same period last year 3,000.00): too high?',
    );
    expect(r.stderr).toContain(`salesperf: note: ${q}: the targets are by quarter, so they are checked by quarter (set --grain to choose)`);
    // --grain month still phases each quarter into months (10,000 a month against 1,000): three flags, no note
    const m = runCli(['validate', f, '--targets', q, '--as-of', '2026-07-01', '--format', 'json', '--grain', 'month']);
    const tm = (JSON.parse(m.stdout) as typeof doc).issues.find((i) => i.code === 'TARGET_UNREASONABLE')!;
    expect(tm.count).toBe(3);
    expect(m.stderr).not.toContain('the targets are by');
  });

  it('month keys: no note, checked by month as before', () => {
    const dir = tmp();
    const f = writeTmp('hist.csv', hist.join('\n'), dir);
    const q = writeTmp('q.csv', 'Rep,Period,Quota\nAnn Lee,2026-05,1000\nAnn Lee,2026-06,5000\n', dir);
    const r = runCli(['validate', f, '--targets', q, '--as-of', '2026-07-01', '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { issues: { code: string; count: number; examples: { message: string }[] }[] };
    expect(doc.issues.find((i) => i.code === 'TARGET_UNREASONABLE')!.examples.map((e) => e.message)).toEqual([
      'rep=Ann Lee 2026-06: target 5,000.00 is 500% of the trailing 3-period average 1,000.00 (same period last year 1,000.00): too high?',
    ]);
    expect(r.stderr).not.toContain('the targets are by');
  });
});

describe('report --fail-under on a KPI the inputs cannot compute', () => {
  it('names what it needs: --targets, --spend, or the column', () => {
    const f = writeTmp('sales.csv', SALES);
    const a = runCli(['report', f, '--fail-under', 'attainment=0.8', '--as-of', '2026-07-01']);
    expect([a.code, a.stderr]).toEqual([
      2,
      'salesperf: error: --fail-under/--fail-over attainment: not computed from these inputs\n  hint: attainment needs targets: add --targets FILE (a quota file by rep or group and period)\n',
    ]);
    const c = runCli(['report', f, '--fail-over', 'cac=100', '--as-of', '2026-07-01']);
    expect([c.code, c.stderr]).toEqual([
      2,
      'salesperf: error: --fail-under/--fail-over cac: not computed from these inputs\n  hint: cac needs marketing spend: add --spend FILE\n',
    ]);
    const g = writeTmp('nocustomer.csv', 'Date,Rep,Amount\n2026-01-05,Ann Lee,10\n');
    const r = runCli(['report', g, '--fail-under', 'retentionRate=0.5', '--as-of', '2026-07-01']);
    expect([r.code, r.stderr]).toEqual([
      2,
      'salesperf: error: --fail-under/--fail-over retentionRate: not computed from these inputs\n  hint: retentionRate needs a customer column in the sales data: name it with --map customer=<header>\n',
    ]);
  });
});

describe('the progress line', () => {
  it('shows no ETA until rows come in at a rate (not `ETA 8 s  0 rows/s`)', () => {
    expect(progressLine({ file: 'sales.csv', bytes: 5e6, total: 100e6, rows: 0, elapsedMs: 400 })).toBe(
      'sales.csv [#-------------------]   5%  5.0 MB/100 MB  0 rows/s',
    );
    // 50,000 rows in 2 s, 10% read: 18 s to go
    expect(progressLine({ file: 'sales.csv', bytes: 10e6, total: 100e6, rows: 50_000, elapsedMs: 2000 })).toBe(
      'sales.csv [##------------------]  10%  10 MB/100 MB  ETA 18 s  25,000 rows/s',
    );
  });

  it('is erased before any other message to stderr: the error that stops the run, a note', () => {
    const written: string[] = [];
    const io = { stderrIsTTY: true, stderrColumns: 80, env: {}, stderr: (t: string) => void written.push(t) };
    const p = progressFor(io, false, false)!;
    p.begin('salesperf: reading missing.csv…');
    io.stderr('salesperf: error: missing.csv: no such file\n');
    expect(written.join('')).toBe('\rsalesperf: reading missing.csv…\u001b[K\r\u001b[Ksalesperf: error: missing.csv: no such file\n');
    // once erased, a second message does not erase again; a later update draws the line again
    written.length = 0;
    io.stderr('salesperf: note: x\n');
    expect(written).toEqual(['salesperf: note: x\n']);
    p.end();
    expect(written).toEqual(['salesperf: note: x\n']);
  });

  it('on a terminal, `report missing.csv` prints the error on a clean line (exit 3)', () => {
    const dir = tmp();
    const cmd = `cd ${dir} && ${process.execPath} ${BIN} report missing.csv`;
    const r = spawnSync('script', ['-qfec', cmd, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', TERM: 'xterm-256color' },
      timeout: 60_000,
    });
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('\u001b[K\r\u001b[Ksalesperf: error: missing.csv: no such file');
    expect(r.stdout).not.toContain('…salesperf: error');
  });
});

describe('minor surface fixes', () => {
  it('--out x.csv --format json writes JSON (--format wins) and says so; a matching name says nothing', () => {
    const dir = tmp();
    const f = writeTmp('sales.csv', SALES, dir);
    const out = `${dir}/x.csv`;
    const r = runCli(['report', f, '--as-of', '2026-07-01', '--out', out, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('{')).toBe(true);
    expect(r.stderr).toContain(`salesperf: note: ${out}: written as JSON (--format json), not as the .csv its name suggests\n`);
    const ok = runCli(['report', f, '--as-of', '2026-07-01', '--out', `${dir}/y.json`, '--format', 'json']);
    expect(ok.stderr).not.toContain('its name suggests');
    const s = runCli(['scorecard', f, '--as-of', '2026-07-01', '--out', `${dir}/s.md`, '--format', 'csv']);
    expect(s.stderr).toContain(`${dir}/s.md: written as CSV (--format csv), not as the .md its name suggests`);
  });

  it('payout --help points at docs/payout.md for the plan format', () => {
    const r = runCli(['payout', '--help']);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      '--plan <file> the incentive plan (JSON: base, tiers, gate, caps, bonuses; every key in docs/payout.md)',
    );
    expect(r.stdout).not.toContain('see README');
  });

  it('init on an empty or headerless file stops like the other commands; its config points at docs/input-formats.md', () => {
    const dir = tmp();
    const empty = writeTmp('empty.csv', '', dir);
    const e = runCli(['init', empty], { cwd: dir });
    expect([e.code, e.stderr]).toEqual([
      1,
      `salesperf: error: ${empty}: no header row to map (the file is empty, or holds only a BOM or blank lines)\n  hint: a failed or empty export? check the file; salesperf validate shows what was read\n`,
    ]);
    const bare = writeTmp('numbers.csv', '1,2,3\n4,5,6\n', dir);
    const b = runCli(['init', bare], { cwd: dir });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(
      `${bare}: no date and no amount column found, so this does not look like a sales export (headers: "1", "2", "3")`,
    );
    expect(existsSync(join(dir, 'salesperf.config.json'))).toBe(false);
    const ok = runCli(['init', writeTmp('sales.csv', SALES, dir), '--out', '-']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('// Flags on the command line win over this file. Every key: docs/input-formats.md.');
    expect(ok.stdout).not.toContain('README');
  });
});
