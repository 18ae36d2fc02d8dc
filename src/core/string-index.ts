/**
 * Strings → dense ids (0, 1, 2 …) in an open-addressing table over typed
 * arrays: no JS Map entry and no string kept per key. Each key is identified by
 * two independent hashes (53 + 32 bits), so two different strings share an id
 * only with a probability around n² / 2^86 — for 10 million keys about 10^-12.
 */
const EMPTY = -1;

/**
 * The two hashes that identify a string in a `StringIndex`: a 53-bit key
 * (FNV-1a and a Murmur-style mix side by side) and a 32-bit check. A class with
 * fields rather than a function returning a pair: no allocation per string.
 * Split out so that a parsing thread can hash and the owning thread look up.
 */
export class StringHash {
  key = 0;
  check = 0;
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
    h2 ^= h2 >>> 13;
    h3 ^= h3 >>> 16;
    this.key = (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
    this.check = h3 >>> 0;
    return this;
  }
}

export class StringIndex {
  private keys: Float64Array;
  private checks: Uint32Array;
  private ids: Int32Array;
  private n = 0;
  private readonly hasher = new StringHash();

  constructor(capacity = 1 << 12) {
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.checks = new Uint32Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** The id of `s`, given a new one when unseen. */
  id(s: string): number {
    const h = this.hasher.of(s);
    return this.idOfHash(h.key, h.check);
  }

  /** The id of the string with this `StringHash` key and check. */
  idOfHash(key: number, check: number): number {
    if (this.n * 10 >= this.keys.length * 7) this.grow();
    const mask = this.keys.length - 1;
    let i = Math.floor(key / 0x200000) & mask;
    for (;;) {
      const k = this.keys[i]!;
      if (k === EMPTY) {
        this.keys[i] = key;
        this.checks[i] = check;
        this.ids[i] = this.n;
        return this.n++;
      }
      if (k === key && this.checks[i] === check) return this.ids[i]!;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const { keys, checks, ids } = this;
    const cap = keys.length * 2;
    this.keys = new Float64Array(cap).fill(EMPTY);
    this.checks = new Uint32Array(cap);
    this.ids = new Int32Array(cap);
    const mask = cap - 1;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j]!;
      if (k === EMPTY) continue;
      let i = Math.floor(k / 0x200000) & mask;
      while (this.keys[i] !== EMPTY) i = (i + 1) & mask;
      this.keys[i] = k;
      this.checks[i] = checks[j]!;
      this.ids[i] = ids[j]!;
    }
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
