/**
 * Decisions made once per file from its first rows: which row is the header,
 * the day/month order of slashed dates, and the decimal separator of number
 * columns. A column that stays ambiguous is reported, never guessed.
 */
import { dateOrderVote, type DateOrder } from '../core/parse-date.js';
import { separatorVote, type DecimalSeparator } from '../core/parse-number.js';
import type { Cell } from '../io/source.js';
import { FIELDS, headerKey, SYNONYMS } from './mapping.js';

const ALL_SYNONYMS = new Set(FIELDS.flatMap((f) => SYNONYMS[f]));
/** A longer cell is data, not a header: it is not normalised to be looked up (a multi-MB note would cost seconds). */
const HEADER_MAX = 256;

/** Index (into `rows`) of the header row: the first of the top rows matching most known headers. */
export function detectHeaderRow(rows: readonly Cell[][], mapped: readonly string[] = []): number {
  const extra = new Set(mapped.map(headerKey));
  let best = -1;
  let bestScore = 0;
  const limit = Math.min(rows.length, 30);
  for (let i = 0; i < limit; i++) {
    const row = rows[i]!;
    let score = 0;
    for (const c of row) {
      if (typeof c !== 'string' || c.length > HEADER_MAX) continue;
      const k = headerKey(c);
      if (ALL_SYNONYMS.has(k) || extra.has(k)) score++;
    }
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0 && bestScore >= 2) return best;
  // no recognisable header: the first row with as many non-empty text cells as the widest of the top rows
  let width = 0;
  for (let i = 0; i < limit; i++) width = Math.max(width, rows[i]!.filter((c) => c !== '').length);
  for (let i = 0; i < limit; i++) {
    const r = rows[i]!;
    const texts = r.filter((c) => typeof c === 'string' && c !== '' && !/^[-+(]?[\d.,\s%$¥€£]+\)?$/.test(c)).length;
    if (texts >= Math.max(1, width - 1)) return i;
  }
  return 0;
}

export type DateColumnDecision =
  { kind: 'ok'; order: DateOrder | null; serials: boolean; decidedBy?: string } | { kind: 'ambiguous'; examples: string[] };

/** Decide a date column's day/month order from its values. */
export function inferDateColumn(values: Iterable<Cell>, forced?: DateOrder | 'ymd' | null): DateColumnDecision {
  let dmy: string | undefined;
  let mdy: string | undefined;
  const either: string[] = [];
  let serial = 0;
  let texts = 0;
  for (const v of values) {
    if (typeof v !== 'string' || v.trim() === '') continue;
    texts++;
    const vote = dateOrderVote(v);
    if (vote === 'dmy') dmy ??= v;
    else if (vote === 'mdy') mdy ??= v;
    else if (vote === 'either') {
      if (either.length < 3) either.push(v);
    } else if (vote === 'serial') serial++;
  }
  const serials = texts > 0 && serial / texts >= 0.9;
  if (forced) return { kind: 'ok', order: forced === 'ymd' ? null : forced, serials };
  if (dmy && !mdy) return { kind: 'ok', order: 'dmy', serials, decidedBy: dmy };
  if (mdy && !dmy) return { kind: 'ok', order: 'mdy', serials, decidedBy: mdy };
  if (dmy && mdy) return { kind: 'ok', order: null, serials }; // mixed: each value must be unambiguous on its own
  if (either.length) return { kind: 'ambiguous', examples: either };
  return { kind: 'ok', order: null, serials };
}

export type NumberColumnDecision =
  | { kind: 'ok'; decimal: DecimalSeparator; decidedBy?: string }
  | { kind: 'ambiguous'; examples: string[] }
  | { kind: 'conflict'; point: string; comma: string };

/** Decide a number column's decimal separator from its values. */
export function inferNumberColumn(values: Iterable<Cell>, typed: boolean): NumberColumnDecision {
  if (typed) return { kind: 'ok', decimal: '.' };
  let point: string | undefined;
  let comma: string | undefined;
  const ambiguous: string[] = [];
  for (const v of values) {
    if (typeof v !== 'string' || v === '') continue;
    const vote = separatorVote(v);
    if (vote === 'point') point ??= v;
    else if (vote === 'comma') comma ??= v;
    else if (vote === 'ambiguous' && ambiguous.length < 3) ambiguous.push(v);
  }
  if (point && comma) return { kind: 'conflict', point, comma };
  if (comma) return { kind: 'ok', decimal: ',', decidedBy: comma };
  if (point) return { kind: 'ok', decimal: '.', decidedBy: point };
  if (ambiguous.length) return { kind: 'ambiguous', examples: ambiguous };
  return { kind: 'ok', decimal: '.' };
}

/** Quartile-based upper fence on log10|amount| (Tukey far-out, k = 3); null with fewer than 20 values. */
export function outlierFence(logs: number[]): number | null {
  if (logs.length < 20) return null;
  const s = [...logs].sort((a, b) => a - b);
  const q = (p: number) => {
    const x = (s.length - 1) * p;
    const lo = Math.floor(x);
    return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (x - lo);
  };
  const q1 = q(0.25);
  const q3 = q(0.75);
  return q3 + 3 * Math.max(q3 - q1, 0.5);
}
