import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grainOfPeriod } from '../../src/cli/flags.js';
import { formatMessages, fromCommander } from '../../src/cli/messages.js';
import { COMMANDS, EXAMPLES, langFromEnv, OPTIONS } from '../../src/cli/options.js';
import { suggest } from '../../src/core/suggest.js';
import { FIELDS } from '../../src/ingest/mapping.js';
import { validateOutputSchema } from '../../src/schema/validate-output.js';
import { runCli, tmp, writeTmp } from '../helpers.js';

// Hand-checked: Q4 2022 = 100 + 250.50 = 350.50 (Ann 100, Bob 250.50); 2022-W05 (Mon 31 Jan – Sun 6 Feb) = 40;
// 2022-10 = 100; 2022 = 100 + 250.50 + 40 = 390.50 (the lost 80 is not revenue).
const SALES =
  'Date,Rep,Region,Customer,Status,Amount\n2022-10-03,Ann,North,C1,Won,100\n2022-11-15,Bob,South,C2,Won,250.50\n2022-12-20,Ann,North,C3,Lost,80\n2022-02-01,Bob,South,C1,Won,40\n';
const NO_REP = 'Order Date,Region,Sales\n2022-10-03,North,100\n2022-11-15,South,250.50\n';
const asOf = ['--as-of', '2023-01-31'];

function sales(dir = tmp()): string {
  return writeTmp('sales.csv', SALES, dir);
}

