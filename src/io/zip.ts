/**
 * Just enough of ZIP to stream entries of an XLSX: the central directory gives
 * each entry's method, sizes and local header offset; an entry streams through
 * inflateRaw. No temp files, no whole-file buffering.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import type { Readable } from 'node:stream';
import { inputError, SalesperfError } from '../errors.js';
import { msg, type Msg } from '../core/message-catalog.js';
import { LIMITS, limitError, type LimitName } from './limits.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipFile {
  path: string;
  /** Bytes of the zip file. */
  size: number;
  entries: Map<string, ZipEntry>;
  /** Bytes inflated from it so far (for the total limit). */
  inflated: number;
}

/** Inflated bytes of an entry before its compression ratio is checked (small parts compress very well). */
const RATIO_GRACE = 4 << 20;

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
    if (eocd < 0) throw notValid(path, msg('ZIP_NO_DIRECTORY'));
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
    if (cdOffset + cdSize > size) throw notValid(path, msg('ZIP_DIR_PAST_END'));
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let i = 0; i < count && p + 46 <= cd.length; i++) {
      if (cd.readUInt32LE(p) !== CEN) throw notValid(path, msg('ZIP_DIR_DAMAGED'));
      const method = cd.readUInt16LE(p + 10);
      let compressedSize = cd.readUInt32LE(p + 20);
      let usize = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      let localOffset = cd.readUInt32LE(p + 42);
      if (p + 46 + nameLen + extraLen + commentLen > cd.length) throw notValid(path, msg('ZIP_DIR_ENTRY_PAST_END', { entry: i + 1 }));
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      // zip64 extra field
      let e = p + 46 + nameLen;
      const eEnd = e + extraLen;
      while (e + 4 <= eEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (e + 4 + len > eEnd) throw notValid(path, msg('ZIP_DIR_BAD_EXTRA', { name: JSON.stringify(name) }));
        if (id === 1) {
          const need = 8 * (Number(usize === 0xffffffff) + Number(compressedSize === 0xffffffff) + Number(localOffset === 0xffffffff));
          if (need > len) throw notValid(path, msg('ZIP_DIR_SHORT_ZIP64', { name: JSON.stringify(name) }));
          let q = e + 4;
          if (usize === 0xffffffff) {
            usize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (localOffset === 0xffffffff) localOffset = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      entries.set(name.replace(/\\/g, '/'), { name, method, compressedSize, size: usize, localOffset });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return { path, size, entries, inflated: 0 };
  } finally {
    await fh.close();
  }
}

/**
 * An entry's uncompressed bytes, checked while they inflate: never more than
 * its declared size, `maxBytes`, the workbook's total or the compression ratio
 * limit; a corrupt deflate stream or a size that does not match the directory
 * is an input error naming the entry and the inflated offset.
 */
export async function* entryChunks(
  zip: ZipFile,
  entry: ZipEntry,
  maxBytes: number = LIMITS.entryBytes.value,
  limit: LimitName = 'entryBytes',
): AsyncGenerator<Buffer> {
  const where = `${zip.path}: ${entry.name}`;
  if (entry.size > maxBytes) throw limitError(limit, where, msg('LIMIT_SEEN_DIRECTORY', { size: entry.size.toLocaleString('en-US') }));
  const fh = await open(zip.path, 'r');
  const h = Buffer.alloc(30);
  try {
    await fh.read(h, 0, 30, entry.localOffset);
  } finally {
    await fh.close();
  }
  if (h.readUInt32LE(0) !== LOC) throw notValid(where, msg('ZIP_ENTRY_HEADER', { offset: entry.localOffset }));
  const start = entry.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  if (start + entry.compressedSize > zip.size) throw notValid(where, msg('ZIP_ENTRY_PAST_END'));
  if (entry.compressedSize === 0) {
    if (entry.size !== 0) throw notValid(where, msg('ZIP_ENTRY_EMPTY', { size: entry.size }));
    return;
  }
  if (entry.method !== 0 && entry.method !== 8)
    throw inputError('XLSX_CORRUPT', msg('ZIP_METHOD', { file: zip.path, entry: entry.name, method: entry.method }));
  const raw = createReadStream(zip.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 16 });
  let compressed = 0;
  raw.on('data', (c) => (compressed += c.length));
  let source: Readable = raw;
  let inflate: Readable | null = null;
  if (entry.method === 8) {
    inflate = createInflateRaw({ chunkSize: 1 << 16 });
    raw.on('error', (err) => inflate!.destroy(err));
    source = raw.pipe(inflate as never) as Readable;
  }
  let out = 0;
  try {
    for await (const c of source as AsyncIterable<Buffer>) {
      out += c.length;
      zip.inflated += c.length;
      if (out > entry.size) throw notValid(where, msg('ZIP_INFLATES_MORE', { size: entry.size.toLocaleString('en-US') }));
      if (out > maxBytes) throw limitError(limit, where);
      if (zip.inflated > LIMITS.totalBytes.value) throw limitError('totalBytes', where);
      if (out > RATIO_GRACE && out > LIMITS.compressionRatio.value * Math.max(compressed, 1)) {
        throw limitError(
          'compressionRatio',
          where,
          msg('LIMIT_SEEN_RATIO', { out: out.toLocaleString('en-US'), compressed: compressed.toLocaleString('en-US') }),
        );
      }
      yield c;
    }
  } catch (e) {
    if (e instanceof SalesperfError) throw e;
    throw inputError(
      'XLSX_CORRUPT',
      msg('ZIP_INFLATE_ERROR', { file: where, offset: out.toLocaleString('en-US'), reason: (e as Error).message }),
      msg('ZIP_INFLATE_ERROR_HINT'),
    );
  } finally {
    raw.destroy();
    inflate?.destroy();
  }
  if (out !== entry.size)
    throw notValid(where, msg('ZIP_INFLATES_OTHER', { out: out.toLocaleString('en-US'), size: entry.size.toLocaleString('en-US') }));
}

/** An entry's text, held whole: for parts read at once (at most `maxBytes`, else a limit error). */
export async function entryText(
  zip: ZipFile,
  name: string,
  maxBytes: number = LIMITS.xmlPartBytes.value,
  limit: LimitName = 'xmlPartBytes',
): Promise<string | null> {
  const entry = zip.entries.get(name);
  if (!entry) return null;
  const chunks: Buffer[] = [];
  for await (const c of entryChunks(zip, entry, maxBytes, limit)) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

/** `FILE: not a valid .xlsx file (why)` (exit 3, XLSX_CORRUPT). */
function notValid(file: string, why: Msg): SalesperfError {
  return inputError('XLSX_CORRUPT', msg('ZIP_NOT_VALID', { file, why }));
}
