/**
 * `salesperf report --engine` end to end (issue 12): the same `report -f json` from the JS engine
 * on a raw CSV, from DuckDB on the Parquet and the canonical CSV `salesperf export` writes of it,
 * and from PostgreSQL on a table loaded from that CSV — identical apart from meta.engine and
 * meta.inputs (money to the cent, counts exactly, ratios to 6 decimals); every KPI the data
 * allows, by rep × month and by region × quarter, with targets and spend. Also the fallback note,
 * the PostgreSQL flag and connection errors, and `--version` not loading DuckDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameReport, type Doc } from './same-report.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import { runCli, tmp, writeTmp } from '../helpers.js';
import { KPI_BY_ID } from '../../src/kpi/index.js';
import { duckDbFileView, openDuckDb } from '../../src/sql/run.js';
import { type PgServer, pgMissing, startPostgres } from '../support/postgres.js';

/** Refunds, lost and open deals, a two-line deal (D5), churn and a reactivated customer (C1), an empty month (2026-04), a rep without a region, a won row without a deal id. */
const SALES = `Date,Deal ID,Rep,Region,Customer,Created,Quantity,Status,Amount
2026-01-05,D1,Ann,North,C1,2025-12-20,2,Won,1000.00
2026-01-12,D2,Bob,South,C2,2026-01-02,1,Won,500.50
2026-01-20,D3,Ann,North,C3,2026-01-10,1,Lost,300.00
2026-01-25,D4,Cy,South,C4,2026-01-15,3,Won,250.25
2026-02-03,D5,Ann,North,C1,2026-01-25,1,Won,400.00
2026-02-03,D5,Ann,North,C1,2026-01-20,2,Won,600.00
2026-02-14,D6,Bob,South,C5,2026-02-01,1,Won,999.99
2026-02-20,D2R,Bob,South,C2,,1,Refund,-100.50
2026-02-28,D7,Cy,South,C4,2026-02-10,1,Lost,800.00
2026-03-02,D8,Ann,North,C6,2026-02-15,5,Won,1250.00
2026-03-15,D9,Bob,South,C5,2026-03-01,1,Open,700.00
2026-03-30,D10,Cy,South,C2,2026-03-20,2,Won,333.33
2026-05-04,D11,Ann,North,C1,2026-04-20,1,Won,2000.00
2026-05-18,D12,Dee,,C7,2026-05-01,1,Won,150.00
2026-05-19,,Bob,South,C5,2026-05-10,1,Won,75.25
2026-06-01,D13,Cy,South,C4,2026-05-15,2,Won,420.10
2026-06-11,D14,Ann,North,C6,2026-06-01,1,Refund,-250.00
2026-06-20,D15,Bob,South,C8,2026-06-10,4,Lost,640.00
2026-06-21,D16,Dee,West,C7,2026-06-15,1,Won,99.99
2026-07-02,D17,Ann,North,C1,2026-06-25,1,Won,10.01
`;
/** Targets by rep and month (Zed has no sales: unmatched); by region and quarter. */
const TARGETS_REP = `Rep,Month,Target\nAnn,2026-01,900\nAnn,2026-02,1000.5\nBob,2026-02,1200\nCy,2026-03,400\nAnn,2026-07,1500\nBob,2026-07,800\nZed,2026-05,100\n`;
const TARGETS_REGION = `Region,Quarter,Target\nNorth,2026-Q1,5000\nSouth,2026-Q1,4000\nNorth,2026-Q2,6000\nSouth,2026-Q2,3000\nWest,2026-Q3,500\nNorth,2026-Q3,3000\n`;
const SPEND = `Month,Region,Spend,Acquired\n2026-01,North,300,1\n2026-01,South,200.25,2\n2026-02,South,150,1\n2026-05,North,400,2\n2026-06,West,50.5,1\n2026-07,North,120,0\n`;

const KPIS = [...KPI_BY_ID.keys()].filter((k) => KPI_BY_ID.get(k)!.needs !== 'profit');
const AS_OF = '2026-07-15';

