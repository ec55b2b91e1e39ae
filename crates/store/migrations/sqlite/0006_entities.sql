-- Schema 6: entities resolved across the store (issue 6) and their mentions in articles.
--
-- `entities` holds one row per resolved entity: its stable id (`e` + 16 hex digits, from
-- marsad_analyze::EntityIndex), type, canonical name, gazetteer entry and every form seen
-- with its count (`forms_json`: `[["form", count], …]`). `entity_mentions` holds each
-- mention's place in an article: field (`title`/`body`), paragraph, byte span, surface.

CREATE TABLE entities (
    id          TEXT PRIMARY KEY NOT NULL,
    entity_type TEXT NOT NULL,
    canonical   TEXT NOT NULL,
    gazetteer   TEXT,
    forms_json  TEXT NOT NULL
) STRICT;

CREATE INDEX entities_canonical ON entities (canonical);

CREATE TABLE entity_mentions (
    article_id TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    paragraph  INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    PRIMARY KEY (article_id, field, paragraph, start)
) STRICT;

CREATE INDEX entity_mentions_entity ON entity_mentions (entity_id, article_id);

-- Never lower the version (migrations of other numbers may run after this one).
UPDATE meta SET value = CAST(MAX(CAST(value AS INTEGER), 6) AS TEXT) WHERE key = 'schema_version';
