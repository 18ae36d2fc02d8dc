// Deterministic sales data: reps in teams and regions, products (some with
// quoted commas), repeat customers who churn, won/lost/open/refund statuses.
// Usage: node perf/generate.mjs ROWS OUT.csv [--seed N] [--start 2025-01-01] [--months 12]
import { createWriteStream } from 'node:fs';

export function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const REGIONS = ['North', 'South', 'East', 'West'];
export const TEAMS = { North: ['Alpha', 'Beta'], South: ['Gamma'], East: ['Delta', 'Epsilon'], West: ['Zeta'] };
const FIRST = ['Ana', 'Ben', 'Chen Wei', 'Dana', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivan', 'Jo', 'Kai', 'Li Na', 'Mo', 'Nia', 'Oren', 'Pia'];
const LAST = ['Ortiz', 'Smith', 'Wang', 'Kowalski', 'Okafor', 'Novak', 'Rossi', 'Tanaka'];
export const PRODUCTS = [
  ['Widget Basic', 120],
  ['Widget Pro', 480],
  ['Gadget, Large', 950],
  ['Gadget, Small', 310],
  ['Service Plan "Gold"', 1500],
  ['Cable 2m', 15.5],
  ['Installation', 250],
  ['Support, 1 year', 799.99],
];

export function* salesRows({ rows, seed = 42, start = '2025-01-01', months = 12, reps = 24, customers = 2000, until = null }) {
  const r = rng(seed);
  const [y0, m0] = start.split('-').map(Number);
  const repList = [];
  for (let i = 0; i < reps; i++) {
    const region = REGIONS[i % REGIONS.length];
    const teams = TEAMS[region];
    repList.push({
      name: `${FIRST[i % FIRST.length]} ${LAST[(i * 3) % LAST.length]}${i >= FIRST.length ? ' ' + (i + 1) : ''}`,
      region,
      team: teams[i % teams.length],
    });
  }
  // each customer is active from a first month for a random lifetime (churn)
  const cust = [];
  for (let i = 0; i < customers; i++) {
    const first = Math.floor(r() * months);
    cust.push({
      id: `C${String(i + 1).padStart(5, '0')}`,
      first,
      last: Math.min(months - 1, first + Math.floor(r() * months)),
      rep: repList[Math.floor(r() * reps)],
    });
  }
  const perMonth = Math.ceil(rows / months);
  let n = 0;
  for (let mi = 0; mi < months && n < rows; mi++) {
    const y = y0 + Math.floor((m0 - 1 + mi) / 12);
    const m = ((m0 - 1 + mi) % 12) + 1;
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const active = cust.filter((c) => c.first <= mi && c.last >= mi);
    for (let k = 0; k < perMonth && n < rows; k++, n++) {
      const c = active.length ? active[Math.floor(r() * active.length)] : cust[Math.floor(r() * cust.length)];
      const [product, price] = PRODUCTS[Math.floor(r() * PRODUCTS.length)];
      const qty = 1 + Math.floor(r() * 5);
      const x = r();
      const status = x < 0.7 ? 'Won' : x < 0.88 ? 'Lost' : x < 0.97 ? 'Open' : 'Refund';
      const amountCents = Math.round(price * 100) * qty;
      const amount = (amountCents / 100).toFixed(2);
      const day = 1 + Math.floor(r() * days);
      const date = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const rep = r() < 0.9 ? c.rep : repList[Math.floor(r() * reps)];
      if (until !== null && date > until) continue;
      yield {
        date,
        dealId: `D${String(n + 1).padStart(8, '0')}`,
        rep: rep.name,
        team: rep.team,
        region: rep.region,
        customer: c.id,
        product,
        quantity: qty,
        status,
        amount,
      };
    }
  }
}

const q = (s) => (/[",\n]/.test(s) ? `"${String(s).replace(/"/g, '""')}"` : String(s));
export const HEADER = ['Date', 'Deal ID', 'Sales Rep', 'Team', 'Region', 'Customer ID', 'Product', 'Quantity', 'Status', 'Amount'];
export function csvRow(o) {
  return [o.date, o.dealId, o.rep, o.team, o.region, o.customer, o.product, o.quantity, o.status, o.amount].map(q).join(',') + '\n';
}

export async function writeSalesCsv(path, opts) {
  const ws = createWriteStream(path);
  ws.write(HEADER.join(',') + '\n');
  let buf = '';
  for (const row of salesRows(opts)) {
    buf += csvRow(row);
    if (buf.length > 1 << 20) {
      if (!ws.write(buf)) await new Promise((res) => ws.once('drain', res));
      buf = '';
    }
  }
  ws.write(buf);
  await new Promise((res) => ws.end(res));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rows, out] = process.argv.slice(2);
  const flag = (n, d) => {
    const i = process.argv.indexOf(n);
    return i > 0 ? process.argv[i + 1] : d;
  };
  await writeSalesCsv(out, {
    rows: Number(rows),
    seed: Number(flag('--seed', 42)),
    start: flag('--start', '2025-01-01'),
    months: Number(flag('--months', 12)),
    customers: Number(flag('--customers', Math.max(50, Math.floor(Number(rows) / 5)))),
    reps: Number(flag('--reps', 24)),
    until: flag('--until', null),
  });
}
