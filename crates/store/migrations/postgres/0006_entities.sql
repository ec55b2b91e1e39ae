-- PostgreSQL schema 6: entities and their mentions (mirrors sqlite/0006). `end` is a
-- reserved word in PostgreSQL: the column is quoted.

CREATE TABLE entities (
    id          text COLLATE "C" PRIMARY KEY,
    entity_type text NOT NULL,
    canonical   text COLLATE "C" NOT NULL,
    gazetteer   text,
    forms_json  text NOT NULL
);

CREATE INDEX entities_canonical ON entities (canonical);

CREATE TABLE entity_mentions (
    article_id text COLLATE "C" NOT NULL,
    entity_id  text COLLATE "C" NOT NULL,
    field      text COLLATE "C" NOT NULL,
    paragraph  bigint NOT NULL,
    start      bigint NOT NULL,
    "end"      bigint NOT NULL,
    surface    text NOT NULL,
    PRIMARY KEY (article_id, field, paragraph, start)
);

CREATE INDEX entity_mentions_entity ON entity_mentions (entity_id, article_id);

UPDATE meta SET value = GREATEST(value::bigint, 6)::text WHERE key = 'schema_version';
