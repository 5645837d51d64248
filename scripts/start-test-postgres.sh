#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on a loopback port for the test suites and prints its URL.
# Usage: scripts/start-test-postgres.sh [port]   (needs Debian's postgresql package)
set -euo pipefail
port=${1:-55432}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
datadir=${PGTEST_DATADIR:-/tmp/lianxin-pg-$port}
run_as=()
[ "$(id -u)" = 0 ] && run_as=(runuser -u postgres --)
if ! "${run_as[@]}" "$bindir/pg_isready" -h 127.0.0.1 -p "$port" -q 2>/dev/null; then
  rm -rf "$datadir"
  mkdir -p "$datadir"
  [ "$(id -u)" = 0 ] && chown postgres "$datadir"
  "${run_as[@]}" "$bindir/initdb" -D "$datadir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${run_as[@]}" "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$datadir -c fsync=off -c max_connections=300" start >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"
