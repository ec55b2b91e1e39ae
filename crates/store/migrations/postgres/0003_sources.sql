-- PostgreSQL schema 3: sources and per-URL fetch state (mirrors sqlite/0003).

CREATE TABLE sources (
    id          text COLLATE "C" PRIMARY KEY,
    home_url    text COLLATE "C" NOT NULL,
    next_due    timestamptz NOT NULL,
    source_json text NOT NULL
);

CREATE UNIQUE INDEX sources_home_url ON sources (home_url);

CREATE TABLE fetch_state (
    url           text COLLATE "C" PRIMARY KEY,
    source_id     text COLLATE "C" NOT NULL,
    etag          text,
    last_modified text,
    last_status   bigint NOT NULL,
    first_seen    timestamptz NOT NULL,
    last_fetched  timestamptz NOT NULL,
    article_id    text COLLATE "C"
);

CREATE INDEX fetch_state_source ON fetch_state (source_id);

UPDATE meta SET value = GREATEST(value::bigint, 3)::text WHERE key = 'schema_version';
