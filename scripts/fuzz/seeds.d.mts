import type { Rng } from './prng.mjs';
export const ROOT: string;
export function fixtureSeeds(root?: string): { name: string; kind: 'csv' | 'xlsx'; bytes: Buffer }[];
export function parseCsv(text: string, delim?: string): string[][];
export function toCsv(rows: string[][], delim?: string, eol?: string): string;
export function generateTable(rng: Rng): string[][];
