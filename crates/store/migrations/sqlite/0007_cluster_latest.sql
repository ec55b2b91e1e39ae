-- Schema 7: the reader's latest events (newest day, then the most covered) read from an
-- index instead of sorting every event per request (issue 10's latency at 100k articles).

CREATE INDEX cluster_events_latest ON cluster_events (date DESC, article_count DESC, id);

-- Never lower the version (migrations of other numbers may run after this one).
UPDATE meta SET value = CAST(MAX(CAST(value AS INTEGER), 7) AS TEXT) WHERE key = 'schema_version';
