"""回收站: deleted enterprises, talent, platforms, tasks and returns, with 恢复.

The list refreshes through the ledger's change events (a delete anywhere, a
restore here); no manual refresh.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.errors import UserError
from desktop_app.services import recycle_bin
from desktop_app.services.ledger import Ledger
from ui.common.ledger_view import LedgerView
from ui.common.window_size import size_window


class RecycleBinDialog(LedgerView, QDialog):
    shows = frozenset(recycle_bin.TABLES)

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle(self.tr("回收站"))
        size_window(self, "recycle_bin", 860, 480)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("已删除的记录可在这里恢复；恢复企业时，随企业一同删除的调查表也会恢复。")))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("类型"), self.tr("名称"), self.tr("删除时间"), self.tr("删除人")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for col in (0, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the name takes the room
        self.table.setWordWrap(False)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("恢复"))
        self.restore_button.clicked.connect(self.restore_current)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.items: list[recycle_bin.Item] = []
        self.refresh()
        self.watch_ledger(ledger)

    def refresh(self) -> None:
        self.items = recycle_bin.items(self.ledger)
        self.table.setRowCount(len(self.items))
        for r, it in enumerate(self.items):
            for c, text in enumerate((it.kind, it.name, it.deleted_at[:19].replace("T", " "), it.deleted_by)):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, it.id)
                self.table.setItem(r, c, cell)
        self.restore_button.setEnabled(bool(self.items))
        if self.items and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def restore_current(self) -> None:
        r = self.table.currentRow()
        if not 0 <= r < len(self.items):
            return
        it = self.items[r]
        try:
            recycle_bin.restore(self.ledger, it.table, it.id)  # the list refreshes on the ledger's change
        except UserError as exc:
            QMessageBox.warning(self, self.tr("不能恢复"), str(exc))

    def done(self, result: int) -> None:
        self.teardown()
        super().done(result)
