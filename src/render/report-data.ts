/** The report as plain data: the JSON document, CSV text. Pure. */
import type { EngineResult, ResultRow } from '../engine/aggregate.js';
import type { ReportDoc } from '../app/report-output.js';
import { csvLine } from './csv-text.js';
import { BufferedSink } from './table.js';

export { flatRow, reportSchema, type ReportDoc } from '../app/report-output.js';

export function reportJson(doc: ReportDoc): string {
  const parts: string[] = [];
  writeReportJson(
    doc,
    doc.rows.length,
    (i) => doc.rows[i]!,
    (t) => parts.push(t),
  );
  return parts.join('');
}

const indent = (json: string, by: string) => json.replace(/\n/g, `\n${by}`);

/**
 * The JSON document written piece by piece: byte-identical to
 * `JSON.stringify(doc, null, 2) + '\n'`, with the rows made one at a time by
 * `row(i)` (the document's own `rows` are ignored), so a million-row report
 * never exists as one string or one array of objects.
 */
export function writeReportJson(
  doc: ReportDoc,
  nRows: number,
  row: (i: number) => ReportDoc['rows'][number],
  sink: (text: string) => void,
): void {
  const buf = new BufferedSink(sink);
  const w = buf.write;
  w(`{\n  "meta": ${indent(JSON.stringify(doc.meta, null, 2), '  ')},\n  "rows": `);
  if (nRows === 0) w('[]');
  else {
    w('[\n');
    for (let i = 0; i < nRows; i++) w(`${i ? ',\n' : ''}    ${indent(JSON.stringify(row(i), null, 2), '    ')}`);
    w('\n  ]');
  }
  w(
    `,\n  "totals": ${indent(JSON.stringify(doc.totals, null, 2), '  ')},\n  "issues": ${indent(JSON.stringify(doc.issues, null, 2), '  ')}\n}\n`,
  );
  buf.flush();
}

/** RFC 4180 CSV: one row per group × period, then totals rows with every dimension `(total)`. */
export function reportCsv(result: EngineResult, kpis: string[], rows: readonly ResultRow[], totals: readonly ResultRow[]): string {
  const parts: string[] = [];
  writeReportCsv(result, kpis, rows, totals, (t) => parts.push(t));
  return parts.join('');
}

export function writeReportCsv(
  result: EngineResult,
  kpis: string[],
  rows: readonly ResultRow[],
  totals: readonly ResultRow[],
  sink: (text: string) => void,
): void {
  const dims = result.dimensions;
  const buf = new BufferedSink(sink);
  buf.write(csvLine(['period', ...dims, ...kpis]));
  const line = (r: ResultRow, total: boolean) =>
    csvLine([r.period, ...dims.map((_, i) => (total ? '(total)' : (r.dims[i] ?? ''))), ...kpis.map((k) => csvNumber(r.kpis[k] ?? null))]);
  for (const r of rows) buf.write(line(r, false));
  for (const r of totals) buf.write(line(r, true));
  buf.flush();
}

function csvNumber(v: number | null): string {
  return v === null ? '' : String(v);
}
