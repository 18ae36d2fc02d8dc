/**
 * Streaming XLSX reader: workbook.xml for sheet names and the 1904 flag,
 * styles.xml for which cells are dates, sharedStrings.xml in memory, then the
 * sheet's XML scanned row by row as it inflates. Cells come out as Excel shows
 * them: numbers at 15 significant digits, formulas by their cached value,
 * date-formatted numbers as DateCell, booleans as TRUE/FALSE, errors as text.
 */
import { msg, renderMsg, type Msg } from '../core/message-catalog.js';
import { open } from 'node:fs/promises';
import { inputError, usageError } from '../errors.js';
import { excelNumberText } from '../core/parse-number.js';
import { DateCell, type Cell, type RowBatch, type RowSource, type SourceInfo } from './source.js';
import { LIMITS, limitError, type LimitName } from './limits.js';
import { entryChunks, entryText, openZip, type ZipFile } from './zip.js';

export interface XlsxOptions {
  /** Sheet name or 1-based index; default: the first visible sheet whose top rows `usable` accepts, else the first with data. */
  sheet?: string;
  batchSize?: number;
  /** Whether a sheet's top rows (up to PROBE_ROWS) look like the data (e.g. a header with a date and an amount column). */
  usable?: (rows: Cell[][]) => boolean;
}

/** Rows of each sheet looked at to choose the default sheet. */
const PROBE_ROWS = 60;

export interface SheetRef {
  name: string;
  path: string;
  hidden: boolean;
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Damaged XML found while reading a part; the caller adds the file, part and place. */
export class XmlError extends Error {
  constructor(readonly msg: Msg) {
    super(renderMsg(msg, 'en'));
  }
}

export function xmlText(s: string): string {
  if (s.indexOf('&') >= 0) {
    s = s.replace(ENTITY, (ref: string, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (name) return NAMED[name]!;
      const cp = dec ? Number(dec) : parseInt(hex!, 16);
      // not a character XML allows: NUL, a surrogate, beyond U+10FFFF
      if (!(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff))
        throw new XmlError(msg('XML_BAD_CHAR_REF', { ref: ref.length > 20 ? ref.slice(0, 20) + '…' : ref }));
      return String.fromCodePoint(cp);
    });
  }
  if (s.indexOf('_x') >= 0) s = s.replace(OOXML_ESCAPE, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

const ATTR_RE = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | undefined {
  let re = ATTR_RE.get(name);
  if (!re) ATTR_RE.set(name, (re = new RegExp(`(?:^|\\s)(?:\\w+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`)));
  const m = re.exec(attrs);
  return m ? xmlText(m[2] ?? m[3] ?? '') : undefined;
}

/** Built-in number formats that are dates (incl. the CJK locale ones Chinese Excel uses). */
const DATE_FMT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

export function isDateFormat(code: string): boolean {
  const s = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .split(';')[0]!;
  return /[dy]|[年月日]/i.test(s) || /m{3,}/i.test(s);
}

function parseStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^<>]*)\/?>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId'));
    const code = attr(m[1]!, 'formatCode') ?? '';
    custom.set(id, code);
  }
  const open = /<((?:[\w.-]+:)?)cellXfs\b[^<>]*>/.exec(xml);
  const out: boolean[] = [];
  if (!open) return out;
  const from = open.index + open[0].length;
  const close = xml.indexOf(`</${open[1]}cellXfs>`, from);
  for (const m of xml.slice(from, close < 0 ? xml.length : close).matchAll(/<(?:\w+:)?xf\b([^<>]*?)(?:\/>|>)/g)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : DATE_FMT_IDS.has(id));
  }
  return out;
}

/** The end of the tag name that starts after `<` at `from`. */
function nameEnd(s: string, from: number): number {
  let i = from;
  const n = s.length;
  while (i < n) {
    const ch = s.charCodeAt(i);
    if (ch === 62 || ch === 47 || isSpace(ch)) break;
    i++;
  }
  return i;
}

