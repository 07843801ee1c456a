"""The right-hand side of 任务清单: what the selected node holds.

A document shows its facts; a task its responsible units and its targets
(actuals counted from the ledger); an assignment its month-by-month entries
with the late flags.
"""

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import schedule
from desktop_app.services.tasks import progress, task_targets
from ui.tasks.month_models import GREEN, GREY, RED


def detail_table(name: str, heads: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(heads), objectName=name)
    t.setHorizontalHeaderLabels(heads)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.verticalHeader().hide()
    t.horizontalHeader().setStretchLastSection(True)
    t.setWordWrap(True)
    return t


def fill_table(table: QTableWidget, rows: list[list], colors: list | None = None, ids: list | None = None) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setToolTip(item.text())
            if colors and colors[r] and colors[r][c] is not None:
                item.setForeground(QBrush(colors[r][c]))
            if ids and c == 0:
                item.setData(Qt.ItemDataRole.UserRole, ids[r])
            table.setItem(r, c, item)
    if len(rows) <= 300:  # beyond that, sizing every row costs more than it shows
        table.resizeRowsToContents()


class NodeDetail(QWidget):
    target_action = Signal(str, str)  # ("add" | "edit" | "delete", target id)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.header = QLabel(objectName="detail_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.main = detail_table("detail_table", [])
        self.targets_label = QLabel(self.tr("<b>目标</b>（能从台账统计的，实际值自动计算）"))
        self.targets = detail_table("targets", [self.tr("指标"), self.tr("目标"), self.tr("实际"),
                                                self.tr("完成情况"), self.tr("统计口径")])
        self.targets.doubleClicked.connect(lambda _: self._target("edit"))
        self.target_buttons = QWidget()
        tb = QHBoxLayout(self.target_buttons)
        tb.setContentsMargins(0, 0, 0, 0)
        for action, text in (("add", self.tr("新增目标…")), ("edit", self.tr("编辑目标…")), ("delete", self.tr("删除目标"))):
            b = QPushButton(text, objectName=f"target_{action}")
            b.clicked.connect(lambda _=False, a=action: self._target(a))
            tb.addWidget(b)
        tb.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.main, 2)
        layout.addWidget(self.targets_label)
        layout.addWidget(self.targets, 1)
        layout.addWidget(self.target_buttons)

    def _target(self, action: str) -> None:
        rows = self.targets.selectionModel().selectedRows()
        if action != "add" and not rows:
            return
        target_id = self.targets.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else ""
        self.target_action.emit(action, target_id)

    def _show_targets(self, visible: bool) -> None:
        for w in (self.targets_label, self.targets, self.target_buttons):
            w.setVisible(visible)

    def show_node(self, ledger, cur, today: date) -> None:
        kind, node = cur or (None, None)
        self._show_targets(kind == "tasks")
        if kind is None:
            self.header.setText(self.tr("选择左侧的文件、重点任务、具体任务或责任单位查看详情。"))
            self._columns([])
        elif kind == "documents":
            self._document(node)
        elif kind == "key_tasks":
            self._key_task(node)
        elif kind == "tasks":
            self._task(ledger, node, today)
        else:
            self._assignment(ledger, node, today)

    def _columns(self, heads: list[str]) -> None:
        self.main.clear()
        self.main.setColumnCount(len(heads))
        self.main.setHorizontalHeaderLabels(heads)
        self.main.setRowCount(0)

    def _document(self, doc) -> None:
        k, t, a = doc.counts()
        self.header.setText(self.tr("<h3>{title}</h3>文号：{no}　发文机关：{issuer}　成文日期：{on}<br>"
                                    "重点任务 {k} 项，具体任务 {t} 项，责任分工 {a} 条").format(
            title=escape(doc.title), no=escape(doc.doc_no or "—"), issuer=escape(doc.issuer or "—"),
            on=doc.issued_on or "—", k=k, t=t, a=a))
        self._columns([self.tr("序号"), self.tr("重点任务"), self.tr("具体任务数"), self.tr("分工条数")])
        fill_table(self.main, [[key.seq, key.name, len(key.tasks), sum(len(x.assignments) for x in key.tasks)]
                          for key in doc.key_tasks])

    def _key_task(self, key) -> None:
        self.header.setText(self.tr("<h3>{n}. {name}</h3>具体任务 {t} 项").format(
            n=key.seq, name=escape(key.name), t=len(key.tasks)))
        self._columns([self.tr("具体任务"), self.tr("责任单位")])
        fill_table(self.main, [[t.name, "、".join(a.department for a in t.assignments)] for t in key.tasks])

    def _task(self, ledger, task, today: date) -> None:
        desc = f"<br><span style='color:#555'>{escape(task.description)}</span>" if task.description else ""
        self.header.setText(self.tr("<h3>{name}</h3>责任单位 {n} 个{desc}").format(
            name=escape(task.name), n=len(task.assignments), desc=desc))
        self._columns([self.tr("责任单位"), self.tr("分工"), self.tr("责任领导"), self.tr("责任科室"),
                       self.tr("具体承办人"), self.tr("最新进展")])
        fill_table(self.main, [[a.department, a.role_text, a.joined(0), a.joined(1), a.joined(2),
                           f"{a.latest[0]} {a.latest[1]}" if a.latest else self.tr("未报")] for a in task.assignments])
        rows, colors, ids = [], [], []
        for t in task_targets.for_task(ledger, task.id, today=today):
            for y in t.years or ():
                actual = "—" if y.actual is None else f"{y.actual:g}"
                rows.append([t.indicator, f"{y.year}年 {y.value:g}{t.measure_unit}", actual + (t.measure_unit if
                             y.actual is not None else ""), y.state_text, t.metric_text])
                state = RED if y.reached is False else GREEN if y.reached else None
                colors.append([None, None, None, state, GREY])
                ids.append(t.id)
        fill_table(self.targets, rows, colors, ids)
        self.targets.setColumnWidth(0, 200)
        self.targets.setColumnWidth(1, 110)
        self.targets.setColumnWidth(2, 70)
        self.targets.setColumnWidth(3, 70)

    def _assignment(self, ledger, node, today: date) -> None:
        contacts = "<br>".join(escape("　".join(x for x in c if x)) for c in node.contacts) or "—"
        self.header.setText(self.tr("<h3>{d}（{r}）</h3>{c}").format(d=escape(node.department), r=node.role_text,
                                                                      c=contacts))
        self._columns([self.tr("报送期"), self.tr("推进状态"), self.tr("报送日期"), self.tr("报送情况"),
                       self.tr("本月工作进展"), self.tr("存在问题"), self.tr("下步打算"), self.tr("印证材料")])
        rows, colors = [], []
        for line in progress.assignment_schedule(ledger, node.id, today):
            e, check, n = line.entry, line.check, line.evidence_files
            rows.append([schedule.period_label(line.period), e["status"] if e else "", e["submitted_on"] if e else "",
                         check.text,
                         e["work_done"] if e else "", e["problems"] if e else "", e["next_steps"] if e else "",
                         self.tr("{n} 份").format(n=n) if n else ""])
            colors.append([None, None, None, RED if check.flagged else GREEN if check.state == schedule.ON_TIME else GREY,
                           None, None, None, None])
        fill_table(self.main, rows, colors)
        for c, w in enumerate((84, 60, 86, 130, 230, 130, 130)):
            self.main.setColumnWidth(c, w)
