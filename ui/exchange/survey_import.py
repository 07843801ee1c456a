"""数据交换 → 导入调查表: several filled-in 附件3 workbooks (or a folder of them) at once.

The files are read and checked in the background (``services.survey_import``);
then a table shows every file read — each return with its enterprise, period
and whether it is new, changed or unchanged, each refused file with why — and,
for the return picked, its fields against what the ledger holds. Nothing is
written until 导入; a return for a period already signed off (销号) asks first.
"""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import survey_import
from ui.common.background import BackgroundTask
from ui.common.buttons import ok_cancel
from ui.common.window_size import size_window
from ui.tasks.node_detail import detail_table, fill_table

RED, GREEN, BLUE, GREY = QColor("#c0392b"), QColor("#1e7e34"), QColor("#1f5fa8"), QColor("#777777")
FOLDER_KEY = "exchange/survey_folder"


class SurveyImportDialog(QDialog):
    def __init__(self, ledger, parent=None, paths: list[str] | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.preview: survey_import.ImportPreview | None = None
        self.result: survey_import.ImportResult | None = None
        self.task: BackgroundTask | None = None
        self.row_returns: list[survey_import.ReturnPreview | None] = []
        self.setWindowTitle(self.tr("导入调查表"))
        size_window(self, "survey_import", 1100, 700)
        self.source = QLabel(self.tr("请选择企业填好的调查表（.xlsx，可多选），或存放调查表的文件夹。"), objectName="source")
        self.source.setWordWrap(True)
        self.pick_files = QPushButton(self.tr("选择文件…"), objectName="pick_files")
        self.pick_files.clicked.connect(self.choose_files)
        self.pick_folder = QPushButton(self.tr("选择文件夹…"), objectName="pick_folder")
        self.pick_folder.clicked.connect(self.choose_folder)
        top = QHBoxLayout()
        top.addWidget(self.source, 1)
        top.addWidget(self.pick_files)
        top.addWidget(self.pick_folder)
        self.summary = QLabel(objectName="summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.files = detail_table("files", [self.tr("文件"), self.tr("工作表"), self.tr("企业"), self.tr("报送期"),
                                            self.tr("结果"), self.tr("说明")])
        self.files.itemSelectionChanged.connect(self._show_selected)
        self.fields = detail_table("fields", [self.tr("项目"), self.tr("台账中"), self.tr("调查表中")])
        self.fields_title = QLabel(self.tr("选中一份调查表，查看与台账的差异"), objectName="fields_title")
        lower = QVBoxLayout()
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self.fields_title)
        lower.addWidget(self.fields, 1)
        holder = QWidget()
        holder.setLayout(lower)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.files)
        split.addWidget(holder)
        split.setSizes([360, 260])
        self.buttons = ok_cancel(self, self.tr("导入"))
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        if paths:
            self.load(paths)

    # ---- choosing ------------------------------------------------------
    def _folder(self) -> str:
        return str(QSettings().value(FOLDER_KEY, str(Path.home())))

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择调查表"), self._folder(), self.tr("Excel 工作簿 (*.xlsx)"))
        if paths:
            QSettings().setValue(FOLDER_KEY, str(Path(paths[0]).parent))
            self.load(paths)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择存放调查表的文件夹"), self._folder())
        if folder:
            QSettings().setValue(FOLDER_KEY, folder)
            self.load([folder])

    def busy(self) -> bool:
        return self.task is not None

    def _run(self, label: str, work, on_done) -> BackgroundTask:
        for w in (self.ok, self.pick_files, self.pick_folder):
            w.setEnabled(False)

        def settle():
            self.task = None
            self.pick_files.setEnabled(True)
            self.pick_folder.setEnabled(True)
            self.ok.setEnabled(self._can_import())

        def finished(result):
            settle()
            on_done(result)

        self.task = BackgroundTask(self, label, work)
        self.task.failed.connect(lambda _exc: settle())
        return self.task.start(finished)

    def load(self, paths: list[str]) -> BackgroundTask:
        """Read and check the files in the background; the table appears when done."""
        self.preview = None
        self.source.setText(self.tr("来源：{p}").format(p="；".join(str(p) for p in paths)))

        def work(progress):
            ledger = self.ledger.reopen()  # SQLite connections stay in their thread
            try:
                return survey_import.preview(ledger, paths, progress)
            finally:
                ledger.close()

        return self._run(self.tr("正在读取调查表…"), work, self.show_preview)

    # ---- showing -------------------------------------------------------
    def _can_import(self) -> bool:
        return self.preview is not None and any(r.status != survey_import.UNCHANGED for r in self.preview.returns)

    def show_preview(self, pv: survey_import.ImportPreview) -> None:
        self.preview = pv
        rows, colors, self.row_returns = [], [], []
        for f in pv.files:
            if f.error:
                rows.append([f.path.name, "", "", "", self.tr("未导入"), f.error])
                colors.append([None, None, None, None, RED, RED])
                self.row_returns.append(None)
                continue
            for r in f.returns:
                status = r.status_label + (self.tr("（已销号）") if r.signed_off else "")
                note = "、".join(c.label for c in r.changes[:6]) + ("…" if len(r.changes) > 6 else "")
                color = {survey_import.NEW: GREEN, survey_import.CHANGED: BLUE}.get(r.status, GREY)
                rows.append([f.path.name, r.source.sheet, r.enterprise, r.ret.period, status, note])
                colors.append([None, None, None, None, color, None])
                self.row_returns.append(r)
        fill_table(self.files, rows, colors)
        for c, width in enumerate((190, 150, 220, 70, 90)):
            self.files.setColumnWidth(c, width)
        c = pv.counts()
        text = self.tr("读取文件 <b>{files}</b> 个：调查表新增 <b>{new}</b> 份，修改 <b>{changed}</b> 份，无变化 {same} 份").format(
            files=c["files"], new=c["new"], changed=c["changed"], same=c["unchanged"])
        if c["refused"]:
            text += self.tr("；<span style='color:#c0392b'><b>{n} 个文件未通过检查，不会导入</b></span>"
                            "（原因见“说明”，改正后可再次导入）").format(n=c["refused"])
        self.summary.setText(text + self.tr("。点“导入”之前不会写入台账。"))
        self.ok.setEnabled(self._can_import())
        first = next((i for i, r in enumerate(self.row_returns) if r is not None), None)
        if first is not None:
            self.files.selectRow(first)

    def _show_selected(self) -> None:
        rows = self.files.selectionModel().selectedRows()
        r = self.row_returns[rows[0].row()] if rows and rows[0].row() < len(self.row_returns) else None
        if r is None:
            self.fields_title.setText(self.tr("该文件未导入"))
            fill_table(self.fields, [])
            return
        self.fields_title.setText(self.tr("{name} {period}：{status}，{n} 项与台账不同").format(
            name=r.enterprise, period=r.ret.period, status=r.status_label, n=len(r.changes)))
        fill_table(self.fields, [[c.label, c.before or "—", c.after or "—"] for c in r.changes],
                   [[None, GREY, GREEN if r.status == survey_import.NEW else BLUE] for _ in r.changes])
        bold = QFont(self.fields.font())
        bold.setBold(True)
        for i in range(self.fields.rowCount()):
            self.fields.item(i, 2).setFont(bold)
        self.fields.setColumnWidth(0, 320)
        self.fields.setColumnWidth(1, 330)

    # ---- importing -----------------------------------------------------
    def ask_signed_off(self, returns) -> QMessageBox.StandardButton:
        names = "\n".join(f"{r.enterprise} {r.ret.period}" for r in returns)
        return QMessageBox.question(
            self, self.tr("已销号的报送期"),
            self.tr("以下调查表所在报送期已经销号：\n{names}\n\n是否用导入的调查表替换台账中的原表？"
                    "选“否”则保留原表，只导入其余调查表。").format(names=names),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.No)

    def accept(self) -> None:
        if self.busy() or not self._can_import():
            return
        pv = self.preview
        replace = False
        if pv.signed_off:
            answer = self.ask_signed_off(pv.signed_off)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            replace = answer == QMessageBox.StandardButton.Yes

        def work(_progress):
            ledger = self.ledger.reopen()
            try:
                return survey_import.apply(ledger, pv, replace_signed_off=replace)
            finally:
                ledger.close()

        def done(result):
            self.result = result
            QDialog.accept(self)

        self._run(self.tr("正在导入调查表…"), work, done)

    def reject(self) -> None:
        if not self.busy():
            super().reject()


translate = QCoreApplication.translate  # lupdate reads translate("…", "…")


def open_survey_import(window) -> SurveyImportDialog:
    dialog = SurveyImportDialog(window.ledger, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: _report(window, dialog.result))
    dialog.open()
    return dialog


def _report(window, result) -> None:
    if result is None:
        return
    text = translate("survey_import", "已导入调查表：新增 {new} 份，修改 {changed} 份，无变化 {same} 份").format(
        new=result.new, changed=result.changed, same=result.unchanged)
    if result.kept_signed_off:
        text += translate("survey_import", "；已销号报送期的 {n} 份保留原表").format(n=result.kept_signed_off)
    window.statusBar().showMessage(text, 10000)
