-- Full-text search over names (FTS5 trigram: substring search for queries of
-- three characters or more; shorter queries fall back to LIKE).
CREATE VIRTUAL TABLE enterprises_fts USING fts5(
    name, uscc, legal_person, address,
    content='enterprises', content_rowid='rowid', tokenize='trigram'
);
CREATE TRIGGER enterprises_fts_ai AFTER INSERT ON enterprises BEGIN
    INSERT INTO enterprises_fts(rowid, name, uscc, legal_person, address)
    VALUES (new.rowid, new.name, new.uscc, new.legal_person, new.address);
END;
CREATE TRIGGER enterprises_fts_ad AFTER DELETE ON enterprises BEGIN
    INSERT INTO enterprises_fts(enterprises_fts, rowid, name, uscc, legal_person, address)
    VALUES ('delete', old.rowid, old.name, old.uscc, old.legal_person, old.address);
END;
CREATE TRIGGER enterprises_fts_au AFTER UPDATE OF name, uscc, legal_person, address ON enterprises BEGIN
    INSERT INTO enterprises_fts(enterprises_fts, rowid, name, uscc, legal_person, address)
    VALUES ('delete', old.rowid, old.name, old.uscc, old.legal_person, old.address);
    INSERT INTO enterprises_fts(rowid, name, uscc, legal_person, address)
    VALUES (new.rowid, new.name, new.uscc, new.legal_person, new.address);
END;
INSERT INTO enterprises_fts(enterprises_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE talent_fts USING fts5(
    name, employer, specialty,
    content='talent', content_rowid='rowid', tokenize='trigram'
);
CREATE TRIGGER talent_fts_ai AFTER INSERT ON talent BEGIN
    INSERT INTO talent_fts(rowid, name, employer, specialty)
    VALUES (new.rowid, new.name, new.employer, new.specialty);
END;
CREATE TRIGGER talent_fts_ad AFTER DELETE ON talent BEGIN
    INSERT INTO talent_fts(talent_fts, rowid, name, employer, specialty)
    VALUES ('delete', old.rowid, old.name, old.employer, old.specialty);
END;
CREATE TRIGGER talent_fts_au AFTER UPDATE OF name, employer, specialty ON talent BEGIN
    INSERT INTO talent_fts(talent_fts, rowid, name, employer, specialty)
    VALUES ('delete', old.rowid, old.name, old.employer, old.specialty);
    INSERT INTO talent_fts(rowid, name, employer, specialty)
    VALUES (new.rowid, new.name, new.employer, new.specialty);
END;
INSERT INTO talent_fts(talent_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE platforms_fts USING fts5(
    name, host_name, field,
    content='platforms', content_rowid='rowid', tokenize='trigram'
);
CREATE TRIGGER platforms_fts_ai AFTER INSERT ON platforms BEGIN
    INSERT INTO platforms_fts(rowid, name, host_name, field)
    VALUES (new.rowid, new.name, new.host_name, new.field);
END;
CREATE TRIGGER platforms_fts_ad AFTER DELETE ON platforms BEGIN
    INSERT INTO platforms_fts(platforms_fts, rowid, name, host_name, field)
    VALUES ('delete', old.rowid, old.name, old.host_name, old.field);
END;
CREATE TRIGGER platforms_fts_au AFTER UPDATE OF name, host_name, field ON platforms BEGIN
    INSERT INTO platforms_fts(platforms_fts, rowid, name, host_name, field)
    VALUES ('delete', old.rowid, old.name, old.host_name, old.field);
    INSERT INTO platforms_fts(rowid, name, host_name, field)
    VALUES (new.rowid, new.name, new.host_name, new.field);
END;
INSERT INTO platforms_fts(platforms_fts) VALUES ('rebuild');
