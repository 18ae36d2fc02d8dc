#!/usr/bin/env node
/**
 * Differential fuzz of `report --engine duckdb` against `--engine js` on raw
 * CSVs (issue 12). Cases come from the mutation fuzzer's generator (cases.mjs,
 * forced to CSV: XLSX falls back to the JS engine by design); each case runs
 * under two flag sets with both engines.
 *
 *   node scripts/fuzz/engine-diff.mjs --cases N --seed S [--start I] [--minutes M]
 *        [--workers N] [--keep DIR] [--time-limit ms] [--no-minimise] [--minimise-minutes M]
 *
 * A failure, per engine: a stack trace on stderr, an exit outside {0,1,2,3},
 * a signal or a time-out, or stdout that is not JSON on exit ≤ 1. Between
 * the engines: a different exit code; a different report (the rules of
 * test/sql/same-report.ts: everything but meta.engine and meta.inputs, money
 * and counts exactly, ratios within 1e-6); a different "rejected and left out"
 * stderr line; on exit 2/3, a different first error line (reported apart: a
 * wording difference, not a wrong figure). A duckdb run whose stderr says
 * "the JS engine reads the input instead" is a fallback: counted, and still
 * compared. Failing cases are kept (case.csv, min.csv, both engines' stdout
 * and stderr, info.json) under --keep, grouped by signature.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCase } from './cases.mjs';
import { minimiseBytes } from './minimise.mjs';
import { normaliseLine } from './oracle.mjs';
import { ROOT } from './seeds.mjs';

const BIN = join(ROOT, 'bin/salesperf.js');
const { KPI_BY_ID } = await import(join(ROOT, 'dist/engine/kpis.js'));

export const FLAG_SETS = [
  ['-f', 'json', '--as-of', '2026-06-30', '--by', 'rep'],
  ['-f', 'json', '--as-of', '2026-06-30', '--by', 'region', '--grain', 'quarter'],
];
const ENGINES = ['js', 'duckdb'];
const STACK_RE = /^\s+at (?:async )?\S.*(?:\(.*:\d+:\d+\)|:\d+:\d+)$|node:internal|^(?:\w*Error|Error)(?: \[\w+\])?: /m;
const FALLBACK_RE = /the JS engine reads the input instead/;
const REJECTED_RE = /rejected and left out|被拒|已剔除/;

/** Runs the CLI once: { code, signal, timedOut, stdout, stderr }. */
export function runCli(argv, timeLimit) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env: { ...process.env, NO_COLOR: '1', LC_ALL: 'C.UTF-8' } });
    const out = [];
    const err = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeLimit);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** A failure of one engine on its own, or null. */
function soloFailure(engine, r) {
  if (r.timedOut) return { cls: 'hang', sig: `hang:${engine}` };
  if (r.signal || ![0, 1, 2, 3].includes(r.code)) {
    const l = r.stderr.split('\n').find((x) => x.trim()) ?? '';
    return { cls: 'crash', sig: `crash:${engine}:exit${r.code ?? r.signal}:${normaliseLine(l)}` };
  }
  if (STACK_RE.test(r.stderr)) {
    const l = r.stderr.split('\n').find((x) => STACK_RE.test(x)) ?? '';
    return { cls: 'stack', sig: `stack:${engine}:exit${r.code}:${normaliseLine(l)}` };
  }
  if (r.code <= 1) {
    try {
      r.json = JSON.parse(r.stdout);
    } catch {
      return { cls: 'badjson', sig: `badjson:${engine}:exit${r.code}` };
    }
  }
  return null;
}

const isRatio = (k) => KPI_BY_ID.get(k)?.unit === 'ratio';
const show = (v) => (v === undefined ? 'undefined' : JSON.stringify(v));

