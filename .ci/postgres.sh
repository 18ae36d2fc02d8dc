#!/usr/bin/env bash
# PostgreSQL for the tests (sourced by .ci/run): install Debian's postgresql when there is no
# initdb, start a throw-away cluster in a temp folder on a free loopback port (unix socket in the
# same folder), export SALESPERF_PG_HOST/PORT/USER for test/support/postgres.ts (each test file
# makes its own database there), and stop and remove it all when the shell exits.
#   pg_install_if_missing; pg_start        # or both: pg_ci_setup

pg_bin() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then echo "$PG_BIN"; return 0; fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -n 1)"
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  return 1
}

pg_install_if_missing() {
  if pg_bin >/dev/null; then return 0; fi
  echo "ci: installing postgresql (no initdb found)"
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql || return 1
  # the package may start its default cluster: these tests use their own, so stop what it started
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters --no-header 2>/dev/null | awk '$4 == "online" { print $1, $2 }' | while read -r v c; do pg_ctlcluster "$v" "$c" stop || true; done
  fi
  pg_bin >/dev/null
}

# as root the server runs as the postgres user
_pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local bin port
  bin="$(pg_bin)" || { echo "ci: no PostgreSQL (initdb) found"; return 1; }
  PG_CI_DIR="$(mktemp -d "${TMPDIR:-/tmp}/salesperf-ci-pg.XXXXXX")" || return 1
  if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_CI_DIR" || return 1; fi
  port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')" || return 1
  # stop it however this shell ends (keeping a trap set before this one)
  local prev
  prev="$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")"
  # shellcheck disable=SC2064
  trap "pg_stop; ${prev}" EXIT
  _pg_as "$bin/initdb" -D "$PG_CI_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >"$PG_CI_DIR/initdb.log" 2>&1 \
    || { cat "$PG_CI_DIR/initdb.log"; return 1; }
  _pg_as "$bin/pg_ctl" -D "$PG_CI_DIR/data" -l "$PG_CI_DIR/server.log" -w -t 60 \
    -o "-p $port -k $PG_CI_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null \
    || { tail -n 20 "$PG_CI_DIR/server.log"; return 1; }
  export SALESPERF_PG_HOST=127.0.0.1 SALESPERF_PG_PORT="$port" SALESPERF_PG_USER=postgres PG_CI_BIN="$bin"
  echo "ci: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

pg_stop() {
  if [ -n "${PG_CI_DIR:-}" ] && [ -d "$PG_CI_DIR" ]; then
    if [ -f "$PG_CI_DIR/data/postmaster.pid" ]; then _pg_as "${PG_CI_BIN:-$(pg_bin)}/pg_ctl" -D "$PG_CI_DIR/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$PG_CI_DIR"
  fi
  PG_CI_DIR=
  unset SALESPERF_PG_HOST SALESPERF_PG_PORT SALESPERF_PG_USER
}

pg_ci_setup() {
  pg_install_if_missing && pg_start
}
