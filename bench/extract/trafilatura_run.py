"""Run trafilatura over the same pages Marsad reads, for `marsad bench extract`.

Reads a JSON list of {"id", "path"} on stdin (paths to .html or .html.gz files), extracts
the main text of each with trafilatura (default settings, no comments), and prints one JSON
object: {"schema": 1, "version": ..., "seconds": <extraction time only>, "pages": {id: text}}.
Reading and decompressing are outside the timed part, as they are for Marsad.
"""

import gzip
import json
import sys
import time

import trafilatura


def main() -> None:
    items = json.load(sys.stdin)
    pages = {}
    for item in items:
        path = item["path"]
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as f:
            pages[item["id"]] = f.read()
    out = {}
    start = time.perf_counter()
    for page_id, raw in pages.items():
        text = trafilatura.extract(raw, include_comments=False, include_tables=True)
        out[page_id] = text or ""
    seconds = time.perf_counter() - start
    json.dump(
        {"schema": 1, "version": trafilatura.__version__, "seconds": seconds, "pages": out},
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()
