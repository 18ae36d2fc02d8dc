#!/usr/bin/env node
/**
 * salesperf fuzzer: mutates seed inputs and runs `validate` and `report` on
 * each in a pool of long-lived children, with a time and memory limit.
 *
 *   npm run fuzz -- --cases N --seed S [--time-limit ms] [--keep DIR]
 *                   [--workers N] [--no-minimise] [--known FILE]
 *
 * A failure: exit code outside {0,1,2,3}, a stack trace or node:internal /
 * Error: frames on stderr, a hang, a crash or signal, invalid JSON on stdout
 * (exit ≤ 1, JSON asked for), peak memory over 1 GiB, writes that bypass the
 * CLI's io, or exit 0 on an input with no data rows. Failing cases are kept,
 * minimised, grouped by signature and summarised.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Pool } from './pool.mjs';
import { makeCase } from './cases.mjs';
import { classify } from './oracle.mjs';
import { minimiseBytes, ddmin } from './minimise.mjs';
import { ROOT } from './seeds.mjs';

const BIN = join(ROOT, 'bin/salesperf.js');

/** Known-failure patterns: one regular expression a line; # starts a comment. */
export function readKnown(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => new RegExp(l));
}

const withFile = (argv, file) => argv.map((a) => (a === '@FILE' ? file : a));

