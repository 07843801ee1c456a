"""The 报表 menu: one entry per official form (filled in as forms land)."""

from PySide6.QtWidgets import QMenu


def populate(window, menu: QMenu) -> None:
    action = menu.addAction(window.tr("（报表将在表单引擎完成后提供）"))
    action.setEnabled(False)
