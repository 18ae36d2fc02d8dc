import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/core/parse-date.js';
import { recordSchema } from '../../src/ingest/record.js';
import { ROOT, ingest, writeTmp } from '../helpers.js';

describe('the compiled builder keeps the record contract', () => {
  it('every accepted record of the bundled sample satisfies recordSchema, and counts add up', async () => {
    const { records, file } = await ingest([join(ROOT, 'fixtures/sample/sales.csv')]);
    for (const r of records) recordSchema.parse(r);
    expect(file.accepted + file.rejected + file.excluded).toBe(file.rowsRead);
    expect(records.length).toBe(569); // wc -l fixtures/sample/sales.csv = 570 lines with the header
  });

  it('random cells give a valid record or issues — never a throw, never a silent drop', async () => {
    const cell = fc.oneof(
      fc.constantFrom('', '2026-01-05', '13/01/26', '1,200.50', '(5)', 'Won', 'Refund', 'x', '万', '"'),
      fc.string({ maxLength: 6 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }), async (rows) => {
        const esc = (s: string) => `"${s.replace(/"/g, '""')}"`;
        const text = 'Date,Amount,Status\n' + rows.map((r) => r.map(esc).join(',')).join('\n') + '\n';
        let out;
        try {
          out = await ingest([writeTmp('p.csv', text)], { dateFormat: 'dmy', decimal: '.' });
        } catch (e) {
          // the only allowed stops are flag-worthy column decisions, as usage errors
          expect((e as { exitCode?: number }).exitCode).toBe(2);
          return;
        }
        for (const r of out.records) recordSchema.parse(r);
        const f = out.file;
        expect(f.accepted + f.rejected + f.excluded).toBe(f.rowsRead);
        expect(out.run.log.count('error')).toBeGreaterThanOrEqual(f.rejected);
      }),
      { numRuns: 80 },
    );
  });

  it('random date text never throws: a day or NaN', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const d = parseDate(s, { order: 'dmy', serials: true });
        expect(Number.isNaN(d) || Number.isInteger(d)).toBe(true);
      }),
    );
  });
});
