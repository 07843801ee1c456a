"""打印预览 and 打印 from the window (issue 14): our PDF rendered by QtPdf, printed page by page."""

import subprocess

import pytest
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from desktop_app.services import printing
from tests.ui.test_main_window import when_modal
from ui import print_preview, report_menu


def _pdfinfo(path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def _pages(path) -> int:
    return int(_pdfinfo(path)["Pages"])


def _ink(pixmap) -> float:
    """The share of dark pixels on a rendered page (0 for a blank one)."""
    image = pixmap.toImage()
    step = 4
    dark = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            dark += image.pixelColor(x, y).lightness() < 128
    return dark / total


@pytest.fixture
def preview(demo_window, qtbot):
    task = report_menu.print_report(demo_window, printing.registry()["task-list"], params={}, fmt="pdf",
                                    action="preview")
    qtbot.waitUntil(lambda: getattr(demo_window, "_print_preview", None) is not None, timeout=30000)
    assert task.error is None
    return demo_window._print_preview


def test_preview_shows_page_one_of_the_form_and_pages_on(preview, qtbot):
    n = _pages(preview.path)
    assert n > 1 and preview.count.text() == f"共 {n} 页"
    assert preview.page_box.value() == 1
    first = preview.image.pixmap()
    assert not first.isNull() and first.width() < first.height() * 2
    assert 0.002 < _ink(first) < 0.5  # text and rules, not a blank or black page
    preview.findChild(QPushButton, "next").click()
    assert preview.page_box.value() == 2 and preview.image.pixmap().cacheKey() != first.cacheKey()


def test_printing_to_a_pdf_printer_writes_every_page_on_a4(preview, qtbot, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "打印机输出.pdf"
    printer.setOutputFileName(str(out))
    preview.print_to(printer)
    qtbot.waitUntil(lambda: preview.task is None, timeout=60000)
    n = _pages(preview.path)
    assert preview.printed == n and _pages(out) == n
    source_size, printed_size = _pdfinfo(preview.path)["Page size"], _pdfinfo(out)["Page size"]
    assert "842" in printed_size and "595" in printed_size  # A4 in points
    landscape = float(source_size.split()[0]) > float(source_size.split()[2])
    w, h = (float(v) for v in printed_size.split()[0:3:2])
    assert (w > h) == landscape  # the form's orientation, set before painting began


def test_a_page_range_prints_only_those_pages(preview, qtbot, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "第2-3页.pdf"
    printer.setOutputFileName(str(out))
    printer.setFromTo(2, 3)
    preview.print_to(printer)
    qtbot.waitUntil(lambda: preview.task is None, timeout=60000)
    assert preview.printed == 2 and _pages(out) == 2


def test_direct_print_without_a_default_printer_says_so(preview, monkeypatch):
    said = []
    monkeypatch.setattr(QPrinterInfo, "defaultPrinter", staticmethod(lambda: QPrinterInfo()))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    assert preview.print_default() is None
    assert said and "默认打印机" in said[0]


def test_closing_the_preview_removes_its_temporary_pdf(preview, qtbot):
    path = preview.path
    assert path.exists()
    preview.close()
    qtbot.waitUntil(lambda: not path.parent.exists(), timeout=5000)


def test_the_report_dialog_offers_preview_and_print(demo_window, qtbot):
    seen = {}

    def look(dialog):
        box = dialog.findChild(QDialogButtonBox)
        seen["buttons"] = [b.text() for b in box.buttons()]
        dialog.findChild(QPushButton, "preview").click()

    when_modal(qtbot, look)
    report_menu.print_report(demo_window, printing.registry()["ranking"])
    qtbot.waitUntil(lambda: getattr(demo_window, "_print_preview", None) is not None, timeout=30000)
    assert "打印预览…" in seen["buttons"] and "打印…" in seen["buttons"]
    assert demo_window._print_preview.windowTitle() == "打印预览 — 通报排名"


def test_a_file_that_is_not_a_pdf_is_refused_in_one_line(tmp_path):
    bad = tmp_path / "坏的.pdf"
    bad.write_bytes(b"not a pdf")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    with pytest.raises(print_preview.UserError, match="坏的.pdf"):
        print_preview.print_pdf(bad, printer)
