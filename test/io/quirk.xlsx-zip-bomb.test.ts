/**
 * Quirk: a zip bomb — a tiny .xlsx whose sheet or shared strings inflate to
 * far more than any export. The reader checks each entry while it inflates
 * (compression ratio, the size its zip directory declares, the per-part
 * limits) and stops with exit 3 naming the part, after a few MiB of output,
 * instead of running for minutes or running out of memory.
 */
import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { LIMITS } from '../../src/io/limits.js';
import { runCli, writeTmp } from '../helpers.js';
import { GOOD_ROWS, makeZip, readXlsxError, readXlsxRows, SHEET_PART, sheetXml, workbookParts } from './zip-fixture.js';

/** `n` bytes of spaces between rows: valid XML that deflates about 1,000 to 1. */
function padded(n: number): string {
  return sheetXml(GOOD_ROWS + ' '.repeat(n));
}

describe('XLSX zip bombs', () => {
  it('a sheet padded to 24 MiB that deflates about 1,000:1 stops on the compression ratio', async () => {
    const xml = padded(24 << 20);
    const raw = deflateRawSync(Buffer.from(xml), { level: 9 });
    expect(xml.length / raw.length).toBeGreaterThan(LIMITS.compressionRatio.value); // the fixture is a bomb by the limit's measure
    const path = writeTmp('bomb.xlsx', makeZip(workbookParts('', { overrides: { [SHEET_PART]: { raw, size: xml.length } } })));
    const e = await readXlsxError(path);
    expect(e).toMatchObject({ code: 'INPUT_LIMIT', exitCode: 3 });
    expect(e.message).toContain(`${path}: ${SHEET_PART}: more than 200 × compression`);
    expect(e.message).toContain('(limit compression-ratio)');
  });

  it('a sheet of the same size that compresses like a real one (about 10:1) is read', async () => {
    // varied text between the rows keeps the ratio far below the limit
    let filler = '';
    for (let k = 0; filler.length < 6 << 20; k++) filler += `<!-- ${(k * 2654435761) % 4294967296} -->`;
    const xml = sheetXml(GOOD_ROWS + filler);
    const path = writeTmp('big.xlsx', makeZip(workbookParts(xml)));
    expect((await readXlsxRows(path)).map((r) => r[0])).toEqual([1, 2, 3]);
  });

  it('a sheet that inflates to more than its zip directory entry says stops there', async () => {
    const xml = padded(1 << 20);
    const path = writeTmp('liar.xlsx', makeZip(workbookParts(xml, { overrides: { [SHEET_PART]: { size: 1000 } } })));
    const e = await readXlsxError(path);
    expect(e.code).toBe('XLSX_CORRUPT');
    expect(e.message).toContain(
      `${SHEET_PART}: not a valid .xlsx file (it inflates to more than the 1,000 bytes its zip directory entry says)`,
    );
  });

  it('shared strings declared larger than their limit stop before inflating', async () => {
    const strings = '<sst><si><t>Date</t></si></sst>';
    const declared = LIMITS.sharedStringsBytes.value + 1;
    const path = writeTmp(
      'sst.xlsx',
      makeZip(workbookParts(sheetXml(GOOD_ROWS), { strings, overrides: { 'xl/sharedStrings.xml': { size: declared } } })),
    );
    const e = await readXlsxError(path);
    expect(e.code).toBe('INPUT_LIMIT');
    expect(e.message).toContain(`${path}: xl/sharedStrings.xml: more than 268,435,456 bytes`);
    expect(e.message).toContain(`the zip directory says it inflates to ${declared.toLocaleString('en-US')} bytes`);
  });

  it('a shared-strings bomb stops on the compression ratio', async () => {
    const strings = `<sst>${'<si><t>x</t></si>'.repeat(1 << 20)}</sst>`; // 17 MiB, very repetitive
    const raw = deflateRawSync(Buffer.from(strings), { level: 9 });
    expect(strings.length / raw.length).toBeGreaterThan(LIMITS.compressionRatio.value);
    const path = writeTmp(
      'sst-bomb.xlsx',
      makeZip(workbookParts(sheetXml(GOOD_ROWS), { strings, overrides: { 'xl/sharedStrings.xml': { raw } } })),
    );
    const e = await readXlsxError(path);
    expect(e.code).toBe('INPUT_LIMIT');
    expect(e.message).toContain('xl/sharedStrings.xml: more than 200 × compression');
  });

  it('the CLI exits 3 on a bomb', () => {
    const xml = padded(16 << 20);
    const raw = deflateRawSync(Buffer.from(xml), { level: 9 });
    const path = writeTmp('cli-bomb.xlsx', makeZip(workbookParts('', { overrides: { [SHEET_PART]: { raw, size: xml.length } } })));
    const r = runCli(['validate', path]);
    expect(r.stderr).toContain(`salesperf: error: ${path}: ${SHEET_PART}: more than 200 × compression`);
    expect(r.code).toBe(3);
  });
});
