"""目标完成情况: every target of a year with its actual value, and one bar chart per indicator."""

from datetime import date

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.targets import rule_text
from desktop_app.errors import UserError
from desktop_app.services import printing, targets
from desktop_app.services.printing.furniture import number_text
from ui import report_menu
from ui.common.flow_layout import FlowLayout
from ui.common.record_dialog import RecordDialog
from ui.common.window_size import size_window
from ui.targets.chart import build_chart
from ui.targets.dialogs import TargetDialog, actual_fields, target_fields
from ui.targets.row_model import BAD, GOOD, MUTED, RowColumn, RowTableModel
from ui.targets.tool_window import ToolWindow, open_single

RULE_MIN_HEIGHT = 640  # below this window height the rule is the summary's tooltip only


def _status_color(row: targets.TargetRow):
    if row.on_track is None:
        return MUTED
    return GOOD if row.on_track else BAD


def _baseline(row: targets.TargetRow) -> str:
    p = row.plan
    return f"{number_text(p.baseline_value)}（{p.baseline_year}）" if p.baseline_value is not None else ""


class TargetsWindow(ToolWindow):
    shows = frozenset({"targets", "target_values", "target_actuals", "documents", "tasks", "enterprises",
                       "enterprise_titles", "surveys", "survey_institutions", "survey_projects", "signoffs",
                       "evidence_files", "platforms", "talent", "units"})

    def __init__(self, ledger, parent: QWidget | None = None):
        super().__init__(ledger, parent)
        self.setWindowTitle(self.tr("目标完成情况 — {unit}").format(unit=ledger.unit.name))
        size_window(self, "targets", 1280, 800)
        self.model = RowTableModel([
            RowColumn("document", self.tr("文件"), lambda r: r.document),
            RowColumn("scope", self.tr("地区"), lambda r: r.scope, "center"),
            RowColumn("indicator", self.tr("指标"), lambda r: r.indicator, tip=lambda r: r.source_text or r.indicator),
            RowColumn("unit", self.tr("单位"), lambda r: r.measure_unit, "center"),
            RowColumn("baseline", self.tr("基线"), _baseline, "center"),
            RowColumn("target", self.tr("目标值"), lambda r: (self.tr("每年") if r.plan.annual else "") + number_text(
                r.target.value if r.target else None), "right"),
            RowColumn("target_year", self.tr("目标年"), lambda r: str(r.target.year) if r.target else "", "center"),
            RowColumn("required", self.tr("本年应达"), lambda r: number_text(r.required), "right"),
            RowColumn("actual", self.tr("实际值"), lambda r: number_text(r.actual), "right"),
            RowColumn("completion", self.tr("完成率"),
                      lambda r: "" if r.completion is None else f"{r.completion * 100:.1f}%", "right"),
            RowColumn("status", self.tr("进度"), lambda r: r.status, "center", color=_status_color),
            RowColumn("source", self.tr("实际值来源"), self._source),
        ], self)

        self.year = QSpinBox(objectName="year")
        self.year.setRange(2015, date.today().year + 10)
        latest = printing.latest_period(ledger)
        self.year.setValue(int(latest[:4]) if latest else date.today().year)
        self.scope = QComboBox(objectName="scope")
        for s in targets.scopes(ledger):
            own = self.tr("（本级）") if targets.is_own_scope(ledger, s) else ""
            self.scope.addItem(s + own, s)
        self.scope.addItem(self.tr("全部地区"), "")
        self.scope.setCurrentIndex(max(0, self.scope.findData(targets.default_scope(ledger))))
        self.baseline_only = QCheckBox(self.tr("含仅有基数的指标"), objectName="baseline_only")
        for w in (self.year, self.scope):
            (w.valueChanged if isinstance(w, QSpinBox) else w.currentIndexChanged).connect(self.refresh)
        self.baseline_only.toggled.connect(self.refresh)

        self.actual_button = QPushButton(self.tr("填报实际值…"), objectName="type_actual")
        self.actual_button.clicked.connect(self.type_actual)
        self.clear_button = QPushButton(self.tr("清除填报值"), objectName="clear_actual")
        self.clear_button.clicked.connect(self.clear_actual)
        self.add_button = QPushButton(self.tr("新增目标…"), objectName="add_target")
        self.add_button.clicked.connect(lambda: self.edit_target(None))
        self.edit_button = QPushButton(self.tr("编辑目标…"), objectName="edit_target")
        self.edit_button.clicked.connect(lambda: self.edit_target(self.current_id()))
        self.delete_button = QPushButton(self.tr("删除目标"), objectName="delete_target")
        self.delete_button.clicked.connect(self.delete_target)
        self.print_button = self.make_print_button(self.tr("目标完成情况表"), self.print_form)
        bar = FlowLayout()  # wraps on a narrow window
        for w in (QLabel(self.tr("年度")), self.year, QLabel(self.tr("地区")), self.scope, self.baseline_only):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.actual_button, self.clear_button, self.add_button, self.edit_button, self.delete_button,
                  self.print_button):
            bar.addWidget(w)

        self.view = self.table_view(self.model, "targets", (130, 60, 300, 44, 90, 72, 56, 72, 72, 70, 72))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.show_current())
        self.view.doubleClicked.connect(lambda _: self.type_actual())

        self.chart = QChartView(objectName="chart")
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart.setMinimumHeight(160)  # the list keeps some rows at 1366×768 and 150 %
        self.detail = QTextBrowser(objectName="detail")
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.chart)
        lower.addWidget(self.detail)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.summary = QLabel(objectName="summary")
        self.summary.setToolTip(rule_text())
        self.rule = rule = QLabel(rule_text(), objectName="rule")
        rule.setWordWrap(True)
        rule.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(rule)
        self.refresh()
        self.watch_ledger(ledger)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """On a low window the rule gives its three lines to the list (it stays the summary's tooltip)."""
        super().resizeEvent(event)
        self.rule.setVisible(self.height() >= RULE_MIN_HEIGHT)

    # ---- data -----------------------------------------------------------
    def _source(self, row: targets.TargetRow) -> str:
        if row.typed:
            return self.tr("填报：{s}").format(s=row.actual_source)
        if row.actual is not None:
            return row.actual_source
        return self.tr("台账无本年数据") if row.counted else self.tr("待填报")

    def refresh(self, *_args) -> None:
        keep = self.current_id()
        self.model.set_rows(targets.rows(self.ledger, self.year.value(), self.scope.currentData(),
                                         include_baseline_only=self.baseline_only.isChecked()))
        rows = self.model.rows
        judged = [r for r in rows if r.on_track is not None]
        self.summary.setText(self.tr("{y} 年 {n} 项指标：已有实际值 {j} 项，达标或达到进度 {ok} 项，"
                                     "未达标或滞后 {bad} 项，待填报 {todo} 项").format(
            y=self.year.value(), n=len(rows), j=len(judged), ok=sum(r.on_track for r in judged),
            bad=sum(not r.on_track for r in judged), todo=sum(1 for r in rows if r.actual is None)))
        index = next((i for i, r in enumerate(rows) if r.id == keep), 0 if rows else None)
        if index is not None:
            self.view.selectRow(index)
        self.show_current()

    def current(self) -> targets.TargetRow | None:
        picked = self.view.selectionModel().selectedRows()
        return self.model.row_at(picked[0].row()) if picked else None

    def current_id(self) -> str | None:
        row = self.current()
        return row.id if row else None

    def show_current(self) -> None:
        row = self.current()
        self.actual_button.setEnabled(row is not None and targets.can_type_actual(row))
        self.clear_button.setEnabled(row is not None and row.typed)
        self.edit_button.setEnabled(row is not None and row.custom)
        self.delete_button.setEnabled(row is not None and row.custom)
        if row is None:
            self.chart.setChart(build_chart(self.tr("（未选择指标）"), "", [], None))
            self.detail.clear()
            return
        points = targets.series(self.ledger, row.id)
        self.chart.setChart(build_chart(row.indicator, row.measure_unit, points,
                                        row.target.value if row.target else None))
        lines = [f"<b>{row.indicator}</b>（{row.scope}，{row.document}）"]
        if row.source_text:
            lines.append(self.tr("文件原文：{t}").format(t=row.source_text))
        lines.append(self.tr("实际值口径：{m}").format(m=targets.metric_label(row.metric)))
        if row.actual is not None:
            lines.append(self.tr("{y} 年实际值：{v}{u}（{s}）").format(
                y=row.year, v=number_text(row.actual), u=row.measure_unit, s=self._source(row)))
        if row.task_id:
            lines.append(self.tr("本目标挂在具体任务上，请在“任务”页签中该任务下修改。"))
        if not row.counted:
            lines.append(self.tr("本指标台账不能统计，请按年份填报实际值并注明来源。"))
        if row.note:
            lines.append(self.tr("说明：{n}").format(n=row.note))
        self.detail.setHtml("<p>" + "</p><p>".join(lines) + "</p>")

    # ---- actions --------------------------------------------------------
    def type_actual(self) -> bool:
        row = self.current()
        if row is None or not targets.can_type_actual(row):
            return False
        dialog = RecordDialog(self.tr("填报实际值 — {i}").format(i=row.indicator), actual_fields(),
                              lambda v: targets.set_actual(self.ledger, row.id, v),
                              {"year": self.year.value(), "value": "" if row.actual is None else row.actual,
                               "source_note": row.actual_source if row.typed else ""}, self)
        return self.run_dialog(dialog)

    def clear_actual(self) -> None:
        row = self.current()
        if row is None or not row.typed:
            return
        if QMessageBox.question(self, self.tr("清除填报值"), self.tr("清除“{i}”{y} 年的填报值吗？").format(
                i=row.indicator, y=row.year)) != QMessageBox.StandardButton.Yes:
            return
        targets.clear_actual(self.ledger, row.id, row.year)

    def edit_target(self, target_id: str | None) -> bool:
        values = targets.get_target(self.ledger, target_id) if target_id else {
            "scope": self.scope.currentData() or self.ledger.unit.name, "metric": targets.MANUAL,
            "comparison": "at_least"}
        title = self.tr("编辑本级目标") if target_id else self.tr("新增本级目标")
        dialog = TargetDialog(title, target_fields(self.ledger),
                              lambda v: targets.save_target(self.ledger, v, v.pop("milestones"), target_id),
                              values, self)
        return self.run_dialog(dialog)

    def delete_target(self) -> None:
        row = self.current()
        if row is None:
            return
        if QMessageBox.question(self, self.tr("删除目标"), self.tr("确定删除目标“{i}”吗？").format(
                i=row.indicator)) != QMessageBox.StandardButton.Yes:
            return
        try:
            targets.delete_target(self.ledger, row.id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("删除目标"), str(exc))
            return

    def print_form(self, fmt: str, out: str | None = None):
        spec = printing.registry()["targets"]
        return report_menu.print_report(self, spec, out=out, fmt=fmt,
                                        params={"year": self.year.value(), "scope": self.scope.currentData() or "*"})


def open_targets(window) -> TargetsWindow:
    return open_single(window, "_targets_window", TargetsWindow)
