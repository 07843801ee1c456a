"""销号 for one enterprise and period: which conditions of the rule hold, the county's decision, history."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import i18n
from desktop_app.domain.coverage import CONDITIONS, NOT_STARTED, PENDING, SIGNED_OFF
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import evidence
from desktop_app.services.enterprises import signoff
from desktop_app.services.ledger import Ledger
from ui.common.buttons import ok_cancel

STATE_STYLE = {SIGNED_OFF: "background:#e3f4e3; color:#1b6b1b;", PENDING: "background:#fff4d6; color:#8a5a00;",
               NOT_STARTED: "background:#f4e3e3; color:#8a1b1b;"}


def state_badge(label: QLabel, state: str) -> None:
    label.setText(f" {state} ")
    label.setStyleSheet(STATE_STYLE.get(state, "") + " border-radius:3px; padding:2px 6px; font-weight:bold;")


class ReasonDialog(QDialog):
    """One reason, required or not; the service checks it and the dialog shows why not."""

    def __init__(self, title: str, prompt: str, action, parent=None, *, default: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.action = action
        self.text = QPlainTextEdit(default, objectName="reason")
        self.text.setTabChangesFocus(True)
        self.error = QLabel(objectName="error")
        self.error.setStyleSheet("color:#c00;")
        self.error.hide()
        self.buttons = ok_cancel(self)
        v = QVBoxLayout(self)
        v.addWidget(QLabel(prompt))
        v.addWidget(self.text)
        v.addWidget(self.error)
        v.addWidget(self.buttons)
        self.resize(460, 220)

    def accept(self) -> None:
        try:
            self.action(self.text.toPlainText())
        except (ValidationError, UserError) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


class SignoffPanel(QWidget):
    """Refreshed by its page when the ledger changes (a decision here is such a change)."""

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.enterprise_id: str | None = None
        self.period = ""
        self.state = QLabel(objectName="signoff_state")
        self.title = QLabel()
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.state)
        head.addStretch(1)
        grid = QGridLayout()
        self.marks: dict[str, QLabel] = {}
        for i, (key, label) in enumerate(CONDITIONS):
            mark = QLabel(objectName=f"cond_{key}")
            self.marks[key] = mark
            grid.addWidget(QLabel(i18n.tr(label)), i // 2, (i % 2) * 2)
            grid.addWidget(mark, i // 2, (i % 2) * 2 + 1)
        self.verdict = QLabel(objectName="verdict")
        self.verdict.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("确认销号"), objectName="confirm")
        self.reject_button = QPushButton(self.tr("退回…"), objectName="reject")
        self.revoke_button = QPushButton(self.tr("撤销销号…"), objectName="revoke")
        self.evidence_button = QPushButton(self.tr("添加印证材料…"), objectName="add_evidence")
        self.evidence_button.setToolTip(self.tr("把批准文件、立项文件、研发费用辅助账、照片等附到本期调查表"))
        self.evidence_button.clicked.connect(self.pick_evidence)
        self.confirm_button.clicked.connect(self.confirm)
        self.reject_button.clicked.connect(lambda: self._with_reason("reject"))
        self.revoke_button.clicked.connect(lambda: self._with_reason("revoke"))
        actions = QHBoxLayout()
        for b in (self.evidence_button, self.confirm_button, self.reject_button, self.revoke_button):
            actions.addWidget(b)
        actions.addStretch(1)
        self.township_note = QLabel(self.tr("销号由县级创新活动小组审核确认；本台账为乡镇台账，只能查看销号状态。"))
        self.township_note.setStyleSheet("color:#666;")
        self.history = QTableWidget(0, 5, objectName="history")
        self.history.setHorizontalHeaderLabels([self.tr("时间"), self.tr("报送期"), self.tr("决定"),
                                                self.tr("理由"), self.tr("操作人")])
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history.setColumnWidth(0, 130)
        self.history.setColumnWidth(1, 70)
        self.history.setColumnWidth(2, 70)
        self.history.setWordWrap(True)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        v = QVBoxLayout(self)
        v.addLayout(head)
        v.addLayout(grid)
        v.addWidget(self.verdict)
        v.addLayout(actions)
        v.addWidget(self.township_note)
        v.addWidget(QLabel(self.tr("销号记录")))
        v.addWidget(self.history, 1)
        county = signoff.can_decide(ledger)
        for b in (self.confirm_button, self.reject_button, self.revoke_button):
            b.setVisible(county)
        self.township_note.setVisible(not county)

    def show_enterprise(self, enterprise_id: str | None, period: str) -> None:
        self.enterprise_id, self.period = enterprise_id, period
        self.refresh()

    def refresh(self) -> None:
        if not self.enterprise_id or not self.period:
            self.setEnabled(False)
            return
        self.setEnabled(True)
        st = signoff.status(self.ledger, self.enterprise_id, self.period)
        self.current = st
        self.title.setText(self.tr("{p} 报送期：").format(p=self.period))
        state_badge(self.state, st.state)
        for key, mark in self.marks.items():
            held = bool(getattr(st.check, key))
            mark.setText("✔" if held else "✘")
            mark.setStyleSheet("color:#1b6b1b; font-weight:bold;" if held else "color:#b00; font-weight:bold;")
        if st.signed_off:
            text = self.tr("已于 {p} 销号（{who}，{at}）").format(
                p=st.latest.period, who=st.latest.decided_by, at=st.latest.decided_at[:10])
        elif st.check.eligible:
            text = self.tr("符合销号条件：有研发机构、研发活动或其他创新活动之一，并有印证材料；待县级确认。")
        else:
            text = self.tr("暂不符合销号条件：") + "；".join(st.check.reasons)
        if st.latest is not None and st.latest.decision == signoff.REJECTED:
            text += "\n" + self.tr("上次被退回：{r}").format(r=st.latest.reason)
        self.verdict.setText(text)
        self.confirm_button.setEnabled(st.check.eligible and not st.signed_off)
        self.reject_button.setEnabled(st.survey_id is not None and not st.signed_off)
        self.revoke_button.setEnabled(st.signed_off)
        self.evidence_button.setEnabled(st.survey_id is not None and not st.signed_off)
        self.evidence_button.setToolTip(self.tr("把批准文件、立项文件、研发费用辅助账、照片等附到本期调查表")
                                        if st.survey_id else self.tr("请先填报本期调查表"))
        rows = signoff.history(self.ledger, self.enterprise_id)
        self.history.setRowCount(len(rows))
        for r, d in enumerate(rows):
            for c, text in enumerate((d.decided_at[:16].replace("T", " "), d.period, d.label, d.reason,
                                      d.decided_by)):
                self.history.setItem(r, c, QTableWidgetItem(text))
        self.history.resizeRowsToContents()

    def pick_evidence(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择印证材料"), str(Path.home()),
                                                self.tr("文档和图片 (*.pdf *.jpg *.jpeg *.png *.doc *.docx "
                                                        "*.xls *.xlsx *.ofd);;所有文件 (*)"))
        if paths:
            self.add_evidence(paths)

    def add_evidence(self, paths: list[str]) -> int:
        """Attach files to this period's return; each one that fails says why. Returns how many were added."""
        survey_id = getattr(getattr(self, "current", None), "survey_id", None)
        if not survey_id:
            return 0
        added, problems = 0, []
        for p in paths:
            try:
                evidence.attach(self.ledger, "surveys", survey_id, p)
                added += 1
            except UserError as exc:
                problems.append(str(exc))
        if problems:
            QMessageBox.warning(self, self.tr("添加印证材料"), "\n".join(problems))
        return added

    def confirm(self) -> None:
        try:
            signoff.confirm(self.ledger, self.enterprise_id, self.period)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("确认销号"), str(exc))

    def _with_reason(self, what: str) -> bool:
        if what == "reject":
            title, prompt = self.tr("退回"), self.tr("退回理由（企业和乡镇会看到，如：缺少研发机构批准文件）：")
            action = lambda reason: signoff.reject(self.ledger, self.enterprise_id, self.period, reason)  # noqa: E731
        else:
            title, prompt = self.tr("撤销销号"), self.tr("撤销理由：")
            action = lambda reason: signoff.revoke(self.ledger, self.enterprise_id, self.period, reason)  # noqa: E731
        dialog = ReasonDialog(title, prompt, action, self)
        self._last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return True
