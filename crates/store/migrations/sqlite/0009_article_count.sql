-- Schema 9: the number of articles kept by triggers, so the reader's pages (which show it)
-- read one row instead of counting every article on each request (issue 10's latency).

CREATE TABLE article_count (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    n  INTEGER NOT NULL
) STRICT;

INSERT INTO article_count (id, n) SELECT 1, COUNT(*) FROM articles;

CREATE TRIGGER article_count_insert AFTER INSERT ON articles
BEGIN
    UPDATE article_count SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_count_delete AFTER DELETE ON articles
BEGIN
    UPDATE article_count SET n = n - 1 WHERE id = 1;
END;

-- Never lower the version (migrations of other numbers may run after this one).
UPDATE meta SET value = CAST(MAX(CAST(value AS INTEGER), 9) AS TEXT) WHERE key = 'schema_version';
