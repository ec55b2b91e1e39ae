-- Schema 10: jobs shared between processes (issue 11): which worker holds which piece of work.
--
-- One row per job, keyed by kind (`source` for ingest: one job per source) and key (the
-- source id). A worker claims a job by writing its id and a lease end; another worker may
-- take it only once the lease has ended (a crashed worker's job comes back by itself).
-- Completing a job clears the lease and sets when it is available again (the source's next
-- due time). Times are RFC 3339 UTC, fixed width (they sort as text).

CREATE TABLE jobs (
    kind         TEXT NOT NULL,
    key          TEXT NOT NULL,
    available_at TEXT NOT NULL,
    worker       TEXT,
    lease_until  TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    completed_at TEXT,
    PRIMARY KEY (kind, key)
) STRICT;

CREATE INDEX jobs_available ON jobs (kind, available_at);

-- Never lower the version (migrations of other numbers may run after this one).
UPDATE meta SET value = CAST(MAX(CAST(value AS INTEGER), 10) AS TEXT) WHERE key = 'schema_version';
