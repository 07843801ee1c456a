"""Backup, restore, check: consistent copies, nothing lost, clear refusals."""

import sqlite3

import pytest

from desktop_app.errors import UserError
from desktop_app.services import enterprises, maintenance
from desktop_app.services.ledger import create_ledger, open_ledger
from tests.conftest import file_state


def count(path, table="enterprises"):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT COUNT(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]
    finally:
        conn.close()


def test_backup_while_open_and_restore_keeps_current_aside(demo_ledger, tmp_path):
    backup = maintenance.backup(demo_ledger.path, tmp_path / "b.sqlite3")
    n = count(backup)
    enterprises.delete(demo_ledger, enterprises.choices(demo_ledger)[0][0])
    demo_ledger.close()
    assert count(demo_ledger.path) == n - 1
    kept = maintenance.restore(demo_ledger.path, backup)
    assert count(demo_ledger.path) == n
    assert kept.exists() and count(kept) == n - 1
    assert maintenance.check(demo_ledger.path).problems == []


def test_restore_refuses_bad_sources_and_changes_nothing(demo_ledger, tmp_path):
    demo_ledger.close()
    before = file_state(demo_ledger.path)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"PK\x03\x04 not a ledger")
    with pytest.raises(UserError, match="不是台账文件"):
        maintenance.restore(demo_ledger.path, junk)
    other = create_ledger(tmp_path / "other.sqlite3", unit_name="绛县", level="county", operator="x")
    other.close()
    with pytest.raises(UserError, match="备份属于“绛县”"):
        maintenance.restore(demo_ledger.path, other.path)
    assert file_state(demo_ledger.path) == before
    assert not list(tmp_path.glob("demo.sqlite3.before-restore-*"))


def test_backup_refuses_to_overwrite_the_ledger(demo_ledger):
    with pytest.raises(UserError, match="不能与台账文件相同"):
        maintenance.backup(demo_ledger.path, demo_ledger.path)


def test_backup_into_full_disk_leaves_no_file(demo_ledger, tmp_path, monkeypatch):
    import errno

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(maintenance, "_copy_database", full)
    out = tmp_path / "b.sqlite3"
    with pytest.raises(UserError, match="磁盘空间不足"):
        maintenance.backup(demo_ledger.path, out)
    assert not out.exists() and not list(tmp_path.glob(".~*"))


def test_check_reports_broken_references(demo_ledger):
    demo_ledger.conn.execute("PRAGMA foreign_keys = OFF")
    demo_ledger.conn.execute("UPDATE enterprises SET township_id = 'ghost' WHERE rowid = 1")
    demo_ledger.close()
    problems = maintenance.check(demo_ledger.path).problems
    assert any("enterprises" in p and "units" in p for p in problems)


def test_restore_older_backup_is_migrated(tmp_path):
    import shutil

    from db import migrate
    from tests.conftest import FIXTURES

    current = create_ledger(tmp_path / "cur.sqlite3", unit_name="沁水县", level="county", operator="x")
    current.close()
    old = tmp_path / "v1.sqlite3"
    shutil.copy(FIXTURES / "ledger_v1.sqlite3", old)
    maintenance.restore(current.path, old)
    lg = open_ledger(current.path)
    assert lg.conn.execute("PRAGMA user_version").fetchone()[0] == migrate.latest_version()
    assert len(enterprises.choices(lg)) == 2
    lg.close()
