"""督办事项: ad-hoc items on the 13710 rhythm, with the next step's countdown, until 销号."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import schedule
from desktop_app.domain.dates import parse_date
from desktop_app.errors import UserError, ValidationError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import tasks, units
from desktop_app.services.tasks import supervision
from ui.common.buttons import ok_cancel, save_shortcut
from ui.common.flow_layout import FlowLayout
from ui.common.ledger_view import LedgerView
from ui.common.record_dialog import FieldDef, RecordDialog
from ui.tasks.evidence_list import EvidenceList
from ui.tasks.month_models import GREY, ORANGE, RED, ROW_ROLE, ItemTable
from ui.tasks.month_page import list_view


class ItemModel(ItemTable):
    columns = (
        ("title", QT_TRANSLATE_NOOP("ItemModel", "督办事项")), ("department", QT_TRANSLATE_NOOP("ItemModel", "责任单位")),
        ("kind", QT_TRANSLATE_NOOP("ItemModel", "类别")), ("assigned", QT_TRANSLATE_NOOP("ItemModel", "交办日期")),
        ("step", QT_TRANSLATE_NOOP("ItemModel", "当前环节")), ("due", QT_TRANSLATE_NOOP("ItemModel", "时限")),
        ("countdown", QT_TRANSLATE_NOOP("ItemModel", "倒计时")), ("task", QT_TRANSLATE_NOOP("ItemModel", "关联任务")),
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        it: supervision.Item = self.items[index.row()]
        key = self.key(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and key in ("due", "countdown"):
                s = it.schedule
                return self.tr("制定方案 {a}；反馈进展 {b}；办结销号 {c}").format(a=s.plan, b=s.progress, c=s.close)
            if role == Qt.ItemDataRole.ToolTipRole and key == "title" and it.detail:
                return f"{it.title}\n{it.detail}"
            if key == "countdown" and it.state.closed:
                late = self.tr("，超时") if schedule.CLOSE in it.state.late_steps else ""
                return self.tr("{d} 销号{late}").format(d=it.done[schedule.CLOSE].strftime("%m-%d"), late=late)
            return {"title": it.title, "department": it.department, "kind": it.kind_text,
                    "assigned": it.assigned_on.isoformat(), "step": it.next_step_text,
                    "due": (it.state.due or it.schedule.close).isoformat(),
                    "countdown": it.countdown_text, "task": it.task}[key]
        if role == Qt.ItemDataRole.ForegroundRole:
            if it.state.closed:
                return QBrush(GREY)
            if key == "countdown" and it.state.overdue:
                return QBrush(RED)
            if key == "countdown" and it.state.days_left <= 3:
                return QBrush(ORANGE)
        if role == ROW_ROLE:
            return it
        return None


class StepDialog(QDialog):
    """Record the current step as done: the date, and for 销号 the 办结情况."""

    def __init__(self, item: supervision.Item, today: date, parent=None):
        super().__init__(parent)
        self.step = item.state.step
        self.setWindowTitle(self.tr("{step} — {t}").format(step=item.next_step_text, t=item.title))
        self.on = QLineEdit(today.isoformat(), objectName="on")
        self.note = QPlainTextEdit(item.close_note, objectName="close_note")
        self.note.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.tr("完成日期"), self.on)
        if self.step == schedule.CLOSE:
            form.addRow(self.tr("办结情况"), self.note)
        due = QLabel(self.tr("时限 {d}（{c}）").format(d=item.state.due, c=item.countdown_text))
        form.addRow("", due)
        buttons = ok_cancel(self, self.tr("保存"), saves=True)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class FilesDialog(QDialog):
    """The item's 印证材料: a written timeline for a major item, the materials that close it."""

    def __init__(self, ledger, item: supervision.Item, parent=None):
        super().__init__(parent)
        self.ledger, self.item = ledger, item
        self.setWindowTitle(self.tr("印证材料 — {t}").format(t=item.title))
        self.setMinimumWidth(560)
        self.files = EvidenceList(ledger, "supervision_items", item.id, self)
        self.files.list.setMaximumHeight(220)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        save_shortcut(self, buttons.button(QDialogButtonBox.StandardButton.Save))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("重大事项的书面时间表、办结销号的证明材料等，保存在台账内随台账备份。")))
        layout.addWidget(self.files)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            supervision.save_files(self.ledger, self.item.id, self.files.to_attach, self.files.to_detach)
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        super().accept()


