"""奖补测算: what each enterprise is owed under the county's reward policy, and what was paid."""

from datetime import date

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.rewards import DECLINED, DUE, PENDING, SUPERSEDED, Award, event_label
from desktop_app.errors import UserError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import printing, rewards
from desktop_app.services.printing.rewards import item_text
from ui import report_menu
from ui.common.flow_layout import FlowLayout
from ui.common.picker import FormDialog, PickerField, enterprise_source
from ui.common.record_dialog import FieldDef
from ui.common.window_size import size_window
from ui.targets.row_model import BAD, GOOD, MUTED, RowColumn, RowTableModel
from ui.targets.tool_window import ToolWindow, open_single

SHOW = (("", QT_TRANSLATE_NOOP("RewardsWindow", "全部事项")), ("pending", QT_TRANSLATE_NOOP("RewardsWindow", "待核定金额")),
        ("unpaid", QT_TRANSLATE_NOOP("RewardsWindow", "待发放")), ("paid", QT_TRANSLATE_NOOP("RewardsWindow", "已发放")))


def state_of(a: Award) -> str:
    if a.status == PENDING:
        return QT_TRANSLATE_NOOP("RewardsWindow", "待核定")
    if a.status == SUPERSEDED:
        return QT_TRANSLATE_NOOP("RewardsWindow", "不重复奖励")
    if a.status == DECLINED:
        return QT_TRANSLATE_NOOP("RewardsWindow", "不予奖励")
    if a.outstanding < 0:
        return QT_TRANSLATE_NOOP("RewardsWindow", "超额发放")
    if a.outstanding == 0:
        return QT_TRANSLATE_NOOP("RewardsWindow", "已发放")
    return QT_TRANSLATE_NOOP("RewardsWindow", "待发放")


def _color(a: Award):
    state = state_of(a)
    return {"已发放": GOOD, "待发放": BAD, "超额发放": BAD, "待核定": BAD}.get(state, MUTED)


def _money(value: float) -> str:
    return f"{value:,.2f}"