/** `name` is `local` or `prefix:local`. */
function isLocal(name: string, local: string): boolean {
  return name === local || (name.endsWith(local) && name.charCodeAt(name.length - local.length - 1) === 58);
}

/**
 * The text of the `<t>` elements in `s[from, to)`, skipping phonetic runs
 * (`<rPh>`). A hand scan: every search moves forward, so damaged XML costs
 * one pass, not one per tag.
 */
function runText(s: string, from: number, to: number): string {
  let out = '';
  let pos = from;
  for (;;) {
    const lt = s.indexOf('<', pos);
    if (lt < 0 || lt >= to) return out;
    const ne = nameEnd(s, lt + 1);
    const name = s.slice(lt + 1, ne);
    const gt = s.indexOf('>', ne);
    if (gt < 0 || gt >= to) throw new XmlError(msg('XML_TAG_NO_END'));
    pos = gt + 1;
    if (s.charCodeAt(gt - 1) === 47) continue; // <t/>, <rPh/>
    if (isLocal(name, 't') || isLocal(name, 'rPh')) {
      const close = s.indexOf(`</${name}>`, pos);
      if (close < 0 || close >= to) throw new XmlError(msg('XML_ELEMENT_NO_END', { name }));
      if (isLocal(name, 't')) out += s.slice(pos, close);
      pos = close + name.length + 3;
    }
  }
}

/** True when `xml` ends with the closing tag of its root element `local`, or the root closes itself (`<sst count="0"/>`). */
function endsWithRoot(xml: string, local: string): boolean {
  return new RegExp(`(?:</(?:[\\w.-]+:)?${local}>|<(?:[\\w.-]+:)?${local}\\b[^<>]*/>)\\s*$`).test(xml.slice(-256));
}

function parseSharedStrings(xml: string | null, where: string): string[] {
  if (!xml) return [];
  const out: string[] = [];
  let pos = 0;
  try {
    for (;;) {
      const lt = xml.indexOf('<', pos);
      if (lt < 0) break;
      const ne = nameEnd(xml, lt + 1);
      const gt = xml.indexOf('>', ne);
      if (gt < 0) break;
      pos = gt + 1;
      const name = xml.slice(lt + 1, ne);
      if (!isLocal(name, 'si')) continue;
      if (out.length >= LIMITS.sharedStrings.value) throw limitError('sharedStrings', where);
      if (xml.charCodeAt(gt - 1) === 47) {
        out.push('');
        continue;
      }
      const close = xml.indexOf(`</${name}>`, pos);
      if (close < 0) throw new XmlError(msg('XML_STRING_NO_END'));
      out.push(xmlText(runText(xml, pos, close)));
      pos = close + name.length + 3;
    }
  } catch (e) {
    if (e instanceof XmlError) throw damaged(where, msg('AT_PLACE', { place: msg('XML_STRING_N', { n: out.length }), what: e.msg }));
    throw e;
  }
  if (!endsWithRoot(xml, 'sst')) throw damaged(where, msg('XML_SST_TRUNCATED', { n: out.length - 1 }));
  return out;
}

function damaged(where: string, what: Msg) {
  return inputError('XLSX_CORRUPT', msg('XML_DAMAGED', { where, what }), msg('XML_DAMAGED_HINT'));
}

/** Shared strings, read once per workbook, within their limits. */
async function sharedStrings(zip: ZipFile): Promise<string[]> {
  const part = 'xl/sharedStrings.xml';
  const xml = await entryText(zip, part, LIMITS.sharedStringsBytes.value, 'sharedStringsBytes');
  return parseSharedStrings(xml, `${zip.path}: ${part}`);
}

