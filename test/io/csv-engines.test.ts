import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCsv } from '../../src/io/csv-reader.js';
import { writeTmp } from '../helpers.js';

async function rows(path: string, engine: 'fast' | 'csv-parse', batchSize?: number) {
  const src = await openCsv(path, { engine, ...(batchSize ? { batchSize } : {}) });
  const out: [number, string[]][] = [];
  for await (const b of src.batches()) b.rows.forEach((r, i) => out.push([b.lines[i]!, r as string[]]));
  return out;
}

describe('fast splitter and csv-parse give identical rows', () => {
  it('on tricky CSV: quoted newlines, "", BOM, CRLF, ragged rows, blank lines, no final newline', async () => {
    const text = '\ufeffa,b,c\r\n1,"x\r\ny",3\r\n\r\n"q""uote",,\r\n4,5\r\n6,7,8,9\r\n"",""," "\r\nlast,row,"end"';
    const p = writeTmp('tricky.csv', text);
    const fast = await rows(p, 'fast');
    expect(fast).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', 'x\r\ny', '3']],
      [5, ['q"uote', '', '']],
      [6, ['4', '5']],
      [7, ['6', '7', '8', '9']],
      [8, ['', '', ' ']],
      [9, ['last', 'row', 'end']],
    ]);
    expect(await rows(p, 'csv-parse')).toEqual(fast);
  });

  it('on random well-formed CSV, across chunk boundaries', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', '中'), maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 30 }), async (table) => {
        const esc = (f: string) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);
        const text = table.map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
        const p = writeTmp('r.csv', text);
        const fast = await rows(p, 'fast', 3);
        expect(fast.map(([, r]) => r)).toEqual(table);
        expect(await rows(p, 'csv-parse', 3)).toEqual(fast);
      }),
      { numRuns: 60 },
    );
  });

  it('a big file split into many chunks reads the same as in one piece', async () => {
    let text = 'id,name,amount\n';
    for (let i = 0; i < 60000; i++) text += `${i},"Name, ${i} ""x""\nline2",${i}.5\n`;
    const p = writeTmp('big.csv', text);
    const fast = await rows(p, 'fast');
    expect(fast.length).toBe(60001);
    expect(fast[60000]).toEqual([1 + 2 * 59999 + 1, ['59999', 'Name, 59999 "x"\nline2', '59999.5']]);
    expect(await rows(p, 'csv-parse')).toEqual(fast);
  });
});
