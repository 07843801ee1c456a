"""A small editable grid for the repeatable rows of a return (institutions, projects).

Keyboard flow as on paper: Enter (or Tab) commits a cell and opens the next
one, running on to the next row; Enter in the last cell adds a row. Ctrl+Enter
adds a row anywhere; Ctrl+Delete removes the current one. Ctrl+V pastes rows
copied from Excel (tab-separated text) from the current cell right and down,
adding rows as needed.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
)

from desktop_app import i18n

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class _EnterMovesOn(QStyledItemDelegate):
    def eventFilter(self, editor, event):  # noqa: N802 (Qt API)
        if (event.type() == QEvent.Type.KeyPress and event.matches(QKeySequence.StandardKey.Paste)
                and any(ch in QApplication.clipboard().text().rstrip("\r\n") for ch in "\t\n")):
            # cells from Excel, not one value: the open cell closes and the grid takes them
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.parent().paste(QApplication.clipboard().text())
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.parent().advance()
            return True
        return super().eventFilter(editor, event)


class RowTable(QTableWidget):
    def __init__(self, fields: tuple[tuple[str, str, str], ...], parent=None):
        super().__init__(0, len(fields), parent)
        self.fields = fields
        self.keys = [key for key, _, _ in fields]
        self.setHorizontalHeaderLabels([two_lines(i18n.tr(label)) for _, label, _ in fields])
        for c, (_, label, _) in enumerate(fields):
            self.horizontalHeaderItem(c).setToolTip(i18n.tr(label))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(60)
        for c, (key, _, kind) in enumerate(fields):  # names and approvals get the room, figures stay compact
            self.setColumnWidth(c, 190 if key == "name" else 140 if kind == "text" else 100)
        self.verticalHeader().setDefaultSectionSize(26)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setItemDelegate(_EnterMovesOn(self))
        self.setWordWrap(False)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.add_row, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Delete"), self, self.remove_current,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def keyPressEvent(self, event):  # noqa: N802 (Qt API)
        if event.matches(QKeySequence.StandardKey.Paste) and self.state() != self.State.EditingState:
            self.paste(QApplication.clipboard().text())
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self.advance()
            return
        super().keyPressEvent(event)

    def advance(self) -> None:
        """Next cell to the right, then the next row; past the last cell a new row."""
        r, c = self.currentRow(), self.currentColumn()
        if r < 0:
            r, c = 0, -1
        c += 1
        if c >= self.columnCount():
            r, c = r + 1, 0
        if r >= self.rowCount():
            self.add_row()
        self.setCurrentCell(r, c)
        self.editItem(self.item(r, c))

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        r = self.rowCount()
        self.insertRow(r)
        for c, (key, _, kind) in enumerate(self.fields):
            value = (values or {}).get(key)  # a new row is empty: left empty it is ignored (a named
            # institution with no count counts one, in the service)
            item = QTableWidgetItem("" if value is None else _show(value, kind))
            if kind != "text":
                item.setTextAlignment(RIGHT)
            self.setItem(r, c, item)
        if values is None:
            self.setCurrentCell(r, 0)
        return r

    def paste(self, text: str) -> int:
        """Cells copied from Excel into the grid from the current cell; returns the rows filled.
        Columns past the last are dropped; a value the grid's checks refuse is refused on saving."""
        # Excel quotes a cell holding a tab or line break; csv reads that back as one cell
        lines = [[cell.strip() for cell in row]
                 for row in csv.reader(io.StringIO(text.rstrip("\r\n"), newline=""), delimiter="\t")]
        if not any(any(row) for row in lines):
            return 0
        r0, c0 = max(self.currentRow(), 0), max(self.currentColumn(), 0)
        for i, cells in enumerate(lines):
            r = r0 + i
            while r >= self.rowCount():
                self.add_row({})
            for j, text_ in enumerate(cells[: self.columnCount() - c0]):
                item = self.item(r, c0 + j)
                if item is None:
                    item = QTableWidgetItem()
                    self.setItem(r, c0 + j, item)
                if self.fields[c0 + j][2] != "text":
                    text_ = text_.replace(",", "")  # Excel copies 1,234.50 as shown
                item.setText(text_)
        triggers = self.editTriggers()  # land on the last pasted row without opening a cell
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setCurrentCell(r0 + len(lines) - 1, c0)
        self.setEditTriggers(triggers)
        return len(lines)

    def remove_current(self) -> None:
        r = self.currentRow()
        if r >= 0:
            self.removeRow(r)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.setRowCount(0)
        for row in rows:
            self.add_row(row)

    def rows(self) -> list[dict[str, str]]:
        out = []
        for r in range(self.rowCount()):
            out.append({key: (self.item(r, c).text() if self.item(r, c) else "") for c, key in enumerate(self.keys)})
        return out

    def mark(self, row: int, key: str) -> None:
        """Point at a bad cell (the service named it)."""
        if 0 <= row < self.rowCount() and key in self.keys:
            c = self.keys.index(key)
            self.setCurrentCell(row, c)
            self.item(row, c).setBackground(Qt.GlobalColor.yellow)
            self.setFocus()

    def clear_marks(self) -> None:
        for r in range(self.rowCount()):
            for c in range(self.columnCount()):
                if self.item(r, c):
                    self.item(r, c).setData(Qt.ItemDataRole.BackgroundRole, None)


def two_lines(label: str) -> str:
    """A long printed caption on two header lines: 机构研究开发 / 费用（万元）."""
    if len(label) <= 7:
        return label
    head, paren, unit = label.partition("（")
    if paren and len(head) <= 9:
        return f"{head}\n（{unit}"
    cut = 6 if len(label) > 9 else len(label) // 2
    return f"{label[:cut]}\n{label[cut:]}"


def _show(value: Any, kind: str) -> str:
    if kind == "money" and isinstance(value, int | float):
        return f"{value:.2f}"
    return str(value)
