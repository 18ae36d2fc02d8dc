export function ddmin<T>(units: T[], test: (units: T[]) => Promise<boolean>, budget: { left: number }): Promise<T[]>;
export function minimiseBytes(bytes: Buffer, fails: (bytes: Buffer) => Promise<boolean>, budget: { left: number }): Promise<Buffer>;
