import { describe, expect, it } from 'vitest';
import { type Issue } from '../../src/ingest/issues.js';
import { CrossRowChecks } from '../../src/ingest/read.js';
import type { SalesRecord } from '../../src/ingest/record.js';

const rec = (o: Partial<SalesRecord>): SalesRecord =>
  ({ date: 20000, amount: { units: 100, scale: 0 }, customer: 'C1', rep: 'Ann', dealId: null, status: 'won', ...o }) as SalesRecord;

describe('CrossRowChecks: duplicates and deal conflicts across rows and files', () => {
  it('a repeated row names where it was first seen, in another file too', () => {
    const c = new CrossRowChecks();
    c.startFile(0, 'a.csv', 'a.csv', undefined, false);
    const i1: Issue[] = [];
    c.check(rec({}), 2, 12345, i1);
    expect(i1).toEqual([]);
    c.startFile(1, 'b.xlsx', 'b.xlsx [Sheet1]', undefined, true);
    const i2: Issue[] = [];
    c.check(null, 7, 12345, i2);
    expect(i2.map((i) => [i.code, i.severity, i.file, i.row])).toEqual([['DUPLICATE_ROW', 'error', 'b.xlsx', 7]]);
    expect(i2[0]!.message).toContain('a.csv:2');
  });

  it('a deal seen again with another customer and status is a DEAL_CONFLICT on the deal column; an agreeing row is not', () => {
    const c = new CrossRowChecks();
    c.startFile(0, 's.csv', 's.csv', 'Deal', false);
    const issues: Issue[] = [];
    const first = rec({ dealId: 'D1' });
    c.check(first, 2, 1, issues);
    c.check(rec({ dealId: 'D1' }), 3, 2, issues); // agrees: nothing
    expect(issues).toEqual([]);
    c.check(rec({ dealId: 'D1', customer: 'C2', status: 'lost' }), 4, 3, issues);
    expect(issues.map((i) => [i.code, i.severity, i.row, i.column, i.value])).toEqual([['DEAL_CONFLICT', 'warning', 4, 'Deal', 'D1']]);
    expect(issues[0]!.message).toContain('s.csv:2');
    expect(issues[0]!.message).toContain('"C2"');
    expect(issues[0]!.message).toContain('"C1"');
    expect(first.dealKey).toBe(0);
    expect(first.customerKey).toBe(c.customerIds.id('C1'));
  });
});
