/**
 * Workbooks for report, scorecard and payout (exceljs): a Summary sheet
 * (inputs, mapping, periods, data-quality counts), one sheet per result table,
 * and an Issues sheet with every rejected row. Real number cells with number
 * formats, frozen header, autofilter, fitted widths, conditional formatting on
 * attainment and score bands. Text is always a text cell, never a formula.
 */
import { renderMsg } from '../core/message-catalog.js';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { dimLabel } from '../core/format.js';
import { KPI_BY_ID, type KpiUnit } from '../engine/kpis.js';
import type { TargetFlag } from '../engine/target-check.js';
import { type Issue, issueText } from '../ingest/issues.js';
import type { IngestRun } from '../ingest/read.js';
import type { ScorecardConfig } from '../schema/scorecard.js';
import { type ScorecardResult, sorted, weightsUsed } from './scorecard.js';

export type ColumnType = 'text' | KpiUnit;

export interface Column {
  header: string;
  key: string;
  type: ColumnType;
}

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/** Printed (or converted to PDF): landscape A4, one page wide, as many pages tall as needed. */
const PAGE: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

function numFmt(type: ColumnType, currency: string): string | undefined {
  switch (type) {
    case 'money':
      return currency ? `"${currency.replace(/"/g, '')}"#,##0.00;-"${currency.replace(/"/g, '')}"#,##0.00` : '#,##0.00';
    case 'ratio':
      return '0.0%';
    case 'count':
      return '#,##0';
    case 'days':
      return '0.0';
    default:
      return undefined;
  }
}

function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return w;
}

/**
 * A sheet holding one table. With `stream` (a WorkbookWriter's sheet) each row
 * is committed as soon as it is written, so the sheet never holds its rows:
 * the widths (from the first 2,000 rows) and the header style are set first.
 */
/** Rows given by index: an array, or rows made one at a time (a streamed report never holds them all). */
export interface TableRows {
  readonly length: number;
  at(i: number): Record<string, unknown> | undefined;
}

export function addTable(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Column[],
  rows: TableRows,
  o: { currency: string; highlight?: { key: string; kind: 'attainment' | 'score' }[]; stream?: boolean },
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: PAGE });
  ws.pageSetup.printTitlesRow = '1:1';
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key }));
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = columnWidth(c, rows, o.currency);
  });
  ws.getRow(1).font = { bold: true };
  if (o.stream) ws.getRow(1).commit();
  const fmts = columns.map((c) => numFmt(c.type, o.currency));
  for (let k = 0; k < rows.length; k++) {
    const r = rows.at(k)!;
    const row = ws.addRow(
      columns.map((c) => {
        const v = r[c.key];
        if (v === null || v === undefined) return null;
        return c.type === 'text' ? String(v) : typeof v === 'number' ? v : String(v);
      }),
    );
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const f = fmts[i];
      if (f && typeof cell.value === 'number') cell.numFmt = f;
      if (c.type === 'text' && typeof cell.value === 'string' && /^[=+\-@]/.test(cell.value)) cell.numFmt = '@';
    });
    if (o.stream) row.commit();
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  for (const h of o.highlight ?? []) {
    const idx = columns.findIndex((c) => c.key === h.key);
    if (idx < 0 || rows.length === 0) continue;
    const col = ws.getColumn(idx + 1).letter;
    ws.addConditionalFormatting({ ref: `${col}2:${col}${rows.length + 1}`, rules: bandRules(h.kind) });
  }
  if (o.stream) ws.commit();
  return ws;
}

