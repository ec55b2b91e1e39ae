-- PostgreSQL schema 2: analyses, one row per article id (mirrors sqlite/0002).

CREATE TABLE analyses (
    article_id    text COLLATE "C" PRIMARY KEY,
    version       bigint NOT NULL,
    category      text COLLATE "C",
    confidence    double precision,
    credibility   bigint NOT NULL,
    importance    bigint NOT NULL,
    analysis_json text NOT NULL
);

CREATE INDEX analyses_category ON analyses (category, importance DESC);
CREATE INDEX analyses_importance ON analyses (importance DESC, article_id);
CREATE INDEX analyses_credibility ON analyses (credibility DESC, article_id);

UPDATE meta SET value = GREATEST(value::bigint, 2)::text WHERE key = 'schema_version';
