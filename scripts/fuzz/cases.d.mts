export interface FuzzRun {
  argv: string[];
  wantJson: boolean;
}
export interface FuzzCase {
  id: number;
  kind: 'csv' | 'xlsx';
  bytes: Buffer;
  ops: string[];
  from: string;
  table: string[][];
  runs: FuzzRun[];
  emptyInput: boolean;
}
export function makeCase(seed: string, i: number, override?: { kind?: 'csv' | 'xlsx'; table?: string[][] }): FuzzCase;
