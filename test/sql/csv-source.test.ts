/**
 * A raw CSV straight into DuckDB (src/sql/csv-source.ts): the canonical view equals the JS
 * reader's records row by row, the reject counts equal validate's per code, and a compiled report
 * on the view equals the JS engine's report; forms SQL cannot read give the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type DimSpec, type EngineResult, KpiAggregator } from '../../src/engine/aggregate.js';
import type { Calendar } from '../../src/engine/periods.js';
import type { SalesRecord } from '../../src/ingest/record.js';
import type { Has } from '../../src/kpi/types.js';
import { KPI_BY_ID } from '../../src/kpi/index.js';
import { daysFromCivil, isoDate } from '../../src/core/dates.js';
import type { IngestOptions } from '../../src/ingest/read.js';
import { compileReport, type SqlReportRequest } from '../../src/sql/compile.js';
import { type SqlConnection, openDuckDb, resultFromRows } from '../../src/sql/run.js';
import {
  type CsvFilePlan,
  crossRowChecks,
  dateForm,
  duckDbCsvSource,
  loadCsvSource,
  numberForm,
  planCsvFile,
} from '../../src/sql/csv-source.js';
import { encodeGbk, ingest, writeTmp, tmp } from '../helpers.js';

const AS_OF = daysFromCivil(2026, 12, 31);
const OPTS: Partial<IngestOptions> = { asOf: AS_OF };

let conn: SqlConnection;
beforeAll(async () => {
  conn = await openDuckDb();
});
afterAll(async () => {
  await conn.close();
});

/** A decimal at exactly `s` decimals, as DuckDB prints DECIMAL(38, s). */
function atScale(units: number | bigint, scale: number, s: number): string {
  const v = BigInt(units) * 10n ** BigInt(s - scale);
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(s + 1, '0');
  const body = s === 0 ? digits : `${digits.slice(0, -s)}.${digits.slice(-s)}`;
  return (neg ? '-' : '') + body;
}

type Plan = Extract<Awaited<ReturnType<typeof planCsvFile>>, { ok: true }>['file'];

async function planOf(path: string, o: Partial<IngestOptions> = OPTS): Promise<Plan> {
  const p = await planCsvFile(path, { asOf: null, ...o });
  if (!p.ok) throw new Error(`not planned: ${p.reason.code}`);
  return p.file;
}

const VIEW_COLS = [
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
  'profit',
];

/** The JS records in the view's text form, sorted. */
function jsRows(records: SalesRecord[], s: number, qs: number): string[] {
  return records
    .map((r) =>
      JSON.stringify([
        isoDate(r.date),
        atScale(r.units, r.scale, s),
        r.status,
        r.rep,
        r.customer,
        r.team,
        r.region,
        r.product,
        r.channel,
        r.dealId,
        r.currency,
        r.createdDate === null ? null : isoDate(r.createdDate),
        r.quantity ? atScale(r.quantity.units, r.quantity.scale, qs) : null,
        r.profit ? atScale(r.profit.units, r.profit.scale, s) : null,
      ]),
    )
    .sort();
}

async function viewRows(): Promise<string[]> {
  const rows = await conn.query(`SELECT ${VIEW_COLS.map((c) => `CAST("${c}" AS VARCHAR) AS "${c}"`).join(', ')} FROM sales`);
  return rows.map((r) => JSON.stringify(VIEW_COLS.map((c) => (r[c] === null || r[c] === undefined ? null : String(r[c]))))).sort();
}

/** Issue counts per code from the JS reader (validate's numbers). */
function jsCounts(issues: { code: string; count: number }[], codes: readonly string[]): Record<string, number> {
  return Object.fromEntries(issues.filter((i) => codes.includes(i.code)).map((i) => [i.code, i.count]));
}

