"""数据交换 → 报送情况: for a period, who has reported, when, and who has not; 退回 with a reason."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import UserError
from desktop_app.services import periods, printing
from desktop_app.services.exchange import submissions
from ui.common.buttons import ok_cancel
from ui.common.window_size import size_window
from ui.targets.row_model import RowColumn, RowTableModel
from ui.targets.tool_window import ToolWindow, open_single

RED, GREEN = "#b00000", "#1b6b1b"


class SubmissionsWindow(ToolWindow):
    shows = ("package_log", "units")

    def __init__(self, ledger, parent: QWidget | None = None):
        super().__init__(ledger, parent)
        self.setWindowTitle(self.tr("报送情况 — {unit}").format(unit=ledger.unit.name))
        size_window(self, "submissions", 900, 620)
        self.period_box = QComboBox(objectName="period", editable=True)
        self.period_box.addItems(list(dict.fromkeys([periods.default_period(ledger), *submissions.periods(ledger)])))
        self.period_box.currentTextChanged.connect(lambda _: self.refresh())
        self.model = RowTableModel([
            RowColumn("unit", self.tr("报送单位"), lambda s: s.unit),
            RowColumn("level", self.tr("类别"), lambda s: s.level, "center"),
            RowColumn("state", self.tr("报送情况"), lambda s: s.state_text),
            RowColumn("at", self.tr("报送时间"), lambda s: s.at, "center"),
            RowColumn("operator", self.tr("导入人"), lambda s: s.operator, "center"),
            RowColumn("seq", self.tr("报送包"), lambda s: self.tr("第 {n} 号").format(n=s.seq) if s.seq else "", "center"),
        ], self)
        self.view = self.table_view(self.model, "submissions", (170, 100, 240, 130, 70))
        self.summary = QLabel(objectName="summary", wordWrap=True)
        self.return_button = QPushButton(self.tr("退回…"), objectName="return")
        self.return_button.setToolTip(self.tr("把所选单位本期的报送退回，写明原因；对方下次导入下发包时看到"))
        self.return_button.clicked.connect(lambda: self.return_selected())
        # a 退回 reaches a unit with the next distribution; a city sends none to its counties
        self.return_button.setVisible(ledger.unit.level != "city")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("报送期")))
        bar.addWidget(self.period_box)
        bar.addStretch(1)
        bar.addWidget(self.return_button)
        bar.addWidget(self.make_print_button(self.tr("报送情况表"), self.print_form))
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.close)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        self.refresh()
        self.watch_ledger(ledger)

    @property
    def period(self) -> str:
        return self.period_box.currentText().strip()

    def refresh(self, *_args) -> None:
        try:
            found = submissions.status(self.ledger, printing.check_period(self.period))
        except UserError as exc:
            self.model.set_rows([])
            self.summary.setText(str(exc))
            return
        self.model.set_rows(found)
        left = submissions.missing(found)
        text = self.tr("应报 {n} 个，已报 {done} 个，未报 {left} 个").format(
            n=len(found), done=len(found) - len(left), left=len(left))
        if left:
            text += self.tr("。未报送单位：{names}").format(names="、".join(left))
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {RED if left else GREEN};")

    def selected(self):
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def return_selected(self, reason: str | None = None) -> bool:
        chosen = self.selected()
        if chosen is None or not chosen.reported:
            QMessageBox.information(self, self.windowTitle(), self.tr("请选择一个本期已报送的单位"))
            return False
        if reason is None:
            dialog = ReturnDialog(chosen.unit, self.period, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            reason = dialog.reason.toPlainText()
        try:
            submissions.return_package(self.ledger, chosen.unit, self.period, reason)
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return False
        return True

    def print_form(self, fmt: str, out: str | None = None):
        from ui import report_menu

        return report_menu.print_report(self, printing.registry()["submissions"], out=out, fmt=fmt,
                                        params={"period": self.period})


class ReturnDialog(QDialog):
    def __init__(self, unit: str, period: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("退回 {unit} {period} 的报送").format(unit=unit, period=period))
        self.reason = QPlainTextEdit(objectName="reason")
        self.reason.setPlaceholderText(self.tr("写明退回原因和需要更正的内容，如：沁和能源研发费用与上年差异过大，请核实后重报"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("已导入的数据保留；对方更正后重新报送，新的报送包会更新这些数据。")))
        layout.addWidget(self.reason)
        layout.addWidget(ok_cancel(self, self.tr("退回")))


def open_submissions(window) -> SubmissionsWindow:
    return open_single(window, "_submissions_window", SubmissionsWindow)
