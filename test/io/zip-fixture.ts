/**
 * Hand-made XLSX files for the reader's untrusted-input tests: a zip built
 * byte by byte (stored or deflated entries; CRC is not checked by the reader,
 * so it is left 0), with any entry's declared sizes or compressed bytes
 * overridden to make a damaged or hostile file.
 */
import { deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  data: string | Buffer;
  /** 8 (deflate, the default) or 0 (stored). */
  method?: 0 | 8;
  /** Compressed bytes to store instead of the real ones. */
  raw?: Buffer;
  /** Declared inflated size instead of the real one. */
  size?: number;
  /** Declared compressed size instead of the real one. */
  compressedSize?: number;
}

export function makeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const data = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data;
    const method = p.method ?? 8;
    const body = p.raw ?? (method === 8 ? deflateRawSync(data) : data);
    const size = p.size ?? data.length;
    const csize = p.compressedSize ?? body.length;
    const n = Buffer.from(p.name, 'utf8');
    const loc = Buffer.alloc(30);
    loc.writeUInt32LE(0x04034b50, 0);
    loc.writeUInt16LE(20, 4);
    loc.writeUInt16LE(method, 8);
    loc.writeUInt32LE(csize, 18);
    loc.writeUInt32LE(size, 22);
    loc.writeUInt16LE(n.length, 26);
    locals.push(loc, n, body);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(method, 10);
    cen.writeUInt32LE(csize, 20);
    cen.writeUInt32LE(size, 24);
    cen.writeUInt16LE(n.length, 28);
    cen.writeUInt32LE(offset, 42);
    central.push(cen, n);
    offset += 30 + n.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export const SHEET_PART = 'xl/worksheets/sheet1.xml';

/** A sheet's XML around rows given as XML. */
export function sheetXml(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;
}

/** A row of inline-string and number cells, with cell references. */
export function rowXml(r: number, cells: (string | number)[]): string {
  const cs = cells.map((v, i) => {
    const ref = `${String.fromCharCode(65 + i)}${r}`;
    return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
  });
  return `<row r="${r}">${cs.join('')}</row>`;
}

/** The parts of a one-sheet workbook; `overrides` replace or add parts (a part set to null is left out). */
export function workbookParts(
  sheet: string,
  opts: { sheetName?: string; strings?: string; overrides?: Record<string, Partial<ZipPart> | null> } = {},
): ZipPart[] {
  const base: Record<string, string> = {
    'xl/workbook.xml': `<workbook ${NS}><sheets><sheet name="${opts.sheetName ?? 'Data'}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/styles.xml': `<styleSheet ${NS}><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`,
    [SHEET_PART]: sheet,
  };
  if (opts.strings !== undefined) base['xl/sharedStrings.xml'] = opts.strings;
  const parts: ZipPart[] = [];
  const names = new Set([...Object.keys(base), ...Object.keys(opts.overrides ?? {})]);
  for (const name of names) {
    const o = opts.overrides?.[name];
    if (o === null) continue;
    parts.push({ name, data: base[name] ?? '', ...(o ?? {}) });
  }
  return parts;
}

/** A small valid sales sheet: header and two data rows (dates as text). */
export const GOOD_ROWS = rowXml(1, ['Date', 'Amount']) + rowXml(2, ['2026-01-05', 100]) + rowXml(3, ['2026-01-06', 250.5]);

/** Every row of the workbook at `path` (its chosen sheet), as [row number, cells]. */
export async function readXlsxRows(path: string): Promise<[number, unknown[]][]> {
  const { openXlsx } = await import('../../src/io/xlsx-reader.js');
  const src = await openXlsx(path);
  const rows: [number, unknown[]][] = [];
  try {
    for await (const b of src.batches()) b.rows.forEach((r, i) => rows.push([b.lines[i]!, r]));
  } finally {
    src.close?.();
  }
  return rows;
}

/** The error reading the workbook at `path` stops with (fails the test when it reads to the end). */
export async function readXlsxError(path: string): Promise<{ name: string; code: string; exitCode: number; message: string }> {
  try {
    await readXlsxRows(path);
  } catch (e) {
    const err = e as { name: string; code: string; exitCode: number; message: string };
    return { name: err.name, code: err.code, exitCode: err.exitCode, message: err.message };
  }
  throw new Error(`${path}: read to the end without an error`);
}
