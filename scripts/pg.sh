#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL cluster on 127.0.0.1 for the tests.
#   scripts/pg.sh start   -> prints "export GT3CT_PG_DSN=postgres://…" on stdout
#   scripts/pg.sh stop
# Works as root (runs the server as the postgres user) or as a normal user.
# Installs PostgreSQL from Debian's packages when it is missing.
# GT3CT_PG_DIR (default /tmp/gt3ct-pg) and GT3CT_PG_PORT (default 55432) pick
# another cluster, e.g. to keep one's own while other jobs stop the default.
set -euo pipefail
PGDIR=${GT3CT_PG_DIR:-/tmp/gt3ct-pg}
PORT=${GT3CT_PG_PORT:-55432}

find_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [[ -z $d ]]; then
    if [[ $(id -u) == 0 ]]; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
      d=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
    else
      echo "pg.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1
    fi
  fi
  echo "$d"
}

as_owner() {
  if [[ $(id -u) == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local bin; bin=$(find_bin)
  if [[ -f $PGDIR/data/postmaster.pid ]] && as_owner "$bin/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
    echo "export GT3CT_PG_DSN=postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"; return
  fi
  rm -rf "$PGDIR"; mkdir -p "$PGDIR"
  [[ $(id -u) == 0 ]] && chown postgres "$PGDIR"
  as_owner "$bin/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  if ! as_owner "$bin/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGDIR -c fsync=off -c max_connections=200" start >/dev/null; then
    echo "pg.sh: PostgreSQL did not start on 127.0.0.1:$PORT; its log says:" >&2
    tail -n 20 "$PGDIR/log" >&2 || true
    exit 1
  fi
  echo "export GT3CT_PG_DSN=postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"
}

stop() {
  local bin; bin=$(find_bin)
  [[ -d $PGDIR/data ]] && as_owner "$bin/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: scripts/pg.sh start|stop" >&2; exit 2 ;;
esac
