export const MEMORY_LIMIT: number;
export interface RunResult {
  code?: number | 'threw';
  stdout?: string;
  stderr: string;
  direct?: string[];
  peakRss?: number;
  timeout?: boolean;
  fatal?: string;
  died?: boolean;
  exitCode?: number | null;
  signal?: string | null;
}
export function normaliseLine(line: string): string;
export function classify(
  r: RunResult,
  opts: { wantJson?: boolean; emptyInput?: boolean; inputBytes?: number },
): { cls: string; sig: string } | null;
