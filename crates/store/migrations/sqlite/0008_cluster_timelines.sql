-- Schema 8: storyline timelines (issue 10's storyline page): each storyline's events and the
-- past happenings its articles mention, in order, rewritten with the storylines.

CREATE TABLE cluster_timeline (
    storyline_id  TEXT NOT NULL,
    position      INTEGER NOT NULL,
    date          TEXT NOT NULL,
    precision     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    what          TEXT NOT NULL,
    event_id      TEXT,
    articles_json TEXT NOT NULL,
    PRIMARY KEY (storyline_id, position)
) STRICT;

-- Never lower the version (migrations of other numbers may run after this one).
UPDATE meta SET value = CAST(MAX(CAST(value AS INTEGER), 8) AS TEXT) WHERE key = 'schema_version';
