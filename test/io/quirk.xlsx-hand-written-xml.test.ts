/**
 * Quirk: a workbook whose XML was not written by Excel or exceljs — a namespace
 * prefix on every element (`<x:c>`), single-quoted attributes in any order,
 * cells without a reference, `<v>` with attributes, inline strings, empty and
 * self-closing cells, an extension list inside a row, entities, booleans,
 * errors and formulas. The hand-written cell scanner must read it as Excel
 * shows it. The zip is built here byte by byte (stored entries).
 */
import { describe, expect, it } from 'vitest';
import { DateCell } from '../../src/io/source.js';
import { openXlsx } from '../../src/io/xlsx-reader.js';
import { writeTmp } from '../helpers.js';
import { makeZip } from './zip-fixture.js';

/** A zip of stored (uncompressed) entries. */
function storedZip(files: Record<string, string>): Buffer {
  return makeZip(Object.entries(files).map(([name, data]) => ({ name, data, method: 0 })));
}

const NS = `xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main' xmlns:r='http://schemas.openxmlformats.org/officeDocument/2006/relationships'`;

describe('XLSX quirks', () => {
  it('prefixed, hand-written sheet XML reads as Excel shows it', async () => {
    const sheet =
      `<?xml version="1.0"?><x:worksheet ${NS}><x:sheetData>` +
      // header: shared strings, one cell with attributes in another order and single quotes
      `<x:row r='1'><x:c r='A1' t='s'><x:v>0</x:v></x:c><x:c t="s" r="B1"><x:v>1</x:v></x:c><x:c s='0' t='s' r='C1'><x:v>2</x:v></x:c><x:c r='D1' t='inlineStr'><x:is><x:t>Note</x:t></x:is></x:c></x:row>` +
      // a date cell (style 1 = numFmt 14), a number with a formula, a boolean; D2 has no r and follows C2
      `<x:row r='2' spans='1:4'><x:c r='A2' s='1'><x:v>46023</x:v></x:c><x:c r='B2'><x:f>10*12.5</x:f><x:v xml:space='preserve'>125</x:v></x:c><x:c r='C2' t='b'><x:v>1</x:v></x:c><x:c t='inlineStr'><x:is><x:t>a &amp; b</x:t><x:t> c</x:t></x:is></x:c></x:row>` +
      // an empty self-closing cell, an error, a formula string, and an extension list in the row
      `<x:row r='4'><x:c r='A4' s='1'/><x:c r='B4' t='e'><x:v>#N/A</x:v></x:c><x:c r='C4' t='str'><x:f>"x"&amp;"y"</x:f><x:v>x&lt;y</x:v></x:c><x:extLst><x:ext uri='u'/></x:extLst><x:c r='E4'><x:v>0.1</x:v></x:c></x:row>` +
      `</x:sheetData></x:worksheet>`;
    const path = writeTmp(
      'prefixed.xlsx',
      storedZip({
        'xl/workbook.xml': `<x:workbook ${NS}><x:sheets><x:sheet name='Data' sheetId='1' r:id='rId1'/></x:sheets></x:workbook>`,
        'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        'xl/styles.xml': `<x:styleSheet ${NS}><x:cellXfs count='2'><x:xf numFmtId='0'/><x:xf numFmtId='14' applyNumberFormat='1'/></x:cellXfs></x:styleSheet>`,
        'xl/sharedStrings.xml': `<x:sst ${NS}><x:si><x:t>Date</x:t></x:si><x:si><x:t>Amount</x:t></x:si><x:si><x:t>Won?</x:t></x:si></x:sst>`,
        'xl/worksheets/sheet1.xml': sheet,
      }),
    );
    const src = await openXlsx(path);
    expect(src.info.sheet).toBe('Data');
    const rows: [number, unknown[]][] = [];
    for await (const b of src.batches()) b.rows.forEach((r, i) => rows.push([b.lines[i]!, r]));
    // by hand: serial 46023 is 2026-01-01 (day 20454 since 1970-01-01); 0.1 prints as Excel shows it
    expect(rows).toEqual([
      [1, ['Date', 'Amount', 'Won?', 'Note']],
      [2, [new DateCell(20454), '125', 'TRUE', 'a & b c']],
      [4, ['', '#N/A', 'x<y', '', '0.1']],
    ]);
  });
});
