import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecimalSum, add, compare, round, toFixed, toPlainString } from '../../src/core/decimal.js';
import { parseDecimal } from '../../src/core/parse-number.js';

const d = (units: number | bigint, scale: number) => ({ units, scale });

describe('decimal', () => {
  it('rounds half away from zero, as Excel ROUND does', () => {
    expect(toFixed(d(12345, 3), 2)).toBe('12.35'); // 12.345 → 12.35
    expect(toFixed(d(-12345, 3), 2)).toBe('-12.35');
    expect(toFixed(d(12344, 3), 2)).toBe('12.34');
    expect(toFixed(d(5, 1), 0)).toBe('1'); // 0.5 → 1
    expect(toFixed(d(-5, 1), 0)).toBe('-1');
    expect(toFixed(d(-4, 3), 2)).toBe('0.00'); // -0.004 → 0.00, no "-0.00"
    expect(toFixed(d(7, 0), 2)).toBe('7.00');
    expect(round(d(16448, 3), 2)).toEqual(d(1645, 2)); // 16.448 → 16.45
  });

  it('adds exactly where floats do not', () => {
    expect(toPlainString(add(d(1, 1), d(2, 1)))).toBe('0.3'); // 0.1 + 0.2
    expect(compare(d(10, 1), d(1, 0))).toBe(0);
    expect(compare(d(-1, 2), d(0, 0))).toBe(-1);
  });

  it('DecimalSum spills to bigint past 2^53 and rescales upward', () => {
    const s = new DecimalSum();
    s.add(2 ** 52, 0);
    s.add(2 ** 52, 0);
    s.add(1, 0);
    expect(s.value().units).toBe(2n ** 53n + 1n);
    s.add(5, 1); // + 0.5 lifts the scale
    expect(toPlainString(s.value())).toBe((2n ** 53n + 1n).toString() + '.5');
  });

  it('DecimalSum equals a bigint reference sum for random money (second method)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), fc.integer({ min: 0, max: 6 })), { maxLength: 60 }),
        (vals) => {
          const s = new DecimalSum();
          let ref = 0n;
          for (const [u, sc] of vals) {
            const n = Number(u);
            s.add(Number.isSafeInteger(n) ? n : u, sc);
            ref += u * 10n ** BigInt(6 - sc);
          }
          const v = s.value();
          expect(BigInt(v.units) * 10n ** BigInt(6 - v.scale)).toBe(ref);
        },
      ),
    );
  });

  it('formatting then parsing a money value returns it exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 8 }), (u, sc) => {
        const text = toFixed(d(u, sc), sc);
        const back = parseDecimal(text)!;
        expect(compare(back, d(u, sc))).toBe(0);
        expect(back.scale).toBe(sc);
      }),
    );
  });
});
