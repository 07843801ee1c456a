"""填报月度进展: one assignment, one period — status, work done, problems, next steps, evidence.

The due date and whether the entry is late are shown as the clerk types
the 报送日期, from the same rule the reports use.
"""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from desktop_app.domain import schedule
from desktop_app.domain.dates import cn_date, parse_date
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import catalogs, tasks
from desktop_app.services.tasks import progress
from ui.tasks.evidence_list import EvidenceList

RED, GREEN, GREY = "#c0392b", "#1e7d32", "#666"


class ProgressDialog(QDialog):
    def __init__(self, ledger, assignment_id: str, period: str, parent=None, *, today: date | None = None):
        super().__init__(parent)
        self.ledger, self.assignment_id = ledger, assignment_id
        self.today = today or date.today()
        self.rule = progress.office_rule(ledger)
        self.saved_id: str | None = None
        info = tasks.get(ledger, assignment_id)
        self.setWindowTitle(self.tr("填报月度进展 — {d}").format(d=info["department"]))
        self.setMinimumWidth(640)

        head = QLabel(self.tr("<b>{task}</b>　{dept}（{role}）<br><span style='color:#666'>{key}</span>").format(
            task=info["task"], dept=info["department"], role=self.tr("牵头") if info["role"] == "lead" else self.tr("配合"),
            key=info["key_task"]))
        head.setWordWrap(True)
        self.period = QComboBox(objectName="period")
        for p in progress.period_choices(self.today):
            self.period.addItem(schedule.period_label(p), p)
        self.status = QComboBox(objectName="status")
        self.status.addItems(catalogs.progress_statuses())
        self.work_done = self._text("work_done", self.tr("本月做了什么、到了哪一步"))
        self.problems = self._text("problems", self.tr("没有可不填；状态为“滞后”时必填"))
        self.next_steps = self._text("next_steps", self.tr("下月打算做什么"))
        self.submitted_on = QLineEdit(self.today.isoformat(), objectName="submitted_on")
        self.due_label = QLabel(objectName="due")
        self.evidence = EvidenceList(ledger, "progress_entries", None, self)

        self.fields = {"period": self.period, "status": self.status, "work_done": self.work_done,
                       "problems": self.problems, "next_steps": self.next_steps, "submitted_on": self.submitted_on}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for label, key in ((self.tr("报送期"), "period"), (self.tr("推进状态"), "status"),
                           (self.tr("本月工作进展"), "work_done"), (self.tr("存在问题"), "problems"),
                           (self.tr("下步打算"), "next_steps"), (self.tr("报送日期"), "submitted_on")):
            form.addRow(label, self.fields[key])
        form.addRow("", self.due_label)
        form.addRow(self.tr("印证材料"), self.evidence)
        self.error_label = QLabel(objectName="error")
        self.error_label.setStyleSheet(f"color: {RED};")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存 (Ctrl+S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for seq in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return")):
            QShortcut(seq, self, activated=self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.period.currentIndexChanged.connect(self._load)
        self.submitted_on.textChanged.connect(self._update_due)
        i = self.period.findData(period)
        if i < 0:
            self.period.insertItem(0, schedule.period_label(period), period)
            i = 0
        self.period.setCurrentIndex(i)
        self._load()
        self.status.setFocus()

    def _text(self, name: str, hint: str) -> QPlainTextEdit:
        w = QPlainTextEdit(objectName=name)
        w.setPlaceholderText(hint)
        w.setTabChangesFocus(True)
        w.setFixedHeight(64)
        return w

    def _load(self) -> None:
        """Show what was already reported for the chosen period (or an empty form)."""
        old = progress.get_entry(self.ledger, self.assignment_id, self.period.currentData())
        self.entry_id = old["id"] if old else None
        self.status.setCurrentText(old["status"] if old else "推进中")
        for key in ("work_done", "problems", "next_steps"):
            self.fields[key].setPlainText(old[key] if old else "")
        self.submitted_on.setText((old or {}).get("submitted_on") or self.today.isoformat())
        self.evidence.owner_id = self.entry_id
        self.evidence.to_attach.clear()
        self.evidence.to_detach.clear()
        self.evidence.reload()
        self._update_due()

    def _update_due(self) -> None:
        period = self.period.currentData()
        try:
            submitted = parse_date(self.submitted_on.text())
        except ValueError:
            submitted = None
        check = schedule.check_entry(period, submitted, self.today, self.rule)
        color = RED if check.flagged else GREEN if check.state == schedule.ON_TIME else GREY
        due = cn_date(check.due)
        self.due_label.setText(self.tr("截止 {due}　<span style='color:{c}'><b>{state}</b></span>").format(
            due=due, c=color, state=check.text if submitted else self.tr("请填写报送日期")))

    def values(self) -> dict:
        return {"period": self.period.currentData(), "status": self.status.currentText(),
                "work_done": self.work_done.toPlainText(), "problems": self.problems.toPlainText(),
                "next_steps": self.next_steps.toPlainText(), "submitted_on": self.submitted_on.text()}

    def show_error(self, message: str, field: str | None) -> None:
        for w in self.fields.values():
            w.setStyleSheet("")
        if field in self.fields:
            self.fields[field].setStyleSheet(f"border: 1px solid {RED};")
            self.fields[field].setFocus()
        self.error_label.setText(message)
        self.error_label.show()

    def accept(self) -> None:
        try:
            self.saved_id = progress.save_entry(self.ledger, self.assignment_id, self.values(), today=self.today,
                                                attach=self.evidence.to_attach, detach=self.evidence.to_detach)
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        super().accept()
