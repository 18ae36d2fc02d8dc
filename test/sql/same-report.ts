/**
 * The report JSON of one engine compared with another's (report-engine and
 * report-raw-csv tests): everything but meta.engine and meta.inputs.
 */
import { expect } from 'vitest';
import { KPI_BY_ID } from '../../src/engine/kpis.js';

export type Doc = {
  meta: Record<string, unknown>;
  rows: Record<string, unknown>[];
  totals: Record<string, unknown>[];
  issues: Record<string, number>;
};

/** Everything but meta.engine and meta.inputs: money and counts exactly, ratios within one unit of the 6th decimal. */
export function expectSameReport(got: Doc, want: Doc, where: string): number {
  const strip = (d: Doc) => ({ ...d.meta, engine: undefined, inputs: undefined });
  expect(strip(got), where).toEqual(strip(want));
  expect(got.issues, where).toEqual(want.issues);
  let n = 0;
  for (const part of ['rows', 'totals'] as const) {
    expect(got[part].length, `${where} ${part}`).toBe(want[part].length);
    want[part].forEach((w, i) => {
      const g = got[part][i]!;
      expect(Object.keys(g), where).toEqual(Object.keys(w));
      for (const [k, v] of Object.entries(w)) {
        n++;
        const at = `${where} ${part}[${i}] ${k}`;
        if (KPI_BY_ID.get(k)?.unit === 'ratio' && typeof v === 'number' && typeof g[k] === 'number')
          expect(Math.abs((g[k] as number) - v), at).toBeLessThanOrEqual(1.000001e-6);
        else expect(g[k], at).toBe(v);
      }
    });
  }
  return n;
}
