"""数据交换 → 冲突待处理: rows both sides changed; each waits for a person's choice."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import UserError
from desktop_app.services.exchange import conflicts
from ui.common.window_size import size_window
from ui.exchange.field_diff import FieldDiffTable
from ui.targets.row_model import RowColumn, RowTableModel
from ui.targets.tool_window import ToolWindow, open_single


class ConflictsWindow(ToolWindow):
    shows = ("exchange_conflicts",)

    def __init__(self, ledger, parent: QWidget | None = None):
        super().__init__(ledger, parent)
        self.setWindowTitle(self.tr("冲突待处理 — {unit}").format(unit=ledger.unit.name))
        size_window(self, "conflicts", 980, 600)
        self.model = RowTableModel([
            RowColumn("peer", self.tr("对方单位"), lambda c: c.peer, "center"),
            RowColumn("record", self.tr("记录"), lambda c: c.label),
            RowColumn("fields", self.tr("不同之处"), lambda c: conflicts.summary(c.fields())),
            RowColumn("at", self.tr("导入时间"), lambda c: c.created_at[:16].replace("T", " "), "center"),
        ], self)
        self.view = self.table_view(self.model, "conflicts", (110, 260, 300))
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show(cur.row()))
        self.fields = FieldDiffTable(ledger, pick=True)
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
        layout.addWidget(QLabel(self.tr("双方都改过的记录不会自动覆盖。请逐条查看不同之处（黄色是自上次接收以来改过的一方），"
                                        "选择保留本地、采用对方，或勾选逐项合并。")))
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
        self.fields.show_fields(self.model.row_at(row).fields())

    def taken(self) -> set[str]:
        """The fields ticked 采用对方."""
        return self.fields.taken()

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
