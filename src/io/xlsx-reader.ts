/**
 * Streaming XLSX reader: workbook.xml for sheet names and the 1904 flag,
 * styles.xml for which cells are dates, sharedStrings.xml in memory, then the
 * sheet's XML scanned row by row as it inflates. Cells come out as Excel shows
 * them: numbers at 15 significant digits, formulas by their cached value,
 * date-formatted numbers as DateCell, booleans as TRUE/FALSE, errors as text.
 */
import { open } from 'node:fs/promises';
import { inputError, usageError } from '../errors.js';
import { excelNumberText } from '../core/parse-number.js';
import { DateCell, type Cell, type RowBatch, type RowSource, type SourceInfo } from './source.js';
import { entryStream, entryText, openZip, type ZipFile } from './zip.js';

export interface XlsxOptions {
  /** Sheet name or 1-based index; default: the first sheet with data. */
  sheet?: string;
  batchSize?: number;
}

export interface SheetRef {
  name: string;
  path: string;
  hidden: boolean;
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

export function xmlText(s: string): string {
  if (s.indexOf('&') >= 0) {
    s = s.replace(ENTITY, (_, name: string | undefined, dec: string | undefined, hex: string | undefined) =>
      name ? NAMED[name]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)),
    );
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
const DATE_FMT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

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
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId'));
    const code = attr(m[1]!, 'formatCode') ?? '';
    custom.set(id, code);
  }
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml);
  const out: boolean[] = [];
  if (!cellXfs) return out;
  for (const m of cellXfs[1]!.matchAll(/<(?:\w+:)?xf\b([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : DATE_FMT_IDS.has(id));
  }
  return out;
}

function parseSharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  for (const si of xml.matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\b[^>]*\/>/g)) {
    const body = si[1];
    if (body === undefined) {
      out.push('');
      continue;
    }
    // rich text runs: concatenate every <t>, skipping phonetic runs (<rPh>)
    const plain = body.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
    let s = '';
    for (const t of plain.matchAll(/<(?:\w+:)?t\b[^>]*>([\s\S]*?)<\/(?:\w+:)?t>/g)) s += t[1];
    out.push(xmlText(s));
  }
  return out;
}

function resolveTarget(target: string): string {
  let t = target.replace(/\\/g, '/');
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
    if (code === 'ENOENT') throw inputError('INPUT_NOT_FOUND', `${path}: no such file`);
    if (code === 'EISDIR') throw inputError('INPUT_IS_DIRECTORY', `${path}: is a directory, expected a CSV or XLSX file`);
    throw inputError('INPUT_UNREADABLE', `${path}: cannot be read (${(e as Error).message})`);
  }
  const b = Buffer.alloc(8);
  try {
    await fh.read(b, 0, 8, 0);
  } finally {
    await fh.close();
  }
  if (b.readUInt32BE(0) === 0xd0cf11e0) {
    throw inputError(
      'XLS_LEGACY',
      `${path}: this is a legacy Excel 97–2003 workbook (.xls) or a password-protected workbook, which salesperf cannot read`,
      'open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) or CSV, without a password',
    );
  }
  if (b.readUInt32LE(0) !== 0x04034b50) {
    throw inputError('XLSX_CORRUPT', `${path}: not a valid .xlsx file (it does not start like a zip archive)`, 'if it is a CSV with an .xlsx name, rename it to .csv');
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
  const wbXml = await entryText(zip, 'xl/workbook.xml');
  if (wbXml === null) throw inputError('XLSX_CORRUPT', `${path}: not a valid .xlsx file (no xl/workbook.xml)`);
  const relsXml = (await entryText(zip, 'xl/_rels/workbook.xml.rels')) ?? '';
  const rels = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    const type = attr(m[1]!, 'Type') ?? '';
    if (id && target && /\/worksheet$/.test(type)) rels.set(id, resolveTarget(target));
  }
  const pr = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(wbXml);
  const d1904 = pr ? attr(pr[1]!, 'date1904') : undefined;
  const sheets: SheetRef[] = [];
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const id = attr(m[1]!, 'id');
    const target = id ? rels.get(id) : undefined;
    if (!target || !zip.entries.has(target)) continue; // chart sheets and the like
    sheets.push({ name: attr(m[1]!, 'name') ?? target, path: target, hidden: (attr(m[1]!, 'state') ?? 'visible') !== 'visible' });
  }
  return {
    zip,
    sheets,
    date1904: d1904 === '1' || d1904 === 'true',
    dateStyles: parseStyles(await entryText(zip, 'xl/styles.xml')),
    strings: null,
  };
}