/** A column's width: its header's or its widest value's as shown (of the first 2,000 rows), from 8 to 60 characters. */
function columnWidth(c: Column, rows: TableRows, currency: string): number {
  let w = textWidth(c.header);
  const n = Math.min(rows.length, 2000);
  for (let k = 0; k < n; k++) {
    const v = rows.at(k)![c.key];
    if (v === null || v === undefined) continue;
    const t =
      typeof v === 'number'
        ? c.type === 'money'
          ? `${currency}${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
          : c.type === 'ratio'
            ? `${(v * 100).toFixed(1)}%`
            : v.toLocaleString('en-US')
        : String(v);
    w = Math.max(w, textWidth(t));
  }
  return Math.min(60, Math.max(8, w) + 2);
}

/** Green / amber / red fills for an attainment (from 100% / 80%) or a score (from 90 / 60) column. */
function bandRules(kind: 'attainment' | 'score'): ExcelJS.ConditionalFormattingRule[] {
  const [hi, mid] = kind === 'attainment' ? [1, 0.8] : [90, 60];
  const eps = kind === 'attainment' ? 1e-9 : 1e-6;
  const fill = (bg: string, fg: string) => ({
    fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: bg } },
    font: { color: { argb: fg } },
  });
  return [
    { type: 'cellIs', operator: 'greaterThan', formulae: [hi - eps], priority: 1, style: fill('FFC6EFCE', 'FF006100') },
    { type: 'cellIs', operator: 'between', formulae: [mid, hi - eps], priority: 2, style: fill('FFFFEB9C', 'FF9C5700') },
    { type: 'cellIs', operator: 'lessThan', formulae: [mid], priority: 3, style: fill('FFFFC7CE', 'FF9C0006') },
  ];
}

export interface SummaryInfo {
  title: string;
  lines: [string, string | number | null][];
}

function addSummary(wb: ExcelJS.Workbook, run: IngestRun | null, info: SummaryInfo, zh: boolean, stream = false): void {
  const ws = wb.addWorksheet(zh ? '摘要' : 'Summary', { pageSetup: PAGE });
  ws.getColumn(1).width = 40;
  ws.getColumn(2).width = 16;
  for (const c of [3, 4, 5]) ws.getColumn(c).width = 10;
  ws.getColumn(6).width = 80;
  const add = (values: unknown[], bold?: { size?: number }) => {
    const row = ws.addRow(values);
    if (bold) row.font = { bold: true, ...bold };
    // long notes wrap inside columns B–F instead of running off the page
    const v = values[1];
    if (typeof v === 'string' && v.length > 16 && (values[2] === undefined || values[2] === null)) {
      ws.mergeCells(row.number, 2, row.number, 6);
      row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
      row.getCell(1).alignment = { vertical: 'top' };
      row.height = 15 * Math.ceil(v.length / 120);
    }
    if (stream) row.commit();
  };
  add([info.title], { size: 14 });
  add([]);
  for (const [k, v] of info.lines) add([k, v]);
  if (run) {
    add([]);
    add(
      [
        zh ? '输入文件' : 'Inputs',
        zh ? '读取行' : 'Rows read',
        zh ? '接受' : 'Accepted',
        zh ? '拒绝' : 'Rejected',
        zh ? '排除' : 'Excluded',
        zh ? '字段映射' : 'Mapping',
      ],
      {},
    );
    for (const f of run.files) {
      add([
        f.file + (f.sheet ? ` [${f.sheet}]` : ''),
        f.rowsRead,
        f.accepted,
        f.rejected,
        f.excluded,
        Object.entries(f.mapping)
          .map(([k, h]) => `${k} ← ${h}`)
          .join('; '),
      ]);
    }
    add([]);
    add([zh ? '数据问题' : 'Data quality', zh ? '级别' : 'Severity', zh ? '次数' : 'Count'], {});
    for (const s of run.log.summary()) add([s.code, s.severity, s.count]);
  }
  if (stream) ws.commit();
}

function addIssues(wb: ExcelJS.Workbook, rejected: Issue[], zh: boolean, currency: string, stream = false): void {
  addTable(
    wb,
    zh ? '问题' : 'Issues',
    [
      { header: zh ? '文件' : 'File', key: 'file', type: 'text' },
      { header: zh ? '工作表' : 'Sheet', key: 'sheet', type: 'text' },
      { header: zh ? '行' : 'Row', key: 'row', type: 'count' },
      { header: zh ? '列' : 'Column', key: 'column', type: 'text' },
      { header: zh ? '级别' : 'Severity', key: 'severity', type: 'text' },
      { header: zh ? '代码' : 'Code', key: 'code', type: 'text' },
      { header: zh ? '值' : 'Value', key: 'value', type: 'text' },
      { header: zh ? '说明' : 'Message', key: 'message', type: 'text' },
    ],
    (zh ? rejected.map((i) => ({ ...i, message: issueText(i, 'zh') })) : rejected) as unknown as Record<string, unknown>[],
    { currency, stream },
  );
}

function newBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'salesperf';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

/**
 * A workbook whose sheets are zipped as they are written (exceljs's streaming
 * WorkbookWriter): memory holds the compressed bytes, not a cell object per value.
 */
function newStreamBook(): { wb: ExcelJS.stream.xlsx.WorkbookWriter; done: () => Promise<Uint8Array> } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = 'salesperf';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return {
    wb,
    done: async () => {
      await wb.commit();
      if (!sink.writableFinished) await new Promise<void>((r) => sink.once('finish', () => r()));
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}

async function bytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function kpiColumns(kpis: string[], zh: boolean): Column[] {
  return kpis.map((k) => ({ header: zh ? KPI_BY_ID.get(k)!.labelZh : KPI_BY_ID.get(k)!.label, key: k, type: KPI_BY_ID.get(k)!.unit }));
}

export async function reportWorkbook(o: {
  rows: TableRows;
  totals: Record<string, unknown>[];
  dims: string[];
  kpis: string[];
  run: IngestRun;
  rejected: Issue[];
  summary: SummaryInfo;
  lang: 'en' | 'zh';
  currency: string;
}): Promise<Uint8Array> {
  const zh = o.lang === 'zh';
  const { wb, done } = newStreamBook();
  addSummary(wb, o.run, o.summary, zh, true);
  const cols: Column[] = [
    ...o.dims.map((d) => ({ header: dimLabel(d, o.lang), key: d, type: 'text' as const })),
    { header: zh ? '期间' : 'Period', key: 'period', type: 'text' },
    ...kpiColumns(o.kpis, zh),
  ];
  const hl = o.kpis.filter((k) => k === 'attainment' || k === 'pace').map((k) => ({ key: k, kind: 'attainment' as const }));
  addTable(wb, zh ? '报表' : 'Report', cols, o.rows, { currency: o.currency, highlight: hl, stream: true });
  addTable(
    wb,
    zh ? '合计' : 'Totals',
    [{ header: zh ? '期间' : 'Period', key: 'period', type: 'text' }, ...kpiColumns(o.kpis, zh)],
    o.totals,
    { currency: o.currency, highlight: hl, stream: true },
  );
  addIssues(wb, o.rejected, zh, o.currency, true);
  return done();
}

export async function scorecardWorkbook(
  r: ScorecardResult,
  o: {
    period: string;
    dims: string[];
    config: ScorecardConfig;
    flags: TargetFlag[];
    run: IngestRun;
    lang: 'en' | 'zh';
    currency: string;
    rejected?: Issue[];
  },
): Promise<Uint8Array> {
  const zh = o.lang === 'zh';
  const wb = newBook();
  addSummary(wb, o.run, scorecardSummary(r, o.period, zh), zh);
  addTable(wb, zh ? '评分卡' : 'Scorecard', scorecardColumns(r, o.dims, o.lang), scorecardRows(r, o.dims), {
    currency: o.currency,
    highlight: [
      { key: 'score', kind: 'score' },
      ...r.kpis.filter((k) => k.scoring.method === 'attainment').map((k) => ({ key: `${k.kpi}_attainment`, kind: 'attainment' as const })),
    ],
  });
  if (o.flags.length) {
    addTable(
      wb,
      zh ? '目标检查' : 'Target checks',
      [
        ...o.dims.map((d) => ({ header: d, key: d, type: 'text' as const })),
        { header: zh ? '期间' : 'Period', key: 'period', type: 'text' },
        { header: zh ? '目标' : 'Target', key: 'target', type: 'money' },
        { header: zh ? '前期平均' : 'Trailing average', key: 'trailingAverage', type: 'money' },
        { header: zh ? '倍数' : 'Ratio', key: 'ratio', type: 'ratio' },
        { header: zh ? '去年同期' : 'Last year', key: 'lastYear', type: 'money' },
        { header: zh ? '判断' : 'Flag', key: 'direction', type: 'text' },
      ],
      o.flags.map((f) => ({ ...Object.fromEntries(o.dims.map((d, i) => [d, f.dims[i]])), ...f })),
      { currency: o.currency },
    );
  }
  addIssues(wb, o.rejected ?? [], zh, o.currency);
  return bytes(wb);
}

/** The scorecard's Summary: the period, each KPI's weight (as used and as configured) and scoring, and the notes. */
function scorecardSummary(r: ScorecardResult, period: string, zh: boolean): SummaryInfo {
  const weights = weightsUsed(r);
  const kpiLines = r.kpis.map((k, i): [string, string] => [
    zh ? KPI_BY_ID.get(k.kpi)!.labelZh : KPI_BY_ID.get(k.kpi)!.label,
    `${weights[i]} (${weights[i] !== k.weight ? `${zh ? '配置' : 'configured'} ${k.weight}, ` : ''}${k.scoring.method}${k.scoring.method === 'attainment' ? `, cap ${k.scoring.cap}` : ''})`,
  ]);
  const notes = (zh ? r.noteMsgs.map((m) => renderMsg(m, 'zh')) : r.notes).map((n): [string, string] => [zh ? '说明' : 'Note', n]);
  return { title: zh ? `评分卡 ${period}` : `Scorecard ${period}`, lines: [[zh ? '期间' : 'Period', period], ...kpiLines, ...notes] };
}

/** Rank, the dimensions, score and band, then per KPI its value (target and attainment when scored by attainment), sub-score and points; feedback last. */
function scorecardColumns(r: ScorecardResult, dims: string[], lang: 'en' | 'zh'): Column[] {
  const zh = lang === 'zh';
  const cols: Column[] = [
    { header: zh ? '排名' : 'Rank', key: 'rank', type: 'count' },
    ...dims.map((d) => ({ header: dimLabel(d, lang), key: d, type: 'text' as const })),
    { header: zh ? '得分' : 'Score', key: 'score', type: 'days' },
    { header: zh ? '等级' : 'Band', key: 'band', type: 'text' },
  ];
  for (const k of r.kpis) {
    const def = KPI_BY_ID.get(k.kpi)!;
    const name = zh ? def.labelZh : def.label;
    cols.push({ header: name, key: `${k.kpi}`, type: def.unit });
    if (k.scoring.method === 'attainment') {
      cols.push({ header: `${name} ${zh ? '目标' : 'target'}`, key: `${k.kpi}_target`, type: def.unit });
      cols.push({ header: `${name} ${zh ? '达成' : 'attainment'}`, key: `${k.kpi}_attainment`, type: 'ratio' });
    }
    cols.push({ header: `${name} ${zh ? '分' : 'score'}`, key: `${k.kpi}_score`, type: 'days' });
    cols.push({ header: `${name} ${zh ? '加权分' : 'points'}`, key: `${k.kpi}_points`, type: 'days' });
  }
  cols.push({ header: zh ? '反馈' : 'Feedback', key: 'feedback', type: 'text' });
  return cols;
}

/** One row per scored group, in rank order, keyed as scorecardColumns names them. */
function scorecardRows(r: ScorecardResult, dims: string[]): Record<string, unknown>[] {
  return sorted(r).map((row) => {
    const o2: Record<string, unknown> = { rank: row.rank, score: row.total, band: row.band, feedback: row.feedback };
    dims.forEach((d, i) => (o2[d] = row.dims[i]));
    for (const l of row.lines) {
      o2[l.kpi] = l.value;
      o2[`${l.kpi}_target`] = l.target;
      o2[`${l.kpi}_attainment`] = l.attainment;
      o2[`${l.kpi}_score`] = l.subScore;
      o2[`${l.kpi}_points`] = l.points;
    }
    return o2;
  });
}

/** The Statements sheet's columns: [English header, Chinese header, key, type]. */
const STATEMENT_COLUMNS: [string, string, string, ColumnType][] = [
  ['Rep', '业务员', 'rep', 'text'],
  ['Period', '期间', 'period', 'text'],
  ['Credited', '计入业绩', 'credited', 'money'],
  ['Target', '目标', 'target', 'money'],
  ['Attainment', '达成率', 'attainment', 'ratio'],
  ['Component', '项目', 'component', 'text'],
  ['Label', '说明', 'label', 'text'],
  ['Basis', '基数', 'basis', 'money'],
  ['Rate', '比例', 'rate', 'ratio'],
  ['Count', '数量', 'count', 'count'],
  ['Amount', '金额', 'amount', 'money'],
];

export async function payoutWorkbook(
  doc: import('./payout.js').PayoutDoc,
  o: { run: IngestRun; lang: 'en' | 'zh'; currency: string; rejected?: Issue[] },
): Promise<Uint8Array> {
  const zh = o.lang === 'zh';
  const wb = newBook();
  addSummary(
    wb,
    o.run,
    {
      title: zh ? `提成 ${doc.meta.plan}` : `Payout: ${doc.meta.plan}`,
      lines: [
        [zh ? '方案' : 'Plan', doc.meta.plan],
        [zh ? '总计' : 'Total payout', doc.totals.plan],
        ...(doc.meta.compare
          ? [
              [zh ? '对比方案' : 'Compared with', doc.meta.compare] as [string, string],
              [zh ? '对比总计' : 'Its total', doc.totals.compare] as [string, number | null],
            ]
          : []),
      ],
    },
    zh,
  );
  const columns = STATEMENT_COLUMNS.map(([en, cn, key, type]): Column => ({ header: zh ? cn : en, key, type }));
  addTable(wb, zh ? '提成明细' : 'Statements', columns, statementRows(doc, zh), {
    currency: o.currency,
    highlight: [{ key: 'attainment', kind: 'attainment' }],
  });
  if (doc.comparison) {
    addTable(
      wb,
      zh ? '方案对比' : 'Comparison',
      [
        { header: zh ? '业务员' : 'Rep', key: 'rep', type: 'text' },
        { header: doc.meta.plan, key: 'a', type: 'money' },
        { header: doc.meta.compare!, key: 'b', type: 'money' },
        { header: 'Δ', key: 'delta', type: 'money' },
      ],
      doc.comparison as unknown as Record<string, unknown>[],
      { currency: o.currency },
    );
  }
  addIssues(wb, o.rejected ?? [], zh, o.currency);
  return bytes(wb);
}

/** A row per statement line and a total row per statement. */
function statementRows(doc: import('./payout.js').PayoutDoc, zh: boolean): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const s of doc.statements) {
    for (const l of s.lines)
      lines.push({
        rep: s.rep,
        period: s.period,
        credited: s.credited,
        target: s.target,
        attainment: s.attainment,
        component: l.component,
        label: l.label,
        basis: l.basis,
        rate: l.rate,
        count: l.count,
        amount: l.amount,
      });
    lines.push({
      rep: s.rep,
      period: s.period,
      credited: s.credited,
      target: s.target,
      attainment: s.attainment,
      component: 'total',
      label: zh ? '合计' : 'total',
      amount: s.total,
    });
  }
  return lines;
}

/** `salesperf validate --format xlsx`: a Summary sheet (the summary line, the inputs, issue counts) and an Issues sheet, one row per issue. */
export async function validateWorkbook(o: {
  run: IngestRun;
  summary: string;
  rows: readonly import('../render/validate-data.js').ValidateIssueRow[];
  lang: 'en' | 'zh';
}): Promise<Uint8Array> {
  const zh = o.lang === 'zh';
  const wb = newBook();
  addSummary(wb, o.run, { title: zh ? '校验' : 'Validation', lines: [[zh ? '摘要' : 'Summary', o.summary]] }, zh);
  addTable(
    wb,
    zh ? '问题' : 'Issues',
    [
      { header: zh ? '文件' : 'File', key: 'file', type: 'text' },
      { header: zh ? '工作表' : 'Sheet', key: 'sheet', type: 'text' },
      { header: zh ? '行' : 'Row', key: 'row', type: 'count' },
      { header: zh ? '列' : 'Column', key: 'column', type: 'text' },
      { header: zh ? '代码' : 'Code', key: 'code', type: 'text' },
      { header: zh ? '级别' : 'Severity', key: 'severity', type: 'text' },
      { header: zh ? '说明' : 'Message', key: 'message', type: 'text' },
      { header: zh ? '值' : 'Value', key: 'value', type: 'text' },
    ],
    o.rows as unknown as Record<string, unknown>[],
    { currency: '' },
  );
  return bytes(wb);
}
