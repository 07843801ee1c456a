"""Entry point of the bundle: the same ``main`` as ``python -m desktop_app``.

With ``LEDGER_SMOKE_WINDOW=FILE.json`` set (the frozen smoke test only) it opens
the window on ``--db``, checks what a clerk would see break first — the Qt
platform plugin and Chinese glyphs in the bundled fonts — writes what it found
to FILE.json and quits.
"""

import json
import os
import sys
import time
from pathlib import Path

from desktop_app.__main__ import main

SAMPLE = "创新生态工作台账企业人才平台"


def print_check(ledger, folder) -> dict:
    """打印预览 and 打印 in the frozen program: QtPdf renders our PDF, a PDF printer takes its pages."""
    from PySide6.QtPrintSupport import QPrinter

    from desktop_app.services import printing
    from ui import print_preview

    folder.mkdir(exist_ok=True)
    pdf = printing.write_report(ledger, "task-list", "pdf", folder / "task-list.pdf", {})
    preview = print_preview.PrintPreview(None, pdf, "smoke")
    preview.show()
    image = preview.image.pixmap().toImage()
    dark = sum(image.pixelColor(x, y).lightness() < 128 for x in range(0, image.width(), 5)
               for y in range(0, image.height(), 5))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(folder / "printed.pdf"))
    printed = print_preview.print_pdf(pdf, printer)
    pages = preview.document.pageCount()
    preview.close()
    return {"preview_pages": pages, "preview_ink": dark, "printed_pages": printed}


def smoke_window(out: str, db: str) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QFontDatabase, QFontMetrics, QGuiApplication

    from desktop_app.paths import resource
    from desktop_app.services.ledger import open_ledger
    from ui.app import make_app
    from ui.main_window import MainWindow

    app = make_app()
    fonts = {}
    for path in sorted(resource("fonts").glob("*.ttf")):
        fid = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        covered = False
        if families:
            from PySide6.QtGui import QFont

            metrics = QFontMetrics(QFont(families[0]))
            covered = all(metrics.inFontUcs4(ord(ch)) for ch in SAMPLE)
        fonts[path.name] = covered
    window = MainWindow(open_ledger(db))
    window.show()
    app.processEvents()
    found = {"shown_at": time.time()}  # the smoke test measures cold start against its own clock

    def look():
        image = window.grab().toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        gui = QFontMetrics(window.font())
        found.update(print_check(window.ledger, Path(out).with_name("smoke-print")))
        found.update(
            platform=QGuiApplication.platformName(), title=window.windowTitle(),
            tabs=window.tabs.count(), colours=len(colours),
            gui_font_covers_chinese=all(gui.inFontUcs4(ord(ch)) for ch in SAMPLE),
            bundled_fonts=fonts, icon_sizes=sorted(s.width() for s in app.windowIcon().availableSizes()))
        window.close()
        app.quit()

    QTimer.singleShot(300, look)
    app.exec()
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(found, fh, ensure_ascii=False)
    return 0 if found else 1


if __name__ == "__main__":
    smoke = os.environ.get("LEDGER_SMOKE_WINDOW")
    if smoke:
        sys.exit(smoke_window(smoke, sys.argv[sys.argv.index("--db") + 1]))
    from desktop_app import crash_log

    crash_log.install_headless()  # the window replaces it with its dialog (ui.crash_dialog)
    sys.exit(main())