const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const INLINE_T = /<(?:\w+:)?t\b[^>]*>([\s\S]*?)<\/(?:\w+:)?t>/g;

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

/**
 * The cells of one row's XML, by a hand scan over indexes (the regexes it
 * replaces were most of the reader's time): `<c r t s>` elements with an
 * optional namespace prefix, self-closing or holding `<v>`, `<f>` or
 * `<is><t>`. No string is cut out of the XML but the values themselves.
 */
function scanCells(body: string, cells: Cell[], strings: string[], dateStyles: boolean[], date1904: boolean): void {
  const n = body.length;
  let pos = 0;
  let nextCol = 0;
  let prefix = '';
  let closeC = '</c>';
  let openV = '<v';
  let closeV = '</v>';
  for (;;) {
    const lt = body.indexOf('<', pos);
    if (lt < 0) return;
    let i = lt + 1;
    while (i < n) {
      const ch = body.charCodeAt(i);
      if (ch === 62 || ch === 47 || isSpace(ch)) break;
      i++;
    }
    // a cell is `c` or `prefix:c`
    const isCell = body.charCodeAt(i - 1) === 99 && (i - 1 === lt + 1 || body.charCodeAt(i - 2) === 58);
    if (!isCell) {
      // an extension list, a closing tag…: step over this tag
      const gt = body.indexOf('>', i);
      if (gt < 0) return;
      pos = gt + 1;
      continue;
    }
    const p = i - 1 === lt + 1 ? '' : body.slice(lt + 1, i - 1);
    if (p !== prefix) {
      prefix = p;
      closeC = `</${p}c>`;
      openV = `<${p}v`;
      closeV = `</${p}v>`;
    }
    let col = -1;
    let type = 110; // 'n'; 's', 'b', 'e', 'd' by their letter, 'str' as 1, 'inlineStr' as 2
    let style = -1;
    for (;;) {
      while (i < n && isSpace(body.charCodeAt(i))) i++;
      if (i >= n) return;
      const ch = body.charCodeAt(i);
      if (ch === 62 || ch === 47) break;
      const nameStart = i;
      while (i < n && body.charCodeAt(i) !== 61 && !isSpace(body.charCodeAt(i))) i++;
      const nameEnd = i;
      // the attribute's local name, when it is one letter
      const letter = nameEnd - nameStart === 1 || body.charCodeAt(nameEnd - 2) === 58 ? body.charCodeAt(nameEnd - 1) : 0;
      while (i < n && (isSpace(body.charCodeAt(i)) || body.charCodeAt(i) === 61)) i++;
      const q = body.charCodeAt(i);
      if (q !== 34 && q !== 39) return;
      const end = body.indexOf(q === 34 ? '"' : "'", i + 1);
      if (end < 0) return;
      if (letter === 114 /* r */) col = columnAt(body, i + 1, end);
      else if (letter === 116 /* t */) {
        const len = end - i - 1;
        type = len === 1 ? body.charCodeAt(i + 1) : len === 3 && body.startsWith('str', i + 1) ? 1 : body.startsWith('inlineStr', i + 1) ? 2 : 0;
      } else if (letter === 115 /* s */) {
        style = 0;
        for (let k = i + 1; k < end; k++) style = style * 10 + body.charCodeAt(k) - 48;
      }
      i = end + 1;
    }
    if (col < 0) col = nextCol;
    nextCol = col + 1;
    if (body.charCodeAt(i) === 47) {
      // <c …/>: an empty cell
      pos = i + 2;
      continue;
    }
    const close = body.indexOf(closeC, i + 1);
    if (close < 0) return;
    pos = close + closeC.length;
    let value: Cell;
    if (type === 2) {
      let text = '';
      for (const tm of body.slice(i + 1, close).matchAll(INLINE_T)) text += tm[1];
      value = xmlText(text);
    } else {
      // the first <v> or <v …> before the cell closes
      let v = body.indexOf(openV, i + 1);
      while (v >= 0 && v < close) {
        const after = body.charCodeAt(v + openV.length);
        if (after === 62 || isSpace(after)) break;
        v = body.indexOf(openV, v + 1);
      }
      if (v < 0 || v >= close) continue;
      const gt = body.indexOf('>', v);
      const vEnd = body.indexOf(closeV, gt);
      if (vEnd < 0 || vEnd > close) continue;
      const raw = body.slice(gt + 1, vEnd);
      if (type === 115 /* s */) value = strings[Number(raw)] ?? '';
      else if (type === 98 /* b */) value = raw === '1' ? 'TRUE' : 'FALSE';
      else if (type === 1 || type === 101 /* e */ || type === 100 /* d */) value = xmlText(raw);
      else {
        // 'n' and anything else, as before: a number, a date when its style is one
        const num = Number(raw);
        if (style >= 0 && dateStyles[style] && Number.isFinite(num)) value = new DateCell(serialDays(num, date1904));
        else value = Number.isFinite(num) ? excelNumberText(num) : raw;
      }
    }
    while (cells.length < col) cells.push('');
    cells[col] = value;
  }
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

/** Rows of one sheet, streamed. */
async function* sheetRows(wb: Workbook, sheet: SheetRef, batchSize: number): AsyncGenerator<RowBatch> {
  const entry = wb.zip.entries.get(sheet.path)!;
  const strings = wb.strings ?? (wb.strings = parseSharedStrings(await entryText(wb.zip, 'xl/sharedStrings.xml')));
  const stream = await entryStream(wb.zip, entry);
  stream.setEncoding('utf8');
  let buf = '';
  let nextRow = 1;
  let batch: RowBatch = { rows: [], lines: [] };
  const dateStyles = wb.dateStyles;
  for await (const chunk of stream as AsyncIterable<string>) {
    buf = buf === '' ? chunk : buf + chunk;
    ROW.lastIndex = 0;
    let consumed = 0;
    let m: RegExpExecArray | null;
    while ((m = ROW.exec(buf))) {
      consumed = ROW.lastIndex;
      const rAttr = rowNumberAttr(m[1]!);
      const rowNo = rAttr ? Number(rAttr) : nextRow;
      nextRow = rowNo + 1;
      const body = m[2];
      if (!body) continue;
      const cells: Cell[] = [];
      scanCells(body, cells, strings, dateStyles, wb.date1904);
      if (cells.length === 0) continue;
      batch.rows.push(cells);
      batch.lines.push(rowNo);
      if (batch.rows.length >= batchSize) {
        yield batch;
        batch = { rows: [], lines: [] };
      }
    }
    if (consumed > 0) buf = buf.slice(consumed);
  }
  if (batch.rows.length) yield batch;
}

/** Open a sheet of an XLSX workbook as a row source. */
export async function openXlsx(path: string, options: XlsxOptions = {}): Promise<RowSource> {
  const wb = await openWorkbook(path);
  const batchSize = options.batchSize ?? 4096;
  if (wb.sheets.length === 0) throw inputError('XLSX_NO_SHEETS', `${path}: the workbook has no worksheets`);
  let sheet: SheetRef | undefined;
  const warnings: string[] = [];
  if (options.sheet !== undefined) {
    const want = options.sheet;
    sheet = wb.sheets.find((s) => s.name === want) ?? wb.sheets.find((s) => s.name.trim().toLowerCase() === want.trim().toLowerCase());
    if (!sheet && /^\d+$/.test(want)) sheet = wb.sheets[Number(want) - 1];
    if (!sheet) {
      throw usageError('FLAG_SHEET', `--sheet ${JSON.stringify(want)}: ${path} has no such sheet; its sheets are: ${wb.sheets.map((s, i) => `${i + 1} ${JSON.stringify(s.name)}`).join(', ')}`);
    }
  } else {
    for (const s of wb.sheets) {
      if (s.hidden) continue;
      const it = sheetRows(wb, s, 1)[Symbol.asyncIterator]();
      const first = await it.next();
      await it.return?.(undefined);
      if (!first.done && first.value.rows.some((r) => r.some((c) => c !== ''))) {
        sheet = s;
        break;
      }
    }
    if (!sheet) throw inputError('XLSX_EMPTY', `${path}: no visible sheet has any data`);
    if (wb.sheets.length > 1) {
      const others = wb.sheets.filter((s) => s !== sheet).map((s) => JSON.stringify(s.name));
      warnings.push(`${path}: read sheet ${JSON.stringify(sheet.name)}; also in the workbook: ${others.join(', ')} (choose with --sheet)`);
    }
  }
  const info: SourceInfo = {
    file: path,
    kind: 'xlsx',
    sheet: sheet.name,
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
