/** "Did you mean …?" from the actual choices: the closest ones by edit distance, case and punctuation aside. */

/** Longest name (after normalising) that gets or is offered as a suggestion. */
export const SUGGEST_MAX_CHARS = 100;

function norm(s: string): string {
  return s.toLowerCase().replace(/[\s_\-.]+/g, '');
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), stopping early past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The choices closest to `input` (at most 3 equally near ones, in the given order):
 * same text but for case/punctuation, a prefix of 3+ characters, or within
 * about a third of the length in edits; a shared first letter breaks ties.
 */
export function suggest(input: string, choices: Iterable<string>): string[] {
  const x = norm(input);
  // a name longer than this is no typo of a column or flag value, and the edit distance of two
  // long names costs their lengths' product (a 300,000-character --by against a header as long
  // hung a report): such inputs and choices are left out, so a suggestion costs at most 100² steps each
  if (!x || x.length > SUGGEST_MAX_CHARS) return [];
  const scored: { c: string; d: number; i: number }[] = [];
  let i = 0;
  for (const c of new Set(choices)) {
    i++;
    if (c.length > SUGGEST_MAX_CHARS * 4) continue;
    const y = norm(c);
    if (!y || y.length > SUGGEST_MAX_CHARS) continue;
    const max = Math.max(1, Math.floor(Math.max(x.length, y.length) / 3));
    let d = x === y ? 0 : editDistance(x, y, max);
    if (d > max && x.length >= 3 && y.startsWith(x)) d = max;
    if (d <= max) scored.push({ c, d, i });
  }
  // the nearest only; among equals, one starting with the same letter first
  const first = (c: string) => (norm(c)[0] === x[0] ? 0 : 1);
  scored.sort((a, b) => a.d - b.d || first(a.c) - first(b.c) || a.i - b.i);
  const best = scored.filter((s) => s.d === scored[0]!.d && first(s.c) === first(scored[0]!.c));
  return best.slice(0, 3).map((s) => s.c);
}
