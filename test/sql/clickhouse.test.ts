/**
 * ClickHouse, two shards on loopback (issue 12's stretch): the records go into a MergeTree table on
 * each of two servers behind a Distributed table (rows spread by a hash), and the report compiled
 * for ClickHouse (src/sql/clickhouse.ts) runs on the Distributed table. It must give the same
 * `EngineResult` as the compiled report on DuckDB (which test/sql/parity.test.ts holds equal to
 * the JS engine): money and counts exactly, ratios to 6 decimals; a few values are also checked by
 * hand. Skipped, with the reason, when clickhouse-server is not installed (docs/clickhouse.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import fc from 'fast-check';
import type { EngineResult } from '../../src/engine/aggregate.js';
import type { Calendar } from '../../src/engine/periods.js';
import type { SalesRecord } from '../../src/ingest/record.js';
import type { Has } from '../../src/kpi/types.js';
import { compileReport, type SqlReportRequest } from '../../src/sql/compile.js';
import { clickhouse, compileClickHouseReport, openClickHouse, parseTsvWithNames } from '../../src/sql/clickhouse.js';
import { type SqlConnection, openDuckDb, recordsTableSql, resultFromRows, sideTableSql } from '../../src/sql/run.js';
import { type ChCluster, chMissing, startClickHouse } from '../support/clickhouse.js';
import {
  CALS,
  HAS,
  MONTH,
  SAMPLE,
  SIDE_CASES,
  type Extra,
  type SideRow,
  arbRecord,
  day,
  dec,
  expectSameResult,
  fromArb,
  SPEND,
  TARGETS,
} from './parity-fixtures.js';

type SideRows = SideRow[];
/** ClickHouse against the compiled DuckDB report: money and counts exactly, ratios to 6 decimals. */
function expectSame(got: EngineResult, want: EngineResult, where: string): void {
  expectSameResult(got, want, where, ['clickhouse', 'duckdb']);
}

describe('ClickHouse TSV rows', () => {
  it('reads NULL, escapes and empty text as ClickHouse writes them', () => {
    expect(parseTsvWithNames("a\tb\\tc\n\\N\tx\\\\y\\tz\\nw\n\t\\'q\n")).toEqual([
      { a: null, 'b\tc': 'x\\y\tz\nw' },
      { a: '', 'b\tc': "'q" },
    ]);
    expect(parseTsvWithNames('')).toEqual([]);
  });
});

const missing = chMissing();

