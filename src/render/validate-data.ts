/**
 * `salesperf validate` as data for the file formats: one row per issue example (file, row, column,
 * code, severity, message, value) for CSV, XLSX and Markdown, and files that could not be validated
 * as rows of their own. Messages in the run's language; codes and severities stay as they are
 * (stable values for scripts). Pure; deterministic (the issues come sorted by code and row).
 */
import { type Lang, type Msg, renderMsg } from '../core/message-catalog.js';
import { issueMeaning } from '../ingest/issues.js';
import type { ValidateOutput } from '../schema/validate-output.js';
import { csvLine } from './csv-text.js';
import { mdText } from './report-markdown.js';
import { validateSummary } from './validate-text.js';

export interface ValidateIssueRow {
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  value: string | null;
}

export const VALIDATE_CSV_HEADER = ['file', 'row', 'column', 'code', 'severity', 'message', 'value'] as const;

const text = (m: { message: string; msg?: Msg }, lang: Lang) => renderMsg(m.msg ?? m.message, lang);

/** Every issue example (as many per code as --examples), then every file that could not be validated. */
export function* validateIssueRows(r: ValidateOutput, examples: number, lang: Lang): Generator<ValidateIssueRow> {
  for (const s of r.issues) {
    for (const e of s.examples.slice(0, examples)) {
      yield {
        file: e.file,
        sheet: e.sheet ?? null,
        row: e.row > 0 ? e.row : null,
        column: e.column ?? null,
        code: e.code,
        severity: e.severity,
        message: text(e, lang),
        value: e.value ?? null,
      };
    }
  }
  for (const u of r.unreadable ?? [])
    yield { file: u.file, sheet: null, row: null, column: null, code: u.code, severity: 'error', message: text(u, lang), value: null };
}

/** CSV: a header, then one row per issue; formula-looking text is guarded as in the report's CSV. */
export function validateCsv(r: ValidateOutput, examples: number, lang: Lang): string {
  let out = csvLine(VALIDATE_CSV_HEADER);
  for (const i of validateIssueRows(r, examples, lang))
    out += csvLine([i.sheet ? `${i.file} [${i.sheet}]` : i.file, i.row, i.column, i.code, i.severity, i.message, i.value]);
  return out;
}

const HEADS = {
  en: {
    counts: ['Code', 'Severity', 'Count', 'Meaning'],
    issues: ['File', 'Row', 'Column', 'Code', 'Severity', 'Message', 'Value'],
    title: 'Validation',
  },
  zh: { counts: ['代码', '级别', '次数', '含义'], issues: ['文件', '行', '列', '代码', '级别', '说明', '值'], title: '校验' },
};

/** Markdown: the summary line, issue counts by code, then one table row per issue (data text escaped as the report's). */
export function validateMarkdown(r: ValidateOutput, examples: number, lang: Lang): string {
  const h = HEADS[lang];
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = [`# ${h.title}`, '', mdText(validateSummary(r, lang)), ''];
  if (r.issues.length) {
    out.push(row(h.counts), row(['---', '---', '---:', '---']));
    for (const s of r.issues) out.push(row([s.code, s.severity, s.count.toLocaleString('en-US'), mdText(issueMeaning(s.code, lang))]));
    out.push('');
  }
  const rows = [...validateIssueRows(r, examples, lang)];
  if (rows.length) {
    out.push(row(h.issues), row(['---', '---:', '---', '---', '---', '---', '---']));
    for (const i of rows)
      out.push(
        row([
          mdText(i.sheet ? `${i.file} [${i.sheet}]` : i.file),
          i.row === null ? '' : String(i.row),
          mdText(i.column ?? ''),
          i.code,
          i.severity,
          mdText(i.message),
          mdText(i.value ?? ''),
        ]),
      );
    out.push('');
  }
  return out.join('\n');
}