class RewardsWindow(ToolWindow):
    shows = frozenset({"reward_policies", "reward_rules", "reward_records", "documents", "enterprises",
                       "enterprise_titles", "platforms", "talent"})

    def __init__(self, ledger, parent: QWidget | None = None):
        super().__init__(ledger, parent)
        info = rewards.policy(ledger)
        self.info = info
        self.setWindowTitle(self.tr("奖补测算 — {c}").format(c=info.caption))
        size_window(self, "rewards", 1300, 760)
        self.groups: dict[str, str] = {}
        self.model = RowTableModel([
            RowColumn("holder", self.tr("企业（单位）"), lambda a: a.event.enterprise),
            RowColumn("item", self.tr("奖补事项"), item_text),
            RowColumn("clause", self.tr("政策条款"), lambda a: f"{rewards.numeral(a.rule.policy_seq)}、{a.rule.policy_title}"),
            RowColumn("on", self.tr("认定时间"), lambda a: a.event.on or str(a.event.year), "center"),
            RowColumn("standard", self.tr("标准（万元）"), lambda a: a.rule.standard_text(), "right"),
            RowColumn("due", self.tr("应奖"), lambda a: "" if a.status == PENDING else _money(a.due), "right"),
            RowColumn("paid", self.tr("已发放"), lambda a: _money(a.paid) if a.paid else "", "right"),
            RowColumn("outstanding", self.tr("待发放"),
                      lambda a: "" if a.status == PENDING or not a.outstanding else _money(a.outstanding), "right"),
            RowColumn("state", self.tr("状态"), lambda a: self.tr(state_of(a)), "center", color=_color),
            RowColumn("project", self.tr("同一项目"), lambda a: self.groups.get(a.event.project_key, ""), "center"),
            RowColumn("note", self.tr("备注"), lambda a: "；".join(x for x in (a.note, a.decision.note) if x)),
        ], self)

        self.year = QComboBox(objectName="year")
        self.show_filter = QComboBox(objectName="show")
        for key, text in SHOW:
            self.show_filter.addItem(self.tr(text), key)
        self._fill_years()
        self.year.currentIndexChanged.connect(self.refresh)
        self.show_filter.currentIndexChanged.connect(self.refresh)

        self.amount_button = QPushButton(self.tr("核定金额…"), objectName="set_amount")
        self.amount_button.clicked.connect(self.set_amount)
        self.pay_button = QPushButton(self.tr("登记发放…"), objectName="record_payment")
        self.pay_button.clicked.connect(self.record_payment)
        self.group_button = QPushButton(self.tr("合并为同一项目"), objectName="group")
        self.group_button.setToolTip(self.tr("同一企业的同一项目（技术）只按最高等次奖励一次：选中两项以上后合并"))
        self.group_button.clicked.connect(self.group)
        self.ungroup_button = QPushButton(self.tr("取消合并"), objectName="ungroup")
        self.ungroup_button.clicked.connect(self.ungroup)
        self.add_button = QPushButton(self.tr("新增奖补事项…"), objectName="add_item")
        self.add_button.setToolTip(self.tr("台账不能自动产生的事项：一事一议项目、科技成果转化、研发投入排名等"))
        self.add_button.clicked.connect(self.add_item)
        self.delete_button = QPushButton(self.tr("删除事项"), objectName="delete_item")
        self.delete_button.clicked.connect(self.delete_item)
        self.policy_button = QPushButton(self.tr("政策原文…"), objectName="policy")
        self.policy_button.clicked.connect(self.show_policy)
        self.print_button = self.make_print_button(self.tr("奖补测算表"), self.print_form)
        since = self.tr("政策印发（{d}）前认定的事项不列入。").format(d=info.effective_from) if info.effective_from else ""
        caption = QLabel(self.tr("{c}。{rule}{since}").format(
            c=info.caption, rule=info.rule_text, since=since), objectName="caption")
        caption.setWordWrap(True)
        bar = FlowLayout()  # wraps on a narrow window
        for w in (QLabel(self.tr("年度")), self.year, QLabel(self.tr("显示")), self.show_filter):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.amount_button, self.pay_button, self.group_button, self.ungroup_button, self.add_button,
                  self.delete_button, self.policy_button, self.print_button):
            bar.addWidget(w)
        self.view = self.table_view(self.model, "rewards", (190, 300, 180, 84, 76, 64, 64, 64, 72, 64), multi=True)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.view.doubleClicked.connect(lambda _: self.record_payment())
        self.summary = QLabel(objectName="summary")
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        self.refresh()
        self.watch_ledger(ledger)

    def on_changes(self, changes) -> None:
        self._fill_years()  # a new event may bring a new year
        self.refresh()

    def _fill_years(self) -> None:
        keep = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for y in rewards.years(self.ledger):
            self.year.addItem(self.tr("{y} 年").format(y=y), y)
        self.year.addItem(self.tr("全部年度"), 0)
        index = self.year.findData(keep) if keep is not None else 0
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)

    # ---- data -----------------------------------------------------------
    def refresh(self, *_args) -> None:
        keep = set(self.selected_keys())
        year = self.year.currentData() or None
        found = rewards.awards(self.ledger, year)
        show = self.show_filter.currentData()
        if show == "pending":
            found = [a for a in found if a.status == PENDING]
        elif show == "unpaid":
            found = [a for a in found if state_of(a) == "待发放"]
        elif show == "paid":
            found = [a for a in found if a.paid]
        projects = [a.event.project_key for a in found if a.group_size > 1]
        self.groups = {k: self.tr("合并{n}").format(n=i) for i, k in enumerate(dict.fromkeys(projects), start=1)}
        self.model.set_rows(found)
        counted = [a for a in found if a.status != PENDING]
        self.summary.setText(self.tr(
            "{n} 项：应奖 {due} 万元，已发放 {paid} 万元，待发放 {out} 万元；待核定金额 {pending} 项").format(
            n=len(found), due=_money(sum(a.due for a in counted)), paid=_money(sum(a.paid for a in found)),
            out=_money(sum(max(a.outstanding, 0) for a in counted)),
            pending=sum(1 for a in found if a.status == PENDING)))
        for i, a in enumerate(found):
            if a.event.key in keep:
                flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                self.view.selectionModel().select(self.model.index(i, 0), flags)
        self._update_buttons()

    def selected(self) -> list[Award]:
        return [self.model.row_at(i.row()) for i in sorted(self.view.selectionModel().selectedRows(),
                                                           key=lambda i: i.row())]

    def selected_keys(self) -> list[str]:
        return [a.event.key for a in self.selected()] if hasattr(self, "view") else []

    def select_key(self, key: str) -> None:
        for i, a in enumerate(self.model.rows):
            if a.event.key == key:
                self.view.selectRow(i)
                return

    def _update_buttons(self) -> None:
        chosen = self.selected()
        one = chosen[0] if len(chosen) == 1 else None
        self.amount_button.setEnabled(one is not None)
        self.pay_button.setEnabled(one is not None and one.status in (DUE, DECLINED))
        self.group_button.setEnabled(len(chosen) >= 2)
        self.ungroup_button.setEnabled(one is not None and bool(one.event.project))
        self.delete_button.setEnabled(one is not None and one.event.key.startswith(rewards.MANUAL + ":"))

    # ---- actions --------------------------------------------------------
    def _done(self, key: str | None = None) -> None:
        """After a write (the window refreshed itself on the ledger's change): select what it was about."""
        if key:
            self.select_key(key)

    def _form(self, title: str, fields, save, values) -> bool:
        dialog = FormDialog(title, fields, save, values, self)
        self._last_dialog = dialog
        return dialog.exec() == QDialog.DialogCode.Accepted

    def set_amount(self) -> bool:
        chosen = self.selected()
        if len(chosen) != 1:
            return False
        a = chosen[0]
        fields = [FieldDef("approved_amount", self.tr("核定金额（万元）"), "number",
                           placeholder=self.tr("留空：按政策标准 {s}").format(s=a.rule.standard_text())),
                  FieldDef("note", self.tr("核定依据及备注"), "multiline")]
        values = {"approved_amount": "" if a.decision.approved is None else a.decision.approved,
                  "note": a.decision.note}
        if self._form(self.tr("核定金额 — {i}").format(i=item_text(a)), fields,
                      lambda v: rewards.set_amount(self.ledger, a.event.key, v), values):
            self._done(a.event.key)
            return True
        return False

    def record_payment(self) -> bool:
        chosen = self.selected()
        if len(chosen) != 1 or chosen[0].status not in (DUE, DECLINED):
            return False
        a = chosen[0]
        fields = [FieldDef("amount_paid", self.tr("累计已发放（万元）"), "number", required=True),
                  FieldDef("paid_on", self.tr("发放日期"), "date"),
                  FieldDef("note", self.tr("备注"), placeholder=self.tr("拨付文号、凭证号等"))]
        values = {"amount_paid": a.paid or a.due, "paid_on": a.decision.paid_on or date.today().isoformat(),
                  "note": a.decision.note}
        if self._form(self.tr("登记发放 — {e}").format(e=a.event.enterprise), fields,
                      lambda v: rewards.record_payment(self.ledger, a.event.key, v), values):
            self._done(a.event.key)
            return True
        return False

    def _try(self, fn) -> bool:
        try:
            fn()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("奖补测算"), str(exc))
            return False
        return True

    def group(self) -> bool:
        keys = self.selected_keys()
        if self._try(lambda: rewards.group(self.ledger, keys)):
            self._done(keys[0])
            return True
        return False

    def ungroup(self) -> bool:
        keys = self.selected_keys()
        if len(keys) == 1 and self._try(lambda: rewards.ungroup(self.ledger, keys[0])):
            self._done(keys[0])
            return True
        return False

    def add_item(self) -> str | None:
        rules = rewards.rules(self.ledger)
        options = [(r.id, f"{rewards.numeral(r.policy_seq)}、{r.policy_title}：{r.level}{event_label(r.event)}"
                           f"（{r.standard_text()}）") for r in rules]
        fields = [FieldDef("rule_id", self.tr("政策条款"), "ref", required=True, options=options),
                  FieldDef("year", self.tr("年度"), "int", required=True),
                  PickerField("enterprise_id", self.tr("受奖企业"), "picker", source=enterprise_source(),
                              ledger=self.ledger),
                  FieldDef("holder", self.tr("受奖单位（非企业）")),
                  FieldDef("description", self.tr("事项说明"), "multiline", required=True),
                  FieldDef("approved_amount", self.tr("核定金额（万元）"), "number"),
                  FieldDef("note", self.tr("备注"))]
        manual = next((r.id for r in rules if r.event == "major_project"), None)
        values = {"year": self.year.currentData() or date.today().year, "rule_id": manual}
        saved: list[str] = []
        if self._form(self.tr("新增奖补事项"), fields, lambda v: saved.append(rewards.add_manual(self.ledger, v)),
                      values):
            self._done(saved[0])
            return saved[0]
        return None

    def delete_item(self) -> bool:
        keys = self.selected_keys()
        if len(keys) != 1:
            return False
        if QMessageBox.question(self, self.tr("删除事项"), self.tr("确定删除所选奖补事项吗？")) \
                != QMessageBox.StandardButton.Yes:
            return False
        if self._try(lambda: rewards.delete_manual(self.ledger, keys[0])):
            self._done()
            return True
        return False

    def show_policy(self) -> QDialog:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.info.caption)
        dialog.resize(720, 620)
        text = QTextBrowser(objectName="policy_text")
        parts = [f"<h3 align='center'>{self.info.title}</h3>"]
        for seq, title, body in self.info.clauses:
            parts.append(f"<p><b>{rewards.numeral(seq)}、{title}</b></p><p>{body}</p>")
        parts.append(f"<p>{self.info.rule_text}</p>")
        text.setHtml("".join(parts))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self._last_dialog = dialog
        dialog.show()
        return dialog

    def print_form(self, fmt: str, out: str | None = None):
        spec = printing.registry()["rewards"]
        year = self.year.currentData() or date.today().year
        return report_menu.print_report(self, spec, out=out, fmt=fmt, params={"year": year})


def open_rewards(window) -> RewardsWindow:
    return open_single(window, "_rewards_window", RewardsWindow)
