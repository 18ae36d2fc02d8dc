/**
 * `salesperf report --engine duckdb` on raw CSVs (issue 12): src/sql/csv-source.ts reads them in
 * DuckDB and the compiled report runs on them. The JSON equals `--engine js` on the same files apart
 * from meta.engine and meta.inputs (every KPI; rep × month with targets and spend, region × quarter),
 * the rejected rows are counted as the JS engine counts them (issues, the stderr line, exit 1), a
 * file csv-source refuses (GBK, a 万 amount) falls back to the JS engine with the reason, and a
 * day-first file with decimal commas gives the JS engine's numbers.
 */
import { describe, expect, it } from 'vitest';
import { expectSameReport, type Doc } from './same-report.js';
import { runCli, encodeGbk, tmp, writeTmp } from '../helpers.js';
import { KPI_BY_ID } from '../../src/kpi/index.js';

const AS_OF = '2026-07-15';
const KPIS = [...KPI_BY_ID.keys()].filter((k) => KPI_BY_ID.get(k)!.needs !== 'profit');

/** ISO dates; refunds, lost and open deals, a two-line deal (D5), an empty month (2026-04); then a bad date, a bad amount and a ragged row. */
const SALES = `Date,Deal ID,Rep,Region,Customer,Created,Quantity,Status,Amount
2026-01-05,D1,Ann,North,C1,2025-12-20,2,Won,1000.00
2026-01-12,D2,Bob,South,C2,2026-01-02,1,Won,500.50
2026-01-20,D3,Ann,North,C3,2026-01-10,1,Lost,300.00
2026-01-25,D4,Cy,South,C4,2026-01-15,3,Won,250.25
2026-02-03,D5,Ann,North,C1,2026-01-25,1,Won,400.00
2026-02-03,D5,Ann,North,C1,2026-01-20,2,Won,600.00
2026-02-14,D6,Bob,South,C5,2026-02-01,1,Won,999.99
2026-02-20,D2R,Bob,South,C2,,1,Refund,-100.50
2026-02-30,D90,Ann,North,C1,2026-02-01,1,Won,77.00
2026-02-28,D7,Cy,South,C4,2026-02-10,1,Lost,800.00
2026-03-02,D8,Ann,North,C6,2026-02-15,5,Won,1250.00
2026-03-10,D91,Bob,South,C5,2026-03-01,1,Won,n/a
2026-03-15,D9,Bob,South,C5,2026-03-01,1,Open,700.00
2026-03-30,D10,Cy,South,C2,2026-03-20,2,Won,333.33
2026-03-31,D92,Cy,South
2026-05-04,D11,Ann,North,C1,2026-04-20,1,Won,2000.00
2026-05-18,D12,Dee,,C7,2026-05-01,1,Won,150.00
2026-05-19,,Bob,South,C5,2026-05-10,1,Won,75.25
2026-06-01,D13,Cy,South,C4,2026-05-15,2,Won,420.10
2026-06-11,D14,Ann,North,C6,2026-06-01,1,Refund,-250.00
2026-06-20,D15,Bob,South,C8,2026-06-10,4,Lost,640.00
2026-06-21,D16,Dee,West,C7,2026-06-15,1,Won,99.99
2026-07-02,D17,Ann,North,C1,2026-06-25,1,Won,10.01
`;
/** Targets by rep and month (Zed has no sales: unmatched); spend by region with acquired counts. */
const TARGETS_REP = `Rep,Month,Target\nAnn,2026-01,900\nAnn,2026-02,1000.5\nBob,2026-02,1200\nCy,2026-03,400\nAnn,2026-07,1500\nZed,2026-05,100\n`;
const SPEND = `Month,Region,Spend,Acquired\n2026-01,North,300,1\n2026-01,South,200.25,2\n2026-05,North,400,2\n2026-06,West,50.5,1\n`;

/** `report -f json` on an engine: the document, the exit code and the stderr lines. */
function report(engine: string, args: string[]): { doc: Doc; code: number | null; stderr: string } {
  const r = runCli(['report', ...args, '--engine', engine, '-f', 'json', '--as-of', AS_OF]);
  expect(r.stdout, r.stderr).not.toBe('');
  return { doc: JSON.parse(r.stdout) as Doc, code: r.code, stderr: r.stderr };
}

