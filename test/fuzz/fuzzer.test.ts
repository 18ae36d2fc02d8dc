import { execSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../scripts/fuzz/prng.mjs';
import { makeCase } from '../../scripts/fuzz/cases.mjs';
import { classify, normaliseLine } from '../../scripts/fuzz/oracle.mjs';
import { ddmin, minimiseBytes } from '../../scripts/fuzz/minimise.mjs';
import { reproLine } from '../../scripts/fuzz/fuzz.mjs';
import { runCli, writeTmp } from '../helpers.js';

// The fuzzer's own parts: if these are wrong, a green fuzz round means nothing.
describe('fuzzer: PRNG and cases', () => {
  it('the same seed gives the same numbers; another seed others', () => {
    const a = makeRng('s1'),
      b = makeRng('s1'),
      c = makeRng('s2');
    const xa = Array.from({ length: 5 }, () => a.int(1000));
    expect(Array.from({ length: 5 }, () => b.int(1000))).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.int(1000))).not.toEqual(xa);
  });

  it('case i of a seed is the same bytes every time, whatever was made before', () => {
    const first = makeCase('det', 7);
    for (let i = 0; i < 7; i++) makeCase('det', i);
    const again = makeCase('det', 7);
    expect(Buffer.compare(first.bytes, again.bytes)).toBe(0);
    expect(again.runs).toEqual(first.runs);
    expect(makeCase('det2', 7).bytes.equals(first.bytes)).toBe(false);
  });

  it('makes XLSX and CSV cases, both run through validate and report', () => {
    const kinds = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const c = makeCase('kinds', i);
      kinds.add(c.kind);
      expect(c.runs.map((r) => r.argv[0])).toEqual(['validate', 'report']);
      if (c.kind === 'xlsx' && !c.ops.some((o) => /cut|flip|garbled|directory|local header|missing|stored/.test(o)))
        expect(c.bytes.subarray(0, 4).toString('hex')).toBe('504b0304');
    }
    expect([...kinds].sort()).toEqual(['csv', 'xlsx']);
  });

  it('an unmutated generated XLSX reads as the table it was built from', () => {
    // the XLSX builder must make workbooks the CLI accepts, or XML/zip mutations test nothing
    const table = [
      ['Date', 'Rep', 'Amount'],
      ['2026-01-05', 'Ann', '100.50'],
      ['2026-02-10', 'Bob', '20'],
    ];
    return import('../../scripts/fuzz/xlsx.mjs').then(({ xlsxParts, zipParts }) => {
      const file = writeTmp('t.xlsx', zipParts(xlsxParts(table)).bytes);
      const r = runCli(['report', file, '--format', 'json', '--as-of', '2026-03-01', '--kpis', 'revenue']);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.meta.inputs[0].accepted).toBe(2);
      const revenue = (j.rows as { period: string; rep: string; revenue: number }[]).map((x) => [x.period, x.rep, x.revenue]);
      expect(revenue).toEqual([
        ['2026-01', 'Ann', 100.5],
        ['2026-02', 'Ann', 0],
        ['2026-01', 'Bob', 0],
        ['2026-02', 'Bob', 20],
      ]);
    });
  });
});

describe('fuzzer: the oracle', () => {
  const ok = { code: 0, stdout: '{}', stderr: '', direct: [], peakRss: 1e8 };
  it('passes a clean run and a clean refusal', () => {
    expect(classify(ok, { wantJson: true })).toBeNull();
    expect(classify({ ...ok, code: 3, stdout: '', stderr: 'salesperf: a.csv: cannot read\n' }, { wantJson: true })).toBeNull();
  });
  it('fails exit 70, a stack trace, a hang, a crash, bad JSON, memory, an empty green run', () => {
    expect(
      classify({ ...ok, code: 70, stderr: "salesperf: internal error: Cannot read properties of undefined (reading 'x')\n" }, {})?.sig,
    ).toBe('exit70:Cannot read properties of undefined (reading "…")');
    expect(classify({ ...ok, code: 1, stderr: 'TypeError: x is not a function\n    at f (file:///a/b.js:1:2)\n' }, {})?.cls).toBe('stack');
    expect(classify({ ...ok, code: 2, stderr: 'oops\n    at node:internal/streams/x:3:4\n' }, {})?.cls).toBe('stack');
    expect(classify({ timeout: true, stderr: '' }, {})?.cls).toBe('hang');
    expect(classify({ died: true, signal: 'SIGABRT', stderr: 'FATAL ERROR: Reached heap limit' }, {})?.cls).toBe('crash');
    expect(classify({ ...ok, stdout: '{"a":' }, { wantJson: true })?.sig).toBe('badjson:exit0');
    expect(classify({ ...ok, stdout: '{"a":' }, { wantJson: false })).toBeNull();
    expect(classify({ ...ok, code: 2, stdout: '' }, { wantJson: true })).toBeNull();
    expect(classify({ ...ok, peakRss: 1.5 * 2 ** 30 }, {})?.cls).toBe('memory');
    expect(classify(ok, { emptyInput: true })?.sig).toBe('empty-green:exit0');
    expect(classify({ ...ok, code: 1 }, { emptyInput: true })).toBeNull();
    expect(classify({ ...ok, stdout: 'x'.repeat(11 * 2 ** 20) }, { inputBytes: 60 })?.sig).toBe('blowup:exit0');
    expect(classify({ ...ok, stdout: 'x'.repeat(11 * 2 ** 20) }, { inputBytes: 2 ** 20 })).toBeNull();
  });
  it('signatures drop numbers, quotes and paths so repeats group', () => {
    expect(normaliseLine('/tmp/x/case-12.csv: row 40 "abc" bad')).toBe(normaliseLine('/tmp/y/case-9.csv: row 2 "z" bad'));
  });
});

describe('fuzzer: minimisation', () => {
  it('ddmin finds the two units that together make the failure', async () => {
    const units = Array.from({ length: 40 }, (_, i) => i);
    const out = await ddmin(units, async (u) => u.includes(7) && u.includes(31), { left: 500 });
    expect(out).toEqual([7, 31]);
  });
  it('minimiseBytes cuts a file down to the bytes that matter', async () => {
    const bytes = Buffer.from('Date,Rep,Amount\n2026-01-01,Ann,1\n2026-01-02,Bob,"oops\n2026-01-03,Cy,3\n');
    const out = await minimiseBytes(bytes, async (b) => b.includes('"'), { left: 500 });
    expect(out.toString()).toBe('"');
  });
  it('a repro line rebuilds the file byte for byte', () => {
    const bytes = Buffer.from('a,\'b\'%\\\n\u00ff\r\n"x"\t', 'latin1');
    const line = reproLine(bytes, 'csv', ['validate', '@FILE'])!;
    const made = line.split(' && ')[0]!.replace(' > /tmp/salesperf-repro.csv', '');
    const out = execSync(made, { shell: '/bin/bash' });
    expect(Buffer.compare(out, bytes)).toBe(0);
  });
});
