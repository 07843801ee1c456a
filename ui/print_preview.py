"""打印预览 and 打印: our own PDF of a form, rendered by QtPdf.

The preview renders only the page on screen (a 27-page batch kept whole at 150 dpi
is about 290 MB). Printing paints page by page at 300 dpi on a QPrinter whose
paper (A4) and orientation are set before painting starts, off the GUI thread with
progress and 取消; QPrintDialog chooses printer, copies and page range, 直接打印
goes to the default printer.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
)

from desktop_app.errors import Cancelled, UserError
from ui.common.background import BackgroundTask
from ui.common.window_size import size_window

PRINT_DPI = 300
MAX_PREVIEW_WIDTH = 1600  # pixels of one rendered page at most (a wide screen at 150 %)


def _open(path: Path) -> QPdfDocument:
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
        raise UserError(QCoreApplication.translate("print_preview", "无法读取要打印的文件：{p}").format(p=path))
    return document


def render(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """One page as paper shows it: QtPdf renders on a transparent ground."""
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, document.render(page, size))
    painter.end()
    return image


def prepare(printer: QPrinter, document: QPdfDocument) -> None:
    """A4 in the orientation of the form's first page, the whole sheet: set before a painter begins."""
    size = document.pagePointSize(0)
    landscape = size.width() > size.height()
    printer.setResolution(PRINT_DPI)
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)


def print_pdf(path: Path, printer: QPrinter, progress=lambda done, total: True) -> int:
    """Paint the PDF's pages (the printer's page range, its copies) on ``printer``; the pages printed.

    Runs in a worker thread: QPainter may paint on a QPrinter outside the GUI thread.
    """
    document = _open(path)
    try:
        n = document.pageCount()
        first = max(printer.fromPage(), 1) if printer.fromPage() else 1
        last = min(printer.toPage(), n) if printer.toPage() else n
        copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
        pages = [p for _ in range(copies) for p in range(first - 1, last)]
        prepare(printer, document)
        painter = QPainter()
        if not painter.begin(printer):
            raise UserError(QCoreApplication.translate("print_preview", "打印机“{p}”无法开始打印").format(
                p=printer.printerName() or printer.outputFileName()))
        try:
            for i, page in enumerate(pages):
                if not progress(i, len(pages)):
                    printer.abort()
                    raise Cancelled()
                if i:
                    printer.newPage()
                target = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
                want = document.pagePointSize(page).scaled(target.size().toSizeF(), Qt.AspectRatioMode.KeepAspectRatio)
                image = render(document, page, want.toSize())
                x = target.x() + (target.width() - image.width()) // 2
                y = target.y() + (target.height() - image.height()) // 2
                painter.drawImage(QRect(x, y, image.width(), image.height()), image)
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()


class PrintPreview(QDialog):
    """One page at a time, fitted to the window's width; 打印… / 直接打印 / 另存为 PDF…."""

    def __init__(self, parent, path: Path, title: str, *, owns_file: bool = False):
        super().__init__(parent)
        self.path, self.title, self.owns_file = Path(path), title, owns_file
        self.setWindowTitle(self.tr("打印预览 — {t}").format(t=title))
        size_window(self, "print_preview", 900, 1000)
        self.document = _open(self.path)
        self.page_box = QSpinBox(objectName="page")
        self.page_box.setRange(1, self.document.pageCount())
        self.page_box.valueChanged.connect(lambda _: self.show_page())
        self.count = QLabel(self.tr("共 {n} 页").format(n=self.document.pageCount()), objectName="count")
        self.image = QLabel(objectName="image", alignment=Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea(widgetResizable=True)
        self.scroll.setWidget(self.image)
        self.scroll.setStyleSheet("QScrollArea { background: #808080; }")
        bar = QHBoxLayout()
        for text, step in ((self.tr("上一页"), -1), (self.tr("下一页"), 1)):
            b = QPushButton(text, objectName="previous" if step < 0 else "next")
            b.clicked.connect(lambda _=False, s=step: self.page_box.setValue(self.page_box.value() + s))
            bar.addWidget(b)
        bar.addWidget(QLabel(self.tr("第")))
        bar.addWidget(self.page_box)
        bar.addWidget(self.count)
        bar.addStretch(1)
        self.buttons = {}
        for key, text, slot in (("print", self.tr("打印…"), self.print_with_dialog),
                                ("direct", self.tr("直接打印"), self.print_default),
                                ("save", self.tr("另存为 PDF…"), self.save_copy),
                                ("close", self.tr("关闭"), self.close)):
            b = QPushButton(text, objectName=key)
            b.clicked.connect(lambda _=False, f=slot: f())
            bar.addWidget(b)
            self.buttons[key] = b
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self.task: BackgroundTask | None = None
        self.show_page()

    def current_page(self) -> int:
        return self.page_box.value() - 1

    def show_page(self) -> None:
        page = self.current_page()
        points = self.document.pagePointSize(page)
        width = min(max(self.scroll.viewport().width() - 24, 400), MAX_PREVIEW_WIDTH)
        ratio = self.devicePixelRatioF()
        size = QSize(int(width * ratio), int(width * ratio * points.height() / points.width()))
        pixmap = QPixmap.fromImage(render(self.document, page, size))
        pixmap.setDevicePixelRatio(ratio)
        self.image.setPixmap(pixmap)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.show_page()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        step = {Qt.Key.Key_PageDown: 1, Qt.Key.Key_PageUp: -1}.get(event.key())
        if step:
            self.page_box.setValue(self.page_box.value() + step)
            return
        super().keyPressEvent(event)

    # ---- printing -----------------------------------------------------
    def print_with_dialog(self) -> BackgroundTask | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare(printer, self.document)
        printer.setDocName(self.title)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.print_to(printer)

    def print_default(self) -> BackgroundTask | None:
        info = QPrinterInfo.defaultPrinter()
        if info.isNull():
            QMessageBox.warning(self, self.windowTitle(), self.tr("本机没有设置默认打印机，请点“打印…”选择打印机"))
            return None
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> BackgroundTask:
        """Print in the background; ``self.printed`` is the number of pages sent when done."""
        path = self.path
        self.task = BackgroundTask(self, self.tr("正在打印 {t}…").format(t=self.title),
                                   lambda progress: print_pdf(path, printer, progress))

        def done(pages: int) -> None:
            self.printed = pages
            self.task = None
        self.task.failed.connect(lambda _exc: setattr(self, "task", None))
        return self.task.start(done)

    def save_copy(self) -> None:
        out, _ = QFileDialog.getSaveFileName(self, self.tr("另存为 PDF"), str(Path.home() / self.path.name),
                                             self.tr("PDF 文件 (*.pdf)"))
        if not out:
            return
        try:
            shutil.copyfile(self.path, out)
        except OSError as exc:
            QMessageBox.warning(self, self.windowTitle(), self.tr("未能保存 {p}：{e}").format(p=out, e=exc.strerror))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.task is not None:  # printing: the file must stay until the pages are out
            event.ignore()
            return
        self.document.close()
        if self.owns_file:
            shutil.rmtree(self.path.parent, ignore_errors=True)
        super().closeEvent(event)


def temporary_pdf(name: str) -> Path:
    """A file in a folder of its own, removed when the preview closes."""
    return Path(tempfile.mkdtemp(prefix="print-")) / name
