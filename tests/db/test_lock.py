"""One writer: a second open of a ledger is refused naming the first; a crash's lock is taken over."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db import lock
from desktop_app import cli
from desktop_app.errors import UserError
from desktop_app.services import maintenance
from desktop_app.services.ledger import open_ledger
from tests.conftest import file_state

ROOT = Path(__file__).resolve().parents[2]
HOLD = """
import os, sys, time
from db import lock
from desktop_app.services.ledger import open_ledger
lock.set_program("命令行 import-tasks")
ledger = open_ledger(sys.argv[1], "王会计")
print("ready", os.getpid(), flush=True)  # (a Windows venv's python.exe is a launcher: its pid is not ours)
time.sleep(60)
"""


@pytest.fixture
def holder(demo_ledger):
    """Another process that holds the demo ledger open for writing."""
    path = demo_ledger.path
    demo_ledger.close()
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        word, _, pid = child.stdout.readline().strip().partition(" ")
        assert word == "ready", child.stderr.read()
        child.holder_pid = int(pid)
        yield path, child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(10)


def test_a_second_process_is_refused_naming_the_holder(holder):
    path, child = holder
    before = file_state(path)
    with pytest.raises(lock.LedgerBusy) as caught:
        open_ledger(path)
    msg = str(caught.value)
    assert "王会计" in msg and "命令行 import-tasks" in msg and f"进程 {child.holder_pid}" in msg and "起" in msg
    assert str(path) in msg and "不能同时修改" in msg
    assert lock.holder_now(path)["pid"] == child.holder_pid
    assert file_state(path) == before


def test_readers_still_work_while_another_process_writes(holder, tmp_path, capsys):
    path, _ = holder
    out = tmp_path / "清单.xlsx"
    assert cli.run(["--db", str(path), "report", "task-list", "--format", "xlsx", "--out", str(out)]) == 0
    assert out.stat().st_size > 0
    assert cli.run(["--db", str(path), "check"]) == 0
    assert "台账完好" in capsys.readouterr().out
    before = file_state(path)
    assert cli.run(["--db", str(path), "demo"]) == 2  # a writer is refused, in one line naming the holder
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "王会计" in err and "不能同时修改" in err
    assert file_state(path) == before


def test_restore_is_refused_while_another_process_has_the_ledger(holder, tmp_path):
    path, _ = holder
    bak = maintenance.backup(path, tmp_path / "b.sqlite3")
    before = file_state(path)
    with pytest.raises(UserError, match="不能恢复") as caught:
        maintenance.restore(path, bak)
    assert "王会计" in str(caught.value)
    assert file_state(path) == before
    assert not list(path.parent.glob("*before-restore*"))


def test_a_crashed_holders_lock_is_taken_over(holder):
    path, child = holder
    child.kill()  # SIGKILL / TerminateProcess: no clean-up runs
    child.wait(10)
    assert lock.lock_path(path).exists() and lock.read_holder(path)["pid"] == child.holder_pid  # left by the crash
    for _ in range(100):  # the OS lets go when the process is gone (on Windows, after the launcher's child)
        if lock.holder_now(path) is None:
            break
        time.sleep(0.1)
    assert lock.holder_now(path) is None  # but no OS lock: stale
    ledger = open_ledger(path)
    try:
        assert lock.read_holder(path)["pid"] == os.getpid()
        ledger.set_setting("taken-over", "1")
        assert ledger.setting("taken-over") == "1"
    finally:
        ledger.close()
    assert not lock.lock_path(path).exists()  # a clean close leaves nothing behind


def test_a_second_window_in_the_same_process_is_refused_but_reopen_is_not(demo_ledger):
    with pytest.raises(lock.LedgerBusy, match="不能同时修改"):
        open_ledger(demo_ledger.path)
    copy = demo_ledger.reopen()  # the window's own background thread
    copy.set_setting("lock-test", "1")
    copy.close()
    assert lock.holder_now(demo_ledger.path)["pid"] == os.getpid()  # the copy did not let go of it
    with pytest.raises(lock.LedgerBusy):
        open_ledger(demo_ledger.path)
    reader = open_ledger(demo_ledger.path, write=False)
    assert reader.setting("lock-test") == "1"
    reader.close()
    demo_ledger.close()
    again = open_ledger(demo_ledger.path)
    again.close()


def test_the_windows_own_restore_goes_ahead_after_closing(demo_ledger, tmp_path):
    bak = maintenance.backup(demo_ledger.path, tmp_path / "b.sqlite3")
    with pytest.raises(UserError, match="不能恢复"):
        maintenance.restore(demo_ledger.path, bak)
    demo_ledger.close()
    assert maintenance.restore(demo_ledger.path, bak) is not None


def test_nothing_opens_the_ledger_while_a_restore_works(demo_ledger, tmp_path, monkeypatch):
    path = demo_ledger.path
    bak = maintenance.backup(path, tmp_path / "b.sqlite3")
    demo_ledger.close()
    seen = []

    def copy_then_try_to_open(source, target, meter=None):
        with pytest.raises(lock.LedgerBusy, match="不能同时修改"):
            open_ledger(path)
        seen.append(lock.holder_now(path)["pid"])
        real_copy(source, target, meter)

    real_copy = maintenance._copy_database
    monkeypatch.setattr(maintenance, "_copy_database", copy_then_try_to_open)
    maintenance.restore(path, bak)
    assert seen and seen[0] == os.getpid()
    open_ledger(path).close()  # and afterwards it opens