function resolveTarget(target: string): string {
  const t = target.replace(/\\/g, '/');
  if (t.startsWith('/')) return t.slice(1);
  const parts = ('xl/' + t).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

async function checkMagic(path: string): Promise<void> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw inputError('INPUT_NOT_FOUND', msg('INPUT_NOT_FOUND', { file: path }));
    if (code === 'EISDIR') throw inputError('INPUT_IS_DIRECTORY', msg('INPUT_IS_DIRECTORY', { file: path }));
    throw inputError('INPUT_UNREADABLE', msg('INPUT_UNREADABLE', { file: path, reason: (e as Error).message }));
  }
  const b = Buffer.alloc(8);
  try {
    await fh.read(b, 0, 8, 0);
  } finally {
    await fh.close();
  }
  if (b.readUInt32BE(0) === 0xd0cf11e0) {
    throw inputError('XLS_LEGACY', msg('XLS_LEGACY', { file: path }), msg('XLS_LEGACY_HINT'));
  }
  if (b.readUInt32LE(0) !== 0x04034b50) {
    throw inputError('XLSX_CORRUPT', msg('XLSX_NOT_ZIP', { file: path }), msg('XLSX_NOT_ZIP_HINT'));
  }
}

export interface Workbook {
  zip: ZipFile;
  sheets: SheetRef[];
  date1904: boolean;
  dateStyles: boolean[];
  strings: string[] | null;
}

export async function openWorkbook(path: string): Promise<Workbook> {
  await checkMagic(path);
  const zip = await openZip(path);
  let part = 'xl/workbook.xml';
  try {
    return await readWorkbookParts(path, zip, (p) => (part = p));
  } catch (e) {
    if (e instanceof XmlError) throw damaged(`${path}: ${part}`, e.msg);
    throw e;
  }
}

async function readWorkbookParts(path: string, zip: ZipFile, reading: (part: string) => void): Promise<Workbook> {
  const wbXml = await entryText(zip, 'xl/workbook.xml');
  if (wbXml === null) throw inputError('XLSX_CORRUPT', msg('XLSX_NO_WORKBOOK', { file: path }));
  if (!endsWithRoot(wbXml, 'workbook')) throw damaged(`${path}: xl/workbook.xml`, msg('XML_WORKBOOK_TRUNCATED'));
  reading('xl/_rels/workbook.xml.rels');
  const relsXml = (await entryText(zip, 'xl/_rels/workbook.xml.rels')) ?? '';
  const rels = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^<>]*)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    const type = attr(m[1]!, 'Type') ?? '';
    if (id && target && /\/worksheet$/.test(type)) rels.set(id, resolveTarget(target));
  }
  reading('xl/workbook.xml');
  const pr = /<(?:\w+:)?workbookPr\b([^<>]*)>/.exec(wbXml);
  const d1904 = pr ? attr(pr[1]!, 'date1904') : undefined;
  const sheets: SheetRef[] = [];
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b([^<>]*)\/?>/g)) {
    const id = attr(m[1]!, 'id');
    const target = id ? rels.get(id) : undefined;
    if (!target) continue; // chart sheets and the like
    if (!zip.entries.has(target)) {
      throw inputError(
        'XLSX_CORRUPT',
        msg('XLSX_SHEET_PART_MISSING', { file: path, sheet: JSON.stringify(attr(m[1]!, 'name') ?? id), target }),
      );
    }
    sheets.push({ name: attr(m[1]!, 'name') ?? target, path: target, hidden: (attr(m[1]!, 'state') ?? 'visible') !== 'visible' });
  }
  reading('xl/styles.xml');
  return {
    zip,
    sheets,
    date1904: d1904 === '1' || d1904 === 'true',
    dateStyles: parseStyles(await entryText(zip, 'xl/styles.xml')),
    strings: null,
  };
}

const isSpace = (ch: number) => ch === 32 || ch === 9 || ch === 10 || ch === 13;

