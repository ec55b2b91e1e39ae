"""Run trafilatura over the same pages Marsad reads, for `marsad bench extract`.

Reads a JSON list of {"id", "path", "url"} on stdin (paths to .html or .html.gz files) and
prints one JSON object:
{"schema": 2, "version": ..., "seconds": ..., "seconds_text_only": ...,
 "pages": {id: {"text", "title", "author", "date"}}}.

`seconds` times `bare_extraction` with metadata (title, author, date: the work Marsad does),
`seconds_text_only` the plain `extract` call (text only, default settings). Both without
comments, with tables. Reading and decompressing are outside the timed parts, as they are
for Marsad.
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
            pages[item["id"]] = (f.read(), item.get("url"))

    start = time.perf_counter()
    for raw, url in pages.values():
        trafilatura.extract(raw, url=url, include_comments=False, include_tables=True)
    seconds_text_only = time.perf_counter() - start

    out = {}
    start = time.perf_counter()
    for page_id, (raw, url) in pages.items():
        doc = trafilatura.bare_extraction(
            raw, url=url, include_comments=False, include_tables=True, with_metadata=True
        )
        if doc is None:
            out[page_id] = {"text": "", "title": None, "author": None, "date": None}
            continue
        out[page_id] = {
            "text": doc.text or "",
            "title": doc.title,
            "author": doc.author,
            "date": doc.date,
        }
    seconds = time.perf_counter() - start
    json.dump(
        {
            "schema": 2,
            "version": trafilatura.__version__,
            "seconds": seconds,
            "seconds_text_only": seconds_text_only,
            "pages": out,
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()
