"""企业 tab: the registry with coverage state, one enterprise's page beside it, coverage by township.

The period chosen at the top (报送期) drives everything: each enterprise's
state in the list (未开展 / 已开展待核 / 已销号), the counts line, the
enterprise page's 销号 panel and the coverage tables.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTabWidget,
    QVBoxLayout,
)

from desktop_app import i18n
from desktop_app.domain.coverage import NOT_STARTED, PENDING, SIGNED_OFF, STATES
from desktop_app.services import catalogs, enterprises, periods, printing, units
from desktop_app.services.enterprises import enterprise_list, pairings, titles
from ui.common.buttons import ok_cancel
from ui.common.flow_layout import FlowLayout
from ui.common.list_tab import ListTab
from ui.common.record_dialog import FieldDef
from ui.enterprises.coverage_panel import CoveragePanel
from ui.enterprises.page import EnterprisePage


class StateDelegate(QStyledItemDelegate):
    """The coverage state in colour: green 已销号, amber 已开展待核, red 未开展."""

    COLOURS = {SIGNED_OFF: "#1b6b1b", PENDING: "#8a5a00", NOT_STARTED: "#b00000"}

    def initStyleOption(self, option, index):  # noqa: N802 (Qt API)
        super().initStyleOption(option, index)
        colour = self.COLOURS.get(index.data())
        if colour:
            option.palette.setColor(QPalette.ColorRole.Text, QColor(colour))


class EnterprisesTab(ListTab):
    # the list's coverage state is counted from the returns and decisions (enterprise_list.prepare)
    shows = frozenset({"surveys", "survey_institutions", "survey_projects", "signoffs", "evidence_files"})
    column_widths = {"name": 250, "uscc": 160, "township": 100, "industry": 70, "above_scale": 40, "state": 80,
                     "titles": 150, "helpers": 110, "legal_person": 70, "contact": 70, "phone": 100}

    def __init__(self, ledger, parent=None):
        self.noun = self.tr("企业")
        self.search_hint = self.tr("搜索企业名称、统一社会信用代码、法定代表人")
        self.period = periods.default_period(ledger)
        states = enterprise_list.prepare(ledger, self.period)
        super().__init__(ledger, parent)
        self._build_top()
        self.page = EnterprisePage(ledger)
        self.page.edit_requested.connect(self.edit_current)
        self.coverage = CoveragePanel(ledger)
        self.side = QTabWidget(objectName="side")
        self.side.addTab(self.page, self.tr("企业档案"))
        self.side.addTab(self.coverage, self.tr("覆盖统计"))
        layout: QVBoxLayout = self.layout()
        layout.removeWidget(self.view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.insertLayout(0, self.top)
        layout.addWidget(self.splitter, 1)
        self.view.setItemDelegateForColumn(self.model.keys.index("state"), StateDelegate(self.view))
        for combo in self.filters.values():  # six filters must fit a 1280-pixel window; the popups show all
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        for key in ("contact", "phone"):
            self.view.setColumnHidden(self.model.keys.index(key), True)  # on the page; the list stays narrow
        self._update_summary(states)
        self.coverage.show_period(self.period)
        self._show_current()  # a row selected while the list was built (remembered sort) has no page yet

    def _build_top(self) -> None:
        self.period_box = QComboBox(objectName="period")
        self.period_box.setEditable(True)
        self.period_box.setMinimumWidth(100)
        self._fill_periods()
        self.period_box.activated.connect(lambda _: self.set_period(self.period_box.currentText()))
        self.period_box.lineEdit().returnPressed.connect(lambda: self.set_period(self.period_box.currentText()))
        self.summary = QLabel(objectName="summary")
        self.expiry = QPushButton(objectName="expiry")
        self.expiry.setFlat(True)
        self.expiry.clicked.connect(self.show_expiring)
        self.batch_button = QPushButton(self.tr("批量打印调查表…"), objectName="batch_print")
        self.batch_button.clicked.connect(self.batch_print)
        top = FlowLayout()  # wraps on a narrow window
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("报送期")))
        period.addWidget(self.period_box)
        top.addLayout(period)
        top.addWidget(self.summary, 1)
        top.addWidget(self.expiry)
        top.addWidget(self.batch_button)
        self.top = top

    def _fill_periods(self) -> None:
        self.period_box.blockSignals(True)
        self.period_box.clear()
        found = enterprise_list.periods(self.ledger)
        for p in ([self.period] if self.period not in found else []) + found:
            self.period_box.addItem(p)
        self.period_box.setCurrentText(self.period)
        self.period_box.blockSignals(False)

    # ---- ListTab hooks ---------------------------------------------------
    def spec(self):
        return enterprise_list.LIST

    def titles(self):
        return {"name": self.tr("企业名称"), "uscc": self.tr("统一社会信用代码"), "township": self.tr("所属乡镇"),
                "industry": self.tr("行业"), "above_scale": self.tr("规上"), "state": self.tr("覆盖状态"),
                "titles": self.tr("称号"), "helpers": self.tr("帮扶单位"), "legal_person": self.tr("法定代表人"),
                "contact": self.tr("联系人"), "phone": self.tr("联系电话")}

    def filter_defs(self):
        towns = [(c.id, c.name) for c in units.townships(self.ledger)]
        helpers = [(enterprise_list.NO_HELPER, self.tr("（未结对）"))] + [
            (h, h) for h in pairings.used_helper_units(self.ledger)]
        return (("township_id", self.tr("全部乡镇"), towns),
                ("industry", self.tr("全部行业"), [(i, i) for i in catalogs.industries()]),
                ("above_scale", self.tr("规上/规下"), [(1, self.tr("规上企业")), (0, self.tr("规下企业"))]),
                ("title", self.tr("全部称号"), [(t, t) for t in titles.catalog()]),
                ("state", self.tr("全部覆盖状态"), [(s, i18n.tr(s)) for s in STATES]),
                ("helper", self.tr("全部帮扶单位"), helpers))

    def fields(self):
        towns = [(c.id, c.name) for c in units.townships(self.ledger)]
        return [
            FieldDef("name", self.tr("企业名称"), required=True),
            FieldDef("uscc", self.tr("统一社会信用代码"), required=True, placeholder=self.tr("18 位，如 91140521MA0XXXXXXX")),
            FieldDef("township_id", self.tr("所属乡镇"), "ref", options=towns),
            FieldDef("industry", self.tr("所属行业"), "choice", options=catalogs.industries()),
            FieldDef("above_scale", self.tr("规模以上工业企业"), "bool"),
            FieldDef("address", self.tr("地址")),
            FieldDef("legal_person", self.tr("法定代表人")),
            FieldDef("contact", self.tr("联系人")),
            FieldDef("phone", self.tr("联系电话")),
            FieldDef("founded_on", self.tr("成立日期"), "date"),
            FieldDef("note", self.tr("备注"), "multiline"),
        ]

    def load(self, record_id):
        return enterprises.get(self.ledger, record_id)

    def save(self, values, record_id):
        try:
            return enterprises.save(self.ledger, values, record_id)
        except enterprises.DeletedEnterpriseExists as gone:
            return self._ask_restore(gone, values)

    def _ask_restore(self, gone, values):
        """The credit code of a deleted enterprise: 恢复原企业 / 仍然新建 / 取消."""
        from desktop_app.errors import Cancelled
        from desktop_app.services import recycle_bin

        box = QMessageBox(QMessageBox.Icon.Question, self.tr("企业已在回收站"), str(gone), parent=self)
        restore = box.addButton(self.tr("恢复原企业"), QMessageBox.ButtonRole.AcceptRole)
        new = box.addButton(self.tr("仍然新建"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        self._restore_box = box
        box.exec()
        if box.clickedButton() is restore:
            recycle_bin.restore(self.ledger, "enterprises", gone.deleted_id)
            return gone.deleted_id
        if box.clickedButton() is new:
            return enterprises.save(self.ledger, values, None, new_despite_deleted=True)
        raise Cancelled(self.tr("未保存"))  # the form stays open

    def remove(self, record_id):
        enterprises.delete(self.ledger, record_id)

    # ---- period, counts, refresh ----------------------------------------
    def set_period(self, text: str) -> None:
        from desktop_app.errors import ValidationError
        from desktop_app.services.enterprises.surveys import clean_period

        try:
            period = clean_period(text)
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("报送期"), str(exc))
            self.period_box.setCurrentText(self.period)
            return
        if period != self.period:
            self.period = period
            self.refresh()

    def refresh(self) -> None:
        """Everything for the chosen period (the list keeps its selection; the page follows it)."""
        states = enterprise_list.prepare(self.ledger, self.period)
        super().refresh()
        self._fill_periods()
        self._refill_helpers()
        self._update_summary(states)
        self.coverage.show_period(self.period)
        self._show_current()

    def on_changes(self, changes) -> None:
        """A write: the list and its counts; the period and helper choices only when they may have moved.
        The page and the coverage panel hear the change themselves."""
        states = enterprise_list.prepare(self.ledger, self.period)
        self.model.refresh()
        if changes.touches(("surveys",)):
            self._fill_periods()
        if changes.touches(("helper_pairings",)):
            self._refill_helpers()
        self._update_summary(states, titles_changed=changes.touches(("enterprise_titles",)))

    def current_record_changed(self, record_id) -> None:
        if hasattr(self, "page"):  # not while the list is being built
            self.page.show_enterprise(record_id, self.period)

    def _refill_helpers(self) -> None:
        """Helper units appear in the filter as soon as a pairing names them."""
        combo = self.filters["helper"]
        chosen = combo.currentData()
        have = {combo.itemData(i) for i in range(combo.count())}
        for h in pairings.used_helper_units(self.ledger):
            if h not in have:
                combo.addItem(h, h)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))

    def _update_summary(self, states: dict[str, str] | None = None, *, titles_changed: bool = True) -> None:
        s = enterprise_list.summary(self.ledger, self.period, states)
        self.summary.setText(self.tr(
            "规上工业企业 {n} 家：已销号 <b>{done}</b> · 已开展待核 {pending} · 未开展 {todo}　"
            "覆盖率 <b>{rate:.1f}%</b>").format(n=s.above_scale, done=s.signed_off, pending=s.pending,
                                               todo=s.not_started, rate=s.rate * 100))
        if titles_changed or not hasattr(self, "_expiring"):
            self._expiring = titles.expiring(self.ledger)
        soon = self._expiring
        self.expiry.setText(self.tr("⚠ {n} 项称号 90 天内到期").format(n=len(soon)) if soon else "")
        self.expiry.setVisible(bool(soon))

    def _show_current(self) -> None:
        self.page.show_enterprise(self.current_id(), self.period)

    # ---- actions ---------------------------------------------------------
    def show_expiring(self) -> None:
        lines = [self.tr("{e}：{t}，{until} 到期（剩 {n} 天）").format(
            e=x.enterprise, t=x.title.display, until=x.title.valid_until, n=x.days_left)
            for x in titles.expiring(self.ledger)]
        QMessageBox.information(self, self.tr("称号到期提醒"), "\n".join(lines) or self.tr("90 天内没有到期的称号"))

    def batch_print(self, *, out: str | None = None, township: str | None = None, fmt: str | None = None):
        """All survey forms of a township (or of every enterprise) into one file, in the background."""
        from ui import report_menu

        if fmt is None:
            dialog = QDialog(self)
            dialog.setWindowTitle(self.tr("批量打印调查表"))
            form = QFormLayout(dialog)
            towns = QComboBox(objectName="township")
            towns.addItem(self.tr("全部乡镇"), "")
            for c in units.townships(self.ledger):
                towns.addItem(c.name, c.name)
            formats = QComboBox(objectName="format")
            formats.addItem(self.tr("PDF（打印盖章）"), "pdf")
            formats.addItem(self.tr("Excel（每家企业一张工作表）"), "xlsx")
            form.addRow(self.tr("报送期"), QLabel(self.period))
            form.addRow(self.tr("乡镇"), towns)
            form.addRow(self.tr("格式"), formats)
            form.addRow(QLabel(self.tr("规上企业每家一份；本期未报送的打印空白表，供企业填写。")))
            buttons = ok_cancel(dialog, self.tr("打印…"))
            form.addRow(buttons)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            township, fmt = towns.currentData(), formats.currentData()
        return report_menu.print_report(self, printing.registry()["survey"], out=out, fmt=fmt, batch=True,
                                        params={"period": self.period, "township": township or ""})