/** A one-line shell command that makes the file and runs the CLI (from the repo root). */
export function reproLine(bytes, ext, argv) {
  const file = `/tmp/salesperf-repro.${ext}`;
  const args = withFile(argv, file)
    .map((a) => (/^[\w./:=,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
  let make;
  const printable = [...bytes].filter((c) => c >= 0x20 && c < 0x7f).length;
  if (bytes.length <= 600 && printable >= bytes.length * 0.6) {
    let f = '';
    for (const c of bytes) {
      if (c === 0x27) f += `'\\''`;
      else if (c === 0x25) f += '%%';
      else if (c === 0x5c) f += '\\\\';
      else if (c === 0x0a) f += '\\n';
      else if (c === 0x0d) f += '\\r';
      else if (c === 0x09) f += '\\t';
      else if (c >= 0x20 && c < 0x7f) f += String.fromCharCode(c);
      else f += '\\' + c.toString(8).padStart(3, '0');
    }
    make = `printf '${f}' > ${file}`;
  } else if (bytes.length <= 3000) make = `echo ${bytes.toString('base64')} | base64 -d > ${file}`;
  else return null;
  return `${make} && node bin/salesperf.js ${args}; echo "exit $?"`;
}

/** Failures grouped by signature, in case order (deterministic); `known` when a known pattern matches. */
function groupFailures(failures, known) {
  failures.sort((a, b) => a.caseId - b.caseId || a.run - b.run);
  const groups = new Map();
  for (const f of failures) {
    if (!groups.has(f.sig)) groups.set(f.sig, { sig: f.sig, cls: f.cls, count: 0, first: f, known: known.some((re) => re.test(f.sig)) });
    groups.get(f.sig).count++;
  }
  return groups;
}

/** The smallest input found that fails the same way as group `g`'s first case (its bytes when none is smaller). */
async function minimiseCase(g, run, runOnce, { seed, timeLimit, minimiseBudget }) {
  const c = g.first.c;
  let min = c.bytes;
  const budget = { left: g.cls === 'hang' ? 8 : minimiseBudget };
  const limit = g.cls === 'hang' ? timeLimit : timeLimit * 2;
  const same = async (bytes, cc = c) => {
    const f2 = (await runOnce(cc, bytes, run, limit)).f;
    return f2?.cls === 'hang' ? g.cls === 'hang' : f2?.sig === g.sig;
  };
  if (c.kind === 'xlsx' && c.table.length > 2) {
    // rows of the table, rebuilt with the same XML/zip mutations
    const header = c.table[0];
    const rows = await ddmin(
      c.table.slice(1),
      async (u) => {
        const cc = makeCase(seed, c.id, { kind: 'xlsx', table: [header, ...u] });
        return same(cc.bytes, cc);
      },
      budget,
    );
    min = makeCase(seed, c.id, { kind: 'xlsx', table: [header, ...rows] }).bytes;
    if (!(await same(min))) min = c.bytes;
  } else if (c.kind === 'csv') {
    min = await minimiseBytes(c.bytes, (b) => same(b), budget);
  }
  return min;
}

/** Keeps group `g` under `keep`: its first case, the smallest input failing the same way, info.json and repro.sh (confirmed with the real binary). */
async function keepGroup(g, runOnce, { keep, seed, minimise, minimiseKnown, timeLimit, minimiseBudget }) {
  const f = g.first;
  const c = f.c;
  const run = c.runs[f.run];
  const slug =
    g.sig
      .replace(/[^\w]+/g, '-')
      .slice(0, 60)
      .replace(/-$/, '') || 'failure';
  const gdir = join(keep, `${slug}-${seed}-${c.id}`);
  mkdirSync(gdir, { recursive: true });
  writeFileSync(join(gdir, `case.${c.kind}`), c.bytes);
  const min = minimise && (minimiseKnown || !g.known) ? await minimiseCase(g, run, runOnce, { seed, timeLimit, minimiseBudget }) : c.bytes;
  writeFileSync(join(gdir, `min.${c.kind}`), min);
  // confirm with the real binary, as a cron job would run it
  const mfile = join(gdir, `min.${c.kind}`);
  if (minimiseKnown || !g.known) {
    const real = spawnSync(process.execPath, [BIN, ...withFile(run.argv, mfile)], {
      encoding: 'utf8',
      timeout: timeLimit * 3,
      maxBuffer: 64 * 2 ** 20,
      env: { ...process.env, NO_COLOR: '1' },
    });
    g.real = {
      code: real.status,
      signal: real.signal,
      timedOut: real.error?.code === 'ETIMEDOUT',
      stderr: (real.stderr ?? '').split('\n').slice(0, 3).join('\n'),
    };
  }
  g.minPath = relative(process.cwd(), mfile) || mfile;
  g.minSize = min.length;
  g.argv = run.argv;
  g.repro = reproLine(min, c.kind, run.argv);
  writeFileSync(
    join(gdir, 'info.json'),
    JSON.stringify(
      {
        signature: g.sig,
        count: g.count,
        seed,
        case: c.id,
        seedInput: c.from,
        mutations: c.ops,
        argv: run.argv,
        stderr: f.stderr,
        realBinary: g.real,
        repro: g.repro,
      },
      null,
      2,
    ) + '\n',
  );
  if (g.repro) writeFileSync(join(gdir, 'repro.sh'), `# from the repository root\n${g.repro}\n`);
}

/** Runs cases 0 … cases-1 in `workers` lanes; `progress(done)` after every 100th. */
async function runLanes(cases, workers, runCase, progress) {
  let next = 0;
  let done = 0;
  const lanes = Array.from({ length: workers }, async () => {
    while (next < cases) {
      const i = next++;
      await runCase(i);
      done++;
      if (done % 100 === 0) progress(done);
    }
  });
  await Promise.all(lanes);
}

export async function runFuzz(opts) {
  const {
    cases,
    seed,
    timeLimit = 5000,
    workers = 2,
    minimise = true,
    keep = join(ROOT, '.fuzz-failures'),
    known = [],
    log = () => {},
    minimiseBudget = 150,
    minimiseKnown = true,
  } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'salesperf-fuzz-'));
  const failures = [];
  const pool = new Pool(workers, 1536, (m) => {
    // an error thrown after main() returned (something the run left running)
    if (!m.ctx) return;
    const { c, k } = m.ctx;
    const f = classify({ fatal: `late-${m.fatal}`, stderr: m.stderr }, {});
    failures.push({ caseId: c.id, run: k, ...f, stderr: m.stderr.slice(0, 2000), c });
  });
  let runs = 0;
  let slow = 0;
  const t0 = performance.now();

  async function runOnce(c, bytes, run, limit, k = c.runs.indexOf(run)) {
    const file = join(dir, `case-${c.id}-${Math.floor(performance.now() * 1000) % 1e9}.${c.kind}`);
    writeFileSync(file, bytes);
    try {
      const r = await pool.run(withFile(run.argv, file), limit, { c, k });
      return { r, f: classify(r, { wantJson: run.wantJson, emptyInput: c.emptyInput, inputBytes: bytes.length }) };
    } finally {
      // removed a little later: a read the CLI left pending (it should leave none) must not fail a later run with ENOENT
      oldFiles.push(file);
      if (oldFiles.length > 64) rmSync(oldFiles.shift(), { force: true });
    }
  }
  const oldFiles = [];

  async function runCase(i) {
    const c = makeCase(seed, i);
    // a hang is time out of proportion to the input: the limit grows by 1 s per MiB (a 31 MiB sheet
    // of 23 million cells takes ~14 s and is not a hang; a 1 MiB file that runs for minutes is)
    const limit = timeLimit + Math.ceil(c.bytes.length / 2 ** 20) * 1000;
    for (const [k, run] of c.runs.entries()) {
      runs++;
      let { r, f } = await runOnce(c, c.bytes, run, limit);
      if (f?.cls === 'hang' && !(r.cpuMs >= limit / 2)) {
        // starved on a busy machine is not a hang: one more try with twice the limit
        ({ r, f } = await runOnce(c, c.bytes, run, limit * 2));
        if (!f) slow++;
      }
      // hangs carry no message: the command and the input kind tell the likely causes apart
      if (f?.cls === 'hang') f = { ...f, sig: `hang:${run.argv[0]}:${c.kind}` };
      if (f) failures.push({ caseId: i, run: k, ...f, stderr: r.stderr.slice(0, 2000), c });
    }
  }

  await runLanes(cases, workers, runCase, (done) =>
    log(`  ${done}/${cases} cases, ${failures.length} failing runs, ${(done / ((performance.now() - t0) / 1000)).toFixed(1)} cases/s`),
  );
  const seconds = (performance.now() - t0) / 1000;

  const groups = groupFailures(failures, known);

  mkdirSync(keep, { recursive: true });
  for (const g of groups.values()) await keepGroup(g, runOnce, { keep, seed, minimise, minimiseKnown, timeLimit, minimiseBudget });
  pool.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    cases,
    runs,
    seconds,
    casesPerSecond: cases / seconds,
    runsPerSecond: runs / seconds,
    slow,
    groups: [...groups.values()],
    failingRuns: failures.length,
  };
}