const ROW_CODES = [
  'STATUS_BLANK',
  'STATUS_UNKNOWN',
  'CREATED_DATE_INVALID',
  'REQUIRED_BLANK',
  'DATE_INVALID',
  'DATE_OUT_OF_RANGE',
  'AMOUNT_INVALID',
  'AMOUNT_OUT_OF_RANGE',
  'QUANTITY_INVALID',
  'PROFIT_INVALID',
  'OPEN_UNDATED',
  'TOTALS_ROW',
  'ROW_RAGGED',
  'DUPLICATE_ROW',
  'NOT_EXPRESSIBLE',
  'NEGATIVE_AMOUNT',
  'AMOUNT_OUTLIER',
  'FUTURE_DATE',
  'CREATED_AFTER_CLOSE',
  'CONTROL_CHARACTER',
  'DEAL_CONFLICT',
];

/** Load the file both ways and compare records, counts and outcomes; returns the JS records. */
async function parity(path: string, o: Partial<IngestOptions> = OPTS) {
  const js = await ingest([path], o);
  const f = await planOf(path, o);
  const loaded = await loadCsvSource(conn, f);
  if (!loaded.ok) throw new Error(`not expressible: ${loaded.reason.code}`);
  const r = loaded.rejects;
  expect(r.unsure, 'rows SQL could not decide').toBe(0);
  // the cross-row checks over the one file: its duplicates (as loadCsvSource counts them) and deal conflicts
  const cross = await crossRowChecks(conn, ['sales']);
  expect(cross.get('DUPLICATE_ROW')?.rows).toBe(r.issues.get('DUPLICATE_ROW')?.rows);
  const counts = Object.fromEntries([...r.issues].map(([k, v]) => [k, v.rows]));
  if (cross.has('DEAL_CONFLICT')) counts.DEAL_CONFLICT = cross.get('DEAL_CONFLICT')!.rows;
  expect(counts).toEqual(jsCounts(js.issues, ROW_CODES));
  expect([r.accepted, r.rejected, r.excluded]).toEqual([js.file.accepted, js.file.rejected, js.file.excluded]);
  expect(await viewRows()).toEqual(jsRows(js.records, r.amountScale, r.quantityScale));
  return { js, rejects: r, plan: f };
}

function jsReport(records: SalesRecord[], dims: string[], calendar: Calendar, has: Has): EngineResult {
  const specs: DimSpec[] = dims.map((name) => ({ name, get: (r) => (r as unknown as Record<string, string | null>)[name] ?? null }));
  const agg = new KpiAggregator({ calendar, dims: specs, asOf: null });
  agg.add(records);
  return agg.finish(has, {});
}

/** The compiled report on the view against the JS engine on the JS records: every KPI, money to the cent, ratios to 6 decimals. */
async function expectSameReport(
  records: SalesRecord[],
  dims: string[],
  calendar: Calendar,
  has: Has,
  amountScale: number,
  quantityScale: number,
) {
  const req: SqlReportRequest = { table: 'sales', dims, calendar, has, amountScale, quantityScale };
  const compiled = compileReport(conn.dialect, req);
  const sql = resultFromRows(await conn.query(compiled.sql), req, compiled.kpis);
  const js = jsReport(records, dims, calendar, has);
  expect(sql.periods).toEqual(js.periods);
  for (const part of ['rows', 'totals'] as const) {
    expect(sql[part].map((r) => [r.period, r.dims])).toEqual(js[part].map((r) => [r.period, r.dims]));
    sql[part].forEach((r, i) => {
      for (const k of compiled.kpis) {
        const a = r.kpis[k] ?? null;
        const b = js[part][i]!.kpis[k] ?? null;
        const at = `${part} ${r.period} ${JSON.stringify(r.dims)} ${k}: sql ${a} js ${b}`;
        if (KPI_BY_ID.get(k)!.unit === 'ratio' && a !== null && b !== null) expect(Math.abs(a - b), at).toBeLessThanOrEqual(1.000001e-6);
        else expect(a, at).toBe(b);
      }
    });
  }
  return compiled.kpis.length;
}

