/**
 * The dialects' SQL text: one reviewed snapshot per dialect (test/sql/snapshots/DIALECT.sql) of
 * the pieces a KPI query is built from, for the engines that cannot run here (Spark, Trino,
 * BigQuery, Snowflake) and to see any change in the others; plus the pure helpers.
 */
import { describe, expect, it } from 'vitest';
import { DIALECTS, dialectOf, medianQuery, periodKeyExpr, periodOrdinal } from '../../src/sql/dialect.js';
import { dimensionColumnNames } from '../../src/sql/canonical.js';
import { exportKind } from '../../src/cli/export.js';
import type { Calendar } from '../../src/engine/periods.js';

const CALS: [string, Calendar][] = [
  ['month', { grain: 'month', fiscalStart: 1 }],
  ['fiscal quarter (April)', { grain: 'quarter', fiscalStart: 4 }],
  ['fiscal year (July)', { grain: 'year', fiscalStart: 7 }],
  ['ISO week', { grain: 'week', fiscalStart: 1 }],
];

describe('dialect SQL snapshots', () => {
  for (const name of DIALECTS) {
    it(`${name}: reviewed pieces`, async () => {
      const d = dialectOf(name);
      const date = d.ident('date');
      const parts: [string, string][] = [
        ['identifier with a quote', d.ident('Sales "Q1"')],
        ['string with a quote and a backslash', d.string("O'Brien \\ 销售")],
        ['date literal', d.date('2026-01-05')],
        ['exact sum at 2 decimals', d.sumExact(d.ident('amount'), 2)],
        ['round half away from zero', d.round(d.ident('amount'), 2)],
        ['days between', d.dateDiffDays(date, d.ident('created_date'))],
        ['count distinct', d.countDistinct(d.ident('deal_id'))],
        ['median', d.median(d.ident('cycle_days')) ?? '(none: medianQuery)'],
        ['median by window functions', medianQuery(d, { from: d.ident('sales'), groups: [d.ident('rep')], value: d.ident('cycle_days') })],
        ['spine', `SELECT p FROM ${d.spine(24300, 24311)} AS s`],
        [
          'order and limit',
          `${d.orderBy([
            { expr: d.ident('rep'), nulls: 'last' },
            { expr: 'revenue', desc: true, nulls: 'first' },
          ])} ${d.limit(10)}`,
        ],
        ...CALS.flatMap(([label, cal]): [string, string][] => [
          [`${label}: ordinal`, periodOrdinal(d, date, cal)],
          [`${label}: key`, periodKeyExpr(d, 'p', cal)],
        ]),
      ];
      const text = parts.map(([label, sql]) => `-- ${label}\n${sql};\n`).join('\n');
      await expect(text).toMatchFileSnapshot(`snapshots/${name}.sql`);
    });
  }

  it('refuses a scale beyond DECIMAL(38) and a LIMIT that is not a count', () => {
    const d = dialectOf('duckdb');
    expect(() => d.decimal('x', 39)).toThrow(RangeError);
    expect(() => d.limit(-1)).toThrow(RangeError);
    expect(() => d.date('2026-1-5')).toThrow(RangeError);
    expect(() => periodOrdinal(d, 'd', { grain: 'month', fiscalStart: 13 })).toThrow(RangeError);
  });
});

describe('canonical table helpers', () => {
  it('other columns keep their header; blank, repeated or canonical names get _2, _3', () => {
    expect(dimensionColumnNames(['Segment', ' Region ', 'segment', '', 'Amount', 'source_file', 'Source_File'])).toEqual([
      'Segment',
      'Region_2',
      'segment_2',
      'column',
      'Amount_2',
      'source_file_2',
      'Source_File_3',
    ]);
  });

  it('--to names CSV, Parquet or stdout by its extension', () => {
    expect(['a.csv', 'A.CSV', 'x.parquet', '-', 'x.json', 'csv', 'x.csv.gz'].map(exportKind)).toEqual([
      'csv',
      'csv',
      'parquet',
      'csv',
      null,
      null,
      null,
    ]);
  });
});
