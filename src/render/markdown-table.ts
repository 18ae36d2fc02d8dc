/** A CSV document (header + rows, as the csv renderers write it) as one GitHub-flavoured Markdown table. */
import { parse } from 'csv-parse/sync';

export function markdownFromCsv(csv: string): string {
  const rows = parse(csv, { relaxColumnCount: true, skipEmptyLines: true }) as string[][];
  if (!rows.length) return '';
  const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const head = rows[0]!;
  const numeric = head.map(
    (_, i) => rows.length > 1 && rows.slice(1).every((r) => r[i] === undefined || r[i] === '' || /^-?\d+(\.\d+)?%?$/.test(r[i]!)),
  );
  const out = [`| ${head.map(cell).join(' | ')} |`, `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`];
  for (const r of rows.slice(1)) out.push(`| ${head.map((_, i) => cell(r[i])).join(' | ')} |`);
  return out.join('\n') + '\n';
}
