#!/usr/bin/env node
// Writes the tables in docs/ that come from the code's own catalogues, between
// `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` markers. Run after `npm run build`:
//   node scripts/gen-docs.mjs          rewrite the docs
//   node scripts/gen-docs.mjs --check  exit 1 naming each page that is out of date (the test runs this)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(join(root, 'dist', p));
const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

async function sections() {
  const out = {};
  const { KPIS } = await dist('kpi/index.js');
  out.kpis = table(
    ['id', 'unit', 'label (en / zh)', 'formula', 'needs', 'default'],
    KPIS.map((k) => [`\`${k.id}\``, k.unit, `${k.label} / ${k.labelZh}`, k.formula, k.needs ?? '', k.default ? 'yes' : 'no']),
  );
  const { ISSUE_CODES } = await dist('ingest/issues.js');
  out['issue-codes'] = table(
    ['code', 'severity', 'meaning'],
    Object.entries(ISSUE_CODES).map(([code, d]) => [`\`${code}\``, d.severity, d.meaning]),
  );
  for (const extra of ['options', 'limits', 'messages']) {
    const gen = join(root, 'scripts', `gen-docs-${extra}.mjs`);
    if (existsSync(gen)) out[extra] = await (await import(gen)).default(dist, table);
  }
  return out;
}

const pages = {
  kpis: 'docs/kpis.md',
  'issue-codes': 'docs/data-problems.md',
  options: 'docs/options.md',
  limits: 'docs/limits.md',
  messages: 'docs/messages.md',
};
const check = process.argv.includes('--check');
const stale = [];
for (const [name, body] of Object.entries(await sections())) {
  const file = join(root, pages[name]);
  const text = readFileSync(file, 'utf8');
  const open = `<!-- generated:${name} -->`;
  const close = `<!-- /generated:${name} -->`;
  const a = text.indexOf(open);
  const b = text.indexOf(close);
  if (a < 0 || b < a) {
    console.error(`${pages[name]}: no ${open} … ${close} markers`);
    process.exit(2);
  }
  const next = `${text.slice(0, a + open.length)}\n${body}\n${text.slice(b)}`;
  if (next === text) continue;
  stale.push(pages[name]);
  if (!check) writeFileSync(file, next);
}
if (check && stale.length) {
  console.error(`out of date (run node scripts/gen-docs.mjs): ${stale.join(', ')}`);
  process.exit(1);
}
console.log(stale.length ? `rewrote ${stale.join(', ')}` : 'docs up to date');
