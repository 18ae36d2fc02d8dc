/** Build a minimal XLSX (as XML parts, then zipped) from a table, for mutation. */
import { buildZip } from './zip.mjs';

export const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function colName(i) {
  let s = '';
  i += 1;
  while (i > 0) {
    const m = (i - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    i = Math.floor((i - 1) / 26);
  }
  return s;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
function serial(y, m, d) {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

/**
 * The parts of a workbook holding `rows` on one sheet: ISO dates become date
 * cells, numbers become numbers, other text shared strings (or inline strings).
 * Returns a Map name → string (XML).
 */
export function xlsxParts(rows, { inline = false } = {}) {
  const strings = [];
  const index = new Map();
  const sst = (s) => {
    if (!index.has(s)) {
      index.set(s, strings.length);
      strings.push(s);
    }
    return index.get(s);
  };
  const sheetData = [];
  rows.forEach((row, r) => {
    sheetData.push(`<row r="${r + 1}">`);
    row.forEach((v, c) => {
      const ref = `${colName(c)}${r + 1}`;
      const dm = DATE_RE.exec(v);
      if (r > 0 && dm) sheetData.push(`<c r="${ref}" s="1"><v>${serial(+dm[1], +dm[2], +dm[3])}</v></c>`);
      else if (r > 0 && /^-?\d+(\.\d+)?$/.test(v)) sheetData.push(`<c r="${ref}"><v>${v}</v></c>`);
      else if (v === '') return;
      else if (inline) sheetData.push(`<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`);
      else sheetData.push(`<c r="${ref}" t="s"><v>${sst(v)}</v></c>`);
    });
    sheetData.push('</row>');
  });
  const cols = Math.max(1, ...rows.slice(0, 50).map((r) => r.length));
  const parts = new Map();
  parts.set(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
  );
  parts.set(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  parts.set(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  parts.set(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
  );
  parts.set(
    'xl/styles.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="0"/><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
  );
  parts.set(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:${colName(cols - 1)}${rows.length}"/><sheetData>${sheetData.join('')}</sheetData></worksheet>`,
  );
  parts.set(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`).join('')}</sst>`,
  );
  return parts;
}

/** Zip the parts (a Map name → string | Buffer). */
export function zipParts(parts, opts = {}) {
  return buildZip(
    [...parts].map(([name, data]) => ({ name, data: Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'), ...(opts[name] ?? {}) })),
  );
}
