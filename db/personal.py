"""Personal data in the audit log: 身份证号 and phones are kept masked, with a keyed hash.

The audit log says that a talent's ID number or a contact's phone changed
without holding the value: each one is stored as its display mask plus the
first 12 hex characters of HMAC-SHA256 under a random per-ledger key (settings
``audit_mask_key``), e.g. ``140521********123X#1f2e3d4c5b6a``. Whoever has the
full value at hand can trace it with :func:`fingerprint`.

The key must never leave the ledger: exchange packages (not built yet) must not
export the ``audit_mask_key`` settings row — with it, every possible ID number
could be hashed and matched.
"""

import hashlib
import hmac
import json
import re
import secrets
import sqlite3
from collections.abc import Mapping
from typing import Any

from desktop_app.domain.codes import mask_id_number, mask_phone, normalize_id_number

KEY_SETTING = "audit_mask_key"  # never exported (see above)
HASH_CHARS = 12
_MASKED = re.compile(rf".*#[0-9a-f]{{{HASH_CHARS}}}", re.S)


def is_personal(column: str) -> bool:
    return column == "id_number" or "phone" in column.lower()


def key(conn: sqlite3.Connection) -> str:
    """The ledger's hash key; made (inside the caller's write transaction) when missing."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (KEY_SETTING,)).fetchone()
    if row and row[0]:
        return row[0]
    new = secrets.token_hex(32)
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (KEY_SETTING, new))
    return new


def _plain(column: str, value: str) -> str:
    return normalize_id_number(value) if column == "id_number" else value.strip()


def fingerprint(secret: str, column: str, value: str) -> str:
    """The short keyed hash of one full value (what follows ``#`` in the log)."""
    digest = hmac.new(secret.encode(), _plain(column, value).encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:HASH_CHARS]


def mask(secret: str, column: str, value: Any) -> Any:
    if not isinstance(value, str) or not value.strip() or _MASKED.fullmatch(value):
        return value
    shown = mask_id_number(value) if column == "id_number" else mask_phone(value)
    return f"{shown}#{fingerprint(secret, column, value)}"


def needs_mask(values: Mapping | None) -> bool:
    return bool(values) and any(is_personal(k) and isinstance(v, str) and v.strip() and not _MASKED.fullmatch(v)
                                for k, v in values.items())


def masked(secret: str, values: Mapping) -> dict:
    return {k: mask(secret, k, v) if is_personal(k) else v for k, v in values.items()}


def mask_audit_log(conn: sqlite3.Connection) -> int:
    """Mask the personal values audit rows already hold (migration 0006); returns rows changed."""
    secret = key(conn)
    changed = 0
    rows = conn.execute("SELECT seq, old_values, new_values FROM audit_log "
                        "WHERE old_values LIKE '%phone%' OR old_values LIKE '%id_number%' "
                        "OR new_values LIKE '%phone%' OR new_values LIKE '%id_number%'").fetchall()
    for seq, *texts in rows:
        out = []
        for text in texts:
            try:
                values = json.loads(text) if text else None
            except ValueError:
                values = None
            if isinstance(values, dict) and needs_mask(values):
                text = json.dumps(masked(secret, values), ensure_ascii=False)
            out.append(text)
        if out != texts:
            conn.execute("UPDATE audit_log SET old_values = ?, new_values = ? WHERE seq = ?", (*out, seq))
            changed += 1
    return changed
