-- Schema 3: sources (outlets to fetch) and per-URL fetch state.
--
-- `sources.source_json` holds the whole `marsad_store::Source` (name, country, language,
-- feeds, sitemaps, profile, schedule) and is what reads return; `home_url` and `next_due`
-- are columns to be unique and to be queried. `fetch_state` is written by the fetcher only
-- after the page's article is stored, so a crash re-fetches rather than skips.

CREATE TABLE sources (
    id          TEXT PRIMARY KEY NOT NULL,
    home_url    TEXT NOT NULL,
    next_due    TEXT NOT NULL,
    source_json TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX sources_home_url ON sources (home_url);

CREATE TABLE fetch_state (
    url           TEXT PRIMARY KEY NOT NULL,
    source_id     TEXT NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    last_status   INTEGER NOT NULL,
    first_seen    TEXT NOT NULL,
    last_fetched  TEXT NOT NULL,
    article_id    TEXT
) STRICT;

CREATE INDEX fetch_state_source ON fetch_state (source_id);

UPDATE meta SET value = '3' WHERE key = 'schema_version';
