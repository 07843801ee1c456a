"""数据交换 → 导入下发包 / 导入报送包: read it, show what it would change, then apply on the clerk's word."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.services.exchange import package_file, receive, share, submissions
from ui.common.background import BackgroundTask
from ui.common.window_size import size_window
from ui.exchange.distribute_window import FOLDER_KEY

CLASSES = (receive.NEW, receive.CHANGED, receive.UNCHANGED, receive.OURS_NEWER, receive.CONFLICT)


def choose_and_import(window) -> BackgroundTask | None:
    folder = str(QSettings().value(FOLDER_KEY, "") or Path.home())
    path, _ = QFileDialog.getOpenFileName(window, QCoreApplication.translate("import_flow", "导入交换包"), folder,
                                          QCoreApplication.translate("import_flow", "报送包 (*.bsb);;所有文件 (*)"))
    if not path:
        return None
    QSettings().setValue(FOLDER_KEY, str(Path(path).parent))
    return import_package(window, path)


def _work(window, path: str, dry_run: bool):
    def work(_progress):
        ledger = window.ledger.reopen()  # SQLite connections stay in their thread
        try:
            return receive.import_package(ledger, path, dry_run=dry_run)
        finally:
            ledger.close()
    return work


def import_package(window, path: str) -> BackgroundTask:
    """Check and classify in the background; the preview opens when done."""
    task = BackgroundTask(window, QCoreApplication.translate("import_flow", "正在读取交换包…"), _work(window, path, True))
    window._exchange_task = task

    def done(result: receive.Result):
        window._exchange_task = None
        if result.already:
            QMessageBox.information(window, QCoreApplication.translate("import_flow", "导入交换包"), result.lines()[0])
            return
        dialog = PreviewDialog(window, path, result)
        window._import_preview = dialog
        dialog.show()
    return task.start(done)


class PreviewDialog(QDialog):
    """What the package holds against this ledger, per table, before anything is written."""

    def __init__(self, window, path: str, result: receive.Result):
        super().__init__(window)
        self.window_, self.path, self.result = window, path, result
        m = result.package
        self.setWindowTitle(self.tr("导入{kind}：{file}").format(kind=m.kind_label, file=Path(path).name))
        size_window(self, "import_preview", 760, 520)
        head = QLabel(self.tr("来自：{sender}　发给：{to}　第 {seq} 号　生成于 {at}（{who}）").format(
            sender=m.from_unit.get("name"), to=m.to_unit.get("name"), seq=m.seq,
            at=m.created_at[:16].replace("T", " "), who=m.operator), objectName="head")
        head.setWordWrap(True)
        counts = result.counts()
        self.table = QTableWidget(len(counts), 1 + len(CLASSES), objectName="counts")
        self.table.setHorizontalHeaderLabels([self.tr("类别")] + [receive.class_label(c) for c in CLASSES])
        self.table.verticalHeader().hide()
        for r, (table, counter) in enumerate(counts.items()):
            self.table.setItem(r, 0, QTableWidgetItem(share.table_label(table)))
            for c, cls in enumerate(CLASSES, start=1):
                self.table.setItem(r, c, QTableWidgetItem(str(counter[cls]) if counter[cls] else ""))
        self.table.setColumnWidth(0, 130)
        totals = result.totals()
        if m.kind == package_file.DISTRIBUTION:
            note = self.tr("“更新”是上级更正过的记录；“本地较新”是本单位改过、上级未改的记录，保留本单位的；"
                           "“冲突”是双方都改过的记录，不会自动覆盖，导入后在“冲突待处理”中逐条选择。")
        elif m.kind == package_file.EMPTY_SUBMISSION:
            note = self.tr("{sender}本期没有新的或改过的数据（空表上报），导入后记为已报送。").format(
                sender=m.from_unit.get("name"))
        else:
            note = self.tr("“更新”是{sender}报来的新数据；“本地较新”是本级改过、对方未改的记录，保留本级的；"
                           "“冲突”是双方都改过的记录，不会自动覆盖，导入后在“冲突待处理”中逐条选择。").format(
                sender=m.from_unit.get("name"))
        self.summary = QLabel(result.lines()[-1] + "\n" + note, objectName="summary")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("导入"))
        self.ok.setEnabled(bool(sum(totals.values())) or m.kind == package_file.EMPTY_SUBMISSION)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    def apply(self) -> BackgroundTask:
        self.ok.setEnabled(False)
        task = BackgroundTask(self, self.tr("正在导入…"), _work(self.window_, self.path, False))
        self._task = task

        def done(result: receive.Result):
            self.applied = result
            self.accept()
            conflicts = result.totals()[receive.CONFLICT]
            text = "\n".join(result.lines())
            for r in submissions.open_returns(self.window_.ledger):
                text += "\n" + self.tr("⚠ {sender}退回了本单位 {p} 的报送：{reason}。请更正后重新生成报送包。").format(
                    sender=result.package.from_unit.get("name"), p=r["period"], reason=r["reason"])
            if conflicts:
                text += "\n" + self.tr("有 {n} 条冲突待处理，请逐条选择保留哪一方。").format(n=conflicts)
            QMessageBox.information(self.window_, self.windowTitle(), text)
            if conflicts:
                from ui.exchange.conflicts_window import open_conflicts

                open_conflicts(self.window_)

        task.failed.connect(lambda _exc: self.ok.setEnabled(True))
        return task.start(done)