class SupervisionPage(LedgerView, QWidget):
    shows = frozenset({"supervision_items", "tasks", "departments", "evidence_files", "settings"})

    def __init__(self, ledger, parent=None, *, today: date | None = None):
        super().__init__(parent)
        self.ledger, self.today = ledger, today
        self.model = ItemModel(self)
        self.view = list_view(self.model, "items")
        for col, width in enumerate((300, 150, 50, 90, 80, 90, 130)):
            self.view.setColumnWidth(col, width)
        self.view.doubleClicked.connect(lambda _: self.edit_current())
        QShortcut(QKeySequence.StandardKey.Delete, self.view, activated=self.delete_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.open_only = QCheckBox(self.tr("只看在办"), objectName="open_only")
        self.open_only.toggled.connect(lambda _: self.refresh())
        self.summary = QLabel(objectName="summary")
        bar = FlowLayout()  # wraps on a narrow window
        bar.addWidget(self.open_only)
        bar.addWidget(self.summary)
        bar.addStretch(1)
        self.buttons = {}
        for key, text, slot in (("add", self.tr("新增督办…"), self.add_item), ("step", self.tr("完成当前环节…"), self.step_current),
                                ("files", self.tr("印证材料…"), self.files_current), ("edit", self.tr("编辑…"), self.edit_current),
                                ("delete", self.tr("删除"), self.delete_current)):
            b = QPushButton(text, objectName=f"item_{key}")
            b.clicked.connect(slot)
            bar.addWidget(b)
            self.buttons[key] = b
        rule = QLabel(self.tr("13710 工作法：交办当天制定方案，3 日内反馈进展，一般事项 7 日内办结，重大事项 1 个月内办结或按书面时间表推进，"
                              "直至销号。时限由系统按交办日期计算。"))
        rule.setWordWrap(True)
        rule.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(rule)
        self.mark_stale()  # filled when first shown
        self.watch_ledger(ledger)

    def _today(self) -> date:
        return self.today or date.today()

    def refresh(self) -> None:
        found = supervision.items(self.ledger, today=self._today())
        s = supervision.summary(found)
        self.model.set_items([i for i in found if not (self.open_only.isChecked() and i.state.closed)])
        self.summary.setText(self.tr("共 {t} 项：在办 {o} 项（超期 {x} 项），已销号 {c} 项").format(
            t=s["total"], o=s["open"], x=s["overdue"], c=s["closed"]))

    def current(self) -> supervision.Item | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def _fields(self) -> list[FieldDef]:
        depts = [c.name for c in units.departments(self.ledger)]
        task_opts = [(t.id, f"{k.seq}. {t.name}") for d in tasks.tree(self.ledger) for k in d.key_tasks for t in k.tasks]
        return [
            FieldDef("title", self.tr("督办事项"), required=True),
            FieldDef("detail", self.tr("督办内容"), "multiline"),
            FieldDef("department", self.tr("责任单位"), "choice", options=depts),
            FieldDef("task_id", self.tr("关联任务"), "ref", options=task_opts),
            FieldDef("major", self.tr("重大事项"), "bool"),
            FieldDef("assigned_on", self.tr("交办日期"), "date", required=True),
            FieldDef("timeline", self.tr("书面时间表时限"), "date", placeholder=self.tr("重大事项按书面时间表推进时填写")),
            FieldDef("planned_on", self.tr("方案制定日期"), "date"),
            FieldDef("progress_on", self.tr("进展反馈日期"), "date"),
            FieldDef("closed_on", self.tr("销号日期"), "date"),
            FieldDef("close_note", self.tr("办结情况"), "multiline"),
        ]

    def _open(self, item: supervision.Item | None) -> str | None:
        values = supervision.values_of(item) if item else {"assigned_on": self._today().isoformat(),
                                                            "planned_on": self._today().isoformat()}
        title = self.tr("编辑督办事项") if item else self.tr("新增督办事项")
        dialog = RecordDialog(title, self._fields(), lambda v: supervision.save(
            self.ledger, v, item.id if item else None, today=self._today()), values, self)
        self._last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self._after_write(dialog.result_value)
        return dialog.result_value

    def _after_write(self, item_id: str | None) -> None:
        """The write refreshed the list (the ledger's change): select what it was about."""
        for i, it in enumerate(self.model.items):
            if it.id == item_id:
                self.view.selectRow(i)

    def add_item(self) -> str | None:
        return self._open(None)

    def edit_current(self) -> str | None:
        item = self.current()
        return self._open(item) if item else None

    def step_current(self) -> None:
        item = self.current()
        if item is None or item.state.closed:
            return
        dialog = StepDialog(item, self._today(), self)
        self._last_dialog = dialog
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                on = parse_date(dialog.on.text())
                supervision.mark_step(self.ledger, item.id, dialog.step, on, dialog.note.toPlainText(),
                                      today=self._today())
            except ValueError:
                QMessageBox.warning(self, dialog.windowTitle(), self.tr("完成日期格式应为 2026-11-21"))
                continue
            except (ValidationError, UserError) as exc:
                QMessageBox.warning(self, dialog.windowTitle(), str(exc))
                continue
            self._after_write(item.id)
            return

    def files_current(self) -> None:
        item = self.current()
        if item is None:
            return
        dialog = FilesDialog(self.ledger, item, self)
        self._last_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_write(item.id)

    def delete_current(self) -> None:
        item = self.current()
        if item is None:
            return
        if QMessageBox.question(self, self.tr("删除督办事项"), self.tr("确定删除“{t}”吗？").format(t=item.title)) \
                != QMessageBox.StandardButton.Yes:
            return
        supervision.delete(self.ledger, item.id)
        self._after_write(None)
