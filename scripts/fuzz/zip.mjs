/**
 * A minimal ZIP writer for building XLSX seeds, with hooks to corrupt the
 * result at the zip level (sizes, offsets, CRCs, methods, the deflate stream).
 */
import { deflateRawSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * entries: [{ name, data: Buffer, store?: boolean, raw?: { compressed, size, crc } }]
 * Returns { bytes, layout } where layout gives each entry's local header offset
 * and data offset/length, and the central directory's offset, so a mutator can
 * aim at a field.
 */
export function buildZip(entries) {
  const locals = [];
  const centrals = [];
  const layout = { entries: [], cdOffset: 0, eocdOffset: 0 };
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? (e.store ? 0 : 8);
    const compressed = e.raw ? e.raw.compressed : method === 8 ? deflateRawSync(e.data) : e.data;
    const size = e.raw ? e.raw.size : e.data.length;
    const crc = e.raw ? e.raw.crc : crc32(e.data);
    const loc = Buffer.alloc(30);
    loc.writeUInt32LE(0x04034b50, 0);
    loc.writeUInt16LE(20, 4);
    loc.writeUInt16LE(0, 6);
    loc.writeUInt16LE(method, 8);
    loc.writeUInt32LE(0, 10);
    loc.writeUInt32LE(crc, 14);
    loc.writeUInt32LE(compressed.length, 18);
    loc.writeUInt32LE(size, 22);
    loc.writeUInt16LE(name.length, 26);
    loc.writeUInt16LE(0, 28);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0, 8);
    cen.writeUInt16LE(method, 10);
    cen.writeUInt32LE(0, 12);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(compressed.length, 20);
    cen.writeUInt32LE(size, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    layout.entries.push({
      name: e.name,
      localOffset: offset,
      dataOffset: offset + 30 + name.length,
      dataLength: compressed.length,
      cenOffset: 0,
    });
    locals.push(loc, name, compressed);
    centrals.push([cen, name]);
    offset += 30 + name.length + compressed.length;
  }
  layout.cdOffset = offset;
  const cdParts = [];
  let cdSize = 0;
  centrals.forEach(([cen, name], i) => {
    layout.entries[i].cenOffset = offset + cdSize;
    cdParts.push(cen, name);
    cdSize += cen.length + name.length;
  });
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  layout.eocdOffset = offset + cdSize;
  return { bytes: Buffer.concat([...locals, ...cdParts, eocd]), layout };
}