/** The `r` attribute of a row's attributes (a hand scan: the generic attribute regex was the reader's main cost). */
function rowNumberAttr(attrs: string): string | undefined {
  let i = 0;
  const n = attrs.length;
  while (i < n) {
    while (i < n && isSpace(attrs.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < n && attrs.charCodeAt(i) !== 61 /* = */ && !isSpace(attrs.charCodeAt(i))) i++;
    const name = attrs.slice(nameStart, i);
    while (i < n && (isSpace(attrs.charCodeAt(i)) || attrs.charCodeAt(i) === 61)) i++;
    const q = attrs.charCodeAt(i);
    if (q !== 34 && q !== 39) return undefined;
    const end = attrs.indexOf(q === 34 ? '"' : "'", i + 1);
    if (end < 0) return undefined;
    if (name === 'r' || name.endsWith(':r')) return xmlText(attrs.slice(i + 1, end));
    i = end + 1;
  }
  return undefined;
}

/** What the scan of one row knows: the cells' tag prefix and its tags, the next `<v` (searched forward once per row), the cell being read. */
interface RowScan {
  body: string;
  prefix: string;
  closeC: string;
  openV: string;
  closeV: string;
  /** Where the next `<v` is at or after the cell (-1: none left; -2: not searched yet). */
  nextV: number;
  col: number;
  /** 'n' (110); 's', 'b', 'e', 'd' by their letter; 'str' as 1, 'inlineStr' as 2. */
  type: number;
  style: number;
}

/**
 * The cells of one row's XML, by a hand scan over indexes (the regexes it
 * replaces were most of the reader's time): `<c r t s>` elements with an
 * optional namespace prefix, self-closing or holding `<v>`, `<f>` or
 * `<is><t>`. No string is cut out of the XML but the values themselves.
 * One small function per step (tag name, attributes, value) over one state
 * object per row.
 */
function scanCells(body: string, cells: Cell[], strings: string[], dateStyles: boolean[], date1904: boolean): void {
  const st: RowScan = { body, prefix: '', closeC: '</c>', openV: '<v', closeV: '</v>', nextV: -2, col: -1, type: 110, style: -1 };
  let pos = 0;
  let nextCol = 0;
  for (;;) {
    const lt = body.indexOf('<', pos);
    if (lt < 0) return;
    const i = tagNameEnd(body, lt + 1);
    // a cell is `c` or `prefix:c`
    if (!(body.charCodeAt(i - 1) === 99 && (i - 1 === lt + 1 || body.charCodeAt(i - 2) === 58))) {
      // an extension list, a closing tag…: step over this tag
      const gt = body.indexOf('>', i);
      if (gt < 0) throw new XmlError(msg('XML_TAG_NO_END'));
      pos = gt + 1;
      continue;
    }
    usePrefix(st, i - 1 === lt + 1 ? '' : body.slice(lt + 1, i - 1));
    const at = cellAttributes(st, i);
    const col = st.col < 0 ? nextCol : st.col;
    if (col >= LIMITS.columnsPerRow.value) throw new RowLimit('columnsPerRow');
    nextCol = col + 1;
    if (body.charCodeAt(at) === 47) {
      // <c …/>: an empty cell
      pos = at + 2;
      continue;
    }
    const close = body.indexOf(st.closeC, at + 1);
    if (close < 0) throw new XmlError(msg('XML_CELL_NO_CLOSE', { tag: st.closeC }));
    if (close - at > LIMITS.fieldChars.value) throw new RowLimit('fieldChars');
    pos = close + st.closeC.length;
    const value = st.type === 2 ? xmlText(runText(body, at + 1, close)) : cellValue(st, at, close, strings, dateStyles, date1904);
    if (value === undefined) continue;
    while (cells.length < col) cells.push('');
    cells[col] = value;
  }
}

/** The end of a tag's name starting at `i`: the first `>`, `/` or space. */
function tagNameEnd(body: string, i: number): number {
  const n = body.length;
  while (i < n) {
    const ch = body.charCodeAt(i);
    if (ch === 62 || ch === 47 || isSpace(ch)) break;
    i++;
  }
  return i;
}

/** The cells' namespace prefix and the tags that follow from it (the `<v` search starts again when it changes). */
function usePrefix(st: RowScan, p: string): void {
  if (p === st.prefix) return;
  st.prefix = p;
  st.closeC = `</${p}c>`;
  st.openV = `<${p}v`;
  st.closeV = `</${p}v>`;
  st.nextV = -2;
}

/** A cell tag's attributes from `i`: its column (`r`), type (`t`) and style (`s`) into `st`; returns where the tag ends (`>` or `/`). */
function cellAttributes(st: RowScan, i: number): number {
  const body = st.body;
  const n = body.length;
  st.col = -1;
  st.type = 110;
  st.style = -1;
  for (;;) {
    while (i < n && isSpace(body.charCodeAt(i))) i++;
    if (i >= n) throw new XmlError(msg('XML_CELL_TAG_NO_END'));
    const ch = body.charCodeAt(i);
    if (ch === 62 || ch === 47) return i;
    const nameStart = i;
    while (i < n && body.charCodeAt(i) !== 61 && !isSpace(body.charCodeAt(i))) i++;
    const nameEnd = i;
    // the attribute's local name, when it is one letter
    const letter = nameEnd - nameStart === 1 || body.charCodeAt(nameEnd - 2) === 58 ? body.charCodeAt(nameEnd - 1) : 0;
    while (i < n && (isSpace(body.charCodeAt(i)) || body.charCodeAt(i) === 61)) i++;
    const q = body.charCodeAt(i);
    if (q !== 34 && q !== 39) throw new XmlError(msg('XML_ATTR_NOT_QUOTED'));
    const end = body.indexOf(q === 34 ? '"' : "'", i + 1);
    if (end < 0) throw new XmlError(msg('XML_ATTR_NO_END'));
    cellAttribute(st, letter, i + 1, end);
    i = end + 1;
  }
}

/** One attribute's value, `body[from, to)`, by its one-letter local name. */
function cellAttribute(st: RowScan, letter: number, from: number, to: number): void {
  const body = st.body;
  if (letter === 114 /* r */) {
    st.col = columnAt(body, from, to);
    if (st.col >= LIMITS.columnsPerRow.value)
      throw new XmlError(msg('XML_CELL_REF_BEYOND', { ref: JSON.stringify(body.slice(from, Math.min(to, from + 23))) }));
  } else if (letter === 116 /* t */) {
    const len = to - from;
    st.type =
      len === 1 ? body.charCodeAt(from) : len === 3 && body.startsWith('str', from) ? 1 : body.startsWith('inlineStr', from) ? 2 : 0;
  } else if (letter === 115 /* s */) {
    let style = 0;
    for (let k = from; k < to; k++) style = style * 10 + body.charCodeAt(k) - 48;
    st.style = style;
  }
}

/** The value of a cell whose content runs from `at` to its closing tag at `close`: its first `<v>`, read by the cell's type; undefined without one. */
function cellValue(st: RowScan, at: number, close: number, strings: string[], dateStyles: boolean[], date1904: boolean): Cell | undefined {
  const body = st.body;
  // the first <v> or <v …> before the cell closes (one forward search per row, not per cell)
  if (st.nextV !== -1 && st.nextV < at + 1) st.nextV = nextOpenV(body, st.openV, at + 1);
  const v = st.nextV;
  if (v < 0 || v >= close) return undefined;
  const gt = body.indexOf('>', v);
  const vEnd = body.indexOf(st.closeV, gt);
  if (vEnd < 0 || vEnd > close) return undefined;
  const raw = body.slice(gt + 1, vEnd);
  const type = st.type;
  if (type === 115 /* s */) {
    const str = strings[Number(raw)];
    if (str === undefined)
      throw new XmlError(msg('XML_SHARED_STRING_MISSING', { ref: JSON.stringify(raw.slice(0, 24)), count: strings.length }));
    return str;
  }
  if (type === 98 /* b */) return raw === '1' ? 'TRUE' : 'FALSE';
  if (type === 1 || type === 101 /* e */ || type === 100 /* d */) return xmlText(raw);
  // 'n' and anything else, as before: a number, a date when its style is one
  const num = Number(raw);
  if (st.style >= 0 && dateStyles[st.style] && Number.isFinite(num)) return new DateCell(serialDays(num, date1904));
  return Number.isFinite(num) ? excelNumberText(num) : raw;
}

/** The next `<v>` or `<v …>` tag at or after `from` (not `<vm…>`), or -1. */
function nextOpenV(body: string, openV: string, from: number): number {
  let v = body.indexOf(openV, from);
  while (v >= 0) {
    const after = body.charCodeAt(v + openV.length);
    if (after === 62 || isSpace(after)) break;
    v = body.indexOf(openV, v + 1);
  }
  return v;
}

/** 0-based column of a cell reference like `AB12` held in `s[from, to)`. */
function columnAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n - 1;
}

