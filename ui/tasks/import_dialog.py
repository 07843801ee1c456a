"""导入任务清单: pick an Excel sheet, see every line and every problem, import only a clean sheet.

Reading the workbook and writing the tasks both run in the background
(``ui.common.background``): a large sheet never freezes the window, and the
import can be cancelled before anything is committed.
"""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.errors import UserError, ValidationError
from desktop_app.services.tasks import task_import, task_paste, task_template
from ui.common.background import BackgroundTask
from ui.common.buttons import ok_cancel
from ui.common.window_size import size_window
from ui.tasks.month_models import RED
from ui.tasks.node_detail import detail_table, fill_table


class ImportDialog(QDialog):
    def __init__(self, ledger, parent=None, path: str | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.preview: task_import.ImportPreview | None = None
        self.result_value: str | None = None
        self.task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("导入任务清单"))
        size_window(self, "task_import", 1100, 720)
        self.file_label = QLabel(self.tr("请选择按“工作任务清单”格式填写的 Excel 文件（.xlsx）。"), objectName="file")
        self.pick_button = pick = QPushButton(self.tr("选择文件…"), objectName="pick")
        pick.clicked.connect(self.pick)
        template = QPushButton(self.tr("导出空白模板…"), objectName="template")
        template.clicked.connect(lambda: export_template(self))
        self.paste_button = QPushButton(self.tr("粘贴 Excel 中复制的行"), objectName="paste")
        self.paste_button.setToolTip(self.tr("在 Excel 中选中任务行（可连表头）复制，再点这里或按 Ctrl+V"))
        self.paste_button.clicked.connect(lambda: self.load_pasted(QApplication.clipboard().text()))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self,
                  lambda: self.load_pasted(QApplication.clipboard().text()))
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(template)
        top.addWidget(self.paste_button)
        top.addWidget(pick)
        self.summary = QLabel(objectName="summary")
        self.summary.setWordWrap(True)
        self.errors = QListWidget(objectName="errors")
        self.errors.setMaximumHeight(150)
        self.lines = detail_table("lines", [
            self.tr("行号"), self.tr("序号"), self.tr("重点任务"), self.tr("具体任务"), self.tr("责任单位"),
            self.tr("责任领导"), self.tr("责任科室"), self.tr("具体承办人"), self.tr("问题")])
        self.fields = {k: QLineEdit(objectName=k) for k in ("doc_no", "title", "issuer", "issued_on")}
        self.fields["doc_no"].setPlaceholderText(self.tr("如 沁办发〔2026〕5号（与台账中已有文件文号相同时，导入到该文件下）"))
        self.fields["issued_on"].setPlaceholderText(self.tr("如 2026-03-01"))
        form = QFormLayout()
        for key, label in (("doc_no", self.tr("文号")), ("title", self.tr("文件标题")), ("issuer", self.tr("发文机关")),
                           ("issued_on", self.tr("成文日期"))):
            form.addRow(label, self.fields[key])
        self.buttons = ok_cancel(self, self.tr("导入"))
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors)
        layout.addWidget(self.lines, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.errors.hide()
        if path:
            self.load(path)

    def pick(self) -> None:
        settings = QSettings()
        folder = settings.value("tasks/import_folder", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择任务清单"), folder, self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            settings.setValue("tasks/import_folder", str(Path(path).parent))
            self.load(path)

    def busy(self) -> bool:
        return self.task is not None

    def _run(self, label: str, work, on_done) -> BackgroundTask:
        self.ok.setEnabled(False)
        self.pick_button.setEnabled(False)

        def finished(result):
            self.task = None
            self.pick_button.setEnabled(True)
            on_done(result)

        def failed(exc):
            self.task = None
            self.pick_button.setEnabled(True)
            self.ok.setEnabled(self.preview is not None and self.preview.ok)
            if isinstance(exc, ValidationError):
                self.fields.get(exc.field, self.fields["title"]).setFocus()

        self.task = BackgroundTask(self, label, work)
        self.task.failed.connect(failed)
        return self.task.start(finished)

    def load(self, path: str) -> BackgroundTask:
        """Read and check the sheet in the background; the preview appears when done."""
        self.preview = None
        return self._run(self.tr("正在读取任务清单…"), lambda _progress: task_import.read_sheet(path),
                         lambda preview: self._show(path, preview))

    def load_pasted(self, text: str) -> BackgroundTask | None:
        """Rows copied from Excel: checked by the same rules as a file, shown the same way."""
        if self.busy():
            return None
        self.preview = None
        return self._run(self.tr("正在检查粘贴的内容…"), lambda _progress: task_paste.read_pasted(text),
                         lambda preview: self._show(self.tr("粘贴的内容"), preview))

    def _show(self, path: str, p: task_import.ImportPreview) -> None:
        self.preview = p
        self.file_label.setText(self.tr("文件：{f}　工作表：{s}").format(f=path, s=p.sheet or "—"))
        problems: dict[int, list[str]] = {}
        for e in p.errors:
            problems.setdefault(e.row, []).append(e.message)
        cols = task_import.COLUMNS
        fill_table(self.lines, [[r, *(v.get(c, "") for c in cols), "；".join(problems.get(r, []))] for r, v in p.rows],
              [[RED if r in problems else None] * (len(cols) + 2) for r, _ in p.rows])
        for c, width in enumerate((44, 40, 120, 160, 150, 80, 150, 90)):
            self.lines.setColumnWidth(c, width)
        self.errors.clear()
        for e in p.errors:
            self.errors.addItem(e.text())
            self.errors.item(self.errors.count() - 1).setForeground(QBrush(RED))
        self.errors.setVisible(bool(p.errors))
        c = p.counts()
        if p.errors:
            self.summary.setText(self.tr("<span style='color:#c0392b'><b>发现 {n} 处问题，不能导入。</b></span>"
                                         "请在 Excel 中改正后重新选择文件（未导入任何数据）。").format(n=len(p.errors)))
        else:
            self.summary.setText(self.tr("<b>检查通过：</b>重点任务 {k} 项，具体任务 {t} 项，责任分工 {a} 条（{n} 行）。"
                                         "每项具体任务的第一个责任单位记为牵头单位。").format(
                k=c["key_tasks"], t=c["tasks"], a=c["assignments"], n=c["lines"]))
        if p.title and not self.fields["title"].text():
            self.fields["title"].setText(p.title)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.ok.setEnabled(p.ok)

    def accept(self) -> None:
        if self.preview is None or not self.preview.ok:
            return
        if self.busy():
            return
        values = {k: w.text() for k, w in self.fields.items()}
        preview = self.preview

        def work(progress):
            ledger = self.ledger.reopen()  # SQLite connections stay in their thread
            try:
                return task_import.import_tasks(ledger, preview, values, progress)
            finally:
                ledger.close()

        def done(doc_id):
            self.result_value = doc_id
            QDialog.accept(self)

        self._run(self.tr("正在导入任务清单…"), work, done)

    def reject(self) -> None:
        if not self.busy():  # while working, 取消 in the progress dialog stops the work
            super().reject()


translate = QCoreApplication.translate  # lupdate reads translate("…", "…")


def export_template(parent) -> str | None:
    settings = QSettings()
    folder = Path(settings.value("reports/folder", str(Path.home())))
    out, _ = QFileDialog.getSaveFileName(parent, translate("import_dialog", "导出任务清单模板"), str(folder / "工作任务清单模板.xlsx"),
                                         translate("import_dialog", "Excel 工作簿 (*.xlsx)"))
    if not out:
        return None
    try:
        task_template.write_template(out)
    except UserError as exc:
        QMessageBox.warning(parent, translate("import_dialog", "导出任务清单模板"), str(exc))
        return None
    QMessageBox.information(parent, translate("import_dialog", "导出任务清单模板"), translate("import_dialog", "已导出：{p}").format(p=out))
    return out
