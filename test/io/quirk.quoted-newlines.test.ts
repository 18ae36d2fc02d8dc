import { describe, expect, it } from 'vitest';
import { ingest, plain, writeTmp } from '../helpers.js';

describe('CSV layout quirks', () => {
  it('quoted newlines, "" and CRLF: row numbers are the line where each record starts', async () => {
    const text = 'Date,Customer,Amount\r\n2026-01-05,"Acme\r\nEast ""Wing""",10\r\n\r\n2026-01-06,"B, Ltd",20\r\n2026-01-07,C,30';
    const { records } = await ingest([writeTmp('q.csv', text)]);
    expect(records.map((r) => [r.row, r.customer, plain(r).amount])).toEqual([
      [2, 'Acme\r\nEast "Wing"', '10'],
      [5, 'B, Ltd', '20'], // line 4 is blank
      [6, 'C', '30'], // no final newline
    ]);
  });
});