/** Excel serial (fractional) → fractional day number since 1970-01-01. */
function serialDays(serial: number, date1904: boolean): number {
  if (date1904) return serial - 24107;
  return serial < 61 ? serial - 25568 : serial - 25569;
}

/** A row or cell beyond a limit; the caller names the part and row. */
class RowLimit extends Error {
  constructor(readonly limit: LimitName) {
    super(limit);
  }
}

/** Where the unconsumed text stands: nothing pending, a tag waiting for its `>`, a row waiting for its closing tag. */
const enum Wait {
  None,
  TagEnd,
  RowEnd,
}

/** A row's `r` attribute, or undefined when there is none or it cannot be read. */
function safeRowNumber(attrs: string): string | undefined {
  try {
    return rowNumberAttr(attrs);
  } catch {
    return undefined;
  }
}

/** The row number a row's attributes give (the one after `prevRow` without `r`); XmlError when not a number, too far or out of order. */
function rowNumberOf(attrs: string, prevRow: number): number {
  const rAttr = rowNumberAttr(attrs);
  if (rAttr === undefined) return prevRow + 1;
  const rowNo = Number(rAttr);
  if (!Number.isInteger(rowNo) || rowNo < 1) throw new XmlError(msg('XML_ROW_NOT_NUMBER', { row: JSON.stringify(rAttr.slice(0, 24)) }));
  if (rowNo > LIMITS.sheetRows.value) throw new XmlError(msg('XML_ROW_BEYOND', { row: rowNo }));
  if (rowNo <= prevRow) throw new XmlError(msg('XML_ROW_ORDER', { row: rowNo, prev: prevRow }));
  return rowNo;
}

