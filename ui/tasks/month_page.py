"""本月调度: what is due this month, what is late, per unit — the clerk's page at the start of a month."""

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import schedule
from desktop_app.domain.dates import cn_date
from desktop_app.services import printing
from desktop_app.services.tasks import progress, supervision
from ui import report_menu
from ui.common.flow_layout import FlowLayout
from ui.common.ledger_view import LedgerView
from ui.common.list_actions import office_list
from ui.tasks.month_models import ROW_ROLE, EntryModel, UnitModel
from ui.tasks.progress_dialog import ProgressDialog


def list_view(model, name: str) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(24)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)  # one line per cell, elided: the full text is in the tooltip (and paints faster)
    view.list_actions = office_list(view, f"tasks_{name}")  # remembered widths, 复制 and 导出为 Excel…
    return view


class MonthPage(LedgerView, QWidget):
    shows = frozenset({"documents", "key_tasks", "tasks", "assignments", "assignment_contacts", "departments",
                       "progress_entries", "evidence_files", "supervision_items", "settings"})

    def __init__(self, ledger, parent=None, *, today: date | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.today = today
        self.view_data: progress.MonthView | None = None
        self.unit_filter: str | None = None

        self.period = QComboBox(objectName="period")
        for p in progress.period_choices(self.today):
            self.period.addItem(schedule.period_label(p), p)
        self.period.setCurrentIndex(max(0, self.period.findData(progress.this_period(self.today))))
        self.period.currentIndexChanged.connect(lambda _: self.refresh())
        self.only_flagged = QCheckBox(self.tr("只看逾期、未报"), objectName="only_flagged")
        self.only_flagged.toggled.connect(lambda _: self._filter())
        self.search = QLineEdit(objectName="month_search")
        self.search.setPlaceholderText(self.tr("筛选任务、单位、承办人"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self._filter)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.fill_button = QPushButton(self.tr("填报进展…"), objectName="fill")
        self.fill_button.setToolTip(self.tr("选中一行后按回车也可填报"))
        self.fill_button.clicked.connect(self.fill_current)
        bar = FlowLayout()  # wraps on a narrow window
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("报送期")))
        period.addWidget(self.period)
        bar.addLayout(period)
        bar.addWidget(self.search)
        bar.addWidget(self.only_flagged)
        bar.addStretch(1)
        bar.addWidget(self.fill_button)
        county = ledger.unit.level in ("county", "city")  # a lower unit ranks nobody and issues no brief
        for text, name in ((self.tr("推进情况表…"), "task-progress"), (self.tr("通报排名…"), "ranking"),
                           (self.tr("报送情况表…"), "submissions")):
            b = QPushButton(text, objectName=f"print_{name}")
            b.clicked.connect(lambda _=False, n=name: self.print_form(n))
            b.setVisible(county or name == "task-progress")  # which units reported: the county's view
            bar.addWidget(b)
        brief = QPushButton(self.tr("月度通报…"), objectName="brief")
        brief.clicked.connect(self.open_brief)
        brief.setVisible(county)
        bar.addWidget(brief)

        self.banner = QLabel(objectName="banner")
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setWordWrap(True)
        self.units = UnitModel(self)
        self.unit_view = list_view(self.units, "units")
        for col, width in enumerate((40, 150, 40, 40, 40, 40, 64)):  # fixed: sizing to contents reads every cell
            self.unit_view.setColumnWidth(col, width)
        self.unit_view.selectionModel().selectionChanged.connect(self._unit_selected)
        self.show_all = QPushButton(self.tr("显示全部单位"), objectName="show_all")
        self.show_all.clicked.connect(self.unit_view.clearSelection)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.unit_view, 1)
        lv.addWidget(self.show_all)
        self.entries = EntryModel(self)
        self.entry_view = list_view(self.entries, "entries")
        for col, width in enumerate((170, 200, 64, 90, 150, 64, 260, 160, 90)):
            self.entry_view.setColumnWidth(col, width)
        self.entry_view.doubleClicked.connect(lambda _: self.fill_current())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.entry_view, activated=self.fill_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.entry_view)
        split.setSizes([440, 860])
        self.count_label = QLabel(objectName="count")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        layout.addWidget(self.count_label)
        self.mark_stale()  # filled when first shown
        self.watch_ledger(ledger)

    @property
    def current_period(self) -> str:
        return self.period.currentData()

    def refresh(self) -> None:
        today = self.today or date.today()
        self.view_data = progress.month_view(self.ledger, self.current_period, today=today)
        v = self.view_data
        ranked = v.ranked()
        self.units.set_units([r.stats for r in ranked] + [u for u in v.units if not u.due], ranked)
        self._filter()
        c = v.counts()
        items = supervision.summary(supervision.items(self.ledger, today=today))
        due = cn_date(v.due)
        left = schedule.countdown(v.due, today)
        state = (self.tr("还剩 {n} 天").format(n=left) if left > 0 else self.tr("今天截止") if left == 0
                 else self.tr("已过截止日 {n} 天").format(n=-left))
        self.banner.setText(self.tr(
            "<b>{p}</b> 进展应于 <b>{due}</b> 前报送（{state}）：应报 {n} 条，按时 <span style='color:#1e7d32'>{a}</span> 条，"
            "逾期 <span style='color:#c0392b'><b>{b}</b></span> 条，未报 <span style='color:#c0392b'><b>{m}</b></span> 条"
            "{pending}。　督办事项在办 {open} 项，<span style='color:#c0392b'>超期 {over} 项</span>，3 日内到期 {soon} 项。").format(
            p=schedule.period_label(v.period), due=due, state=state, n=len(v.rows), a=c["on_time"], b=c["late"],
            m=c["missing"], pending=self.tr("，未到期 {n} 条").format(n=c["pending"]) if c["pending"] else "",
            open=items["open"], over=items["overdue"], soon=items["due_soon"]))

    def _unit_selected(self, *_args) -> None:
        rows = self.unit_view.selectionModel().selectedRows()
        self.unit_filter = self.units.data(rows[0], ROW_ROLE).unit if rows else None
        self._filter()

    def _filter(self) -> None:
        if self.view_data is None:
            return
        text = self.search.text().strip()
        flagged = self.only_flagged.isChecked()
        rows = [r for r in self.view_data.rows
                if (self.unit_filter is None or r.department == self.unit_filter)
                and (not flagged or r.check.flagged)
                and (not text or text in r.task or text in r.department or text in r.handler or text in r.key_task)]
        self.entries.set_items(rows)
        self.count_label.setText(self.tr("显示 {n} / {all} 条").format(n=len(rows), all=len(self.view_data.rows)))

    def current_row(self):
        rows = self.entry_view.selectionModel().selectedRows()
        return self.entries.data(rows[0], ROW_ROLE) if rows else None

    def fill_current(self) -> str | None:
        row = self.current_row()
        if row is None:
            return None
        dialog = ProgressDialog(self.ledger, row.assignment_id, self.current_period, self, today=self.today)
        self._last_dialog = dialog
        if dialog.exec() != ProgressDialog.DialogCode.Accepted:
            return None
        selected = row.assignment_id  # the save refreshed the page (the ledger's change)
        for i, r in enumerate(self.entries.items):
            if r.assignment_id == selected:
                self.entry_view.selectRow(i)
                break
        return dialog.saved_id

    def print_form(self, name: str, *, out: str | None = None, fmt: str = "pdf"):
        return report_menu.print_report(self, printing.registry()[name], out=out,
                                        params={"period": self.current_period}, fmt=fmt)

    def open_brief(self) -> None:
        from ui.tasks.brief_dialog import BriefDialog

        dialog = BriefDialog(self.ledger, self.current_period, self)
        self._last_dialog = dialog
        dialog.exec()
