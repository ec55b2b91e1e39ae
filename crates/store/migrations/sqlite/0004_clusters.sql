-- Schema 4: clustering (issue 8): the incremental clusterer's saved state and what it
-- decided, so an import places only its new articles and readers query the assignments.
--
-- `cluster_state` holds one row: the clusterer's serialised state (`format` names its
-- encoding and version; a reader that does not know it re-clusters from the articles).
-- The other tables are derived from that state and rewritten in the same transaction:
-- article -> event (with the canonical article of a near-duplicate), events with their
-- label, date and entities, storylines and their events.

CREATE TABLE cluster_state (
    id         INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    format     TEXT NOT NULL,
    articles   INTEGER NOT NULL,
    state      BLOB NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE cluster_articles (
    article_id   TEXT PRIMARY KEY NOT NULL,
    event_id     TEXT NOT NULL,
    duplicate_of TEXT
) STRICT;

CREATE INDEX cluster_articles_event ON cluster_articles (event_id);

CREATE TABLE cluster_events (
    id            TEXT PRIMARY KEY NOT NULL,
    label         TEXT NOT NULL,
    date          TEXT NOT NULL,
    article_count INTEGER NOT NULL,
    entities_json TEXT NOT NULL
) STRICT;

CREATE INDEX cluster_events_date ON cluster_events (date);

CREATE TABLE cluster_storylines (
    id    TEXT PRIMARY KEY NOT NULL,
    label TEXT NOT NULL
) STRICT;

CREATE TABLE cluster_storyline_events (
    event_id     TEXT PRIMARY KEY NOT NULL,
    storyline_id TEXT NOT NULL,
    position     INTEGER NOT NULL
) STRICT;

CREATE INDEX cluster_storyline_events_storyline ON cluster_storyline_events (storyline_id, position);

-- Raise, never lower: migrations of other numbers may run after this one on an old file.
UPDATE meta SET value = '4' WHERE key = 'schema_version' AND CAST(value AS INTEGER) < 4;