const ISO_CSV = [
  'Date,Deal ID,Sales Rep,Region,Customer,Status,Amount,Quantity,Created,Segment',
  '2026-01-05,D1,Ann,North,C1,Won,100.10,2,2025-12-20,SMB',
  '2026-01-20,D1,Ann,North,C1,closed won,50.05,1,2026-01-02,SMB',
  '2026-01-21,D1,Ann,North,C1,Refund,20.00,1,,SMB',
  '2026-02-03,D2,Bob,South,C2,成交,300,,2026-01-03,ENT',
  '2026-02-10,D9,Bob,South,,Lost,,,,ENT',
  '2026-02-28,D10,Cyd,,C3,Open,5.5,,,',
  ',D11,Cyd,,C3,Open,,,,',
  ',D20,Cyd,,C3,Open,7,,2026-02-01,',
  '2026-13-01,D12,Ann,North,C1,Won,10,,,',
  'not a date,D13,Ann,North,C1,Won,10,,,',
  '1900-01-01,D14,Ann,North,C1,Won,10,,,',
  '2026-03-01,D15,Ann,North,C1,Won,abc,,,',
  '2026-03-02,D16,Ann,North,C1,Maybe,10,,,',
  '2026-03-03,D17,Ann,North,C1,Won,,,,',
  '2026-03-04,D18,Bob,South,C4,won,12345678901234,,,',
  '2026-03-05,D21,Bob,South,C4,,10,,,',
  '2026-03-06,D22,Bob,South,C4,Won,10,x,,',
  '2026-03-07,D23,Bob,South,C4,Won,10,,soon,',
  '2026-01-05,D1,Ann,North,C1,Won,100.10,2,2025-12-20,SMB',
  '2026-04-01,D19, Ann ,North,C2,Won,0.125,,,SMB',
  '2026-05-02,D24,Ann,North,C5,won,-3,,,',
  '2026-05-03,D25,Bob,South,C5,Won,10,,,',
  // JavaScript's trim: no-break and ideographic spaces, tabs
  '2026-05-04,D26,\u00a0Bob\u3000,South,C5,\tWon ,10\u00a0,,,',
  'Total,,,,,,485.1,,,',
].join('\n');

