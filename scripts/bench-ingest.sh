#!/usr/bin/env bash
# Issue 9 figures (BENCHMARKS.md), all against servers on 127.0.0.1 (no internet here):
#  1. politeness: HOSTS local hosts (python http.server, one port each), 1 request/s per host;
#     `marsad ingest --once --json` pages/s must not exceed HOSTS.
#  2. fetch-free throughput: `marsad reprocess --json` over the WARC archive the crash run
#     wrote (read → extract → store + index → clustering), pages/s.
#  3. crash test: `kill -9` the ingest at KILLS random moments over a CRASH_PAGES-page ingest,
#     then one run to the end; 0 missing and 0 duplicated articles (count and URLs checked
#     against the input).
# Skips cleanly when ../shared/data/saudinewsnet is absent.
#  4. throughput alone (`throughput`): a WARC archive made by one uninterrupted ingest of
#     TP_PAGES pages (TP_HOSTS hosts, no interval), then `marsad reprocess --json` of it into
#     a fresh data folder, pages/s (the same path as 2, without waiting for the crash run).
# usage: scripts/bench-ingest.sh [polite|crash|throughput|all]   (MARSAD=path/to/marsad)
set -euo pipefail
cd "$(dirname "$0")/.."
MARSAD=${MARSAD:-target/release/marsad}
DATASET=${DATASET:-../shared/data/saudinewsnet/dataset}
HOSTS=${HOSTS:-50}
PER_HOST=${PER_HOST:-20}
CRASH_HOSTS=${CRASH_HOSTS:-10}
CRASH_PAGES=${CRASH_PAGES:-10000}
KILLS=${KILLS:-20}
TP_HOSTS=${TP_HOSTS:-10}
TP_PAGES=${TP_PAGES:-10000}
WORK=${WORK:-target/bench-ingest}
WHAT=${1:-all}
if [ ! -d "$DATASET" ]; then echo "skip: $DATASET absent"; exit 0; fi
[ -x "$MARSAD" ] || { echo "build first: cargo build --release -p marsad"; exit 1; }

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

free_ports() {
  python3 -c "
import socket,sys
ss=[socket.socket() for _ in range($1)]
[s.bind(('127.0.0.1',0)) for s in ss]
print(' '.join(str(s.getsockname()[1]) for s in ss))
[s.close() for s in ss]"
}

