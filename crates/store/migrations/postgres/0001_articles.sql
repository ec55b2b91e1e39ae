-- PostgreSQL schema 1: the article table and the schema marker (mirrors sqlite/0001).
--
-- Every text column that is sorted or compared uses the "C" collation, so PostgreSQL orders
-- ids, dates and hashes byte by byte as SQLite does, whatever the database's locale.
-- `article_json` is `text`, not `jsonb`: it is what reads return, byte for byte, and jsonb
-- would reorder keys and refuse the `\u0000` escape. `imported_at_ns` keeps the nanoseconds
-- beyond the microsecond (0..999) that timestamptz drops, so a time reads back as written.
--
-- A btree entry holds at most ~2.7 kB, and SQLite has no such limit: the url is indexed by
-- hash (equality only, any length), and the latest-first index holds the first 200
-- characters of `published` (ordering by that prefix, then by the whole value, is ordering by
-- the whole value; `latest` does just that).

CREATE TABLE meta (
    key   text COLLATE "C" PRIMARY KEY,
    value text NOT NULL
);

INSERT INTO meta (key, value) VALUES ('schema_version', '1');

CREATE TABLE articles (
    id                  text COLLATE "C" PRIMARY KEY,
    url                 text COLLATE "C",
    title               text,
    source              text COLLATE "C",
    published           text COLLATE "C",
    published_precision text,
    content_hash        text COLLATE "C" NOT NULL,
    imported_at         timestamptz NOT NULL,
    imported_at_ns      bigint NOT NULL DEFAULT 0,
    article_json        text NOT NULL
);

CREATE UNIQUE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_latest ON articles ((published IS NULL), (left(published, 200)) DESC, imported_at DESC, imported_at_ns DESC, id);
CREATE INDEX articles_url ON articles USING hash (url);
