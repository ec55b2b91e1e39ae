-- Schema 2: analyses (issue 7): what `marsad_analyze::Analyzer` said about each article —
-- category, credibility and importance with their reasons, quotes — computed at import.
--
-- One row per article id. `analysis_json` holds the whole `marsad_analyze::Analysis` and is
-- what reads return (a new field round-trips without a migration); the queried figures are
-- columns. `version` is the analysis rules' version, so stale rows can be recomputed. There
-- is no foreign key: the article store deletes its analysis itself.

CREATE TABLE analyses (
    article_id    TEXT PRIMARY KEY NOT NULL,
    version       INTEGER NOT NULL,
    category      TEXT,
    confidence    REAL,
    credibility   INTEGER NOT NULL,
    importance    INTEGER NOT NULL,
    analysis_json TEXT NOT NULL
) STRICT;

CREATE INDEX analyses_category ON analyses (category, importance DESC);
CREATE INDEX analyses_importance ON analyses (importance DESC, article_id);
CREATE INDEX analyses_credibility ON analyses (credibility DESC, article_id);

-- Raise, never lower: migrations of other numbers may run after this one on an old file.
UPDATE meta SET value = '2' WHERE key = 'schema_version' AND CAST(value AS INTEGER) < 2;
