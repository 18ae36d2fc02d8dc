/** `salesperf init FILE`: a commented starter config from a file's headers. */
import { msg } from '../core/message-catalog.js';
import { existsSync } from 'node:fs';
import { dataError, usageError } from '../errors.js';
import { writeFileAtomic } from '../io/write.js';
import { detectHeaderRow } from '../ingest/infer.js';
import { FIELDS, mapColumns } from '../ingest/mapping.js';
import { openSource } from '../ingest/read.js';
import type { Cell } from '../io/source.js';
import type { CliIO } from './io.js';
import { DEFAULT_SCORECARD } from '../schema/scorecard.js';
import { formatMessages, note } from './messages.js';
import { langFromEnv } from './options.js';

export async function initCommand(
  file: string,
  flags: { out?: string; force?: boolean; sheet?: string; quiet?: boolean },
  io: CliIO,
): Promise<number> {
  const out = flags.out ?? 'salesperf.config.json';
  if (out !== '-' && existsSync(out) && !flags.force) throw usageError('INIT_EXISTS', msg('INIT_EXISTS', { file: out }));
  const headers = await headersOf(file, flags.sheet);
  const m = mapColumns(headers);
  const mapped = FIELDS.filter((f) => m.columns[f] !== undefined);
  if (m.columns.date === undefined && m.columns.amount === undefined) {
    throw usageError(
      'MAPPING',
      `${file}: no date and no amount column found, so this does not look like a sales export (headers: ${headers.map((x) => JSON.stringify(x)).join(', ')})`,
      'if it is, write the config by hand with "map": { "date": "<header>", "amount": "<header>" } (docs/input-formats.md)',
    );
  }
  const unmapped = headers.filter((_, i) => !Object.values(m.columns).includes(i) && headers[i]!.trim() !== '');
  const q = (s: string) => JSON.stringify(s);
  const text = configText(
    file,
    unmapped,
    mapped.map((f) => [f, headers[m.columns[f]!]!]),
  );
  if (out === '-') io.stdout(text);
  else {
    await writeFileAtomic(out, text, [file]);
    if (!flags.quiet)
      io.stderr(
        formatMessages(
          [
            note(
              msg('NOTE_INIT_WROTE', {
                file: out,
                count: mapped.length,
                list: mapped.map((f) => `${f} ← ${q(headers[m.columns[f]!]!)}`).join(', '),
              }),
            ),
          ],
          langFromEnv(io.env),
        ),
      );
  }
  return 0;
}

/** The header row of a file (found among its first 40 rows); a data error when it has none. */
async function headersOf(file: string, sheet: string | undefined): Promise<string[]> {
  const src = await openSource(file, { asOf: null, ...(sheet ? { sheet } : {}) });
  const rows: Cell[][] = [];
  for await (const b of src.batches()) {
    rows.push(...b.rows);
    if (rows.length >= 40) break;
  }
  const h = detectHeaderRow(rows);
  const headers = (rows[h] ?? []).map((c) => (typeof c === 'string' ? c : ''));
  // an empty or headerless file stops init as it stops the other commands: a config with an empty "map" helps nobody
  if (!headers.some((x) => x.trim() !== '')) {
    throw dataError(
      'NO_DATA_ROWS',
      `${file}: no header row to map (the file is empty, or holds only a BOM or blank lines)`,
      'a failed or empty export? check the file; salesperf validate shows what was read',
    );
  }
  return headers;
}

/** The commented config: the mapped columns (field, header), the headers left unmapped, and the default scorecard. */
function configText(file: string, unmapped: string[], mapped: [field: string, header: string][]): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    '{',
    `  // salesperf config, written by \`salesperf init ${file}\`. Comments are allowed.`,
    `  // Flags on the command line win over this file. Every key: docs/input-formats.md.`,
    '',
    `  // Columns: found by their headers; change a header here to map another column.`,
    `  // Fields: ${FIELDS.join(', ')}.`,
    `  // Not mapped (kept as dimensions for --by): ${unmapped.map(q).join(', ') || 'none'}.`,
    '  "map": {',
    ...mapped.map(([f, header], i) => `    ${q(f)}: ${q(header)}${i < mapped.length - 1 ? ',' : ''}`),
    '  },',
    '',
    '  // Status values beyond the built-in ones (won/lost/open/refund, 成交/丢单/跟进中/退款 …):',
    '  "statuses": { "won": [], "lost": [], "open": [], "refund": [] },',
    '',
    '  // Day/month order of slashed dates when the data cannot tell: "dmy" or "mdy".',
    '  // "dateFormat": "dmy",',
    '',
    '  // The scorecard: weights must add up to 100. scoring: attainment (of a target, capped)',
    '  // or percentile (within the peers). direction: higher or lower is better.',
    '  // These are the defaults salesperf uses without this file; a KPI with a "target" can be',
    '  // scored by attainment instead, e.g. { "kpi": "winRate", "weight": 15, "target": 0.6 }.',
    '  "scorecard": {',
    '    "kpis": [',
    ...DEFAULT_SCORECARD.kpis.map((k, i) => `      ${inline(k)}${i < DEFAULT_SCORECARD.kpis.length - 1 ? ',' : ''}`),
    '    ],',
    '    // Bands by total score, highest first. Chinese names work too: 优秀 / 良好 / 合格 / 待改进.',
    '    "bands": [',
    ...DEFAULT_SCORECARD.bands.map((b, i) => `      ${inline(b)}${i < DEFAULT_SCORECARD.bands.length - 1 ? ',' : ''}`),
    '    ]',
    '  }',
    '}',
    '',
  ];
  return lines.join('\n');
}

/** One JSON object on one line, with spaces: `{ "kpi": "revenue", "weight": 50 }`. */
function inline(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  return `{ ${Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`)
    .join(', ')} }`;
}
