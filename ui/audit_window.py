"""文件 → 操作日志: who changed what and when, read from the audit trail.

Every write leaves audit rows, so the window refreshes on any change of the
ledger (when shown). Personal data is masked by the service.
"""

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.dates import parse_date
from desktop_app.services import audit
from desktop_app.services.ledger import Changes
from ui.common.date_edit import DateEdit
from ui.common.window_size import size_window
from ui.targets.row_model import RowColumn, RowTableModel
from ui.targets.tool_window import ToolWindow, open_single


class AuditWindow(ToolWindow):
    def __init__(self, ledger, parent: QWidget | None = None):
        super().__init__(ledger, parent)
        self.setWindowTitle(self.tr("操作日志 — {unit}").format(unit=ledger.unit.name))
        size_window(self, "audit", 1180, 720)
        self.model = RowTableModel([
            RowColumn("at", self.tr("时间"), lambda e: e.at[:19].replace("T", " ")),
            RowColumn("operator", self.tr("操作员"), lambda e: e.operator, "center"),
            RowColumn("action", self.tr("操作"), lambda e: e.action_label, "center"),
            RowColumn("table", self.tr("类别"), lambda e: e.table_label, "center"),
            RowColumn("record", self.tr("记录"), lambda e: e.record),
            RowColumn("changes", self.tr("变更内容"), lambda e: e.changes_text(),
                      tip=lambda e: e.changes_text("\n")),
            RowColumn("reason", self.tr("原因"), lambda e: e.reason),
        ], self)

        self.search = QLineEdit(objectName="search", placeholderText=self.tr("按记录名称或内容查找"))
        self.search.setClearButtonEnabled(True)
        self.table = QComboBox(objectName="table")
        self.operator = QComboBox(objectName="operator")
        self.since = DateEdit(objectName="since")
        self.until = DateEdit(objectName="until")
        for edit in (self.since, self.until):
            edit.setPlaceholderText(self.tr("不限"))
            edit.setMaximumWidth(130)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("查找"), self.search), (self.tr("类别"), self.table),
                              (self.tr("操作员"), self.operator), (self.tr("日期从"), self.since),
                              (self.tr("到"), self.until)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget, 2 if widget is self.search else 0)

        self.view = self.table_view(self.model, "log", (150, 80, 70, 90, 220, 420))
        self.detail = QPlainTextEdit(objectName="detail", readOnly=True)
        self.detail.setPlaceholderText(self.tr("选中一行查看全部变更"))
        self.count = QLabel(objectName="count")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setSizes([520, 140])

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addWidget(self.count)

        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        for edit in (self.since, self.until):
            edit.textChanged.connect(self._timer.start)
        self.table.currentIndexChanged.connect(self.refresh)
        self.operator.currentIndexChanged.connect(self.refresh)
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        self.refresh()
        self.watch_ledger(ledger)

    def _ledger_changed(self, changes: Changes) -> None:  # every write is logged: any change counts
        if not self.isVisible():
            self.mark_stale()
            return
        self.refresh()

    def _fill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("全部"), None)
        for value, text in items:
            combo.addItem(text, value)
        i = combo.findData(chosen)
        combo.setCurrentIndex(i if i >= 0 else 0)
        combo.blockSignals(False)

    def _day(self, edit: DateEdit) -> date | None:
        text = edit.text().strip()
        if not text:
            edit.setStyleSheet("")
            return None
        try:
            day = parse_date(text)
        except ValueError:
            edit.setStyleSheet("border: 1px solid #c00;")
            return None
        edit.setStyleSheet("")
        return day

    def refresh(self, *_args) -> None:
        self._fill(self.table, audit.tables(self.ledger))
        self._fill(self.operator, [(o, o) for o in audit.operators(self.ledger)])
        rows = audit.entries(self.ledger, text=self.search.text(), table=self.table.currentData(),
                             operator=self.operator.currentData(), since=self._day(self.since),
                             until=self._day(self.until))
        self.model.set_rows(rows)
        more = self.tr("（只显示最近 {n} 条，请缩小范围）").format(n=audit.MAX_ROWS) if len(rows) >= audit.MAX_ROWS else ""
        self.count.setText(self.tr("共 {n} 条").format(n=len(rows)) + more)
        self.detail.clear()

    def _show_detail(self, current, _previous=None) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        e = self.model.row_at(current.row())
        head = f"{e.at[:19].replace('T', ' ')}  {e.operator}  {e.action_label}  {e.table_label}  {e.record}"
        reason = "\n" + self.tr("原因：{r}").format(r=e.reason) if e.reason else ""
        self.detail.setPlainText(head + reason + "\n" + e.changes_text("\n"))


def open_audit(window) -> AuditWindow:
    return open_single(window, "_audit_window", AuditWindow)
