"""数据交换 → 生成报送包: the period, a file name, then the package of what changed since the county's last
acceptance (or 空表上报); refused, with the reason, while the period's 审核 has a blocking finding."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop_app.services import periods, review
from desktop_app.services.exchange import submit
from ui.common.background import BackgroundTask
from ui.exchange import package_files


def choose_and_export(window, period: str | None = None, out: str | None = None) -> BackgroundTask | None:
    title = QCoreApplication.translate("submit_flow", "生成报送包")
    if period is None:
        choices = list(dict.fromkeys([periods.default_period(window.ledger), *review.periods(window.ledger)]))
        period, ok = QInputDialog.getItem(window, title, QCoreApplication.translate("submit_flow", "报送期"),
                                          choices, 0, True)
        if not ok or not period.strip():
            return None
    if out is None:
        out = package_files.ask_save(window, title, submit.default_file_name(window.ledger, period),
                                     QCoreApplication.translate("submit_flow", "报送包 (*.bsb)"))
        if not out:
            return None
    task = package_files.on_ledger(window, QCoreApplication.translate("submit_flow", "正在生成报送包…"),
                                   lambda ledger, _progress: submit.export_submission(ledger, period, out))
    window._submit_task = task

    def done(written) -> None:
        window._submit_task = None
        window.last_submission = written
        what = written.summary() if written.counts else QCoreApplication.translate(
            "submit_flow", "本期没有新的或改过的数据，已生成空表上报包")
        QMessageBox.information(window, title, QCoreApplication.translate(
            "submit_flow", "已生成 {path}\n{what}\n请把这个文件用 U 盘或邮件报送{parent}。").format(
            path=written.path, what=what, parent=window.ledger.unit.parent_name or ""))
    return task.start(done)
