-- 1–2 character name search kept up to date by plain SQL, so the sqlite3 shell
-- or DB Browser can edit enterprises (0004 called spaced(), which only our
-- program registers: "no such function: spaced").
--
-- One row per two characters starting at each position of a name, and the
-- last character alone: 山西鑫伟 → 山西, 西鑫, 鑫伟, 伟. A two-character query
-- is one key lookup (chars = '鑫伟'); a one-character query is a key range
-- (every row whose chars start with it). ASCII letters are lowered, as LIKE
-- folds them. db/search_index.py checks and rebuilds this table (`check`).
DROP TRIGGER IF EXISTS enterprises_chars_ai;
DROP TRIGGER IF EXISTS enterprises_chars_ad;
DROP TRIGGER IF EXISTS enterprises_chars_au;
DROP TABLE IF EXISTS enterprises_chars;

CREATE TABLE enterprise_name_chars (
    chars            TEXT NOT NULL,
    enterprise_rowid INTEGER NOT NULL,   -- enterprises.rowid, like the FTS tables
    PRIMARY KEY (chars, enterprise_rowid)
) WITHOUT ROWID;

CREATE TRIGGER enterprise_name_chars_ai AFTER INSERT ON enterprises BEGIN
    INSERT OR IGNORE INTO enterprise_name_chars (chars, enterprise_rowid)
    WITH RECURSIVE p(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM p WHERE i < length(new.name))
    SELECT DISTINCT lower(substr(new.name, i, 2)), new.rowid FROM p WHERE substr(new.name, i, 1) <> '';
END;
CREATE TRIGGER enterprise_name_chars_ad AFTER DELETE ON enterprises BEGIN
    DELETE FROM enterprise_name_chars WHERE enterprise_rowid = old.rowid AND chars IN (
        WITH RECURSIVE p(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM p WHERE i < length(old.name))
        SELECT lower(substr(old.name, i, 2)) FROM p);
END;
CREATE TRIGGER enterprise_name_chars_au AFTER UPDATE OF name ON enterprises BEGIN
    DELETE FROM enterprise_name_chars WHERE enterprise_rowid = old.rowid AND chars IN (
        WITH RECURSIVE p(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM p WHERE i < length(old.name))
        SELECT lower(substr(old.name, i, 2)) FROM p);
    INSERT OR IGNORE INTO enterprise_name_chars (chars, enterprise_rowid)
    WITH RECURSIVE p(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM p WHERE i < length(new.name))
    SELECT DISTINCT lower(substr(new.name, i, 2)), new.rowid FROM p WHERE substr(new.name, i, 1) <> '';
END;

INSERT INTO enterprise_name_chars (chars, enterprise_rowid)
WITH RECURSIVE p(rid, name, i) AS (
    SELECT rowid, name, 1 FROM enterprises WHERE name <> ''
    UNION ALL SELECT rid, name, i + 1 FROM p WHERE i < length(name))
SELECT DISTINCT lower(substr(name, i, 2)), rid FROM p;
