"""An uncaught exception in the window: a Chinese dialog, the details copied, a log file kept."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app import crash_log
from ui import crash_dialog


def raise_and_hook(exc):
    try:
        raise exc
    except type(exc):
        sys.excepthook(*sys.exc_info())


def test_uncaught_error_shows_dialog_copies_details_and_is_logged(qapp, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    log = tmp_path / "logs" / "ledger.log"
    crash_dialog.install(log)
    seen = {}

    def on_dialog():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, crash_dialog.CrashDialog):
            QTimer.singleShot(20, on_dialog)
            return
        seen["text"] = " ".join(label.text() for label in dialog.findChildren(crash_dialog.QLabel))
        seen["buttons"] = [b.text() for b in dialog.findChildren(crash_dialog.QPushButton)]
        dialog.copy_button.click()
        seen["clipboard"] = QApplication.clipboard().text()
        dialog.reject()

    QTimer.singleShot(0, on_dialog)
    raise_and_hook(ValueError("台账写入失败"))
    assert "没有保存" in seen["text"] and str(log) in seen["text"] and "台账写入失败" in seen["text"]
    assert "复制详细信息" in seen["buttons"]
    assert "Traceback" in seen["clipboard"] and "ValueError: 台账写入失败" in seen["clipboard"]
    logged = log.read_text(encoding="utf-8")
    assert "ValueError: 台账写入失败" in logged and "raise_and_hook" in logged


def test_log_rotates_instead_of_growing(tmp_path):
    log = crash_log.setup(tmp_path / "ledger.log")
    for _ in range(1200):
        crash_log.record(RuntimeError, RuntimeError("x" * 1000), None)
    assert log.stat().st_size <= 1_100_000
    assert (tmp_path / "ledger.log.1").exists()
