#!/usr/bin/env bash
# The test command: starts a throwaway PostgreSQL on loopback (when it can),
# runs every Go test, stops PostgreSQL. Extra arguments go to `go test`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z ${GT3CT_PG_DSN:-} ]]; then
  if out=$(scripts/pg.sh start); then
    eval "$out"; export GT3CT_PG_DSN
    trap 'scripts/pg.sh stop' EXIT
  else
    echo "test.sh: PostgreSQL could not start; PostgreSQL tests will be skipped" >&2
  fi
fi
go test -count=1 "$@" ./...
