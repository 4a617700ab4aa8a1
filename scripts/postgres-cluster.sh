#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for the tests (and for trying the app on PostgreSQL).
#   scripts/postgres-cluster.sh start DIR   -> initdb in DIR, starts it on a free local port, prints the connection string
#   scripts/postgres-cluster.sh stop DIR    -> stops it (the caller deletes DIR)
# Installs PostgreSQL with apt when no initdb is found. Run as root, the server runs as the 'postgres' user.
# Trust authentication, 127.0.0.1 only, C locale (text ordered by code point, as in SQLite).
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

find_bin() {
  local dir
  for dir in $(command -v initdb >/dev/null 2>&1 && dirname "$(readlink -f "$(command -v initdb)")") \
             $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

# Runs a PostgreSQL binary as the owner of the data folder: as root, the 'postgres' user (initdb refuses root).
run_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

case "$cmd" in
  start)
    if ! bin=$(find_bin); then
      echo "Installing PostgreSQL (apt)..." >&2
      export DEBIAN_FRONTEND=noninteractive
      as_root apt-get update -qq >&2
      as_root apt-get install -y -qq postgresql >/dev/null
      bin=$(find_bin) || { echo "PostgreSQL's initdb not found after installing it." >&2; exit 1; }
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
      chown postgres "$dir"
      chmod 700 "$dir"
    fi
    port=""
    for candidate in $(seq 55432 55532); do
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
    done
    [ -n "$port" ] || { echo "No free port in 55432-55532." >&2; exit 1; }
    run_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --locale=C --encoding=UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off: a test cluster is thrown away, and the tests create many small databases.
    run_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    bin=$(find_bin) || exit 0
    [ -d "$dir/data" ] && run_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2; exit 2;;
esac
