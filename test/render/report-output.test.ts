import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/core/format.js';
import type { ResultRow } from '../../src/engine/aggregate.js';
import { reportJson, writeReportJson, type ReportDoc } from '../../src/render/report-data.js';
import { mdText, reportMarkdown } from '../../src/render/report-markdown.js';
import { renderReportTable, writeReportTable } from '../../src/render/report-table.js';

// eslint-disable-next-line no-control-regex -- ESC is what an ANSI sequence starts with
const ANSI = /\u001b\[[0-9;]*m/g;
const cells = (line: string) => line.replace(ANSI, '').split('│').length - 2;

const row = (dims: (string | null)[], period: string, kpis: Record<string, number | null>): ResultRow => ({ dims, period, kpis });

describe('report table', () => {
  it('without dimensions the totals row has as many cells as the header (it had one more)', () => {
    const out = renderReportTable([], [row([], '2026-01', { revenue: 100, growth: null })], {
      dims: [],
      kpis: ['revenue', 'growth'],
      currency: '$',
      color: false,
      width: 80,
      lang: 'en',
    });
    const lines = out.trimEnd().split('\n');
    expect(lines).toEqual([
      '┌─────────┬─────────┬────────┐',
      '│ Period  │ Revenue │ Growth │',
      '├─────────┼─────────┼────────┤',
      '│ 2026-01 │ $100.00 │      — │',
      '└─────────┴─────────┴────────┘',
    ]);
  });

  it('with dimensions: Total in the first key column, blanks under the others, every line the same cells and width', () => {
    const rows = [
      row(['North', 'Ann'], '2026-01', { revenue: 1234.5, winRate: 0.5 }),
      row(['South', null], '2026-01', { revenue: -0.001, winRate: -0.00001 }),
    ];
    const out = renderReportTable(rows, [row([null, null], '2026-01', { revenue: 1234.5, winRate: 0.5 })], {
      dims: ['region', 'rep'],
      kpis: ['revenue', 'winRate'],
      currency: '',
      color: true,
      width: 80,
      lang: 'en',
    });
    const lines = out.trimEnd().split('\n');
    const plain = lines.map((l) => l.replace(ANSI, ''));
    expect(plain[3]).toBe('│ North  │ Ann    │ 2026-01 │ 1,234.50 │    50.0% │');
    expect(plain[4]).toBe('│ South  │ (none) │ 2026-01 │     0.00 │     0.0% │');
    expect(plain[5]).toBe('│ Total  │        │ 2026-01 │ 1,234.50 │    50.0% │');
    for (const l of plain.slice(1, -1).filter((l) => l.startsWith('│'))) expect(cells(l)).toBe(5);
    expect(new Set(plain.map((l) => l.length)).size).toBe(1);
    expect(lines[5]).toContain('\u001b[1m'); // totals bold
  });

  it('Chinese text aligns: every line has the same display width; wide columns split into panels that fit', () => {
    const kpis = ['revenue', 'growth', 'deals', 'avgDealSize', 'winRate', 'activeCustomers', 'newCustomers', 'retentionRate'];
    const k = (v: number) => Object.fromEntries(kpis.map((x) => [x, v]));
    const rows = [row(['华东', '张伟'], '2026-01', k(1200.5)), row(['华北地区', '李娜'], '2026-01', k(86))];
    for (const width of [60, 80, 160]) {
      const out = renderReportTable(rows, [row([null, null], '2026-01', k(1286.5))], {
        dims: ['region', 'rep'],
        kpis,
        currency: '¥',
        color: false,
        width,
        lang: 'zh',
      });
      const panels = out.trimEnd().split('\n\n');
      for (const p of panels) {
        const ls = p.split('\n');
        const w = displayWidth(ls[0]!);
        expect(w).toBeLessThanOrEqual(width);
        for (const l of ls) expect(displayWidth(l)).toBe(w);
        const n = cells(ls[1]!);
        for (const l of ls.filter((l) => l.startsWith('│'))) expect(cells(l)).toBe(n);
        expect(ls[1]).toMatch(/^│ 区域\s+│ 业务员 │ 期间\s+│/);
      }
      // every KPI column is in exactly one panel; at 160 columns one panel holds them all
      expect(panels.reduce((n, p) => n + cells(p.split('\n')[1]!) - 3, 0)).toBe(kpis.length);
      expect(panels.length === 1).toBe(width === 160);
    }
  });

  it('a key value wider than the terminal is cut with … so no line exceeds the width', () => {
    const out = renderReportTable([row(['x'.repeat(300)], '2026-01', { revenue: 1 })], [row([null], '2026-01', { revenue: 1 })], {
      dims: ['customer'],
      kpis: ['revenue'],
      currency: '',
      color: false,
      width: 80,
      lang: 'en',
    });
    const lines = out.trimEnd().split('\n');
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    expect(lines[3]).toContain('x…');
  });

  it('is written in pieces (no one string) and 150,000 rows render without a stack overflow', () => {
    const rows: ResultRow[] = [];
    for (let i = 0; i < 150_000; i++) rows.push(row([`C${i}`], '2026', { revenue: i }));
    let chunks = 0;
    let biggest = 0;
    let lines = 0;
    const n = writeReportTable(
      rows,
      [row([null], '2026', { revenue: 1 })],
      { dims: ['customer'], kpis: ['revenue'], currency: '', color: false, width: 80, lang: 'en' },
      (t) => {
        chunks++;
        biggest = Math.max(biggest, t.length);
        for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) lines++;
      },
    );
    expect(n).toBe(150_001 + 4);
    expect(lines).toBe(n);
    expect(chunks).toBeGreaterThan(50); // about 5 MB in chunks of 64 KB
    expect(biggest).toBeLessThan(1 << 17);
  });
});

