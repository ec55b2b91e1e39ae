-- Schema 1: the article table and the schema marker.
--
-- `meta.schema_version` is what an older Marsad checks before touching the file: it refuses a
-- data folder whose version is higher than it knows. Every later migration bumps it.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

INSERT INTO meta (key, value) VALUES ('schema_version', '1');

-- One row per article. The queried fields are columns; `article_json` holds the whole
-- `marsad_extract::Article` and is what reads return, so a new field round-trips without a
-- migration. `imported_at` is RFC 3339 UTC with nanoseconds (fixed width: sorts as text).
CREATE TABLE articles (
    id                  TEXT PRIMARY KEY NOT NULL,
    url                 TEXT,
    title               TEXT,
    source              TEXT,
    published           TEXT,
    published_precision TEXT,
    content_hash        TEXT NOT NULL,
    imported_at         TEXT NOT NULL,
    article_json        TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_latest ON articles (published IS NULL, published DESC, imported_at DESC, id);
CREATE INDEX articles_url ON articles (url);
