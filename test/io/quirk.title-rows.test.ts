import { describe, expect, it } from 'vitest';
import { ingest, writeTmp } from '../helpers.js';

describe('CSV layout quirks', () => {
  it('a header below title rows is found and the title rows are reported', async () => {
    const text = 'Monthly sales report,,\nExported 2026-02-01,,\n,,\nDate,Customer,Amount\n2026-01-05,A,10\n';
    const { records, file } = await ingest([writeTmp('t.csv', text)]);
    expect(file.headerRow).toBe(4);
    expect(file.warnings.join()).toContain('header found on row 4');
    expect(records.map((r) => [r.row, r.customer])).toEqual([[5, 'A']]);
    const forced = await ingest([writeTmp('t2.csv', text)], { headerRow: 4 });
    expect(forced.file.headerRow).toBe(4);
  });
});
