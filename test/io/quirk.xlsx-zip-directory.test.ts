/**
 * Quirk: a damaged zip central directory (found by the fuzzer: an entry's extra-field length set
 * to 65,535 made the directory reader index past its buffer — exit 70 "The value of "offset" is
 * out of range"). Each is XLSX_CORRUPT, exit 3, naming the file.
 */
import { describe, expect, it } from 'vitest';
import { runCli, writeTmp } from '../helpers.js';
import { GOOD_ROWS, makeZip, readXlsxError, sheetXml, workbookParts } from './zip-fixture.js';

const CEN = 0x02014b50;

/** Offsets of the central directory records of a zip. */
function centralRecords(zip: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i + 46 <= zip.length; i++) if (zip.readUInt32LE(i) === CEN) out.push(i);
  return out;
}

describe('XLSX with a damaged zip directory', () => {
  it('an entry whose extra field runs past the directory: exit 3, not an internal error', async () => {
    const zip = makeZip(workbookParts(sheetXml(GOOD_ROWS)));
    const recs = centralRecords(zip);
    expect(recs.length).toBeGreaterThan(2);
    zip.writeUInt16LE(0xffff, recs.at(-1)! + 30); // the last entry's extra length
    const path = writeTmp('cd-extra.xlsx', zip);
    const e = await readXlsxError(path);
    expect(e).toMatchObject({ code: 'XLSX_CORRUPT', exitCode: 3 });
    expect(e.message).toBe(`${path}: not a valid .xlsx file (damaged zip directory: entry ${recs.length} runs past the directory's end)`);
    const r = runCli(['validate', path, '--format', 'json']);
    expect([r.code, r.stdout]).toEqual([3, '']);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('an extra field whose own length runs past the extra block', async () => {
    // give the first entry a 4-byte extra block whose one field claims 60,000 bytes
    const parts = workbookParts(sheetXml(GOOD_ROWS));
    const zip = makeZip(parts);
    const first = centralRecords(zip)[0]!;
    const nameLen = zip.readUInt16LE(first + 28);
    const extraLen = zip.readUInt16LE(first + 30);
    expect(extraLen).toBe(0); // makeZip writes none: the bytes after the name are the next record's
    // turn the first 4 bytes of the next record into this entry's extra field: id 1 (zip64), length 60,000
    zip.writeUInt16LE(4, first + 30);
    zip.writeUInt16LE(1, first + 46 + nameLen);
    zip.writeUInt16LE(60_000, first + 46 + nameLen + 2);
    const path = writeTmp('cd-field.xlsx', zip);
    const e = await readXlsxError(path);
    expect(e).toMatchObject({ code: 'XLSX_CORRUPT', exitCode: 3 });
    expect(e.message).toMatch(/damaged zip directory/);
  });
});
