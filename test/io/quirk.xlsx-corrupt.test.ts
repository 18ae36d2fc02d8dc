/**
 * Quirk: damaged zip data inside an .xlsx — a corrupt deflate stream, an entry
 * whose compressed size in the zip directory is too small or runs past the
 * file's end, sizes that do not match, a sheet the workbook lists but the zip
 * lacks. Each stops with exit 3 naming the file and the part, never an
 * internal error (exit 70).
 */
import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { runCli, writeTmp } from '../helpers.js';
import { GOOD_ROWS, makeZip, readXlsxError, readXlsxRows, SHEET_PART, sheetXml, workbookParts } from './zip-fixture.js';

const sheet = sheetXml(GOOD_ROWS);

describe('XLSX with damaged zip data', () => {
  it('the undamaged workbook reads (the baseline the others break)', async () => {
    const path = writeTmp('good.xlsx', makeZip(workbookParts(sheet)));
    expect(await readXlsxRows(path)).toEqual([
      [1, ['Date', 'Amount']],
      [2, ['2026-01-05', '100']],
      [3, ['2026-01-06', '250.5']],
    ]);
  });

  it('a deflate block of the reserved type 3 ("invalid block type")', async () => {
    const path = writeTmp(
      'bad-block.xlsx',
      makeZip(workbookParts(sheet, { overrides: { [SHEET_PART]: { raw: Buffer.from([0x07, 0x00, 0x00, 0x00]) } } })),
    );
    const e = await readXlsxError(path);
    expect(e).toMatchObject({ name: 'SalesperfError', code: 'XLSX_CORRUPT', exitCode: 3 });
    expect(e.message).toContain(`${path}: ${SHEET_PART}: damaged compressed data near inflated byte 0`);
  });

  it('a stored block whose length and its complement disagree ("invalid stored block lengths")', async () => {
    // BFINAL=1 BTYPE=00, then LEN=5 and NLEN=0 (should be 0xfffa)
    const raw = Buffer.from([0x01, 0x05, 0x00, 0x00, 0x00, 0x61, 0x62, 0x63, 0x64, 0x65]);
    const path = writeTmp('stored.xlsx', makeZip(workbookParts(sheet, { overrides: { [SHEET_PART]: { raw } } })));
    const e = await readXlsxError(path);
    expect(e.code).toBe('XLSX_CORRUPT');
    expect(e.message).toMatch(/xl\/worksheets\/sheet1\.xml: damaged compressed data .*invalid stored block lengths/);
  });

  it('a back-reference before the start of the data ("invalid distance too far back")', async () => {
    // fixed Huffman block: literal 'a', then a length-3 match at distance 2 (only 1 byte out so far)
    // bits, LSB first: BFINAL 1, BTYPE 01; 'a' = 0x61 → code 0x30+0x61 = 0x91 (8 bits); length 3 → code 257 (7 bits 0000001); distance 2 → code 1 (5 bits 00001); end 256 (0000000)
    const bits: number[] = [1, 1, 0];
    const put = (code: number, n: number) => {
      for (let k = n - 1; k >= 0; k--) bits.push((code >> k) & 1); // Huffman codes go most significant bit first
    };
    put(0x91, 8);
    put(0b0000001, 7);
    put(0b00001, 5);
    put(0, 7);
    const raw = Buffer.alloc(Math.ceil(bits.length / 8));
    bits.forEach((b, i) => (raw[i >> 3]! |= b << (i & 7)));
    const path = writeTmp('far.xlsx', makeZip(workbookParts(sheet, { overrides: { [SHEET_PART]: { raw, size: 4 } } })));
    const e = await readXlsxError(path);
    expect(e.code).toBe('XLSX_CORRUPT');
    expect(e.message).toMatch(/xl\/worksheets\/sheet1\.xml: damaged compressed data .*invalid distance too far back/);
  });

  it('a compressed size in the zip directory that is too small ("unexpected end of file")', async () => {
    const full = deflateRawSync(Buffer.from(sheet));
    const path = writeTmp(
      'short.xlsx',
      makeZip(workbookParts(sheet, { overrides: { [SHEET_PART]: { raw: full, compressedSize: full.length - 20 } } })),
    );
    const e = await readXlsxError(path);
    expect(e.code).toBe('XLSX_CORRUPT');
    expect(e.message).toMatch(/xl\/worksheets\/sheet1\.xml: damaged compressed data .*unexpected end of file/);
  });

  it('a compressed size that runs past the end of the file', async () => {
    const path = writeTmp('past.xlsx', makeZip(workbookParts(sheet, { overrides: { [SHEET_PART]: { compressedSize: 10_000_000 } } })));
    const e = await readXlsxError(path);
    expect(e.code).toBe('XLSX_CORRUPT');
    expect(e.message).toContain(`${SHEET_PART}: not a valid .xlsx file (the entry runs past the end of the file`);
  });

  it('an entry that inflates to fewer bytes than its directory entry says', async () => {
    const path = writeTmp(
      'less.xlsx',
      makeZip(workbookParts(sheet, { overrides: { [SHEET_PART]: { size: Buffer.byteLength(sheet) + 1 } } })),
    );
    const e = await readXlsxError(path);
    expect(e.code).toBe('XLSX_CORRUPT');
    expect(e.message).toContain(
      `it inflates to ${Buffer.byteLength(sheet).toLocaleString('en-US')} bytes, its zip directory entry says ${(Buffer.byteLength(sheet) + 1).toLocaleString('en-US')}`,
    );
  });

  it('a sheet the workbook lists but the zip does not have', async () => {
    const path = writeTmp('missing.xlsx', makeZip(workbookParts(sheet, { overrides: { [SHEET_PART]: null } })));
    const e = await readXlsxError(path);
    expect(e.code).toBe('XLSX_CORRUPT');
    expect(e.message).toContain(`${path}: xl/workbook.xml: sheet "Data" is stored in ${SHEET_PART}, which the file does not have`);
  });

  it('the CLI exits 3 with the part named, not 70', () => {
    const path = writeTmp('cli.xlsx', makeZip(workbookParts(sheet, { overrides: { [SHEET_PART]: { raw: Buffer.from([0x07, 0x00]) } } })));
    const r = runCli(['validate', path]);
    expect(r.stderr).toContain(`salesperf: error: ${path}: ${SHEET_PART}: damaged compressed data`);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(3);
  });
});