describe('csv-source: a raw CSV as the canonical table in DuckDB', () => {
  it('ISO dates, status words, refunds, bad rows: records, reject counts and the report equal the JS reader', async () => {
    const path = writeTmp('iso.csv', `${ISO_CSV}\n`);
    const { js, rejects } = await parity(path);
    // by hand: 13 rows accepted (D1 ×3, D2, D9, D10, D20 dated by its created date, D23, the repeated D1, D19, D24, D25, D26)
    expect(rejects.accepted).toBe(13);
    expect(rejects.issues.get('DATE_INVALID')?.rows).toBe(2);
    expect(rejects.issues.get('DATE_OUT_OF_RANGE')?.rows).toBe(1);
    expect(rejects.issues.get('AMOUNT_OUT_OF_RANGE')?.rows).toBe(1);
    expect(rejects.issues.get('DUPLICATE_ROW')?.rows).toBe(1);
    expect(rejects.issues.get('TOTALS_ROW')?.rows).toBe(1);
    expect(rejects.issues.get('OPEN_UNDATED')?.rows).toBe(1);
    expect(rejects.amountScale).toBe(3);
    expect(js.records.length).toBe(rejects.accepted);
    const has: Has = { customer: true, createdDate: true, quantity: true, status: true };
    const n = await expectSameReport(
      js.records,
      ['rep'],
      { grain: 'month', fiscalStart: 1 },
      has,
      rejects.amountScale,
      rejects.quantityScale,
    );
    expect(n).toBeGreaterThan(10);
    // revenue by hand: won 100.10 + 50.05 + 300 + 100.10 (the duplicate is a warning, kept) + 0.125 − 3 + 10 + 10 (D23: a bad created date is a warning) + 10 (D26) − refund 20
    const rev = await conn.query(`SELECT CAST(sum(amount) FILTER (WHERE status IN ('won', 'refund')) AS VARCHAR) AS r FROM sales`);
    expect(rev[0]!.r).toBe('557.375');
    expect((await conn.query(`SELECT count(*) AS n FROM sales WHERE rep = 'Bob' AND deal_id = 'D26'`))[0]!.n).toBe('1');
    expect(await conn.query(`SELECT DISTINCT source_file, source_row FROM sales`)).toEqual([{ source_file: path, source_row: null }]);
  });

  it('the value warnings and deal conflicts: counted as the JS reader counts them, on accepted rows only', async () => {
    const filler = Array.from({ length: 20 }, (_, i) => `2026-02-${String(i + 1).padStart(2, '0')},N${i},Bob,C9,Won,${100 + i * 10},,SMB`);
    const csv = [
      'Date,Deal ID,Rep,Customer,Status,Amount,Created,Segment',
      ...filler,
      // D1 first seen won by Ann for C1; the repeat agrees, then another customer and another status conflict
      '2026-01-05,D1,Ann,C1,Won,100,,SMB',
      '2026-01-05,D1,Ann,C1,Won,120,,SMB',
      '2026-01-05,D1,Ann,C7,Won,130,,SMB',
      '2026-01-05,D1,Ann,C1,Lost,140,,SMB',
      // a rejected row of D1 (bad date) is no conflict; D2 without a customer twice agrees, then with one conflicts
      '2026-02-30,D1,Bob,C1,Won,150,,SMB',
      '2026-03-01,D2,Cy,,Won,160,,',
      '2026-03-01,D2,Cy,,Won,170,,',
      '2026-03-01,D2,Cy,C2,Won,180,,',
      // negative: won and lost count, a refund does not
      '2026-03-02,D3,Cy,C3,Won,-50,,',
      '2026-03-03,D4,Cy,C3,Lost,-20,,',
      '2026-03-04,D5,Cy,C3,Refund,-30,,',
      // outliers (the sample's amounts sit near 10^2): a sale and a refund of millions
      '2026-03-05,D6,Cy,C3,Won,8000000,,',
      '2026-03-06,D7,Cy,C3,Refund,9000000,,',
      // future: a sale after the as-of date, and an open deal dated by its created date
      '2027-02-01,D8,Cy,C3,Won,10,,',
      ',D9,Cy,C3,Open,10,2027-01-10,',
      // created after close: a lost deal counts, an open one does not
      '2026-03-01,D10,Cy,C3,Lost,10,2026-03-10,',
      '2026-03-01,D11,Cy,C3,Open,10,2026-03-10,',
      // control characters: two cells of one row; a vertical tab that trim removes; none on a rejected row
      '2026-03-07,D12,A\u0001nn,C3,Won,10,,S\u0002MB',
      '2026-03-08,D13,\u000bZed,C3,Won,10,,',
      '2026-03-09,D14,B\u0001ob,C3,Won,n/a,,',
    ].join('\n');
    const { rejects } = await parity(writeTmp('warn.csv', `${csv}\n`));
    const cross = await crossRowChecks(conn, ['sales']);
    const counts = (codes: string[]) => codes.map((c) => (c === 'DEAL_CONFLICT' ? cross.get(c)?.rows : rejects.issues.get(c)?.rows));
    expect(
      counts([
        'NEGATIVE_AMOUNT',
        'AMOUNT_OUTLIER',
        'FUTURE_DATE',
        'CREATED_AFTER_CLOSE',
        'CONTROL_CHARACTER',
        'DEAL_CONFLICT',
        'DUPLICATE_ROW',
      ]),
    ).toEqual([2, 2, 2, 1, 2, 3, undefined]);
    // the examples as the JS reader shows them: controls escaped, the first and last conflicting deal ids in file order
    expect([rejects.issues.get('CONTROL_CHARACTER')?.first, rejects.issues.get('CONTROL_CHARACTER')?.last]).toEqual([
      'A\\u0001nn',
      'S\\u0002MB',
    ]);
    expect(cross.get('DEAL_CONFLICT')).toEqual({
      rows: 3,
      first: { file: 0, index: 22, value: 'D1' },
      last: { file: 0, index: 27, value: 'D2' },
    });
  });

  it('rows of empty cells only are blank lines to the JS reader (skipped, not rejected, not hashed); repeated ragged rows are duplicates', async () => {
    const csv = [
      'Date,Rep,Amount',
      '2026-01-05,Ann,10',
      ',,', // every cell empty: skipped
      ',', // fewer cells, all empty: skipped, not ragged
      '"",,""', // quoted empties: skipped
      ',,,,', // more cells, all empty: skipped
      ',,', // a second one: not a duplicate
      ' ,,', // a space is a value: REQUIRED_BLANK ×2 (date, amount)
      '2026-01-06,Bob', // ragged
      '2026-01-06,Bob', // ragged and a duplicate
      '2026-01-07,Bob,20',
    ].join('\r\n');
    const { rejects } = await parity(writeTmp('blank-rows.csv', `${csv}\r\n`));
    // by hand: 2 accepted, 3 rejected (the spaced row and two ragged), 5 blank rows skipped
    expect([rejects.accepted, rejects.rejected, rejects.excluded]).toEqual([2, 3, 0]);
    expect(Object.fromEntries([...rejects.issues].map(([k, v]) => [k, v.rows]))).toEqual({
      REQUIRED_BLANK: 2,
      ROW_RAGGED: 2,
      DUPLICATE_ROW: 1,
    });
  });

  it('day-first dates, decimal comma and semicolons, German status words', async () => {
    const csv = [
      'Datum;Verkäufer;Kunde;Status;Betrag;Region',
      '05/01/2026;Ann;C1;gewonnen;1234,50;Nord',
      '13/02/2026;Bob;C2;verloren;99,9;Süd',
      '1/3/26;Ann;C2;Gewonnen;0,01;Nord',
      '31/02/2026;Ann;C2;gewonnen;5;Nord',
      '28/02/2026;Bob;C1;erstattet;12,5;Süd',
      '30/04/2026;Bob;C3;gewonnen;1,5e3;Süd',
    ].join('\r\n');
    const path = writeTmp('de.csv', `${csv}\r\n`);
    const f = await planOf(path);
    expect([f.plan.dateOrder, f.plan.decimal, f.delimiter]).toEqual(['dmy', ',', ';']);
    // 1,5e3 is an exponent the JS reader reads: in the sample the file is refused; beyond it (the sample is the first 4,096-row batch), the row is counted as NOT_EXPRESSIBLE
    expect(duckDbCsvSource(f).ok).toBe(false);
    const filler = Array.from({ length: 4200 }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}/05/2026;Ann;C9;gewonnen;1;Nord`);
    const long = writeTmp(
      'de-long.csv',
      `${[...csv.split('\r\n').slice(0, -1), ...filler, '30/04/2026;Bob;C3;gewonnen;1,5e3;Süd'].join('\r\n')}\r\n`,
    );
    const short = await planOf(long, { ...OPTS, sampleRows: 2 });
    const loaded = await loadCsvSource(conn, short);
    expect(loaded.ok && [loaded.rejects.unsure, loaded.rejects.issues.get('NOT_EXPRESSIBLE')?.first]).toEqual([1, '1,5e3']);
    const path2 = writeTmp('de2.csv', `${csv.split('\r\n').slice(0, -1).join('\r\n')}\r\n`);
    const { js, rejects } = await parity(path2);
    expect(rejects.issues.get('DATE_INVALID')?.rows).toBe(1);
    expect(js.records.map((r) => isoDate(r.date))).toEqual(['2026-01-05', '2026-02-13', '2026-03-01', '2026-02-28']);
    await expectSameReport(
      js.records,
      ['region'],
      { grain: 'quarter', fiscalStart: 1 },
      { customer: true, createdDate: false, quantity: false, status: true },
      rejects.amountScale,
      0,
    );
  });

  it('month-first dates, a cost column (profit = amount − cost) and ragged rows', async () => {
    const csv = [
      'Order Date,Rep,Sales,Cost,Status',
      '12/31/2025,Ann,100.5,40,won',
      '01/15/2026,Bob,80,100.25,refund',
      '02/01/2026,Ann,10',
      '02/02/2026,Ann,10,1,won,extra',
      '02/03/2026,Ann,10,,won',
    ].join('\n');
    const path = writeTmp('us.csv', `${csv}\n`);
    const { js, rejects, plan } = await parity(path);
    expect(plan.plan.dateOrder).toBe('mdy');
    expect(rejects.issues.get('ROW_RAGGED')?.rows).toBe(2);
    const profit = await conn.query(`SELECT CAST(profit AS VARCHAR) AS p FROM sales ORDER BY "date"`);
    expect(profit.map((r) => r.p)).toEqual(['60.50', '20.25', null]);
    await expectSameReport(
      js.records,
      ['rep'],
      { grain: 'month', fiscalStart: 1 },
      { customer: false, createdDate: false, quantity: false, status: true, profit: true },
      rejects.amountScale,
      0,
    );
  });

  it('amounts past the fast DECIMAL(18, 6) path: many decimals, leading zeros, the money limit to the cent', async () => {
    const amounts = [
      '9999999999999.994',
      '9999999999999.995',
      '-9999999999999.99',
      '0.12345678',
      '000000000000001.5',
      '123456789012.123456',
      '1234567890123.1234567',
      '10000000000000',
      '1.000000000000000000001',
      '+.5',
      '7.',
    ];
    const csv = ['Date,Rep,Amount', ...amounts.map((a, i) => `2026-01-${String(i + 1).padStart(2, '0')},Ann,${a}`)].join('\n');
    const { js, rejects } = await parity(writeTmp('big.csv', `${csv}\n`));
    // by hand: .995 rounds past the limit, 10^13 is past it, 21 decimals are more than 20
    expect(rejects.issues.get('AMOUNT_OUT_OF_RANGE')?.rows).toBe(3);
    expect(rejects.amountScale).toBe(8);
    expect(js.records.length).toBe(8);
  });

  it('what SQL cannot read exactly is refused with the reason', async () => {
    const reason = async (name: string, content: string | Uint8Array) => {
      const p = await planCsvFile(writeTmp(name, content), { asOf: AS_OF });
      if (!p.ok) return p.reason.code;
      const s = duckDbCsvSource(p.file);
      return s.ok ? 'ok' : `${s.reason.code} ${JSON.stringify(s.reason.msg.params.why ?? s.reason.msg.params.encoding ?? '')}`;
    };
    expect(await reason('wan.csv', '日期,销售,金额\n2026-01-05,张三,1.5万\n')).toBe('CSVSRC_VALUE {"id":"CSVSRC_WHY_WAN","params":{}}');
    expect(await reason('acct.csv', 'Date,Rep,Amount\n2026-01-05,Ann,(1234.56)\n')).toBe(
      'CSVSRC_VALUE {"id":"CSVSRC_WHY_ACCOUNTING","params":{}}',
    );
    expect(await reason('cur.csv', 'Date,Rep,Amount\n2026-01-05,Ann,$12.50\n')).toBe(
      'CSVSRC_VALUE {"id":"CSVSRC_WHY_CURRENCY","params":{}}',
    );
    expect(await reason('grp.csv', 'Date,Rep,Amount\n2026-01-05,Ann,"1,234.50"\n')).toBe(
      'CSVSRC_VALUE {"id":"CSVSRC_WHY_GROUPING","params":{}}',
    );
    expect(await reason('time.csv', 'Date,Rep,Amount\n2026-01-05 10:00,Ann,12\n')).toBe(
      'CSVSRC_VALUE {"id":"CSVSRC_WHY_DATE","params":{}}',
    );
    expect(
      await reason('gbk.csv', encodeGbk('日期,销售代表,客户,金额\n2026-01-05,张三,北京客户公司,100\n2026-01-06,李四,上海客户公司,200\n')),
    ).toBe('CSVSRC_ENCODING "gb18030"');
    expect(await reason('wb.xlsx', 'x')).toBe('CSVSRC_XLSX');
    // full-width letters: NFKC makes them "won" in the JS reader; SQL has no NFKC
    expect(await reason('fw.csv', 'Date,Rep,Status,Amount\n2026-01-05,Ann,Ｗｏｎ,12\n')).toBe(
      'CSVSRC_VALUE {"id":"CSVSRC_WHY_STATUS","params":{}}',
    );
    expect(await reason('plain.csv', 'Date,Rep,Amount\n2026-01-05,Ann,12\n')).toBe('ok');
  });

  it('the SQL forms agree with the JS parsers on what they accept', () => {
    expect(['2026-01-05', '2026/1/5', '05.01.2026', '20260105', '5/1/26'].map(dateForm)).toEqual([
      'parsed',
      'parsed',
      'parsed',
      'parsed',
      'parsed',
    ]);
    expect(['n/a', '2026-01-05T10:00', 'Jan 5, 2026', '', '2026-01/05'].map(dateForm)).toEqual([
      'invalid',
      'unsure',
      'unsure',
      'blank',
      'invalid',
    ]);
    expect(['12', '-1.5', '.5', '5.', '+3', 'abc', '1,234.5', '1e3'].map((t) => numberForm(t, '.'))).toEqual([
      'parsed',
      'parsed',
      'parsed',
      'parsed',
      'parsed',
      'invalid',
      'unsure',
      'unsure',
    ]);
  });

  it('property: random small raw CSVs give the JS reader’s records, counts and report', async () => {
    const dir = tmp();
    const cell = fc.record({
      day: fc.integer({ min: 0, max: 700 }), // past 2026-12-31 (the as-of date): FUTURE_DATE
      form: fc.constantFrom('iso', 'iso', 'slash', 'bad', 'blank', 'old'),
      cents: fc.integer({ min: -5000, max: 200_000 }),
      dec: fc.constantFrom(0, 1, 2, 4), // 3 decimals behind 1–3 digits (1.234) is ambiguous: the JS reader stops with DECIMAL_AMBIGUOUS
      amountForm: fc.constantFrom('ok', 'ok', 'ok', 'blank', 'bad'),
      status: fc.constantFrom('Won', 'won', 'Closed Won', 'Lost', 'Open', 'Refund', '成交', 'bogus', ''),
      rep: fc.constantFrom('Ann', 'Bob', ' Cyd ', '', 'A\u0001n'),
      deal: fc.constantFrom('D1', 'D2', 'D3', ''), // repeated deal ids: DEAL_CONFLICT
      customer: fc.constantFrom('C1', 'C2', 'C3', ''),
    });
    let k = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 25 }), async (rows) => {
        const d0 = daysFromCivil(2025, 6, 1);
        const lines = ['Date,Rep,Customer,Status,Amount,Deal'];
        for (const r of rows) {
          const iso = isoDate(d0 + r.day);
          const date =
            r.form === 'iso'
              ? iso
              : r.form === 'slash'
                ? iso.replace(/-/g, '/')
                : r.form === 'bad'
                  ? '2025-02-30'
                  : r.form === 'old'
                    ? '1901-01-01'
                    : '';
          const v = r.cents / 10 ** r.dec;
          const amount = r.amountForm === 'ok' ? v.toFixed(r.dec) : r.amountForm === 'bad' ? 'n/a' : '';
          lines.push([date, r.rep, r.customer, r.status, amount, r.deal].join(','));
        }
        // a first row that decides nothing odd: the plan comes from the sample, as in the JS reader
        const path = writeTmp(`p${k++}.csv`, `${lines.join('\n')}\n`, dir);
        const { js, rejects } = await parity(path);
        if (js.records.length)
          await expectSameReport(
            js.records,
            ['rep'],
            { grain: 'month', fiscalStart: 1 },
            { customer: true, createdDate: false, quantity: false, status: true },
            rejects.amountScale,
            0,
          );
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});

void ({} as CsvFilePlan);
