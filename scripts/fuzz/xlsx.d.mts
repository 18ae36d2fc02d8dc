export function xlsxParts(rows: string[][], opts?: { inline?: boolean }): Map<string, string>;
export function zipParts(
  parts: Map<string, string | Buffer>,
  opts?: Record<string, { store?: boolean }>,
): { bytes: Buffer; layout: unknown };
export function colName(i: number): string;
