/**
 * Limits on everything a reader holds that grows with its input. Input is
 * untrusted: a tiny file must not make a run use gigabytes or minutes. Each
 * limit is far beyond what a real export reaches (Excel's own limits are the
 * guide) and stops the run with exit 3 and a message naming the file, the part
 * and where. The docs table is generated from `LIMITS`.
 */
import { inputError, type SalesperfError } from '../errors.js';
import { msg, type Msg, type Param } from '../core/message-catalog.js';

export interface Limit {
  /** Stable name, used in messages and docs. */
  readonly name: string;
  readonly value: number;
  readonly unit: 'columns' | 'characters' | 'bytes' | 'strings' | 'rows' | 'ratio';
  /** What is limited. */
  readonly what: string;
  /** What exceeding it does. */
  readonly exceeded: string;
}

const MiB = 1 << 20;
const STOP = 'stops the run: exit 3, INPUT_LIMIT, naming the file, part and row';

export const LIMITS = {
  columnsPerRow: {
    name: 'columns-per-row',
    value: 16_384,
    unit: 'columns',
    what: 'columns in one CSV record or sheet row, so also header names (Excel: 16,384, column XFD)',
    exceeded: STOP,
  },
  sheetRows: {
    name: 'sheet-rows',
    value: 1_048_576,
    unit: 'rows',
    what: 'row number of a sheet row (Excel: 1,048,576)',
    exceeded: 'stops the run: exit 3, XLSX_CORRUPT (an absurd cell reference)',
  },
  fieldChars: {
    name: 'field-chars',
    value: 16 * MiB,
    unit: 'characters',
    what: 'characters in one CSV field or sheet cell (Excel shows 32,767)',
    exceeded: STOP,
  },
  recordChars: {
    name: 'record-chars',
    value: 64 * MiB,
    unit: 'characters',
    what: "characters in one CSV record or one sheet row's XML",
    exceeded: STOP,
  },
  sharedStrings: { name: 'shared-strings', value: 16_000_000, unit: 'strings', what: 'strings in xl/sharedStrings.xml', exceeded: STOP },
  sharedStringsBytes: {
    name: 'shared-strings-bytes',
    value: 256 * MiB,
    unit: 'bytes',
    what: 'inflated size of xl/sharedStrings.xml (held in memory as one string; V8 strings stop at 512 Mi characters)',
    exceeded: STOP,
  },
  xmlPartBytes: {
    name: 'xml-part-bytes',
    value: 64 * MiB,
    unit: 'bytes',
    what: 'inflated size of a workbook part read whole (workbook.xml, its rels, styles.xml)',
    exceeded: STOP,
  },
  entryBytes: {
    name: 'entry-bytes',
    value: 4096 * MiB,
    unit: 'bytes',
    what: 'inflated size of one zip entry (a sheet is streamed, never held whole)',
    exceeded: STOP,
  },
  totalBytes: {
    name: 'total-bytes',
    value: 8192 * MiB,
    unit: 'bytes',
    what: 'inflated bytes read from one workbook in all',
    exceeded: STOP,
  },
  compressionRatio: {
    name: 'compression-ratio',
    value: 200,
    unit: 'ratio',
    what: 'inflated bytes per compressed byte of an entry, checked while inflating once 4 MiB are out (real sheets: 3–15; a deflate bomb: about 1,000)',
    exceeded: 'stops the run: exit 3, INPUT_LIMIT (a zip bomb)',
  },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** The limits as rows for the docs: name, value, unit, what, on exceeding. */
export function limitsTable(): string[][] {
  return Object.values(LIMITS).map((l) => [l.name, l.value.toLocaleString('en-US'), l.unit, l.what, l.exceeded]);
}

/** The error for an exceeded limit; `where` names the file, part and place, `seen` what was found. */
export function limitError(limit: LimitName, where: Param, seen?: Msg): SalesperfError {
  const l: Limit = LIMITS[limit];
  return inputError(
    'INPUT_LIMIT',
    msg('INPUT_LIMIT', {
      where,
      value: l.value.toLocaleString('en-US'),
      unit: msg(`LIMIT_UNIT_${l.unit}`),
      what: msg(`LIMIT_WHAT_${limit}`),
      seen: seen ? msg('LIMIT_SEEN', { seen }) : '',
      name: l.name,
    }),
    msg('INPUT_LIMIT_HINT'),
  );
}