function reportJson(args: string[], env?: Record<string, string>): Doc {
  // every KPI the inputs allow: those of targets and spend only with the file
  const kpis = KPIS.filter(
    (k) =>
      (KPI_BY_ID.get(k)!.needs !== 'targets' || args.includes('-t')) && (KPI_BY_ID.get(k)!.needs !== 'spend' || args.includes('--spend')),
  );
  const r = runCli(['report', ...args, '-f', 'json', '--as-of', AS_OF, '--kpis', kpis.join(',')], env ? { env } : {});
  expect(
    r.stderr.split('\n').filter((l) => l.includes('error')),
    r.stderr,
  ).toEqual([]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Doc;
}

describe('report --engine: the same JSON from js, duckdb (Parquet, canonical CSV) and postgres', () => {
  const dir = tmp();
  const raw = writeTmp('sales.csv', SALES, dir);
  const targetsRep = writeTmp('targets-rep.csv', TARGETS_REP, dir);
  const targetsRegion = writeTmp('targets-region.csv', TARGETS_REGION, dir);
  const spend = writeTmp('spend.csv', SPEND, dir);
  const parquet = join(dir, 'clean.parquet');
  const canonical = join(dir, 'clean.csv');
  const skipPg = pgMissing();
  let server: PgServer | null = null;
  let client: pg.Client | null = null;
  let url = '';

  beforeAll(async () => {
    for (const out of [parquet, canonical]) expect(runCli(['export', raw, '-o', out, '--as-of', AS_OF]).code).toBe(0);
    if (skipPg) return;
    server = await startPostgres();
    client = await server.connect();
    const db = (await client.query('SELECT current_database() AS d')).rows[0].d as string;
    url = `postgres://${server.user}@${server.host}:${server.port}/${db}`;
    await loadCanonicalCsv(client, 'sales', canonical);
  }, 120_000);
  afterAll(async () => {
    await client?.end().catch(() => undefined);
    await server?.stop();
  });

  const cases: [string, string[], string[]][] = [
    ['rep × month, targets by rep, spend on the totals', ['-b', 'rep', '-g', 'month', '-t', targetsRep, '--spend', spend], []],
    ['region × quarter, targets and spend by region', ['-b', 'region', '-g', 'quarter', '-t', targetsRegion, '--spend', spend], []],
    ['totals only, --from/--to', ['-b', '', '--from', '2026-02', '--to', '2026-06'], []],
  ];
  for (const [name, args] of cases) {
    it(`${name}: duckdb on Parquet and on the canonical CSV = js on the raw CSV`, () => {
      const js = reportJson([raw, ...args, '--engine', 'js']);
      expect(js.meta.engine).toBe('js');
      for (const file of [parquet, canonical]) {
        const d = reportJson([file, ...args, '--engine', 'duckdb']);
        expect(d.meta.engine).toBe('duckdb');
        expect((d.meta.inputs as { kind: string }[])[0]!.kind).toBe(file === parquet ? 'parquet' : 'csv');
        expect(expectSameReport(d, js, `${name} ${file}`)).toBeGreaterThan(50);
      }
      // auto picks DuckDB for an exported file
      expect(reportJson([parquet, ...args]).meta.engine).toBe('duckdb');
    }, 60_000);

    it.skipIf(skipPg)(
      `${name}: postgres on a table loaded from the canonical CSV = js`,
      () => {
        const js = reportJson([raw, ...args, '--engine', 'js']);
        const p = reportJson([...args, '--engine', 'postgres', '--db', url, '--table', 'public.sales']);
        expect(p.meta.engine).toBe('postgres');
        expectSameReport(p, js, `${name} postgres`);
        // without --kpis: the KPIs of a report on files (a table is not a spend-only report)
        const plain = (a: string[]) => JSON.parse(runCli(['report', ...a, ...args, '-f', 'json', '--as-of', AS_OF]).stdout) as Doc;
        expect(plain(['--engine', 'postgres', '--db', url, '--table', 'sales']).meta.kpis).toEqual(plain([raw]).meta.kpis);
        // the URL from the environment
        expect(reportJson([...args, '--engine', 'postgres', '--table', 'sales'], { SALESPERF_DB_URL: url }).totals).toEqual(p.totals);
      },
      60_000,
    );
  }

  it('the values are the hand-computed ones (revenue, deals, the empty month, the unmatched target)', () => {
    const d = reportJson([parquet, '-b', 'rep', '-t', targetsRep, '--engine', 'duckdb']);
    const t = (period: string) => d.totals.find((r) => r.period === period)!;
    expect(d.meta.periods).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07']);
    expect(t('2026-01').revenue).toBe(1750.75); // 1000 + 500.50 + 250.25
    expect(t('2026-02').revenue).toBe(1899.49); // 400 + 600 + 999.99 − 100.50
    expect(t('2026-02').deals).toBe(2); // D5 (two lines) and D6
    expect(t('2026-02').refunds).toBe(-100.5);
    expect(t('2026-04').revenue).toBe(0);
    expect(t('2026-05').deals).toBe(3); // D11, D12 and the row without a deal id
    expect(t('2026-05').reactivatedCustomers).toBe(2); // C1 and C5: won in 2026-02, not in 2026-03/04 (C5's March deal is open)
    expect(d.issues).toEqual({ TARGET_UNMATCHED: 1 });
    const ann = d.rows.find((r) => r.rep === 'Ann' && r.period === '2026-02')!;
    expect(ann.attainment).toBeCloseTo(1000 / 1000.5, 6);
  });

  it('a raw CSV with --engine duckdb is read by csv-source (test/sql/report-raw-csv.test.ts); a JS-only flag falls back with a note', () => {
    const r = runCli(['report', raw, '--engine', 'duckdb', '-f', 'json', '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('the JS engine reads the input instead');
    expect(JSON.parse(r.stdout).meta.engine).toBe('duckdb');
    const mixed = runCli(['report', canonical, raw, '--engine', 'duckdb', '--lang', 'zh', '-f', 'json', '--as-of', AS_OF]);
    expect(mixed.stderr).toContain(`--engine duckdb：${raw} 是原始 CSV`);
    // auto says nothing: a raw CSV is the JS engine's everyday input
    expect(runCli(['report', raw, '-f', 'json', '--as-of', AS_OF, '-q']).stderr).toBe('');
    const org = runCli(['report', canonical, '--engine', 'duckdb', '--rejects', join(dir, 'rej.csv'), '-f', 'json', '--as-of', AS_OF]);
    expect(org.stderr).toContain(
      'salesperf: note: --engine duckdb: --rejects is applied by the JS engine only; the JS engine reads the input instead',
    );
    expect(JSON.parse(org.stdout).meta.engine).toBe('js');
  });

  it('--by a column the table lacks is exit 2 naming the columns', () => {
    const r = runCli(['report', parquet, '--engine', 'duckdb', '-b', 'regoin', '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'salesperf: error: --by regoin: no such column; available: source_file, source_row, status, rep, customer, team, region',
    );
  });
});

describe('export writes profit when the input maps profit or cost; grossProfit and margin on DuckDB = JS', () => {
  it('a Cost column: profit = amount − cost per row, at the amount decimals; the KPIs agree', () => {
    const dir = tmp();
    const raw = writeTmp(
      'p.csv',
      'Date,Rep,Status,Amount,Cost\n2026-01-05,Ann,Won,100.00,60.125\n2026-01-09,Bob,Won,50.50,20\n2026-02-01,Ann,Refund,-10.00,-6\n2026-02-03,Bob,Lost,70,30\n',
      dir,
    );
    const csv = join(dir, 'p-clean.csv');
    expect(runCli(['export', raw, '-o', csv, '--as-of', AS_OF, '-q']).code).toBe(0);
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    expect(lines[0]).toBe(
      'source_file,source_row,date,amount,status,rep,customer,team,region,product,channel,deal_id,currency,created_date,quantity,profit,Cost',
    ); // the cost column stays, as every other column
    expect(lines.slice(1, 5).map((l) => l.split(',').slice(3, 4).concat(l.split(',').slice(15, 16)))).toEqual([
      ['100.000', '39.875'],
      ['50.500', '30.500'],
      ['-10.000', '-4.000'],
      ['70.000', '40.000'],
    ]);
    const args = ['-f', 'json', '--as-of', AS_OF, '--kpis', 'revenue,grossProfit,margin'];
    const js = JSON.parse(runCli(['report', raw, '--engine', 'js', ...args]).stdout) as Doc;
    const dk = JSON.parse(runCli(['report', csv, '--engine', 'duckdb', ...args]).stdout) as Doc;
    expect(dk.meta.engine).toBe('duckdb');
    expect(dk.totals).toEqual(js.totals);
    expect(dk.rows).toEqual(js.rows);
    // 2026-01: 39.875 + 30.50 = 70.375 → 70.38 (half away from zero); margin 70.375 / 150.50
    expect(dk.totals[0]).toEqual({ period: '2026-01', revenue: 150.5, grossProfit: 70.38, margin: Number((70.375 / 150.5).toFixed(6)) });
  }, 60_000);
});

describe('salesperf sql --targets/--spend TABLE: side tables by name', () => {
  it("the printed query over the exported CSV and side tables gives report -t/--spend's target, attainment, spend and cac", async () => {
    const dir = tmp();
    const raw = writeTmp('sales.csv', SALES, dir);
    const canonical = join(dir, 'clean.csv');
    expect(runCli(['export', raw, '-o', canonical, '--as-of', AS_OF, '-q']).code).toBe(0);
    const kpis = 'revenue,target,attainment,gap,spend,acquired,cac';
    const q = runCli([
      'sql',
      raw,
      '--dialect',
      'duckdb',
      '--table',
      'sales',
      '-b',
      'region',
      '-g',
      'quarter',
      '--targets',
      'tg',
      '--spend',
      'sp',
      '--spend-acquired',
      '--as-of',
      AS_OF,
      '--kpis',
      kpis,
    ]);
    expect(q.code, q.stderr).toBe(0);
    const js = JSON.parse(
      runCli([
        'report',
        raw,
        '--engine',
        'js',
        '-b',
        'region',
        '-g',
        'quarter',
        '-t',
        writeTmp('t.csv', TARGETS_REGION, dir),
        '--spend',
        writeTmp('s.csv', SPEND, dir),
        '-f',
        'json',
        '--as-of',
        AS_OF,
        '--kpis',
        kpis,
      ]).stdout,
    ) as Doc;
    const conn = await openDuckDb();
    try {
      await conn.query(duckDbFileView('sales', canonical));
      const tg = TARGETS_REGION.trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','));
      await conn.query(
        `CREATE TABLE tg AS SELECT * FROM (VALUES ${tg.map(([r, p, a]) => `('${r}', '${p}', CAST(${a} AS DECIMAL(38, 2)))`).join(', ')}) AS t(region, period, amount)`,
      );
      // the spend file's months, summed to quarters by hand (the side tables are at the report's grain)
      const sp = [
        ['North', '2026-Q1', '300', 1],
        ['South', '2026-Q1', '350.25', 3],
        ['North', '2026-Q2', '400', 2],
        ['West', '2026-Q2', '50.5', 1],
        ['North', '2026-Q3', '120', 0],
      ] as const;
      await conn.query(
        `CREATE TABLE sp AS SELECT * FROM (VALUES ${sp.map(([r, p, a, n]) => `('${r}', '${p}', CAST(${a} AS DECIMAL(38, 2)), ${n})`).join(', ')}) AS t(region, period, amount, acquired)`,
      );
      const rows = await conn.query(q.stdout);
      let compared = 0;
      for (const r of rows) {
        const want =
          Number(r.gid) === -1
            ? js.totals.find((t) => t.period === r.period)
            : js.rows.find((t) => t.period === r.period && t.region === r.g0);
        expect(want, JSON.stringify(r)).toBeDefined();
        for (const k of kpis.split(',')) {
          const got = r[k] === null ? null : Number(r[k]);
          if (typeof want![k] === 'number' && KPI_BY_ID.get(k)!.unit === 'ratio')
            expect(Math.abs(got! - (want![k] as number)), `${r.period} ${r.g0} ${k}`).toBeLessThanOrEqual(1.000001e-6);
          else expect(got, `${r.period} ${r.g0} ${k}`).toBe(want![k]);
          compared++;
        }
      }
      expect(compared).toBe((js.rows.length + js.totals.length) * 7);
    } finally {
      await conn.close();
    }
  }, 60_000);
});

describe('report --engine postgres: flags and connection errors', () => {
  it('needs --table and a URL, takes no files and no --org (exit 2)', () => {
    const cases: [string[], string][] = [
      [['--engine', 'postgres', '--db', 'postgres://u@127.0.0.1:1/x'], '--engine postgres needs --table NAME'],
      [['--engine', 'postgres', '--table', 'sales'], '--engine postgres needs --db URL (or the environment variable SALESPERF_DB_URL)'],
      [
        ['f.csv', '--engine', 'postgres', '--db', 'postgres://u@127.0.0.1:1/x', '--table', 's'],
        '--engine postgres reads the table named by --table, not files (got f.csv)',
      ],
      [
        ['--engine', 'postgres', '--db', 'postgres://u@127.0.0.1:1/x', '--table', 's', '--org', 'org.csv'],
        '--engine postgres: --org is applied by the JS engine only',
      ],
      [['f.csv', '--table', 's'], '--table goes with --engine postgres'],
    ];
    for (const [args, text] of cases) {
      const r = runCli(['report', ...args], { env: { SALESPERF_DB_URL: '' } });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`salesperf: error: ${text}`);
    }
  });

  it('a refused connection is one line, exit 3, the password never printed', () => {
    const r = runCli([
      'report',
      '--engine',
      'postgres',
      '--db',
      'postgres://ann:s3cret-pw@127.0.0.1:1/sales',
      '--table',
      'sales',
      '--as-of',
      AS_OF,
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).not.toContain('s3cret-pw');
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('salesperf: error:')),
    ).toEqual(['salesperf: error: cannot connect to postgres://ann:***@127.0.0.1:1/sales: connect ECONNREFUSED 127.0.0.1:1']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('DuckDB loads lazily', () => {
  it('--version does not load @duckdb/node-api; a DuckDB report does (the same hook sees it)', () => {
    const dir = tmp();
    const marker = join(dir, 'loaded.txt');
    const hooks = writeTmp(
      'hooks.mjs',
      `import { appendFileSync } from 'node:fs';\nexport async function resolve(spec, ctx, next) {\n  if (spec.startsWith('@duckdb/')) appendFileSync(${JSON.stringify(marker)}, spec + '\\n');\n  return next(spec, ctx);\n}\n`,
      dir,
    );
    const register = writeTmp(
      'register.mjs',
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
      dir,
    );
    const env = { NODE_OPTIONS: `--import ${pathToFileURL(register).href}` };
    const v = runCli(['--version'], { env });
    expect(v.code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    const raw = writeTmp('s.csv', SALES, dir);
    expect(runCli(['report', raw, '--as-of', AS_OF, '-q'], { env }).code).toBe(0);
    expect(existsSync(marker)).toBe(false); // a raw CSV on auto: the JS engine, DuckDB never loaded
    const pq = join(dir, 's.parquet');
    expect(runCli(['export', raw, '-o', pq, '--as-of', AS_OF, '-q']).code).toBe(0);
    expect(runCli(['report', pq, '--as-of', AS_OF, '-q'], { env }).code).toBe(0);
    expect(readFileSync(marker, 'utf8')).toContain('@duckdb/node-api');
  }, 60_000);
});

/** Loads the canonical CSV into PostgreSQL as `salesperf export`'s types say (the CSV parsed by hand: no quotes in this fixture). */
async function loadCanonicalCsv(c: pg.Client, table: string, file: string): Promise<void> {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  expect(lines.every((l) => !l.includes('"'))).toBe(true);
  const types: Record<string, string> = {
    source_row: 'BIGINT',
    date: 'DATE',
    created_date: 'DATE',
    amount: 'NUMERIC(38, 2)',
    quantity: 'NUMERIC(38, 0)',
  };
  await c.query(`CREATE TABLE ${table} (${header.map((h) => `"${h}" ${types[h] ?? 'TEXT'}`).join(', ')})`);
  const values = lines.slice(1).map(
    (l) =>
      `(${l
        .split(',')
        .map((v) => (v === '' ? 'NULL' : `'${v.replace(/'/g, "''")}'`))
        .join(', ')})`,
  );
  await c.query(`INSERT INTO ${table} VALUES ${values.join(', ')}`);
}
