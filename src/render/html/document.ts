/**
 * The HTML page around a report: one self-contained file (styles inline, system fonts with
 * CJK fallbacks, no script, nothing fetched), readable on screen and printed on A4 landscape
 * with each section on its own page. Pure.
 */
import { FONT_STACK } from './charts.js';
import { escapeHtml } from './escape.js';

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: ${FONT_STACK}; color: #1f2328; background: #fff; margin: 0 auto; padding: 24px 32px; max-width: 1200px; font-size: 14px; line-height: 1.45; }
h1 { font-size: 24px; margin: 0 0 8px; }
h2 { font-size: 19px; margin: 0 0 12px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 15px; margin: 0 0 6px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 20px; }
dl.meta dt { color: #57606a; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
section { margin: 0 0 32px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 4px 0 8px; }
th, td { padding: 3px 8px; border-bottom: 1px solid #e4e7eb; text-align: left; vertical-align: top; white-space: nowrap; }
thead th { background: #f3f5f7; border-bottom: 2px solid #c9d1d9; white-space: normal; word-break: keep-all; vertical-align: bottom; }
.num { text-align: right; }
td.dim { white-space: normal; min-width: 6em; max-width: 16em; overflow-wrap: anywhere; }
tr.total th, tr.total td { font-weight: 600; background: #f8f9fa; }
figure.chart { margin: 0 0 24px; }
.chart-img { max-width: 100%; }
svg.chart-svg { display: block; max-width: 100%; height: auto; }
p.desc, p.note { color: #444c56; margin: 6px 0; }
details.chart-data summary { cursor: pointer; color: #0a58ca; }
footer { color: #57606a; font-size: 12px; border-top: 1px solid #d0d7de; padding-top: 8px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  table.report { font-size: 7.5px; }
  table.report th, table.report td { padding: 1px 3px; white-space: normal; }
  table.report td.num { white-space: nowrap; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  figure.chart, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  details.chart-data summary { color: inherit; }
}
`.trim();

export interface HtmlPage {
  lang: 'en' | 'zh';
  title: string;
  /** The header block after the title (already HTML). */
  header: string;
  /** Sections, already HTML (`<section>…</section>`). */
  sections: string[];
  footer: string;
  /** Extra styles for this page, after the shared ones. */
  css?: string;
}

export function htmlDocument(p: HtmlPage): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${p.lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="salesperf">',
    `<title>${escapeHtml(p.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    ...(p.css ? [`<style>\n${p.css}\n</style>`] : []),
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(p.title)}</h1>`,
    p.header,
    '</header>',
    '<main>',
    ...p.sections,
    '</main>',
    `<footer>${escapeHtml(p.footer)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
