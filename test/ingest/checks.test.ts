import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DealIndex, HashTable, packLocation, unpackLocation } from '../../src/ingest/checks.js';

describe('cross-row check structures', () => {
  it('HashTable behaves like a Map that keeps the first value (second method), through growth', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.nat()), { maxLength: 2000 }), (ops) => {
      const t = new HashTable(4);
      const m = new Map<number, number>();
      for (const [k0, v] of ops) {
        const k = k0 * 0x200001; // spread over the 53-bit range
        const want = m.has(k) ? m.get(k)! : -1;
        if (!m.has(k)) m.set(k, v);
        expect(t.getOrSet(k, v)).toBe(want);
      }
    }));
  });

  it('packs and unpacks locations', () => {
    expect(unpackLocation(packLocation(3, 4_000_000_000))).toEqual({ source: 3, row: 4_000_000_000 });
  });

  it('DealIndex returns the first sighting of a deal', () => {
    const d = new DealIndex();
    expect(d.check('O1', 100, 'A', null, 'won', 7)).toBeNull();
    expect(d.check('O2', 101, 'B', 'Rep', 'lost', 8)).toBeNull();
    expect(d.check('O1', 102, 'C', 'X', 'open', 9)).toEqual({ date: 100, customer: 'A', rep: null, status: 'won', location: 7 });
  });
});
