import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, fixed, formatValue, naturalCompare, percentAgainst, truncateWidth } from '../../src/core/format.js';

describe('formatValue', () => {
  it('never shows a negative zero', () => {
    expect(formatValue(-0.0001, 'ratio')).toBe('0.0%'); // was -0.0%
    expect(formatValue(-0, 'ratio')).toBe('0.0%');
    expect(formatValue(-0.004, 'money', '$')).toBe('$0.00'); // was -$0.00
    expect(formatValue(-0.01, 'money', '$')).toBe('-$0.01');
    expect(formatValue(-0.04, 'days')).toBe('0.0');
    expect(formatValue(-0, 'count')).toBe('0');
    expect(fixed(-0.4, 0)).toBe('0');
  });

  it('rounds half away from zero on the decimal value, not the binary one', () => {
    expect(formatValue(1.005, 'money')).toBe('1.01'); // (1.005).toFixed(2) is "1.00"
    expect(formatValue(-1.005, 'money')).toBe('-1.01');
    expect(formatValue(2.675, 'money', '$')).toBe('$2.68');
    expect(formatValue(0.0005, 'ratio')).toBe('0.1%'); // 0.05 % → 0.1 %
    expect(formatValue(-0.0005, 'ratio')).toBe('-0.1%');
    expect(formatValue(1234567.125, 'money', '¥')).toBe('¥1,234,567.13');
    expect(formatValue(999.995, 'money')).toBe('1,000.00');
    expect(formatValue(12.25, 'days')).toBe('12.3');
    expect(formatValue(1e21, 'count')).toBe('1e+21');
    expect(formatValue(-658198839.545, 'money')).toBe('-658,198,839.55'); // the product's float error is above 1e-6 here
  });

  it('agrees with a second method (BigInt on the decimal text) on random cents and half-cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        // n thousandths; the exact answer rounds n/1000 to cents, half away from zero
        const v = n / 1000;
        const a = BigInt(Math.abs(n));
        const cents = (a + 5n) / 10n;
        const want = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
        const shown = formatValue(v, 'money').replace(/,/g, '');
        expect(shown).toBe(`${n < 0 && cents > 0n ? '-' : ''}${want}`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('percentAgainst', () => {
  it('keeps the number on the side of the bound that raised the flag', () => {
    expect(percentAgainst(0.7957, 0.8)).toBe('79.6%'); // Math.round gave 80%
    expect(percentAgainst(0.79999, 0.8)).toBe('79.999%');
    expect(percentAgainst(0.5, 0.8)).toBe('50%');
    expect(percentAgainst(1.5004, 1.5)).toBe('150.04%');
    expect(percentAgainst(2, 1.5)).toBe('200%');
  });
});

describe('naturalCompare', () => {
  it('orders numbers by value, inside text too', () => {
    expect(['1178', '916', '10', '9', '0916'].sort(naturalCompare)).toEqual(['9', '10', '0916', '916', '1178']);
    expect(['Campaign 10', 'Campaign 9', 'Campaign 100', 'Apple'].sort(naturalCompare)).toEqual([
      'Apple',
      'Campaign 9',
      'Campaign 10',
      'Campaign 100',
    ]);
    expect(naturalCompare('a', 'a')).toBe(0);
    expect(naturalCompare('a1', 'a')).toBeGreaterThan(0);
  });

  it('is a total order: antisymmetric, transitive, 0 only for equal strings', () => {
    const s = fc.stringMatching(/^[a0-9 ]{0,6}$/);
    fc.assert(
      fc.property(s, s, s, (a, b, c) => {
        expect(Math.sign(naturalCompare(a, b)) + Math.sign(naturalCompare(b, a))).toBe(0);
        expect(naturalCompare(a, b) === 0).toBe(a === b);
        if (naturalCompare(a, b) < 0 && naturalCompare(b, c) < 0) expect(naturalCompare(a, c)).toBeLessThan(0);
      }),
    );
  });
});

describe('display width', () => {
  it('counts Chinese and full-width as 2, combining marks as 0', () => {
    expect(displayWidth('销售额')).toBe(6);
    expect(displayWidth('客户A')).toBe(5);
    expect(displayWidth('￥860')).toBe(5);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(truncateWidth('华东地区销售', 7)).toBe('华东地…');
    expect(displayWidth(truncateWidth('华东地区销售', 7))).toBe(7);
    expect(truncateWidth('abcdef', 4)).toBe('abc…');
  });
});
