-- 审核 (issue 12): the written explanation of a 核实 finding, saved with the return.
-- One live explanation per unit, rule and record for a period. Rows travel upward in the
-- submission package (EXCHANGE.md): a stable UUID id, the owning unit, updated_at,
-- deleted_at (soft delete travels) and row_version, incremented by every local write
-- (db/records.py Writer).
CREATE TABLE review_explanations (
    id           TEXT PRIMARY KEY,
    unit_id      TEXT NOT NULL REFERENCES units(id),
    rule         TEXT NOT NULL,             -- rule code of desktop_app/domain/review_rules.py
    record_table TEXT NOT NULL,             -- the record the finding points to
    record_id    TEXT NOT NULL,
    period       TEXT NOT NULL,             -- YYYY-MM
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    row_version  INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX review_explanations_key
    ON review_explanations(unit_id, rule, record_table, record_id, period) WHERE deleted_at IS NULL;
CREATE INDEX review_explanations_period ON review_explanations(period);
