#!/usr/bin/env bash
# ClickHouse for the tests (sourced by .ci/run; not fatal there): install Debian's clickhouse-server when
# there is none, start two throw-away servers on free loopback ports (own folders in one temp
# folder, no system service), each configured with the cluster salesperf_two_shards of two shards
# (one per server), export SALESPERF_CH_SHARDS (the HTTP URLs, first = where Distributed tables are
# made) and SALESPERF_CH_CLUSTER for test/support/clickhouse.ts, and stop and remove it all when
# the shell exits. Without this the ClickHouse test starts its own pair (or skips, naming why).
#   source .ci/clickhouse.sh; ch_install_if_missing; ch_start     # or both: ch_ci_setup

ch_bin() {
  if [ -n "${CLICKHOUSE_SERVER:-}" ] && [ -x "$CLICKHOUSE_SERVER" ]; then echo "$CLICKHOUSE_SERVER"; return 0; fi
  command -v clickhouse-server 2>/dev/null && return 0
  [ -x /usr/sbin/clickhouse-server ] && { echo /usr/sbin/clickhouse-server; return 0; }
  return 1
}

ch_install_if_missing() {
  if ch_bin >/dev/null; then return 0; fi
  echo "ci: installing clickhouse-server (none found)"
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y clickhouse-server clickhouse-client || return 1
  ch_bin >/dev/null
}

_ch_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# the same files as test/support/clickhouse.ts serverConfig and USERS_XML
_ch_write_config() { # dir tcp http tcp1 tcp2
  local dir="$1"
  mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas" || return 1
  cat >"$dir/users.xml" <<'EOF'
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
EOF
  cat >"$dir/config.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/server.log</log><errorlog>$dir/server.err.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>$2</tcp_port>
  <http_port>$3</http_port>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <remote_servers><salesperf_two_shards>
    <shard><replica><host>127.0.0.1</host><port>$4</port></replica></shard>
    <shard><replica><host>127.0.0.1</host><port>$5</port></replica></shard>
  </salesperf_two_shards></remote_servers>
</yandex>
EOF
}

ch_start() {
  local bin t1 t2 h1 h2 i
  bin="$(ch_bin)" || { echo "ci: no clickhouse-server found"; return 1; }
  CH_CI_DIR="$(mktemp -d "${TMPDIR:-/tmp}/salesperf-ci-ch.XXXXXX")" || return 1
  t1="$(_ch_free_port)" && t2="$(_ch_free_port)" && h1="$(_ch_free_port)" && h2="$(_ch_free_port)" || return 1
  # stop it however this shell ends (keeping a trap set before this one)
  local prev
  prev="$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")"
  # shellcheck disable=SC2064
  trap "ch_stop; ${prev}" EXIT
  _ch_write_config "$CH_CI_DIR/shard1" "$t1" "$h1" "$t1" "$t2" || return 1
  _ch_write_config "$CH_CI_DIR/shard2" "$t2" "$h2" "$t1" "$t2" || return 1
  for i in 1 2; do
    "$bin" --config-file="$CH_CI_DIR/shard$i/config.xml" >"$CH_CI_DIR/shard$i/stdout.log" 2>&1 &
    echo $! >"$CH_CI_DIR/shard$i/pid"
  done
  for i in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$h1/?query=SELECT%201" >/dev/null 2>&1 && curl -fsS "http://127.0.0.1:$h2/?query=SELECT%201" >/dev/null 2>&1; then
      export SALESPERF_CH_SHARDS="http://127.0.0.1:$h1,http://127.0.0.1:$h2" SALESPERF_CH_CLUSTER=salesperf_two_shards
      echo "ci: ClickHouse $(curl -fsS "http://127.0.0.1:$h1/?query=SELECT%20version()") shards on 127.0.0.1:$h1 and :$h2 (tcp $t1, $t2)"
      return 0
    fi
    sleep 0.1
  done
  echo "ci: clickhouse-server did not answer in 30 s"; tail -n 20 "$CH_CI_DIR"/shard*/server.err.log 2>/dev/null
  return 1
}

ch_stop() {
  local f pid
  if [ -n "${CH_CI_DIR:-}" ] && [ -d "$CH_CI_DIR" ]; then
    for f in "$CH_CI_DIR"/shard*/pid; do
      [ -f "$f" ] || continue
      pid="$(cat "$f")"
      kill "$pid" 2>/dev/null || true
    done
    for f in "$CH_CI_DIR"/shard*/pid; do
      [ -f "$f" ] || continue
      pid="$(cat "$f")"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$CH_CI_DIR"
  fi
  CH_CI_DIR=
  unset SALESPERF_CH_SHARDS SALESPERF_CH_CLUSTER
}

ch_ci_setup() {
  ch_install_if_missing && ch_start
}
