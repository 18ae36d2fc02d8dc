export interface Rng {
  next(): number;
  int(n: number): number;
  range(lo: number, hi: number): number;
  pick<T>(arr: readonly T[]): T;
  chance(p: number): boolean;
  fork(label: string): Rng;
}
export function makeRng(seed: string | number): Rng;
