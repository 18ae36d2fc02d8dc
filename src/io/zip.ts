/**
 * Just enough of ZIP to stream entries of an XLSX: the central directory gives
 * each entry's method, sizes and local header offset; an entry streams through
 * inflateRaw. No temp files, no whole-file buffering.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { Readable } from 'node:stream';
import { inputError } from '../errors.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipFile {
  path: string;
  entries: Map<string, ZipEntry>;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

export async function openZip(path: string): Promise<ZipFile> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw inputError('XLSX_CORRUPT', `${path}: not a valid .xlsx file (no zip directory found; the file may be truncated or not a workbook)`);
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || count === 0xffff) {
      // zip64: locator sits 20 bytes before the EOCD
      const loc = eocd - 20;
      if (loc >= 0 && tail.readUInt32LE(loc) === 0x07064b50) {
        const z64off = Number(tail.readBigUInt64LE(loc + 8));
        const z = Buffer.alloc(56);
        await fh.read(z, 0, 56, z64off);
        count = Number(z.readBigUInt64LE(32));
        cdSize = Number(z.readBigUInt64LE(40));
        cdOffset = Number(z.readBigUInt64LE(48));
      }
    }
    if (cdOffset + cdSize > size) throw inputError('XLSX_CORRUPT', `${path}: not a valid .xlsx file (zip directory points past the end of the file)`);
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let i = 0; i < count && p + 46 <= cd.length; i++) {
      if (cd.readUInt32LE(p) !== CEN) throw inputError('XLSX_CORRUPT', `${path}: not a valid .xlsx file (damaged zip directory)`);
      const method = cd.readUInt16LE(p + 10);
      let compressedSize = cd.readUInt32LE(p + 20);
      let usize = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      let localOffset = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      // zip64 extra field
      let e = p + 46 + nameLen;
      const eEnd = e + extraLen;
      while (e + 4 <= eEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 1) {
          let q = e + 4;
          if (usize === 0xffffffff) (usize = Number(cd.readBigUInt64LE(q))), (q += 8);
          if (compressedSize === 0xffffffff) (compressedSize = Number(cd.readBigUInt64LE(q))), (q += 8);
          if (localOffset === 0xffffffff) localOffset = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      entries.set(name.replace(/\\/g, '/'), { name, method, compressedSize, size: usize, localOffset });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return { path, entries };
  } finally {
    await fh.close();
  }
}

/** A readable stream of an entry's uncompressed bytes. */
export async function entryStream(zip: ZipFile, entry: ZipEntry): Promise<Readable> {
  const fh = await open(zip.path, 'r');
  const h = Buffer.alloc(30);
  try {
    await fh.read(h, 0, 30, entry.localOffset);
  } finally {
    await fh.close();
  }
  if (h.readUInt32LE(0) !== LOC) throw inputError('XLSX_CORRUPT', `${zip.path}: not a valid .xlsx file (damaged entry ${entry.name})`);
  const start = entry.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(zip.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 20 });
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw inputError('XLSX_CORRUPT', `${zip.path}: entry ${entry.name} uses zip compression method ${entry.method}, which salesperf cannot read`);
  const inflate = createInflateRaw({ chunkSize: 1 << 20 });
  raw.on('error', (err) => inflate.destroy(err));
  return raw.pipe(inflate);
}

export async function entryText(zip: ZipFile, name: string): Promise<string | null> {
  const entry = zip.entries.get(name);
  if (!entry) return null;
  const chunks: Buffer[] = [];
  for await (const c of await entryStream(zip, entry)) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
