"""What the 目标完成情况 and 奖补测算 windows share: a non-modal window over the ledger,
a read-only table, a print button (PDF or Excel), dialogs that refresh it on success."""

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QMenu,
    QTableView,
    QToolButton,
    QWidget,
)

from ui.common.ledger_view import LedgerView
from ui.common.list_actions import office_list
from ui.talent.detail import run_dialog


class ToolWindow(LedgerView, QDialog):
    """Subclasses set ``shows`` and call ``self.watch_ledger(ledger)`` once built."""

    def __init__(self, ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowFlag(Qt.WindowType.Window)

    def refresh(self, *_args) -> None:
        raise NotImplementedError

    def table_view(self, model, name: str, widths: Sequence[int], *, multi: bool = False) -> QTableView:
        view = QTableView(objectName=name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                              else QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setDefaultSectionSize(24)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for i, width in enumerate(widths):
            view.setColumnWidth(i, width)
        self.list_actions = office_list(view, name)  # remembered widths, 复制 and 导出为 Excel…
        return view

    def make_print_button(self, form_title: str, print_form: Callable[[str], object]) -> QToolButton:
        button = QToolButton(objectName="print", text=self.tr("打印…"))
        button.setToolTip(self.tr("打印或导出{t}").format(t=form_title))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        menu.addAction(self.tr("PDF（打印盖章）…"), lambda: print_form("pdf"))
        menu.addAction(self.tr("Excel（可编辑）…"), lambda: print_form("xlsx"))
        button.setMenu(menu)
        return button

    def run_dialog(self, dialog: QDialog) -> bool:
        return run_dialog(self, dialog)


def open_single(window, attr: str, cls):
    """One tool window of ``cls`` per main window and ledger, following the ledger's changes."""
    win = getattr(window, attr, None)
    if win is None:  # the main window tears it down when it switches ledgers
        win = cls(window.ledger, window)
        setattr(window, attr, win)
    win.show()
    win.raise_()
    win.activateWindow()
    return win
