/**
 * Mutators: each takes the PRNG and an input and returns a changed copy plus
 * a short description of what it did (kept with failing cases).
 */
import zlib from 'node:zlib';
import { xlsxParts, zipParts, colName } from './xlsx.mjs';

export const ODD_DATES = [
  '0001-01-01',
  '9999-12-31',
  '2024-02-30',
  '2026-13-01',
  '25:61',
  '2026-01-01 25:61',
  '0000-00-00',
  '-2026-01-01',
  '1/1/10000',
  '275760-09-13',
  '+275760-09-14',
  '2026-W60',
  '99999999',
  '1e308',
  '2026-01-01T00:00:00+99:99',
  '２０２６-０１-０５',
  '2026年13月1日',
  '31/12/2026',
  '12/31/2026',
  '0',
  '-1',
  '1900-02-29',
  '2026-00-10',
  '2026-1-1-1',
  '20260101',
  '1970-01-01',
  '9999-99-99',
  '2026/02/29',
  '10000-01-01',
];
export const ODD_NUMBERS = [
  '9'.repeat(400),
  '1e308',
  '-1e308',
  '1e309',
  '1e-400',
  '-0',
  '0.0000000000000000000001',
  '1.2万',
  '3亿',
  '-5亿',
  '(1,234.56)',
  '1.234,56',
  '1,234,56',
  '--5',
  '+-5',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x1F',
  '1_000',
  '１２３',
  '¥1,200',
  '$-5',
  '5-',
  '12.5%',
  '∞',
  '9007199254740993',
  '-' + '9'.repeat(30) + '.' + '9'.repeat(30),
  '1e99999',
  '.',
  '-',
  ',',
  '1' + '0'.repeat(25) + '万',
  '1e21',
  '0.' + '0'.repeat(300) + '1',
  '１，２００．５０',
  '€ 1 234,56',
  '1 234 567',
  '(0)',
  '()',
  '1e',
  'e5',
  '٣٤٥',
];
const SPECIAL_BYTES = [
  [0x22],
  [0x0a],
  [0x0d],
  [0x00],
  [0xff],
  [0xfe, 0xff],
  [0xef, 0xbb, 0xbf],
  [0x22, 0x22],
  [0x2c],
  [0x3b],
  [0x09],
  [0xc3],
  [0xe4, 0xb8],
  [0x0d, 0x0a, 0x22],
];

const clone = (t) => t.map((r) => r.slice());

