"""The 报表 menu: one entry per official form, each printed off the GUI thread."""

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.services import enterprises, periods, printing, units
from desktop_app.services.printing import ReportSpec
from ui.common.background import BackgroundTask
from ui.common.buttons import ok_cancel

translate = QCoreApplication.translate  # lupdate reads translate("…", "…")


def populate(window, menu: QMenu) -> None:
    """List the forms when the menu first opens.

    Listing loads every form module and with them the form engine
    (reportlab, openpyxl); the window warms that up in a thread after it is
    shown (see :func:`warm_up`), so start-up does not wait for it.
    """
    menu.aboutToShow.connect(lambda: fill(window, menu))


def fill(window, menu: QMenu) -> None:
    """The forms that fit the open ledger (a township prints no county ranking)."""
    menu.clear()
    if getattr(window, "ledger", None) is None:
        return
    for spec in printing.available(window.ledger):
        action = menu.addAction(i18n.tr(spec.title) + "…")
        action.setObjectName(f"report_{spec.name}")
        action.triggered.connect(lambda _=False, s=spec: print_report(window, s))


def warm_up() -> None:
    threading.Thread(target=printing.registry, name="load-forms", daemon=True).start()


class ReportDialog(QDialog):
    """Parameters (period, year, enterprise, township) and the file format."""

    def __init__(self, window, spec: ReportSpec):
        super().__init__(window)
        self.setWindowTitle(self.tr("打印 {t}").format(t=i18n.tr(spec.title)))
        self.spec = spec
        ledger = self.ledger = window.ledger
        form = QFormLayout()
        self.inputs: dict[str, object] = {}
        latest = printing.latest_period(ledger) or ""
        if "period" in spec.params:
            w = QLineEdit(periods.default_period(ledger), objectName="period")
            w.setPlaceholderText(self.tr("如 2026-10"))
            form.addRow(self.tr("报送期"), w)
            self.inputs["period"] = w
        if "year" in spec.params:
            w = QLineEdit(latest[:4], objectName="year")
            form.addRow(self.tr("年度"), w)
            self.inputs["year"] = w
        if "township" in spec.params:
            w = QComboBox(objectName="township")
            w.addItem(self.tr("全部乡镇"), "")
            for c in units.townships(ledger):
                w.addItem(c.name, c.name)
            form.addRow(self.tr("乡镇"), w)
            self.inputs["township"] = w
        if "enterprise" in spec.params:
            w = QLineEdit(objectName="enterprise")
            w.setPlaceholderText(self.tr("统一社会信用代码，或点“选择…”按名称查找"))
            self.pick_enterprise = QPushButton(self.tr("选择…"), objectName="pick_enterprise")
            self.pick_enterprise.clicked.connect(self.choose_enterprise)
            self.enterprise_name = QLabel(objectName="enterprise_name")
            row = QHBoxLayout()
            row.addWidget(w, 1)
            row.addWidget(self.pick_enterprise)
            form.addRow(self.tr("企业"), row)
            form.addRow("", self.enterprise_name)
            self.inputs["enterprise"] = w
        self.format = QComboBox(objectName="format")
        for fmt in spec.formats:
            self.format.addItem({"pdf": self.tr("PDF（打印盖章）"), "xlsx": self.tr("Excel（可编辑）")}[fmt], fmt)
        form.addRow(self.tr("格式"), self.format)
        buttons = ok_cancel(self, self.tr("生成…"))
        self.action = "file"  # or "preview" / "print": a PDF made for the screen or the printer, no file kept
        if "pdf" in spec.formats:
            for key, text in (("preview", self.tr("打印预览…")), ("print", self.tr("打印…"))):
                b = buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
                b.setObjectName(key)
                b.clicked.connect(lambda _=False, k=key: self._finish(k))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _finish(self, action: str) -> None:
        self.action = action
        self.accept()

    def choose_enterprise(self) -> None:
        from ui.common.picker import PickerDialog, enterprise_source

        self.picker = PickerDialog(self.ledger, enterprise_source(), self, self.inputs["enterprise"].text().strip())
        if self.picker.exec() == QDialog.DialogCode.Accepted and self.picker.chosen:
            record = enterprises.get(self.ledger, self.picker.chosen)
            self.inputs["enterprise"].setText(record["uscc"])
            self.enterprise_name.setText(record["name"])

    def params(self) -> dict[str, str]:
        out = {}
        for key, w in self.inputs.items():
            out[key] = w.currentData() if isinstance(w, QComboBox) else w.text().strip()
        return out


def print_report(window, spec: ReportSpec, *, out: str | None = None, params: dict | None = None,
                 fmt: str | None = None, batch: bool = False, action: str = "file") -> BackgroundTask | None:
    """Ask for parameters and a file name, then write the form in the background
    (``batch``: the form's many-forms variant, e.g. a township's survey forms);
    ``action`` "preview" or "print": a PDF for the screen or the printer, no file asked for."""
    from ui import print_preview  # QtPdf loads on the first print, not at start-up

    if params is None or fmt is None:
        dialog = ReportDialog(window, spec)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        params, fmt, action = dialog.params(), dialog.format.currentData(), dialog.action
    try:
        resolved = printing.resolve_params(window.ledger, spec, params)
    except UserError as exc:
        QMessageBox.warning(window, i18n.tr(spec.title), str(exc))
        return None
    if action != "file":
        fmt = "pdf"
        out = str(print_preview.temporary_pdf(printing.default_file_name(window.ledger, spec, resolved, fmt)))
    elif out is None:
        settings = QSettings()
        folder = Path(settings.value("reports/folder", str(Path.home())))
        suggested = folder / printing.default_file_name(window.ledger, spec, resolved, fmt)
        filters = translate("report_menu", "PDF 文件 (*.pdf)") if fmt == "pdf" else translate("report_menu", "Excel 工作簿 (*.xlsx)")
        out, _ = QFileDialog.getSaveFileName(window, translate("report_menu", "保存 {t}").format(t=i18n.tr(spec.title)),
                                             str(suggested), filters)
        if not out:
            return None
        settings.setValue("reports/folder", str(Path(out).parent))

    def work(progress):
        ledger = window.ledger.reopen()  # SQLite connections stay in their thread
        try:
            return printing.write_report(ledger, spec.name, fmt, out, params, progress, batch=batch)
        finally:
            ledger.close()

    task = BackgroundTask(window, translate("report_menu", "正在生成 {t}…").format(t=i18n.tr(spec.title)), work)
    window._report_task = task

    def done(path):
        if action != "file":
            preview = print_preview.PrintPreview(window, path, i18n.tr(spec.title), owns_file=True)
            window._print_preview = preview
            preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            preview.show()
            if action == "print":
                preview.print_with_dialog()
            return
        box = QMessageBox(QMessageBox.Icon.Information, i18n.tr(spec.title),
                          translate("report_menu", "已生成：{p}").format(p=path),
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Ok, window)
        box.setDefaultButton(QMessageBox.StandardButton.Ok)
        preview = box.addButton(translate("report_menu", "打印预览…"), QMessageBox.ButtonRole.ActionRole) \
            if fmt == "pdf" else None
        box.exec()
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Open):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif preview is not None and box.clickedButton() is preview:
            window._print_preview = print_preview.PrintPreview(window, Path(path), i18n.tr(spec.title))
            window._print_preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window._print_preview.show()

    return task.start(done)
