/**
 * A property of `report --engine` (issue 12) through the application layer: for random small data
 * sets (refunds, lost and open deals, churn, empty periods, multi-line deals, rows without a deal
 * id or customer) written as a raw CSV, the JS engine's analysis of the CSV equals DuckDB's
 * analysis of the canonical CSV `salesperf export` writes of it (exportCommand, in process) —
 * every available KPI, money and counts exactly, ratios within one unit of the 6th decimal.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { analyse, type Analysis } from '../../src/app/analyse.js';
import { analyseSql } from '../../src/app/engine.js';
import { toIngestOptions } from '../../src/cli/ingest-options.js';
import { exportCommand } from '../../src/cli/export.js';
import type { CliIO } from '../../src/cli/io.js';
import { KPI_BY_ID } from '../../src/kpi/index.js';
import { tmp, writeTmp } from '../helpers.js';

const STATUSES = ['Won', 'Won', 'Won', 'Lost', 'Open', 'Refund'] as const;

const rowArb = fc.record({
  // days in 2025-11 … 2026-06: months without rows happen (empty periods)
  day: fc.integer({ min: 0, max: 240 }),
  status: fc.constantFrom(...STATUSES),
  rep: fc.constantFrom('Ann', 'Bob', 'Rep 10', 'Rep 2'),
  customer: fc.option(fc.constantFrom('C1', 'C2', 'C3', 'C4'), { nil: null, freq: 5 }),
  deal: fc.option(fc.constantFrom('D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7'), { nil: null, freq: 6 }),
  cents: fc.integer({ min: 1, max: 5_000_000 }),
  cycle: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null, freq: 4 }),
  qty: fc.integer({ min: 1, max: 9 }),
});

function iso(day: number): string {
  return new Date(Date.UTC(2025, 10, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

type Row = {
  day: number;
  status: (typeof STATUSES)[number];
  rep: string;
  customer: string | null;
  deal: string | null;
  cents: number;
  cycle: number | null;
  qty: number;
};

function rawCsv(rows: Row[]): string {
  const lines = rows.map((r) => {
    const amount = `${r.status === 'Refund' ? '-' : ''}${Math.floor(r.cents / 100)}.${String(r.cents % 100).padStart(2, '0')}`;
    return [iso(r.day), r.deal ?? '', r.rep, r.customer ?? '', r.cycle === null ? '' : iso(r.day - r.cycle), r.qty, r.status, amount].join(
      ',',
    );
  });
  return `Date,Deal ID,Rep,Customer,Created,Quantity,Status,Amount\n${lines.join('\n')}\n`;
}

const quietIO: CliIO = { stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
const AS_OF = '2026-06-20';

function expectSame(sql: Analysis, js: Analysis, where: string): void {
  const a = sql.result;
  const b = js.result;
  expect(a.periods, where).toEqual(b.periods);
  expect(a.dimensions, where).toEqual(b.dimensions);
  expect(a.available, where).toEqual(b.available);
  for (const part of ['rows', 'totals'] as const) {
    expect(
      a[part].map((r) => [r.period, r.dims]),
      where,
    ).toEqual(b[part].map((r) => [r.period, r.dims]));
    a[part].forEach((r, i) => {
      for (const k of b.available) {
        const x = r.kpis[k] ?? null;
        const y = b[part][i]!.kpis[k] ?? null;
        const at = `${where} ${part} ${r.period} ${JSON.stringify(r.dims)} ${k}: duckdb ${x} js ${y}`;
        if (KPI_BY_ID.get(k)!.unit === 'ratio' && x !== null && y !== null) expect(Math.abs(x - y), at).toBeLessThanOrEqual(1.000001e-6);
        else expect(x, at).toBe(y);
      }
    });
  }
}

describe('report --engine duckdb = js on random small data sets (application layer)', () => {
  it('every KPI, by rep and totals, months and quarters', async () => {
    const dir = tmp();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 40 }),
        fc.constantFrom('month', 'quarter'),
        fc.constantFrom('rep', ''),
        async (rows, grain, by) => {
          // the optional columns exist in the JS reading whatever the values; the canonical file shows them only when some row has one
          rows[0] = { ...rows[0]!, customer: rows[0]!.customer ?? 'C1', cycle: rows[0]!.cycle ?? 3 };
          const raw = writeTmp(`raw-${n}.csv`, rawCsv(rows), dir);
          const canonical = join(dir, `clean-${n++}.csv`);
          const ingestFlags = { asOf: AS_OF, quiet: true };
          expect(await exportCommand([raw], { ...ingestFlags, out: canonical }, quietIO)).toBe(0);
          const flags = { by, grain };
          const js = await analyse([raw], flags, toIngestOptions(ingestFlags));
          const sql = await analyseSql({ engine: 'duckdb', note: null }, [canonical], flags, toIngestOptions(ingestFlags));
          if ('fallback' in sql) throw new Error('a canonical file never falls back');
          expectSame(sql, js, `${grain} by ${by || '(none)'}\n${rawCsv(rows)}`);
        },
      ),
      { numRuns: 25, seed: 12 },
    );
  }, 120_000);
});