describe('one options table', () => {
  it('every command that prints results takes -f/--format, -o/--out, -q/--quiet, --lang and --no-color; the same flag means the same thing', () => {
    for (const long of ['format', 'out', 'quiet', 'lang', 'color']) {
      const o = OPTIONS.filter((x) => x.long === long);
      expect(o).toHaveLength(1);
      for (const c of ['report', 'scorecard', 'payout', 'validate', 'kpis']) expect(o[0]!.commands).toContain(c);
    }
    const shorts = OPTIONS.filter((o) => o.short).map((o) => o.short);
    expect(new Set(shorts).size).toBe(shorts.length);
    const longs = OPTIONS.map((o) => o.long);
    expect(new Set(longs).size).toBe(longs.length);
  });

  it('-f json -o FILE -q --lang zh work the same for report, scorecard, payout, validate and kpis', () => {
    const dir = tmp();
    const f = sales(dir);
    const plan = writeTmp('plan.json', '{ "name": "Base 10%", "base": { "rate": 0.1 } }', dir);
    const runs: [string, string[]][] = [
      ['report', [f, ...asOf]],
      ['scorecard', [f, ...asOf]],
      ['payout', [f, '--plan', plan, ...asOf]],
      ['validate', [f, ...asOf]],
      ['kpis', []],
    ];
    for (const [cmd, args] of runs) {
      const out = join(dir, `${cmd}.json`);
      const r = runCli([cmd, ...args, '-f', 'json', '-o', out, '-q', '--lang', 'zh']);
      expect([cmd, r.code, r.stdout, r.stderr]).toEqual([cmd, 0, '', '']);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toBeTruthy();
    }
    // the JSON of validate written to a file is its usual document: 4 rows read, 4 accepted
    const v = validateOutputSchema.parse(JSON.parse(readFileSync(join(dir, 'validate.json'), 'utf8')));
    expect(v.summary.rowsRead).toBe(4);
    expect(v.summary.accepted).toBe(4);
    // kpis JSON lists the catalogue; revenue is in it
    expect((JSON.parse(readFileSync(join(dir, 'kpis.json'), 'utf8')) as { id: string }[]).map((k) => k.id)).toContain('revenue');
  });

  it('md where it was missing: scorecard, payout and kpis write a Markdown table; a format a command does not write is refused with its list', () => {
    const dir = tmp();
    const f = sales(dir);
    const plan = writeTmp('plan.json', '{ "name": "Base 10%", "base": { "rate": 0.1 } }', dir);
    const p = runCli(['payout', f, '--plan', plan, ...asOf, '-f', 'md', '-p', '2022-10']);
    expect(p.code).toBe(0);
    const lines = p.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\| .* \|$/);
    expect(lines[1]).toMatch(/^\| (---:?|:?---)( \| (---:?))*/);
    // Ann's October: 10% of 100 = 10
    expect(lines.find((l) => l.includes('Ann') && l.includes('2022-10'))).toMatch(/\| 10(\.00?)? \|/);
    const s = runCli(['scorecard', f, ...asOf, '-f', 'md', '-p', '2022-Q4']);
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/^\| /);
    expect(s.stdout).toContain('| Ann ');
    const k = runCli(['kpis', '-f', 'md']);
    expect(k.stdout.split('\n')[0]).toBe('| id | label | unit | formula |');
    expect(k.stdout).toContain('| winRate |');
    const v = runCli(['kpis', '-f', 'xlsx']);
    expect([v.code, v.stderr]).toEqual([2, 'salesperf: error: --format xlsx: kpis writes table, json, csv or md, not xlsx\n']);
    // text stays accepted as the old name of validate's table
    expect(runCli(['validate', f, '--format', 'text', ...asOf]).code).toBe(0);
  });

  it('every --help ends with an Examples section of 3–5 real commands', () => {
    for (const c of [...COMMANDS, null]) {
      const r = runCli(c ? [c, '--help'] : ['--help']);
      expect(r.code).toBe(0);
      const tail = r.stdout.slice(r.stdout.lastIndexOf('\nExamples:\n'));
      const ex = tail.split('\n').filter((l) => l.startsWith('  $ '));
      expect(ex.length).toBeGreaterThanOrEqual(3);
      expect(ex.length).toBeLessThanOrEqual(5);
      for (const e of ex) expect(e).toMatch(c ? new RegExp(`^  \\$ salesperf ${c}\\b`) : /^ {2}\$ salesperf \w+/);
      expect(r.stdout.trimEnd().endsWith(ex.at(-1)!)).toBe(true);
    }
    expect(Object.keys(EXAMPLES).sort()).toEqual([...COMMANDS, 'salesperf'].sort());
  });

  it('--help lists the short flags, choices and the init --sheet option', () => {
    const r = runCli(['report', '--help']);
    r.stdout = r.stdout.replace(/\s+/g, ' ');
    for (const f of [
      '-f, --format <format>',
      '-o, --out <file>',
      '-q, --quiet',
      '-l, --lang <lang>',
      '-b, --by <dims>',
      '-g, --grain <grain>',
      '-p, --period <key>',
      '-k, --kpis <ids>',
      '-t, --targets <file>',
      '-m, --map <field=header>',
      '-c, --config <file>',
      '--no-color',
    ])
      expect(r.stdout).toContain(f);
    expect(r.stdout).toContain('choices: table, json, csv, md, xlsx');
    expect(runCli(['init', '--help']).stdout).toContain('--sheet <name|index>');
    expect(runCli(['validate', '--help']).stdout.replace(/\s+/g, ' ')).toContain('choices: table, json, csv, md, xlsx');
  });

  it('short flags do what the long ones do', () => {
    const f = sales();
    const long = runCli(['report', f, ...asOf, '--by', 'region', '--grain', 'quarter', '--kpis', 'revenue', '--format', 'csv']);
    const short = runCli(['report', f, ...asOf, '-b', 'region', '-g', 'quarter', '-k', 'revenue', '-f', 'csv']);
    expect(long.code).toBe(0);
    expect(short.stdout).toBe(long.stdout);
    expect(long.stdout).toContain('2022-Q4,North,100');
    expect(long.stdout).toContain('2022-Q4,South,250.5');
  });

  it('--split-column is taken by report (it was only in the README)', () => {
    const f = writeTmp('s.csv', 'Date,Deal ID,Rep,Amount,Share\n2022-10-03,D1,Ann,100,60%\n2022-10-03,D1,Bob,100,40%\n');
    const r = runCli(['report', f, ...asOf, '--split-column', 'Share', '-k', 'revenue', '-f', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2022-10,Ann,60');
    expect(r.stdout).toContain('2022-10,Bob,40');
    const bad = runCli(['report', f, ...asOf, '--split-column', 'Shaer']);
    expect([bad.code, bad.stderr]).toEqual([2, 'salesperf: error: --split-column Shaer: no such column; did you mean "Share"?\n']);
  });
});

