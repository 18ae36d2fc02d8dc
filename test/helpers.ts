import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

export const ROOT = new URL('..', import.meta.url).pathname;
export const BIN = join(ROOT, 'bin/salesperf.js');

export function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'salesperf-test-'));
}

export function writeTmp(name: string, content: string | Uint8Array, dir = tmp()): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

export interface CliRun {
  code: number | null;
  /** The signal that ended the process, if one did (code is then null). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run the built binary with piped streams. */
export function runCli(args: string[], opts: { input?: string | Buffer; cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input ?? '',
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...(opts.env ?? {}) },
    encoding: 'utf8',
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

let gbkTable: Map<number, number[]> | null = null;
/** GBK encoder built by inverting Node's own GBK decoder (no extra dependency). */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch.charCodeAt(0))) gbkTable.set(ch.charCodeAt(0), [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) out.push(c);
    else {
      const b = gbkTable.get(c);
      if (!b) throw new Error(`not in GBK: ${ch}`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}

/** Write rows to an XLSX with exceljs; `setup` may style cells. */
export async function writeXlsx(
  path: string,
  sheets: { name: string; rows: unknown[][]; setup?: (ws: ExcelJS.Worksheet) => void }[],
  props: { date1904?: boolean } = {},
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  if (props.date1904) wb.properties.date1904 = true;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
    s.setup?.(ws);
  }
  await wb.xlsx.writeFile(path);
  return path;
}

import { newRun, readRecords, type IngestOptions } from '../src/ingest/read.js';
import type { SalesRecord } from '../src/ingest/record.js';
import { isoDate } from '../src/core/dates.js';
import { toPlainString } from '../src/core/decimal.js';

/** Read files through the real ingest pipeline. */
export async function ingest(paths: string[], options: Partial<IngestOptions> = {}) {
  const run = newRun();
  const records: SalesRecord[] = [];
  for await (const b of readRecords(paths, { asOf: null, ...options }, run)) records.push(...b);
  return { run, records, file: run.files[0]!, issues: run.log.summary() };
}

/** A record in plain words for assertions. */
export function plain(r: SalesRecord) {
  return {
    row: r.row,
    date: isoDate(r.date),
    amount: toPlainString({ units: r.units, scale: r.scale }),
    status: r.status,
    rep: r.rep,
    customer: r.customer,
  };
}

/** A small CSV with accents that windows-1252 can hold, and how it reads. */
export const ACCENTED_CSV = 'Date,Rep,Customer,Amount\n2026-01-05,Zoë,Café Ünïcode,"1,200.50"\n2026-01-06,José,Señor SA,99\n';
export const ACCENTED_ROWS = [
  { row: 2, date: '2026-01-05', amount: '1200.5', status: 'won', rep: 'Zoë', customer: 'Café Ünïcode' },
  { row: 3, date: '2026-01-06', amount: '99', status: 'won', rep: 'José', customer: 'Señor SA' },
];
