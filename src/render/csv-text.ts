/** RFC 4180 output. Text that a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMERIC = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

export function csvField(value: string | number | null | undefined, guard = true): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (guard && typeof value === 'string' && FORMULA_START.test(s) && !NUMERIC.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return fields.map((f) => csvField(f)).join(',') + '\r\n';
}
