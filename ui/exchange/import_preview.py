"""导入前的预览: what a package holds against this ledger, per table and row by row, before anything is written."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.exchange import conflicts, package_file, receive, share, submissions
from ui.common.background import BackgroundTask
from ui.common.window_size import size_window
from ui.exchange.conflicts_window import open_conflicts
from ui.exchange.field_diff import FieldDiffTable
from ui.targets.row_model import BAD, RowColumn, RowTableModel

CLASSES = (receive.NEW, receive.CHANGED, receive.UNCHANGED, receive.OURS_NEWER, receive.CONFLICT)


class PreviewDialog(QDialog):
    """Counts per table; below them every updated, kept or conflicting row, and its fields side by side."""

    def __init__(self, window, path: str, result: receive.Result, apply_work: Callable):
        super().__init__(window)
        self.window_, self.path, self.result, self.apply_work = window, path, result, apply_work
        m = result.package
        self.setWindowTitle(self.tr("导入{kind}：{file}").format(kind=m.kind_label, file=Path(path).name))
        size_window(self, "import_preview", 980, 700)
        head = QLabel(self.tr("来自：{sender}　发给：{to}　第 {seq} 号　生成于 {at}（{who}）").format(
            sender=m.from_unit.get("name"), to=m.to_unit.get("name"), seq=m.seq,
            at=m.created_at[:16].replace("T", " "), who=m.operator), objectName="head")
        head.setWordWrap(True)
        self.table = self._counts(result)
        self.summary = QLabel(result.total_line() + "\n" + self._note(m), objectName="summary")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("导入"))
        self.ok.setEnabled(bool(sum(result.totals().values())) or m.kind == package_file.EMPTY_SUBMISSION)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self._review_part(window.ledger, result))
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    def _counts(self, result: receive.Result) -> QTableWidget:
        counts = result.counts()
        table = QTableWidget(len(counts), 1 + len(CLASSES), objectName="counts")
        table.setHorizontalHeaderLabels([self.tr("类别")] + [receive.class_label(c) for c in CLASSES])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (name, counter) in enumerate(counts.items()):
            table.setItem(r, 0, QTableWidgetItem(share.table_label(name)))
            for c, cls in enumerate(CLASSES, start=1):
                table.setItem(r, c, QTableWidgetItem(str(counter[cls]) if counter[cls] else ""))
        table.setColumnWidth(0, 130)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _review_part(self, ledger, result: receive.Result) -> QWidget:
        """逐条查看: the rows that would change or wait, and the selected one's fields (上次接收的 | 对方的 | 本地的)."""
        self.rows = RowTableModel([
            RowColumn("cls", self.tr("结果"), lambda inc: receive.class_label(inc.cls), "center",
                      color=lambda inc: BAD if inc.cls == receive.CONFLICT else None),
            RowColumn("record", self.tr("记录"), lambda inc: inc.label(ledger)),
            RowColumn("fields", self.tr("不同之处"),
                      lambda inc: conflicts.summary(inc.fields())),
        ], self)
        self.rows.set_rows(result.to_review())
        self.row_view = QTableView(objectName="rows")
        self.row_view.setModel(self.rows)
        self.row_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.row_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.row_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.row_view.verticalHeader().hide()
        self.row_view.verticalHeader().setDefaultSectionSize(24)
        self.row_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.row_view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((130, 330)):
            self.row_view.setColumnWidth(column, width)
        self.fields = FieldDiffTable(ledger)
        self.row_view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show(cur.row()))
        n = self.rows.rowCount()
        title = QLabel(self.tr("逐条查看（{n} 条会更新、保留本地或待处理；选中一条，下方并列显示上次接收的、对方的和本地的，"
                               "黄色是自上次接收以来改过的一方）").format(n=n) if n else
                       self.tr("没有会改动本台账已有记录的数据（只有新增或未变）"), objectName="review_title")
        title.setWordWrap(True)
        box = QWidget()
        inner = QSplitter(Qt.Orientation.Vertical)
        inner.addWidget(self.row_view)
        inner.addWidget(self.fields)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(inner, 1)
        self.row_view.setVisible(bool(n))
        self.fields.setVisible(bool(n))
        if n:
            self.row_view.selectRow(0)
        return box

    def _show(self, row: int) -> None:
        self.fields.show_fields(self.rows.row_at(row).fields() if 0 <= row < self.rows.rowCount() else [])

    def _note(self, m: package_file.Manifest) -> str:
        if m.kind == package_file.DISTRIBUTION:
            return self.tr("“更新”是上级更正过的记录；“本地较新”是本单位改过、上级未改的记录，保留本单位的；"
                           "“冲突”是双方都改过的记录，不会自动覆盖，导入后在“冲突待处理”中逐条选择。")
        if m.kind == package_file.EMPTY_SUBMISSION:
            return self.tr("{sender}本期没有新的或改过的数据（空表上报），导入后记为已报送。").format(
                sender=m.from_unit.get("name"))
        return self.tr("“更新”是{sender}报来的新数据；“本地较新”是本级改过、对方未改的记录，保留本级的；"
                       "“冲突”是双方都改过的记录，不会自动覆盖，导入后在“冲突待处理”中逐条选择。").format(
            sender=m.from_unit.get("name"))

    def apply(self) -> BackgroundTask:
        self.ok.setEnabled(False)
        task = BackgroundTask(self, self.tr("正在导入…"), self.apply_work)
        self._task = task

        def done(result: receive.Result):
            self.applied = result
            self.accept()
            waiting = result.totals()[receive.CONFLICT]
            text = "\n".join(result.lines())
            for r in submissions.open_returns(self.window_.ledger):
                text += "\n" + self.tr("⚠ {sender}退回了本单位 {p} 的报送：{reason}。请更正后重新生成报送包。").format(
                    sender=result.package.from_unit.get("name"), p=r["period"], reason=r["reason"])
            if waiting:
                text += "\n" + self.tr("有 {n} 条冲突待处理，请逐条选择保留哪一方。").format(n=waiting)
            if self.window_.ledger.unit.level == "city":
                text += "\n" + self.tr("可在“数据交换 → 生成回执…”为{sender}生成回执，其下次报送只含新增或改过的数据。").format(
                    sender=result.package.from_unit.get("name"))
            QMessageBox.information(self.window_, self.windowTitle(), text)
            if waiting:
                open_conflicts(self.window_)

        task.failed.connect(lambda _exc: self.ok.setEnabled(True))
        return task.start(done)
