import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tmp, writeTmp } from '../helpers.js';

const SALES = 'Date,Amount,Rep\n2026-01-05,10,A\n2026-01-06,xx,B\n2026-13-01,5,C\n';
const HEADER = 'file,row,severity,code,column,value,message,record';

describe('--rejects FILE on every data command (was accepted and ignored by report, scorecard, payout)', () => {
  for (const cmd of ['report', 'scorecard', 'payout'] as const) {
    it(`${cmd} writes every rejected row's issues`, () => {
      const dir = tmp();
      const sales = writeTmp('s.csv', SALES, dir);
      const plan = writeTmp('plan.json', '{ "name": "p", "base": { "rate": 0.1, "on": "revenue" } }', dir);
      const out = join(dir, 'r.csv');
      const extra = cmd === 'payout' ? ['--plan', plan] : [];
      const r = runCli([cmd, sales, '--as-of', '2026-02-01', '--rejects', out, ...extra]);
      expect(r.code).toBe(1); // rows were rejected
      expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toEqual([
        HEADER,
        `${sales},3,error,AMOUNT_INVALID,Amount,xx,"expected a number, got ""xx""","2026-01-06,xx,B"`,
        `${sales},4,error,DATE_INVALID,Date,2026-13-01,"expected a date, got ""2026-13-01""","2026-13-01,5,C"`,
      ]);
    });
  }

  it('is kept when every row was rejected (the run stops with exit 1: the file says why)', () => {
    const dir = tmp();
    const sales = writeTmp('s.csv', 'Date,Amount,Rep\n2026-01-06,xx,B\n', dir);
    const out = join(dir, 'r.csv');
    const r = runCli(['report', sales, '--as-of', '2026-02-01', '--rejects', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it('is not left behind when the run stops on a usage error', () => {
    const dir = tmp();
    const sales = writeTmp('s.csv', SALES, dir);
    const out = join(dir, 'r.csv');
    const r = runCli(['report', sales, '--as-of', '2026-02-01', '--rejects', out, '--by', 'nosuchcolumn']);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
