/**
 * Text encoding detection for CSV input: BOM (UTF-8, UTF-16 LE/BE), else
 * UTF-16 LE/BE without a BOM from the NUL bytes of ASCII text, else UTF-8
 * if the sample is valid UTF-8, else GB18030/GBK if the sample decodes as it and
 * reads as Chinese, else windows-1252 with a warning naming the first byte that
 * is not UTF-8.
 */

export interface EncodingGuess {
  /** A TextDecoder label. */
  encoding: string;
  /** Bytes of byte-order mark to skip. */
  bom: number;
  /** How it was decided, for the report. */
  reason: 'bom' | 'nul-pattern' | 'utf8' | 'gbk' | 'fallback' | 'forced';
  /** First byte offset that is not UTF-8 (for fallback and gbk). */
  badOffset?: number;
}

/** Offset of the first byte that breaks UTF-8, or -1. A sequence cut by the sample's end is fine unless `complete`. */
export function firstInvalidUtf8(b: Uint8Array, complete: boolean): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) {
      // the sequence runs past the end of the sample
      if (!complete) {
        for (let j = i + 1; j < n; j++) if ((b[j]! & 0xc0) !== 0x80) return i;
        return -1;
      }
      return i;
    }
    let cp = c & (0xff >> (need + 2));
    for (let j = 1; j <= need; j++) {
      const d = b[i + j]!;
      if ((d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Share of non-ASCII characters that are CJK ideographs, CJK punctuation or full-width forms. */
function cjkShare(text: string): number {
  let non = 0;
  let cjk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    non++;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x3400 && c <= 0x4dbf)) cjk++;
  }
  return non === 0 ? 0 : cjk / non;
}

/**
 * True when most GBK double-byte pairs have an ASCII trail byte (0x40–0x7E).
 * Every common Chinese character (GB2312, lead and trail 0xA1–0xFE) has a
 * trail byte of 0x80 or more; only rare GBK extension characters have an
 * ASCII one. Windows-1252 text puts an accented letter before an ASCII letter
 * (`ä` + `c` in `Bäckerei`, `ü` + `l` in `Müller`, `é` + `t` in `Société`),
 * which GBK reads as one pair with an ASCII trail: "Chinese" characters wedged
 * inside Latin words. Four-byte GB18030 sequences are skipped.
 */
export function latinPairsDominate(b: Uint8Array): boolean {
  let pairs = 0;
  let asciiTrail = 0;
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x81 || c === 0xff || i + 1 >= n) {
      i++;
      continue;
    }
    const t = b[i + 1]!;
    if (t >= 0x30 && t <= 0x39) {
      i += 4; // GB18030 four-byte sequence
      continue;
    }
    pairs++;
    if (t < 0x80) asciiTrail++;
    i += 2;
  }
  return pairs > 0 && asciiTrail * 2 > pairs;
}

/** Bytes looked at for UTF-16 without a BOM. */
const NUL_WINDOW = 1024;
/** Share of the window's byte pairs with a NUL on one side for UTF-16 without a BOM. */
const NUL_SHARE = 0.3;

/**
 * UTF-16 without a BOM: in its first KiB, text that is mostly ASCII (headers,
 * digits, delimiters, line ends) has a NUL in the high byte of most code units
 * — at odd offsets for little-endian, even for big-endian — and 8-bit text has
 * none. At least 30% of the pairs must have the NUL on one side, and fewer
 * than a tenth as many on the other (Chinese text has few NULs on either side,
 * but its delimiters and digits still have them). Null when neither.
 */
export function utf16ByNuls(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(sample.length, NUL_WINDOW) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= NUL_SHARE * pairs && even * 10 < odd) return 'utf-16le';
  if (even >= NUL_SHARE * pairs && odd * 10 < even) return 'utf-16be';
  return null;
}

export function detectEncoding(sample: Uint8Array, complete: boolean): EncodingGuess {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: 3, reason: 'bom' };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: 2, reason: 'bom' };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: 2, reason: 'bom' };
  const utf16 = utf16ByNuls(sample);
  if (utf16) return { encoding: utf16, bom: 0, reason: 'nul-pattern' };
  const bad = firstInvalidUtf8(sample, complete);
  if (bad < 0) return { encoding: 'utf-8', bom: 0, reason: 'utf8' };
  try {
    // a trailing lead byte cut by the sample end is not an error: trim up to one byte
    let end = sample.length;
    if (!complete && end > 0 && sample[end - 1]! >= 0x81) end--;
    const text = new TextDecoder('gb18030', { fatal: true }).decode(sample.subarray(0, end));
    if (cjkShare(text) >= 0.6 && !latinPairsDominate(sample.subarray(0, end)))
      return { encoding: 'gb18030', bom: 0, reason: 'gbk', badOffset: bad };
  } catch {
    /* not GBK */
  }
  return { encoding: 'windows-1252', bom: 0, reason: 'fallback', badOffset: bad };
}

/** Check a forced encoding label; returns the canonical label or null when Node does not know it. */
export function canonicalEncoding(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}
