import { describe, expect, it } from 'vitest';
import { ingest, plain, writeTmp } from '../helpers.js';

describe('CSV layout quirks', () => {
  it('semicolon delimiter with decimal commas is detected per column', async () => {
    const { records, file } = await ingest(
      [writeTmp('semi.csv', 'Datum;Verkäufer;Betrag\n05.01.2026;Anna;1.234,56\n13.01.2026;Ben;99,5\n')],
      { map: { rep: 'Verkäufer', amount: 'Betrag', date: 'Datum' } },
    );
    expect(file.delimiter).toBe(';');
    expect(file.formats.decimal).toBe(',');
    expect(records.map((r) => [plain(r).date, plain(r).amount])).toEqual([
      ['2026-01-05', '1234.56'],
      ['2026-01-13', '99.5'],
    ]);
  });
});