# serve DIR HOSTS -> writes DIR/sites.opml and DIR/expected-urls.txt
serve() {
  local dir=$1 hosts=$2 i=0
  local ports; ports=$(free_ports "$hosts")
  : > "$dir/expected-urls.txt"
  printf '<?xml version="1.0"?><opml version="2.0"><body>\n' > "$dir/sites.opml"
  for port in $ports; do
    python3 -m http.server --bind 127.0.0.1 --directory "$dir/site/h$i" "$port" >/dev/null 2>&1 &
    PIDS+=($!)
    printf '<outline text="h%s" htmlUrl="http://127.0.0.1:%s/" xmlUrl="http://127.0.0.1:%s/rss.xml" language="ar"/>\n' "$i" "$port" "$port" >> "$dir/sites.opml"
    for f in "$dir/site/h$i"/news/*.html; do echo "http://127.0.0.1:$port/news/$(basename "$f")"; done >> "$dir/expected-urls.txt"
    i=$((i + 1))
  done
  printf '</body></opml>\n' >> "$dir/sites.opml"
  sleep 1
}

if [ "$WHAT" = polite ] || [ "$WHAT" = all ]; then
  D=$WORK/polite; rm -rf "$D"; mkdir -p "$D"
  python3 scripts/ingest_bench_site.py "$DATASET" "$D/site" "$HOSTS" "$PER_HOST"
  serve "$D" "$HOSTS"
  "$MARSAD" source import-opml --offline --data "$D/data" "$D/sites.opml" >/dev/null
  echo "== politeness: $HOSTS hosts x $PER_HOST pages, 1 request/s per host"
  "$MARSAD" ingest --once --data "$D/data" --allow 127.0.0.1/32 --parallel "$HOSTS" \
    --max-pages 100000 --batch 5 --json 2>"$D/ingest.log" | tail -1 | python3 -c "
import json,sys
r=json.load(sys.stdin)
print(f\"fetched {r['fetched']} pages, {r['inserted']} new, {r['failed']} failed, {r['requests']} requests in {r['seconds']:.1f} s: {r['pages_per_second']:.1f} pages/s, {r['requests']/r['seconds']:.1f} requests/s (limit $HOSTS/s)\")" || true  # exit 2: some pages failed
  cleanup; PIDS=()
fi

if [ "$WHAT" = crash ] || [ "$WHAT" = all ]; then
  D=$WORK/crash; rm -rf "$D"; mkdir -p "$D"
  python3 scripts/ingest_bench_site.py "$DATASET" "$D/site" "$CRASH_HOSTS" $((CRASH_PAGES / CRASH_HOSTS))
  serve "$D" "$CRASH_HOSTS"
  "$MARSAD" source import-opml --offline --data "$D/data" "$D/sites.opml" >/dev/null
  echo "== crash test: $CRASH_PAGES pages, kill -9 at $KILLS random moments"
  # The binary itself runs in the background (not a shell function: `kill -9` must hit it).
  # Each run takes the place of the one killed before it (as a supervisor restarts it): with
  # the same worker name it takes over the dead run's sources instead of waiting for leases.
  INGEST=("$MARSAD" ingest --once --data "$D/data" --allow 127.0.0.1/32 --worker bench-crash --host-interval-ms 0
    --parallel "$CRASH_HOSTS" --max-pages 100000 --batch 20 --json)
  for k in $(seq 1 "$KILLS"); do
    "${INGEST[@]}" >/dev/null 2>"$D/run-$k.log" &
    pid=$!
    delay=$(python3 -c 'import random; print(round(random.uniform(0.5, 4.0), 2))')
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "kill $k after ${delay}s: $(grep -c '^stored ' "$D/run-$k.log" || true) pages reported stored in that run"
  done
  "${INGEST[@]}" 2>"$D/final.log" | tail -1 > "$D/final.json" || true
  sqlite3 "$D/data/marsad.sqlite" "SELECT url FROM articles" | sort > "$D/stored-urls.txt"
  sort "$D/expected-urls.txt" > "$D/expected-sorted.txt"
  total=$(wc -l < "$D/stored-urls.txt")
  distinct=$(sort -u "$D/stored-urls.txt" | wc -l)
  missing=$(comm -23 "$D/expected-sorted.txt" "$D/stored-urls.txt" | wc -l)
  extra=$(comm -13 "$D/expected-sorted.txt" <(sort -u "$D/stored-urls.txt") | wc -l)
  reported=$(cat "$D"/run-*.log | grep '^stored ' | awk '{print $2}' | sort -u | wc -l)
  lost=0
  for id in $(cat "$D"/run-*.log | grep '^stored ' | awk '{print $2}' | sort -u); do
    n=$(sqlite3 "$D/data/marsad.sqlite" "SELECT COUNT(*) FROM articles WHERE id = '$id'")
    [ "$n" = 1 ] || lost=$((lost + 1))
  done
  db="$D/data/marsad.sqlite"
  # A page missing from the articles is accounted for only by its fetch state: not an article
  # (extraction found no text: article_id NULL after a 200), or a duplicate of an article
  # stored under another URL (same content hash). Anything else is lost.
  not_article=$(sqlite3 "$db" "SELECT COUNT(*) FROM fetch_state WHERE article_id IS NULL AND last_status = 200 AND url LIKE '%/news/%'")
  dup_of_other=$(sqlite3 "$db" "SELECT COUNT(*) FROM fetch_state f JOIN articles a ON a.id = f.article_id WHERE a.url <> f.url")
  echo "input $(wc -l < "$D/expected-urls.txt") pages; stored $total articles ($distinct distinct URLs, duplicated $((total - distinct))); not in input $extra"
  echo "missing $missing = $not_article not an article (no text extracted) + $dup_of_other same content as another stored page + $((missing - not_article - dup_of_other)) lost"
  echo "reported stored before a kill: $reported ids, of which lost $lost"
  echo "== fetch-free throughput: reprocess the crash run's WARC archive into a fresh data folder"
  R=$WORK/reprocess; rm -rf "$R"; mkdir -p "$R/data"; cp -r "$D/data/warc" "$R/data/warc"
  "$MARSAD" reprocess --data "$R/data" --json 2>/dev/null | tail -1 | python3 -c "
import json,sys
r=json.load(sys.stdin)
print(f\"{r['pages']} pages from {r['files']} WARC files ({len(r['truncated_files'])} torn by a kill): {r['inserted']} new, {r['unchanged']} unchanged, {r['duplicates']} duplicates, {len(r['failed'])} failed in {r['seconds']:.1f} s: {r['pages_per_second']:.0f} pages/s\")" || true  # exit 1: some pages failed
fi

# reprocess DATA_WITH_WARC: `marsad reprocess --json` of its archive into a fresh data folder.
reprocess() {
  R=$WORK/reprocess; rm -rf "$R"; mkdir -p "$R/data"; cp -r "$1/warc" "$R/data/warc"
  "$MARSAD" reprocess --data "$R/data" --json 2>/dev/null | tail -1 | python3 -c "
import json,sys
r=json.load(sys.stdin)
print(f\"{r['pages']} pages from {r['files']} WARC files: {r['inserted']} new, {r['unchanged']} unchanged, {r['duplicates']} duplicates, {len(r['failed'])} failed in {r['seconds']:.1f} s: {r['pages_per_second']:.0f} pages/s\")" || true  # exit 1: some pages failed
}

if [ "$WHAT" = throughput ]; then
  D=$WORK/throughput; rm -rf "$D"; mkdir -p "$D"
  python3 scripts/ingest_bench_site.py "$DATASET" "$D/site" "$TP_HOSTS" $((TP_PAGES / TP_HOSTS))
  serve "$D" "$TP_HOSTS"
  "$MARSAD" source import-opml --offline --data "$D/data" "$D/sites.opml" >/dev/null
  echo "== archive: one ingest of $TP_PAGES pages from $TP_HOSTS hosts (no interval)"
  "$MARSAD" ingest --once --data "$D/data" --allow 127.0.0.1/32 --host-interval-ms 0 \
    --parallel "$TP_HOSTS" --max-pages 100000 --batch 50 --json 2>"$D/ingest.log" | tail -1 > "$D/ingest.json" || true
  cleanup; PIDS=()
  echo "== fetch-free throughput: reprocess that archive into a fresh data folder"
  reprocess "$D/data"
fi
