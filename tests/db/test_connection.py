"""Bad files at open/init: one clear message, nothing changed."""

import sqlite3

import pytest

from db import connection, migrate
from desktop_app.errors import UserError
from desktop_app.services.ledger import create_ledger, open_ledger
from tests.conftest import file_state


def test_new_ledger_settings(ledger):
    conn = ledger.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrate.latest_version()
    assert conn.execute("PRAGMA application_id").fetchone()[0] == connection.APPLICATION_ID


def test_text_file_is_not_a_ledger(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是台账", encoding="utf-8")
    before = file_state(path)
    with pytest.raises(UserError, match="不是台账文件"):
        open_ledger(path)
    assert file_state(path) == before


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (a)")
    conn.commit()
    conn.close()
    before = file_state(path)
    with pytest.raises(UserError, match="不是本程序的台账文件"):
        open_ledger(path)
    assert file_state(path) == before


def test_newer_schema_is_refused(ledger, tmp_path):
    ledger.conn.execute("PRAGMA user_version = 99")
    ledger.close()
    before = file_state(ledger.path)
    with pytest.raises(UserError, match="更新版本的程序"):
        open_ledger(ledger.path)
    assert file_state(ledger.path) == before


def test_corrupt_file_is_refused(ledger):
    ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.close()
    data = bytearray(ledger.path.read_bytes())
    for i in range(4096 * 2, min(len(data), 4096 * 6)):  # scribble over b-tree pages
        data[i] = 0x5A
    ledger.path.write_bytes(bytes(data))
    before = file_state(ledger.path)
    with pytest.raises(UserError, match="损坏"):
        open_ledger(ledger.path)
    assert file_state(ledger.path) == before


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="不存在"):
        open_ledger(tmp_path / "nope.sqlite3")


def test_init_does_not_overwrite(ledger):
    before = file_state(ledger.path)
    with pytest.raises(UserError, match="已存在"):
        create_ledger(ledger.path, unit_name="绛县", level="county", operator="x")
    assert file_state(ledger.path) == before


def test_init_into_missing_folder(tmp_path):
    with pytest.raises(UserError, match="文件夹不存在"):
        create_ledger(tmp_path / "no" / "l.sqlite3", unit_name="绛县", level="county", operator="x")


def test_init_in_unwritable_folder_leaves_nothing(tmp_path, monkeypatch):
    # Tests may run as root, which ignores folder permissions: make SQLite
    # fail the way it does on a read-only folder.
    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(connection, "_raw_connect", refuse)
    with pytest.raises(UserError, match="无法创建台账文件"):
        create_ledger(tmp_path / "l.sqlite3", unit_name="绛县", level="county", operator="x")
    assert list(tmp_path.iterdir()) == []


def test_disk_full_rolls_back_the_write(ledger):
    from desktop_app.services import enterprises

    count = ledger.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    pages = ledger.conn.execute("PRAGMA page_count").fetchone()[0]
    ledger.conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: SQLITE_FULL
    big = {"name": "山西易高煤层气有限公司", "uscc": "91350100M000100Y43", "note": "备注" * 900}
    with pytest.raises(UserError, match="磁盘空间不足"):
        for _ in range(50):
            enterprises.save(ledger, {**big, "uscc": _next_code()})
    ledger.conn.execute("PRAGMA max_page_count = 1073741823")
    # the failing write left no half row and no orphan audit row
    n_ent = ledger.conn.execute("SELECT COUNT(*) FROM enterprises").fetchone()[0]
    n_audit = ledger.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    assert n_audit - count == n_ent


_codes = iter(range(10**6))


def _next_code() -> str:
    from desktop_app.domain.codes import uscc_check_char

    body = f"91140521MA{next(_codes):07d}"
    return body + uscc_check_char(body)


def test_a_stale_rollback_journal_is_cleared_at_open(ledger):
    from pathlib import Path

    from db.connection import open_existing

    path = ledger.path
    ledger.conn.execute("INSERT INTO settings (key, value) VALUES ('probe', 'committed')")
    ledger.close()
    journal = Path(f"{path}-journal")
    journal.write_bytes(b"")  # what a restore killed an instant after creating it leaves
    conn = open_existing(path)
    try:
        assert not journal.exists()
        assert conn.execute("SELECT value FROM settings WHERE key = 'probe'").fetchone()[0] == "committed"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
