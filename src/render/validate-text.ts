/** Human text for `salesperf validate`: mapping, counts per file, issues grouped by code, summary last — in English or Chinese. */
import { type Lang, msg, type Msg, type Param, renderMsg } from '../core/message-catalog.js';
import { issueMeaning } from '../ingest/issues.js';
import type { ValidateOutput } from '../schema/validate-output.js';

const n = (x: number) => x.toLocaleString('en-US');

function where(i: { file: string; sheet?: string; row: number; column?: string }): string {
  return `${i.file}${i.sheet ? ` [${i.sheet}]` : ''}${i.row > 0 ? `:${i.row}` : ''}${i.column !== undefined ? ` ${i.column}` : ''}`;
}

const ORDERS: Record<string, string> = {
  'day-first': 'V_ORDER_DMY',
  'month-first': 'V_ORDER_MDY',
  'excel serial': 'V_ORDER_SERIAL',
  'year-first/unambiguous': 'V_ORDER_YMD',
};

/** A date format as read.ts describes it (`day-first (decided by "13/01/2024")`) in the language. */
function dateFormat(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  const m = /^(.*?)(?: \(decided by (.*)\))?$/.exec(text)!;
  const id = ORDERS[m[1]!];
  if (!id) return text;
  return renderMsg(m[2] !== undefined ? msg('V_DECIDED_BY', { order: msg(id), value: m[2] }) : msg(id), lang);
}

const DELIM_NAMES: Record<string, string> = { ',': 'V_DELIM_COMMA', ';': 'V_DELIM_SEMICOLON', '\t': 'V_DELIM_TAB', '|': 'V_DELIM_PIPE' };

/** The catalogue messages that ride along on the output's values (dropped from JSON by `withoutMsgs`). */
interface Coded {
  msg?: Msg;
  hintMsg?: Msg;
  warningMsgs?: (string | Msg)[];
}

/** JSON.stringify replacer that leaves out the catalogue messages, so JSON stays what the schema says. */
export const withoutMsgs = (key: string, value: unknown): unknown =>
  key === 'msg' || key === 'hintMsg' || key === 'warningMsgs' ? undefined : value;

export function renderValidateText(r: ValidateOutput, examples = 3, lang: Lang = 'en'): string {
  const t = (id: string, params: Record<string, Param> = {}) => renderMsg(msg(id, params), lang);
  const out: string[] = [];
  for (const f of r.files) {
    const how: string[] = [f.kind.toUpperCase()];
    if (f.sheet !== undefined) how.push(t('V_SHEET', { sheet: JSON.stringify(f.sheet) }));
    if (f.encoding)
      how.push(
        f.encodingReason === 'bom'
          ? t('V_BOM', { encoding: f.encoding })
          : f.encodingReason === 'forced'
            ? t('V_FORCED', { encoding: f.encoding })
            : f.encoding,
      );
    if (f.delimiter)
      how.push(DELIM_NAMES[f.delimiter] ? t(DELIM_NAMES[f.delimiter]!) : t('V_DELIM_OTHER', { delimiter: JSON.stringify(f.delimiter) }));
    how.push(t('V_HEADER_ON', { row: f.headerRow }));
    out.push(t('V_FILE', { file: f.file, how: how.join(lang === 'zh' ? '，' : ', ') }));
    const fields = Object.keys(f.mapping);
    let wid = 0;
    for (const k of fields) wid = Math.max(wid, k.length);
    out.push(t('V_MAPPING'));
    for (const k of fields) {
      let note = f.mappedBy[k] === 'map' ? ' (--map)' : '';
      if (k === 'date' && f.formats.date) note += `  ${dateFormat(f.formats.date, lang)}`;
      if (k === 'createdDate' && f.formats.createdDate) note += `  ${dateFormat(f.formats.createdDate, lang)}`;
      if (k === 'amount' && f.formats.decimal === ',') note += `  ${t('V_DECIMAL_COMMA')}`;
      out.push(`    ${k.padEnd(wid)} ← ${JSON.stringify(f.mapping[k])}${note}`);
    }
    if (f.mapping.status === undefined && fields.length) out.push(t('V_NO_STATUS'));
    if (f.dimensions.length) out.push(t('V_DIMENSIONS', { columns: f.dimensions.map((d) => JSON.stringify(d)).join(', ') }));
    out.push(
      t('V_ROWS', {
        read: n(f.rowsRead),
        accepted: n(f.accepted),
        rejected: n(f.rejected),
        excluded: f.excluded ? msg('V_EXCLUDED', { count: n(f.excluded) }) : '',
      }),
    );
    const st = Object.entries(f.statusCounts);
    if (st.length && f.mapping.status !== undefined) out.push(t('V_BY_STATUS', { list: st.map(([s, c]) => `${s} ${n(c)}`).join(', ') }));
    const coded = (f as Coded).warningMsgs;
    f.warnings.forEach((w, i) => out.push(t('V_NOTE', { text: coded?.[i] ?? w })));
    out.push('');
  }
  if (r.issues.length) {
    out.push(t('V_ISSUES'));
    for (const s of r.issues) {
      const sev = t(s.severity === 'error' ? 'V_SEV_ERROR' : s.severity === 'warning' ? 'V_SEV_WARNING' : 'V_SEV_INFO');
      out.push(`  ${sev} ${s.code}  ×${n(s.count)}  ${lang === 'en' ? s.meaning : issueMeaning(s.code, lang)}`);
      for (const e of s.examples.slice(0, examples)) out.push(`      ${where(e)}: ${renderMsg((e as Coded).msg ?? e.message, lang)}`);
      if (s.count > examples) out.push(t(s.severity === 'error' ? 'V_MORE_ERRORS' : 'V_MORE_OTHERS', { count: n(s.count - examples) }));
    }
    out.push('');
  }
  if (r.unknownStatuses.length) {
    const vals = r.unknownStatuses.map((u) => `${JSON.stringify(u.value)} ×${n(u.count)}`).join(', ');
    const names = r.unknownStatuses
      .slice(0, 3)
      .map((u) => u.value)
      .join(',');
    out.push(t('V_UNKNOWN_STATUS', { list: vals }));
    out.push(t('V_UNKNOWN_STATUS_HINT', { names }));
    out.push('');
  }
  for (const u of r.unreadable ?? []) {
    out.push(t('V_NOT_VALIDATED', { file: u.file, why: msg(u.exitCode === 3 ? 'V_CANNOT_READ' : 'V_NOT_SALES') }));
    renderMsg((u as Coded).msg ?? u.message, lang)
      .split('\n')
      .forEach((l, i) => out.push(`  ${i === 0 ? t('V_ERROR_LINE', { text: l.trim() }) : `  ${l.trim()}`}`));
    if (u.hint) out.push(`  ${t('HINT', { text: (u as Coded).hintMsg ?? u.hint })}`);
    out.push('');
  }
  out.push(validateSummary(r, lang));
  return out.join('\n') + '\n';
}

/** The summary line: files, rows, errors, warnings (the last line of the text, the first of the Markdown). */
export function validateSummary(r: ValidateOutput, lang: Lang): string {
  const s = r.summary;
  return renderMsg(
    msg('V_SUMMARY', {
      files: s.files,
      read: n(s.rowsRead),
      accepted: n(s.accepted),
      rejected: n(s.rejected),
      excluded: s.excluded ? msg('V_EXCLUDED', { count: n(s.excluded) }) : '',
      errors: n(s.errors),
      warnings: n(s.warnings),
      unreadable: r.unreadable?.length ? msg('V_SUMMARY_UNREADABLE', { count: r.unreadable.length }) : '',
    }),
    lang,
  );
}
