import type { FuzzCase } from './cases.mjs';
export interface FuzzGroup {
  sig: string;
  cls: string;
  count: number;
  known: boolean;
  first: { caseId: number; run: number; stderr: string; c: FuzzCase };
  minPath?: string;
  minSize?: number;
  repro?: string | null;
  real?: { code: number | null; signal: string | null; timedOut: boolean; stderr: string };
}
export interface FuzzResult {
  cases: number;
  runs: number;
  seconds: number;
  casesPerSecond: number;
  runsPerSecond: number;
  slow: number;
  failingRuns: number;
  groups: FuzzGroup[];
}
export function readKnown(path: string): RegExp[];
export function reproLine(bytes: Buffer, ext: string, argv: string[]): string | null;
export function runFuzz(opts: {
  cases: number;
  seed: string;
  timeLimit?: number;
  workers?: number;
  minimise?: boolean;
  minimiseKnown?: boolean;
  keep?: string;
  known?: RegExp[];
  log?: (line: string) => void;
  minimiseBudget?: number;
}): Promise<FuzzResult>;
export function formatSummary(res: FuzzResult, seed: string): string;
