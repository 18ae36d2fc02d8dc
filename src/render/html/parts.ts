/**
 * Pieces the scorecard and payout pages share: messages in the page's language, chart-safe
 * names, the header's definition list, a section, band colours. Pure.
 */
import { displayWidth, escapeControls, truncateWidth } from '../../core/format.js';
import { msg, renderMsg, type Param } from '../../core/message-catalog.js';
import { escapeHtml } from './escape.js';

export type HtmlLang = 'en' | 'zh';

/** A catalogue message rendered in the page's language. */
export const translator =
  (lang: HtmlLang) =>
  (id: string, params: Record<string, Param> = {}): string =>
    renderMsg(msg(id, params), lang);

/** Axis and legend names are cut to this many terminal columns (CJK counts 2): the full names are in the tables. */
const NAME_WIDTH = 22;

/** A name for a chart axis or legend: control characters visible, cut with … (ECharts only estimates text widths in Node). */
export function chartName(s: string): string {
  const e = escapeControls(s);
  return displayWidth(e) > NAME_WIDTH ? truncateWidth(e, NAME_WIDTH) : e;
}

/** Items of a list in running text: `a, b` in English, `a、b` in Chinese. */
export const joinList = (lang: HtmlLang, items: readonly string[]): string => items.join(lang === 'zh' ? '、' : ', ');

/** The header's list of what was read and how: label → value pairs. */
export function metaList(meta: readonly (readonly [string, string])[]): string {
  return `<dl class="meta">\n${meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}\n</dl>`;
}

export function section(id: string, heading: string, body: string): string {
  return `<section id="${id}">\n<h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`;
}

/** Input files as header lines: `file — N rows used of M read`. */
export function inputLines(
  t: ReturnType<typeof translator>,
  inputs: readonly { file: string; rowsRead: number; accepted: number }[],
): [string, string][] {
  return inputs.map((f) => [
    t('HTML_META_INPUTS'),
    `${f.file} — ${t('HTML_META_ROWS', { read: f.rowsRead.toLocaleString('en-US'), accepted: f.accepted.toLocaleString('en-US') })}`,
  ]);
}

/** Colour of the i-th of n bands, best first: green through amber to red (hex, so ECharts and print agree). */
export function bandColour(i: number, n: number): string {
  const hue = n <= 1 ? 130 : 130 - (130 * i) / (n - 1);
  return hslHex(hue, 0.6, 0.42);
}

function hslHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (k: number) => {
    const x = (k + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(x - 3, 9 - x, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** Extra page styles for the scorecard and payout pages (after document.ts's). */
export const SP_CSS = `
ul.notes { margin: 0 0 16px; padding-left: 20px; color: #444c56; }
span.band { display: inline-block; min-width: 1.6em; padding: 0 6px; border-radius: 3px; color: #fff; font-weight: 600; text-align: center; }
table.scorecard th.kpi-group { text-align: center; border-left: 1px solid #d0d7de; }
table.scorecard td.kpi-first, table.scorecard th.kpi-first { border-left: 1px solid #d0d7de; }
table.statement { width: 100%; max-width: 1000px; }
table.scorecard td.dim { min-width: 9em; }
table.statement caption { text-align: left; font-weight: 600; padding: 4px 0; caption-side: top; }
table.statement caption span { font-weight: 400; color: #57606a; }
table.statement tr.note td { color: #57606a; font-style: italic; white-space: normal; }
td.wrap { white-space: normal; min-width: 16em; }
@media print {
  table.scorecard, table.payout-summary { font-size: 10px; }
  table.scorecard th, table.scorecard td { padding: 1px 3px; }
  table.statement { break-inside: avoid; font-size: 9px; }
}
`.trim();
