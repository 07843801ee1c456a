"""Package files in the window: the folder they are saved to and opened from (remembered), and the work on
them, done off the GUI thread on the window's ledger reopened there."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from ui.common.background import BackgroundTask

FOLDER_KEY = "exchange/folder"


def folder() -> Path:
    return Path(str(QSettings().value(FOLDER_KEY, "") or Path.home()))


def remember(path: str) -> None:
    QSettings().setValue(FOLDER_KEY, str(Path(path).parent))


def ask_save(window, title: str, file_name: str, kinds: str) -> str | None:
    out, _ = QFileDialog.getSaveFileName(window, title, str(folder() / file_name), kinds)
    if out:
        remember(out)
    return out or None


def ask_open(window, title: str, kinds: str) -> list[str]:
    """One package or several (the month's packages off a USB stick)."""
    paths, _ = QFileDialog.getOpenFileNames(window, title, str(folder()), kinds)
    if paths:
        remember(paths[0])
    return paths


def ledger_work(window, fn: Callable) -> Callable:
    """The work of a BackgroundTask: ``fn(ledger, progress)`` on the window's ledger reopened in the worker's
    thread (SQLite connections stay in theirs); ``progress(done, total)`` moves the dialog's bar."""
    def work(progress):
        ledger = window.ledger.reopen()
        try:
            return fn(ledger, progress)
        finally:
            ledger.close()
    return work


def on_ledger(window, label: str, fn: Callable) -> BackgroundTask:
    """``fn(ledger, progress)`` in the background, behind the window's progress dialog."""
    return BackgroundTask(window, label, ledger_work(window, fn))
