/**
 * What counts as a failure, and its signature (class + exit code + the first
 * stderr line with numbers, quotes and paths taken out), so repeats group.
 */
export const MEMORY_LIMIT = 1024 * 1024 * 1024;
export const BLOWUP_MIN = 10 * 1024 * 1024;

const STACK_RE = /^\s+at (?:async )?\S.*(?:\(.*:\d+:\d+\)|:\d+:\d+)$|node:internal|^(?:\w*Error|Error)(?: \[\w+\])?: /m;

export function normaliseLine(line) {
  return line
    .replace(/"(?:[^"\\]|\\.)*"|'[^']*'|“[^”]*”/g, '"…"')
    .replace(/(?<=^|[\s'"(:=])(?:file:\/\/)?(?:\/[\w.@+-]+)+\/?/g, '<path>')
    .replace(/\b[\w-]+\.(?:csv|xlsx|tsv|xml)\b/g, '<file>')
    .replace(/\d+/g, 'N')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 90);
}

function firstLine(stderr, re) {
  const lines = stderr.split('\n');
  const hit = re ? lines.find((l) => re.test(l)) : undefined;
  return hit ?? lines.find((l) => l.trim() !== '') ?? '';
}

/**
 * Classify one run. `wantJson`: the command asked for JSON on stdout.
 * `emptyInput`: the input has no data rows at all. `inputBytes`: its size
 * (stdout over 200× that and over 10 MB is a blow-up). Returns null when fine.
 */
export function classify(r, { wantJson, emptyInput, inputBytes }) {
  if (r.timeout) return { cls: 'hang', sig: 'hang' };
  if (r.fatal) return { cls: 'crash', sig: `crash:${r.fatal}:${normaliseLine(firstLine(r.stderr, /Error|error/))}` };
  if (r.died)
    return { cls: 'crash', sig: `crash:died:${r.signal ?? r.exitCode}:${normaliseLine(firstLine(r.stderr, /heap|memory|Error/i))}` };
  if (r.code === 'threw') return { cls: 'crash', sig: `crash:main-threw:${normaliseLine(firstLine(r.stderr))}` };
  if (r.peakRss > MEMORY_LIMIT) return { cls: 'memory', sig: `memory:${Math.round(r.peakRss / 2 ** 20 / 256) * 256}MiB` };
  if (![0, 1, 2, 3].includes(r.code)) {
    const l = firstLine(r.stderr, /internal error/);
    return { cls: 'exit', sig: `exit${r.code}:${normaliseLine(l.replace(/^salesperf: internal error: /, ''))}` };
  }
  if (STACK_RE.test(r.stderr)) return { cls: 'stack', sig: `stack:exit${r.code}:${normaliseLine(firstLine(r.stderr, STACK_RE))}` };
  if (r.direct?.length) return { cls: 'direct', sig: `direct-write:${r.direct.join('+')}:${normaliseLine(firstLine(r.stderr))}` };
  if (wantJson && r.code <= 1) {
    try {
      JSON.parse(r.stdout);
    } catch {
      return { cls: 'badjson', sig: `badjson:exit${r.code}` };
    }
  }
  // a report out of all proportion to its input (far-off dates spanning thousands of periods…)
  if (inputBytes !== undefined && r.stdout.length > Math.max(BLOWUP_MIN, inputBytes * 200))
    return { cls: 'blowup', sig: `blowup:exit${r.code}` };
  if (emptyInput && r.code === 0) return { cls: 'empty-green', sig: 'empty-green:exit0' };
  return null;
}
