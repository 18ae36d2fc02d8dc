/**
 * Case generation: case i of seed S depends only on (S, i). A case is one
 * input file plus the command lines run on it.
 */
import { makeRng } from './prng.mjs';
import { fixtureSeeds, generateTable, parseCsv, toCsv } from './seeds.mjs';
import { mutateTable, mutateBytes, encodeCsv, buildXlsx } from './mutate.mjs';

let fixtures = null;

const REPORT_FLAGS = [
  ['--format', 'json'],
  [],
  ['--grain', 'quarter', '--format', 'json'],
  ['--by', '<col>', '--format', 'json'],
  ['--by', '<col>'],
];

/** The table a seed gives, for table-level mutation (fixtures are parsed leniently). */
function baseTable(rng) {
  fixtures ??= fixtureSeeds();
  if (fixtures.length && rng.chance(0.35)) {
    const f = rng.pick(fixtures);
    if (f.kind === 'csv') return { from: f.name, table: parseCsv(f.bytes.toString('utf8')).filter((r) => r.length > 0), raw: f.bytes };
  }
  return { from: 'generated', table: generateTable(rng) };
}

/** Data rows in a CSV's bytes, roughly: non-blank lines after the first. */
function looksEmpty(kind, bytes) {
  if (kind !== 'csv') return false;
  const text = bytes
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .replaceAll('\u0000', '');
  return text.split(/\r\n|\n|\r/).filter((l) => l.replace(/[\s,;\t"]/g, '') !== '').length <= 1;
}

/** Build case `i` for seed `seed`: { id, kind, bytes, ops, from, runs: [{ argv (with @FILE), wantJson }] } */
export function makeCase(seed, i, override) {
  const rng = makeRng(`${seed}:${i}`);
  const base = baseTable(rng.fork('base'));
  const kind = override?.kind ?? (rng.chance(0.35) ? 'xlsx' : 'csv');
  const mrng = rng.fork('mutate');
  // a minimiser passes the (already mutated) table back with rows taken out
  const { table: t, ops: tops } = override?.table ? { table: override.table, ops: ['table minimised'] } : mutateTable(mrng, base.table);
  let bytes;
  const ops = [`seed ${base.from}`, ...tops];
  if (kind === 'xlsx') {
    const x = buildXlsx(mrng.fork('xlsx'), t);
    bytes = x.bytes;
    ops.push(...x.ops);
  } else {
    const delim = mrng.chance(0.85) ? ',' : mrng.pick([';', '\t']);
    const eol = mrng.chance(0.8) ? '\n' : '\r\n';
    const useRaw = base.raw && !tops.length && mrng.chance(0.5);
    const [enc, encName] = useRaw ? [base.raw, 'raw fixture'] : encodeCsv(mrng, toCsv(t, delim, eol));
    const m = mutateBytes(mrng.fork('bytes'), enc);
    bytes = m.bytes;
    ops.push(encName, ...m.ops);
  }
  const col = t[0]?.[rng.int(Math.max(1, t[0]?.length ?? 1))] || 'rep';
  const rflags = rng.pick(REPORT_FLAGS).map((f) => (f === '<col>' ? col : f));
  const vjson = rng.chance(0.5);
  const runs = [
    { argv: ['validate', '@FILE', ...(vjson ? ['--format', 'json'] : [])], wantJson: vjson },
    { argv: ['report', '@FILE', '--as-of', '2026-09-30', ...rflags], wantJson: rflags.includes('json') },
  ];
  return { id: i, kind, bytes, ops, from: base.from, table: t, runs, emptyInput: looksEmpty(kind, bytes) };
}
