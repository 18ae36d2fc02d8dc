/** Human text for `salesperf validate`: mapping, counts per file, issues grouped by code, summary last. */
import type { ValidateOutput } from '../schema/validate-output.js';

const n = (x: number) => x.toLocaleString('en-US');

function where(i: { file: string; sheet?: string; row: number; column?: string }): string {
  return `${i.file}${i.sheet ? ` [${i.sheet}]` : ''}${i.row > 0 ? `:${i.row}` : ''}${i.column !== undefined ? ` ${i.column}` : ''}`;
}

const DELIM_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export function renderValidateText(r: ValidateOutput, examples = 3): string {
  const out: string[] = [];
  for (const f of r.files) {
    const how: string[] = [f.kind.toUpperCase()];
    if (f.sheet !== undefined) how.push(`sheet ${JSON.stringify(f.sheet)}`);
    if (f.encoding) how.push(f.encodingReason === 'bom' ? `${f.encoding} with BOM` : f.encodingReason === 'forced' ? `${f.encoding} (forced)` : f.encoding);
    if (f.delimiter) how.push(`${DELIM_NAMES[f.delimiter] ?? JSON.stringify(f.delimiter)}-delimited`);
    how.push(`header on row ${f.headerRow}`);
    out.push(`${f.file}  (${how.join(', ')})`);
    const fields = Object.keys(f.mapping);
    const wid = Math.max(...fields.map((k) => k.length));
    out.push('  mapping:');
    for (const k of fields) {
      let note = f.mappedBy[k] === 'map' ? ' (--map)' : '';
      if (k === 'date' && f.formats.date) note += `  ${f.formats.date}`;
      if (k === 'createdDate' && f.formats.createdDate) note += `  ${f.formats.createdDate}`;
      if (k === 'amount' && f.formats.decimal === ',') note += '  decimal comma';
      out.push(`    ${k.padEnd(wid)} ← ${JSON.stringify(f.mapping[k])}${note}`);
    }
    if (f.mapping.status === undefined && fields.length) out.push(`    (no status column: every row counts as won)`);
    if (f.dimensions.length) out.push(`  other columns, kept as dimensions: ${f.dimensions.map((d) => JSON.stringify(d)).join(', ')}`);
    out.push(`  rows: ${n(f.rowsRead)} read, ${n(f.accepted)} accepted, ${n(f.rejected)} rejected${f.excluded ? `, ${n(f.excluded)} excluded` : ''}`);
    const st = Object.entries(f.statusCounts);
    if (st.length && f.mapping.status !== undefined) out.push(`  accepted by status: ${st.map(([s, c]) => `${s} ${n(c)}`).join(', ')}`);
    for (const w of f.warnings) out.push(`  note: ${w}`);
    out.push('');
  }
  if (r.issues.length) {
    out.push('Issues');
    for (const s of r.issues) {
      out.push(`  ${s.severity.padEnd(7)} ${s.code}  ×${n(s.count)}  ${s.meaning}`);
      for (const e of s.examples.slice(0, examples)) out.push(`      ${where(e)}: ${e.message}`);
      if (s.count > examples) out.push(`      … and ${n(s.count - examples)} more (${s.severity === 'error' ? 'every rejected row: --rejects FILE' : 'more examples: --examples N or --format json'})`);
    }
    out.push('');
  }
  if (r.unknownStatuses.length) {
    const vals = r.unknownStatuses.map((u) => `${JSON.stringify(u.value)} ×${n(u.count)}`).join(', ');
    const names = r.unknownStatuses.slice(0, 3).map((u) => u.value).join(',');
    out.push(`Unknown status values: ${vals}`);
    out.push(`  map them, e.g. --won "${names}" (or --lost/--open/--refund), or under "statuses" in salesperf.config.json`);
    out.push('');
  }
  for (const u of r.unreadable ?? []) {
    out.push(`${u.file}  (not validated: ${u.exitCode === 3 ? 'cannot be read' : 'not a sales export as it stands'})`);
    u.message.split('\n').forEach((l, i) => out.push(`  ${i === 0 ? 'error: ' : '  '}${l.trim()}`));
    if (u.hint) out.push(`  hint: ${u.hint}`);
    out.push('');
  }
  const s = r.summary;
  out.push(
    `${s.files} file${s.files === 1 ? '' : 's'}: ${n(s.rowsRead)} rows read, ${n(s.accepted)} accepted, ${n(s.rejected)} rejected` +
      `${s.excluded ? `, ${n(s.excluded)} excluded` : ''}; ${n(s.errors)} error${s.errors === 1 ? '' : 's'}, ${n(s.warnings)} warning${s.warnings === 1 ? '' : 's'}` +
      `${r.unreadable?.length ? `; ${r.unreadable.length} file${r.unreadable.length === 1 ? '' : 's'} not validated` : ''}`,
  );
  return out.join('\n') + '\n';
}
