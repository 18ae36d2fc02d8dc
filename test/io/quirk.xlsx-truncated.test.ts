/**
 * Quirk: a sheet whose XML is cut off — mid-row, between rows, or after its
 * rows but before `</worksheet>` — with a zip that is otherwise sound (the
 * sizes match the cut XML). It was read as a short sheet ("1 row read, 0
 * errors", exit 0); now it is damaged: exit 3 naming the part and the row.
 */
import { describe, expect, it } from 'vitest';
import { runCli, writeTmp } from '../helpers.js';
import { GOOD_ROWS, makeZip, readXlsxError, readXlsxRows, SHEET_PART, sheetXml, workbookParts } from './zip-fixture.js';

const full = sheetXml(GOOD_ROWS);
const cutAt = (marker: string, extra = 0) => full.slice(0, full.indexOf(marker) + extra);

describe('truncated sheet XML', () => {
  it('the whole sheet reads', async () => {
    const path = writeTmp('whole.xlsx', makeZip(workbookParts(full)));
    expect((await readXlsxRows(path)).length).toBe(3);
  });

  it('cut inside row 3', async () => {
    const path = writeTmp('mid-row.xlsx', makeZip(workbookParts(cutAt('<row r="3">', 20))));
    const e = await readXlsxError(path);
    expect(e).toMatchObject({ code: 'XLSX_CORRUPT', exitCode: 3 });
    expect(e.message).toBe(`${path}: ${SHEET_PART}: damaged XML: the sheet ends inside row 3; the file is truncated`);
  });

  it('cut inside the start tag of row 3', async () => {
    const path = writeTmp('mid-tag.xlsx', makeZip(workbookParts(cutAt('<row r="3">', 6))));
    const e = await readXlsxError(path);
    expect(e.message).toBe(
      `${path}: ${SHEET_PART}: damaged XML: the sheet ends before its closing </worksheet> tag, after row 2; the file is truncated`,
    );
  });

  it('cut after the last row, before </sheetData>', async () => {
    const path = writeTmp('after-rows.xlsx', makeZip(workbookParts(cutAt('</sheetData>'))));
    const e = await readXlsxError(path);
    expect(e.message).toBe(
      `${path}: ${SHEET_PART}: damaged XML: the sheet ends before its closing </worksheet> tag, after row 3; the file is truncated`,
    );
  });

  it('a cell without its end inside a complete row', async () => {
    const path = writeTmp('cell.xlsx', makeZip(workbookParts(sheetXml(GOOD_ROWS + '<row r="4"><c r="A4"><v>1</v></row>'))));
    const e = await readXlsxError(path);
    expect(e.message).toBe(`${path}: ${SHEET_PART}: damaged XML: row 4: a cell has no closing </c>`);
  });

  it('an empty shared-string table that closes itself is whole, not truncated', async () => {
    const path = writeTmp(
      'empty-sst.xlsx',
      makeZip(
        workbookParts(full, {
          strings:
            '<?xml version="1.0"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>\n',
        }),
      ),
    );
    expect((await readXlsxRows(path)).length).toBe(3);
  });

  it('shared strings cut off are damaged', async () => {
    const path = writeTmp('cut-sst.xlsx', makeZip(workbookParts(full, { strings: '<sst><si><t>Date</t></si><si><t>Amo' })));
    const e = await readXlsxError(path);
    expect(e.message).toBe(`${path}: xl/sharedStrings.xml: damaged XML: string 1 (counting from 0): it has no end`);
  });

  it('the CLI exits 3 instead of validating a short sheet', () => {
    const path = writeTmp('cli.xlsx', makeZip(workbookParts(cutAt('<row r="3">', 20))));
    const r = runCli(['validate', path]);
    expect(r.stderr).toContain('the sheet ends inside row 3');
    expect(r.code).toBe(3);
  });
});
