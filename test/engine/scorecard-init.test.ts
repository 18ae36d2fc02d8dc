/** `salesperf init` writes the default scorecard, so scores do not move once the file exists. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORECARD, scorecardSchema } from '../../src/schema/scorecard.js';
import { ROOT, runCli, tmp } from '../helpers.js';

const S = (f: string) => join(ROOT, 'fixtures/sample', f);
const args = (format: string) => [
  'scorecard',
  S('sales.csv'),
  '--targets',
  S('targets.csv'),
  '--as-of',
  '2026-09-20',
  '--format',
  format,
  '--quiet',
];
/** The config without its // comments (full-line comments only; no string in it holds "//" at a line start). */
const stripComments = (text: string) =>
  text
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n');

describe('salesperf init: the starter scorecard is the default one', () => {
  const withFile = tmp();
  const without = tmp();
  const init = runCli(['init', S('sales.csv')], { cwd: withFile });

  it('the scorecard in the written file parses to DEFAULT_SCORECARD', () => {
    expect(init.code).toBe(0);
    const cfg = JSON.parse(stripComments(readFileSync(join(withFile, 'salesperf.config.json'), 'utf8')));
    expect(scorecardSchema.parse(cfg.scorecard)).toEqual(DEFAULT_SCORECARD);
  });

  it('scorecard gives the same CSV, byte for byte, with and without the file init wrote', () => {
    const a = runCli(args('csv'), { cwd: withFile });
    const b = runCli(args('csv'), { cwd: without });
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout.split('\n').length).toBeGreaterThan(3); // a header and several reps
    expect(a.stdout).toBe(b.stdout);
  });

  it('and the same JSON, but for the note that the default scorecard was used', () => {
    const a = JSON.parse(runCli(args('json'), { cwd: withFile }).stdout);
    const b = JSON.parse(runCli(args('json'), { cwd: without }).stdout);
    expect(b.meta.notes[0]).toMatch(/^default scorecard:/);
    b.meta.notes.shift();
    expect(a).toEqual(b);
    // win rate is scored the same way in both: by percentile, as the default says
    expect(a.meta.kpis.find((k: { kpi: string }) => k.kpi === 'winRate')).toMatchObject({ weight: 15, method: 'percentile' });
  });
});
