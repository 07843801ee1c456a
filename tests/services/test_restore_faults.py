"""Restore loses nothing: unique kept copies, the WAL kept until the swap, backups checked, temp copies cleaned."""

import json
import os
import shutil
import sqlite3
from datetime import datetime

import pytest

from desktop_app.errors import UserError
from desktop_app.services import enterprises, maintenance
from desktop_app.services.ledger import open_ledger
from tests.conftest import file_state
from tests.services.test_maintenance import count as live


def test_two_restores_in_the_same_second_keep_both_originals(demo_ledger, tmp_path, monkeypatch):
    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 3, 1, 9, 30, 0)

    monkeypatch.setattr(maintenance, "datetime", Frozen)
    backup = maintenance.backup(demo_ledger.path, tmp_path / "b.sqlite3")
    n = live(backup)
    enterprises.delete(demo_ledger, enterprises.choices(demo_ledger)[0][0])
    demo_ledger.close()
    first = maintenance.restore(demo_ledger.path, backup)
    second = maintenance.restore(demo_ledger.path, backup)
    assert first != second and first.exists() and second.exists()
    assert live(first) == n - 1  # the original, with its deletion, is still there
    assert live(second) == n


def _ledger_with_changes_in_its_wal(demo_ledger, folder):
    """A ledger whose last committed changes are only in its WAL (as after a crash or a kill)."""
    demo_ledger.conn.execute("PRAGMA wal_autocheckpoint = 0")
    ids = [eid for eid, _ in enterprises.choices(demo_ledger)][:3]
    for eid in ids:
        enterprises.delete(demo_ledger, eid)
    folder.mkdir()
    copy = folder / demo_ledger.path.name
    shutil.copy(demo_ledger.path, copy)
    shutil.copy(f"{demo_ledger.path}-wal", f"{copy}-wal")
    assert os.path.getsize(f"{copy}-wal") > 0
    return copy, ids


def test_failed_swap_leaves_the_ledger_with_every_committed_change(demo_ledger, tmp_path, monkeypatch):
    backup = maintenance.backup(demo_ledger.path, tmp_path / "b.sqlite3")
    path, deleted = _ledger_with_changes_in_its_wal(demo_ledger, tmp_path / "office")
    real_replace = os.replace

    def locked(src, dst, *a, **k):
        if os.fspath(dst) == os.fspath(path):
            raise PermissionError(13, "The process cannot access the file because it is being used")
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(UserError, match="原台账未改动"):
        maintenance.restore(path, backup)
    monkeypatch.setattr(os, "replace", real_replace)
    lg = open_ledger(path)
    try:
        gone = {eid for eid, _ in enterprises.choices(lg)}
        assert not gone & set(deleted)  # the deletions that were only in the WAL are still there
        assert maintenance.check(path).problems == []
    finally:
        lg.close()
    assert not list(path.parent.glob(".~*"))


def test_successful_restore_after_changes_in_the_wal_keeps_them_in_the_kept_copy(demo_ledger, tmp_path):
    backup = maintenance.backup(demo_ledger.path, tmp_path / "b.sqlite3")
    path, deleted = _ledger_with_changes_in_its_wal(demo_ledger, tmp_path / "office")
    kept = maintenance.restore(path, backup)
    assert live(kept) == live(backup) - len(deleted)
    assert live(path) == live(backup)
    assert maintenance.check(path).problems == []


def _spoil(path, *sql):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("sql, reason", [
    (("DELETE FROM settings WHERE key = 'unit_id'",), "未设置本单位"),
    (("UPDATE enterprises SET township_id = 'ghost' WHERE rowid = 1",), "引用了不存在的"),
    (("DELETE FROM enterprise_name_chars WHERE enterprise_rowid = 1",),
     "检索索引 enterprise_name_chars"),
])
def test_a_bad_backup_is_refused_and_nothing_changes(demo_ledger, tmp_path, sql, reason):
    backup = maintenance.backup(demo_ledger.path, tmp_path / "b.sqlite3")
    _spoil(backup, *sql)
    demo_ledger.close()
    before = file_state(demo_ledger.path)
    with pytest.raises(UserError, match="备份未通过检查") as info:
        maintenance.restore(demo_ledger.path, backup)
    assert reason in str(info.value)
    assert file_state(demo_ledger.path) == before
    assert not list(tmp_path.glob("demo.sqlite3.before-restore-*")) and not list(tmp_path.glob(".~*"))


def test_a_killed_restores_temp_copies_go_at_the_next_open(demo_ledger, tmp_path):
    demo_ledger.close()
    ours = tmp_path / ".~demo.sqlite3.restore-k1ll3d00.sqlite3"
    legacy = tmp_path / ".~ab12cd34.sqlite3"  # what atomic_output named it before
    for p in (ours, legacy):
        shutil.copy(demo_ledger.path, p)
    strangers = [tmp_path / ".~notes.txt", tmp_path / ".~zz99yy88.sqlite3"]  # not ours / not a ledger
    for p in strangers:
        p.write_bytes(b"someone else's")
    open_ledger(demo_ledger.path).close()
    assert not ours.exists() and not legacy.exists()
    assert all(p.exists() for p in strangers)


def test_a_kept_copy_name_claimed_by_a_killed_restore_goes_but_real_kept_copies_stay(demo_ledger, tmp_path):
    demo_ledger.close()
    claimed = tmp_path / "demo.sqlite3.before-restore-20261202-101500.bak"
    claimed.write_bytes(b"")  # killed after the name was claimed, before the copy was in
    real = maintenance.restore(demo_ledger.path, maintenance.backup(demo_ledger.path, tmp_path / "b.sqlite3"))
    other = tmp_path / "other.sqlite3.before-restore-20261202-101500.bak"  # another ledger's, empty
    other.write_bytes(b"")
    open_ledger(demo_ledger.path).close()
    assert not claimed.exists() and real.exists() and real.stat().st_size > 0 and other.exists()


def test_check_cleans_a_killed_restores_copy(demo_ledger, tmp_path):
    demo_ledger.close()
    ours = tmp_path / ".~demo.sqlite3.restore-xyz.sqlite3"
    ours.write_bytes(b"")  # killed right after the temp file was made
    assert maintenance.check(demo_ledger.path).problems == []
    assert not ours.exists()


def test_making_a_backup_is_in_the_audit_log(demo_ledger, tmp_path):
    out = maintenance.backup(demo_ledger.path, tmp_path / "b.sqlite3", operator="张三")
    row = demo_ledger.conn.execute(
        "SELECT operator, action, new_values FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    assert row["operator"] == "张三" and row["action"] == "bulk"
    assert json.loads(row["new_values"]) == {"backup_to": str(out.resolve())}


def test_restore_while_another_connection_holds_the_ledger_says_so_and_changes_nothing(demo_ledger, tmp_path):
    backup = maintenance.backup(demo_ledger.path, tmp_path / "b.sqlite3")
    enterprises.delete(demo_ledger, enterprises.choices(demo_ledger)[0][0])  # still open, its WAL in use
    with pytest.raises(UserError, match="打开，不能恢复") as info:  # the lock says who holds it
        maintenance.restore(demo_ledger.path, backup)
    assert "database is locked" not in str(info.value)
    assert live(demo_ledger.path) == live(backup) - 1
    assert not list(tmp_path.glob(".~*")) and not list(tmp_path.glob("demo.sqlite3.before-restore-*"))
