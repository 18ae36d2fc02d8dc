import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DealIndex, HashTable, Strings, packLocation, unpackLocation } from '../../src/ingest/checks.js';
import { StringIndex } from '../../src/core/string-index.js';

describe('cross-row check structures', () => {
  it('HashTable behaves like a Map that keeps the first value (second method), through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.nat()), { maxLength: 2000 }), (ops) => {
        const t = new HashTable(4);
        const m = new Map<number, number>();
        for (const [k0, v] of ops) {
          const k = k0 * 0x200001; // spread over the 53-bit range
          const want = m.has(k) ? m.get(k)! : -1;
          if (!m.has(k)) m.set(k, v);
          expect(t.getOrSet(k, v)).toBe(want);
        }
      }),
    );
  });

  it('packs and unpacks locations', () => {
    expect(unpackLocation(packLocation(3, 4_000_000_000))).toEqual({ source: 3, row: 4_000_000_000 });
  });

  it('DealIndex returns the first sighting of a deal, or nothing when a later line agrees', () => {
    const customers = new Strings();
    const reps = new Strings();
    const d = new DealIndex(customers, reps);
    const o1 = d.id('O1');
    expect(d.check(o1, 100, customers.id('A'), reps.id(null), 'won', 0, 7)).toBeNull();
    expect(d.check(d.id('O2'), 101, customers.id('B'), reps.id('Rep'), 'lost', 0, 8)).toBeNull();
    expect(d.check(d.id('O1'), 100, customers.id('A'), reps.id(null), 'won', 0, 9)!.location).toBe(-1); // same fields: no conflict
    expect(d.check(d.id('O1'), 102, customers.id('C'), reps.id('X'), 'open', 1, 9)).toEqual({
      date: 100,
      customer: 'A',
      rep: null,
      status: 'won',
      location: packLocation(0, 7),
    });
  });

  it('StringIndex gives dense ids, the same for the same string, through growth (second method: a Map)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { maxLength: 3000 }), (xs) => {
        const idx = new StringIndex(4);
        const m = new Map<string, number>();
        for (const x of xs) {
          if (!m.has(x)) m.set(x, m.size);
          expect(idx.id(x)).toBe(m.get(x));
        }
        expect(idx.size).toBe(m.size);
      }),
    );
  });
});
