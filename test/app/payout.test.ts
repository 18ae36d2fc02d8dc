/** The library's payout(): split credit from a splits file and the 100% check, worked out by hand. */
import { describe, expect, it } from 'vitest';
import { payout } from '../../src/index.js';
import { tmp, writeTmp } from '../helpers.js';

const SALES = ['Date,Deal ID,Rep,Amount,Status', '2026-01-10,D1,Ann,1000,Won', '2026-01-20,D2,Bob,500,Won', ''].join('\n');

describe('payout() from the library', () => {
  it('credits a deal 60/40 by the splits file: a 10% plan pays 60 + 50 and 40', async () => {
    const dir = tmp();
    const sales = writeTmp('sales.csv', SALES, dir);
    const splits = writeTmp('splits.csv', 'Deal ID,Rep,Share\nD1,Ann,60%\nD1,Bob,40%\n', dir);
    const r = await payout({ files: [sales], asOf: '2026-03-01', plan: { name: 'Base 10%', base: { rate: 0.1 } }, splits });
    const pay = Object.fromEntries(r.statements.map((s) => [s.rep, s.total]));
    // Ann: 10% of 600 = 60; Bob: 10% of 400 + 10% of 500 = 90
    expect(pay).toEqual({ Ann: 60, Bob: 90 });
    expect(r.totals.plan).toBe(150);
    expect(r.exitCode).toBe(0);
  });

  it('reports shares that do not add up to 100% as SPLIT_NOT_100 and exit code 1', async () => {
    const dir = tmp();
    const sales = writeTmp('sales.csv', SALES, dir);
    const splits = writeTmp('splits.csv', 'Deal ID,Rep,Share\nD1,Ann,60%\nD1,Bob,30%\n', dir);
    const r = await payout({ files: [sales], asOf: '2026-03-01', plan: { name: 'Base 10%', base: { rate: 0.1 } }, splits });
    expect(r.issues.SPLIT_NOT_100).toBe(1);
    expect(r.exitCode).toBe(1);
  });

  it('refuses a plan that is not a plan', async () => {
    const sales = writeTmp('sales.csv', SALES);
    await expect(payout({ files: [sales], asOf: '2026-03-01', plan: { name: 'x', base: { rate: 'ten' } } })).rejects.toMatchObject({
      code: 'PLAN_INVALID',
      exitCode: 2,
    });
  });
});