describe('did you mean', () => {
  const f = sales();
  const cases: [string[], string][] = [
    [['report', f, '--by', 'Regoin'], '--by Regoin: no such column; available: rep, customer, region, status; did you mean "region"?'],
    [['report', f, '--kpis', 'winrate'], '--kpis: unknown KPI "winrate"; did you mean "winRate"?'],
    [['report', f, '--grain', 'quartr'], '--grain "quartr": expected month, week, quarter or year; did you mean "quarter"?'],
    [['report', f, '--format', 'jsn'], '--format "jsn": expected table, json, csv, md, xlsx or html; did you mean "json"?'],
    [['report', f, '--lang', 'zn'], '--lang "zn": expected en or zh; did you mean "zh"?'],
    [
      ['report', f, '--map', 'amout=Amount'],
      `--map "amout=Amount": expected field=header with field one of ${FIELDS.join(', ')}; did you mean "amount"?`,
    ],
    [['report', f, '--fomat', 'json'], "unknown option '--fomat'; did you mean --format?"],
    [['reprot', f], "unknown command 'reprot'; did you mean report?"],
  ];
  it.each(cases)('%j', (args, msg) => {
    const r = runCli([...args, ...asOf]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`salesperf: error: ${msg}\n`);
  });

  it('--map role=header names the header it meant, and lists the headers once', () => {
    const r = runCli(['report', f, ...asOf, '--map', 'amount=Amont', '--map', 'date=Dat']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `salesperf: error: ${f}: --map date=Dat: "Dat" is not a header; did you mean "Date"?\n` +
        `  ${f}: --map amount=Amont: "Amont" is not a header; did you mean "Amount"?\n` +
        `  the headers of ${f}: "Date", "Rep", "Region", "Customer", "Status", "Amount"\n`,
    );
  });

  it('suggest: closest first, case and punctuation aside, nothing when nothing is close', () => {
    expect(suggest('Regoin', ['rep', 'Region', 'Customer'])).toEqual(['Region']);
    expect(suggest('sub_category', ['Category', 'Sub-Category'])).toEqual(['Sub-Category']);
    expect(suggest('xyz', ['revenue', 'deals'])).toEqual([]);
    expect(suggest('reve', ['revenue', 'refunds'])).toEqual(['revenue']);
  });
});