describe('JSON written in pieces', () => {
  const meta: ReportDoc['meta'] = {
    schemaVersion: 1,
    tool: 'salesperf',
    command: 'report',
    inputs: [],
    targets: null,
    spend: null,
    grain: 'month',
    fiscalStart: 1,
    dimensions: ['rep'],
    periods: ['2026-01'],
    asOf: null,
    currency: null,
    kpis: ['revenue'],
    configHash: null,
  };
  it('is byte-identical to JSON.stringify(doc, null, 2)', () => {
    const value = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string(), value), { maxLength: 5 }),
        fc.array(fc.dictionary(fc.string(), value), { maxLength: 3 }),
        fc.dictionary(fc.string(), fc.integer()),
        (rows, totals, issues) => {
          const doc = { meta, rows, totals, issues } as ReportDoc;
          expect(reportJson(doc)).toBe(JSON.stringify(doc, null, 2) + '\n');
        },
      ),
    );
  });

  it('makes the rows one at a time', () => {
    const made: number[] = [];
    const parts: string[] = [];
    writeReportJson(
      { meta, rows: [], totals: [], issues: {} },
      3,
      (i) => (made.push(i), { period: '2026-01', rep: `r${i}`, revenue: i }),
      (t) => parts.push(t),
    );
    expect(made).toEqual([0, 1, 2]);
    expect(JSON.parse(parts.join('')).rows.map((r: { rep: string }) => r.rep)).toEqual(['r0', 'r1', 'r2']);
  });
});

describe('Markdown escapes what GitHub would render in data values', () => {
  it('HTML, links, images, emphasis, code, strikethrough, headings, backslashes', () => {
    expect(mdText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert\\(1\\)&lt;/script&gt;');
    expect(mdText('[click](http://x)')).toBe('\\[click\\]\\(http://x\\)');
    expect(mdText('![img](a.png)')).toBe('\\!\\[img\\]\\(a.png\\)');
    expect(mdText('*bold* _em_ `code` ~~del~~')).toBe('\\*bold\\* \\_em\\_ \\`code\\` \\~\\~del\\~\\~');
    expect(mdText('# Title')).toBe('\\# Title');
    expect(mdText('No #1')).toBe('No #1');
    expect(mdText('a\\b')).toBe('a\\\\b');
    expect(mdText('AT&T | B\nC')).toBe('AT&amp;T \\| B C');
    expect(mdText('&lt;')).toBe('&amp;lt;');
    expect(mdText('sales_agent')).toBe('sales_agent'); // inside a word _ is never emphasis
  });

  it('in a report: dimension values and headers escaped, our bold totals kept', () => {
    const md = reportMarkdown([row(['<b>Acme</b>'], '2026-01', { revenue: 5 })], [row([null], '2026-01', { revenue: 5 })], {
      dims: ['*client*'],
      kpis: ['revenue'],
      currency: '$',
      lang: 'en',
    });
    expect(md).toBe(
      [
        '| \\*client\\* | Period | Revenue |',
        '|:--|:--|--:|',
        '| &lt;b&gt;Acme&lt;/b&gt; | 2026-01 | $5.00 |',
        '| **Total** | **2026-01** | **$5.00** |',
        '',
      ].join('\n'),
    );
  });
});
