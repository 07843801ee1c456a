"""数据交换 → 审核: the findings of a period, each linked to its record, with the 核实 explanation.

A LedgerView: a change to a return, a decision, a progress entry or an
explanation runs the rules again (a few milliseconds) and keeps the selected
finding selected.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app import i18n
from desktop_app.domain.review_rules import FORCED, Finding, explanation_error
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import periods, printing, review
from desktop_app.services.ledger import Changes
from ui.common.buttons import save_shortcut
from ui.common.window_size import size_window
from ui.targets.row_model import BAD, GOOD, RowColumn, RowTableModel
from ui.targets.tool_window import ToolWindow, open_single

AMBER = "#8a5a00"


def _state_colour(f: Finding):
    from PySide6.QtGui import QColor

    if f.level == FORCED:
        return BAD
    return GOOD if f.explained else QColor(AMBER)


class ReviewWindow(ToolWindow):
    shows = review.SHOWS

    def __init__(self, ledger, parent: QWidget | None = None, *, opener=None):
        super().__init__(ledger, parent)
        self.opener = opener  # (Finding) -> bool: shows the record in the main window
        self.setWindowTitle(self.tr("审核 — {unit}").format(unit=ledger.unit.name))
        size_window(self, "review", 1180, 720)
        self.findings: list[Finding] = []
        self.period = periods.default_period(ledger)
        self.model = RowTableModel([
            RowColumn("level", self.tr("级别"), lambda f: i18n.tr(f.level), "center",
                      color=lambda f: BAD if f.level == FORCED else None),
            RowColumn("rule", self.tr("规则"), lambda f: f"{f.rule} {f.title}"),
            RowColumn("subject", self.tr("企业或任务"), lambda f: f.parts[0]),
            RowColumn("message", self.tr("审核问题"), lambda f: f.parts[1], tip=lambda f: f.message),
            RowColumn("state", self.tr("处理情况"), lambda f: f.state_text, "center", color=_state_colour),
        ], self)

        self.period_box = QComboBox(objectName="period")
        self.period_box.setEditable(True)
        self.period_box.setMinimumWidth(100)
        self.period_box.activated.connect(lambda _: self.set_period(self.period_box.currentText()))
        self.period_box.lineEdit().returnPressed.connect(lambda: self.set_period(self.period_box.currentText()))
        self.summary = QLabel(objectName="summary")
        self.print_button = self.make_print_button(self.tr("审核结果表"), self.print_form)
        bar = QHBoxLayout()
        for w in (QLabel(self.tr("报送期")), self.period_box):
            bar.addWidget(w)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.print_button)

        self.view = self.table_view(self.model, "findings", (50, 190, 220, 520))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.view.doubleClicked.connect(lambda _: self.open_current())

        self.detail = QLabel(objectName="detail", wordWrap=True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation = QPlainTextEdit(objectName="explanation")
        self.explanation.setTabChangesFocus(True)
        self.explanation.textChanged.connect(self._check_text)
        self.message = QLabel(objectName="message", wordWrap=True)
        self.save_button = QPushButton(self.tr("保存说明"), objectName="save_explanation")
        self.save_button.clicked.connect(self.save_explanation)
        save_shortcut(self, self.save_button)
        self.open_button = QPushButton(self.tr("打开记录"), objectName="open_record")
        self.open_button.setToolTip(self.tr("在主窗口中打开这条问题所在的企业或任务（也可双击该行）"))
        self.open_button.clicked.connect(self.open_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail)
        lower_layout.addWidget(QLabel(self.tr("核实说明（写明核实了什么、数据为什么是这样；不少于 10 个字，“核实无误”不算说明）")))
        lower_layout.addWidget(self.explanation, 1)
        lower_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setSizes([460, 220])
        rule = QLabel(self.tr("“强制”问题须更正数据后才能上报；“核实”问题须填写核实说明，说明随上报包一并报送。"),
                      objectName="rule")
        rule.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(rule)
        self.refresh()
        self.watch_ledger(ledger)

    # ---- data ---------------------------------------------------------------
    def _fill_periods(self) -> None:
        self.period_box.blockSignals(True)
        self.period_box.clear()
        found = review.periods(self.ledger)
        for p in ([self.period] if self.period not in found else []) + found:
            self.period_box.addItem(p)
        self.period_box.setCurrentText(self.period)
        self.period_box.blockSignals(False)

    def set_period(self, text: str) -> None:
        try:
            period = review.clean_period(text)
        except ValidationError as exc:
            self.message.setText(str(exc))
            self.period_box.setCurrentText(self.period)
            return
        if period != self.period:
            self.period = period
            self.refresh()

    def on_changes(self, changes: Changes) -> None:
        self.refresh()

    def refresh(self, *_args) -> None:
        keep = self.current()
        keep_key = keep.key if keep else None
        self._fill_periods()
        self.findings = review.run(self.ledger, self.period)
        self.model.set_rows(self.findings)
        s = review.summary(self.findings)
        if s["forced"]:
            verdict = self.tr("不能上报：须先更正强制问题")
        elif s["blocking"]:
            verdict = self.tr("不能上报：尚有核实问题未说明")
        else:
            verdict = self.tr("审核通过，可以上报")
        self.summary.setText(self.tr("强制 {f} 条，核实 {v} 条（已说明 {e} 条）— {verdict}").format(
            f=s["forced"], v=s["verify"], e=s["explained"], verdict=verdict))
        self.summary.setStyleSheet(f"color: {BAD.name() if s['blocking'] else GOOD.name()};")
        row = next((i for i, f in enumerate(self.findings) if f.key == keep_key), 0 if self.findings else None)
        if row is not None:
            self.view.selectRow(row)
        self.show_current()

    def current(self) -> Finding | None:
        index = self.view.currentIndex() if hasattr(self, "view") else None
        if index is None or not index.isValid() or index.row() >= len(self.findings):
            return None
        return self.findings[index.row()]

    # ---- the selected finding ----------------------------------------------
    def show_current(self) -> None:
        f = self.current()
        self.message.clear()
        self.open_button.setEnabled(f is not None and self.opener is not None)
        if f is None:
            self.detail.setText(self.tr("本期未发现审核问题。") if not self.findings else "")
            self.explanation.setEnabled(False)
            self.explanation.clear()
            self.save_button.setEnabled(False)
            return
        self.detail.setText(f"【{i18n.tr(f.level)}】{f.rule} {f.title}：{f.message}")
        self.explanation.blockSignals(True)
        self.explanation.setPlainText(f.explanation)
        self.explanation.blockSignals(False)
        verify = f.level != FORCED
        self.explanation.setEnabled(verify)
        self.explanation.setPlaceholderText(
            self.tr("例：该企业本年新建中试线，研发投入较上年大幅增加，已核对财务辅助账") if verify
            else self.tr("强制问题须更正数据（双击打开记录），不能以说明代替"))
        self.save_button.setEnabled(False)

    def _check_text(self) -> None:
        f = self.current()
        text = self.explanation.toPlainText()
        changed = f is not None and f.level != FORCED and text.strip() != f.explanation
        self.save_button.setEnabled(changed)
        err = explanation_error(text) if changed else None
        self.message.setText(err or "")
        self.message.setStyleSheet(f"color: {AMBER};")

    def save_explanation(self) -> str | None:
        f = self.current()
        if f is None:
            return None
        try:
            saved = review.explain(self.ledger, f, self.explanation.toPlainText())  # the list refreshes itself
        except UserError as exc:
            self.message.setText(str(exc))
            self.message.setStyleSheet(f"color: {BAD.name()};")
            self.explanation.setFocus()
            return None
        self.message.setText(self.tr("说明已保存"))
        self.message.setStyleSheet(f"color: {GOOD.name()};")
        return saved

    def open_current(self) -> bool:
        f = self.current()
        if f is None or self.opener is None:
            return False
        return bool(self.opener(f))

    def print_form(self, fmt: str, out: str | None = None):
        from ui import report_menu

        spec = printing.registry()["review"]
        return report_menu.print_report(self, spec, out=out, fmt=fmt, params={"period": self.period})


def open_review(window) -> ReviewWindow:
    from ui.review.opener import opener_for

    return open_single(window, "_review_window", lambda ledger, parent: ReviewWindow(
        ledger, parent, opener=opener_for(parent)))
