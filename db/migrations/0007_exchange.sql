-- pragma: foreign_keys=off
-- Exchange between units (EXCHANGE.md): reporting units, row versions, what
-- each side last accepted from the other, packages seen, conflicts waiting.

-- units: a county's 责任单位 become reporting units too (level 'department'),
-- with a contact and what they report. The CHECK changes, so the table is
-- rebuilt (sqlite.org "Making Other Kinds Of Table Schema Changes").
CREATE TABLE units_new (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    level          TEXT NOT NULL CHECK (level IN ('city', 'county', 'township', 'zone', 'department')),
    code           TEXT,
    parent_id      TEXT REFERENCES units(id),
    seq            INTEGER NOT NULL DEFAULT 0,
    unit_id        TEXT,
    contact_person TEXT NOT NULL DEFAULT '',
    contact_phone  TEXT NOT NULL DEFAULT '',
    reports        TEXT NOT NULL DEFAULT '',   -- what it reports: assignments, enterprises, talent, platforms
    row_version    INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
INSERT INTO units_new (id, name, level, code, parent_id, seq, unit_id, created_at, updated_at, deleted_at)
    SELECT id, name, level, code, parent_id, seq, unit_id, created_at, updated_at, deleted_at FROM units;
DROP TABLE units;
ALTER TABLE units_new RENAME TO units;
CREATE UNIQUE INDEX units_name ON units(name) WHERE deleted_at IS NULL;
CREATE INDEX units_parent ON units(parent_id);

ALTER TABLE departments ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE people ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE documents ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE leading_groups ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE leading_group_members ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE key_tasks ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tasks ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE assignments ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE assignment_contacts ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE progress_entries ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE supervision_items ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE targets ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE target_values ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE target_actuals ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE evidence_files ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE enterprises ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE enterprise_titles ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE surveys ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE survey_institutions ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE survey_projects ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE signoffs ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE helper_pairings ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE talent ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE teams ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE team_members ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE commissioner_postings ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE service_records ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE platforms ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE platform_status_history ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE reward_policies ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE reward_rules ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE reward_records ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;

-- a department's reporting unit (a zone that is also a 责任单位 is one unit)
ALTER TABLE departments ADD COLUMN unit_ref TEXT REFERENCES units(id);
INSERT INTO units (id, name, level, parent_id, seq, unit_id, created_at, updated_at)
    SELECT d.id, d.name, 'department', d.unit_id, 100 + d.seq, d.id, d.created_at, d.updated_at
    FROM departments d JOIN units owner ON owner.id = d.unit_id AND owner.level = 'county'
    WHERE d.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM units u WHERE u.name = d.name AND u.deleted_at IS NULL);
UPDATE departments SET unit_ref = (SELECT u.id FROM units u WHERE u.name = departments.name AND u.deleted_at IS NULL);
UPDATE units SET reports = CASE level
    WHEN 'department' THEN 'assignments'
    WHEN 'county' THEN 'assignments,enterprises,talent,platforms'
    ELSE 'enterprises,talent,platforms' END;
UPDATE units SET reports = 'assignments,enterprises,talent,platforms'
    WHERE id IN (SELECT unit_ref FROM departments WHERE deleted_at IS NULL) AND level IN ('township', 'zone');

-- per peer unit and row: what this ledger last accepted from it (or sent it and it acknowledged)
CREATE TABLE exchange_base (
    peer_unit_id TEXT NOT NULL,
    table_name   TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    row_version  INTEGER NOT NULL,
    row_hash     TEXT NOT NULL,
    PRIMARY KEY (peer_unit_id, table_name, row_id)
) WITHOUT ROWID;

-- package_log: one row per package written or read
ALTER TABLE package_log ADD COLUMN package_id TEXT;
ALTER TABLE package_log ADD COLUMN kind TEXT NOT NULL DEFAULT 'submission';
ALTER TABLE package_log ADD COLUMN peer_unit_id TEXT;
ALTER TABLE package_log ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX package_log_package ON package_log(package_id, direction) WHERE package_id IS NOT NULL;

-- rows both sides changed since the base: never applied without a choice
CREATE TABLE exchange_conflicts (
    id           TEXT PRIMARY KEY,
    peer_unit_id TEXT NOT NULL,
    package_id   TEXT NOT NULL,
    table_name   TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    base_values  TEXT,                         -- JSON, NULL when there was no base
    their_values TEXT NOT NULL,                -- JSON of the record (children included)
    our_values   TEXT NOT NULL,
    their_version INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    resolved_at  TEXT,
    resolution   TEXT CHECK (resolution IN ('ours', 'theirs', 'fields')),
    resolved_by  TEXT
);
CREATE INDEX exchange_conflicts_open ON exchange_conflicts(resolved_at, table_name);
