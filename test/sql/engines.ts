/**
 * The real engines the dialect tests run on: embedded DuckDB (loaded lazily) and a throw-away
 * PostgreSQL cluster (test/support/postgres.ts). Every value comes back as text (null as null),
 * so DECIMALs and BIGINTs are compared exactly.
 */
import { type Dialect, duckdb, postgres } from '../../src/sql/dialect.js';
import { type PgServer, startPostgres } from '../support/postgres.js';

export type Row = Record<string, string | null>;

export interface Engine {
  dialect: Dialect;
  query(sql: string): Promise<Row[]>;
  close(): Promise<void>;
}

const asText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function textRows(rows: Record<string, unknown>[]): Row[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, asText(v)])));
}

export async function openDuckDb(): Promise<Engine> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  return {
    dialect: duckdb,
    async query(sql) {
      const r = await conn.runAndReadAll(sql);
      return textRows(r.getRowObjectsJson() as Record<string, unknown>[]);
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

export async function openPostgres(): Promise<Engine> {
  const server: PgServer = await startPostgres();
  let client;
  try {
    client = await server.connect();
  } catch (e) {
    await server.stop();
    throw e;
  }
  const c = client;
  return {
    dialect: postgres,
    async query(sql) {
      const r = await c.query(sql);
      return textRows(r.rows as Record<string, unknown>[]);
    },
    async close() {
      await c.end().catch(() => undefined);
      await server.stop();
    },
  };
}