const rejectedLine = (stderr: string) => stderr.split('\n').filter((l) => l.includes('rejected and left out'));

describe('report --engine duckdb on raw CSVs (csv-source)', () => {
  const dir = tmp();
  const raw = writeTmp('sales.csv', SALES, dir);
  const targets = writeTmp('targets.csv', TARGETS_REP, dir);
  const spend = writeTmp('spend.csv', SPEND, dir);

  it('rep × month with targets and spend: the JS engine’s JSON, issues, rejected-rows line and exit code', () => {
    const args = [raw, '-b', 'rep', '-g', 'month', '-t', targets, '--spend', spend, '--kpis', KPIS.join(',')];
    const js = report('js', args);
    const dk = report('duckdb', args);
    expect(dk.doc.meta.engine).toBe('duckdb');
    expect(js.doc.meta.engine).toBe('js');
    expect(dk.stderr).not.toContain('the JS engine reads the input instead');
    const n = expectSameReport(dk.doc, js.doc, 'rep × month');
    expect(n).toBeGreaterThan(900);
    // by hand: the bad date (2026-02-30), the bad amount (n/a) and the ragged row (4 fields of 9) are rejected; Zed's target matches no rep
    expect(dk.doc.issues).toEqual({ DATE_INVALID: 1, AMOUNT_INVALID: 1, ROW_RAGGED: 1, TARGET_UNMATCHED: 1 });
    const inputs = dk.doc.meta.inputs as { rowsRead: number; accepted: number; rejected: number; excluded: number; kind: string }[];
    expect(inputs.map((i) => [i.kind, i.rowsRead, i.accepted, i.rejected, i.excluded])).toEqual([['csv', 23, 20, 3, 0]]);
    expect([dk.code, js.code]).toEqual([1, 1]);
    expect(rejectedLine(dk.stderr)).toEqual(rejectedLine(js.stderr));
    expect(rejectedLine(dk.stderr)).toEqual([
      'salesperf: error: 3 row(s) rejected and left out of every KPI: AMOUNT_INVALID ×1, DATE_INVALID ×1, ROW_RAGGED ×1 (details: salesperf validate, or --rejects FILE)',
    ]);
    // by hand: February revenue 400 + 600 + 999.99 − 100.50 (the 2026-02-30 row is out); Ann's February attainment 1000 / 1000.5
    const feb = dk.doc.totals.find((t) => t.period === '2026-02')!;
    expect(feb.revenue).toBe(1899.49);
    const ann = dk.doc.rows.find((r) => r.rep === 'Ann' && r.period === '2026-02')!;
    expect(ann.attainment as number).toBeCloseTo(1000 / 1000.5, 6);
    // March: D8 1250 + D10 333.33 (the n/a row is out)
    expect(dk.doc.totals.find((t) => t.period === '2026-03')!.revenue).toBe(1583.33);
  });

  it('the data-quality warnings over two files (duplicates and deal conflicts across them): the JS engine’s issues, warning line and exit code', () => {
    const head = 'Date,Deal ID,Rep,Region,Customer,Created,Status,Amount,Segment';
    const filler = Array.from(
      { length: 20 },
      (_, i) => `2026-02-${String(i + 1).padStart(2, '0')},N${i},Bob,South,C9,,Won,${100 + i * 10},SMB`,
    );
    const first = [
      head,
      ...filler,
      '2026-03-01,X1,Ann,North,C1,2026-02-20,Won,500,SMB',
      '2026-03-02,X2,Ann,North,C1,,Won,-40,SMB', // NEGATIVE_AMOUNT
      '2026-03-03,X3,Ann,North,C1,,Won,7000000,SMB', // AMOUNT_OUTLIER
      '2026-08-01,X4,Ann,North,C1,,Won,10,SMB', // FUTURE_DATE (as of 2026-07-15)
      '2026-03-04,X5,Ann,North,C1,2026-03-09,Lost,10,SMB', // CREATED_AFTER_CLOSE
      '2026-03-05,X6,A\u0001nn,North,C1,,Won,10,SMB', // CONTROL_CHARACTER
      '2026-03-06,X7,Ann,North,C1,,Won,n/a,SMB', // AMOUNT_INVALID: rejected, no warning
    ];
    const second = [
      head,
      '2026-03-01,X1,Ann,North,C1,2026-02-20,Won,500,SMB', // DUPLICATE_ROW of the first file's X1
      '2026-03-10,X1,Bob,North,C1,,Won,25,SMB', // DEAL_CONFLICT: another date and rep than X1's first row
      '2026-03-11,X8,Cy,South,C2,,Won,30,', // ragged
      '2026-03-12,X8,Cy',
      '2026-03-12,X8,Cy', // a ragged row repeated: DUPLICATE_ROW too (DuckDB refuses both; their text is compared)
    ];
    const a = writeTmp('dq-a.csv', `${first.join('\n')}\n`, dir);
    const b = writeTmp('dq-b.csv', `${second.join('\n')}\n`, dir);
    const args = [a, b, '-b', 'region', '-g', 'month'];
    const js = report('js', args);
    const dk = report('duckdb', args);
    expect(dk.doc.meta.engine).toBe('duckdb');
    expectSameReport(dk.doc, js.doc, 'warnings');
    // by hand: one of each (two duplicates: X1's row and the ragged row), and the bad amount and the two ragged rows rejected
    expect(dk.doc.issues).toEqual({
      AMOUNT_INVALID: 1,
      ROW_RAGGED: 2,
      NEGATIVE_AMOUNT: 1,
      AMOUNT_OUTLIER: 1,
      FUTURE_DATE: 1,
      CREATED_AFTER_CLOSE: 1,
      CONTROL_CHARACTER: 1,
      DUPLICATE_ROW: 2,
      DEAL_CONFLICT: 1,
    });
    const warningLine = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('salesperf: warning:'));
    expect(warningLine(dk.stderr)).toEqual(warningLine(js.stderr));
    expect(warningLine(dk.stderr)).toEqual([
      'salesperf: warning: DUPLICATE_ROW ×2, AMOUNT_OUTLIER ×1, CONTROL_CHARACTER ×1, CREATED_AFTER_CLOSE ×1, DEAL_CONFLICT ×1, FUTURE_DATE ×1, NEGATIVE_AMOUNT ×1 (details: salesperf validate)',
    ]);
    expect(rejectedLine(dk.stderr)).toEqual(rejectedLine(js.stderr));
    expect([dk.code, js.code]).toEqual([1, 1]);
  });

  it('two raw files with different decimals: the amounts exactly (DuckDB would round the union to the first file’s scale)', () => {
    const four = writeTmp(
      'dec4.csv',
      'Date,Rep,Quantity,Amount\n2026-01-05,Ann,1.5,0.0049\n2026-01-06,Ann,1,0.0049\n2026-01-06,Bob,2,0.0049\n',
      dir,
    );
    const two = writeTmp('dec2.csv', 'Date,Rep,Quantity,Amount\n2026-01-07,Ann,3,10.25\n', dir);
    const args = [two, four, '-b', 'rep', '--kpis', 'revenue,units'];
    const js = report('js', args);
    const dk = report('duckdb', args);
    expect(dk.doc.meta.engine).toBe('duckdb');
    expectSameReport(dk.doc, js.doc, 'decimals');
    // by hand: Ann 10.25 + 0.0049 + 0.0049 = 10.2598 → 10.26 and units 3 + 1.5 + 1 = 5.5 (each row rounded to the first file's decimals: 10.25 and 6)
    expect(dk.doc.rows.map((r) => [r.rep, r.revenue, r.units])).toEqual([
      ['Ann', 10.26, 5.5],
      ['Bob', 0, 2],
    ]);
    expect(dk.doc.totals.map((t) => [t.revenue, t.units])).toEqual([[10.26, 7.5]]);
  });

  it('region × quarter, two raw files: the JS engine’s JSON', () => {
    const lines = SALES.trimEnd().split('\n');
    const a = writeTmp('a.csv', `${lines.slice(0, 12).join('\n')}\n`, dir);
    const b = writeTmp('b.csv', `${[lines[0], ...lines.slice(12)].join('\n')}\n`, dir);
    const args = [
      a,
      b,
      '-b',
      'region',
      '-g',
      'quarter',
      '--spend',
      spend,
      '--kpis',
      KPIS.filter((k) => KPI_BY_ID.get(k)!.needs !== 'targets').join(','),
    ];
    const js = report('js', args);
    const dk = report('duckdb', args);
    expect(dk.doc.meta.engine).toBe('duckdb');
    expect(expectSameReport(dk.doc, js.doc, 'region × quarter')).toBeGreaterThan(100);
    expect([dk.code, js.code]).toEqual([1, 1]);
    expect(rejectedLine(dk.stderr)).toEqual(rejectedLine(js.stderr));
  });

  it('day-first dates, decimal commas and semicolons: the JS engine’s numbers', () => {
    const csv = [
      'Datum;Verkäufer;Kunde;Status;Betrag',
      '05/01/2026;Ann;C1;gewonnen;1234,50',
      '13/01/2026;Bob;C2;verloren;99,9',
      '01/02/2026;Ann;C2;gewonnen;0,01',
      '28/02/2026;Bob;C1;erstattet;12,5',
      '15/03/2026;Bob;C3;gewonnen;7,25',
      '31/02/2026;Ann;C2;gewonnen;5',
    ].join('\r\n');
    const de = writeTmp('de.csv', `${csv}\r\n`, dir);
    const kpis = KPIS.filter((k) => ['customer', 'status', undefined].includes(KPI_BY_ID.get(k)!.needs));
    const args = [de, '-b', 'rep', '--kpis', kpis.join(',')];
    const js = report('js', args);
    const dk = report('duckdb', args);
    expect(dk.doc.meta.engine).toBe('duckdb');
    expectSameReport(dk.doc, js.doc, 'day-first');
    expect(dk.doc.issues).toEqual({ DATE_INVALID: 1 });
    // by hand: January 1234.50 (Bob's 99,9 is lost), February 0.01 − 12.50, March 7.25
    expect(dk.doc.totals.map((t) => [t.period, t.revenue])).toEqual([
      ['2026-01', 1234.5],
      ['2026-02', -12.49],
      ['2026-03', 7.25],
    ]);
    expect([dk.code, js.code]).toEqual([1, 1]);
  });

  it('a file csv-source refuses (GBK, a 万 amount) falls back to the JS engine with the reason (en and zh)', () => {
    const gbk = writeTmp('gbk.csv', encodeGbk('日期,业务员,金额\n2026-01-05,张三,100\n2026-02-05,李四,200.5\n'), dir);
    const g = report('duckdb', [gbk]);
    expect(g.doc.meta.engine).toBe('js');
    expect(g.code).toBe(0);
    expect(g.stderr).toMatch(
      new RegExp(
        `salesperf: note: --engine duckdb: ${gbk.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: encoding \\S+; DuckDB reads UTF-8 only; the JS engine reads the input instead`,
      ),
    );
    expectSameReport(g.doc, report('js', [gbk]).doc, 'gbk');
    const wan = writeTmp('wan.csv', '日期,业务员,金额\n2026-01-05,张三,1.2万\n2026-02-05,李四,200\n', dir);
    const w = report('duckdb', [wan]);
    expect(w.doc.meta.engine).toBe('js');
    expect(w.stderr).toContain(
      `salesperf: note: --engine duckdb: ${wan}: column "金额" has "1.2万": 万/亿 amounts are not read in SQL; the JS engine reads the input instead`,
    );
    expect(w.doc.totals.map((t) => t.revenue)).toEqual([12000, 200]);
    const zh = runCli(['report', wan, '--engine', 'duckdb', '--lang', 'zh', '-f', 'json', '--as-of', AS_OF]);
    expect(zh.stderr).toContain(`--engine duckdb：${wan}：列 "金额" 中有 "1.2万"：SQL 不读取带 万/亿 的金额；改由 JS 引擎读取输入`);
  });

  it('values below the sampled rows that SQL cannot decide fall back with the note; --by a raw header of a mapped field', () => {
    // the plan samples the first 5,000 rows (two 4,096-row batches read): an exponent at row 9,001 is seen only by the reject query
    const filler = Array.from({ length: 9000 }, (_, i) => `2026-0${(i % 6) + 1}-10,F${i},Ann,North,C1,,1,Won,1.25`);
    const late = writeTmp('late.csv', `${[SALES.split('\n')[0], ...filler, '2026-06-30,G1,Bob,South,C2,,1,Won,1.5e3'].join('\n')}\n`, dir);
    const l = report('duckdb', [late, '-b', 'region']);
    expect(l.doc.meta.engine).toBe('js');
    expect(l.stderr).toContain(
      `salesperf: note: --engine duckdb: ${late}: 1 row(s) hold values SQL cannot decide (e.g. "1.5e3"); the JS engine reads the input instead`,
    );
    // by hand: June is Ann's 1,500 filler rows at 1.25 and Bob's 1.5e3
    expect(l.doc.totals.find((t) => t.period === '2026-06')!.revenue).toBe(1500 * 1.25 + 1500);
    const renamed = writeTmp('renamed.csv', SALES.replace('Date,Deal ID,Rep,', 'Date,Deal ID,Sales Rep,'), dir);
    const args = [renamed, '-b', 'sales rep', '--kpis', 'revenue,deals,winRate'];
    const js = report('js', args);
    const dk = report('duckdb', args);
    expect(dk.doc.meta.engine).toBe('duckdb');
    expect(dk.doc.meta.dimensions).toEqual(['rep']);
    expectSameReport(dk.doc, js.doc, '--by sales rep');
  });

  it('no status column: the default KPIs are the JS engine’s (no lostDeals, no winRate)', () => {
    const plain = writeTmp('plain.csv', 'Date,Rep,Amount\n2026-01-05,Ann,10\n2026-02-01,Bob,20.5\n2026-02-09,Ann,1.25\n', dir);
    const js = report('js', [plain]);
    const dk = report('duckdb', [plain]);
    expect(dk.doc.meta.engine).toBe('duckdb');
    expectSameReport(dk.doc, js.doc, 'no status');
    expect(dk.doc.meta.kpis).not.toContain('winRate');
    expect(dk.doc.totals.map((t) => t.revenue)).toEqual([10, 21.75]);
  });

  it('--engine auto keeps the JS engine on a raw CSV; a raw CSV beside a canonical one falls back with the note', () => {
    const auto = runCli(['report', raw, '-f', 'json', '--as-of', AS_OF, '-q']);
    expect((JSON.parse(auto.stdout) as Doc).meta.engine).toBe('js');
    const canonical = `${dir}/clean.csv`;
    expect(runCli(['export', raw, '-o', canonical, '--as-of', AS_OF, '-q']).code).toBe(1);
    const mixed = report('duckdb', [canonical, raw]);
    expect(mixed.doc.meta.engine).toBe('js');
    expect(mixed.stderr).toContain(
      `salesperf: note: --engine duckdb: ${raw} is a raw CSV and other inputs are canonical files; raw and canonical inputs are not read together in SQL; the JS engine reads the input instead`,
    );
  });

  it('a file DuckDB cannot read as csv-source plans it (600 extra columns: its expression limit) falls back to the JS engine with the reason', () => {
    // found by scripts/fuzz/engine-diff.mjs: DuckDB's "Max expression depth limit of 1000 exceeded" was exit 3
    const extra = Array.from({ length: 600 }, (_, i) => `X${i}`);
    const wide = writeTmp(
      'wide.csv',
      `Date,Rep,Status,Amount,${extra.join(',')}\n2026-01-05,Ann,Won,10.50,${extra.map(() => '').join(',')}\n2026-02-01,Bob,Won,20,${extra.map((_, i) => i).join(',')}\n`,
      dir,
    );
    const js = report('js', [wide]);
    const dk = report('duckdb', [wide]);
    expect([dk.code, js.code]).toEqual([0, 0]);
    expect(dk.doc.meta.engine).toBe('js');
    expect(dk.stderr).toMatch(
      /salesperf: note: --engine duckdb: .*wide\.csv: DuckDB could not read it \(.+\); the JS engine reads the input instead/,
    );
    expectSameReport(dk.doc, js.doc, 'wide');
    expect(dk.doc.totals.map((t) => t.revenue)).toEqual([10.5, 20]);
  });
});
