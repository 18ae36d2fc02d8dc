/**
 * A throw-away PostgreSQL cluster for tests: initdb into a temp folder, `pg_ctl start` on a free
 * loopback port with its unix socket in that folder, stopped and removed by `stop()`. As root the
 * server runs as the `postgres` user (runuser), the folder chowned to it.
 *
 * Binaries: $PG_BIN, else the newest /usr/lib/postgresql/N/bin with an initdb. None installed:
 * `pgMissing()` says why, and a test file skips, except under CI=true, where it is a failure
 * (.ci/postgres.sh installs Debian's postgresql when missing).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgServer {
  host: string;
  port: number;
  user: string;
  /** A new connected client (the caller ends it). */
  connect(): Promise<pg.Client>;
  stop(): Promise<void>;
}

/** The folder holding initdb and pg_ctl, or null. */
export function pgBin(env: Record<string, string | undefined> = process.env): string | null {
  if (env.PG_BIN) return existsSync(join(env.PG_BIN, 'initdb')) ? env.PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

/**
 * Why PostgreSQL tests cannot run here (a skip reason), or null when they can. Under CI=true a
 * missing server throws: CI must run them.
 */
export function pgMissing(env: Record<string, string | undefined> = process.env): string | null {
  if (env.SALESPERF_PG_PORT || pgBin(env)) return null;
  const why = 'PostgreSQL is not installed (no initdb in $PG_BIN or /usr/lib/postgresql/*/bin; apt-get install postgresql)';
  if (env.CI === 'true' || env.CI === '1') throw new Error(`${why}: CI=true requires it`);
  return why;
}

/** A free TCP port on loopback (the servers tests start listen there). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function postgresUid(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/**
 * A server for one test file: under .ci/run (SALESPERF_PG_PORT set by .ci/postgres.sh `pg_start`)
 * a fresh database on the CI's cluster, dropped by `stop()`; else a cluster of its own.
 */
export async function startPostgres(env: Record<string, string | undefined> = process.env): Promise<PgServer> {
  if (env.SALESPERF_PG_PORT)
    return sharedServer(env.SALESPERF_PG_HOST ?? '127.0.0.1', Number(env.SALESPERF_PG_PORT), env.SALESPERF_PG_USER ?? 'postgres');
  return ownCluster();
}

async function sharedServer(host: string, port: number, user: string): Promise<PgServer> {
  const db = `salesperf_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ host, port, user, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${db} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  } finally {
    await admin.end();
  }
  return {
    host,
    port,
    user,
    async connect() {
      const c = new pg.Client({ host, port, user, database: db });
      await c.connect();
      return c;
    },
    async stop() {
      const a = new pg.Client({ host, port, user, database: 'postgres' });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** Starts a cluster of its own; throws when it cannot (with the server log). */
async function ownCluster(): Promise<PgServer> {
  const bin = pgBin();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'salesperf-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const asRoot = process.getuid?.() === 0;
  let run = (cmd: string, args: string[]) => execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  if (asRoot) {
    const ids = postgresUid();
    if (!ids) throw new Error('running as root, and there is no postgres user to run the server as');
    chownSync(dir, ids.uid, ids.gid);
    run = (cmd, args) => execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' });
  }
  const port = await freePort();
  const stop = async () => {
    try {
      if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // no fsync and no listening beyond loopback: a test server, thrown away at the end
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      log,
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off`,
      'start',
    ]);
  } catch (e) {
    let text = '';
    try {
      text = execFileSync('tail', ['-n', '20', log], { encoding: 'utf8' });
    } catch {
      // no log yet
    }
    await stop().catch(() => undefined);
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`PostgreSQL did not start: ${err.stderr?.toString() ?? err.message}\n${text}`, { cause: e });
  }
  const server: PgServer = {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    async connect() {
      const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await c.connect();
      return c;
    },
    stop,
  };
  return server;
}
