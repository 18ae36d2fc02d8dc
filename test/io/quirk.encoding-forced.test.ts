import { describe, expect, it } from 'vitest';
import { encodeGbk, ingest, plain, writeTmp } from '../helpers.js';

const CSV = 'Date,Rep,Customer,Amount\n2026-01-05,Zoë,Café Ünïcode,"1,200.50"\n2026-01-06,José,Señor SA,99\n';
const want = [
  { row: 2, date: '2026-01-05', amount: '1200.5', status: 'won', rep: 'Zoë', customer: 'Café Ünïcode' },
  { row: 3, date: '2026-01-06', amount: '99', status: 'won', rep: 'José', customer: 'Señor SA' },
];

describe('CSV encodings', () => {
  it('--encoding forces a decoder', async () => {
    const { records } = await ingest([writeTmp('forced.csv', Buffer.from(CSV, 'latin1'))], { encoding: 'latin1' });
    expect(records[0]!.rep).toBe('Zoë');
  });
});
