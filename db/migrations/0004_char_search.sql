-- Fast 1–2 character search: each character of a name is a token
-- (spaced(name) puts a space between characters; unicode61 then splits), so
-- a one-character query is a token lookup and a two-character query a
-- phrase of adjacent tokens — a substring match without scanning the table.
-- spaced() is registered on every connection by db/connection.py.
CREATE VIRTUAL TABLE enterprises_chars USING fts5(name, content='', tokenize='unicode61');
INSERT INTO enterprises_chars(rowid, name) SELECT rowid, spaced(name) FROM enterprises;
CREATE TRIGGER enterprises_chars_ai AFTER INSERT ON enterprises BEGIN
    INSERT INTO enterprises_chars(rowid, name) VALUES (new.rowid, spaced(new.name));
END;
CREATE TRIGGER enterprises_chars_ad AFTER DELETE ON enterprises BEGIN
    INSERT INTO enterprises_chars(enterprises_chars, rowid, name) VALUES ('delete', old.rowid, spaced(old.name));
END;
CREATE TRIGGER enterprises_chars_au AFTER UPDATE OF name ON enterprises BEGIN
    INSERT INTO enterprises_chars(enterprises_chars, rowid, name) VALUES ('delete', old.rowid, spaced(old.name));
    INSERT INTO enterprises_chars(rowid, name) VALUES (new.rowid, spaced(new.name));
END;

