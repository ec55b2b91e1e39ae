-- PostgreSQL schema 7: jobs shared between processes (mirrors sqlite/0010). Workers claim
-- rows with `SELECT … FOR UPDATE SKIP LOCKED`, so two never take the same job.

CREATE TABLE jobs (
    kind         text COLLATE "C" NOT NULL,
    key          text COLLATE "C" NOT NULL,
    available_at timestamptz NOT NULL,
    worker       text COLLATE "C",
    lease_until  timestamptz,
    attempts     bigint NOT NULL DEFAULT 0,
    completed_at timestamptz,
    PRIMARY KEY (kind, key)
);

CREATE INDEX jobs_available ON jobs (kind, available_at);

UPDATE meta SET value = GREATEST(value::bigint, 7)::text WHERE key = 'schema_version';
