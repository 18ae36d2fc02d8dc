import { describe, expect, it } from 'vitest';
import { SUGGEST_MAX_CHARS, editDistance, suggest } from '../../src/core/suggest.js';
import { runCli, writeTmp } from '../helpers.js';

describe('suggest', () => {
  it('finds the near choice and ignores case and punctuation', () => {
    expect(suggest('Regoin', ['rep', 'region', 'status'])).toEqual(['region']);
    expect(suggest('win_rate', ['winRate', 'revenue'])).toEqual(['winRate']);
    expect(editDistance('regoin', 'region')).toBe(1); // one adjacent swap
  });

  it('leaves out names longer than the limit, so two long names cost no product of their lengths', () => {
    const long = 'a'.repeat(SUGGEST_MAX_CHARS + 1);
    // one character off: would be suggested if long names took part
    expect(suggest(long, [long + 'b'])).toEqual([]);
    expect(suggest('region', ['region'.padEnd(SUGGEST_MAX_CHARS + 1, 'x'), 'regoin'])).toEqual(['regoin']);
    const atLimit = 'a'.repeat(SUGGEST_MAX_CHARS);
    expect(suggest(atLimit, [atLimit.slice(1) + 'b'])).toEqual([atLimit.slice(1) + 'b']);
  });

  it('a 300,000-character --by against a header as long is refused at once (fuzz case long-2026-12-01b/8463)', () => {
    const name = 'a'.repeat(120_000); // the fuzz case had 300,000; one argument may hold at most 128 KiB
    const f = writeTmp('long-header.csv', `Date,Amount,${name}\n2026-01-05,10,x\n`);
    const r = runCli(['report', f, '--as-of', '2026-09-30', '--by', name + 'b']);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith('salesperf: error: --by ')).toBe(true);
    expect(r.stderr).not.toContain('did you mean');
  });
});

describe('dimension labels', () => {
  it('a column named like an Object.prototype member is labelled by its own name (fuzz case ci-short-1/135: exit 70)', async () => {
    const { dimLabel } = await import('../../src/core/format.js');
    expect(dimLabel('hasOwnProperty', 'en')).toBe('hasOwnProperty');
    expect(dimLabel('constructor', 'zh')).toBe('constructor');
    expect(dimLabel('region', 'en')).toBe('Region');
    expect(dimLabel('region', 'zh')).toBe('区域');
  });
});
