"""数据交换 → 生成回执 (a city): tell a 县（市、区） what this ledger holds of its rows, so its next 报送包
carries only what changed since."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop_app.services.exchange import receipt
from ui.common.background import BackgroundTask
from ui.exchange import package_files


def choose_and_export(window, unit: str | None = None, out: str | None = None) -> BackgroundTask | None:
    title = QCoreApplication.translate("receipt_flow", "生成回执")
    if unit is None:
        names = receipt.reported_units(window.ledger)
        if not names:
            QMessageBox.information(window, title, QCoreApplication.translate(
                "receipt_flow", "还没有导入过任何县（市、区）的报送包，无需回执"))
            return None
        unit, ok = QInputDialog.getItem(window, title, QCoreApplication.translate("receipt_flow", "发给"), names, 0, False)
        if not ok:
            return None
    if out is None:
        out = package_files.ask_save(window, title, receipt.default_file_name(window.ledger, unit),
                                     QCoreApplication.translate("receipt_flow", "回执包 (*.bsb)"))
        if not out:
            return None
    task = package_files.on_ledger(window, QCoreApplication.translate("receipt_flow", "正在生成回执…"),
                                   lambda ledger, _progress: receipt.export_for(ledger, unit, out))
    window._receipt_task = task

    def done(written) -> None:
        window._receipt_task = None
        n = written.counts.get(receipt.ACCEPTED_TABLE, 0)
        QMessageBox.information(window, title, QCoreApplication.translate(
            "receipt_flow", "已生成 {path}\n本台账已有{unit}报送的 {n} 条记录。\n请把这个文件交给{unit}导入，"
            "其下次报送只含此后新增或改过的数据。").format(path=written.path, unit=written.unit, n=n))
    return task.start(done)
