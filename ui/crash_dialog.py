"""An uncaught error in the window is shown, not lost: what happened, whether it was saved,
where the log is, and a button that copies the details for whoever helps."""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop_app import crash_log


class CrashDialog(QDialog):
    def __init__(self, summary: str, details: str, log: Path | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("程序出错"))
        self.details = details
        where = str(log) if log else self.tr("（日志文件无法写入）")
        text = QLabel(self.tr(
            "<p><b>程序遇到了意外错误：</b>{summary}</p>"
            "<p>刚才这一步操作没有保存：每次保存都是完整的一步，出错时整步撤回。"
            "在此之前已保存的台账数据不受影响。</p>"
            "<p>详细记录已写入日志文件：<br>{log}</p>"
            "<p>请点“复制详细信息”，把内容发给技术支持。建议关闭程序后重新打开。</p>").format(
            summary=summary.replace("<", "&lt;"), log=where))
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QPlainTextEdit(details)
        box.setReadOnly(True)
        box.setObjectName("details")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("复制详细信息"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(box)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("已复制"))


def install(log: Path | None = None) -> None:
    """Every uncaught exception goes to the log and to a dialog (the bundle has no console)."""
    try:
        path = crash_log.setup(log)
    except OSError:
        path = None

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = crash_log.record(exc_type, exc, tb) if path else crash_log.details(exc_type, exc, tb)
        if sys.stderr is not None:
            print(details, file=sys.stderr)
        if QApplication.instance() is None:
            return
        summary = f"{exc_type.__name__}: {exc}"
        CrashDialog(summary, details, path, QApplication.activeWindow()).exec()

    sys.excepthook = hook
