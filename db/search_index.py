"""The search indexes of a ledger: are they in step with their tables, and rebuilding them.

Triggers keep them up to date (0002 trigram FTS, 0005 name characters), but a
ledger edited by hand can still leave them behind: a trigger dropped, rows of
an index deleted, rowids changed. ``check`` finds that and rebuilds.
"""

import sqlite3
from dataclasses import dataclass

FTS_TABLES = ("enterprises_fts", "talent_fts", "platforms_fts")  # external content, 0002
NAME_CHARS = "enterprise_name_chars"  # 0005
NAME_CHARS_VERSION = 5

# every (chars, enterprise_rowid) row the 0005 triggers make, for every enterprise
_EXPECTED = """
WITH RECURSIVE p(rid, name, i) AS (
    SELECT rowid, lower(name), 1 FROM enterprises WHERE name <> ''
    UNION ALL SELECT rid, name, i + 1 FROM p WHERE i < length(name))
"""
_MISSING = _EXPECTED + f"""
SELECT count(*) FROM p WHERE NOT EXISTS (
    SELECT 1 FROM {NAME_CHARS} x WHERE x.chars = substr(p.name, p.i, 2) AND x.enterprise_rowid = p.rid)
"""
# a row is right when its enterprise exists and its chars are two characters of
# the name, or the name's last character
_EXTRA = f"""
SELECT count(*) FROM {NAME_CHARS} x LEFT JOIN enterprises e ON e.rowid = x.enterprise_rowid
WHERE e.rowid IS NULL OR CASE length(x.chars)
    WHEN 2 THEN instr(lower(e.name), x.chars) = 0
    WHEN 1 THEN substr(lower(e.name), -1) <> x.chars
    ELSE 1 END
"""
_FILL = f"INSERT INTO {NAME_CHARS} (chars, enterprise_rowid)" + _EXPECTED + "SELECT DISTINCT substr(name, i, 2), rid FROM p"


@dataclass(frozen=True)
class Stale:
    index: str
    missing: int | None = None   # rows the index lacks (None: FTS5 does not say)
    extra: int | None = None     # rows the index has that no name gives


def _not_about_the_index(exc: sqlite3.DatabaseError) -> bool:
    """Busy, read-only, full: the index may be fine; let the caller say what is in the way."""
    from db import diagnose

    return diagnose.is_environmental(exc)


def stale(conn: sqlite3.Connection, version: int) -> list[Stale]:
    """The indexes of a ledger at schema ``version`` that do not match their tables.

    FTS5's 'integrity-check' writes nothing but needs a read-write connection.
    """
    out: list[Stale] = []
    if version >= 2:
        for fts in FTS_TABLES:
            try:
                conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as exc:
                if _not_about_the_index(exc):
                    raise
                out.append(Stale(fts))
    if version >= NAME_CHARS_VERSION:
        try:
            missing = conn.execute(_MISSING).fetchone()[0]
            extra = conn.execute(_EXTRA).fetchone()[0]
        except sqlite3.DatabaseError as exc:  # the table itself is gone or damaged
            if _not_about_the_index(exc):
                raise
            out.append(Stale(NAME_CHARS))
        else:
            if missing or extra:
                out.append(Stale(NAME_CHARS, missing, extra))
    return out


def rebuild(conn: sqlite3.Connection, index: str) -> None:
    """Fill ``index`` again from its table (inside the caller's transaction)."""
    if index == NAME_CHARS:
        conn.execute(f"DELETE FROM {NAME_CHARS}")
        conn.execute(_FILL)
    elif index in FTS_TABLES:
        conn.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
    else:
        raise ValueError(index)
