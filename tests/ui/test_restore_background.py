"""Restore, backup and check run off the GUI thread: the window keeps painting, 取消 leaves the ledger as it was."""

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QPushButton

from desktop_app.services import maintenance, platforms
from tests.ui.test_reopen import answer_boxes, wait_task
from ui import ledger_actions


def _live_platforms(ledger):
    return {r[0] for r in ledger.conn.execute("SELECT id FROM platforms WHERE deleted_at IS NULL")}


def _backup_then_delete(window, tmp_path, monkeypatch):
    backup = maintenance.backup(window.ledger.path, tmp_path / "备份.sqlite3")
    pid = sorted(_live_platforms(window.ledger))[0]
    platforms.delete(window.ledger, pid)  # after the backup: a restore brings it back
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    return pid


def _hold_the_check(monkeypatch, until):
    """The backup's full check waits (on the worker) until ``until()``; returns what it saw."""
    real, seen = maintenance.sound, {}

    def slow(conn, version, problems, meter=None):
        seen["thread"] = threading.current_thread()
        for _ in range(500):
            if until():
                break
            threading.Event().wait(0.01)
        seen["released"] = until()
        return real(conn, version, problems, meter)

    monkeypatch.setattr(maintenance, "sound", slow)
    return seen


def test_restore_runs_in_the_background_and_its_result_arrives(demo_window, qtbot, tmp_path, monkeypatch):
    window = demo_window
    pid = _backup_then_delete(window, tmp_path, monkeypatch)
    seen = answer_boxes(monkeypatch, [])
    ticks = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    held = _hold_the_check(monkeypatch, lambda: len(ticks) >= 20)  # the GUI thread must tick meanwhile
    task = ledger_actions.restore(window)
    assert task is window.file_task and task.thread.isRunning()  # restore() came back at once
    wait_task(qtbot, window)
    timer.stop()
    assert held["thread"] is not threading.main_thread() and held["released"]
    assert task.error is None and task.result.exists()  # the kept copy of the ledger as it was
    assert "已恢复" in seen[-1] and str(task.result) in seen[-1]
    assert pid in _live_platforms(window.ledger)  # the window shows the restored ledger
    platforms.delete(window.ledger, pid)  # and writes to it
    assert pid not in _live_platforms(window.ledger)


def test_cancel_during_the_check_leaves_the_ledger_untouched(demo_window, qtbot, tmp_path, monkeypatch):
    window = demo_window
    pid = _backup_then_delete(window, tmp_path, monkeypatch)
    before = _live_platforms(window.ledger)
    seen = answer_boxes(monkeypatch, [])
    box = []
    _hold_the_check(monkeypatch, lambda: bool(box) and box[0].worker.cancelled)
    task = ledger_actions.restore(window)
    box.append(task)
    qtbot.waitUntil(task.dialog.isVisible, timeout=5000)  # the progress dialog with its 取消
    assert task.dialog.labelText() == "恢复台账"
    button = task.dialog.findChild(QPushButton)
    assert button.text() == "取消"
    button.click()
    assert task.dialog.labelText() == "正在取消…"
    wait_task(qtbot, window)
    assert type(task.error).__name__ == "Cancelled"
    assert seen == ["用备份“{}”替换当前台账？当前台账会先另存一份，不会丢失。".format(tmp_path / "备份.sqlite3")]  # no error box
    assert _live_platforms(window.ledger) == before and pid not in before  # the ledger as it was, reopened
    assert not list(tmp_path.glob(".~*")) and not list(tmp_path.glob("*.before-restore-*"))


def test_a_backup_that_fails_its_check_says_why_and_the_ledger_comes_back(demo_window, qtbot, tmp_path, monkeypatch):
    window = demo_window
    _backup_then_delete(window, tmp_path, monkeypatch)
    before = _live_platforms(window.ledger)
    real = maintenance.sound
    monkeypatch.setattr(maintenance, "sound", lambda c, v, problems, m=None: problems.append("坏了") or real(c, v, [], m))
    seen = answer_boxes(monkeypatch, [])
    ledger_actions.restore(window)
    wait_task(qtbot, window)
    assert "备份未通过检查" in seen[-1] and "坏了" in seen[-1]
    assert _live_platforms(window.ledger) == before


def test_check_and_backup_run_in_the_background(demo_window, qtbot, tmp_path, monkeypatch):
    window = demo_window
    seen = answer_boxes(monkeypatch, [])
    task = ledger_actions.check(window)
    assert task.thread.isRunning() or task.result is not None
    wait_task(qtbot, window)
    assert seen == ["台账完好，未发现问题。"]
    out = tmp_path / "备份2.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    ledger_actions.backup(window)
    wait_task(qtbot, window)
    assert out.exists() and f"已备份到 {out}" in seen[-1]
