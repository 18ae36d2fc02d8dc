/**
 * The canonical sales table: what `salesperf export` writes and what the SQL reads. One row per
 * accepted record, fixed column names (snake_case), then one text column per other column of the
 * inputs (dimensions), named by its header. Pure.
 */
import type { Dialect } from './dialect.js';

export type ColumnType = 'text' | 'date' | 'decimal' | 'bigint';

export interface CanonicalColumn {
  name: string;
  type: ColumnType;
  /** For decimals: the amount's or the quantity's scale (the most decimals any row has, at least 2 for amounts). */
  scale?: 'amount' | 'quantity';
  meaning: string;
}

export const CANONICAL_COLUMNS: readonly CanonicalColumn[] = [
  { name: 'source_file', type: 'text', meaning: 'the input file the row came from, as given on the command line' },
  { name: 'source_row', type: 'bigint', meaning: 'the row number in that file as the user sees it (CSV line or sheet row)' },
  { name: 'date', type: 'date', meaning: 'the close/order date' },
  { name: 'amount', type: 'decimal', scale: 'amount', meaning: 'the amount, exact; refunds negative' },
  { name: 'status', type: 'text', meaning: 'won, lost, open or refund' },
  { name: 'rep', type: 'text', meaning: 'sales rep (NULL when none)' },
  { name: 'customer', type: 'text', meaning: 'customer' },
  { name: 'team', type: 'text', meaning: 'team' },
  { name: 'region', type: 'text', meaning: 'region' },
  { name: 'product', type: 'text', meaning: 'product' },
  { name: 'channel', type: 'text', meaning: 'channel' },
  { name: 'deal_id', type: 'text', meaning: 'deal id (several rows may share one)' },
  { name: 'currency', type: 'text', meaning: 'currency code, upper case' },
  { name: 'created_date', type: 'date', meaning: 'the date the deal was created (sales cycle)' },
  { name: 'quantity', type: 'decimal', scale: 'quantity', meaning: 'units, exact' },
];

/** Written after `quantity` when the inputs map a profit or a cost column (profit = amount − cost), at the amount's decimals. */
export const PROFIT_COLUMN: CanonicalColumn = {
  name: 'profit',
  type: 'decimal',
  scale: 'amount',
  meaning: 'profit (amount − cost), exact; only when the inputs have profit or cost',
};

/**
 * Column names for the inputs' other columns: the header, trimmed; one that is blank, repeats or
 * is a canonical name (ignoring case) gets `_2`, `_3`… until it is unique.
 */
export function dimensionColumnNames(headers: readonly string[]): string[] {
  const taken = new Set([...CANONICAL_COLUMNS, PROFIT_COLUMN].map((c) => c.name.toLowerCase()));
  return headers.map((h) => {
    const base = h.trim() === '' ? 'column' : h.trim();
    let name = base;
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${base}_${k}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** The SQL type of a canonical column in a dialect. */
export function sqlType(d: Dialect, type: ColumnType, scale = 0): string {
  if (type === 'decimal') return /CAST\(x AS (.*)\)$/.exec(d.decimal('x', scale))![1]!;
  return type === 'date' ? 'DATE' : type === 'bigint' ? d.bigint : d.text;
}
