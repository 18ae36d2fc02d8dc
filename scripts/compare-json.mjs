#!/usr/bin/env node
// Compares two folders written by scripts/snapshot-outputs.sh value for value: every value in
// BEFORE must be equal in AFTER (AFTER may add fields). Also compares exit codes.
// Two JSON files are compared the same way (one file each side).
// Usage: node scripts/compare-json.mjs BEFORE AFTER
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node scripts/compare-json.mjs BEFORE AFTER');
  process.exit(2);
}
let diffs = 0;
let values = 0;
function walk(x, y, path, out) {
  if (x !== null && typeof x === 'object') {
    if (y === null || typeof y !== 'object' || Array.isArray(x) !== Array.isArray(y))
      return out.push(`${path}: ${JSON.stringify(x)?.slice(0, 80)} → ${JSON.stringify(y)?.slice(0, 80)}`);
    if (Array.isArray(x) && x.length !== y.length) out.push(`${path}: length ${x.length} → ${y.length}`);
    for (const k of Object.keys(x)) walk(x[k], y[k], `${path}.${k}`, out);
    return;
  }
  values++;
  if (x !== y) out.push(`${path}: ${JSON.stringify(x)} → ${JSON.stringify(y)}`);
}
const files = statSync(a).isDirectory() ? readdirSync(a).sort() : [basename(a)];
const dirA = statSync(a).isDirectory() ? a : dirname(a);
for (const f of files) {
  const other = statSync(b).isDirectory() ? join(b, f) : b;
  if (!existsSync(other)) {
    console.log(`${f}: missing in ${b}`);
    diffs++;
    continue;
  }
  const out = [];
  if (f.endsWith('.exit')) {
    const x = readFileSync(join(dirA, f), 'utf8').trim();
    const y = readFileSync(other, 'utf8').trim();
    values++;
    if (x !== y) out.push(`exit ${x} → ${y}`);
  } else if (f.endsWith('.json')) {
    walk(JSON.parse(readFileSync(join(dirA, f), 'utf8')), JSON.parse(readFileSync(other, 'utf8')), '$', out);
  } else continue;
  for (const line of out.slice(0, 10)) console.log(`${f}: ${line}`);
  if (out.length > 10) console.log(`${f}: … ${out.length - 10} more`);
  diffs += out.length;
}
console.log(`${values} values compared, ${diffs} differences`);
process.exit(diffs ? 1 : 0);
