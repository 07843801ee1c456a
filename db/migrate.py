"""Numbered, forward-only schema migrations.

``migrations/NNNN_name.sql`` brings the schema to version NNNN. Before an
existing ledger is migrated, a consistent copy is put beside it
(``<ledger>.v<old>.bak``); each step runs in one transaction together with
the ``user_version`` bump, so a failed step leaves the ledger at the last
good version. A version may also have a Python step (``python_steps``), run
after its SQL in the same transaction, for what SQL alone cannot do.
"""

import re
import sqlite3
from collections.abc import Callable
from functools import cache
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# first line of a migration that rebuilds a table (sqlite.org's twelve steps): foreign keys off meanwhile
REBUILDS_TABLES = "-- pragma: foreign_keys=off"


@cache
def migrations() -> tuple[tuple[int, str, str], ...]:
    found = []
    for file in sorted(MIGRATIONS_DIR.glob("*.sql")):
        m = re.match(r"(\d{4})_(\w+)\.sql$", file.name)
        if m:
            found.append((int(m.group(1)), m.group(2), file.read_text(encoding="utf-8")))
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..N without gaps: {numbers}")
    return tuple(found)


def python_steps() -> dict[int, Callable[[sqlite3.Connection], object]]:
    """Version → a function run after that version's SQL, inside its transaction."""
    from db import personal

    return {6: personal.mask_audit_log}


def latest_version() -> int:
    return len(migrations())


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.v{version}.bak")


def upgrade(conn: sqlite3.Connection, path: Path, *, backup: bool = True) -> list[int]:
    """Apply every pending migration; return the versions applied."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    pending = [(n, sql) for n, _, sql in migrations() if n > current]
    if not pending:
        return []
    if backup and current > 0:
        target = sqlite3.connect(backup_path(path, current))
        try:
            conn.backup(target)
        finally:
            target.close()
    applied = []
    steps = python_steps()
    for number, sql in pending:
        rebuilds = sql.startswith(REBUILDS_TABLES)
        if rebuilds:  # a table rebuilt: foreign keys off around the transaction, checked before commit
            conn.execute("PRAGMA foreign_keys = OFF")
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\n")
            if number in steps:
                steps[number](conn)
            if rebuilds and conn.execute("PRAGMA foreign_key_check").fetchone():
                raise sqlite3.IntegrityError(f"migration {number} breaks a foreign key")
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            if rebuilds:
                conn.execute("PRAGMA foreign_keys = ON")
        applied.append(number)
    return applied
