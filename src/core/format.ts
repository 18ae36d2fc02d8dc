/** Number formatting for humans (table, Markdown), display widths, the natural order of group keys. Pure. */
import type { KpiUnit } from './units.js';

const SYMBOLS: Record<string, string> = { USD: '$', CNY: '¥', RMB: '¥', EUR: '€', GBP: '£', JPY: '¥', HKD: 'HK$' };

export function currencySymbol(code: string | null | undefined): string {
  if (!code) return '';
  return SYMBOLS[code.toUpperCase()] ?? `${code} `;
}

function group(intText: string): string {
  const n = intText.length;
  if (n <= 3 || !/^\d+$/.test(intText)) return intText; // 1e+21 stays as it is
  let out = intText.slice(0, n % 3 || 3);
  for (let i = n % 3 || 3; i < n; i += 3) out += ',' + intText.slice(i, i + 3);
  return out;
}

/**
 * |v| rounded to `digits` decimals, half away from zero, as [integer part, fraction].
 * Rounds the shortest decimal text of v (what the number means: 1.005 → 1.01),
 * not its binary value (which `toFixed` does: 1.005 → 1.00).
 */
function roundAbs(v: number, digits: number): [string, string] {
  const a = Math.abs(v);
  // fast path: well clear of a half, the binary value rounds the same way as its decimal text
  const p = 10 ** digits;
  const x = a * p;
  // (below 1e9 the product's rounding error, under 1e-6, cannot cross the half)
  if (x < 1e9) {
    const fl = Math.floor(x);
    const frac = x - fl;
    if (Math.abs(frac - 0.5) > 1e-6) {
      const n = frac > 0.5 ? fl + 1 : fl;
      const ip = Math.floor(n / p);
      return [String(ip), digits ? String(n - ip * p).padStart(digits, '0') : ''];
    }
  }
  const s = String(a);
  if (/e/i.test(s)) {
    const [i, f = ''] = a.toFixed(digits).split('.');
    return [i!, f];
  }
  const [ip, fp = ''] = s.split('.');
  if (fp.length <= digits) return [ip!, fp.padEnd(digits, '0')];
  let all = ip! + fp.slice(0, digits);
  if (fp.charCodeAt(digits) >= 53 /* '5' */) {
    // add one to the last kept digit, carrying
    const d = all.split('');
    let k = d.length - 1;
    while (k >= 0 && d[k] === '9') d[k--] = '0';
    if (k < 0) d.unshift('1');
    else d[k] = String(Number(d[k]) + 1);
    all = d.join('');
  }
  const cut = all.length - digits;
  return [all.slice(0, cut), all.slice(cut)];
}

/**
 * v with `digits` decimals, half away from zero; never a negative zero
 * ("-0.0%" reads as a fall where there was none).
 */
export function fixed(v: number, digits: number): string {
  const [i, f] = roundAbs(v, digits);
  const zero = /^0*$/.test(i + f);
  return `${v < 0 && !zero ? '-' : ''}${i}${digits ? `.${f}` : ''}`;
}

export function formatValue(v: number | null, unit: KpiUnit, currency = ''): string {
  if (v === null) return '—';
  switch (unit) {
    case 'money': {
      const [i, f] = roundAbs(v, 2);
      const neg = v < 0 && !/^0*$/.test(i + f);
      return `${neg ? '-' : ''}${currency}${group(i)}.${f}`;
    }
    case 'ratio':
      return `${fixed(v * 100, 1)}%`;
    case 'count': {
      if (Number.isInteger(v)) return group(String(v === 0 ? 0 : v));
      const [i, f] = roundAbs(v, 2);
      const neg = v < 0 && !/^0*$/.test(i + f);
      return `${neg ? '-' : ''}${group(i)}.${f}`;
    }
    case 'days':
      return fixed(v, 1);
  }
}

/**
 * A ratio as a percentage with the fewest decimals (0 to 4) that keep it on the
 * same side of `bound` as the ratio itself: 0.7957 against 0.8 is "79.6%", never
 * "80%" (which would contradict a "below 80%" flag).
 */
export function percentAgainst(ratio: number, bound: number): string {
  const side = Math.sign(ratio - bound);
  for (let d = 0; d <= 4; d++) {
    const s = fixed(ratio * 100, d);
    if (Math.sign(Number(s) - bound * 100) === side) return `${s}%`;
  }
  return `${fixed(ratio * 100, 4)}%`;
}

const DIM_ZH: Record<string, string> = {
  rep: '业务员',
  team: '团队',
  region: '区域',
  product: '产品',
  customer: '客户',
  channel: '渠道',
  status: '状态',
  dealId: '单号',
  currency: '币种',
};

const DIM_EN: Record<string, string> = {
  rep: 'Rep',
  team: 'Team',
  region: 'Region',
  product: 'Product',
  customer: 'Customer',
  channel: 'Channel',
  status: 'Status',
  dealId: 'Deal ID',
  currency: 'Currency',
};

/**
 * A dimension's column label in tables, Markdown, workbooks and HTML: canonical fields in the
 * report's language, capitalised like `Period` beside them; other columns by their own header.
 * (JSON and CSV keep the field's id: `region`.)
 */
export function dimLabel(name: string, lang: 'en' | 'zh'): string {
  const labels = lang === 'zh' ? DIM_ZH : DIM_EN;
  // own keys only: a column called hasOwnProperty or constructor is just a column
  return Object.hasOwn(labels, name) ? labels[name]! : name;
}

/** Columns a code point takes in a terminal: 2 for East Asian wide and full-width, 0 for combining marks and controls. */
export function charWidth(c: number): number {
  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return 0;
  if (c < 0x300) return 1;
  if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || (c >= 0xfe00 && c <= 0xfe0f)) return 0;
  if (
    c >= 0x1100 &&
    (c <= 0x115f ||
      (c >= 0x2e80 && c <= 0x303e) ||
      (c >= 0x3041 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1f300 && c <= 0x1f64f) ||
      (c >= 0x1f900 && c <= 0x1f9ff) ||
      (c >= 0x20000 && c <= 0x3fffd))
  )
    return 2;
  return 1;
}

/** Terminal columns taken by plain text (no ANSI codes). */
export function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x7f) {
      if (c >= 0x20) w++;
      continue;
    }
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    w += charWidth(cp);
  }
  return w;
}

/** Text cut to at most `width` columns, ending in `…` when cut. */
export function truncateWidth(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let w = 0;
  let out = '';
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Natural order: runs of digits compare as numbers ("916" before "1178",
 * "Campaign 9" before "Campaign 10"), the rest by code unit; a total order
 * (equal numbers with different zeros fall back to plain text order).
 */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (isDigit(x) && isDigit(y)) {
      let si = i;
      let sj = j;
      while (si < a.length && a.charCodeAt(si) === 48) si++;
      while (sj < b.length && b.charCodeAt(sj) === 48) sj++;
      let ei = si;
      let ej = sj;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      if (ei - si !== ej - sj) return ei - si - (ej - sj);
      for (let k = 0; k < ei - si; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d) return d;
      }
      i = ei;
      j = ej;
      continue;
    }
    if (x !== y) return x - y;
    i++;
    j++;
  }
  if (i < a.length || j < b.length) return i < a.length ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point (they are escaped for display)
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Control characters (NUL, ESC, tab, a line break inside a value…) written as `\u0000` escapes, so data cannot move the cursor or break a row. */
export function escapeControls(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}
