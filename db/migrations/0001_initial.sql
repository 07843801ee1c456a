-- Ledger schema v1: everything PRODUCT.md names.
-- Conventions: every record has a UUID text id (stable across export/import),
-- the owning unit, created/updated timestamps (ISO 8601, local time with
-- offset) and, where data goes upward, deleted_at for soft delete.
-- Child rows that only exist as part of a parent (survey rows, contact lines,
-- yearly target values, team members) are replaced with their parent.

CREATE TABLE units (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('city', 'county', 'township', 'zone')),
    code        TEXT,                       -- 行政区划代码 (optional)
    parent_id   TEXT REFERENCES units(id),
    seq         INTEGER NOT NULL DEFAULT 0,
    unit_id     TEXT,                       -- owning unit (a unit owns itself)
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX units_name ON units(name) WHERE deleted_at IS NULL;

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT
);

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'restore', 'unmask', 'bulk')),
    table_name  TEXT NOT NULL,
    row_id      TEXT,
    old_values  TEXT,                       -- JSON of the changed fields before
    new_values  TEXT,                       -- JSON of the changed fields after
    reason      TEXT
);
CREATE INDEX audit_log_row ON audit_log(table_name, row_id);

-- 责任单位 (county departments, township offices) and the people in them.
CREATE TABLE departments (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    name        TEXT NOT NULL,
    short_name  TEXT,
    seq         INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX departments_name ON departments(unit_id, name) WHERE deleted_at IS NULL;

CREATE TABLE people (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    department_id TEXT REFERENCES departments(id),
    name          TEXT NOT NULL,
    section       TEXT,                     -- 科室
    position      TEXT,                     -- 职务
    phone         TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX people_department ON people(department_id);

-- Policy documents and their leading groups.
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    seed_key    TEXT,                       -- '000'..'004' for built-in documents
    doc_no      TEXT,                       -- 文号
    title       TEXT NOT NULL,
    issuer      TEXT,
    issued_on   TEXT,
    scope       TEXT,                       -- the government it belongs to
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);

CREATE TABLE leading_groups (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    document_id TEXT REFERENCES documents(id),
    name        TEXT NOT NULL,
    office_note TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);

CREATE TABLE leading_group_members (
    id          TEXT PRIMARY KEY,
    group_id    TEXT NOT NULL REFERENCES leading_groups(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    role        TEXT NOT NULL,              -- 组长 / 副组长 / 成员 / 办公室主任 …
    name        TEXT NOT NULL,
    position    TEXT
);

-- Tasks: document → key task → concrete task → assignments → contact lines.
CREATE TABLE key_tasks (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX key_tasks_document ON key_tasks(document_id, seq);

CREATE TABLE tasks (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    key_task_id TEXT NOT NULL REFERENCES key_tasks(id),
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    description TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX tasks_key_task ON tasks(key_task_id, seq);

CREATE TABLE assignments (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    task_id       TEXT NOT NULL REFERENCES tasks(id),
    department_id TEXT NOT NULL REFERENCES departments(id),
    role          TEXT NOT NULL DEFAULT 'support' CHECK (role IN ('lead', 'support')),
    seq           INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX assignments_task ON assignments(task_id, seq);
CREATE INDEX assignments_department ON assignments(department_id);

-- One printed line of a responsibility: the cells stay as printed, so a
-- multi-person cell ("刘建武 张 雁") stays one cell.
CREATE TABLE assignment_contacts (
    id            TEXT PRIMARY KEY,
    assignment_id TEXT NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    leader        TEXT NOT NULL DEFAULT '',  -- 责任领导
    section       TEXT NOT NULL DEFAULT '',  -- 责任科室
    handler       TEXT NOT NULL DEFAULT ''   -- 具体承办人
);
CREATE INDEX assignment_contacts_assignment ON assignment_contacts(assignment_id, seq);

CREATE TABLE progress_entries (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    assignment_id TEXT NOT NULL REFERENCES assignments(id),
    period        TEXT NOT NULL,            -- YYYY-MM
    status        TEXT NOT NULL CHECK (status IN ('未启动', '推进中', '已完成', '滞后')),
    work_done     TEXT NOT NULL DEFAULT '',
    problems      TEXT NOT NULL DEFAULT '',
    next_steps    TEXT NOT NULL DEFAULT '',
    submitted_on  TEXT,                     -- date the unit reported it
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE UNIQUE INDEX progress_assignment_period ON progress_entries(assignment_id, period) WHERE deleted_at IS NULL;
CREATE INDEX progress_period ON progress_entries(period);

-- 督办事项 (13710 rhythm).
CREATE TABLE supervision_items (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    task_id       TEXT REFERENCES tasks(id),
    department_id TEXT REFERENCES departments(id),
    title         TEXT NOT NULL,
    detail        TEXT NOT NULL DEFAULT '',
    major         INTEGER NOT NULL DEFAULT 0,
    assigned_on   TEXT NOT NULL,
    planned_on    TEXT,
    progress_on   TEXT,
    timeline      TEXT,                      -- written timeline for major items
    closed_on     TEXT,                      -- 销号
    close_note    TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);

-- Targets (目标) and their yearly values.
CREATE TABLE targets (
    id             TEXT PRIMARY KEY,
    unit_id        TEXT NOT NULL REFERENCES units(id),
    seed_key       TEXT,                     -- key in resources/seeds/targets.toml
    document_id    TEXT REFERENCES documents(id),
    task_id        TEXT REFERENCES tasks(id),
    scope          TEXT,
    indicator      TEXT NOT NULL,
    measure_unit   TEXT NOT NULL DEFAULT '',
    baseline_year  INTEGER,
    baseline_value REAL,
    comparison     TEXT NOT NULL DEFAULT 'at_least' CHECK (comparison IN ('at_least', 'exactly', 'at_most')),
    metric         TEXT NOT NULL DEFAULT '{"kind": "manual"}',  -- JSON: how the actual is counted
    source_text    TEXT,
    note           TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);

CREATE TABLE target_values (
    id          TEXT PRIMARY KEY,
    target_id   TEXT NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    value       REAL NOT NULL,
    UNIQUE (target_id, year)
);

-- Typed actual values for targets that cannot be counted from the ledger.
CREATE TABLE target_actuals (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    target_id   TEXT NOT NULL REFERENCES targets(id),
    year        INTEGER NOT NULL,
    value       REAL NOT NULL,
    source_note TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX target_actuals_year ON target_actuals(target_id, year) WHERE deleted_at IS NULL;

-- Evidence files (印证材料): content stored once inside the ledger, by hash.
CREATE TABLE file_blobs (
    sha256      TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    data        BLOB NOT NULL
);

CREATE TABLE evidence_files (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    owner_table TEXT NOT NULL,               -- progress_entries, surveys, supervision_items …
    owner_id    TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES file_blobs(sha256),
    size        INTEGER NOT NULL,
    note        TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX evidence_owner ON evidence_files(owner_table, owner_id);

-- Enterprises.
CREATE TABLE enterprises (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    name          TEXT NOT NULL,
    uscc          TEXT NOT NULL,             -- 统一社会信用代码
    township_id   TEXT REFERENCES units(id),
    industry      TEXT NOT NULL DEFAULT '',
    above_scale   INTEGER NOT NULL DEFAULT 0, -- 规上
    address       TEXT NOT NULL DEFAULT '',
    legal_person  TEXT NOT NULL DEFAULT '',
    contact       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    founded_on    TEXT,
    is_sample     INTEGER NOT NULL DEFAULT 0, -- demo data with sample credit codes
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE UNIQUE INDEX enterprises_uscc ON enterprises(uscc) WHERE deleted_at IS NULL;
-- covering index for the list: name order, short-query LIKE scan and every
-- list filter answered from the index alone
CREATE INDEX enterprises_search ON enterprises(name, uscc, legal_person, industry, above_scale, township_id)
    WHERE deleted_at IS NULL;
CREATE INDEX enterprises_township ON enterprises(township_id, industry) WHERE deleted_at IS NULL;
CREATE INDEX enterprises_industry ON enterprises(industry, above_scale) WHERE deleted_at IS NULL;

CREATE TABLE enterprise_titles (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    enterprise_id TEXT NOT NULL REFERENCES enterprises(id),
    title         TEXT NOT NULL,             -- 高新技术企业, 科技型中小企业 …
    level         TEXT NOT NULL DEFAULT '',  -- 省级 / 市级 where the title has levels
    year          INTEGER NOT NULL,
    cert_no       TEXT NOT NULL DEFAULT '',
    issued_on     TEXT,
    valid_until   TEXT,
    recertified   INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX enterprise_titles_enterprise ON enterprise_titles(enterprise_id);
CREATE INDEX enterprise_titles_title ON enterprise_titles(title, year);

-- 企业创新活动开展情况调查表 (004 附件3), one per enterprise and period.
CREATE TABLE surveys (
    id               TEXT PRIMARY KEY,
    unit_id          TEXT NOT NULL REFERENCES units(id),
    enterprise_id    TEXT NOT NULL REFERENCES enterprises(id),
    period           TEXT NOT NULL,          -- YYYY-MM
    innovation_input TEXT NOT NULL DEFAULT '', -- 创新投入
    innovation_talent TEXT NOT NULL DEFAULT '', -- 创新人才
    innovation_project TEXT NOT NULL DEFAULT '', -- 创新项目
    innovation_platform TEXT NOT NULL DEFAULT '', -- 创新平台
    tech_rd          TEXT NOT NULL DEFAULT '', -- 技术研发
    tech_cooperation TEXT NOT NULL DEFAULT '', -- 技术合作
    other_activities TEXT NOT NULL DEFAULT '[]', -- JSON list of checkbox numbers 1..14
    filled_by        TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    filled_on        TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
);
CREATE UNIQUE INDEX surveys_enterprise_period ON surveys(enterprise_id, period) WHERE deleted_at IS NULL;
CREATE INDEX surveys_period ON surveys(period);

CREATE TABLE survey_institutions (
    id              TEXT PRIMARY KEY,
    survey_id       TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    name            TEXT NOT NULL,           -- 研究开发机构及平台名称
    approver        TEXT NOT NULL DEFAULT '', -- 批准部门（或企业自建）
    field           TEXT NOT NULL DEFAULT '', -- 研究领域
    count           INTEGER NOT NULL DEFAULT 1 CHECK (count >= 0),  -- 期末机构数（个）
    staff           INTEGER NOT NULL DEFAULT 0 CHECK (staff >= 0),  -- 机构研究开发人员数量（人）
    spending        REAL NOT NULL DEFAULT 0 CHECK (spending >= 0),  -- 机构研究开发费用（万元）
    equipment_value REAL NOT NULL DEFAULT 0 CHECK (equipment_value >= 0) -- 期末仪器和设备原价（万元）
);
CREATE INDEX survey_institutions_survey ON survey_institutions(survey_id);

CREATE TABLE survey_projects (
    id          TEXT PRIMARY KEY,
    survey_id   TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,               -- 研发项目名称
    source_doc  TEXT NOT NULL DEFAULT '',    -- 研发项目来源及立项文号
    staff       INTEGER NOT NULL DEFAULT 0 CHECK (staff >= 0),
    spending    REAL NOT NULL DEFAULT 0 CHECK (spending >= 0),
    assets      REAL NOT NULL DEFAULT 0 CHECK (assets >= 0)
);
CREATE INDEX survey_projects_survey ON survey_projects(survey_id);

-- 销号 decisions, kept as history.
CREATE TABLE signoffs (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    enterprise_id TEXT NOT NULL REFERENCES enterprises(id),
    survey_id     TEXT REFERENCES surveys(id),
    period        TEXT NOT NULL,
    decision      TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected', 'revoked')),
    conditions    TEXT NOT NULL DEFAULT '{}', -- JSON: which conditions held
    reason        TEXT NOT NULL DEFAULT '',
    decided_by    TEXT NOT NULL,
    decided_at    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX signoffs_enterprise ON signoffs(enterprise_id, decided_at);

-- 帮扶: which department or work group helps which enterprise.
CREATE TABLE helper_pairings (
    id             TEXT PRIMARY KEY,
    unit_id        TEXT NOT NULL REFERENCES units(id),
    enterprise_id  TEXT NOT NULL REFERENCES enterprises(id),
    helper_unit    TEXT NOT NULL,            -- 帮扶单位
    work_group     TEXT NOT NULL DEFAULT '', -- 入企工作小组 members
    expert_team    TEXT NOT NULL DEFAULT '', -- 专家团队
    mode           TEXT NOT NULL DEFAULT '', -- 一帮一 / 一帮多 / 一带一 …
    since          TEXT,
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
CREATE INDEX helper_pairings_enterprise ON helper_pairings(enterprise_id);

-- Talent.
CREATE TABLE talent (
    id              TEXT PRIMARY KEY,
    unit_id         TEXT NOT NULL REFERENCES units(id),
    name            TEXT NOT NULL,
    gender          TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', '男', '女')),
    birth_year      INTEGER,
    id_number       TEXT NOT NULL DEFAULT '', -- 身份证号, masked on display
    phone           TEXT NOT NULL DEFAULT '',
    education       TEXT NOT NULL DEFAULT '',
    degree          TEXT NOT NULL DEFAULT '',
    prof_title      TEXT NOT NULL DEFAULT '',
    specialty       TEXT NOT NULL DEFAULT '',
    employer        TEXT NOT NULL DEFAULT '',
    enterprise_id   TEXT REFERENCES enterprises(id),
    township_id     TEXT REFERENCES units(id),
    category        TEXT NOT NULL DEFAULT '',
    high_level      INTEGER NOT NULL DEFAULT 0,
    high_level_tier TEXT NOT NULL DEFAULT '',
    intro_method    TEXT NOT NULL DEFAULT '',
    intro_date      TEXT,
    industry        TEXT NOT NULL DEFAULT '',
    support_housing INTEGER NOT NULL DEFAULT 0,       -- 人才公寓
    support_award   REAL NOT NULL DEFAULT 0 CHECK (support_award >= 0),  -- 奖励补贴 万元
    support_case    TEXT NOT NULL DEFAULT '',          -- 一事一议
    support_case_amount REAL NOT NULL DEFAULT 0 CHECK (support_case_amount >= 0),
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX talent_search ON talent(name, employer, specialty) WHERE deleted_at IS NULL;
CREATE INDEX talent_category ON talent(category, industry);

CREATE TABLE teams (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    name          TEXT NOT NULL,
    leader_id     TEXT REFERENCES talent(id),
    field         TEXT NOT NULL DEFAULT '',
    enterprise_id TEXT REFERENCES enterprises(id),
    intro_method  TEXT NOT NULL DEFAULT '',
    intro_date    TEXT,
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);

CREATE TABLE team_members (
    id         TEXT PRIMARY KEY,
    team_id    TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    talent_id  TEXT NOT NULL REFERENCES talent(id),
    role       TEXT NOT NULL DEFAULT '',
    UNIQUE (team_id, talent_id)
);

-- 科技特派员: a talent record posted to a township or enterprise.
CREATE TABLE commissioner_postings (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    talent_id     TEXT NOT NULL REFERENCES talent(id),
    township_id   TEXT REFERENCES units(id),
    enterprise_id TEXT REFERENCES enterprises(id),
    start_on      TEXT NOT NULL,
    end_on        TEXT,
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);

CREATE TABLE service_records (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    posting_id  TEXT NOT NULL REFERENCES commissioner_postings(id),
    served_on   TEXT NOT NULL,
    content     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);

-- Platforms.
CREATE TABLE platforms (
    id                 TEXT PRIMARY KEY,
    unit_id            TEXT NOT NULL REFERENCES units(id),
    name               TEXT NOT NULL,
    type               TEXT NOT NULL,
    level              TEXT NOT NULL CHECK (level IN ('国家级', '省级', '市级', '县级')),
    host_enterprise_id TEXT REFERENCES enterprises(id),
    host_name          TEXT NOT NULL DEFAULT '', -- institution when not an enterprise
    township_id        TEXT REFERENCES units(id),
    approver           TEXT NOT NULL DEFAULT '',
    approval_doc       TEXT NOT NULL DEFAULT '',
    approved_on        TEXT,
    field              TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT '培育中' CHECK (status IN ('培育中', '申报中', '已认定', '已撤销')),
    staff              INTEGER NOT NULL DEFAULT 0 CHECK (staff >= 0),
    investment         REAL NOT NULL DEFAULT 0 CHECK (investment >= 0), -- 万元
    evaluation         TEXT NOT NULL DEFAULT '',
    note               TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
);
CREATE INDEX platforms_name ON platforms(name) WHERE deleted_at IS NULL;
CREATE INDEX platforms_type ON platforms(type, level);

CREATE TABLE platform_status_history (
    id          TEXT PRIMARY KEY,
    platform_id TEXT NOT NULL REFERENCES platforms(id) ON DELETE CASCADE,
    status      TEXT NOT NULL,
    changed_on  TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    operator    TEXT NOT NULL DEFAULT ''
);

-- Rewards (奖补): policies as rules, and what was owed and paid.
CREATE TABLE reward_policies (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    document_id   TEXT REFERENCES documents(id),
    seq           INTEGER NOT NULL,
    title         TEXT NOT NULL,
    text          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);

CREATE TABLE reward_rules (
    id            TEXT PRIMARY KEY,
    policy_id     TEXT NOT NULL REFERENCES reward_policies(id) ON DELETE CASCADE,
    event         TEXT NOT NULL,
    level         TEXT NOT NULL DEFAULT '',
    amount_wan    REAL,                      -- NULL for 一事一议
    case_by_case  INTEGER NOT NULL DEFAULT 0,
    is_maximum    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE reward_records (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    enterprise_id TEXT REFERENCES enterprises(id),
    rule_id       TEXT REFERENCES reward_rules(id),
    event_table   TEXT NOT NULL DEFAULT '',  -- the ledger row that triggered it
    event_id      TEXT NOT NULL DEFAULT '',
    project_key   TEXT NOT NULL DEFAULT '',  -- same enterprise + project: highest only
    year          INTEGER NOT NULL,
    amount_due    REAL NOT NULL DEFAULT 0 CHECK (amount_due >= 0),
    amount_paid   REAL NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
    paid_on       TEXT,
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX reward_records_enterprise ON reward_records(enterprise_id, year);

-- Submission packages exchanged between units.
CREATE TABLE package_log (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),  -- the sending unit
    direction     TEXT NOT NULL CHECK (direction IN ('export', 'import')),
    period        TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '{}',
    at            TEXT NOT NULL,
    operator      TEXT NOT NULL
);