/** Scan whole rows of `text`, each to `emit(attrs, body)`; returns where the unconsumed rest starts and what it waits for. */
function scanRows(
  text: string,
  emit: (attrs: string, body: string | undefined) => void,
): { consumed: number; wait: Wait; closeTag: string } {
  let pos = 0;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) return { consumed: text.length, wait: Wait.None, closeTag: '' };
    const ne = nameEnd(text, lt + 1);
    const gt = text.indexOf('>', ne);
    if (gt < 0) return { consumed: lt, wait: Wait.TagEnd, closeTag: '' };
    const name = text.slice(lt + 1, ne);
    if (!isLocal(name, 'row')) {
      pos = gt + 1;
      continue;
    }
    if (text.charCodeAt(gt - 1) === 47) {
      emit(text.slice(ne, gt - 1), undefined);
      pos = gt + 1;
      continue;
    }
    const closeTag = `</${name}>`;
    const close = text.indexOf(closeTag, gt + 1);
    if (close < 0) return { consumed: lt, wait: Wait.RowEnd, closeTag };
    emit(text.slice(ne, gt), text.slice(gt + 1, close));
    pos = close + closeTag.length;
  }
}

/** A sheet's rows as the scan finds them: each row's number checked, its cells read into batches, full batches ready to yield. */
class SheetBatches {
  prevRow = 0;
  batch: RowBatch = { rows: [], lines: [] };
  readonly ready: RowBatch[] = [];

