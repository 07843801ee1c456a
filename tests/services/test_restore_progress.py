"""Restore, backup and check report progress, and 取消 at any point leaves the ledger as it was."""

import sqlite3

import pytest

from desktop_app.errors import Cancelled
from desktop_app.services import enterprises, maintenance
from tests.conftest import file_state
from tests.services.test_maintenance import count as live


def _stop_after(n, seen):
    def progress(done, total):
        seen.append((done, total))
        return len(seen) <= n
    return progress


def test_restore_reports_progress_to_the_end(demo_ledger, tmp_path):
    backup = maintenance.backup(demo_ledger.path, tmp_path / "b.sqlite3")
    demo_ledger.close()
    seen = []
    assert maintenance.restore(demo_ledger.path, backup, progress=_stop_after(10 ** 6, seen)).exists()
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and dones[-1] == seen[-1][1] == 1000 and len(set(dones)) >= 6


def test_cancel_at_every_step_of_a_restore_leaves_the_ledger_untouched(demo_ledger, tmp_path):
    backup = maintenance.backup(demo_ledger.path, tmp_path / "b.sqlite3")
    n = live(backup)
    enterprises.delete(demo_ledger, enterprises.choices(demo_ledger)[0][0])  # only in the ledger, not the backup
    demo_ledger.close()
    calls = []
    maintenance.restore(demo_ledger.path, maintenance.backup(demo_ledger.path, tmp_path / "same.sqlite3"),
                        progress=_stop_after(10 ** 6, calls))
    kept_before = set(tmp_path.glob("*.before-restore-*"))
    state = file_state(demo_ledger.path)
    for stop in range(len(calls) - 1):  # every moment 取消 can be heard (the last report is after the swap)
        with pytest.raises(Cancelled):
            maintenance.restore(demo_ledger.path, backup, progress=_stop_after(stop, []))
        assert file_state(demo_ledger.path) == state, stop  # byte for byte: not even its journal mode changed
        assert live(demo_ledger.path) == n - 1, stop
        assert not list(tmp_path.glob(".~*")), stop  # no temp copy left
        assert set(tmp_path.glob("*.before-restore-*")) == kept_before, stop  # no half kept copy
    maintenance.restore(demo_ledger.path, backup)
    assert live(demo_ledger.path) == n


def test_cancelled_backup_leaves_no_file(demo_ledger, tmp_path):
    with pytest.raises(Cancelled):
        maintenance.backup(demo_ledger.path, tmp_path / "b.sqlite3", progress=lambda d, t: False)
    assert not (tmp_path / "b.sqlite3").exists() and not list(tmp_path.glob(".~*"))


def test_check_can_be_cancelled_in_a_long_statement(demo_ledger, monkeypatch):
    seen = []
    result = maintenance.check(demo_ledger.path, progress=_stop_after(10 ** 6, seen))
    assert not result.problems and seen[-1] == (1000, 1000)
    # the third report comes from inside PRAGMA integrity_check (SQLite's progress handler): it stops there
    with pytest.raises(Cancelled) as stopped:
        maintenance.check(demo_ledger.path, progress=_stop_after(2, []))
    assert isinstance(stopped.value.__cause__, sqlite3.OperationalError)
    assert not maintenance.check(demo_ledger.path).problems
