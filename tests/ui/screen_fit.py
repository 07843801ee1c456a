"""Open the main window with each tab and each main dialog, and measure what lies off the screen.

Run in-process (the 1366×768 test screen) or as a script under another screen
(``QT_SCALE_FACTOR=1.5``: 1366×768 at 150 % is about 911×485 logical pixels)::

    python -m tests.ui.screen_fit DEMO.sqlite3 OUT.json [SHOTS_DIR]

Each window or dialog is shown as the clerk opens it (``QDialog.exec`` is
replaced by show-measure-reject), and the problems found are listed: the
window larger than the available geometry or outside it, a button outside the
screen or the window, a visible widget reaching past its window (cut off).
Widgets inside a scroll area may lie outside: they scroll.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

SLACK = 1  # pixels of rounding allowed at a scale of 1.5


def _scrolled(widget, window) -> bool:
    from PySide6.QtWidgets import QAbstractScrollArea

    w = widget.parentWidget()
    while w is not None and w is not window:
        if isinstance(w.parentWidget(), QAbstractScrollArea) and w is w.parentWidget().viewport():
            return True
        w = w.parentWidget()
    return False


def problems(window) -> list[str]:
    """What of ``window`` (shown) lies off its screen's available geometry or outside the window."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QWidget

    room = window.screen().availableGeometry().adjusted(-SLACK, -SLACK, SLACK, SLACK)
    frame = window.frameGeometry()
    found = []
    if not room.contains(frame):
        found.append(f"window {frame.getRect()} outside the available {room.getRect()}")
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    if hint.width() > room.width() or hint.height() > room.height():
        found.append(f"minimum size {hint.toTuple()} larger than the available {room.size().toTuple()}")
    inner = QRect(0, 0, window.width(), window.height()).adjusted(-SLACK, -SLACK, SLACK, SLACK)
    for child in window.findChildren(QWidget):
        if not child.isVisible() or child.isWindow() or _scrolled(child, window):
            continue
        rect = QRect(child.mapTo(window, child.rect().topLeft()), child.size())
        name = f"{type(child).__name__}({child.objectName() or getattr(child, 'text', lambda: '')()})"
        if not inner.contains(rect):
            found.append(f"{name} at {rect.getRect()} reaches past the window {window.size().toTuple()}")
        elif isinstance(child, QAbstractButton | QDialogButtonBox):
            corner = QRect(child.mapToGlobal(child.rect().topLeft()), child.size())
            if not room.contains(corner):
                found.append(f"{name} at {corner.getRect()} off the screen")
    return found


class Survey:
    """Shows windows and dialogs one after another and keeps what each has wrong."""

    def __init__(self, shots: Path | None = None):
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance()
        self.shots = shots
        self.seen: dict[str, list[str]] = {}

    def look(self, name: str, window) -> None:
        from PySide6.QtTest import QTest

        if not window.isVisible():
            window.show()
        window.activateWindow()
        QTest.qWait(30)
        self.app.processEvents()
        self.seen[name] = problems(window)
        if self.shots is not None:
            self.shots.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(self.shots / f"{name.replace('/', '_')}.png"))

    def dialogs(self, prefix: str, action) -> None:
        """Run ``action``; every dialog it opens with ``exec`` is looked at and rejected."""
        from PySide6.QtWidgets import QDialog

        real = QDialog.exec
        count = [0]

        def fake(dialog, *args):
            count[0] += 1
            self.look(prefix if count[0] == 1 else f"{prefix}#{count[0]}", dialog)
            dialog.reject()
            return QDialog.DialogCode.Rejected

        QDialog.exec = fake
        try:
            action()
        except Exception as exc:  # noqa: BLE001 (the survey names what could not be opened)
            self.seen[prefix] = [f"could not open: {type(exc).__name__}: {exc}"]
        finally:
            QDialog.exec = real
        if not count[0] and prefix not in self.seen:
            self.seen[prefix] = ["no dialog opened"]


def select_first(view) -> None:
    """Select the first row as a click does, whatever modifier key an earlier test left pressed
    (``selectRow`` in an extended-selection list toggles while Qt believes Ctrl is down)."""
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().setCurrentIndex(view.model().index(0, 0), flags)


