-- 上报 (issue 11): the base keeps the values it hashes, so a review shows base, theirs and
-- ours side by side (EXCHANGE.md). JSON of the record's values (children included), as
-- hashed by desktop_app/services/exchange/records.py; NULL for a base kept before this.
ALTER TABLE exchange_base ADD COLUMN row_values TEXT;