/** Differences between two values compared exactly (deep), as "path: js … duckdb …" lines. */
function deepDiff(path, a, b, out) {
  if (out.length >= 20) return;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) deepDiff(Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`, a[k], b[k], out);
    return;
  }
  if (a !== b) out.push({ path, js: a, duckdb: b });
}

/** The report differences under test/sql/same-report.ts's rules: [{ path, js, duckdb }]. */
export function reportDiff(js, dk) {
  const out = [];
  const strip = (d) => ({ ...(d?.meta ?? {}), engine: undefined, inputs: undefined });
  deepDiff('meta', strip(js), strip(dk), out);
  deepDiff('issues', js?.issues, dk?.issues, out);
  for (const part of ['rows', 'totals']) {
    const w = js?.[part] ?? [];
    const g = dk?.[part] ?? [];
    if (w.length !== g.length) out.push({ path: `${part}.length`, js: w.length, duckdb: g.length });
    for (let i = 0; i < Math.min(w.length, g.length) && out.length < 20; i++) {
      const kw = Object.keys(w[i]).join(',');
      const kg = Object.keys(g[i]).join(',');
      if (kw !== kg) out.push({ path: `${part}[${i}] keys`, js: kw, duckdb: kg });
      for (const [k, v] of Object.entries(w[i])) {
        const x = g[i][k];
        if (isRatio(k) && typeof v === 'number' && typeof x === 'number') {
          if (Math.abs(x - v) > 1.000001e-6) out.push({ path: `${part}[${i}].${k}`, js: v, duckdb: x });
        } else if (JSON.stringify(v) !== JSON.stringify(x)) out.push({ path: `${part}[${i}].${k}`, js: v, duckdb: x });
      }
    }
  }
  return out;
}

const rejectedLines = (stderr) => stderr.split('\n').filter((l) => REJECTED_RE.test(l) && !FALLBACK_RE.test(l));
const firstError = (stderr) => stderr.split('\n').find((l) => l.startsWith('salesperf: error:')) ?? '';

/** Compares the two engines' runs: null when they agree, else { cls, sig, detail }. */
export function compare(js, dk) {
  for (const [e, r] of [
    ['js', js],
    ['duckdb', dk],
  ]) {
    const f = soloFailure(e, r);
    if (f) return { ...f, detail: r.stderr.split('\n').slice(0, 6).join('\n') };
  }
  if (js.code !== dk.code) {
    const l = firstError(dk.stderr) || firstError(js.stderr);
    return {
      cls: 'exit',
      sig: `exit:js${js.code}:duckdb${dk.code}:${normaliseLine(l)}`,
      detail: `js exit ${js.code}, duckdb exit ${dk.code}`,
    };
  }
  if (js.code <= 1) {
    const d = reportDiff(js.json, dk.json);
    if (d.length) {
      const where = [...new Set(d.map((x) => x.path.replace(/\[\d+\]/g, '[]')))].slice(0, 3).join('+');
      return { cls: 'json', sig: `json:${where}`, detail: d.map((x) => `${x.path}: js ${show(x.js)} duckdb ${show(x.duckdb)}`).join('\n') };
    }
    const rj = rejectedLines(js.stderr).join('\n');
    const rd = rejectedLines(dk.stderr).join('\n');
    if (rj !== rd)
      return { cls: 'rejected', sig: `rejected:${normaliseLine(rj)}|${normaliseLine(rd)}`, detail: `js: ${rj}\nduckdb: ${rd}` };
    return null;
  }
  // the signature stops at the first ';' (what follows lists the file's columns)
  const ej = firstError(js.stderr);
  const ed = firstError(dk.stderr);
  if (ej !== ed)
    return {
      cls: 'error-line',
      sig: `error-line:${normaliseLine(ej.split(';')[0])}|${normaliseLine(ed.split(';')[0])}`,
      detail: `js: ${ej}\nduckdb: ${ed}`,
    };
  return null;
}

/** Runs both engines on `file` with flag set `k`. */
export async function runPair(file, k, timeLimit) {
  const [js, dk] = await Promise.all(ENGINES.map((e) => runCli(['report', file, '--engine', e, ...FLAG_SETS[k]], timeLimit)));
  return { js, dk, fallback: FALLBACK_RE.test(dk.stderr) };
}

function parseArgs(argv) {
  const o = {
    cases: 200,
    seed: 'engine-diff',
    start: 0,
    minutes: 0,
    workers: 1,
    keep: join(ROOT, '.fuzz-engine-diff'),
    timeLimit: 30000,
    minimise: true,
    minimiseMinutes: 5,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    const int = (x) => {
      const n = Number(x);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a}: expected a whole number, got ${JSON.stringify(x)}`);
      return n;
    };
    if (a === '--cases') o.cases = int(v());
    else if (a === '--seed') o.seed = v();
    else if (a === '--start') o.start = int(v());
    else if (a === '--minutes') o.minutes = Number(v());
    else if (a === '--workers') o.workers = Math.max(1, int(v()));
    else if (a === '--keep') o.keep = v();
    else if (a === '--time-limit') o.timeLimit = int(v());
    else if (a === '--no-minimise') o.minimise = false;
    else if (a === '--minimise-minutes') o.minimiseMinutes = Number(v());
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** Runs one case under both flag sets; failures are pushed to `failures`. */
async function runCase(i, o, dir, stats, failures) {
  const c = makeCase(o.seed, i, { kind: 'csv' });
  const file = join(dir, `case-${i}.csv`);
  writeFileSync(file, c.bytes);
  for (let k = 0; k < FLAG_SETS.length; k++) {
    const p = await runPair(file, k, o.timeLimit);
    stats.runs++;
    if (p.fallback) stats.fallbacks++;
    stats.exits[`${p.js.code}/${p.dk.code}`] = (stats.exits[`${p.js.code}/${p.dk.code}`] ?? 0) + 1;
    const f = compare(p.js, p.dk);
    if (f) {
      failures.push({ ...f, i, k, c, p });
      process.stderr.write(`  case ${i} flags ${k}: ${f.sig}\n`);
    }
  }
  rmSync(file, { force: true });
}

