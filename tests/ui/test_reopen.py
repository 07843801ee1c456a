"""Restoring or reopening a ledger in the window leaves nothing of the old ledger running."""

import logging

import pytest
import shiboken6
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.errors import UserError
from desktop_app.services import maintenance, platforms
from desktop_app.services.ledger import open_ledger
from ui import ledger_actions


def _visit_everything(window):
    for key in ("tasks", "enterprises", "talent", "platforms"):
        window.tabs.setCurrentWidget(window.tab_widgets[key])
    window.tab_widgets["enterprises"].view.selectRow(0)
    return [window.open_targets(), window.open_rewards()]


def answer_boxes(monkeypatch, replies):
    """Answer QMessageBox.question from ``replies`` in turn (then 是); remember every box's text."""
    seen: list[str] = []

    def question(parent, title, text, *a, **k):
        seen.append(text)
        return replies.pop(0) if replies else QMessageBox.StandardButton.Yes

    def say(parent, title, text, *a, **k):
        seen.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", say)
    monkeypatch.setattr(QMessageBox, "warning", say)
    return seen


def wait_task(qtbot, window, timeout=20000):
    """Until the window's file task (and any it started) has finished and the ledger is back."""
    qtbot.waitUntil(lambda: not window.file_task.thread.isRunning() and (
        window.file_task.result is not None or window.file_task.error is not None) and not window._closed,
        timeout=timeout)


def test_restore_in_the_window_raises_nothing_and_shows_the_backup(demo_window, qtbot, tmp_path, monkeypatch, caplog):
    window = demo_window
    tools = _visit_everything(window)
    old = window.ledger
    backup = maintenance.backup(old.path, tmp_path / "备份.sqlite3")
    pid = old.conn.execute("SELECT id FROM platforms WHERE deleted_at IS NULL LIMIT 1").fetchone()[0]
    platforms.delete(old, pid)  # made after the backup: the restore brings it back
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    seen = answer_boxes(monkeypatch, [])
    with caplog.at_level(logging.ERROR):
        ledger_actions.restore(window)
        wait_task(qtbot, window)
    assert len(seen) == 2 and "已恢复" in seen[1]
    assert window.ledger is not old and all(not shiboken6.isValid(t) or not t.isVisible() for t in tools)  # tool windows of the old ledger closed
    tab = window.tab_widgets["platforms"]
    window.tabs.setCurrentWidget(tab)
    ids = {tab.model.record_id(r) for r in range(tab.model.rowCount())}
    assert pid in ids  # the tab shows the restored ledger
    # a write to the restored ledger refreshes the new tabs and nothing of the old ones
    platforms.delete(window.ledger, pid)
    assert pid not in {tab.model.record_id(r) for r in range(tab.model.rowCount())}
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_reopen_the_same_file_twice_and_write(demo_window, qtbot):
    window = demo_window
    _visit_everything(window)
    path, operator = window.ledger.path, window.ledger.operator
    with pytest.raises(UserError, match="不能同时修改"):  # the same file twice at once: refused
        open_ledger(path, operator)
    for _ in range(2):
        window.close_ledger()
        window.set_ledger(open_ledger(path, operator))
        _visit_everything(window)
    tab = window.tab_widgets["platforms"]
    window.tabs.setCurrentWidget(tab)
    n = tab.model.rowCount()
    pid = tab.model.record_id(0)
    platforms.delete(window.ledger, pid)
    assert tab.model.rowCount() == n - 1


def test_restoring_another_units_backup_asks_in_words_not_flags(demo_window, qtbot, tmp_path, monkeypatch):
    from desktop_app.services.ledger import create_ledger

    window = demo_window
    other = create_ledger(tmp_path / "other.sqlite3", unit_name="绛县", level="county", operator="x")
    other.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other.path), ""))
    # 是 to "replace?", 否 to "another unit's backup?"
    seen = answer_boxes(monkeypatch, [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
    ledger_actions.restore(window)
    wait_task(qtbot, window)
    assert len(seen) == 2 and "备份属于“绛县”" in seen[1] and "--" not in seen[1]
    assert "沁水县" in window.windowTitle()  # the own ledger is back, unchanged


def test_cli_names_its_own_way_out(demo_ledger, tmp_path, capsys):
    from desktop_app import cli
    from desktop_app.services.ledger import create_ledger

    other = create_ledger(tmp_path / "other.sqlite3", unit_name="绛县", level="county", operator="x")
    other.close()
    demo_ledger.close()
    assert cli.run(["--db", str(demo_ledger.path), "restore", str(other.path)]) == 2
    err = capsys.readouterr().err
    assert "备份属于“绛县”" in err and "--force" in err
