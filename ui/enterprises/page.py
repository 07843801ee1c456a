"""One enterprise: master data, titles, helper pairing, survey returns and 销号.

The page hears the ledger's changes itself: the header and the section on
screen are redrawn at once, the other sections when the clerk opens them.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import titles as title_rule
from desktop_app.domain.codes import mask_phone
from desktop_app.errors import UserError
from desktop_app.services import enterprises, printing
from desktop_app.services.enterprises import pairings, signoff, surveys, titles
from desktop_app.services.ledger import Ledger
from ui.common.ledger_view import LedgerView
from ui.common.record_dialog import FieldDef
from ui.enterprises.record_section import RecordSection, align_right
from ui.enterprises.signoff_panel import SignoffPanel, state_badge
from ui.enterprises.survey_dialog import SurveyDialog

STATE_COLOURS = {title_rule.EXPIRING: "#b36b00", title_rule.EXPIRED: "#b00000"}


class EnterprisePage(LedgerView, QWidget):
    shows = frozenset({"enterprises", "units", "enterprise_titles", "helper_pairings", "surveys",
                       "survey_institutions", "survey_projects", "signoffs", "evidence_files"})
    edit_requested = Signal()

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.enterprise: dict | None = None
        self.period = ""
        self.name = QLabel(objectName="enterprise_name")
        self.name.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.name.setWordWrap(True)
        self.state = QLabel(objectName="enterprise_state")
        self.edit_button = QPushButton(self.tr("编辑基本信息"))
        self.edit_button.clicked.connect(self.edit_requested)
        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.state)
        head.addWidget(self.edit_button)

        self.info = QWidget()
        self.info_form = QFormLayout(self.info)
        self.info_labels: dict[str, QLabel] = {}
        for key, label in (("uscc", self.tr("统一社会信用代码")), ("township", self.tr("所属乡镇")),
                           ("industry", self.tr("所属行业")), ("above_scale", self.tr("规模以上工业企业")),
                           ("address", self.tr("地址")), ("legal_person", self.tr("法定代表人")),
                           ("contact", self.tr("联系人")), ("phone", self.tr("联系电话")),
                           ("founded_on", self.tr("成立日期")), ("note", self.tr("备注"))):
            w = QLabel(objectName=f"info_{key}")
            w.setWordWrap(True)
            self.info_labels[key] = w
            self.info_form.addRow(label, w)

        self.titles = RecordSection(
            self.tr("称号"), [self.tr("称号"), self.tr("认定年度"), self.tr("证书编号"), self.tr("发证日期"),
                            self.tr("有效期至"), self.tr("状态")],
            rows=self._title_rows, fields=self._title_fields, load=self._title_values,
            save=lambda v, i: titles.save(self.ledger, self.enterprise["id"], v, i),
            delete=lambda i: titles.delete(self.ledger, i))
        self.pairings = RecordSection(
            self.tr("帮扶结对"), [self.tr("帮扶单位"), self.tr("帮扶方式"), self.tr("入企工作小组"),
                              self.tr("专家团队"), self.tr("结对日期")],
            rows=self._pairing_rows, fields=self._pairing_fields,
            load=lambda i: pairings.get(self.ledger, i).__dict__,
            save=lambda v, i: pairings.save(self.ledger, self.enterprise["id"], v, i),
            delete=lambda i: pairings.delete(self.ledger, i))
        self.returns = self._returns_widget()
        self.signoff = SignoffPanel(ledger)

        self.sections = QTabWidget(objectName="sections")
        for w, title in ((self.info, self.tr("基本信息")), (self.titles, self.tr("资质称号")),
                         (self.pairings, self.tr("帮扶结对")), (self.returns, self.tr("调查表")),
                         (self.signoff, self.tr("销号"))):
            self.sections.addTab(w, title)
        self._stale_sections: set[QWidget] = set()
        self.sections.currentChanged.connect(lambda _i: self._refresh_section(self.sections.currentWidget()))
        self.empty = QLabel(self.tr("在左侧列表中选择一家企业"))
        v = QVBoxLayout(self)
        v.addLayout(head)
        v.addWidget(self.sections, 1)
        v.addWidget(self.empty)
        self._shown: tuple[str | None, str] | None = None
        self.show_enterprise(None, "")
        self.watch_ledger(ledger)

    # ---- showing ---------------------------------------------------------
    def show_enterprise(self, enterprise_id: str | None, period: str) -> None:
        """Show another enterprise or period; the same one again costs nothing."""
        if self._shown == (enterprise_id, period):
            return
        self._shown = (enterprise_id, period)
        self.period = period
        self.enterprise = {"id": enterprise_id} if enterprise_id else None
        self.refresh()

    def refresh(self) -> None:
        """The header and the section on screen now; the other sections when opened."""
        if self.enterprise is not None:
            try:
                self.enterprise = enterprises.get(self.ledger, self.enterprise["id"])
            except UserError:  # deleted meanwhile
                self.enterprise = None
                self._shown = (None, self.period)
        has = self.enterprise is not None
        for w in (self.sections, self.edit_button, self.state):
            w.setVisible(has)
        self.empty.setVisible(not has)
        if not has:
            self.name.setText("")
            return
        e = self.enterprise
        self.name.setText(e["name"])
        if self.period:
            self.status = signoff.status(self.ledger, e["id"], self.period)
            state_badge(self.state, self.status.state)
        self._stale_sections = {self.info, self.titles, self.pairings, self.returns, self.signoff}
        self._refresh_section(self.sections.currentWidget())

    def _refresh_section(self, section: QWidget) -> None:
        if section not in self._stale_sections or self.enterprise is None:
            return
        self._stale_sections.discard(section)
        if section is self.info:
            e = self.enterprise
            shown = {**e, "above_scale": self.tr("是") if e["above_scale"] else self.tr("否"),
                     "phone": mask_phone(e["phone"] or "")}
            for key, w in self.info_labels.items():
                w.setText(str(shown.get(key) or ""))
        elif section is self.returns:
            self._fill_returns()
        elif section is self.signoff:
            self.signoff.show_enterprise(self.enterprise["id"], self.period)
        else:
            section.refresh()

    def show_section(self, section: QWidget) -> None:
        self.sections.setCurrentWidget(section)
        self._refresh_section(section)

    # ---- titles and pairings --------------------------------------------
    def _title_rows(self):
        today = date.today()
        rows = []
        for t in titles.of_enterprise(self.ledger, self.enterprise["id"]):
            state, left = t.state(today)
            rows.append((t.id, [t.display, str(t.year), t.cert_no, t.issued_on or "", t.valid_until or "",
                                title_rule.describe(state, left)], STATE_COLOURS.get(state)))
        return rows

    def _title_fields(self):
        return [FieldDef("title", self.tr("称号"), "choice", required=True, options=list(titles.catalog())),
                FieldDef("level", self.tr("级别（专精特新）"), "choice", options=["省级", "市级"]),
                FieldDef("year", self.tr("认定年度"), placeholder=self.tr("如 2024")),
                FieldDef("cert_no", self.tr("证书编号"), placeholder=self.tr("高新技术企业必填，如 GR202414000123")),
                FieldDef("issued_on", self.tr("发证日期"), "date"),
                FieldDef("recertified", self.tr("重新认定"), "bool")]

    def _title_values(self, title_id: str) -> dict:
        t = titles.get(self.ledger, title_id)
        return {**t.__dict__, "year": str(t.year)}

    def _pairing_rows(self):
        return [(p.id, [p.helper_unit, p.mode, p.work_group, p.expert_team, p.since or ""], None)
                for p in pairings.of_enterprise(self.ledger, self.enterprise["id"])]

    def _pairing_fields(self):
        units = "、".join(pairings.helper_units(self.ledger)[:6])
        return [FieldDef("helper_unit", self.tr("帮扶单位"), required=True, placeholder=units),
                FieldDef("mode", self.tr("帮扶方式"), "choice", options=list(pairings.MODES)),
                FieldDef("work_group", self.tr("入企工作小组成员"), placeholder=self.tr("3 人，至少 1 名科级干部")),
                FieldDef("expert_team", self.tr("专家团队")),
                FieldDef("since", self.tr("结对日期"), "date"),
                FieldDef("note", self.tr("备注"), "multiline")]

    # ---- returns ---------------------------------------------------------
    def _returns_widget(self) -> QWidget:
        w = QWidget()
        self.returns_table = QTableWidget(0, 8, objectName="returns")
        self.returns_table.setHorizontalHeaderLabels([
            self.tr("报送期"), self.tr("研发机构"), self.tr("研发项目"), self.tr("研发费用（万元）"),
            self.tr("其他活动"), self.tr("印证材料"), self.tr("销号状态"), self.tr("填表日期")])
        self.returns_table.horizontalHeader().setStretchLastSection(True)
        self.returns_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.returns_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.returns_table.verticalHeader().hide()
        self.returns_table.doubleClicked.connect(lambda _: self.edit_return())
        self.fill_button = QPushButton(objectName="fill_return")
        self.fill_button.clicked.connect(self.fill_current_period)
        buttons = QHBoxLayout()
        for b, text, slot in ((self.fill_button, None, None), (QPushButton(), self.tr("编辑"), self.edit_return),
                              (QPushButton(), self.tr("删除"), self.delete_return),
                              (QPushButton(), self.tr("打印…"), self.print_return)):
            if text:
                b.setText(text)
                b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        v = QVBoxLayout(w)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.returns_table, 1)
        v.addLayout(buttons)
        self.return_ids: list[str] = []
        return w

    def _fill_returns(self) -> None:
        lines = surveys.returns_of(self.ledger, self.enterprise["id"])
        self.return_ids = [x.id for x in lines]
        t = self.returns_table
        t.setRowCount(len(lines))
        for r, x in enumerate(lines):
            state = signoff.status(self.ledger, self.enterprise["id"], x.period).state
            for c, text in enumerate((x.period, str(x.institutions), str(x.projects), f"{x.rd_spending:.2f}",
                                      str(x.other_activities), str(x.evidence_files), state, x.filled_on)):
                t.setItem(r, c, QTableWidgetItem(text))
        align_right(t, (1, 2, 3, 4, 5))
        t.resizeColumnsToContents()
        exists = self.period and surveys.find_id(self.ledger, self.enterprise["id"], self.period)
        self.fill_button.setText((self.tr("修改 {p} 调查表") if exists else self.tr("填报 {p} 调查表")).format(
            p=self.period or ""))
        self.fill_button.setEnabled(bool(self.period))

    def selected_return(self) -> str | None:
        r = self.returns_table.currentRow()
        return self.return_ids[r] if 0 <= r < len(self.return_ids) else None

    def open_survey(self, survey_id: str | None, period: str | None = None) -> str | None:
        dialog = SurveyDialog(self.ledger, self.enterprise, period or self.period, survey_id, self)
        self._last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_value

    def fill_current_period(self) -> str | None:
        if self.enterprise is None or not self.period:
            return None
        return self.open_survey(surveys.find_id(self.ledger, self.enterprise["id"], self.period), self.period)

    def edit_return(self) -> str | None:
        sid = self.selected_return()
        if sid is None:
            return None
        return self.open_survey(sid, surveys.get(self.ledger, sid).period)

    def delete_return(self) -> None:
        sid = self.selected_return()
        if sid is None:
            return
        period = surveys.get(self.ledger, sid).period
        if QMessageBox.question(self, self.tr("删除调查表"), self.tr("确定删除 {p} 的调查表及其印证材料吗？").format(
                p=period)) != QMessageBox.StandardButton.Yes:
            return
        try:
            surveys.delete(self.ledger, sid)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("删除调查表"), str(exc))

    def print_return(self) -> None:
        from ui import report_menu

        sid = self.selected_return()
        period = surveys.get(self.ledger, sid).period if sid else self.period
        report_menu.print_report(self, printing.registry()["survey"], params={
            "enterprise": self.enterprise["uscc"], "period": period}, fmt="pdf")

