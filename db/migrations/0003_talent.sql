-- Issue 6 (talent, platforms, targets, rewards). The brief named it 0005; issues
-- 4 and 5 added no migration, so it follows 0002 without a gap.

-- 奖补: what the clerk decides about one reward event.
-- description: the event as typed, for items the ledger cannot derive
--   (一事一议 projects, 科技成果转化 deals, R&D ranking).
-- approved_amount: 核定金额 in 万元, set by the clerk for 一事一议 and
--   "最高 N 万元" items, or below the standard (0 = 不予奖励) with a reason
--   in note; NULL = the policy's standard amount applies (or still pending).
-- holder: the rewarded unit when it is not a registered enterprise (an
--   institution hosting a platform, a university, a person's employer).
ALTER TABLE reward_records ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE reward_records ADD COLUMN holder TEXT NOT NULL DEFAULT '';
ALTER TABLE reward_records ADD COLUMN approved_amount REAL
    CHECK (approved_amount IS NULL OR approved_amount >= 0);
CREATE INDEX reward_records_event ON reward_records(event_table, event_id) WHERE deleted_at IS NULL;

-- A target whose value is due every year (targets.toml `annual`, "每年").
ALTER TABLE targets ADD COLUMN annual INTEGER NOT NULL DEFAULT 0;
UPDATE targets SET annual = 1 WHERE seed_key = '002-farmer-training';

CREATE INDEX team_members_talent ON team_members(talent_id);
CREATE INDEX commissioner_postings_talent ON commissioner_postings(talent_id) WHERE deleted_at IS NULL;
CREATE INDEX service_records_posting ON service_records(posting_id, served_on) WHERE deleted_at IS NULL;
CREATE INDEX platform_status_history_platform ON platform_status_history(platform_id, changed_on);
