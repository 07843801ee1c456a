"""文件 → 最近打开的台账: the last eight ledgers opened, remembered in QSettings.

A file that is no longer there stays in the list, greyed out, so the clerk
sees it moved (a USB stick not plugged in) instead of it silently vanishing;
清除列表 empties the list.
"""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMenu

MAX_RECENT = 8
KEY = "ledger/recent"
translate = QCoreApplication.translate


def recent() -> list[str]:
    value = QSettings().value(KEY, []) or []
    if isinstance(value, str):  # QSettings hands back one entry as a plain string
        value = [value]
    return [str(v) for v in value][:MAX_RECENT]


def remember(path: Path | str) -> None:
    path = str(Path(path).resolve())
    items = [p for p in recent() if not _same(p, path)]
    QSettings().setValue(KEY, [path, *items][:MAX_RECENT])


def clear() -> None:
    QSettings().setValue(KEY, [])


def _same(a: str, b: str) -> bool:
    return Path(a).resolve().as_posix().lower() == Path(b).resolve().as_posix().lower()


def fill(window, menu: QMenu) -> None:
    """(Re)build the submenu; the open ledger is marked, missing files are disabled."""
    from ui import ledger_actions

    menu.clear()
    items = recent()
    current = str(window.ledger.path)
    for i, path in enumerate(items, 1):
        exists = Path(path).is_file()
        text = f"&{i} {Path(path).name}  —  {Path(path).parent}"
        if not exists:
            text += translate("recent_ledgers", "（文件不存在）")
        action = menu.addAction(text, lambda p=path: ledger_actions.open_path(window, p))
        action.setToolTip(path)
        action.setEnabled(exists and not _same(path, current))
        action.setData(path)
    if not items:
        menu.addAction(translate("recent_ledgers", "（无）")).setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction(translate("recent_ledgers", "清除列表"), clear)