def survey(window, shots: Path | None = None) -> dict[str, list[str]]:
    """The main window ``window`` (shown, over the demo ledger) with each tab, page, tool window and dialog."""
    from desktop_app.services import printing
    from ui.common.picker import PickerDialog, enterprise_source
    from ui.report_menu import ReportDialog

    s = Survey(shots)
    ledger = window.ledger
    for key in ("tasks", "enterprises", "talent", "platforms"):
        tab = window.tab_widgets[key]
        window.tabs.setCurrentWidget(tab)
        pages = getattr(tab, "pages", None)
        for i, page in enumerate([tab] if pages is None else [pages.widget(i) for i in range(pages.count())]):
            if pages is not None:
                pages.setCurrentIndex(i)
            name = f"main/{key}" if pages is None else f"main/{key}/{i}"
            s.look(name, window)
            view = getattr(page, "view", None) or getattr(page, "entry_view", None)
            if view is not None and view.model().rowCount():
                select_first(view)  # the detail of a record: its buttons must show too
                s.look(f"{name}/selected", window)

    tasks = window.tab_widgets["tasks"]
    window.tabs.setCurrentWidget(tasks)
    s.dialogs("task_import", tasks.import_tasks)
    s.dialogs("task_settings", tasks.open_settings)
    tasks.pages.setCurrentWidget(tasks.month_page)
    select_first(tasks.month_page.entry_view)
    s.dialogs("task_progress", tasks.month_page.fill_current)
    s.dialogs("task_brief", tasks.month_page.open_brief)
    tasks.pages.setCurrentWidget(tasks.tree_page)
    assignment = ledger.conn.execute("SELECT id FROM assignments WHERE deleted_at IS NULL LIMIT 1").fetchone()[0]
    tasks.tree_page.select_id(assignment)
    s.dialogs("task_assignment", tasks.tree_page.edit_current)
    tasks.pages.setCurrentWidget(tasks.supervision_page)
    s.dialogs("supervision_item", tasks.supervision_page.add_item)
    select_first(tasks.supervision_page.view)
    s.dialogs("supervision_step", tasks.supervision_page.step_current)
    s.dialogs("supervision_files", tasks.supervision_page.files_current)

    enterprises = window.tab_widgets["enterprises"]
    window.tabs.setCurrentWidget(enterprises)
    s.dialogs("enterprise_record", enterprises.add_record)
    select_first(enterprises.view)
    s.dialogs("enterprise_survey", enterprises.page.fill_current_period)
    talent = window.tab_widgets["talent"]
    window.tabs.setCurrentWidget(talent)
    for i in range(talent.pages.count()):
        talent.pages.setCurrentIndex(i)
        s.dialogs(f"talent_record_{i}", talent.pages.widget(i).add_record)
    platforms = window.tab_widgets["platforms"]
    window.tabs.setCurrentWidget(platforms)
    s.dialogs("platform_record", platforms.add_record)

    for name, opener in (("targets", window.open_targets), ("rewards", window.open_rewards),
                         ("audit", window.open_audit), ("recycle_bin", window.open_recycle_bin),
                         ("help", window.show_help)):
        tool = opener()
        s.look(name, tool)
        if name == "targets":
            s.dialogs("target_record", lambda t=tool: t.edit_target(None))
        tool.close()
    from ui.exchange.conflicts_window import open_conflicts
    from ui.exchange.distribute_window import open_distribute
    from ui.exchange.submissions_window import open_submissions

    for name, opener in (("distribute", open_distribute), ("submissions", open_submissions),
                         ("conflicts", open_conflicts)):
        tool = opener(window)
        s.look(name, tool)
        tool.close()
    preview = _package_preview(window)
    s.look("import_preview", preview)
    from ui.exchange.batch_import import BatchDialog, Outcome

    batch = BatchDialog(window, [Outcome(preview.path, preview.result),
                                 Outcome("坏的.bsb", error="无法读取报送包 坏的.bsb：不是报送包文件")])
    batch.show()
    s.look("batch_import", batch)
    batch.reject()
    preview.reject()
    picker = PickerDialog(ledger, enterprise_source(), window)
    s.look("enterprise_picker", picker)
    picker.reject()
    for spec in printing.registry().values():
        dialog = ReportDialog(window, spec)
        s.look(f"report_{spec.name}", dialog)
        dialog.reject()
    return s.seen


def _package_preview(window):
    """导入预览 of a township's package with two corrected firms (a dry run: the ledger is not touched)."""
    from desktop_app.services import review
    from desktop_app.services.exchange import distribute, lower_ledger, receive, submit
    from ui.exchange.import_preview import PreviewDialog

    folder = Path(tempfile.mkdtemp(prefix="ledger-fit-pkg-"))
    county = window.ledger
    zz, _ = lower_ledger.create_from_package(distribute.export_for(county, "郑庄镇", folder / "zz.bsb").path,
                                             folder / "zz.sqlite3", operator="乡镇填报员")
    try:
        firms = [r[0] for r in zz.conn.execute("SELECT id FROM enterprises ORDER BY id LIMIT 2")]
        with zz.write() as w:
            for firm in firms:
                w.update("enterprises", firm, {"address": "沁水县郑庄镇府城路18号（搬迁后的新厂址）", "phone": "0356-7000001"})
        for f in review.blocking(zz, "2026-11"):
            review.explain(zz, f, "已电话核实企业财务负责人，情况属实")
        up = submit.export_submission(zz, "2026-11", folder / "up.bsb").path
    finally:
        zz.close()
    dialog = PreviewDialog(window, str(up), receive.import_package(county, up, dry_run=True), None)
    dialog.show()
    return dialog


def main(argv: list[str]) -> int:
    demo, out = Path(argv[0]), Path(argv[1])
    shots = Path(argv[2]) if len(argv) > 2 else None
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="ledger-fit-config-")
    work = Path(tempfile.mkdtemp(prefix="ledger-fit-")) / "demo.sqlite3"
    shutil.copy(demo, work)
    from PySide6.QtGui import QGuiApplication

    from desktop_app.services.ledger import open_ledger
    from ui.app import make_app
    from ui.main_window import MainWindow

    make_app()
    window = MainWindow(open_ledger(work))
    window.show()
    seen = survey(window, shots)
    room = QGuiApplication.primaryScreen().availableGeometry()
    out.write_text(json.dumps({"available": room.getRect(), "seen": seen}, ensure_ascii=False, indent=1),
                   encoding="utf-8")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
