/**
 * `salesperf export`: the canonical CSV by hand, the Parquet read back with DuckDB value by value
 * and typed, Σ amount equal to the report's revenue, rejects and exit codes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmp, writeTmp } from '../helpers.js';
import { type Engine, openDuckDb } from './engines.js';

const asOf = ['--as-of', '2026-12-31'];

// 6 data rows: one rejected (amount "abc"); a 3-decimal amount lifts the scale to 3; cells with a
// comma, a quote, a line break, a leading = and -, Chinese text; an extra column named like a canonical one
const SALES =
  [
    'Date,Deal ID,Rep,Customer,Status,Amount,Qty,Created,Segment,Source_File',
    '2026-01-05,D1,Ann,C1,Won,100.5,2,2026-01-01,"SMB, EU",x',
    '2026-01-20,D2,Bob,C2,Refund,-20.125,1.5,,=SUM(A1),',
    '2026-02-03,D3,"Bo ""B"" Li",C3,Lost,7,,,"two',
    'lines",',
    '2026-02-04,D4,,客户甲,Open,-0,3,2026-01-30,-5,',
    '2026-02-05,D5,Ann,C1,Won,abc,1,,,',
    '2026-03-01,D6,Ann,C4,Won,0.005,,,,',
  ].join('\n') + '\n';

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        f += '"';
        i++;
      } else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(f);
      f = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(f);
      rows.push(row);
      row = [];
      f = '';
      i++;
    } else f += c;
  }
  return rows;
}

const HEADER = [
  'source_file',
  'source_row',
  'date',
  'amount',
  'status',
  'rep',
  'customer',
  'team',
  'region',
  'product',
  'channel',
  'deal_id',
  'currency',
  'created_date',
  'quantity',
  'Segment',
  'Source_File_2',
];

describe('salesperf export', () => {
  let duck: Engine;
  beforeAll(async () => {
    duck = await openDuckDb();
  });
  afterAll(async () => {
    await duck?.close();
  });

  it("writes the canonical CSV: fixed columns, exact amounts at the run's scale, ISO dates, other columns by header; exit 1 for the rejected row, listed in --rejects", () => {
    const dir = tmp();
    const f = writeTmp('sales.csv', SALES, dir);
    const out = join(dir, 'clean.csv');
    const rej = join(dir, 'rejects.csv');
    const r = runCli(['export', f, '-o', out, '--rejects', rej, ...asOf]);
    expect(r.stderr).toContain(`salesperf: note: ${out}: 5 rows exported (1 rejected, 0 excluded)`);
    expect(r.stderr).toContain('salesperf: error: 1 rows rejected and not exported: AMOUNT_INVALID ×1');
    expect(r.code).toBe(1);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1)).toEqual([
      [f, '2', '2026-01-05', '100.500', 'won', 'Ann', 'C1', '', '', '', '', 'D1', '', '2026-01-01', '2.0', 'SMB, EU', 'x'],
      [f, '3', '2026-01-20', '-20.125', 'refund', 'Bob', 'C2', '', '', '', '', 'D2', '', '', '1.5', '=SUM(A1)', ''],
      [f, '4', '2026-02-03', '7.000', 'lost', 'Bo "B" Li', 'C3', '', '', '', '', 'D3', '', '', '', 'two\nlines', ''],
      [f, '6', '2026-02-04', '0.000', 'open', '', '客户甲', '', '', '', '', 'D4', '', '2026-01-30', '3.0', '-5', ''],
      [f, '8', '2026-03-01', '0.005', 'won', 'Ann', 'C4', '', '', '', '', 'D6', '', '', '', '', ''],
    ]);
    const rejects = readFileSync(rej, 'utf8');
    expect(rejects).toContain(',7,error,AMOUNT_INVALID,Amount,abc,');
  });

  it('writes Parquet through DuckDB with DECIMAL(38,3), DATE and BIGINT columns; every value read back equals the CSV', async () => {
    const dir = tmp();
    const f = writeTmp('sales.csv', SALES, dir);
    const csv = join(dir, 'clean.csv');
    const pq = join(dir, 'clean.parquet');
    expect(runCli(['export', f, '-o', csv, ...asOf]).code).toBe(1);
    const r = runCli(['export', f, '-o', pq, ...asOf]);
    expect(r.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['clean.csv', 'clean.parquet', 'sales.csv']); // no temp left
    const types = await duck.query(
      `SELECT column_name AS c, column_type AS t FROM (DESCRIBE SELECT * FROM read_parquet(${duck.dialect.string(pq)}))`,
    );
    expect(Object.fromEntries(types.map((x) => [x.c, x.t]))).toEqual({
      source_file: 'VARCHAR',
      source_row: 'BIGINT',
      date: 'DATE',
      amount: 'DECIMAL(38,3)',
      status: 'VARCHAR',
      rep: 'VARCHAR',
      customer: 'VARCHAR',
      team: 'VARCHAR',
      region: 'VARCHAR',
      product: 'VARCHAR',
      channel: 'VARCHAR',
      deal_id: 'VARCHAR',
      currency: 'VARCHAR',
      created_date: 'DATE',
      quantity: 'DECIMAL(38,1)',
      Segment: 'VARCHAR',
      Source_File_2: 'VARCHAR',
    });
    const back = await duck.query(`SELECT * FROM read_parquet(${duck.dialect.string(pq)}) ORDER BY source_row`);
    const want = parseCsv(readFileSync(csv, 'utf8')).slice(1);
    expect(back.map((row) => HEADER.map((h) => row[h] ?? ''))).toEqual(want);
    // NULL where the CSV is empty, not an empty string
    expect(back[0]!.team).toBeNull();
    expect(back[3]!.rep).toBeNull();
  });

  it("Σ amount of the Parquet (DECIMAL in DuckDB) equals the report's revenue and refunds to the cent", async () => {
    const dir = tmp();
    const f = writeTmp('sales.csv', SALES, dir);
    const pq = join(dir, 'clean.parquet');
    runCli(['export', f, '-o', pq, ...asOf]);
    const rep = runCli(['report', f, ...asOf, '-g', 'year', '--by', '', '-f', 'json', '-k', 'revenue,refunds']);
    const totals = JSON.parse(rep.stdout).totals as { revenue: number; refunds: number }[];
    expect(totals).toHaveLength(1);
    const d = duck.dialect;
    const [s] = await duck.query(
      `SELECT ${d.round(`SUM(amount) FILTER (WHERE status IN ('won', 'refund'))`, 2)} AS revenue, ${d.round(`SUM(amount) FILTER (WHERE status = 'refund')`, 2)} AS refunds FROM read_parquet(${d.string(pq)})`,
    );
    // by hand: 100.5 - 20.125 + 0.005 = 80.38 (80.380); refunds -20.125 → -20.13 half away from zero
    expect(s).toEqual({ revenue: '80.38', refunds: '-20.13' });
    expect(totals[0]!.revenue.toFixed(2)).toBe(s!.revenue);
    expect(totals[0]!.refunds.toFixed(2)).toBe(s!.refunds);
  });

  it("several files with different other columns: one column each, empty for the other file's rows", () => {
    const dir = tmp();
    const a = writeTmp('a.csv', 'Date,Amount,Segment\n2026-01-05,1,S\n', dir);
    const b = writeTmp('b.csv', 'Date,Amount,Partner\n2026-01-06,2.25,P\n', dir);
    const r = runCli(['export', a, b, '-o', '-', ...asOf]);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows[0]!.slice(15)).toEqual(['Segment', 'Partner']);
    expect(rows.slice(1).map((x) => [x[0], x[3], x[4], ...x.slice(15)])).toEqual([
      [a, '1.00', 'won', 'S', ''],
      [b, '2.25', 'won', '', 'P'],
    ]);
  });

  it('exit codes: 2 for a --out that is not .csv/.parquet or missing, 3 for a missing folder (before reading), no file written', () => {
    const dir = tmp();
    const f = writeTmp('sales.csv', SALES, dir);
    const bad = runCli(['export', f, '-o', join(dir, 'x.json'), ...asOf]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^salesperf: error: --out ".*x\.json": expected a file name ending in \.csv or \.parquet/);
    const none = runCli(['export', f, ...asOf]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("salesperf: error: required option '-o, --out <file>' not specified");
    const missing = runCli(['export', f, '-o', join(dir, 'no', 'x.csv'), ...asOf]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^salesperf: error: cannot write --out .*x\.csv: the folder .*no does not exist/);
    const over = runCli(['export', f, '-o', f.replace(/\.csv$/, '.csv'), ...asOf]);
    expect(over.code).toBe(2);
    expect(readFileSync(f, 'utf8')).toBe(SALES);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });

  it('a file of many batches streams through with back-pressure: every row out, no listener leak warning', () => {
    const dir = tmp();
    const lines = ['Date,Amount,Rep,Note'];
    for (let i = 0; i < 12_000; i++)
      lines.push(`2026-0${1 + (i % 9)}-1${i % 10},${i}.${String(i % 100).padStart(2, '0')},Rep ${i % 37},${'n'.repeat(40)}`);
    const f = writeTmp('big.csv', lines.join('\n') + '\n', dir);
    const out = join(dir, 'big-clean.csv');
    const r = runCli(['export', f, '-o', out, ...asOf]);
    expect(r.stderr).not.toContain('MaxListenersExceededWarning');
    expect(r.code).toBe(0);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(rows).toHaveLength(12_001);
    expect(rows[12_000]).toBe(`${f},12001,2026-03-19,11999.99,won,Rep 11,,,,,,,,,,${'n'.repeat(40)}`);
  });

  it('messages in Chinese with --lang zh', () => {
    const dir = tmp();
    const f = writeTmp('sales.csv', SALES, dir);
    const r = runCli(['export', f, '-o', join(dir, 'c.csv'), '--lang', 'zh', ...asOf]);
    expect(r.stderr).toContain('已导出 5 行（拒绝 1 行，排除 0 行）');
    expect(r.stderr).toContain('salesperf: error: 1 行被拒绝，未导出：AMOUNT_INVALID ×1');
  });
});
