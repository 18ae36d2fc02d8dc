/**
 * The built CLI under a pseudo-terminal (util-linux `script`), at 80 and 160
 * columns, with and without colour: tables whose header has as many cells as
 * every row, no line wider than the terminal, Chinese aligned, a progress line
 * with rows/s, and a hint on stderr when the table is taller than the screen.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/core/format.js';
import { BIN, tmp, writeTmp } from '../helpers.js';

// eslint-disable-next-line no-control-regex -- ESC is what an ANSI sequence starts with
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Run salesperf on a terminal of the given size; the terminal's output, ANSI codes kept. */
function onTerminal(args: string[], cols: number, env: Record<string, string>, rows = 50): string {
  const cmd = `stty cols ${cols} rows ${rows}; ${q(process.execPath)} ${q(BIN)} ${args.map(q).join(' ')}`;
  const e: Record<string, string | undefined> = { ...process.env, ...env, TERM: 'xterm-256color' };
  delete e.COLUMNS;
  delete e.LINES;
  if (!('NO_COLOR' in env)) delete e.NO_COLOR;
  const r = spawnSync('script', ['-qfec', cmd, '/dev/null'], { env: e, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** Screen lines: ANSI codes stripped, \r\n as line ends, a progress redraw (\r…\e[K) split into its frames. */
const screenLines = (out: string) => out.split(/\r?\n|\r/).map((l) => l.replace(ANSI, ''));
const cells = (l: string) => l.split('│').length - 2;

function checkTables(lines: string[], width: number): number {
  let tables = 0;
  let headCells = -1;
  for (const l of lines) {
    expect(displayWidth(l), l).toBeLessThanOrEqual(width);
    if (l.startsWith('┌')) {
      tables++;
      headCells = -1;
    }
    if (l.startsWith('│')) {
      if (headCells < 0) headCells = cells(l);
      expect(cells(l), l).toBe(headCells);
    }
  }
  return tables;
}

/** No rep column, so a report without --by is totals only. */
const SALES = [
  'Date,Region,Customer,Status,Amount',
  '2026-01-05,North,C1,Won,100.00',
  '2026-01-15,South,C2,Won,250.50',
  '2026-02-03,North,C3,Won,1200',
  '2026-02-14,East,C1,Lost,0',
  '2026-03-01,South,C2,Won,75',
].join('\n');

const ZH = [
  '日期,业务员,客户,区域,状态,销售额',
  '2026/1/5,张伟,客户A,华东,成交,"1,200.50"',
  '2026/1/18,李娜,客户B,华北,成交,860',
  '2026/2/14,王芳,客户C,华南,成交,1500',
  '2026/3/2,欧阳娜娜,客户A,华东,成交,300',
].join('\n');

describe('on a terminal (script)', () => {
  for (const cols of [80, 160]) {
    for (const colour of [false, true]) {
      it(`${cols} columns, ${colour ? 'colour' : 'NO_COLOR'}: every table line has the header's cells and fits`, () => {
        const f = writeTmp('sales.csv', SALES);
        const env: Record<string, string> = colour ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' };
        for (const by of [[], ['--by', 'Region,Customer']]) {
          const out = onTerminal(['report', f, ...by, '--as-of', '2026-03-20', '--quiet'], cols, env);
          expect(out.includes('\u001b[1m')).toBe(colour);
          const lines = screenLines(out);
          const n = checkTables(lines, cols);
          expect(n).toBeGreaterThan(0);
          if (cols === 80) expect(n).toBeGreaterThan(1); // the KPIs do not fit in 80 columns: panels
          // the no --by table: Period first, then the values under their own headers
          if (!by.length) expect(lines.find((l) => l.startsWith('│ 2026-02'))).toMatch(/^│ 2026-02 │\s+1,200\.00 │/);
        }
      });
    }
  }

  it('Chinese headers and values align (display width 2) with --lang zh at 80 and 160 columns', () => {
    const f = writeTmp('销售.csv', ZH);
    for (const cols of [80, 160]) {
      const lines = screenLines(
        onTerminal(['report', f, '--by', 'rep', '--lang', 'zh', '--as-of', '2026-03-20', '--quiet'], cols, { NO_COLOR: '1' }),
      );
      checkTables(lines, cols);
      const table = lines.filter((l) => /^[┌│├└]/.test(l));
      expect(table.some((l) => l.startsWith('│ 欧阳娜娜 │'))).toBe(true);
      expect(table.some((l) => /^│ 业务员\s+│ 期间/.test(l))).toBe(true);
      // in each panel, every line takes the same number of terminal columns
      let w = -1;
      for (const l of table) {
        if (l.startsWith('┌')) w = displayWidth(l);
        expect(displayWidth(l), l).toBe(w);
      }
    }
  });

  it('the progress line takes the terminal width from the stream and shows rows/s', () => {
    const dir = tmp();
    const lines = ['Date,Rep,Region,Customer,Status,Amount'];
    for (let i = 0; i < 200_000; i++)
      lines.push(`2026-0${1 + (i % 9)}-1${i % 10},Rep ${i % 40},R${i % 4},C${i % 5000},Won,${(i % 1000) + 0.5}`);
    const f = writeTmp('a-rather-long-file-name-for-the-progress-line.csv', lines.join('\n'), dir);
    for (const cols of [80, 160]) {
      const out = onTerminal(
        ['report', f, '--as-of', '2026-10-01', '--kpis', 'revenue', '--format', 'csv', '--out', `${dir}/o${cols}.csv`],
        cols,
        { NO_COLOR: '1' },
      );
      const frames = out
        .split('\r')
        .map((l) => l.replace(ANSI, ''))
        .filter((l) => l.includes('rows/s'));
      expect(frames.length, out).toBeGreaterThan(0);
      for (const fr of frames) expect(fr.length).toBeLessThan(cols);
      // at 160 columns nothing is cut: the whole file name and the bar are there
      if (cols === 160)
        expect(frames.some((fr) => fr.includes('a-rather-long-file-name-for-the-progress-line.csv [') && /\d rows\/s$/.test(fr))).toBe(
          true,
        );
    }
  });

  it('a table taller than the screen says so on stderr: rows, --top, --format csv, less -S', () => {
    const rows = ['Date,Rep,Region,Customer,Status,Amount'];
    for (let i = 0; i < 60; i++) rows.push(`2026-01-05,Rep ${i},North,C${i},Won,${i + 1}`);
    const f = writeTmp('sales.csv', rows.join('\n'));
    const out = screenLines(
      onTerminal(['report', f, '--by', 'rep', '--kpis', 'revenue', '--as-of', '2026-01-20'], 80, { NO_COLOR: '1' }, 30),
    );
    expect(out.find((l) => l.includes('the table has'))).toBe(
      'salesperf: note: the table has 61 rows (65 lines, more than the screen): page it with | less -S, show fewer with --top N, or export with --format csv --out FILE',
    );
    // natural order of the keys: Rep 9 before Rep 10
    const keys = out.filter((l) => /^│ Rep \d/.test(l)).map((l) => l.split('│')[1]!.trim());
    expect(keys.slice(8, 11)).toEqual(['Rep 8', 'Rep 9', 'Rep 10']);
    const short = screenLines(
      onTerminal(['report', f, '--by', 'rep', '--kpis', 'revenue', '--as-of', '2026-01-20', '--top', '5'], 80, { NO_COLOR: '1' }, 30),
    );
    expect(short.some((l) => l.includes('the table has'))).toBe(false);
  });

  it('a reader that stops early (| head -1) ends the run quietly: exit 0, no EPIPE stack trace', () => {
    const rows = ['Date,Region,Customer,Status,Amount'];
    for (let i = 0; i < 3000; i++) rows.push(`2026-0${1 + (i % 9)}-05,North,C${i},Won,${i + 1}`);
    const f = writeTmp('sales.csv', rows.join('\n'));
    const r = spawnSync(
      'bash',
      [
        '-c',
        `${q(process.execPath)} ${q(BIN)} report ${q(f)} --by customer --format csv --as-of 2026-10-01 --quiet | head -1 >/dev/null; exit \${PIPESTATUS[0]}`,
      ],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr).not.toContain('at ');
  });
});

/** Four reps over two quarters, won and lost deals: every default scorecard KPI can be computed. */
function scorecardSales(): string {
  const reps = ['Jonathan Berthelot-Longname', 'Anna Snelling', 'Rosie Papadopoulos', 'Li Wei'];
  const rows = ['Date,Rep,Customer,Status,Amount'];
  reps.forEach((rep, i) => {
    rows.push(`2026-01-1${i},${rep},C${i},Won,${1000 * (i + 1)}.00`);
    rows.push(`2026-04-1${i},${rep},C${i},Won,${1500 + 700 * i}.00`);
    rows.push(`2026-05-1${i},${rep},N${i},Won,${200 * (i + 1)}.00`);
    for (let j = 0; j <= i; j++) rows.push(`2026-06-0${j + 1},${rep},L${i}${j},Lost,0`);
  });
  return rows.join('\n');
}

describe('scorecard and payout on a terminal (script)', () => {
  for (const cols of [80, 160]) {
    it(`scorecard at ${cols} columns: header cells match the rows, no line wider than the terminal, weights used in the headers`, () => {
      const f = writeTmp('sales.csv', scorecardSales());
      const lines = screenLines(
        onTerminal(['scorecard', f, '--period', '2026-Q2', '--as-of', '2026-07-01', '--quiet'], cols, { NO_COLOR: '1' }),
      );
      const n = checkTables(lines, cols);
      if (cols === 80) expect(n).toBeGreaterThan(1);
      else expect(n).toBe(1);
      // new customers (1 each) and retention (100% each) have no spread and are left out: the headers show the
      // weights used, revenue 50 / 65 = 76.92 and win rate 15 / 65 = 23.08, not the configured 50 and 15
      const heads = lines.filter((l) => l.startsWith('│ Rank')).join(' ');
      expect(heads).toContain('Revenue (76.92)');
      expect(heads).toContain('Win rate (23.08)');
      expect(heads).not.toContain('(50)');
      expect(lines.filter((l) => l.startsWith('│') && l.includes('Jonathan Berthelot-Longname')).length).toBe(n);
    });
  }

  for (const cols of [80, 160]) {
    it(`payout at ${cols} columns: header cells match the rows, no line wider than the terminal`, () => {
      const dir = tmp();
      const f = writeTmp('sales.csv', scorecardSales(), dir);
      const plan = writeTmp(
        'plan.json',
        JSON.stringify({
          name: 'Base 10%',
          base: { rate: 0.1, on: 'revenue' },
          tiers: {
            mode: 'marginal',
            tiers: [
              { from: 0, rate: 0.01 },
              { from: 1, rate: 0.02 },
            ],
          },
          bonuses: [{ type: 'newCustomer', amount: 100 }],
        }),
        dir,
      );
      const targets = writeTmp(
        'quotas.csv',
        [
          'Rep,Period,Quota',
          ...['Jonathan Berthelot-Longname', 'Anna Snelling', 'Rosie Papadopoulos', 'Li Wei'].map((r) => `${r},2026-Q2,3000`),
        ].join('\n'),
        dir,
      );
      const lines = screenLines(
        onTerminal(
          [
            'payout',
            f,
            '--plan',
            plan,
            '--targets',
            targets,
            '--period',
            '2026-Q2',
            '--grain',
            'quarter',
            '--as-of',
            '2026-07-01',
            '--quiet',
          ],
          cols,
          { NO_COLOR: '1' },
        ),
      );
      expect(checkTables(lines, cols)).toBeGreaterThan(0);
      // the statement heading is wrapped, not cut: its attainment is on screen
      expect(lines.join('\n')).toMatch(/attainment/);
      expect(lines.some((l) => l.includes('…'))).toBe(false);
    });
  }
});