  constructor(
    private readonly where: string,
    private readonly strings: string[],
    private readonly dateStyles: boolean[],
    private readonly date1904: boolean,
    private readonly batchSize: number,
  ) {}

  /** The `r` of the row tag at `lt` in `text` (for a message), else the number after the last row read. */
  rowAt(text: string, lt: number): string {
    const ne = nameEnd(text, lt + 1);
    const gt = text.indexOf('>', ne);
    const r = gt < 0 ? undefined : safeRowNumber(text.slice(ne, gt));
    return r ?? String(this.prevRow + 1);
  }

  /** One row from scanRows; damage or a limit becomes an error naming the part and the row. */
  readonly emit = (attrs: string, body: string | undefined): void => {
    let at: Msg = this.prevRow ? msg('XML_ROW_AFTER', { row: this.prevRow }) : msg('XML_FIRST_ROW');
    try {
      const rowNo = rowNumberOf(attrs, this.prevRow);
      this.prevRow = rowNo;
      at = msg('AT_ROW', { row: rowNo });
      if (!body) return;
      const cells: Cell[] = [];
      scanCells(body, cells, this.strings, this.dateStyles, this.date1904);
      if (cells.length === 0) return;
      this.batch.rows.push(cells);
      this.batch.lines.push(rowNo);
      if (this.batch.rows.length >= this.batchSize) {
        this.ready.push(this.batch);
        this.batch = { rows: [], lines: [] };
      }
    } catch (e) {
      if (e instanceof XmlError) throw damaged(this.where, msg('AT_PLACE', { place: at, what: e.msg }));
      if (e instanceof RowLimit) throw limitError(e.limit, msg('AT_PLACE', { place: this.where, what: at }));
      throw e;
    }
  };
}

/**
 * Rows of one sheet, streamed. The XML is scanned by hand as it inflates;
 * text of an unfinished row is held in pieces and scanned again only once a
 * later piece holds what can finish it (its `>` or its `</row>`), so a huge
 * row costs one pass, not one per chunk. A sheet that ends inside a row or
 * before `</worksheet>` is damaged, not short.
 */
async function* sheetRows(wb: Workbook, sheet: SheetRef, batchSize: number): AsyncGenerator<RowBatch> {
  const entry = wb.zip.entries.get(sheet.path)!;
  const where = `${wb.zip.path}: ${sheet.path}`;
  const strings = wb.strings ?? (wb.strings = await sharedStrings(wb.zip));
  const dec = new TextDecoder('utf-8');
  const rows = new SheetBatches(where, strings, wb.dateStyles, wb.date1904, batchSize);

  let pending = ''; // unconsumed text: an unfinished tag or row
  let held: string[] = []; // text after `pending`, not joined until it may finish it
  let heldLen = 0;
  let wait = Wait.None as Wait;
  let closeTag = '';
  let tail = ''; // the last characters read, to find a closing tag cut by a chunk's end and check the sheet's end
  const feed = (chunk: string): void => {
    if (chunk === '') return;
    const overlap = tail;
    tail = (tail + chunk).slice(-256);
    if (wait === Wait.TagEnd && chunk.indexOf('>') < 0) {
      held.push(chunk);
      heldLen += chunk.length;
    } else if (wait === Wait.RowEnd && (overlap.slice(-closeTag.length) + chunk).indexOf(closeTag) < 0) {
      held.push(chunk);
      heldLen += chunk.length;
    } else {
      const text = pending + (held.length ? held.join('') : '') + chunk;
      held = [];
      heldLen = 0;
      const r = scanRows(text, rows.emit);
      pending = text.slice(r.consumed);
      wait = r.wait;
      closeTag = r.closeTag;
      return;
    }
    if (pending.length + heldLen > LIMITS.recordChars.value) {
      const text = pending;
      throw limitError(
        'recordChars',
        msg('AT_PLACE', { place: where, what: msg('AT_ROW', { row: wait === Wait.RowEnd ? rows.rowAt(text, 0) : rows.prevRow + 1 }) }),
      );
    }
  };

  for await (const chunk of entryChunks(wb.zip, entry)) {
    feed(dec.decode(chunk, { stream: true }));
    while (rows.ready.length) yield rows.ready.shift()!;
  }
  feed(dec.decode());
  while (rows.ready.length) yield rows.ready.shift()!;
  if (wait === Wait.RowEnd) throw damaged(where, msg('XML_SHEET_ENDS_IN_ROW', { row: rows.rowAt(pending, 0) }));
  if (wait === Wait.TagEnd || !endsWithRoot(tail, 'worksheet')) {
    throw damaged(where, msg('XML_SHEET_NO_END', { after: rows.prevRow ? msg('XML_AFTER_ROW', { row: rows.prevRow }) : '' }));
  }
  if (rows.batch.rows.length) yield rows.batch;
}

