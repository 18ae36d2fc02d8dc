/** margin: grossProfit / revenue from the exact sums (6 decimals), null when revenue is 0. */
import { describe, expect, it } from 'vitest';
import { runCli, writeTmp } from '../helpers.js';

describe('margin', () => {
  it('is grossProfit / revenue per period and group, from exact sums', () => {
    const csv =
      'Date,Region,Status,Amount,Profit\n2026-01-05,East,Won,100.10,20.05\n2026-01-06,East,Won,50.00,-5.50\n2026-01-08,West,Refund,40.00,10.00\n2026-02-01,East,Won,10.005,3.335\n2026-02-02,West,Won,5,1\n2026-02-03,West,Refund,5,1\n';
    const r = runCli([
      'report',
      writeTmp('m.csv', csv),
      '--by',
      'region',
      '--kpis',
      'revenue,grossProfit,margin',
      '--format',
      'json',
      '--as-of',
      '2026-11-26',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { rows: Record<string, unknown>[]; totals: Record<string, unknown>[] };
    expect(out.rows.map((x) => [x.period, x.region, x.margin])).toEqual([
      ['2026-01', 'East', 0.096935], // 14.55 / 150.10 = 0.0969354
      ['2026-02', 'East', 0.333333], // 3.335 / 10.005, not 3.34 / 10.01
      ['2026-01', 'West', 0.25], // −10 / −40
      ['2026-02', 'West', null], // revenue 5 − 5 = 0
    ]);
    expect(out.totals.map((x) => x.margin)).toEqual([0.041326, 0.333333]); // 4.55 / 110.10; 3.335 / 10.005
  });
});
