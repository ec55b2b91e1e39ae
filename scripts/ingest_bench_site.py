#!/usr/bin/env python3
"""Write local test sites for the issue 9 ingest figures (scripts/bench-ingest.sh).

Real Arabic article texts from SaudiNewsNet (../shared/data, never copied into the repo) are
put into a plain HTML page template, one folder per host: news/N.html pages, an RSS feed
(rss.xml) linking them relatively, robots.txt and a home page. Articles whose title and text
repeat are kept once, so every page is a distinct article.

usage: ingest_bench_site.py DATASET_DIR OUT_DIR HOSTS PAGES_PER_HOST
"""
import glob
import hashlib
import html
import json
import os
import sys
import zipfile


def articles(dataset):
    seen = set()
    for path in sorted(glob.glob(os.path.join(dataset, "*.zip"))):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for a in json.loads(z.read(name)):
                    title = (a.get("title") or "").strip()
                    content = (a.get("content") or "").strip()
                    if not title or len(content) < 200:
                        continue
                    key = hashlib.sha1((title + "\0" + content).encode()).hexdigest()
                    if key in seen:
                        continue
                    seen.add(key)
                    yield a


def page(a):
    paras = [p.strip() for p in a["content"].split("\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    author = html.escape(a.get("author") or "")
    return (
        f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{html.escape(a['title'])}</title></head><body>"
        f'<nav><a href="/">الرئيسية</a></nav><article><h1>{html.escape(a["title"])}</h1>'
        f'<div class="byline">{author}</div>{body}</article>'
        f"<footer>جميع الحقوق محفوظة</footer></body></html>"
    )


def main():
    dataset, out, hosts, per_host = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    source = articles(dataset)
    for h in range(hosts):
        root = os.path.join(out, f"h{h}")
        os.makedirs(os.path.join(root, "news"), exist_ok=True)
        items = []
        for n in range(per_host):
            a = next(source, None)
            if a is None:
                sys.exit(f"only {h * per_host + n} distinct articles in {dataset}")
            with open(os.path.join(root, "news", f"{n}.html"), "w", encoding="utf-8") as f:
                f.write(page(a))
            items.append(
                f"<item><title>{html.escape(a['title'])}</title><link>/news/{n}.html</link></item>"
            )
        with open(os.path.join(root, "rss.xml"), "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                    f"<title>h{h}</title><link>/</link><description>d</description>"
                    + "".join(items) + "</channel></rss>")
        with open(os.path.join(root, "robots.txt"), "w") as f:
            f.write("User-agent: *\nDisallow: /private/\n")
        with open(os.path.join(root, "index.html"), "w", encoding="utf-8") as f:
            f.write(f'<html lang="ar"><head><title>موقع {h}</title>'
                    '<link rel="alternate" type="application/rss+xml" href="/rss.xml"></head></html>')


if __name__ == "__main__":
    main()
