/**
 * `salesperf sql [FILES] --dialect D --table T`: the report's KPIs as one SQL query over the
 * canonical table (src/sql/compile.ts), with report's --by, --grain, --fiscal-start, --period,
 * --from/--to, --kpis and --as-of. With files, they are read once to learn which optional columns
 * exist and the amount/quantity decimals (what `salesperf export` writes for them); without files,
 * --columns names the optional columns and amounts are taken at 2 decimals.
 */
import { msg, didYouMeanOf } from '../core/message-catalog.js';
import { usageError } from '../errors.js';
import { calendarOf, periodRange } from '../app/analyse.js';
import { KPI_BY_ID, KPI_IDS } from '../kpi/index.js';
import type { Has } from '../kpi/types.js';
import { newRun, readRecords } from '../ingest/read.js';
import { noDataRows } from '../ingest/checks.js';
import { compileReport, compiledKpis, type SqlReportRequest } from '../sql/compile.js';
import { type DialectName, dialectOf } from '../sql/dialect.js';
import { clickhouse, compileClickHouseReport } from '../sql/clickhouse.js';
import { type IngestFlags, toIngestOptions } from './ingest-options.js';
import type { CliIO } from './io.js';

export interface SqlFlags extends IngestFlags {
  dialect?: string;
  table?: string;
  columns?: string;
  by?: string;
  grain?: string;
  fiscalStart?: string;
  period?: string;
  from?: string;
  to?: string;
  kpis?: string;
  targets?: string;
  spend?: string;
  spendAcquired?: boolean;
  quiet?: boolean;
  lang?: string;
}

const OPTIONAL_COLUMNS = ['customer', 'created_date', 'quantity', 'profit'] as const;

function hasFromColumns(text: string): Has {
  const cols =
    text.trim() === '-'
      ? []
      : text
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  for (const c of cols)
    if (!(OPTIONAL_COLUMNS as readonly string[]).includes(c))
      throw usageError(
        'FLAG_COLUMNS',
        msg('SQL_COLUMNS_UNKNOWN', { value: JSON.stringify(c), suggest: didYouMeanOf(c, OPTIONAL_COLUMNS) }),
      );
  return {
    customer: cols.includes('customer'),
    createdDate: cols.includes('created_date'),
    quantity: cols.includes('quantity'),
    status: true,
    profit: cols.includes('profit'),
  };
}

export async function sqlCommand(files: string[], flags: SqlFlags, io: CliIO): Promise<number> {
  // ClickHouse 18.16 cannot run the shared query shape: src/sql/clickhouse.ts writes its own (docs/clickhouse.md)
  const isClickHouse = flags.dialect === 'clickhouse';
  const dialect = isClickHouse ? clickhouse : dialectOf(flags.dialect as DialectName);
  const calendar = calendarOf({ grain: flags.grain ?? 'month', fiscalStart: flags.fiscalStart });
  const { from, to } = periodRange(flags, calendar);
  const dims = (flags.by ?? 'rep')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  let has: Has;
  let amountScale = 2;
  let quantityScale = 0;
  let asOf: number | null = null;
  if (files.length) {
    if (flags.columns !== undefined) throw usageError('FLAG_COLUMNS', msg('SQL_COLUMNS_WITH_FILES'));
    const { options } = toIngestOptions(flags);
    asOf = flags.asOf !== undefined ? (options.asOf ?? null) : null;
    const run = newRun();
    has = { customer: false, createdDate: false, quantity: false, status: true, profit: false };
    for await (const batch of readRecords(files, options, run)) {
      for (const r of batch) {
        if (r.scale > amountScale) amountScale = r.scale;
        if (r.customer !== null) has.customer = true;
        if (r.createdDate !== null) has.createdDate = true;
        if (r.quantity) {
          has.quantity = true;
          if (r.quantity.scale > quantityScale) quantityScale = r.quantity.scale;
        }
      }
    }
    noDataRows(run.files, run.log);
  } else {
    if (flags.columns === undefined) throw usageError('FLAG_COLUMNS', msg('SQL_COLUMNS_NEEDED'));
    has = hasFromColumns(flags.columns);
    if (flags.asOf !== undefined) asOf = toIngestOptions(flags).options.asOf ?? null;
  }
  // side tables already at the report's grain, with the --by columns (none: for the totals only)
  const sides = {
    ...(flags.targets ? { targets: { table: flags.targets, byGroup: dims.length > 0 } } : {}),
    ...(flags.spend ? { spend: { table: flags.spend, byGroup: dims.length > 0, acquired: Boolean(flags.spendAcquired) } } : {}),
  };
  if (flags.spendAcquired && !flags.spend) throw usageError('FLAG_SPEND', msg('SQL_SPEND_ACQUIRED'));
  let kpis: string[] | undefined;
  if (flags.kpis) {
    kpis = flags.kpis
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const avail = compiledKpis({ table: '', dims, calendar, has, amountScale, ...sides }).defs.map((k) => k.id);
    for (const k of kpis) {
      if (!KPI_IDS.includes(k))
        throw usageError(
          'FLAG_KPIS',
          msg('FLAG_KPIS_UNKNOWN', { kpi: JSON.stringify(k), suggest: didYouMeanOf(k, KPI_IDS) || msg('FLAG_KPIS_LIST') }),
        );
      if (!avail.includes(k))
        throw usageError('FLAG_KPIS', msg('FLAG_KPIS_NEEDS', { kpi: k, needs: KPI_BY_ID.get(k)!.needs ?? msg('MORE_DATA') }));
    }
  }
  const req: SqlReportRequest = {
    table: flags.table!,
    dims,
    calendar,
    has,
    amountScale,
    quantityScale,
    from,
    to,
    asOf,
    ...sides,
    ...(kpis ? { kpis } : {}),
  };
  const compiled = isClickHouse ? compileClickHouseReport(req) : compileReport(dialect, req);
  if (!compiled.kpis.length) throw usageError('SQL_NO_KPIS', msg('SQL_NO_KPIS'));
  io.stdout(`-- salesperf sql --dialect ${dialect.name}: ${compiled.kpis.join(', ')}\n${compiled.sql.trimEnd()};\n`);
  return 0;
}
