"""A short list of child records (titles, pairings) with 添加 / 编辑 / 删除 through a RecordDialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import UserError
from ui.common.record_dialog import FieldDef, RecordDialog

Row = tuple[str, Sequence[str], str | None]  # (record id, cells, colour of the row or None)


class RecordSection(QWidget):
    """Refreshed by its page when the ledger changes (a save or delete here is such a change)."""

    def __init__(self, noun: str, headers: Sequence[str], *, rows: Callable[[], list[Row]],
                 fields: Callable[[], list[FieldDef]], load: Callable[[str], dict[str, Any]],
                 save: Callable[[dict[str, Any], str | None], str], delete: Callable[[str], None],
                 defaults: Callable[[], dict[str, Any]] | None = None, parent=None):
        super().__init__(parent)
        self.noun, self._rows, self._fields = noun, rows, fields
        self._load, self._save, self._delete, self._defaults = load, save, delete, defaults
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _: self.edit_current())
        self.add_button = QPushButton(self.tr("添加"))
        self.edit_button = QPushButton(self.tr("编辑"))
        self.delete_button = QPushButton(self.tr("删除"))
        bar = QHBoxLayout()
        for b, slot in ((self.add_button, self.add), (self.edit_button, self.edit_current),
                        (self.delete_button, self.delete_current)):
            b.clicked.connect(slot)
            bar.addWidget(b)
        bar.addStretch(1)
        self.bar = bar
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.table, 1)
        v.addLayout(bar)
        self.ids: list[str] = []

    def refresh(self) -> None:
        rows = self._rows()
        self.ids = [r[0] for r in rows]
        self.table.setRowCount(len(rows))
        for r, (_, cells, colour) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if colour:
                    item.setForeground(QColor(colour))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def current_id(self) -> str | None:
        r = self.table.currentRow()
        return self.ids[r] if 0 <= r < len(self.ids) else None

    def _dialog(self, record_id: str | None) -> str | None:
        values = self._load(record_id) if record_id else (self._defaults() if self._defaults else None)
        title = (self.tr("编辑{n}") if record_id else self.tr("添加{n}")).format(n=self.noun)
        dialog = RecordDialog(title, self._fields(), lambda v: self._save(v, record_id), values, self)
        self._last_dialog = dialog
        if dialog.exec() != RecordDialog.DialogCode.Accepted:
            return None
        return dialog.result_value

    def add(self) -> str | None:
        return self._dialog(None)

    def edit_current(self) -> str | None:
        rid = self.current_id()
        return self._dialog(rid) if rid else None

    def delete_current(self) -> None:
        rid = self.current_id()
        if rid is None:
            return
        answer = QMessageBox.question(self, self.tr("删除{n}").format(n=self.noun),
                                      self.tr("确定删除所选{n}吗？").format(n=self.noun))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._delete(rid)
        except UserError as exc:
            QMessageBox.warning(self, self.noun, str(exc))
            return


def align_right(table: QTableWidget, columns: Sequence[int]) -> None:
    for r in range(table.rowCount()):
        for c in columns:
            item = table.item(r, c)
            if item:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
