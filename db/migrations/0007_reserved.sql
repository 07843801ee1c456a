-- Placeholder on the review branch only: 0007 belongs to another branch (the lead's).
-- The migration runner needs 1..N without gaps, so this empty step lets 0008 apply here;
-- on merge the real 0007 replaces this file (delete this one).
SELECT 1;
