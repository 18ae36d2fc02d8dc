/**
 * Output streams and process faults: closed pipes, full disks, missing or read-only folders,
 * special files, symlinks, signals mid-write, stale temp files and the config file as an input.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputError } from '../../src/io/write.js';
import { BIN, runCli, tmp, writeTmp } from '../helpers.js';

const SALES = 'Date,Rep,Customer,Amount\n2026-01-05,Ann,A,100\n2026-02-05,Bob,B,200\n2026-02-07,Ann,C,50\n';
const BAD = 'Date,Rep,Customer,Amount\nnot a date,Bob,B,x\n2026-01-05,Ann,A,100\n';
const PLAN = '{ "name": "Base 10%", "base": { "rate": 0.1 } }';
const asOf = ['--as-of', '2026-05-20'];

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns the CLI with its stdout (or stderr) read end closed at once, as `| head` does once it has enough. */
function runClosed(args: string[], which: 'stdout' | 'stderr', cwd?: string): Promise<Run> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    if (which === 'stdout') {
      p.stdout.destroy();
      p.stderr.on('data', (d: Buffer) => (stderr += d));
    } else {
      p.stderr.destroy();
      p.stdout.on('data', (d: Buffer) => (stdout += d));
    }
    p.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/** Lists `.NAME.PID.tmp` files in a folder. */
function temps(dir: string): string[] {
  return readdirSync(dir).filter((n) => /^\..*\.\d+\.tmp$/.test(n));
}

