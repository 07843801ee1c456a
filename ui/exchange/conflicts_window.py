"""数据交换 → 冲突待处理: rows both sides changed; each waits for a person's choice."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import UserError
from desktop_app.services.exchange import conflicts
from ui.common.window_size import size_window
from ui.targets.row_model import RowColumn, RowTableModel
from ui.targets.tool_window import ToolWindow, open_single

CHANGED = Qt.GlobalColor.yellow


class ConflictsWindow(ToolWindow):
    shows = ("exchange_conflicts",)

    def __init__(self, ledger, parent: QWidget | None = None):
        super().__init__(ledger, parent)
        self.setWindowTitle(self.tr("冲突待处理 — {unit}").format(unit=ledger.unit.name))
        size_window(self, "conflicts", 980, 600)
        self.model = RowTableModel([
            RowColumn("peer", self.tr("对方单位"), lambda c: c.peer, "center"),
            RowColumn("record", self.tr("记录"), lambda c: c.label),
            RowColumn("fields", self.tr("不同之处"), lambda c: "、".join(conflicts.field_label(f) for f, _, _ in c.fields())),
            RowColumn("at", self.tr("导入时间"), lambda c: c.created_at[:16].replace("T", " "), "center"),
        ], self)
        self.view = self.table_view(self.model, "conflicts", (110, 260, 300))
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show(cur.row()))
        self.fields = QTableWidget(0, 4, objectName="fields")
        self.fields.setHorizontalHeaderLabels([self.tr("字段"), self.tr("对方的"), self.tr("本地的"), self.tr("采用对方")])
        self.fields.verticalHeader().hide()
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.setColumnWidth(0, 140)
        self.fields.setColumnWidth(1, 300)
        self.fields.setColumnWidth(2, 300)
        self.count = QLabel(objectName="count")
        self.buttons = {}
        bar = QHBoxLayout()
        bar.addWidget(self.count, 1)
        for keep, text in (("ours", self.tr("保留本地")), ("theirs", self.tr("采用对方")),
                           ("fields", self.tr("按勾选逐项合并"))):
            b = QPushButton(text, objectName=f"keep_{keep}")
            b.clicked.connect(lambda _=False, k=keep: self.resolve(k))
            bar.addWidget(b)
            self.buttons[keep] = b
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.fields)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("双方都改过的记录不会自动覆盖。请逐条查看不同之处，选择保留本地或采用对方的数据。")))
        layout.addWidget(split, 1)
        layout.addLayout(bar)
        self.refresh()
        self.watch_ledger(ledger)

    def refresh(self, *_args) -> None:
        pending = conflicts.pending(self.ledger)
        self.model.set_rows(pending)
        self.count.setText(self.tr("共 {n} 条待处理").format(n=len(pending)))
        for b in self.buttons.values():
            b.setEnabled(bool(pending))
        if pending:
            self.view.selectRow(0)
        self._show(0 if pending else -1)

    def _show(self, row: int) -> None:
        if row < 0 or row >= len(self.model.rows):
            self.fields.setRowCount(0)
            return
        diffs = self.model.row_at(row).fields()
        self.fields.setRowCount(len(diffs))
        plain = self.model.row_at(row).theirs.get("row") or {}
        for r, (name, theirs, ours) in enumerate(diffs):
            for c, value in enumerate((conflicts.field_label(name), theirs, ours)):
                item = QTableWidgetItem("" if value is None else str(value))
                if c:
                    item.setBackground(CHANGED)
                self.fields.setItem(r, c, item)
            pick = QTableWidgetItem()
            pick.setData(Qt.ItemDataRole.UserRole, name)
            if name in plain:  # a field: chosen one by one; child rows (机构, 项目) go with 采用对方 only
                pick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                pick.setCheckState(Qt.CheckState.Unchecked)
            else:
                pick.setFlags(Qt.ItemFlag.NoItemFlags)
            self.fields.setItem(r, 3, pick)

    def taken(self) -> set[str]:
        """The fields ticked 采用对方."""
        out = set()
        for r in range(self.fields.rowCount()):
            item = self.fields.item(r, 3)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.add(item.data(Qt.ItemDataRole.UserRole))
        return out

    def current(self):
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def resolve(self, keep: str) -> bool:
        c = self.current()
        if c is None:
            return False
        try:
            if keep == "fields":
                conflicts.resolve_fields(self.ledger, c.id, self.taken())
            else:
                conflicts.resolve(self.ledger, c.id, keep)
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return False
        return True


def open_conflicts(window) -> ConflictsWindow:
    return open_single(window, "_conflicts_window", ConflictsWindow)
