/**
 * `salesperf sql` end to end: usage errors (exit 2, catalogue messages), and the printed query run
 * on DuckDB over the canonical CSV `salesperf export` writes gives the numbers `salesperf report`
 * prints for the same files and flags (fixtures/sample), by rep × month and region × quarter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli, tmp } from './../helpers.js';
import { type SqlConnection, duckDbFileView, openDuckDb, resultFromRows, runReportSql } from '../../src/sql/run.js';
import { KPI_BY_ID } from '../../src/kpi/index.js';
import type { SqlReportRequest } from '../../src/sql/compile.js';

const SALES = 'fixtures/sample/sales.csv';

describe('salesperf sql: flags', () => {
  it('without files it needs --columns (exit 2, says which columns)', () => {
    const r = runCli(['sql', '--dialect', 'duckdb', '--table', 'sales']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('salesperf: error: salesperf sql without files needs --columns');
    expect(r.stdout).toBe('');
  });

  it('an unknown --columns entry or --dialect is exit 2 with a suggestion', () => {
    const c = runCli(['sql', '--dialect', 'duckdb', '--table', 'sales', '--columns', 'custmer']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--columns: unknown column "custmer"');
    expect(c.stderr).toContain('customer');
    const d = runCli(['sql', '--dialect', 'mysql', '--table', 'sales', '--columns', '-']);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('--dialect "mysql"');
  });

  it('a KPI the columns cannot give is exit 2 (newCustomers needs customer)', () => {
    const r = runCli(['sql', '--dialect', 'postgres', '--table', 'sales', '--columns', '-', '--kpis', 'revenue,newCustomers']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--kpis: newCustomers cannot be computed');
  });

  it('prints one query per dialect naming the table, quoted as the dialect quotes', () => {
    for (const [dialect, quoted] of [
      ['duckdb', '"an"."sales"'],
      ['spark', '`an`.`sales`'],
      ['bigquery', '`an`.`sales`'],
      ['trino', '"an"."sales"'],
    ] as const) {
      const r = runCli([
        'sql',
        '--dialect',
        dialect,
        '--table',
        'an.sales',
        '--columns',
        'customer',
        '-b',
        'region',
        '-k',
        'revenue,activeCustomers',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`FROM ${quoted}`);
      expect(r.stdout.split('\n')[0]).toBe(`-- salesperf sql --dialect ${dialect}: revenue, activeCustomers`);
    }
  });
});

describe('salesperf sql on DuckDB = salesperf report (fixtures/sample)', () => {
  let conn: SqlConnection;
  const dir = tmp();
  const clean = join(dir, 'clean.csv');
  beforeAll(async () => {
    const ex = runCli(['export', SALES, '-o', clean, '-q']);
    expect(ex.code, ex.stderr).toBe(0);
    conn = await openDuckDb();
    await conn.query(duckDbFileView('clean', clean));
  }, 60_000);
  afterAll(async () => {
    await conn?.close();
  });

  for (const [by, grain] of [
    ['rep', 'month'],
    ['region', 'quarter'],
  ] as const) {
    it(`by ${by} × ${grain}, every KPI the report shows, as-of inside the data`, async () => {
      const flags = ['-b', by, '-g', grain, '--as-of', '2026-06-15'];
      const rep = runCli(['report', SALES, ...flags, '-f', 'json', '-q']);
      expect(rep.code, rep.stderr).toBe(0);
      const doc = JSON.parse(rep.stdout) as { rows: Record<string, unknown>[]; totals: Record<string, unknown>[] };
      const q = runCli(['sql', SALES, ...flags, '--dialect', 'duckdb', '--table', 'clean']);
      expect(q.code, q.stderr).toBe(0);
      const ids = q.stdout
        .split('\n')[0]!
        .replace(/^-- [^:]*: /, '')
        .split(', ');
      const req = { dims: [by] } as unknown as SqlReportRequest;
      const res = resultFromRows(await conn.query(q.stdout), req, ids);
      const shown = Object.keys(doc.totals[0]!).filter((k) => KPI_BY_ID.has(k));
      expect(shown.length).toBeGreaterThan(10);
      for (const k of shown) expect(ids, k).toContain(k);
      expect(res.rows.length).toBe(doc.rows.length);
      expect(res.totals.length).toBe(doc.totals.length);
      const check = (sqlRow: (typeof res.rows)[number], js: Record<string, unknown>, where: string) => {
        expect(sqlRow.period, where).toBe(js.period);
        for (const k of shown) {
          const a = sqlRow.kpis[k] ?? null;
          const b = (js[k] ?? null) as number | null;
          if (KPI_BY_ID.get(k)!.unit === 'ratio' && a !== null && b !== null)
            expect(Math.abs(a - b), `${where} ${k}`).toBeLessThanOrEqual(1.000001e-6);
          else expect(a, `${where} ${k}`).toBe(b);
        }
      };
      res.rows.forEach((r, i) => {
        expect(r.dims[0], `row ${i}`).toBe(doc.rows[i]![by] ?? null);
        check(r, doc.rows[i]!, `row ${i} ${r.dims[0]} ${r.period}`);
      });
      res.totals.forEach((r, i) => check(r, doc.totals[i]!, `totals ${r.period}`));
    });
  }

  it('runReportSql(duckdb) over the exported CSV gives what the printed query gives', async () => {
    const q = runCli(['sql', SALES, '-b', 'region', '-g', 'month', '--dialect', 'duckdb', '--table', 'clean']);
    expect(q.code, q.stderr).toBe(0);
    const ids = q.stdout
      .split('\n')[0]!
      .replace(/^-- [^:]*: /, '')
      .split(', ');
    const req: SqlReportRequest = {
      table: 'clean',
      dims: ['region'],
      calendar: { grain: 'month', fiscalStart: 1 },
      has: { customer: true, createdDate: false, quantity: true, status: true },
      amountScale: 2,
      quantityScale: 0,
      asOf: null,
    };
    const viaRun = await runReportSql('duckdb', req, { file: clean });
    expect(viaRun.available).toEqual(ids);
    expect(viaRun.rows.length).toBeGreaterThan(4);
    expect(viaRun).toEqual(resultFromRows(await conn.query(q.stdout), req, ids));
  });
});
