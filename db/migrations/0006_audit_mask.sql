-- 身份证号 and phones in the audit log are kept masked with a keyed hash (db/personal.py).
-- The key is per ledger and must never be exported (packages leave this settings row out).
-- The rows already logged are masked by the Python step of this version (db/migrate.py).
INSERT OR IGNORE INTO settings (key, value) VALUES ('audit_mask_key', lower(hex(randomblob(32))));
