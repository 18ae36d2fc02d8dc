/**
 * Two throw-away ClickHouse servers on loopback for tests: each with its own data folder under a
 * temp folder, its own TCP and HTTP ports, and a `remote_servers` cluster of two shards (one per
 * server), so a Distributed table on the first spreads rows over both. Stopped and removed by
 * `stop()`. Under .ci/clickhouse.sh (`SALESPERF_CH_SHARDS` set) the tests use its servers instead.
 *
 * Binary: $CLICKHOUSE_SERVER, else clickhouse-server on the PATH or in /usr/sbin or /usr/bin
 * (Debian's clickhouse-server package). None: `chMissing()` says why and the test file skips
 * (.ci/run installs and starts it when it can).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './postgres.js';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface ChCluster {
  /** The HTTP URL of each shard's server; the first is where Distributed tables are made and queried. */
  shards: string[];
  /** The `remote_servers` cluster name. */
  cluster: string;
  stop(): Promise<void>;
}

export const CH_CLUSTER = 'salesperf_two_shards';

export function chServerBin(env: Record<string, string | undefined> = process.env): string | null {
  if (env.CLICKHOUSE_SERVER) return existsSync(env.CLICKHOUSE_SERVER) ? env.CLICKHOUSE_SERVER : null;
  const dirs = [...(env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin'];
  for (const d of dirs) if (d && existsSync(join(d, 'clickhouse-server'))) return join(d, 'clickhouse-server');
  return null;
}

/** Why the ClickHouse tests cannot run here (a skip reason), or null when they can. */
export function chMissing(env: Record<string, string | undefined> = process.env): string | null {
  if (env.SALESPERF_CH_SHARDS || chServerBin(env)) return null;
  return 'ClickHouse is not installed (no clickhouse-server in $CLICKHOUSE_SERVER, the PATH, /usr/sbin; apt-get install clickhouse-server, or bash .ci/clickhouse.sh)';
}

/** A server's config: loopback only, its folder, its ports, the two-shard cluster (the TCP ports of both). */
export function serverConfig(dir: string, tcp: number, http: number, shardTcp: readonly number[]): string {
  const shards = shardTcp.map((p) => `<shard><replica><host>127.0.0.1</host><port>${p}</port></replica></shard>`).join('');
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/server.err.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>${tcp}</tcp_port>
  <http_port>${http}</http_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <remote_servers><${CH_CLUSTER}>${shards}</${CH_CLUSTER}></remote_servers>
</yandex>
`;
}

export const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

async function waitReady(url: string, proc: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (proc.exitCode !== null) throw new Error(`clickhouse-server exited with ${proc.exitCode} (see ${log})`);
    try {
      const r = await fetch(`${url}/?query=SELECT%201`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`clickhouse-server did not answer on ${url} in 30 s (see ${log})`);
}

/** The cluster for one test file: .ci/clickhouse.sh's servers when set, else two of its own. */
export async function startClickHouse(env: Record<string, string | undefined> = process.env): Promise<ChCluster> {
  if (env.SALESPERF_CH_SHARDS)
    return { shards: env.SALESPERF_CH_SHARDS.split(','), cluster: env.SALESPERF_CH_CLUSTER ?? CH_CLUSTER, stop: async () => undefined };
  const bin = chServerBin(env);
  if (!bin) throw new Error(chMissing(env) ?? 'no clickhouse-server');
  const root = mkdtempSync(join(tmpdir(), 'salesperf-ch-'));
  const ports = [await freePort(), await freePort(), await freePort(), await freePort()];
  const tcp = [ports[0]!, ports[1]!];
  const procs: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((res) => {
            if (p.exitCode !== null || p.signalCode !== null) return res();
            p.once('exit', () => res());
            p.kill('SIGTERM');
            setTimeout(() => p.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const shards: string[] = [];
    for (let i = 0; i < 2; i++) {
      const dir = join(root, `shard${i + 1}`);
      for (const sub of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, 'users.xml'), USERS_XML);
      writeFileSync(join(dir, 'config.xml'), serverConfig(dir, tcp[i]!, ports[2 + i]!, tcp));
      const p = spawn(bin, [`--config-file=${join(dir, 'config.xml')}`], { stdio: 'ignore' });
      procs.push(p);
      shards.push(`http://127.0.0.1:${ports[2 + i]}`);
    }
    await Promise.all(shards.map((u, i) => waitReady(u, procs[i]!, join(root, `shard${i + 1}`, 'server.err.log'))));
    return { shards, cluster: CH_CLUSTER, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
