/**
 * Quirk: absurd cell references and row numbers. `r="ZZZZZZ2"` in a 1.6 KB
 * sheet padded the row to hundreds of millions of cells (GBs, killed). Now a
 * column beyond XFD (16,384), a row beyond 1,048,576, rows going backwards and
 * a shared-string index past the table stop with exit 3 naming the part and
 * row; XFD itself, Excel's last column, still reads.
 */
import { describe, expect, it } from 'vitest';
import { runCli, writeTmp } from '../helpers.js';
import { GOOD_ROWS, makeZip, readXlsxError, readXlsxRows, rowXml, SHEET_PART, sheetXml, workbookParts } from './zip-fixture.js';

const withRow = (row: string) => makeZip(workbookParts(sheetXml(GOOD_ROWS + row)));

describe('XLSX cell references', () => {
  it('XFD, the last column, reads: the row is 16,384 cells wide', async () => {
    const rows = await readXlsxRows(writeTmp('xfd.xlsx', withRow('<row r="4"><c r="A4"><v>1</v></c><c r="XFD4"><v>2</v></c></row>')));
    const last = rows[3]!;
    expect(last[0]).toBe(4);
    expect(last[1].length).toBe(16_384);
    expect([last[1][0], last[1][16_383]]).toEqual(['1', '2']);
    expect(last[1].slice(1, 16_383).every((c) => c === '')).toBe(true);
  });

  it('XFE, one past it, is refused', async () => {
    const path = writeTmp('xfe.xlsx', withRow('<row r="4"><c r="XFE4"><v>2</v></c></row>'));
    const e = await readXlsxError(path);
    expect(e).toMatchObject({ code: 'XLSX_CORRUPT', exitCode: 3 });
    expect(e.message).toBe(
      `${path}: ${SHEET_PART}: damaged XML: row 4: cell reference "XFE4" is beyond column XFD (16,384), the last Excel has`,
    );
  });

  it('ZZZZZZ2 is refused at once (it padded the row to 321 million cells)', async () => {
    const sheet = sheetXml(rowXml(1, ['Date', 'Amount']) + '<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>');
    const path = writeTmp('zzz.xlsx', makeZip(workbookParts(sheet)));
    const e = await readXlsxError(path);
    expect(e.message).toContain(`${SHEET_PART}: damaged XML: row 2: cell reference "ZZZZZZ2" is beyond column XFD`);
  });

  it('cells without references past column 16,384 hit the column limit', async () => {
    const path = writeTmp('many.xlsx', withRow(`<row r="4">${'<c><v>1</v></c>'.repeat(16_385)}</row>`));
    const e = await readXlsxError(path);
    expect(e).toMatchObject({ code: 'INPUT_LIMIT', exitCode: 3 });
    expect(e.message).toContain(`${path}: ${SHEET_PART}: row 4: more than 16,384 columns`);
  });

  it('a row beyond 1,048,576 is refused', async () => {
    const path = writeTmp('row.xlsx', withRow('<row r="1048577"><c><v>1</v></c></row>'));
    const e = await readXlsxError(path);
    expect(e.message).toBe(
      `${path}: ${SHEET_PART}: damaged XML: the row after row 3: row number 1048577 is beyond row 1,048,576, the last Excel has`,
    );
  });

  it('row 1,048,576 itself reads', async () => {
    const rows = await readXlsxRows(writeTmp('lastrow.xlsx', withRow('<row r="1048576"><c><v>1</v></c></row>')));
    expect(rows.at(-1)).toEqual([1_048_576, ['1']]);
  });

  it('rows going backwards are refused', async () => {
    const path = writeTmp('back.xlsx', withRow('<row r="2"><c><v>1</v></c></row>'));
    const e = await readXlsxError(path);
    expect(e.message).toBe(
      `${path}: ${SHEET_PART}: damaged XML: the row after row 3: row number 2 comes after row 3 (rows must go down the sheet)`,
    );
  });

  it('a shared-string index past the table is refused, not read as empty', async () => {
    const strings = '<sst><si><t>Date</t></si><si><t>Amount</t></si></sst>';
    const sheet = sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>');
    const path = writeTmp('sst.xlsx', makeZip(workbookParts(sheet, { strings })));
    const e = await readXlsxError(path);
    expect(e.message).toBe(
      `${path}: ${SHEET_PART}: damaged XML: row 1: a cell refers to shared string "7", but xl/sharedStrings.xml has 2`,
    );
  });

  it('the CLI exits 3 on ZZZZZZ2 instead of running out of memory', () => {
    const path = writeTmp(
      'cli.xlsx',
      makeZip(workbookParts(sheetXml(rowXml(1, ['Date', 'Amount']) + '<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>'))),
    );
    const r = runCli(['validate', path]);
    expect(r.stderr).toContain('cell reference "ZZZZZZ2" is beyond column XFD');
    expect(r.code).toBe(3);
  });
});
