/**
 * Quirk: character references that are not characters (`&#x110000;` beyond
 * Unicode, `&#0;`, a lone surrogate) in a cell, a shared string or the sheet
 * name. `String.fromCodePoint` throws on the first; each stops with exit 3
 * naming the part and the row or string, never an internal error.
 */
import { describe, expect, it } from 'vitest';
import { xmlText } from '../../src/io/xlsx-reader.js';
import { runCli, writeTmp } from '../helpers.js';
import { GOOD_ROWS, makeZip, readXlsxError, readXlsxRows, rowXml, SHEET_PART, sheetXml, workbookParts } from './zip-fixture.js';

describe('XLSX character references', () => {
  it('good references decode as before', () => {
    expect(xmlText('a&#x4e2d;&#25991;&amp;&#x1F600;_x0041_')).toBe('a中文&😀A');
  });

  it('references that are not characters are refused', () => {
    for (const ref of ['&#x110000;', '&#1114112;', '&#0;', '&#xD800;', '&#x99999999999;']) {
      expect(() => xmlText(`x${ref}`)).toThrow(/is not a character/);
    }
  });

  it('in an inline-string cell: the part and row are named', async () => {
    const path = writeTmp('cell.xlsx', makeZip(workbookParts(sheetXml(GOOD_ROWS + rowXml(4, ['2026-01-07&#x110000;', 5])))));
    const e = await readXlsxError(path);
    expect(e).toMatchObject({ code: 'XLSX_CORRUPT', exitCode: 3 });
    expect(e.message).toBe(`${path}: ${SHEET_PART}: damaged XML: row 4: character reference &#x110000; is not a character`);
  });

  it('in a shared string: the string is named', async () => {
    const strings = '<sst><si><t>Date</t></si><si><t>Amount</t></si><si><r><t>bad &#x110000;</t></r></si></sst>';
    const sheet = sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>');
    const path = writeTmp('sst.xlsx', makeZip(workbookParts(sheet, { strings })));
    const e = await readXlsxError(path);
    expect(e.code).toBe('XLSX_CORRUPT');
    expect(e.message).toBe(
      `${path}: xl/sharedStrings.xml: damaged XML: string 2 (counting from 0): character reference &#x110000; is not a character`,
    );
  });

  it('in the sheet name: workbook.xml is named', async () => {
    const path = writeTmp('name.xlsx', makeZip(workbookParts(sheetXml(GOOD_ROWS), { sheetName: 'Q&#x110000;' })));
    const e = await readXlsxError(path);
    expect(e.code).toBe('XLSX_CORRUPT');
    expect(e.message).toBe(`${path}: xl/workbook.xml: damaged XML: character reference &#x110000; is not a character`);
  });

  it('in a row number attribute', async () => {
    const path = writeTmp('rownum.xlsx', makeZip(workbookParts(sheetXml(GOOD_ROWS + '<row r="&#x110000;"><c><v>1</v></c></row>'))));
    const e = await readXlsxError(path);
    expect(e.message).toBe(`${path}: ${SHEET_PART}: damaged XML: the row after row 3: character reference &#x110000; is not a character`);
  });

  it('a good reference in a shared string still reads', async () => {
    const strings = '<sst><si><t>Date</t></si><si><t>Amount &#x4e2d;</t></si></sst>';
    const sheet = sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>');
    const path = writeTmp('ok.xlsx', makeZip(workbookParts(sheet, { strings })));
    expect(await readXlsxRows(path)).toEqual([[1, ['Date', 'Amount 中']]]);
  });

  it('the CLI exits 3, not 70', () => {
    const path = writeTmp('cli.xlsx', makeZip(workbookParts(sheetXml(GOOD_ROWS), { sheetName: '&#x110000;' })));
    const r = runCli(['validate', path]);
    expect(r.stderr).toContain(`salesperf: error: ${path}: xl/workbook.xml: damaged XML`);
    expect(r.code).toBe(3);
  });
});
