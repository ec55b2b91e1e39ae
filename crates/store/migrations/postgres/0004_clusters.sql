-- PostgreSQL schema 4: clustering state and assignments (mirrors sqlite/0004, with the
-- latest-events index of sqlite/0007 and the timeline table of sqlite/0008 folded in: no
-- PostgreSQL database predates them).

CREATE TABLE cluster_state (
    id         bigint PRIMARY KEY CHECK (id = 1),
    format     text NOT NULL,
    articles   bigint NOT NULL,
    state      bytea NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE cluster_articles (
    article_id   text COLLATE "C" PRIMARY KEY,
    event_id     text COLLATE "C" NOT NULL,
    duplicate_of text COLLATE "C"
);

CREATE INDEX cluster_articles_event ON cluster_articles (event_id);

CREATE TABLE cluster_events (
    id            text COLLATE "C" PRIMARY KEY,
    label         text NOT NULL,
    date          text COLLATE "C" NOT NULL,
    article_count bigint NOT NULL,
    entities_json text NOT NULL
);

CREATE INDEX cluster_events_date ON cluster_events (date);
CREATE INDEX cluster_events_latest ON cluster_events (date DESC, article_count DESC, id);

CREATE TABLE cluster_storylines (
    id    text COLLATE "C" PRIMARY KEY,
    label text NOT NULL
);

CREATE TABLE cluster_storyline_events (
    event_id     text COLLATE "C" PRIMARY KEY,
    storyline_id text COLLATE "C" NOT NULL,
    position     bigint NOT NULL
);

CREATE INDEX cluster_storyline_events_storyline ON cluster_storyline_events (storyline_id, position);

CREATE TABLE cluster_timeline (
    storyline_id  text COLLATE "C" NOT NULL,
    position      bigint NOT NULL,
    date          text COLLATE "C" NOT NULL,
    precision     text NOT NULL,
    kind          text NOT NULL,
    what          text NOT NULL,
    event_id      text COLLATE "C",
    articles_json text NOT NULL,
    PRIMARY KEY (storyline_id, position)
);

UPDATE meta SET value = GREATEST(value::bigint, 4)::text WHERE key = 'schema_version';
