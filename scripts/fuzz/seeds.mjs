/**
 * Seed inputs: the repository's own fixtures (fixtures/**\/*.csv, *.xlsx) and
 * small tables generated from the PRNG. Never files from /work/shared/data.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** Fixture files, sorted by path so the order never depends on the file system. */
export function fixtureSeeds(root = ROOT) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(csv|xlsx)$/i.test(name))
        out.push({ name: relative(root, p), kind: name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv', bytes: readFileSync(p) });
    }
  };
  walk(join(root, 'fixtures'));
  return out;
}

/** A tiny CSV parser (quotes, doubled quotes, CR/LF) for turning seeds into tables. */
export function parseCsv(text, delim = ',') {
  const rows = [];
  let row = [],
    field = '',
    i = 0,
    q = false;
  while (i < text.length) {
    const c = text[i];
    if (q) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        q = false;
      } else field += c;
    } else if (c === '"') q = true;
    else if (c === delim) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function toCsv(rows, delim = ',', eol = '\n') {
  const esc = (v) => (/[",\n\r;\t]/.test(v) || v.includes(delim) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(esc).join(delim)).join(eol) + eol;
}

const REPS = ['Ann', 'Bob', 'Chen Wei', '张伟', 'Zoë', 'José', "O'Neil", '李娜'];
const REGIONS = ['North', 'South', '华东', 'West'];
const STATUSES = ['Won', 'Lost', 'Open', 'Refund', '成交', 'won'];
const HEADERS = [
  ['Date', 'Rep', 'Region', 'Customer', 'Status', 'Amount'],
  ['Close Date', 'Sales Rep', 'Team', 'Customer ID', 'Stage', 'Revenue', 'Quantity'],
  ['日期', '业务员', '区域', '客户', '状态', '销售额'],
  ['date', 'owner', 'region', 'account', 'status', 'amount', 'currency'],
];

/** A small valid sales table (header + rows) from the PRNG. */
export function generateTable(rng) {
  const header = rng.pick(HEADERS).slice();
  const n = rng.range(1, 25);
  const currency = rng.pick(['USD', 'EUR', 'CNY']);
  const rows = [header];
  for (let i = 0; i < n; i++) {
    const y = rng.pick([2025, 2026]);
    const m = rng.range(1, 12);
    const d = rng.range(1, 28);
    const date = rng.chance(0.8) ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : `${y}/${m}/${d}`;
    const amt = (rng.range(1, 500000) / 100).toFixed(2);
    rows.push(
      header.map((h, j) => {
        switch (j) {
          case 0:
            return date;
          case 1:
            return rng.pick(REPS);
          case 2:
            return rng.pick(REGIONS);
          case 3:
            return `C${rng.range(1, 40)}`;
          case 4:
            return rng.pick(STATUSES);
          case 5:
            return amt;
          default:
            return /currency/i.test(h) ? currency : String(rng.range(1, 9));
        }
      }),
    );
  }
  return rows;
}
