#!/usr/bin/env bash
# Issue 11, search at scale: PostgreSQL's own full-text search (`arabic` configuration) on
# the same corpus and the same 200 queries as `marsad bench scale` measures tantivy with.
# Makes the corpus when missing (`marsad bench corpus --size SIZE`), starts a throw-away
# PostgreSQL server (.ci/postgres: Debian's package, installed only when missing; loopback,
# free port), runs `marsad bench pgfts --json`, and stops the server.
# usage: scripts/bench-pgfts.sh [SIZE]   (MARSAD=path/to/marsad, CORPUS=file; SIZE 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
MARSAD=${MARSAD:-target/release/marsad}
SIZE=${1:-100000}
CORPUS=${CORPUS:-target/bench-corpus/$SIZE.jsonl}
if [ ! -s "$CORPUS" ]; then
    mkdir -p target/bench-corpus
    "$MARSAD" bench corpus --size "$SIZE" --out "$CORPUS" --json >&2
fi
# shellcheck source=../.ci/postgres
source .ci/postgres
trap marsad_pg_stop EXIT
"$MARSAD" bench pgfts --corpus "$CORPUS" --url "$MARSAD_TEST_POSTGRES" --json
