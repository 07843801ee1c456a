"""One record side by side: each field that differs, with the base (what was last accepted from the
other unit), theirs and ours; the side that changed since the base is marked."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from desktop_app.services.exchange import conflicts
from desktop_app.services.exchange.base import FieldDiff

CHANGED = QColor("#fff2a8")   # a pale yellow: readable under black text, prints grey


class FieldDiffTable(QTableWidget):
    """字段 | 上次接收的 | 对方的 | 本地的 [| 采用对方]."""

    def __init__(self, ledger, *, pick: bool = False, parent: QWidget | None = None):
        super().__init__(0, 5 if pick else 4, parent)
        self.ledger, self.pick = ledger, pick
        self.setObjectName("fields")
        labels = [self.tr("字段"), self.tr("上次接收的"), self.tr("对方的"), self.tr("本地的")]
        self.setHorizontalHeaderLabels(labels + ([self.tr("采用对方")] if pick else []))
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        head = self.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(not pick)
        for column, width in enumerate((250, 200, 200, 200)):
            self.setColumnWidth(column, width)
        if pick:
            head.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

    def show_fields(self, diffs: list[FieldDiff]) -> None:
        self.setRowCount(len(diffs))
        for r, d in enumerate(diffs):
            label = QTableWidgetItem(conflicts.describe(d))
            self.setItem(r, 0, label)
            cells = ((d.base, False), (d.theirs, d.theirs_changed), (d.ours, d.ours_changed))
            for c, (value, changed) in enumerate(cells, start=1):
                item = QTableWidgetItem(conflicts.shown(self.ledger, d, value))
                if changed:
                    item.setBackground(CHANGED)
                    item.setToolTip(self.tr("与上次接收的不同"))
                self.setItem(r, c, item)
            if self.pick:
                tick = QTableWidgetItem()
                tick.setData(Qt.ItemDataRole.UserRole, d.name)
                if d.pickable:  # a field is chosen one by one; a child row only one side has goes with 采用对方
                    tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                    tick.setCheckState(Qt.CheckState.Unchecked)
                else:
                    tick.setFlags(Qt.ItemFlag.NoItemFlags)
                self.setItem(r, 4, tick)
        self.resizeRowsToContents()

    def taken(self) -> set[str]:
        """The fields ticked 采用对方."""
        out = set()
        for r in range(self.rowCount()):
            item = self.item(r, 4) if self.pick else None
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.add(item.data(Qt.ItemDataRole.UserRole))
        return out