describe('--period implies its grain', () => {
  const f = sales();
  const cases: [string[], string, string[], number][] = [
    [['-p', '2022-Q4'], 'quarter', ['2022-Q4'], 350.5],
    [['-p', '2022-W05'], 'week', ['2022-W05'], 40],
    [['-p', '2022-10'], 'month', ['2022-10'], 100],
    [['-p', '2022'], 'year', ['2022'], 390.5],
    [['--from', '2022-Q1', '--to', '2022-Q4'], 'quarter', ['2022-Q1', '2022-Q2', '2022-Q3', '2022-Q4'], 390.5],
  ];
  it.each(cases)('%j → %s', (args, grain, periods, revenue) => {
    const r = runCli(['report', f, ...asOf, ...args, '-f', 'json', '-k', 'revenue']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { meta: { grain: string; periods: string[] }; totals: { revenue: number }[] };
    expect(d.meta.grain).toBe(grain);
    expect(d.meta.periods).toEqual(periods);
    expect(d.totals.reduce((a, t) => a + t.revenue, 0)).toBeCloseTo(revenue, 9);
  });

  it('FY2023 with --fiscal-start is a fiscal year; scorecard and payout infer it too', () => {
    const r = runCli(['report', f, ...asOf, '-p', 'FY2023', '--fiscal-start', 'apr', '-f', 'json', '-k', 'revenue']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { meta: { grain: string; periods: string[] }; totals: { revenue: number }[] };
    expect(d.meta.grain).toBe('year');
    expect(d.meta.periods).toEqual(['FY2023']);
    expect(d.totals[0]!.revenue).toBe(350.5); // Apr 2022 – Mar 2023: October and November
    const s = JSON.parse(runCli(['scorecard', f, ...asOf, '-p', '2022-10', '-f', 'json']).stdout) as {
      meta?: { grain: string };
      grain?: string;
    };
    expect(s.meta?.grain ?? s.grain).toBe('month');
  });

  it('a conflicting --grain is a usage error naming both', () => {
    const r = runCli(['report', f, ...asOf, '-p', '2022-Q4', '--grain', 'month']);
    expect([r.code, r.stderr]).toEqual([
      2,
      'salesperf: error: --period 2022-Q4 is a quarter but --grain month was given; drop --grain (it follows --period) or give a month\n',
    ]);
    const m = runCli(['report', f, ...asOf, '--from', '2022-Q1', '--to', '2022-12']);
    expect([m.code, m.stderr]).toEqual([
      2,
      'salesperf: error: --from 2022-Q1 is a quarter but --to 2022-12 is a month; give both as the same kind of period\n',
    ]);
  });

  it('grainOfPeriod', () => {
    expect(['2022-Q4', 'FY2027-Q1', '2022-W05', '2022W5', '2022-10', '2022年10月', '2022', 'FY2027', 'last'].map(grainOfPeriod)).toEqual([
      'quarter',
      'quarter',
      'week',
      'week',
      'month',
      'month',
      'year',
      'year',
      null,
    ]);
  });
});

describe('--by a column that is not there', () => {
  it('--by rep on a file with no rep column is an error like --by month, not one (none) group', () => {
    const f = writeTmp('superstore.csv', NO_REP);
    const r = runCli(['report', f, ...asOf, '--by', 'rep']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'salesperf: error: --by rep: no column was recognised as the rep (name it with --map rep=<header>); available: region\n',
    );
    const m = runCli(['report', f, ...asOf, '--by', 'month']);
    expect([m.code, m.stderr]).toEqual([2, 'salesperf: error: --by month: no such column; available: region\n']);
    expect(runCli(['report', f, ...asOf, '--by', 'Region', '-f', 'csv', '-k', 'revenue']).stdout).toContain('2022-10,North,100');
  });
});

describe('validate several files', () => {
  it('reports each file, the unreadable ones as their own block, and exits with the worst code', () => {
    const dir = tmp();
    const good = sales(dir);
    const bad = writeTmp('bad.csv', 'Date,Amount\n2022-10-03,abc\n2022-10-04,5\n', dir); // one rejected row: exit 1 on its own
    const lookup = writeTmp('teams.csv', 'rep,team\nAnn,Alpha\n', dir); // not a sales export: exit 2 on its own
    const missing = join(dir, 'missing.csv'); // cannot be read: exit 3
    expect(runCli(['validate', bad, ...asOf]).code).toBe(1);
    const two = runCli(['validate', good, bad, lookup, ...asOf]);
    expect(two.code).toBe(2);
    const r = runCli(['validate', good, lookup, missing, bad, ...asOf]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(`${good}  (CSV`);
    expect(r.stdout).toContain(`${bad}  (CSV`);
    expect(r.stdout).toContain(`${lookup}  (not validated: not a sales export as it stands)`);
    expect(r.stdout).toContain(`${missing}  (not validated: cannot be read)`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
      '2 files: 6 rows read, 5 accepted, 1 rejected; 1 error, 0 warnings; 2 files not validated',
    );
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(
      `salesperf: error: 2 of 4 files could not be validated: ${lookup} (not a sales export as it stands), ${missing} (cannot be read); details above (exit 3)`,
    );
    const j = runCli(['validate', good, missing, ...asOf, '-f', 'json']);
    const doc = validateOutputSchema.parse(JSON.parse(j.stdout));
    expect(j.code).toBe(3);
    expect(doc.exitCode).toBe(3);
    expect(doc.files.map((x) => x.file)).toEqual([good]);
    expect(doc.unreadable).toEqual([expect.objectContaining({ file: missing, exitCode: 3 })]);
  });
});

describe('config, notes and messages', () => {
  it('a config picked up from the current folder gets a note; its mapping errors name the key path, the headers once', () => {
    const dir = tmp();
    writeTmp('s.csv', 'Date,Rep,Amount\n2022-10-03,Ann,100\n', dir);
    writeFileSync(join(dir, 'salesperf.config.json'), '{ "map": { "date": "Datum", "amount": "Betrag" } }');
    const r = runCli(['report', 's.csv', ...asOf], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'salesperf: error: s.csv: salesperf.config.json: map.date: "Datum" is not a header\n' +
        '  s.csv: salesperf.config.json: map.amount: "Betrag" is not a header\n' +
        '  the headers of s.csv: "Date", "Rep", "Amount"\n',
    );
    expect(r.stderr).not.toContain('--map');
    writeFileSync(join(dir, 'salesperf.config.json'), '{ "map": { "amount": "Amount" } }');
    const ok = runCli(['report', 's.csv', ...asOf, '-k', 'revenue', '-f', 'csv'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('salesperf: note: using salesperf.config.json from the current folder (--config FILE to use another)\n');
    expect(runCli(['report', 's.csv', ...asOf, '-q'], { cwd: dir }).stderr).toBe('');
  });

  it('the as-of date used when not given is a note', () => {
    const f = sales();
    const r = runCli(['report', f, '-k', 'revenue', '-f', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^salesperf: note: as of \d{4}-\d{2}-\d{2} \(today\); set --as-of YYYY-MM-DD for a fixed date\n$/);
  });

  it('--lang defaults from LC_ALL / LC_MESSAGES / LANG when they name Chinese', () => {
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_MESSAGES: 'zh_TW' })).toBe('zh');
    expect(langFromEnv({})).toBe('en');
    const f = sales();
    const zh = runCli(['report', f, ...asOf, '-k', 'revenue'], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    expect(zh.stdout).toContain('销售额');
    expect(runCli(['report', f, ...asOf, '-k', 'revenue', '--lang', 'en'], { env: { LANG: 'zh_CN.UTF-8' } }).stdout).toContain('Revenue');
  });

  it('one formatter: notes, then warnings, then errors; repeats grouped with a count; commander errors in the same shape', () => {
    expect(
      formatMessages([
        { level: 'error', text: 'e1' },
        { level: 'note', text: 'n' },
        { level: 'warning', text: 'w' },
        { level: 'error', text: 'e1' },
        { level: 'note', text: 'n2' },
      ]),
    ).toBe('salesperf: note: n\nsalesperf: note: n2\nsalesperf: warning: w\nsalesperf: error: e1 (×2)\n');
    expect(fromCommander("error: unknown option '--fomat'\n(Did you mean --format?)\n")).toBe(
      "salesperf: error: unknown option '--fomat'; did you mean --format?\n",
    );
    expect(runCli(['bogus']).stderr).toBe(
      "salesperf: error: unknown command 'bogus'; the commands: validate, report, scorecard, payout, init, kpis, export, sql, insights\n",
    );
    const r = runCli(['payout', sales()]);
    expect([r.code, r.stderr]).toEqual([2, "salesperf: error: required option '--plan <file>' not specified\n"]);
    const bad = runCli(['report', join(tmp(), 'nope.csv'), ...asOf]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/^salesperf: error: .*nope\.csv/);
  });
});