/** Open a sheet of an XLSX workbook as a row source. */
export async function openXlsx(path: string, options: XlsxOptions = {}): Promise<RowSource> {
  const wb = await openWorkbook(path);
  const batchSize = options.batchSize ?? 4096;
  if (wb.sheets.length === 0) throw inputError('XLSX_NO_SHEETS', msg('XLSX_NO_SHEETS', { file: path }));
  let sheet: SheetRef | undefined;
  const warnings: (string | Msg)[] = [];
  if (options.sheet !== undefined) {
    const want = options.sheet;
    sheet = wb.sheets.find((s) => s.name === want) ?? wb.sheets.find((s) => s.name.trim().toLowerCase() === want.trim().toLowerCase());
    if (!sheet && /^\d+$/.test(want)) sheet = wb.sheets[Number(want) - 1];
    if (!sheet) {
      throw usageError(
        'FLAG_SHEET',
        msg('FLAG_SHEET', {
          value: JSON.stringify(want),
          file: path,
          sheets: wb.sheets.map((s, i) => `${i + 1} ${JSON.stringify(s.name)}`).join(', '),
        }),
      );
    }
  } else {
    // the first visible sheet that looks like the data; else the first with any data (the mapping then says what is missing)
    let firstWithData: SheetRef | undefined;
    for (const s of wb.sheets) {
      if (s.hidden) continue;
      const it = sheetRows(wb, s, options.usable ? PROBE_ROWS : 1)[Symbol.asyncIterator]();
      const first = await it.next();
      await it.return?.(undefined);
      if (first.done || !first.value.rows.some((r) => r.some((c) => c !== ''))) continue;
      firstWithData ??= s;
      if (!options.usable || options.usable(first.value.rows)) {
        sheet = s;
        break;
      }
    }
    const skipped = sheet !== undefined && sheet !== firstWithData;
    sheet ??= firstWithData;
    if (!sheet) throw inputError('XLSX_EMPTY', msg('XLSX_EMPTY', { file: path }));
    if (wb.sheets.length > 1) {
      const others = wb.sheets.filter((s) => s !== sheet).map((s) => JSON.stringify(s.name));
      warnings.push(
        msg(skipped ? 'NOTE_OTHER_SHEETS_CHOSEN' : 'NOTE_OTHER_SHEETS', {
          file: path,
          sheet: JSON.stringify(sheet.name),
          others: others.join(', '),
        }),
      );
    }
  }
  const info: SourceInfo = {
    file: path,
    kind: 'xlsx',
    sheet: sheet.name,
    ...(options.sheet === undefined ? { sheets: wb.sheets.map((s) => s.name) } : {}),
    typedNumbers: true,
    date1904: wb.date1904,
    warnings,
    bytes: wb.zip.entries.get(sheet.path)!.size,
  };
  const chosen = sheet;
  return {
    info,
    batches: () => sheetRows(wb, chosen, batchSize),
    close: () => {
      wb.strings = null; // the shared-string table can be large: let it go
    },
  };
}
