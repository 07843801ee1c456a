"""导入报送包, several at once (the month's packages off a USB stick): each is read and checked first, the
list shows what each would bring, and 导入 takes the sound ones, oldest first; the others say why not."""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
)

from desktop_app.errors import UserError
from desktop_app.services.exchange import receive
from ui.common.window_size import size_window
from ui.exchange import package_files
from ui.exchange.conflicts_window import open_conflicts
from ui.targets.row_model import BAD, MUTED, RowColumn, RowTableModel


@dataclass
class Outcome:
    path: str
    result: receive.Result | None = None
    error: str = ""

    @property
    def ready(self) -> bool:
        return self.result is not None and not self.result.already and not self.result.same_code

    def count(self, cls: str) -> str:
        n = self.result.totals()[cls] if self.ready else 0
        return str(n) if n else ""


def _read_all(paths: list[str]):
    def work(ledger, progress):
        out = []
        for n, path in enumerate(paths):
            progress(n, len(paths))
            try:
                out.append(Outcome(path, receive.import_package(ledger, path, dry_run=True)))
            except UserError as exc:
                out.append(Outcome(path, error=str(exc)))
        # one unit's packages in the order they were made, so none is refused as older than its successor
        return sorted(out, key=lambda o: (not o.result, o.result.package.from_unit.get("name", "") if o.result else "",
                                          o.result.package.seq if o.result else 0, o.path))
    return work


def import_many(window, paths: list[str]):
    task = package_files.on_ledger(window, QCoreApplication.translate("batch_import", "正在读取交换包…"), _read_all(paths))
    window._exchange_task = task

    def done(outcomes: list[Outcome]):
        window._exchange_task = None
        dialog = BatchDialog(window, outcomes)
        window._batch_import = dialog
        dialog.show()
    return task.start(done)


class BatchDialog(QDialog):
    def __init__(self, window, outcomes: list[Outcome]):
        super().__init__(window)
        self.window_, self.outcomes = window, outcomes
        self.setWindowTitle(self.tr("导入报送包（{n} 个文件）").format(n=len(outcomes)))
        size_window(self, "batch_import", 1000, 560)
        c = receive
        self.model = RowTableModel([
            RowColumn("file", self.tr("文件"), lambda o: Path(o.path).name),
            RowColumn("from", self.tr("来自"), lambda o: o.result.package.from_unit.get("name", "") if o.result else "",
                      "center"),
            RowColumn("seq", self.tr("编号"), lambda o: str(o.result.package.seq) if o.result else "", "center"),
            *(RowColumn(cls, c.class_label(cls), lambda o, k=cls: o.count(k), "right")
              for cls in (c.NEW, c.CHANGED, c.UNCHANGED, c.OURS_NEWER, c.CONFLICT)),
            RowColumn("note", self.tr("说明"), self._note, color=self._color),
        ], self)
        self.model.set_rows(outcomes)
        self.view = QTableView(objectName="packages")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((210, 90, 50, 50, 50, 50, 110, 80)):
            self.view.setColumnWidth(column, width)
        ready = [o for o in outcomes if o.ready]
        self.summary = QLabel(self.tr("可导入 {ok} 个；其余 {other} 个见“说明”，不会导入。导入时同一单位的包按编号先后。").format(
            ok=len(ready), other=len(outcomes) - len(ready)), objectName="summary")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("导入 {n} 个包").format(n=len(ready)))
        self.ok.setEnabled(bool(ready))
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    def _note(self, o: Outcome) -> str:
        if o.error:
            return o.error
        if o.result.already:
            return o.result.lines()[0]
        if o.result.same_code:
            return self.tr("有 {n} 家企业的统一社会信用代码本台账已有另一条记录，需确认是否同一企业：请单独导入此包").format(
                n=len(o.result.same_code))
        if o.result.accepted is not None:
            return o.result.lines()[0]
        return o.result.package.kind_label + (f" {o.result.package.period}" if o.result.package.period else "")

    def _color(self, o: Outcome):
        return BAD if o.error or (o.result and o.result.same_code) else MUTED if not o.ready else None

    def apply(self):
        self.ok.setEnabled(False)
        paths = [o.path for o in self.outcomes if o.ready]

        def work(ledger, progress):
            done = []
            for n, path in enumerate(paths):
                progress(n, len(paths))
                try:
                    done.append((path, receive.import_package(ledger, path), ""))
                except UserError as exc:
                    done.append((path, None, str(exc)))
            return done

        task = package_files.on_ledger(self.window_, self.tr("正在导入…"), work)
        self._task = task

        def finished(done):
            self.applied = done
            self.accept()
            lines, waiting = [], 0
            for path, result, error in done:
                if result is None:
                    lines.append(self.tr("✗ {file}：{why}").format(file=Path(path).name, why=error))
                    continue
                waiting += result.totals()[receive.CONFLICT]
                lines.append(self.tr("✓ {sender}（{file}）：{what}").format(
                    sender=result.package.from_unit.get("name"), file=Path(path).name, what=result.total_line()))
            if waiting:
                lines.append(self.tr("有 {n} 条冲突待处理，请逐条选择保留哪一方。").format(n=waiting))
            QMessageBox.information(self.window_, self.windowTitle(), "\n".join(lines))
            if waiting:
                open_conflicts(self.window_)

        task.failed.connect(lambda _exc: self.ok.setEnabled(True))
        return task.start(finished)

