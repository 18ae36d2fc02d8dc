/**
 * The real engines the dialect tests run on: embedded DuckDB (loaded lazily) and a throw-away
 * PostgreSQL cluster (test/support/postgres.ts). Every value comes back as text (null as null),
 * so DECIMALs and BIGINTs are compared exactly.
 */
import { type Dialect, postgres } from '../../src/sql/dialect.js';
import { openDuckDb as openSqlDuckDb } from '../../src/sql/run.js';
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
  // the connection salesperf itself opens (src/sql/run.ts), with every value as text
  const c = await openSqlDuckDb();
  return { dialect: c.dialect, query: async (sql) => textRows(await c.query(sql)), close: () => c.close() };
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
