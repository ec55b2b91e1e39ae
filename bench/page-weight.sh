#!/usr/bin/env bash
# Weight of a reader page as a browser loads it: the HTML plus every sub-resource it references
# (stylesheets, scripts, images, icons, fonts; `data:` URLs count in the HTML only), over the
# bundled demo corpus. Usage: bench/page-weight.sh [PATH]   (default "/"; prints JSON, schema 1)
set -euo pipefail
cd "$(dirname "$0")/.."
path=${1:-/}
cargo build --release -q -p marsad
out=$(mktemp)
target/release/marsad demo --addr 127.0.0.1:0 >"$out" 2>/dev/null &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$out"' EXIT
url=""
for _ in $(seq 2000); do
  url=$(grep -o 'http://[0-9.:]*/' "$out" || true)
  [ -n "$url" ] && curl -fsS -o /dev/null "$url" 2>/dev/null && break
  url=""
  sleep 0.01
done
[ -n "$url" ] || { echo "demo did not serve a page" >&2; exit 1; }
python3 - "${url%/}" "$path" <<'PY'
import json, sys, urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin

base, path = sys.argv[1], sys.argv[2]

def get(u):
    req = urllib.request.Request(u, headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.read()

class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href") and ({"stylesheet", "icon", "preload", "manifest"} & set((a.get("rel") or "").split())):
            self.refs.append(a["href"])
        elif tag in ("script", "img", "source", "iframe", "video", "audio") and a.get("src"):
            self.refs.append(a["src"])

page = urljoin(base + "/", path.lstrip("/"))
html = get(page)
p = Refs()
p.feed(html.decode("utf-8", "replace"))
subs = []
for ref in dict.fromkeys(p.refs):
    if ref.startswith("data:"):
        continue
    subs.append({"url": ref, "bytes": len(get(urljoin(page, ref)))})
total = len(html) + sum(s["bytes"] for s in subs)
print(json.dumps({
    "schema": 1,
    "page": path,
    "html_bytes": len(html),
    "requests": 1 + len(subs),
    "subresources": subs,
    "total_bytes": total,
    "goal": {"max_bytes": 100_000, "max_requests": 5},
    "meets_goal": total <= 100_000 and 1 + len(subs) <= 5,
}, indent=2))
PY