// ---- table mutators (before the table is written as CSV or XLSX) ----
export const TABLE_MUTATORS = {
  farDates(rng, t) {
    // two far-apart dates in one file: every period between them may be reported
    if (t.length < 3) return 'too few rows for far dates';
    t[1][0] = rng.pick(['0001-01-01', '1000-01-01', '1900-01-01']);
    t[2][0] = rng.pick(['9999-12-31', '3000-01-01', '2999-12-31']);
    return `dates ${t[1][0]} and ${t[2][0]}`;
  },
  oddDate(rng, t) {
    const r = rng.range(1, Math.max(1, t.length - 1));
    const v = rng.pick(ODD_DATES);
    if (t[r]) t[r][0] = v;
    return `date row ${r + 1} = ${JSON.stringify(v).slice(0, 40)}`;
  },
  oddNumber(rng, t) {
    const r = rng.range(1, Math.max(1, t.length - 1));
    const c = rng.chance(0.7) ? (t[0].length > 5 ? 5 : t[0].length - 1) : rng.int(t[0].length);
    const v = rng.pick(ODD_NUMBERS);
    if (t[r]) t[r][c] = v;
    return `cell ${colName(c)}${r + 1} = ${JSON.stringify(v).slice(0, 40)}`;
  },
  dupHeader(rng, t) {
    const a = rng.int(t[0].length),
      b = rng.int(t[0].length);
    t[0][b] = t[0][a];
    return `header ${colName(b)} = header ${colName(a)}`;
  },
  manyColumns(rng, t) {
    const n = rng.pick([50, 500, 5000, 20000]);
    const dup = rng.chance(0.3);
    // the header and the first few rows get them (wide enough, and cheap to build)
    for (let i = 0; i < Math.min(t.length, 6); i++)
      for (let j = 0; j < n; j++) t[i].push(i === 0 ? (dup ? 'X' : `X${j}`) : rng.chance(0.5) ? '' : String(j));
    return `${n} extra columns${dup ? ' (same header)' : ''}`;
  },
  hugeField(rng, t) {
    const n = rng.pick([70000, 300000, 1000000]);
    const r = rng.int(t.length),
      c = rng.int(t[0].length);
    const ch = rng.pick(['a', '9', '"', ',', '\n', ' ', '中']);
    if (t[r]) t[r][c] = ch.repeat(n);
    return `cell ${colName(c)}${r + 1} = ${JSON.stringify(ch)} × ${n}`;
  },
  dropColumn(rng, t) {
    const c = rng.int(t[0].length);
    for (const r of t) r.splice(c, 1);
    return `column ${colName(c)} dropped`;
  },
  headerOnly(rng, t) {
    t.length = 1;
    return 'header only';
  },
  raggedRow(rng, t) {
    const r = rng.range(1, Math.max(1, t.length - 1));
    if (t[r]) t[r].length = rng.int(t[r].length + 1);
    return `row ${r + 1} cut short`;
  },
  manyRows(rng, t) {
    const src = t.slice(1);
    if (!src.length) return 'no rows to repeat';
    // after a huge field or many columns, repeat fewer rows: the case stays under ~8 MB (a small input, as the memory check assumes) (a
    // 1M-character cell repeated 10,000 times was a 10 GB string that crashed the fuzzer itself)
    let chars = 0;
    for (const r of src) for (const c of r) chars += c.length + 1;
    const n = Math.min(rng.pick([2000, 10000]), Math.max(1, Math.floor((8 * 2 ** 20 * src.length) / Math.max(1, chars))));
    for (let i = 0; i < n; i++) t.push(src[i % src.length].slice());
    return `${n} repeated rows`;
  },
  blankHeader(rng, t) {
    const c = rng.int(t[0].length);
    t[0][c] = rng.pick(['', ' ', '\u00a0', '\ufeffDate', '__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    return `header ${colName(c)} = ${JSON.stringify(t[0][c])}`;
  },
  oddText(rng, t) {
    const r = rng.range(1, Math.max(1, t.length - 1)),
      c = rng.int(t[0].length);
    const v = rng.pick([
      '=1+1',
      '@SUM(A1)',
      '\u202e',
      '\ud800',
      '\u0000',
      '<script>',
      '&amp;',
      '"',
      '\t',
      '__proto__',
      '💰',
      '\r',
      '\u2028',
    ]);
    if (t[r]) t[r][c] = v;
    return `cell ${colName(c)}${r + 1} = ${JSON.stringify(v)}`;
  },
};

export function mutateTable(rng, table) {
  const t = clone(table);
  const ops = [];
  const n = rng.range(0, 3);
  const names = Object.keys(TABLE_MUTATORS);
  for (let i = 0; i < n; i++) {
    const name = rng.pick(names);
    // heavy mutators are rarer so throughput stays high
    if ((name === 'manyColumns' || name === 'hugeField' || name === 'manyRows' || name === 'farDates') && !rng.chance(0.25)) continue;
    ops.push(TABLE_MUTATORS[name](rng, t));
  }
  return { table: t, ops };
}

// ---- byte mutators (on the bytes of a CSV) ----
export const BYTE_MUTATORS = {
  flip(rng, b) {
    const out = Buffer.from(b);
    const n = rng.range(1, 8);
    for (let i = 0; i < n && out.length; i++) out[rng.int(out.length)] ^= 1 << rng.int(8);
    return [out, `${n} bit flips`];
  },
  truncate(rng, b) {
    const at = rng.int(b.length + 1);
    return [b.subarray(0, at), `cut at byte ${at}`];
  },
  insert(rng, b) {
    const at = rng.int(b.length + 1);
    const s = Buffer.from(rng.pick(SPECIAL_BYTES));
    return [Buffer.concat([b.subarray(0, at), s, b.subarray(at)]), `insert ${s.toString('hex')} at ${at}`];
  },
  remove(rng, b) {
    const at = rng.int(b.length + 1),
      len = rng.range(1, 64);
    return [Buffer.concat([b.subarray(0, at), b.subarray(at + len)]), `remove ${len} bytes at ${at}`];
  },
  duplicate(rng, b) {
    const at = rng.int(b.length + 1),
      len = rng.range(1, 200);
    return [Buffer.concat([b.subarray(0, at + len), b.subarray(at, at + len), b.subarray(at + len)]), `repeat ${len} bytes at ${at}`];
  },
  randomBytes(rng, b) {
    const at = rng.int(b.length + 1),
      len = rng.range(1, 32);
    const s = Buffer.alloc(len);
    for (let i = 0; i < len; i++) s[i] = rng.int(256);
    return [Buffer.concat([b.subarray(0, at), s, b.subarray(at)]), `insert ${len} random bytes at ${at}`];
  },
  unclosedQuote(rng, b) {
    const nl = [];
    for (let i = 0; i < b.length && nl.length < 2000; i++) if (b[i] === 0x0a) nl.push(i);
    const at = nl.length ? rng.pick(nl) + 1 : 0;
    return [Buffer.concat([b.subarray(0, at), Buffer.from('"'), b.subarray(at)]), `unclosed quote at ${at}`];
  },
  allWhitespace(rng, _b) {
    return [Buffer.from(rng.pick(['', '\n', '\r\n\r\n', '   ', '\ufeff', '\ufeff\n', ',,,\n', '""\n', '\t\n'])), 'blank file'];
  },
};

export function mutateBytes(rng, bytes) {
  let b = bytes;
  const ops = [];
  const n = rng.range(0, 3);
  const names = Object.keys(BYTE_MUTATORS);
  for (let i = 0; i < n; i++) {
    const name = rng.pick(names);
    if (name === 'allWhitespace' && !rng.chance(0.2)) continue;
    const [out, what] = BYTE_MUTATORS[name](rng, b);
    b = out;
    ops.push(what);
  }
  return { bytes: b, ops };
}

/** Encode CSV text in a random way (UTF-8 ± BOM, UTF-16 ± BOM, Latin-1, CRLF, ; or tab). */
export function encodeCsv(rng, text) {
  const r = rng.next();
  if (r < 0.7) return [Buffer.from(text, 'utf8'), 'utf-8'];
  if (r < 0.78) return [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8 BOM'];
  if (r < 0.84) return [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16le BOM'];
  if (r < 0.88) return [Buffer.from(text, 'utf16le'), 'utf-16le no BOM'];
  if (r < 0.92) {
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i + 1 < le.length; i += 2) {
      be[i] = le[i + 1];
      be[i + 1] = le[i];
    }
    return [rng.chance(0.5) ? Buffer.concat([Buffer.from([0xfe, 0xff]), be]) : be, 'utf-16be'];
  }
  return [Buffer.from(text, 'latin1'), 'latin1'];
}

// ---- XLSX: XML-level and zip-level corruption ----
const BILLION_LAUGHS =
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>';
const ENTITIES = [
  '&foo;',
  '&#0;',
  '&#xFFFFFFFF;',
  '&#x110000;',
  '&#xD800;',
  '&#99999999999999999999;',
  '&#;',
  '&',
  '&amp',
  '&lol4;',
  '&#x;',
  '&#65',
  '&#x1F4B0;',
  '&lt;&gt;&quot;&apos;',
];
const CELL_REFS = [
  'XFD1048577',
  'A99999999999',
  'ZZZZZZ1',
  'A0',
  '1A',
  'AAAAAAAAAAAAAAAAAAAAA1',
  'A-1',
  '',
  'A1048576',
  'XFD1',
  'A1e9',
  'a1',
  'A 1',
];

export const XML_MUTATORS = {
  badEntity(rng, parts) {
    const name = rng.pick(['xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/workbook.xml']);
    let x = parts.get(name);
    const e = rng.pick(ENTITIES);
    const ts = [...x.matchAll(/<(t|v)[^>]*>/g)];
    const at = ts.length ? rng.pick(ts).index + rng.pick(ts)[0].length : x.length >> 1;
    x = x.slice(0, at) + e + x.slice(at);
    if (e === '&lol4;') x = x.replace('?>', '?>' + BILLION_LAUGHS);
    parts.set(name, x);
    return `${name}: entity ${e}`;
  },
  truncateXml(rng, parts) {
    const name = rng.pick([...parts.keys()]);
    const x = parts.get(name);
    const at = rng.int(x.length);
    parts.set(name, x.slice(0, at));
    return `${name}: cut at char ${at}`;
  },
  cellRef(rng, parts) {
    const name = 'xl/worksheets/sheet1.xml';
    const refs = [...parts.get(name).matchAll(/ r="([A-Z]+\d+)"/g)];
    const ref = rng.pick(CELL_REFS);
    if (!refs.length) return 'no cells';
    const m = rng.pick(refs);
    const x = parts.get(name);
    parts.set(name, x.slice(0, m.index) + ` r="${ref}"` + x.slice(m.index + m[0].length));
    return `cell ${m[1]} → r="${ref}"`;
  },
  rowNumber(rng, parts) {
    const name = 'xl/worksheets/sheet1.xml';
    const v = rng.pick(['0', '-1', '1048577', '99999999999', '1e9', 'x', '2', '4294967296']);
    const x = parts.get(name);
    const rows = [...x.matchAll(/<row r="\d+"/g)];
    if (!rows.length) return 'no rows';
    const m = rng.pick(rows);
    parts.set(name, x.slice(0, m.index) + `<row r="${v}"` + x.slice(m.index + m[0].length));
    return `row r="${v}"`;
  },
  dimension(rng, parts) {
    const name = 'xl/worksheets/sheet1.xml';
    const v = rng.pick(['A1:XFD1048576', 'A1:A99999999999', 'ZZZ', '', 'A1:B2:C3']);
    parts.set(name, parts.get(name).replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${v}"/>`));
    return `dimension ${v}`;
  },
  badValue(rng, parts) {
    const name = 'xl/worksheets/sheet1.xml';
    const x = parts.get(name);
    const vs = [...x.matchAll(/<v>[^<]*<\/v>/g)];
    if (!vs.length) return 'no values';
    const m = rng.pick(vs);
    const v = rng.pick([
      '1e308',
      '-1e308',
      'NaN',
      '99999999999999999999',
      '2958466',
      '-700000',
      '1e10',
      '-0',
      '',
      'abc',
      '0x10',
      '1e-320',
      '60',
      '0',
      '-1',
      '99999999',
    ]);
    parts.set(name, x.slice(0, m.index) + `<v>${v}</v>` + x.slice(m.index + m[0].length));
    return `value ${m[0]} → ${v}`;
  },
  badType(rng, parts) {
    const name = 'xl/worksheets/sheet1.xml';
    const x = parts.get(name);
    const cs = [...x.matchAll(/<c r="[^"]*"( t="[^"]*")?/g)];
    if (!cs.length) return 'no cells';
    const m = rng.pick(cs);
    const t = rng.pick(['s', 'b', 'e', 'd', 'str', 'inlineStr', 'n', 'zz', '']);
    parts.set(name, x.slice(0, m.index) + m[0].replace(/( t="[^"]*")?$/, ` t="${t}"`) + x.slice(m.index + m[0].length));
    return `cell type t="${t}"`;
  },
  sharedIndex(rng, parts) {
    const name = 'xl/worksheets/sheet1.xml';
    const x = parts.get(name);
    const cs = [...x.matchAll(/t="s"><v>\d+<\/v>/g)];
    if (!cs.length) return 'no shared strings';
    const m = rng.pick(cs);
    const v = rng.pick(['999999', '-1', '4294967296', '1.5', 'x', '']);
    parts.set(name, x.slice(0, m.index) + `t="s"><v>${v}</v>` + x.slice(m.index + m[0].length));
    return `shared string index ${v}`;
  },
  styleIndex(rng, parts) {
    const name = 'xl/worksheets/sheet1.xml';
    const v = rng.pick(['999', '-1', 'x', '1e9', '4294967296']);
    parts.set(name, parts.get(name).replace(/ s="1"/, ` s="${v}"`));
    return `style index ${v}`;
  },
  numFmt(rng, parts) {
    const code = rng.pick(['yyyy-mm-dd', '[$-F800]dddd', '"', '0.00E+00', 'mm:ss', '[h]:mm:ss', 'y'.repeat(5000), '@', '\\']);
    parts.set(
      'xl/styles.xml',
      parts
        .get('xl/styles.xml')
        .replace(
          '<numFmts count="0"/>',
          `<numFmts count="1"><numFmt numFmtId="${rng.pick(['164', '14', '-1', '99999999'])}" formatCode="${code.replace(/"/g, '&quot;')}"/></numFmts>`,
        )
        .replace('numFmtId="14"', 'numFmtId="164"'),
    );
    return `number format ${code.slice(0, 20)}`;
  },
  date1904(rng, parts) {
    parts.set(
      'xl/workbook.xml',
      parts.get('xl/workbook.xml').replace('<workbookPr/>', `<workbookPr date1904="${rng.pick(['1', 'true', 'x'])}"/>`),
    );
    return 'date1904';
  },
  missingPart(rng, parts) {
    const name = rng.pick([
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
      '[Content_Types].xml',
    ]);
    parts.delete(name);
    return `${name} missing`;
  },
  sheetTarget(rng, parts) {
    const t = rng.pick(['/etc/passwd', '../../../x.xml', 'worksheets/sheet9.xml', '', 'http://example.com/x', 'worksheets/sheet1.xml#x']);
    parts.set('xl/_rels/workbook.xml.rels', parts.get('xl/_rels/workbook.xml.rels').replace('worksheets/sheet1.xml', t));
    return `sheet target ${t}`;
  },
  deepNesting(rng, parts) {
    const n = rng.pick([1000, 100000]);
    const name = 'xl/worksheets/sheet1.xml';
    parts.set(name, parts.get(name).replace('<sheetData>', `<sheetData>${'<x>'.repeat(n)}${'</x>'.repeat(n)}`));
    return `${n} nested elements`;
  },
  manyCells(rng, parts) {
    const name = 'xl/worksheets/sheet1.xml';
    const n = rng.pick([20000, 100000]);
    const rows = [];
    for (let i = 0; i < n; i++)
      rows.push(`<row r="${1000 + i}"><c r="A${1000 + i}" s="1"><v>46000</v></c><c r="F${1000 + i}"><v>1</v></c></row>`);
    parts.set(name, parts.get(name).replace('</sheetData>', rows.join('') + '</sheetData>'));
    return `${n} extra rows`;
  },
  cdata(rng, parts) {
    const name = 'xl/sharedStrings.xml';
    parts.set(
      name,
      parts
        .get(name)
        .replace(/<t xml:space="preserve">/, '<t xml:space="preserve"><![CDATA[<&]]>')
        .replace(/<si>/, rng.pick(['<si><r><t>a</t></r><r><t>b</t></r>', '<si><rPh><t>x</t></rPh>', '<si><!-- c -->'])),
    );
    return 'CDATA / rich text';
  },
};

export function mutateXml(rng, parts) {
  const ops = [];
  const n = rng.range(0, 2);
  const names = Object.keys(XML_MUTATORS);
  for (let i = 0; i < n; i++) {
    const name = rng.pick(names);
    if ((name === 'manyCells' || name === 'deepNesting') && !rng.chance(0.3)) continue;
    if (name !== 'missingPart' && ![...parts.keys()].length) continue;
    try {
      ops.push(XML_MUTATORS[name](rng, parts));
    } catch {
      ops.push(`${name}: not applicable`);
    }
  }
  return ops;
}

let bombCache = null;
/**
 * A deflated sheet holding one 256 MiB inline string (a zip bomb: ~260 KB on
 * disk). Built fast: a 1 MiB block of "a" deflated with a full flush (byte
 * aligned, no back references across it) repeated 256 times, then a final block.
 */
function bomb() {
  if (!bombCache) {
    const head = Buffer.from(
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>',
    );
    const tail = Buffer.from('</t></is></c></row></sheetData></worksheet>');
    const block = Buffer.alloc(1 << 20, 0x61);
    const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH };
    const parts = [zlib.deflateRawSync(head, flush)];
    const deflatedBlock = zlib.deflateRawSync(block, flush);
    let crc = zlib.crc32 ? zlib.crc32(head) : 0;
    for (let i = 0; i < 256; i++) {
      parts.push(deflatedBlock);
      if (zlib.crc32) crc = zlib.crc32(block, crc);
    }
    parts.push(zlib.deflateRawSync(tail));
    if (zlib.crc32) crc = zlib.crc32(tail, crc);
    bombCache = { compressed: Buffer.concat(parts), size: head.length + 256 * block.length + tail.length, crc };
  }
  return bombCache;
}

export const ZIP_MUTATORS = {
  deflateFlip(rng, z) {
    const e = rng.pick(z.layout.entries);
    const out = Buffer.from(z.bytes);
    const n = rng.range(1, 4);
    for (let i = 0; i < n && e.dataLength; i++) out[e.dataOffset + rng.int(e.dataLength)] ^= 1 << rng.int(8);
    return [out, `${e.name}: ${n} bit flips in the deflate stream`];
  },
  deflateCut(rng, z) {
    const e = rng.pick(z.layout.entries);
    const cut = rng.range(1, Math.max(1, e.dataLength - 1));
    const out = Buffer.concat([
      z.bytes.subarray(0, e.dataOffset + cut),
      Buffer.alloc(e.dataLength - cut, rng.int(256)),
      z.bytes.subarray(e.dataOffset + e.dataLength),
    ]);
    return [out, `${e.name}: deflate stream garbled after byte ${cut}`];
  },
  cdSizes(rng, z) {
    const e = rng.pick(z.layout.entries);
    const out = Buffer.from(z.bytes);
    const field = rng.pick([
      [20, 'compressed size'],
      [24, 'size'],
      [42, 'local offset'],
      [16, 'crc'],
      [10, 'method'],
      [28, 'name length'],
      [8, 'flags'],
      [30, 'extra length'],
    ]);
    const v = rng.pick([0, 1, 0xffffffff, 0x7fffffff, 0xffff, e.dataLength + 1, 99]);
    if (field[0] === 10 || field[0] === 28 || field[0] === 8 || field[0] === 30) out.writeUInt16LE(v & 0xffff, e.cenOffset + field[0]);
    else out.writeUInt32LE(v >>> 0, e.cenOffset + field[0]);
    return [out, `${e.name}: central directory ${field[1]} = ${v}`];
  },
  localHeader(rng, z) {
    const e = rng.pick(z.layout.entries);
    const out = Buffer.from(z.bytes);
    const field = rng.pick([
      [26, 'name length'],
      [28, 'extra length'],
      [8, 'method'],
      [0, 'signature'],
    ]);
    const v = rng.pick([0, 1, 0xffff, 500]);
    if (field[0] === 0) out.writeUInt32LE(0, e.localOffset);
    else out.writeUInt16LE(v, e.localOffset + field[0]);
    return [out, `${e.name}: local header ${field[1]} = ${v}`];
  },
  eocd(rng, z) {
    const out = Buffer.from(z.bytes);
    const field = rng.pick([
      [10, 2, 'entry count'],
      [12, 4, 'directory size'],
      [16, 4, 'directory offset'],
      [20, 2, 'comment length'],
      [8, 2, 'entries on disk'],
    ]);
    const v = rng.pick([0, 1, 0xffff, 0xffffffff, 1000]);
    if (field[1] === 2) out.writeUInt16LE(v & 0xffff, z.layout.eocdOffset + field[0]);
    else out.writeUInt32LE(v >>> 0, z.layout.eocdOffset + field[0]);
    return [out, `end of directory ${field[2]} = ${v}`];
  },
  cutZip(rng, z) {
    const at = rng.int(z.bytes.length);
    return [z.bytes.subarray(0, at), `zip cut at byte ${at} of ${z.bytes.length}`];
  },
  flipAnywhere(rng, z) {
    const out = Buffer.from(z.bytes);
    const n = rng.range(1, 6);
    for (let i = 0; i < n; i++) out[rng.int(out.length)] ^= 1 << rng.int(8);
    return [out, `${n} bit flips anywhere`];
  },
};

/** Build an XLSX case from a table: XML mutations, zip, then zip mutations. */
export function buildXlsx(rng, table) {
  const ops = [];
  const parts = xlsxParts(table, { inline: rng.chance(0.3) });
  ops.push(...mutateXml(rng, parts));
  const zipOpts = {};
  if (rng.chance(0.15)) {
    const name = rng.pick([...parts.keys()]);
    zipOpts[name] = { store: true };
    ops.push(`${name} stored`);
  }
  if (rng.chance(0.01)) {
    parts.set('xl/worksheets/sheet1.xml', '');
    zipOpts['xl/worksheets/sheet1.xml'] = { raw: bomb() };
    ops.push('sheet1.xml is a 256 MiB zip bomb');
  }
  if (rng.chance(0.05)) {
    const first = [...parts][rng.int(parts.size)];
    parts.set(first[0] + '\u0000dup', first[1]);
    ops.push(`duplicate-ish entry ${first[0]}`);
  }
  const z = zipParts(parts, zipOpts);
  let bytes = z.bytes;
  const n = rng.chance(0.5) ? rng.range(1, 2) : 0;
  const names = Object.keys(ZIP_MUTATORS);
  for (let i = 0; i < n; i++) {
    const name = rng.pick(names);
    try {
      const [out, what] = ZIP_MUTATORS[name](rng, { bytes, layout: z.layout });
      bytes = out;
      ops.push(what);
    } catch {
      // an earlier cut left the layout pointing past the end: nothing to change
      ops.push(`${name}: not applicable`);
    }
  }
  return { bytes, ops };
}
