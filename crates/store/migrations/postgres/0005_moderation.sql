-- PostgreSQL schema 5: moderation (mirrors sqlite/0005).

CREATE TABLE moderation_items (
    kind       text COLLATE "C" NOT NULL CHECK (kind IN ('article', 'image')),
    item_id    text COLLATE "C" NOT NULL,
    status     text COLLATE "C" NOT NULL CHECK (status IN ('reported', 'hidden', 'restored', 'removed')),
    epoch      bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (kind, item_id)
);

CREATE INDEX moderation_items_status ON moderation_items (status, kind);

CREATE TABLE moderation_reports (
    kind        text COLLATE "C" NOT NULL,
    item_id     text COLLATE "C" NOT NULL,
    epoch       bigint NOT NULL,
    reporter    text COLLATE "C" NOT NULL,
    reason      text NOT NULL,
    reported_at timestamptz NOT NULL,
    PRIMARY KEY (kind, item_id, epoch, reporter),
    FOREIGN KEY (kind, item_id) REFERENCES moderation_items (kind, item_id)
);

CREATE TABLE moderation_audit (
    seq     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text NOT NULL,
    action  text NOT NULL,
    kind    text NOT NULL,
    item_id text NOT NULL,
    note    text
);

UPDATE meta SET value = GREATEST(value::bigint, 5)::text WHERE key = 'schema_version';