describe.skipIf(missing !== null)(`ClickHouse, two shards behind a Distributed table${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let cluster: ChCluster;
  let shards: SqlConnection[];
  let duck: SqlConnection;
  const db = `salesperf_t${process.pid}`;
  let n = 0;

  beforeAll(async () => {
    cluster = await startClickHouse();
    // inserts into the Distributed table wait until both shards have their rows
    shards = cluster.shards.map((u) => openClickHouse(u, { insert_distributed_sync: '1' }));
    for (const s of shards) await s.query(`CREATE DATABASE IF NOT EXISTS ${db}`);
    duck = await openDuckDb();
  }, 60_000);
  afterAll(async () => {
    for (const s of shards ?? []) await s.query(`DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
    await duck?.close();
    await cluster?.stop();
  }, 60_000);

  const COLS = [
    'date Date',
    'amount Decimal(38, 2)',
    'status String',
    ...['rep', 'customer', 'team', 'region', 'product', 'channel', 'deal_id', 'currency'].map((c) => `${c} Nullable(String)`),
    'created_date Nullable(Date)',
    'quantity Nullable(Decimal(38, 1))',
    'profit Nullable(Decimal(38, 2))',
  ].join(', ');

  /** The records in a MergeTree table on each shard behind a new Distributed table; its qualified name. */
  async function load(records: readonly SalesRecord[]): Promise<string> {
    const name = `sales_${n++}`;
    for (const s of shards) await s.query(`CREATE TABLE ${db}.${name}_local (${COLS}) ENGINE = MergeTree ORDER BY date`);
    const key = `cityHash64(status, ifNull(rep, ''), toString(amount), toString(date))`;
    await shards[0]!.query(`CREATE TABLE ${db}.${name} (${COLS}) ENGINE = Distributed(${cluster.cluster}, ${db}, ${name}_local, ${key})`);
    const inserts = recordsTableSql(clickhouse, name, records, { amountScale: 2, quantityScale: 1 }).slice(1);
    for (const stmt of inserts) await shards[0]!.query(stmt.replace(/^INSERT INTO "[^"]+"/, `INSERT INTO ${db}.${name}`));
    return `${db}.${name}`;
  }

  /** A side table on the first server (where the query runs) and the same on DuckDB; its names there and here. */
  async function side(name: string, dims: string[], s: SideRows, acquired: boolean): Promise<[string, string]> {
    const cols = [
      ...dims.map((c) => `${c} String`),
      'period String',
      'amount Decimal(38, 2)',
      ...(acquired ? ['acquired Nullable(Int64)'] : []),
    ];
    await shards[0]!.query(`CREATE TABLE ${db}.${name} (${cols.join(', ')}) ENGINE = Memory`);
    const rows = s.map((r) => ({ ...r, dims: r.dims }));
    const [, ...inserts] = sideTableSql(clickhouse, name, dims, rows, { scale: 2, acquired });
    for (const stmt of inserts) await shards[0]!.query(stmt.replace(/^INSERT INTO "[^"]+"/, `INSERT INTO ${db}.${name}`));
    for (const stmt of sideTableSql(duck.dialect, `d_${name}`, dims, rows, { scale: 2, acquired })) await duck.query(stmt);
    return [`${db}.${name}`, `d_${name}`];
  }

  async function reports(records: readonly SalesRecord[], dims: string[], calendar: Calendar, has = HAS, extra: Extra = {}) {
    const table = await load(records);
    const req: SqlReportRequest = {
      table,
      dims,
      calendar,
      has,
      amountScale: 2,
      quantityScale: 1,
      asOf: extra.asOf ?? null,
      from: extra.from,
      to: extra.to,
    };
    const dtable = `d_${table.replace('.', '_')}`;
    const dreq: SqlReportRequest = { ...req, table: dtable };
    if (extra.targets) {
      const [c, d] = await side(`${table.split('.')[1]}_targets`, extra.targets.byGroup ? dims : [], extra.targets.rows, false);
      req.targets = { table: c, byGroup: extra.targets.byGroup };
      dreq.targets = { table: d, byGroup: extra.targets.byGroup };
    }
    if (extra.spend) {
      const [c, d] = await side(`${table.split('.')[1]}_spend`, extra.spend.byGroup ? dims : [], extra.spend.rows, extra.spend.acquired);
      req.spend = { table: c, byGroup: extra.spend.byGroup, acquired: extra.spend.acquired };
      dreq.spend = { table: d, byGroup: extra.spend.byGroup, acquired: extra.spend.acquired };
    }
    const ch = compileClickHouseReport(req);
    const got = resultFromRows(await shards[0]!.query(ch.sql), req, ch.kpis);
    for (const stmt of recordsTableSql(duck.dialect, dtable, records, { amountScale: 2, quantityScale: 1 })) await duck.query(stmt);
    const dq = compileReport(duck.dialect, dreq);
    expect(ch.notCompiled).toEqual(dq.notCompiled);
    return { got, want: resultFromRows(await duck.query(dq.sql), dreq, dq.kpis), table };
  }

  it('spreads the rows over both shards and reads them all back through the Distributed table, exactly', async () => {
    const table = await load(SAMPLE);
    const local = `${table}_local`;
    const per = await Promise.all(shards.map(async (s) => (await s.query(`SELECT count() AS n, sum(amount) AS s FROM ${local}`))[0]!));
    expect(per.every((r) => Number(r.n) > 0)).toBe(true);
    expect(per.reduce((a, r) => a + Number(r.n), 0)).toBe(SAMPLE.length);
    const all = (await shards[0]!.query(`SELECT count() AS n, sum(amount) AS s, uniqExact(deal_id) AS deals FROM ${table}`))[0]!;
    // 100.10 + 50.05 − 20.00 + 300 + 70 + 999.99 + 12 + 5 + 0.01 + 0.02 + 80 + 90 + 10 + 10 by hand
    expect(all).toEqual({ n: '14', s: '1707.17', deals: '5' }); // D1, D9, D2, D3, D5
  });

  it('hand-checked totals by month: revenue, deals, win rate, cycle days (a deal on two shards counted once)', async () => {
    const { got } = await reports(SAMPLE, ['rep'], MONTH);
    const t = (period: string) => got.totals.find((r) => r.period === period)!.kpis;
    // January: D1 in three rows (won, won, refund); created 2025-12-20 (the earliest), last won 2026-01-20: 31 days
    expect(t('2026-01')).toMatchObject({ revenue: 130.15, refunds: -20, deals: 1, avgDealSize: 130.15, salesCycleDays: 31 });
    // February: two won rows without a deal id (2 deals), lost D9 and a lost row without one; win rate 2 / 4
    expect(t('2026-02')).toMatchObject({ revenue: 370, deals: 2, lostDeals: 2, winRate: 0.5, salesCycleDays: 31 });
    // March: D5 won by Bob and Ann on the same day: one deal in the totals, its cycle (9 days) with Ann, who sorts first
    expect(t('2026-03')).toMatchObject({ revenue: 20, deals: 1, salesCycleDays: 9 });
    const ann = got.rows.find((r) => r.period === '2026-03' && r.dims[0] === 'Ann')!.kpis;
    const bob = got.rows.find((r) => r.period === '2026-03' && r.dims[0] === 'Bob')!.kpis;
    expect([ann.salesCycleDays, bob.salesCycleDays, ann.deals, bob.deals]).toEqual([9, null, 1, 1]);
    // April is empty but in the spine (growth from March's 20.00 to 0 is −100%)
    expect(t('2026-04')).toMatchObject({ revenue: 0, deals: 0, growth: -1 });
  });

  for (const [dims, grain] of [
    [['rep'], 'month'],
    [['region'], 'quarter'],
    [['rep', 'region'], 'week'],
    [[], 'year'],
  ] as [string[], Calendar['grain']][]) {
    it(`every compiled KPI by ${dims.join(' × ') || 'nothing'} × ${grain} equals DuckDB's`, async () => {
      const cal = { grain, fiscalStart: 1 };
      const { got, want } = await reports(SAMPLE, dims, cal);
      expect(got.available.length).toBeGreaterThan(15);
      expectSame(got, want, `${dims} ${grain}`);
    });
  }

  it('without customer, created date, quantity or profit columns, and with an as-of date (forecast)', async () => {
    const has: Has = { customer: false, createdDate: false, quantity: false, status: true };
    const { got, want } = await reports(SAMPLE, ['rep'], MONTH, has, { asOf: day('2026-02-14') });
    expectSame(got, want, 'no optional columns, as of 2026-02-14');
    expect(got.totals.find((r) => r.period === '2026-02')!.kpis.forecast).toBe(740); // 370.00 × 28 / 14
  });

  for (const [what, extra] of SIDE_CASES) {
    it(`every KPI by rep × month with ${what} equals DuckDB's`, async () => {
      const { got, want } = await reports(SAMPLE, ['rep'], MONTH, HAS, extra);
      expect(got.available).toEqual(expect.arrayContaining(['attainment', 'gap', 'target']));
      expectSame(got, want, what);
    });
  }

  it(`hand-checked targets and CAC: Ann's January target is 120.00 + 10.50, Zed's (no data) only in the totals`, async () => {
    const extra: Extra = { targets: { rows: TARGETS, byGroup: true }, spend: { rows: SPEND, byGroup: false, acquired: true } };
    const { got } = await reports(SAMPLE, ['rep'], MONTH, HAS, extra);
    const ann = got.rows.find((r) => r.period === '2026-01' && r.dims[0] === 'Ann')!.kpis;
    expect([ann.target, ann.gap]).toEqual([130.5, -0.35]); // revenue 130.15
    const feb = got.totals.find((r) => r.period === '2026-02')!.kpis;
    expect([feb.target, feb.spend, feb.cac]).toEqual([999, 33.33, null]); // 0 + 999.00; acquired 0: no CAC
    const jan = got.totals.find((r) => r.period === '2026-01')!.kpis;
    expect([jan.spend, jan.cac]).toEqual([40, 13.33]); // 40.00 / 3, half away from zero
  });

  it("dimension columns named like the query's own columns (p, st, amt, gid) group by their own values", async () => {
    const table = await load(SAMPLE);
    await shards[0]!.query(`CREATE VIEW ${table}_v AS SELECT *, region AS p, rep AS st, customer AS amt, deal_id AS gid FROM ${table}`);
    const dtable = `d_${table.replace('.', '_')}`;
    for (const stmt of recordsTableSql(duck.dialect, dtable, SAMPLE, { amountScale: 2, quantityScale: 1 })) await duck.query(stmt);
    await duck.query(`CREATE VIEW ${dtable}_v AS SELECT *, region AS p, rep AS st, customer AS amt, deal_id AS gid FROM ${dtable}`);
    for (const dims of [['p', 'st'], ['amt'], ['gid']]) {
      const req: SqlReportRequest = { table: `${table}_v`, dims, calendar: MONTH, has: HAS, amountScale: 2, quantityScale: 1, asOf: null };
      const ch = compileClickHouseReport(req);
      const got = resultFromRows(await shards[0]!.query(ch.sql), req, ch.kpis);
      const dreq = { ...req, table: `${dtable}_v` };
      const dq = compileReport(duck.dialect, dreq);
      expectSame(got, resultFromRows(await duck.query(dq.sql), dreq, dq.kpis), `by ${dims}`);
    }
  });

  it('text with quotes, backslashes and Chinese round-trips through a literal', async () => {
    const text = `O'Brien \\ "销售" \t\n`;
    expect(await shards[0]!.query(`SELECT ${clickhouse.string(text)} AS t`)).toEqual([{ t: text }]);
  });

  it('salesperf sql --dialect clickhouse prints the query that runs on the shards and equals DuckDB', async () => {
    // without FILES the CLI reads amounts at 2 decimals and quantities as whole numbers (docs/sql.md): whole quantities here
    const records = SAMPLE.map((r) => (r.quantity && r.quantity.scale > 0 ? { ...r, quantity: dec('1') } : r));
    const table = await load(records);
    const r = runCli([
      'sql',
      '--dialect',
      'clickhouse',
      '--table',
      table,
      '--by',
      'rep',
      '--columns',
      'customer,created_date,quantity,profit',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^-- salesperf sql --dialect clickhouse: revenue, /);
    const req: SqlReportRequest = {
      table,
      dims: ['rep'],
      calendar: { grain: 'month', fiscalStart: 1 },
      has: HAS,
      amountScale: 2,
      quantityScale: 0,
    };
    const kpis = r.stdout.split('\n')[0]!.replace(/^.*: /, '').split(', ');
    const got = resultFromRows(await shards[0]!.query(r.stdout.replace(/;\s*$/, '')), req, kpis);
    const dtable = `d_cli_${n++}`;
    for (const stmt of recordsTableSql(duck.dialect, dtable, records, { amountScale: 2, quantityScale: 1 })) await duck.query(stmt);
    const dq = compileReport(duck.dialect, { ...req, table: dtable });
    expect(kpis).toEqual(dq.kpis);
    expectSame(got, resultFromRows(await duck.query(dq.sql), { ...req, table: dtable }, dq.kpis), 'sql --dialect clickhouse');
  });

  it('random small data sets over both shards equal DuckDB on every grain', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbRecord, { minLength: 0, maxLength: 40 }),
        // the parity test's calendars but calendar quarters (fiscal quarters from April stand for them here)
        fc.constantFrom(...CALS.filter((c) => !(c.grain === 'quarter' && c.fiscalStart === 1))),
        fc.constantFrom<string[]>(['rep'], ['region'], ['rep', 'region'], []),
        async (xs, cal, dims) => {
          const records = xs.map(fromArb);
          const { got, want } = await reports(records, dims, cal);
          expectSame(got, want, `${dims} ${cal.grain}/${cal.fiscalStart}`);
        },
      ),
      { numRuns: 25 },
    );
  }, 180_000);
});