/** The smallest input (lines, then byte chunks) that fails with the same signature. */
async function minimiseGroup(g, o, dir) {
  const file = join(dir, `min-${g.first.i}.csv`);
  const budget = { left: 40 };
  return minimiseBytes(
    g.first.c.bytes,
    async (b) => {
      if (performance.now() > o.minimiseUntil) budget.left = 0;
      writeFileSync(file, b);
      const p = await runPair(file, g.first.k, o.timeLimit);
      return compare(p.js, p.dk)?.sig === g.sig;
    },
    budget,
  );
}

async function keepGroup(g, o, dir) {
  const f = g.first;
  const gdir = join(
    o.keep,
    `${g.sig
      .replace(/[^\w]+/g, '-')
      .slice(0, 60)
      .replace(/-$/, '')}-${f.i}`,
  );
  mkdirSync(gdir, { recursive: true });
  writeFileSync(join(gdir, 'case.csv'), f.c.bytes);
  for (const [e, r] of [
    ['js', f.p.js],
    ['duckdb', f.p.dk],
  ]) {
    writeFileSync(join(gdir, `${e}.stdout`), r.stdout);
    writeFileSync(join(gdir, `${e}.stderr`), r.stderr);
  }
  g.min = o.minimise && f.c.bytes.length < 200000 ? await minimiseGroup(g, o, dir) : f.c.bytes;
  writeFileSync(join(gdir, 'min.csv'), g.min);
  g.dir = gdir;
  const info = {
    signature: g.sig,
    count: g.count,
    cases: g.cases.slice(0, 50),
    seed: o.seed,
    flags: FLAG_SETS[f.k],
    ops: f.c.ops,
    detail: f.detail,
  };
  writeFileSync(join(gdir, 'info.json'), JSON.stringify(info, null, 2) + '\n');
}

function summary(o, stats, groups, seconds) {
  const lines = [
    `engine-diff: seed ${JSON.stringify(o.seed)}: cases ${o.start}…${o.start + stats.cases - 1} (${stats.cases}), ${stats.runs} pairs in ${seconds.toFixed(0)} s; duckdb fell back to JS in ${stats.fallbacks} pairs`,
    `exit codes js/duckdb: ${Object.entries(stats.exits)
      .sort()
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ')}`,
  ];
  if (!groups.length) lines.push('no differences');
  for (const g of groups) {
    lines.push(`${g.sig}  ×${g.count} (case ${g.first.i}, flags ${FLAG_SETS[g.first.k].join(' ')})`);
    lines.push(`    kept: ${g.dir} (min.csv ${g.min.length} bytes)`);
    lines.push(
      ...g.first.detail
        .split('\n')
        .slice(0, 6)
        .map((l) => `    ${l.slice(0, 300)}`),
    );
  }
  return lines.join('\n');
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`engine-diff: ${e.message}\n`);
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'salesperf-engine-diff-'));
  const stats = { cases: 0, runs: 0, fallbacks: 0, exits: {} };
  const failures = [];
  const t0 = performance.now();
  const stopAt = o.minutes > 0 ? t0 + o.minutes * 60000 : Infinity;
  let next = o.start;
  const lanes = Array.from({ length: o.workers }, async () => {
    while (next < o.start + o.cases && performance.now() < stopAt) {
      const i = next++;
      await runCase(i, o, dir, stats, failures);
      if (++stats.cases % 20 === 0)
        process.stderr.write(`  ${stats.cases} cases, ${failures.length} failing pairs, ${stats.fallbacks} fallbacks\n`);
    }
  });
  await Promise.all(lanes);
  const seconds = (performance.now() - t0) / 1000;
  o.minimiseUntil = performance.now() + o.minimiseMinutes * 60000;
  failures.sort((a, b) => a.i - b.i || a.k - b.k);
  const groups = new Map();
  for (const f of failures) {
    if (!groups.has(f.sig)) groups.set(f.sig, { sig: f.sig, count: 0, cases: [], first: f });
    const g = groups.get(f.sig);
    g.count++;
    g.cases.push(f.i);
  }
  for (const g of groups.values()) {
    try {
      await keepGroup(g, o, dir);
    } catch (e) {
      g.dir = `(not kept: ${e.message})`;
      g.min ??= g.first.c.bytes;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(summary(o, stats, [...groups.values()], seconds) + '\n');
  process.exitCode = groups.size ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
