#!/usr/bin/env bash
# The whole nightly with the simulator backed by PostgreSQL (CI, issue 9), in
# both forms, on a fresh database of the server named by GT3CT_PG_DSN (when
# unset, the throwaway cluster of scripts/pg.sh is started and stopped):
#   1. embedded simulator:   gt3ct nightly --db DSN
#   2. standalone simulator: gt3ct sim --db DSN &  +  gt3ct nightly --endpoint URL --db DSN
# Both must exit 0; their summary lines are printed. Run directories and logs
# go under GT3CT_CI_OUT (default out/ci-pg); the database is GT3CT_NIGHTLY_DB
# (default gt3ct_nightly), dropped and created again.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${GT3CT_CI_OUT:-out/ci-pg}
DBNAME=${GT3CT_NIGHTLY_DB:-gt3ct_nightly}
BIN=bin/gt3ct
SIM_PID=
STOP_PG=

cleanup() {
  if [[ -n $SIM_PID ]]; then kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
  if [[ -n $STOP_PG ]]; then scripts/pg.sh stop; fi
}
trap cleanup EXIT

die() { echo "ci-nightly-pg: $*" >&2; exit 1; }

# with_db DSN NAME: the DSN with its database replaced by NAME.
with_db() {
  local dsn=$1 name=$2 query="" base
  [[ $dsn == *\?* ]] && query="?${dsn#*\?}"
  base=${dsn%%\?*}
  [[ ${base#*://} == */* ]] && base=${base%/*}
  echo "$base/$name$query"
}

# shown DSN: the DSN with any password hidden.
shown() { sed -E 's#(://[^:/@]+):[^@/]*@#\1:***@#' <<<"$1"; }

find_psql() {
  command -v psql 2>/dev/null && return
  local d; d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [[ -x $d/psql ]] || die "psql not found (apt-get install postgresql-client)"
  echo "$d/psql"
}

# nightly NAME ARGS...: a full nightly into $OUT/NAME; stderr (progress) to
# $OUT/NAME.log, shown when it fails.
nightly() {
  local name=$1; shift
  local rc=0
  "$BIN" nightly --out "$OUT/$name" --force "$@" 2>"$OUT/$name.log" || rc=$?
  if [[ $rc != 0 ]]; then
    echo "ci-nightly-pg: nightly ($name) exited $rc; its log ends:" >&2
    grep -v '^progress:' "$OUT/$name.log" | tail -n 40 >&2
    exit 1
  fi
}

# start_sim DSN: runs `gt3ct sim` on a free loopback port and sets SIM_URL.
start_sim() {
  : >"$OUT/sim.out" # exists before the loop reads it (the child opens it asynchronously)
  "$BIN" sim --addr 127.0.0.1:0 --db "$1" --log "$OUT/sim-requests.jsonl" >"$OUT/sim.out" 2>&1 &
  SIM_PID=$!
  for _ in $(seq 300); do
    SIM_URL=$(sed -n 's#.*listening on \(http://[^ ]*\).*#\1#p' "$OUT/sim.out")
    [[ -n $SIM_URL ]] && return
    kill -0 "$SIM_PID" 2>/dev/null || { cat "$OUT/sim.out" >&2; die "gt3ct sim exited before listening"; }
    sleep 0.1
  done
  die "gt3ct sim did not listen within 30 s"
}

stop_sim() {
  local rc=0
  kill "$SIM_PID"; wait "$SIM_PID" || rc=$?
  SIM_PID=
  [[ $rc == 0 ]] || { cat "$OUT/sim.out" >&2; die "gt3ct sim exited $rc when stopped"; }
}

main() {
  if [[ -z ${GT3CT_PG_DSN:-} ]]; then
    eval "$(scripts/pg.sh start)"
    STOP_PG=1
  fi
  local psql dsn
  psql=$(find_psql)
  dsn=$(with_db "$GT3CT_PG_DSN" "$DBNAME")
  rm -rf "$OUT"; mkdir -p "$OUT"
  make -s build
  "$psql" "$GT3CT_PG_DSN" -v ON_ERROR_STOP=1 -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DBNAME WITH (FORCE)" -c "CREATE DATABASE $DBNAME" >/dev/null
  echo "ci-nightly-pg: database $(shown "$dsn")"

  echo "ci-nightly-pg: gt3ct nightly --db … (embedded simulator over PostgreSQL)"
  nightly embedded --db "$dsn"
  echo "ci-nightly-pg: gt3ct sim --db … & gt3ct nightly --endpoint … --db …"
  start_sim "$dsn"
  nightly standalone --endpoint "$SIM_URL" --db "$dsn"
  stop_sim
  echo "ci-nightly-pg: the standalone simulator answered $(wc -l <"$OUT/sim-requests.jsonl") requests"
}

main "$@"