function sh(script: string, cwd: string): Run {
  const r = spawnSync('bash', ['-c', script], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', BIN, NODE: process.execPath },
    encoding: 'utf8',
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe('a closed pipe (| head) ends the run quietly with exit 0', () => {
  const dir = tmp();
  const sales = writeTmp('sales.csv', SALES, dir);
  const bad = writeTmp('bad.csv', BAD, dir);
  const plan = writeTmp('plan.json', PLAN, dir);
  const cases: [string, string[]][] = [
    ['kpis', ['kpis']],
    ['kpis json', ['kpis', '--format', 'json']],
    ['report table', ['report', sales, ...asOf]],
    ['report csv', ['report', sales, ...asOf, '--format', 'csv']],
    ['report json', ['report', sales, ...asOf, '--format', 'json']],
    ['report md', ['report', sales, ...asOf, '--format', 'md']],
    ['report with data issues (would be exit 1)', ['report', bad, ...asOf, '--format', 'csv']],
    ['scorecard', ['scorecard', sales, ...asOf]],
    ['payout', ['payout', sales, '--plan', plan, ...asOf]],
    ['payout csv', ['payout', sales, '--plan', plan, ...asOf, '--format', 'csv']],
    ['validate', ['validate', sales]],
    ['validate json', ['validate', bad, '--format', 'json']],
    ['init --out -', ['init', sales, '--out', '-']],
  ];
  for (const [name, args] of cases) {
    it(`stdout closed: ${name}`, async () => {
      const r = await runClosed(args, 'stdout');
      expect(r.stderr).not.toMatch(/EPIPE|at .*\(|node:internal/);
      expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    });
  }

  it('stderr closed while notes are written: exit 0, no trace', async () => {
    const r = await runClosed(['report', bad, ...asOf, '--format', 'csv'], 'stderr');
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
  });

  it('a shell pipeline into head -1 keeps the first line and exits 0', () => {
    const many = writeTmp(
      'many.csv',
      'Date,Rep,Customer,Amount\n' + Array.from({ length: 3000 }, (_, i) => `2026-01-05,R${i},C${i},${i + 1}\n`).join(''),
      dir,
    );
    const r = sh(`set -o pipefail; "$NODE" "$BIN" report '${many}' --as-of 2026-05-20 --format csv | head -1`, dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'period,rep,revenue,refunds,deals,avgDealSize,growth,yoyGrowth,activeCustomers,newCustomers,retainedCustomers,reactivatedCustomers,retentionRate,churnRate,retentionRateClassic,forecast\r\n',
    ); // CSV lines end in CRLF
    expect(r.code).toBe(0);
  });
});

describe('output faults are one sentence naming the flag and path, exit 3, no temp file left', () => {
  it('stdout on a full disk (> /dev/full)', () => {
    const r = sh('exec "$NODE" "$BIN" kpis > /dev/full', tmp());
    expect(r.stderr).toBe('salesperf: error: cannot write to standard output: the disk is full\n');
    expect(r.code).toBe(3);
  });

  it('--out in a missing folder', () => {
    const dir = tmp();
    const sales = writeTmp('sales.csv', SALES, dir);
    const r = runCli(['report', sales, ...asOf, '--out', 'nodir/report.xlsx'], { cwd: dir });
    expect(r.stderr).toBe('salesperf: error: cannot write --out nodir/report.xlsx: the folder nodir does not exist\n');
    expect(r.code).toBe(3);
    expect(readdirSync(dir)).toEqual(['sales.csv']);
  });

  it('--out on a full device (/dev/full) and over a folder, or under a file', () => {
    const dir = tmp();
    const sales = writeTmp('sales.csv', SALES, dir);
    const full = runCli(['report', sales, ...asOf, '--format', 'csv', '--out', '/dev/full'], { cwd: dir });
    expect(full.stderr).toBe('salesperf: error: cannot write --out /dev/full: the disk is full\n');
    expect(full.code).toBe(3);
    const folder = runCli(['report', sales, ...asOf, '--out', '.'], { cwd: dir });
    expect(folder.stderr).toBe('salesperf: error: cannot write --out .: that is a folder\n');
    expect(folder.code).toBe(3);
    const under = runCli(['report', sales, ...asOf, '--out', 'sales.csv/r.csv'], { cwd: dir });
    expect(under.stderr).toBe('salesperf: error: cannot write --out sales.csv/r.csv: sales.csv is not a folder\n');
    expect(under.code).toBe(3);
    expect(readdirSync(dir)).toEqual(['sales.csv']);
  });

  it('validate --rejects to a missing folder, or to a full device', () => {
    const dir = tmp();
    const bad = writeTmp('bad.csv', BAD, dir);
    const r = runCli(['validate', bad, '--rejects', 'nodir/rejects.csv'], { cwd: dir });
    expect(r.stderr).toBe('salesperf: error: cannot write --rejects nodir/rejects.csv: the folder nodir does not exist\n');
    expect(r.code).toBe(3);
    const f = runCli(['validate', bad, '--rejects', '/dev/full'], { cwd: dir });
    expect(f.stderr).toBe('salesperf: error: cannot write --rejects /dev/full: the disk is full\n');
    expect(f.code).toBe(3);
    expect(readdirSync(dir)).toEqual(['bad.csv']);
  });

  it('validate --rejects into a folder that refuses new files (immutable: even root gets EPERM)', (ctx) => {
    const dir = tmp();
    const bad = writeTmp('bad.csv', BAD, dir);
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    if (spawnSync('chattr', ['+i', ro]).status !== 0) return ctx.skip();
    try {
      const r = runCli(['validate', bad, '--rejects', 'ro/rejects.csv'], { cwd: dir });
      expect(r.stderr).toBe(
        'salesperf: error: cannot write --rejects ro/rejects.csv: permission denied (check that you may write to ro)\n',
      );
      expect(r.code).toBe(3);
      const o = runCli(['report', bad, ...asOf, '--out', 'ro/r.csv'], { cwd: dir });
      expect(o.code).toBe(3);
      expect(readdirSync(ro)).toEqual([]);
    } finally {
      spawnSync('chattr', ['-i', ro]);
    }
  });

  it('the message for each fault code (EACCES and EROFS cannot be made here as root)', () => {
    const err = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
    expect(outputError('--out', 'out/r.xlsx', err('EACCES')).message).toBe(
      'cannot write --out out/r.xlsx: permission denied (check that you may write to out)',
    );
    expect(outputError('--rejects', '/mnt/r.csv', err('EROFS')).message).toBe(
      'cannot write --rejects /mnt/r.csv: it is on a read-only file system',
    );
    expect(outputError('stdout', '-', err('ENOSPC')).message).toBe('cannot write to standard output: the disk is full');
    expect(outputError('--out', 'x', err('EISDIR')).message).toBe('cannot write --out x: that is a folder');
    expect(outputError('--out', 'a/b', err('ENOTDIR')).message).toBe('cannot write --out a/b: a is not a folder');
    expect(outputError('--out', 'x', err('EWHATEVER')).message).toBe('cannot write --out x: EWHATEVER: raw');
    for (const c of ['EACCES', 'EROFS', 'ENOSPC', 'ENOENT', 'EISDIR', 'ENOTDIR'])
      expect(outputError('--out', 'x', err(c)).exitCode).toBe(3);
  });
});

describe('flags naming output', () => {
  it("--out '' and --rejects '' are usage errors (exit 2), not stdout", () => {
    const dir = tmp();
    const sales = writeTmp('sales.csv', SALES, dir);
    const r = runCli(['report', sales, ...asOf, '--out', '']);
    expect(r.stderr).toBe('salesperf: error: --out: expected a file name (or - for standard output), got an empty string\n');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
    const v = runCli(['validate', sales, '--rejects', '']);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('--rejects: expected a file name');
  });

  it('--out - is stdout', () => {
    const dir = tmp();
    const sales = writeTmp('sales.csv', SALES, dir);
    const a = runCli(['report', sales, ...asOf, '--format', 'csv', '--out', '-'], { cwd: dir });
    const b = runCli(['report', sales, ...asOf, '--format', 'csv'], { cwd: dir });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.split('\r\n')[1]).toBe('2026-01,Ann,100,0,1,100,,,1,1,0,0,,,,');
    expect(readdirSync(dir)).toEqual(['sales.csv']);
  });

  it('validate --rejects over an input names --rejects', () => {
    const dir = tmp();
    const bad = writeTmp('bad.csv', BAD, dir);
    const r = runCli(['validate', bad, '--rejects', bad]);
    expect(r.stderr).toBe(
      `salesperf: error: --rejects ${bad}: that is one of the input files (${bad}); salesperf never writes over its input\n`,
    );
    expect(r.code).toBe(2);
    expect(readFileSync(bad, 'utf8')).toBe(BAD);
  });
});

describe('the config file is an input: never written over', () => {
  it('explicit --config', () => {
    const dir = tmp();
    const sales = writeTmp('sales.csv', SALES, dir);
    const cfg = writeTmp('c.json', '{}', dir);
    const r = runCli(['report', sales, ...asOf, '--config', cfg, '--out', cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out ${cfg}: that is one of the input files`);
    const v = runCli(['validate', sales, '--config', cfg, '--rejects', cfg]);
    expect(v.code).toBe(2);
    const plan = writeTmp('plan.json', PLAN, dir);
    const p = runCli(['payout', sales, '--plan', plan, ...asOf, '--config', cfg, '--out', cfg]);
    expect(p.code).toBe(2);
    const s = runCli(['scorecard', sales, ...asOf, '--config', cfg, '--out', cfg]);
    expect(s.code).toBe(2);
    expect(readFileSync(cfg, 'utf8')).toBe('{}');
  });

  it('implicit ./salesperf.config.json, also through a symlink', () => {
    const dir = tmp();
    const sales = writeTmp('sales.csv', SALES, dir);
    writeFileSync(join(dir, 'salesperf.config.json'), '{}');
    symlinkSync('salesperf.config.json', join(dir, 'cfg-link.json'));
    for (const out of ['salesperf.config.json', 'cfg-link.json']) {
      const r = runCli(['report', sales, ...asOf, '--format', 'csv', '--out', out], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--out ${out}: that is one of the input files (salesperf.config.json)`);
    }
    expect(readFileSync(join(dir, 'salesperf.config.json'), 'utf8')).toBe('{}');
    // with another --config, ./salesperf.config.json is not read, so it may be written
    const other = writeTmp('other.json', '{}', dir);
    expect(
      runCli(['report', sales, ...asOf, '--format', 'csv', '--config', other, '--out', 'salesperf.config.json'], { cwd: dir }).code,
    ).toBe(0);
  });
});

describe('special files and symlinks as targets', () => {
  const csvOf = (sales: string) => runCli(['report', sales, ...asOf, '--format', 'csv']).stdout;

  it('a symlink to /dev/null stays a symlink and /dev/null stays a device; /dev/null itself too', () => {
    const dir = tmp();
    const sales = writeTmp('sales.csv', SALES, dir);
    symlinkSync('/dev/null', join(dir, 'null.csv'));
    const r = runCli(['report', sales, ...asOf, '--out', 'null.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'null.csv')).isSymbolicLink()).toBe(true);
    const d = runCli(['report', sales, ...asOf, '--out', '/dev/null'], { cwd: dir });
    expect(d.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(temps(dir)).toEqual([]);
  });

  it('a FIFO is written to, not replaced', async () => {
    const dir = tmp();
    const sales = writeTmp('sales.csv', SALES, dir);
    const fifo = join(dir, 'out.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d));
    const writer = spawn(process.execPath, [BIN, 'report', sales, ...asOf, '--format', 'csv', '--out', fifo], { stdio: 'ignore' });
    // a writer that fails without opening the FIFO would leave cat waiting: end it then
    const wrote = new Promise((r) => writer.on('close', (c) => (r(c), c === 0 || reader.kill())));
    const [code] = await Promise.all([wrote, new Promise((r) => reader.on('close', r))]);
    expect(code).toBe(0);
    expect(got).toBe(csvOf(sales));
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(temps(dir)).toEqual([]);
  });

  it('--out /dev/stdout writes into whatever stdout is', () => {
    const dir = tmp();
    const sales = writeTmp('sales.csv', SALES, dir);
    const r = sh(
      `"$NODE" "$BIN" report sales.csv --as-of 2026-05-20 --format csv --out /dev/stdout > o.csv && "$NODE" "$BIN" report sales.csv --as-of 2026-05-20 --format csv --out /dev/stdout | cat > p.csv`,
      dir,
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'o.csv'), 'utf8')).toBe(csvOf(sales));
    expect(readFileSync(join(dir, 'p.csv'), 'utf8')).toBe(csvOf(sales));
  });

  it('a symlink is written through to the file it points at (the link stays); a dangling one creates that file', () => {
    const dir = tmp();
    const sales = writeTmp('sales.csv', SALES, dir);
    mkdirSync(join(dir, 'keep'));
    writeFileSync(join(dir, 'keep/real.csv'), 'old');
    symlinkSync('keep/real.csv', join(dir, 'link.csv'));
    symlinkSync('keep/new.csv', join(dir, 'dangling.csv'));
    expect(runCli(['report', sales, ...asOf, '--format', 'csv', '--out', 'link.csv'], { cwd: dir }).code).toBe(0);
    expect(runCli(['report', sales, ...asOf, '--format', 'csv', '--out', 'dangling.csv'], { cwd: dir }).code).toBe(0);
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'dangling.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'keep/real.csv'), 'utf8')).toBe(csvOf(sales));
    expect(readFileSync(join(dir, 'keep/new.csv'), 'utf8')).toBe(csvOf(sales));
    expect(temps(dir)).toEqual([]);
    expect(temps(join(dir, 'keep'))).toEqual([]);
  });
});

describe('temp files', () => {
  /** Starts `validate FIFO --rejects rejects.csv` with the FIFO held open, waits until its temp file exists. */
  async function midWrite(dir: string) {
    const fifo = join(dir, 'in.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const p = spawn(process.execPath, [BIN, 'validate', 'in.csv', '--rejects', 'rejects.csv'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d));
    // hold the FIFO open and unfinished, so the run stays mid-read with its temp file open
    const holder = spawn('bash', ['-c', `exec 3>'${fifo}'; printf 'Date,Rep,Customer,Amount\\nbad,B,C,x\\n' >&3; sleep 30`], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 200 && temps(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(temps(dir)).toEqual([`.rejects.csv.${p.pid}.tmp`]);
    return { p, holder, stderr: () => stderr };
  }

  for (const [sig] of [['SIGTERM'], ['SIGINT']] as const) {
    it(`${sig} mid-write removes the temp file and ends the run by that signal (shell status ${sig === 'SIGTERM' ? 143 : 130})`, async () => {
      const dir = tmp();
      const { p, holder, stderr } = await midWrite(dir);
      const ended = new Promise<[number | null, NodeJS.Signals | null]>((r) => p.on('close', (c, s) => r([c, s])));
      p.kill(sig);
      const [code, signal] = await ended;
      holder.kill('SIGKILL');
      expect({ code, signal }).toEqual({ code: null, signal: sig });
      expect(stderr()).toBe('');
      expect(readdirSync(dir)).toEqual(['in.csv']);
    });
  }

  it("after a SIGKILL, the next write to that target removes the dead run's temp file (a live run's is kept)", async () => {
    const dir = tmp();
    const { p, holder } = await midWrite(dir);
    const ended = new Promise((r) => p.on('close', r));
    p.kill('SIGKILL');
    await ended;
    holder.kill('SIGKILL');
    const stale = `.rejects.csv.${p.pid}.tmp`;
    expect(temps(dir)).toEqual([stale]);
    const live = `.rejects.csv.${process.pid}.tmp`; // this test process is alive
    writeFileSync(join(dir, live), 'x');
    const bad = writeTmp('bad.csv', BAD, dir);
    const r = runCli(['validate', bad, '--rejects', 'rejects.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(temps(dir)).toEqual([live]);
    expect(readFileSync(join(dir, 'rejects.csv'), 'utf8').split('\r\n')[0]).toBe('file,row,severity,code,column,value,message,record');
    // the same for --out
    writeFileSync(join(dir, `.r.csv.${p.pid}.tmp`), 'x');
    expect(runCli(['report', bad, ...asOf, '--format', 'csv', '--out', 'r.csv'], { cwd: dir }).code).toBe(1);
    expect(temps(dir)).toEqual([live]);
    expect(existsSync(join(dir, 'r.csv'))).toBe(true);
  });
});

describe('internal errors outside the command (unhandled rejections, exceptions)', () => {
  const guarded = (body: string, debug: boolean) =>
    spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { installProcessGuards } from ${JSON.stringify(join(BIN, '../../dist/cli/io.js'))}; installProcessGuards(${debug}); ${body}`,
      ],
      { encoding: 'utf8' },
    );

  it('an unhandled rejection is one line and a hint, exit 70; the stack only with --debug', () => {
    const r = guarded("Promise.reject(new Error('boom'));", false);
    expect(r.stderr).toBe(
      'salesperf: error: internal error: boom\n  (this is a bug in salesperf; run again with --debug for details and report it)\n',
    );
    expect(r.status).toBe(70);
    const d = guarded("Promise.reject(new Error('boom'));", true);
    expect(d.stderr).toMatch(/^salesperf: error: internal error: boom\nError: boom\n {4}at /);
    expect(d.status).toBe(70);
  });

  it('an uncaught exception in a callback, with a temp file open: exit 70 and the temp file is removed', () => {
    const dir = tmp();
    const t = join(dir, '.r.csv.1.tmp');
    const r = guarded(
      `const w = await import(${JSON.stringify(join(BIN, '../../dist/io/write.js'))}); (await import('node:fs')).writeFileSync(${JSON.stringify(t)}, 'x'); w.trackTemp(${JSON.stringify(t)}); setTimeout(() => { throw new TypeError('bad'); }, 1);`,
      false,
    );
    expect(r.stderr).toBe(
      'salesperf: error: internal error: bad\n  (this is a bug in salesperf; run again with --debug for details and report it)\n',
    );
    expect(r.status).toBe(70);
    expect(readdirSync(dir)).toEqual([]);
  });
});
