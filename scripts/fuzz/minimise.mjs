/**
 * Delta debugging (ddmin) over the units of an input — lines first, then byte
 * chunks — keeping a reduction only while the failure signature stays the same.
 */

/** ddmin over an array of units; `test(units)` says whether the failure persists. */
export async function ddmin(units, test, budget) {
  let n = 2;
  while (units.length >= 2 && budget.left > 0) {
    const size = Math.ceil(units.length / n);
    let reduced = false;
    for (let s = 0; s < units.length && budget.left > 0; s += size) {
      const complement = units.slice(0, s).concat(units.slice(s + size));
      if (complement.length === 0) continue;
      budget.left--;
      if (await test(complement)) {
        units = complement;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= units.length) break;
      n = Math.min(units.length, n * 2);
    }
  }
  return units;
}

export function splitLines(buf) {
  const out = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++)
    if (buf[i] === 0x0a) {
      out.push(buf.subarray(start, i + 1));
      start = i + 1;
    }
  if (start < buf.length) out.push(buf.subarray(start));
  return out;
}

export function chunks(buf, size) {
  const out = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

/**
 * Minimise bytes: `fails(bytes)` → whether the same signature shows.
 * Lines, then chunks of 64, 8 and 1 bytes while the input is small enough.
 */
export async function minimiseBytes(bytes, fails, budget) {
  let b = bytes;
  const lines = await ddmin(splitLines(b), (u) => fails(Buffer.concat(u)), budget);
  b = Buffer.concat(lines);
  for (const size of [256, 16, 1]) {
    if (b.length / size > 4000 || budget.left <= 0) continue;
    b = Buffer.concat(await ddmin(chunks(b, size), (u) => fails(Buffer.concat(u)), budget));
  }
  return b;
}
