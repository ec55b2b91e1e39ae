-- Schema 5: moderation (readers' reports, item statuses, the audit log).
--
-- An item is an article (its id) or an image (`{article id}/{n}`). `epoch` counts restores:
-- a report counts towards hiding only in the item's current epoch, so a restored item needs
-- as many new distinct reporters as a fresh one. Times are RFC 3339 UTC, fixed width.

CREATE TABLE moderation_items (
    kind       TEXT NOT NULL CHECK (kind IN ('article', 'image')),
    item_id    TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('reported', 'hidden', 'restored', 'removed')),
    epoch      INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, item_id)
) STRICT;

CREATE INDEX moderation_items_status ON moderation_items (status, kind);

-- One row per reporter per item per epoch: a second report by the same reporter is not a row.
CREATE TABLE moderation_reports (
    kind        TEXT NOT NULL,
    item_id     TEXT NOT NULL,
    epoch       INTEGER NOT NULL,
    reporter    TEXT NOT NULL,
    reason      TEXT NOT NULL,
    reported_at TEXT NOT NULL,
    PRIMARY KEY (kind, item_id, epoch, reporter),
    FOREIGN KEY (kind, item_id) REFERENCES moderation_items (kind, item_id)
) STRICT;

-- Append-only: every report, automatic hiding and decision.
CREATE TABLE moderation_audit (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    item_id TEXT NOT NULL,
    note    TEXT
) STRICT;

-- Never lower the version (migrations of other numbers may run after this one).
UPDATE meta SET value = CAST(MAX(CAST(value AS INTEGER), 5) AS TEXT) WHERE key = 'schema_version';
