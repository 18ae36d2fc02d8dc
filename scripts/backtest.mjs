#!/usr/bin/env node
// Rolling-origin backtest of the forecast models (src/analysis/) on a sales export: revenue by
// period overall and per group, from the built CLI's JSON. Prints MAPE and MASE of the naive
// (last value), seasonal naive and additive Holt–Winters models; printed, not asserted.
//
//   npm run build && node scripts/backtest.mjs [FILE] [--grain month] [--by region] [--horizon 1]
//
// FILE defaults to the superstore orders in $SHARED_DATA or ../shared/data. The table it prints
// is in docs/insights.md.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist/analysis');
if (!existsSync(join(dist, 'backtest.js'))) {
  console.error('backtest: dist/analysis/ is missing; run npm run build first');
  process.exit(2);
}
const { backtest, MODEL_ORDER } = await import(join(dist, 'backtest.js'));
const { seasonLength } = await import(join(dist, 'forecast.js'));

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const grain = opt('--grain', 'month');
const by = opt('--by', 'region');
const horizon = Number(opt('--horizon', '1'));
if (!Number.isInteger(horizon) || horizon < 1) {
  console.error('backtest: --horizon takes a whole number of periods ≥ 1');
  process.exit(2);
}
const data = process.env.SHARED_DATA ?? join(root, '..', 'shared', 'data');
const file = args[0] ?? join(data, 'superstore_us_2019-2022_orders_ddmmyy.csv');
if (!existsSync(file)) {
  console.error(`backtest: ${file}: no such file (give FILE or set SHARED_DATA)`);
  process.exit(3);
}

function report(extra) {
  // a fixed --as-of far after the data keeps every period complete and the run reproducible
  const r = spawnSync(
    process.execPath,
    [join(root, 'bin/salesperf.js'), 'report', file, '--grain', grain, '--as-of', '2100-01-01', '--format', 'json', ...extra],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  if (r.status !== 0) {
    console.error(`backtest: salesperf report exited ${r.status}:\n${r.stderr}`);
    process.exit(3);
  }
  return JSON.parse(r.stdout);
}

/** Dense revenue per period (an empty period is 0) for each group key. */
function seriesOf(json, dim) {
  const periods = json.meta.periods;
  const index = new Map(periods.map((p, i) => [p, i]));
  const out = new Map();
  const rows = dim ? json.rows : json.totals;
  for (const r of rows) {
    const key = dim ? String(r[dim] ?? '(none)') : 'all';
    if (!out.has(key)) out.set(key, new Array(periods.length).fill(0));
    const i = index.get(r.period);
    if (i !== undefined) out.get(key)[i] = r.revenue ?? 0;
  }
  return [...out.entries()].sort(([a], [b]) => (a === 'all' ? -1 : b === 'all' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

const m = seasonLength(grain);
const series = [...seriesOf(report([]), null), ...(by ? seriesOf(report(['--by', by]), by) : [])];
const f = (v, d) => (v === null ? '—' : v.toFixed(d));
const head = [
  'series',
  'periods',
  'origins',
  ...MODEL_ORDER.map((mo) => `MAPE ${mo}`),
  ...MODEL_ORDER.map((mo) => `MASE ${mo}`),
  'HW MAPE / naive',
  ...MODEL_ORDER.map((mo) => `in 80% ${mo}`),
  'chosen',
];
const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
const started = performance.now();
for (const [key, y] of series) {
  const r = backtest(y, m, { horizon });
  const s = Object.fromEntries(r.scores.map((x) => [x.model, x]));
  const mape = MODEL_ORDER.map((mo) => f(s[mo]?.mape ?? null, 1));
  const mase = MODEL_ORDER.map((mo) => f(s[mo]?.mase ?? null, 2));
  const cov = MODEL_ORDER.map((mo) => (s[mo]?.coverage80 == null ? '—' : `${Math.round(100 * s[mo].coverage80)}%`));
  const rel = s['holt-winters']?.mape != null && s.naive?.mape ? f(s['holt-winters'].mape / s.naive.mape, 2) : '—';
  lines.push(
    `| ${key} | ${y.length} | ${r.origins.length} | ${mape.join(' | ')} | ${mase.join(' | ')} | ${rel} | ${cov.join(' | ')} | ${r.chosen ?? '—'} |`,
  );
}
console.log(
  `Rolling-origin backtest: ${file.split('/').pop()}, revenue by ${grain}${by ? ` (overall and by ${by})` : ''}, season length ${m}, horizon ${horizon}`,
);
console.log(
  'MAPE in %, MASE against the in-sample seasonal naive MAE of each training set; chosen = lowest MASE, ties to the simpler model;\nin 80% = share of actuals inside the 80% prediction interval (calibration: ~80% expected).\n',
);
console.log(lines.join('\n'));
console.error(`\n(${series.length} series backtested in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
