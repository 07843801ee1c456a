-- Superseded by 0005_name_chars.sql. This step once built the 1–2 character
-- search on spaced(), a function only our program registered, so a ledger at
-- this version could not be edited with ordinary SQLite tools. It now does
-- nothing; 0005 drops what it left in ledgers already at version 4 and builds
-- the plain-SQL index for everyone (the old text: tests/fixtures/make_ledger_v4.py).
SELECT 1;
