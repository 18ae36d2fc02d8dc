/**
 * Strings → dense ids (0, 1, 2 …) in an open-addressing table over one typed
 * array: no JS Map entry and no string kept per key. A key is identified by
 * three independent 32-bit hashes (96 bits), so two different strings share an
 * id only with a probability around n² / 2^97 — for 10 million keys about
 * 10^-15. A slot is 16 bytes (three hashes and the id) in one place, so a
 * lookup in a table too big for the cache touches one cache line, not three.
 */

/**
 * The three hashes of a string (FNV-1a and two Murmur-style mixes side by
 * side). A class with fields rather than a function returning them: no
 * allocation per string. Separate from the index so that a parsing thread can
 * hash and the owning thread look up.
 */
export class StringHash {
  h1 = 0;
  h2 = 0;
  h3 = 0;
  of(s: string): this {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    let h3 = 0x01000193;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h3 = Math.imul(h3 ^ c, 0x85ebca6b);
    }
    this.h1 = h1 | 0; // the empty string keeps the unsigned seed: make it int32 like every other
    this.h2 = h2 ^ (h2 >>> 13);
    this.h3 = h3 ^ (h3 >>> 16);
    return this;
  }
}

export class StringIndex {
  /** Four int32 per slot: h1, h2, h3, id + 1 (0 = empty). */
  private slots: Int32Array;
  private cap: number;
  private n = 0;
  private readonly hasher = new StringHash();

  constructor(capacity = 1 << 12) {
    this.cap = capacity;
    this.slots = new Int32Array(capacity * 4);
  }

  get size(): number {
    return this.n;
  }

  /** The id of `s`, given a new one when unseen. */
  id(s: string): number {
    const h = this.hasher.of(s);
    return this.idOfHash(h.h1, h.h2, h.h3);
  }

  /** The id of the string with these `StringHash` hashes. */
  idOfHash(h1: number, h2: number, h3: number): number {
    if (this.n * 10 >= this.cap * 7) this.grow();
    const s = this.slots;
    const mask = this.cap - 1;
    // h2's low bits are mixed with its high bits; FNV's low bits (h1) barely differ between similar ids
    let i = h2 & mask;
    for (;;) {
      const o = i << 2;
      const id1 = s[o + 3]!;
      if (id1 === 0) {
        s[o] = h1;
        s[o + 1] = h2;
        s[o + 2] = h3;
        s[o + 3] = ++this.n;
        return this.n - 1;
      }
      if (s[o] === h1 && s[o + 1] === h2 && s[o + 2] === h3) return id1 - 1;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const cap = this.cap * 2;
    const s = new Int32Array(cap * 4);
    const mask = cap - 1;
    for (let o = 0; o < old.length; o += 4) {
      if (old[o + 3] === 0) continue;
      let i = old[o + 1]! & mask;
      while (s[(i << 2) + 3] !== 0) i = (i + 1) & mask;
      const t = i << 2;
      s[t] = old[o]!;
      s[t + 1] = old[o + 1]!;
      s[t + 2] = old[o + 2]!;
      s[t + 3] = old[o + 3]!;
    }
    this.slots = s;
    this.cap = cap;
  }
}

/** A growable Int32Array, for per-id state. */
export class IntColumn {
  data: Int32Array;
  constructor(
    private readonly fill: number,
    capacity = 1 << 12,
  ) {
    this.data = new Int32Array(capacity).fill(fill);
  }
  ensure(i: number): void {
    if (i < this.data.length) return;
    let cap = this.data.length * 2;
    while (cap <= i) cap *= 2;
    const next = new Int32Array(cap).fill(this.fill);
    next.set(this.data);
    this.data = next;
  }
}
