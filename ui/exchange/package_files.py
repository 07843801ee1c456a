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


def ask_open(window, title: str, kinds: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(window, title, str(folder()), kinds)
    if path:
        remember(path)
    return path or None


def on_ledger(window, label: str, fn: Callable) -> BackgroundTask:
    """``fn(ledger)`` in the background, on a connection of its own (SQLite connections stay in their thread)."""
    def work(_progress):
        ledger = window.ledger.reopen()
        try:
            return fn(ledger)
        finally:
            ledger.close()
    return BackgroundTask(window, label, work)
