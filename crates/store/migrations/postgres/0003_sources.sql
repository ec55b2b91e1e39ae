-- PostgreSQL schema 3: sources and per-URL fetch state (mirrors sqlite/0003).
--
-- A btree entry holds at most ~2.7 kB and a URL may be longer (SQLite takes any length):
-- uniqueness is kept on the MD5 of the URL (a generated column), lookups by URL go through
-- hash indexes (equality only, any length).

CREATE TABLE sources (
    id          text COLLATE "C" PRIMARY KEY,
    home_url    text COLLATE "C" NOT NULL,
    home_key    text COLLATE "C" GENERATED ALWAYS AS (md5(home_url)) STORED,
    next_due    timestamptz NOT NULL,
    source_json text NOT NULL
);

CREATE UNIQUE INDEX sources_home_url ON sources (home_key);

CREATE TABLE fetch_state (
    url_key       text COLLATE "C" GENERATED ALWAYS AS (md5(url)) STORED PRIMARY KEY,
    url           text COLLATE "C" NOT NULL,
    source_id     text COLLATE "C" NOT NULL,
    etag          text,
    last_modified text,
    last_status   bigint NOT NULL,
    first_seen    timestamptz NOT NULL,
    last_fetched  timestamptz NOT NULL,
    article_id    text COLLATE "C"
);

CREATE INDEX fetch_state_url ON fetch_state USING hash (url);
CREATE INDEX fetch_state_source ON fetch_state (source_id);

UPDATE meta SET value = GREATEST(value::bigint, 3)::text WHERE key = 'schema_version';
