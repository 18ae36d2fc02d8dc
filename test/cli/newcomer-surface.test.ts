/**
 * Surface problems a newcomer found (issue 9): notes that contradict the output, a grain that does
 * not match the targets, hints that name what is missing, the progress line before an error,
 * help and config texts.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tmp, writeTmp } from '../helpers.js';

const SALES = ['Date,Rep,Customer,Status,Amount', '2026-04-10,Ann Lee,C1,Won,1000.00', '2026-05-10,Bo Chen,C2,Won,2000.00', '2026-06-10,Ann Lee,C3,Won,500.00'].join('\n');
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
