"""调度设置: the office's due-date rule (weekend / holiday moves the 1st on, default off)."""

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from desktop_app.errors import ValidationError
from desktop_app.services.tasks import progress
from ui.common.buttons import ok_cancel


class ScheduleSettingsDialog(QDialog):
    def __init__(self, ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle(self.tr("调度设置"))
        rule = progress.office_rule(ledger)
        self.weekend = QCheckBox(self.tr("截止日遇周六、周日或下列节假日，顺延至下一个工作日"), objectName="weekend")
        self.weekend.setChecked(rule.weekend_to_monday)
        self.holidays = QPlainTextEdit("\n".join(sorted(d.isoformat() for d in rule.holidays)), objectName="holidays")
        self.holidays.setPlaceholderText(self.tr("每行一个日期，如\n2026-10-01\n2026-10-02"))
        self.holidays.setFixedHeight(120)
        self.holidays.setEnabled(rule.weekend_to_monday)
        self.weekend.toggled.connect(self.holidays.setEnabled)
        note = QLabel(self.tr("默认不顺延：按晋市政办〔2020〕31号“每月1日前”报送，1日即使是周末也按1日计。"
                              "本设置同时用于月度进展的截止日和督办事项的各环节时限。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.error = QLabel(objectName="error")
        self.error.setStyleSheet("color: #c0392b;")
        buttons = ok_cancel(self, self.tr("保存"), saves=True)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        for w in (self.weekend, QLabel(self.tr("节假日")), self.holidays, note, self.error, buttons):
            layout.addWidget(w)

    def accept(self) -> None:
        try:
            progress.set_office_rule(self.ledger, self.weekend.isChecked(), self.holidays.toPlainText())
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
