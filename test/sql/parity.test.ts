/**
 * Parity, the heart of issue 12: the same report on the JS engine (`KpiAggregator`) and on the
 * compiled SQL (src/sql/compile.ts) run on real DuckDB and PostgreSQL gives the same
 * `EngineResult` — money to the cent, counts exactly, ratios to 6 decimals (a ratio may differ by
 * one unit in the 6th decimal: JS `Math.round` rounds half up on a double, SQL `ROUND` half away
 * from zero). Hand-made records with refunds, churn, empty periods, multi-line deals and rows
 * without deal ids, then fast-check property tests over random small data sets, every grain
 * (ISO weeks, fiscal years).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type DimSpec, type EngineResult, KpiAggregator, type SpendInput, type TargetInput, groupKey } from '../../src/engine/aggregate.js';
import { type Calendar, type Grain, parsePeriodKey } from '../../src/engine/periods.js';
import type { Decimal } from '../../src/core/decimal.js';
import type { SalesRecord } from '../../src/ingest/record.js';
import type { Has } from '../../src/kpi/types.js';
import { KPI_BY_ID } from '../../src/kpi/index.js';
import { compileReport, type SqlReportRequest } from '../../src/sql/compile.js';
import { type SqlConnection, openDuckDb, recordsTableSql, resultFromRows } from '../../src/sql/run.js';
import { postgres } from '../../src/sql/dialect.js';
import { CALS, HAS, MONTH, SAMPLE, SIDE_CASES, arbRecord, expectSameResult, fromArb, type Extra, type SideRow } from './parity-fixtures.js';
import { type PgServer, pgMissing, startPostgres } from '../support/postgres.js';

const decOf = (s: string): Decimal => {
  const neg = s.startsWith('-');
  const [i, f = ''] = s.replace('-', '').split('.');
  return { units: (neg ? -1 : 1) * Number((i ?? '') + f), scale: f.length };
};

/** The JS engine's side table input, as src/engine/side-tables.ts builds it: per group and per period, the totals ('') summed over all rows. */
function periodTable(rows: SideRow[], cal: Calendar, byGroup: boolean): Map<string, Map<number, Decimal>> {
  const t = new Map<string, Map<number, Decimal>>();
  const put = (key: string, p: number, v: Decimal) => {
    let m = t.get(key);
    if (!m) t.set(key, (m = new Map()));
    const cur = m.get(p);
    const scale = Math.max(v.scale, cur?.scale ?? 0);
    const at = (x: Decimal) => Number(x.units) * 10 ** (scale - x.scale);
    m.set(p, { units: (cur ? at(cur) : 0) + at(v), scale });
  };
  for (const r of rows) {
    const p = parsePeriodKey(r.period, cal)!;
    if (byGroup) put(groupKey(r.dims), p, decOf(r.amount));
    put('', p, decOf(r.amount));
  }
  return t;
}

function jsReport(records: SalesRecord[], dims: string[], calendar: Calendar, has: Has, kpis: string[], extra: Extra = {}): EngineResult {
  const specs: DimSpec[] = dims.map((name) => ({ name, get: (r) => (r as unknown as Record<string, string | null>)[name] ?? null }));
  const agg = new KpiAggregator({ calendar, dims: specs, asOf: extra.asOf ?? null });
  agg.add(records);
  const targets: TargetInput | undefined = extra.targets && {
    targets: periodTable(extra.targets.rows, calendar, extra.targets.byGroup),
    byGroup: extra.targets.byGroup,
  };
  let spend: SpendInput | undefined;
  if (extra.spend) {
    let acquired: Map<string, Map<number, number>> | null = null;
    if (extra.spend.acquired) {
      acquired = new Map();
      for (const r of extra.spend.rows) {
        const p = parsePeriodKey(r.period, calendar)!;
        for (const key of extra.spend.byGroup ? [groupKey(r.dims), ''] : ['']) {
          if (r.acquired === null || r.acquired === undefined) continue;
          let m = acquired.get(key);
          if (!m) acquired.set(key, (m = new Map()));
          m.set(p, (m.get(p) ?? 0) + r.acquired);
        }
      }
    }
    spend = { spend: periodTable(extra.spend.rows, calendar, extra.spend.byGroup), acquired, byGroup: extra.spend.byGroup };
  }
  const res = agg.finish(has, { from: extra.from, to: extra.to, targets, spend });
  const keep = (row: EngineResult['rows'][number]) => ({ ...row, kpis: Object.fromEntries(kpis.map((k) => [k, row.kpis[k] ?? null])) });
  return { ...res, rows: res.rows.map(keep), totals: res.totals.map(keep), available: res.available.filter((k) => kpis.includes(k)) };
}

