"""Run a service call off the GUI thread behind a cancellable progress dialog.

The work function receives ``progress(done, total) -> bool``; it returns
False once the clerk pressed 取消, and the service stops and cleans up
(services raise ``Cancelled``). Results and errors come back on the GUI thread.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop_app.errors import Cancelled, UserError


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Callable[[int, int], bool]], Any]):
        super().__init__()
        self._work = work
        self.cancelled = False

    def progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancelled

    def run(self) -> None:
        try:
            self.finished.emit(self._work(self.progress))
        except BaseException as exc:  # handed to the GUI thread, shown there
            self.failed.emit(exc)


class BackgroundTask(QObject):
    """Keep a reference until done: ``BackgroundTask(parent, label, work).start(on_done)``."""

    done = Signal(object)
    failed = Signal(object)  # the exception, after the clerk has seen its message

    def __init__(self, parent: QWidget, label: str, work: Callable[[Callable[[int, int], bool]], Any]):
        super().__init__(parent)
        self.parent_widget = parent
        self.result: Any = None
        self.error: BaseException | None = None
        self.dialog = QProgressDialog(label, self.tr("取消"), 0, 0, parent)
        self.dialog.setWindowTitle(label)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.thread = QThread(self)
        self.worker = _Worker(work)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.dialog.canceled.connect(self._on_cancel)

    def start(self, on_done: Callable[[Any], None] | None = None) -> "BackgroundTask":
        if on_done:
            self.done.connect(on_done)
        self.thread.start()
        return self

    def _on_progress(self, done: int, total: int) -> None:
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _on_cancel(self) -> None:
        self.worker.cancelled = True
        self.dialog.setLabelText(self.tr("正在取消…"))

    def _stop(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.dialog.close()

    def _on_finished(self, result: Any) -> None:
        self._stop()
        self.result = result
        self.done.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        self._stop()
        self.error = exc
        if not isinstance(exc, Cancelled):
            message = str(exc) if isinstance(exc, UserError) else self.tr("操作失败：{e}").format(e=exc)
            QMessageBox.warning(self.parent_widget, self.dialog.windowTitle(), message)
        self.failed.emit(exc)
