-- 上报 (issue 11): the base keeps the values it hashes, so a review shows base, theirs and
-- ours side by side (EXCHANGE.md). JSON of the record's values (children included), as
-- hashed by desktop_app/services/exchange/records.py; NULL for a base kept before this.
ALTER TABLE exchange_base ADD COLUMN row_values TEXT;
-- At a city, the hash of the row as the county sent it, before its ids were read as the
-- city's (upward.read_as_ours); NULL where the two are the same. The 回执 the city sends
-- back names these, so the county's next package starts from what the city really has.
ALTER TABLE exchange_base ADD COLUMN sent_hash TEXT;