export function formatSummary(res, seed) {
  const lines = [];
  lines.push(
    `salesperf fuzz: seed ${JSON.stringify(seed)}: ${res.cases} cases, ${res.runs} runs in ${res.seconds.toFixed(1)} s = ${res.casesPerSecond.toFixed(1)} cases/s (${res.runsPerSecond.toFixed(1)} runs/s)${res.slow ? `; ${res.slow} runs slow but finished on retry` : ''}`,
  );
  if (!res.groups.length) lines.push('no failures');
  else {
    lines.push(`${res.failingRuns} failing runs in ${res.groups.length} signatures:`);
    for (const g of res.groups) {
      lines.push(`  ${g.known ? '[known] ' : ''}${g.sig}  ×${g.count}`);
      lines.push(`      case ${g.first.caseId}: ${g.first.c.ops.join('; ').slice(0, 200)}`);
      const real = g.real
        ? `; real binary: exit ${g.real.code}${g.real.signal ? ` signal ${g.real.signal}` : ''}${g.real.timedOut ? ' (timed out)' : ''}`
        : '';
      lines.push(`      ${g.minSize === g.first.c.bytes.length ? 'kept' : 'minimised'}: ${g.minPath} (${g.minSize} bytes)${real}`);
      if (g.repro) lines.push(`      repro: ${g.repro.length > 400 ? g.repro.slice(0, 400) + '…' : g.repro}`);
    }
  }
  return lines.join('\n');
}

function parseArgs(argv) {
  const o = { cases: 500, seed: 'salesperf', timeLimit: 5000, workers: 2, minimise: true, keep: undefined, known: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a}: expected a whole number ≥ 1, got ${JSON.stringify(v)}`);
      return n;
    };
    if (a === '--cases') o.cases = int(val());
    else if (a === '--seed') o.seed = val();
    else if (a === '--time-limit') o.timeLimit = int(val());
    else if (a === '--workers') o.workers = int(val());
    else if (a === '--keep') o.keep = val();
    else if (a === '--known') o.known = val();
    else if (a === '--no-minimise') o.minimise = false;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(
      `fuzz: ${e.message}\nusage: npm run fuzz -- --cases N --seed S [--time-limit ms] [--keep DIR] [--workers N] [--no-minimise] [--known FILE]\n`,
    );
    process.exit(2);
  }
  const known = o.known ? readKnown(o.known) : [];
  const res = await runFuzz({ ...o, known, keep: o.keep ?? join(ROOT, '.fuzz-failures'), log: (l) => process.stderr.write(l + '\n') });
  process.stdout.write(formatSummary(res, o.seed) + '\n');
  process.exitCode = res.groups.some((g) => !g.known) ? 1 : 0;
}