/** Ratios compared to 6 decimals (±1e-6), everything else exactly. */
const ENGINES: [string, () => Promise<{ conn: SqlConnection; stop: () => Promise<void> }>, string | null][] = [
  [
    'duckdb',
    async () => {
      const conn = await openDuckDb();
      return { conn, stop: () => conn.close() };
    },
    null,
  ],
  [
    'postgres',
    async () => {
      const server: PgServer = await startPostgres();
      const client = await server.connect();
      const conn: SqlConnection = {
        dialect: postgres,
        query: async (sql) => (await client.query(sql)).rows as Record<string, unknown>[],
        close: async () => undefined,
      };
      return {
        conn,
        stop: async () => {
          await client.end().catch(() => undefined);
          await server.stop();
        },
      };
    },
    pgMissing(),
  ],
];

/** JS engine (`sql`) against the compiled SQL. */
function expectSame(sql: EngineResult, js: EngineResult, where: string): void {
  expectSameResult(sql, js, where, ['sql', 'js']);
}

const ALL = [...KPI_BY_ID.values()].filter((k) => k.sql).map((k) => k.id);

for (const [name, open, missing] of ENGINES) {
  describe.skipIf(missing !== null)(`parity JS engine = SQL on ${name}${missing ? ` (skipped: ${missing})` : ''}`, () => {
    let e: { conn: SqlConnection; stop: () => Promise<void> };
    let n = 0;
    beforeAll(async () => {
      e = await open();
    }, 120_000);
    afterAll(async () => {
      await e?.stop();
    });

    async function sideTable(name: string, dims: string[], rows: SideRow[], acquired: boolean): Promise<void> {
      const d = e.conn.dialect;
      const cols = [
        ...dims.map((c) => `${d.ident(c)} ${d.text}`),
        `period ${d.text}`,
        'amount DECIMAL(38, 2)',
        ...(acquired ? ['acquired BIGINT'] : []),
      ];
      await e.conn.query(`CREATE TABLE ${d.ident(name)} (${cols.join(', ')})`);
      const values = rows.map((r) =>
        [...dims.map((_, i) => d.string(r.dims[i]!)), d.string(r.period), r.amount, ...(acquired ? [r.acquired ?? 'NULL'] : [])].join(', '),
      );
      if (values.length) await e.conn.query(`INSERT INTO ${d.ident(name)} VALUES ${values.map((v) => `(${v})`).join(', ')}`);
    }

    async function sqlReport(
      records: SalesRecord[],
      dims: string[],
      calendar: Calendar,
      has: Has,
      kpis: string[],
      extra: Extra & { windowMedian?: boolean } = {},
    ): Promise<EngineResult> {
      const table = `sales_${n++}`;
      for (const stmt of recordsTableSql(e.conn.dialect, table, records, { amountScale: 2, quantityScale: 1 })) await e.conn.query(stmt);
      const req: SqlReportRequest = {
        table,
        dims,
        calendar,
        has,
        kpis,
        amountScale: 2,
        quantityScale: 1,
        from: extra.from,
        to: extra.to,
        asOf: extra.asOf ?? null,
      };
      if (extra.targets) {
        await sideTable(`${table}_targets`, extra.targets.byGroup ? dims : [], extra.targets.rows, false);
        req.targets = { table: `${table}_targets`, byGroup: extra.targets.byGroup };
      }
      if (extra.spend) {
        await sideTable(`${table}_spend`, extra.spend.byGroup ? dims : [], extra.spend.rows, extra.spend.acquired);
        req.spend = { table: `${table}_spend`, byGroup: extra.spend.byGroup, acquired: extra.spend.acquired };
      }
      const c = compileReport(e.conn.dialect, req, { windowMedian: extra.windowMedian });
      return resultFromRows(await e.conn.query(c.sql), req, c.kpis);
    }

    for (const [dims, grain] of [
      [['rep'], 'month'],
      [['region'], 'quarter'],
      [['rep', 'region'], 'week'],
      [[], 'year'],
    ] as [string[], Grain][]) {
      it(`every compiled KPI by ${dims.join(' × ') || 'nothing'} × ${grain} on hand-made records`, async () => {
        const cal = { grain, fiscalStart: 1 };
        expectSame(await sqlReport(SAMPLE, dims, cal, HAS, ALL), jsReport(SAMPLE, dims, cal, HAS, ALL), `${dims} ${grain}`);
      });
    }

    for (const [what, extra] of SIDE_CASES) {
      it(`every KPI by rep × month with ${what}`, async () => {
        const ids = [...KPI_BY_ID.keys()];
        expectSame(await sqlReport(SAMPLE, ['rep'], MONTH, HAS, ids, extra), jsReport(SAMPLE, ['rep'], MONTH, HAS, ids, extra), what);
      });
    }

    it('the median by window functions (as on Trino and BigQuery) gives the same cycle days', async () => {
      for (const [dims, grain] of [
        [['rep'], 'month'],
        [[], 'quarter'],
        [['region'], 'week'],
      ] as [string[], Grain][]) {
        const cal = { grain, fiscalStart: 1 };
        expectSame(
          await sqlReport(SAMPLE, dims, cal, HAS, ['salesCycleDays', 'deals'], { windowMedian: true }),
          jsReport(SAMPLE, dims, cal, HAS, ['salesCycleDays', 'deals']),
          `window median ${dims} ${grain}`,
        );
      }
      await fc.assert(
        fc.asyncProperty(fc.array(arbRecord, { minLength: 1, maxLength: 30 }), async (xs) => {
          const records = xs.map(fromArb);
          const cal: Calendar = { grain: 'quarter', fiscalStart: 1 };
          expectSame(
            await sqlReport(records, ['rep'], cal, HAS, ['salesCycleDays'], { windowMedian: true }),
            jsReport(records, ['rep'], cal, HAS, ['salesCycleDays']),
            'window median, random',
          );
        }),
        { numRuns: 15 },
      );
    }, 120_000);

    it('each KPI alone: the query computes only what that KPI reads, and gives the JS engine value', async () => {
      const cal: Calendar = { grain: 'month', fiscalStart: 1 };
      for (const k of ALL) {
        expectSame(await sqlReport(SAMPLE, ['rep'], cal, HAS, [k]), jsReport(SAMPLE, ['rep'], cal, HAS, [k]), `only ${k}`);
      }
      const ctes = (kpis: string[]) => {
        const sql = compileReport(e.conn.dialect, { table: 't', dims: ['rep'], calendar: cal, has: HAS, kpis, amountScale: 2 }).sql;
        return [...sql.matchAll(/^(\w+) AS/gm)].map((m) => m[1]);
      };
      expect(ctes(['revenue'])).toEqual(['src0', 'groups', 'base', 'cellrows', 'cells', 'spine', 'grid']);
      expect(ctes(['newCustomers'])).toEqual(['src0', 'groups', 'base', 'cellrows', 'firstwon', 'custcells', 'flow', 'spine', 'grid']);
      expect(ctes(['salesCycleDays'])).toEqual([
        'src0',
        'groups',
        'base',
        'cellrows',
        'dealspan',
        'dealgroup',
        'cyc',
        'cycmed',
        'spine',
        'grid',
      ]);
    }, 120_000);

    it('without customer, created date, quantity or profit columns', async () => {
      const has: Has = { customer: false, createdDate: false, quantity: false, status: true };
      const cal: Calendar = { grain: 'month', fiscalStart: 1 };
      expectSame(await sqlReport(SAMPLE, ['rep'], cal, has, ALL), jsReport(SAMPLE, ['rep'], cal, has, ALL), 'no optional columns');
    });

    it('random small data sets: refunds, churn, empty periods, multi-line deals, rows without deal ids, every grain', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(arbRecord, { minLength: 0, maxLength: 40 }),
          fc.constantFrom(...CALS),
          fc.constantFrom<string[]>(['rep'], ['region'], ['rep', 'region'], []),
          async (xs, cal, dims) => {
            const records = xs.map(fromArb);
            expectSame(
              await sqlReport(records, dims, cal, HAS, ALL),
              jsReport(records, dims, cal, HAS, ALL),
              `${dims} ${cal.grain}/${cal.fiscalStart}`,
            );
          },
        ),
        { numRuns: 40 },
      );
    }, 120_000);
  });
}
