"""A detail table under a list tab (a team's members, a posting's services, a platform's history),
and running a dialog that writes (the write itself refreshes the views that show it)."""

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)


class DetailPanel(QGroupBox):
    def __init__(self, tab, title: str, headers: Sequence[str], stretch: int, name: str):
        super().__init__(title)
        self.caption = QLabel()
        self.table = QTableWidget(0, len(headers), objectName=name)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.stretch = stretch
        self.table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.bar = QHBoxLayout()
        self.bar.addWidget(self.caption, 1)
        inner = QVBoxLayout(self)
        inner.addLayout(self.bar)
        inner.addWidget(self.table)
        layout = tab.layout()
        layout.removeWidget(tab.view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(tab.view)
        split.addWidget(self)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)

    def fill(self, rows: Sequence[Sequence[object]], ids: Sequence[str] | None = None) -> None:
        """Rows of display values; ``ids`` are kept on the first cell of each row."""
        self.table.setRowCount(0)
        for r, values in enumerate(rows):
            self.table.insertRow(r)
            for c, v in enumerate(values):
                item = QTableWidgetItem("" if v is None else str(v))
                if c == 0 and ids is not None:
                    item.setData(Qt.ItemDataRole.UserRole, ids[r])
                self.table.setItem(r, c, item)
        for c in range(self.table.columnCount()):
            if c != self.stretch:
                self.table.resizeColumnToContents(c)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None


class KeepsSelection:
    """For a ListTab with a DetailPanel: the detail follows the selected record, and a refresh
    (the ledger changed what the tab shows) redraws it."""

    def current_record_changed(self, record_id: str | None) -> None:
        if getattr(self, "detail", None) is not None:
            self.show_detail()

    def refresh(self) -> None:
        super().refresh()
        if getattr(self, "detail", None) is not None:
            self.show_detail()


def run_dialog(owner, dialog: QDialog) -> bool:
    """``owner`` (a tab or tool window) keeps the dialog for tests; its write refreshes the views."""
    owner._last_dialog = dialog
    return dialog.exec() == QDialog.DialogCode.Accepted
