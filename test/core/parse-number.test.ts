import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPlainString } from '../../src/core/decimal.js';
import { excelNumberText, parseDecimal, separatorVote } from '../../src/core/parse-number.js';

const p = (s: string, decimal: '.' | ',' = '.') => {
  const v = parseDecimal(s, { decimal });
  return v === null ? null : toPlainString(v);
};

describe('parseDecimal', () => {
  it.each([
    ['1234.56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['  1 234.5 ', '1234.5'],
    ['1\u00a0234.50', '1234.5'],
    ['$1,234.56', '1234.56'],
    ['US$ 99', '99'],
    ['¥860', '860'],
    ['￥860', '860'],
    ['€12.5', '12.5'],
    ['£0.99', '0.99'],
    ['RMB 1,000', '1000'],
    ['CNY1000', '1000'],
    ['1000 USD', '1000'],
    ['860元', '860'],
    ['1.5万', '15000'],
    ['2亿', '200000000'],
    ['0.0001万', '1'],
    ['(1,234.56)', '-1234.56'],
    ['1234.56-', '-1234.56'],
    ['-12', '-12'],
    ['−12', '-12'],
    ['$-12', '-12'],
    ['+7', '7'],
    ['.5', '0.5'],
    ['1.5E+3', '1500'],
    ['2e-2', '0.02'],
    ["1'234.5", '1234.5'],
    ['0123', '123'],
    ['731.9399999999999', '731.9399999999999'],
  ])('%j → %s', (text, want) => expect(p(text)).toBe(want));

  it.each([
    ['1.234,56', '1234.56'],
    ['1,5', '1.5'],
    ['1.234', '1234'],
    ['-0,01', '-0.01'],
  ])('decimal comma %j → %s', (text, want) => expect(p(text, ',')).toBe(want));

  it.each(['', '  ', 'abc', '12,3x', '1,23.4', '1.2.3', '--5', '$', '1,5', '12 34x', 'NaN', 'Infinity', '1e', '(12', '1,234,56'])(
    'rejects %j',
    (text) => expect(p(text)).toBeNull(),
  );

  it('keeps full precision beyond 15 digits', () => {
    expect(p('12345678901234567890.123456789')).toBe('12345678901234567890.123456789');
  });

  it('random strings never throw: a value or null', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789.,-+()$¥万 eE'元".split('')), maxLength: 14 }), (s) => {
        const v = parseDecimal(s);
        if (v !== null) expect(typeof toPlainString(v)).toBe('string');
      }),
    );
    fc.assert(fc.property(fc.string(), (s) => void parseDecimal(s)));
  });

  it('agrees with Number() on plain decimals (second method)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (i, f) => {
        const text = `${i}.${String(f).padStart(2, '0')}`;
        expect(Number(p(text))).toBe(Number(text));
      }),
    );
  });
});

describe('separatorVote', () => {
  it.each([
    ['1,234.56', 'point'],
    ['1.234,56', 'comma'],
    ['1,5', 'comma'],
    ['12.75', 'point'],
    ['1,234', 'ambiguous'],
    ['1.234', 'ambiguous'],
    ['1,234,567', 'point'],
    ['1.234.567', 'comma'],
    ['12', 'none'],
    ['1234,567', 'comma'],
  ])('%j votes %s', (t, v) => expect(separatorVote(t)).toBe(v));
});

describe('excelNumberText', () => {
  it('shows numbers as Excel does, at 15 significant digits', () => {
    expect(excelNumberText(731.9399999999999)).toBe('731.94');
    expect(excelNumberText(0.1 + 0.2)).toBe('0.3');
    expect(excelNumberText(1618.5)).toBe('1618.5');
    expect(excelNumberText(-200)).toBe('-200');
    expect(excelNumberText(1e21)).toBe('1e+21');
    expect(excelNumberText(2 ** 60)).toBe('1152921504606846976');
  });
});

describe('parseDecimal is linear in the length of its text (found by the fuzzer: a 1 MB cell of spaces hung validate)', () => {
  it('a long run of spaces between "(" and other text is not a number, at once, and the answer does not depend on the length', () => {
    // before: /\s*(?:RMB|…)$/ retried from every space of the run — 290,000 spaces took minutes
    for (const n of [10, 1000, 300_000]) {
      const text = `(${' '.repeat(n)}\`${' '.repeat(n)}!`;
      expect(parseDecimal(text)).toBeNull();
    }
    expect(parseDecimal(`${' '.repeat(300_000)}12.50${' '.repeat(300_000)}`)).toEqual({ units: 1250, scale: 2 });
    expect(parseDecimal(`12.50 ${' '.repeat(300_000)}USD`)).toEqual({ units: 1250, scale: 2 });
  });
});
