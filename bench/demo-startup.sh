#!/usr/bin/env bash
# Time from `marsad demo` start to the first page served (after the build), N runs.
# Usage: bench/demo-startup.sh [RUNS]   (prints one JSON object: schema 1)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release -q -p marsad
bin=target/release/marsad
times=()
for _ in $(seq "$runs"); do
  out=$(mktemp)
  start=$(date +%s%N)
  "$bin" demo --addr 127.0.0.1:0 >"$out" 2>/dev/null &
  pid=$!
  url=""
  for _ in $(seq 2000); do
    url=$(grep -o 'http://[0-9.:]*/' "$out" || true)
    [ -n "$url" ] && curl -fsS -o /dev/null "$url" 2>/dev/null && break
    url=""
    sleep 0.005
  done
  end=$(date +%s%N)
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$out"
  [ -n "$url" ] || { echo "demo did not serve a page" >&2; exit 1; }
  times+=($(( (end - start) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n | paste -sd, -)
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "{\"schema\":1,\"runs\":$runs,\"ms_sorted\":[$sorted],\"median_ms\":$median}"
