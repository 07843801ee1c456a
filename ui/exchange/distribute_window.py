"""数据交换 → 下发: the county's reporting units, and a package of its share for each."""

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import ValidationError
from desktop_app.services import units
from desktop_app.services.exchange import distribute
from ui.common.background import BackgroundTask
from ui.common.buttons import ok_cancel
from ui.common.window_size import size_window
from ui.exchange.package_files import FOLDER_KEY
from ui.targets.row_model import RowColumn, RowTableModel
from ui.targets.tool_window import ToolWindow, open_single


class DistributeWindow(ToolWindow):
    shows = ("units", "package_log")

    def __init__(self, ledger, parent: QWidget | None = None):
        super().__init__(ledger, parent)
        self.setWindowTitle(self.tr("下发 — {unit}的报送单位").format(unit=ledger.unit.name))
        size_window(self, "distribute", 1000, 620)
        self.model = RowTableModel([
            RowColumn("name", self.tr("报送单位"), lambda u: u.name),
            RowColumn("level", self.tr("类别"), lambda u: u.level_label, "center"),
            RowColumn("reports", self.tr("报送内容"), lambda u: u.reports_label),
            RowColumn("contact", self.tr("联系人"), lambda u: u.contact_person, "center"),
            RowColumn("phone", self.tr("联系电话"), lambda u: u.contact_phone, "center"),
            RowColumn("sent", self.tr("最近下发"), lambda u: (
                self.tr("第 {n} 号　{at}").format(n=u.last_seq, at=u.last_sent[:16].replace("T", " "))
                if u.last_seq else self.tr("未下发"))),
        ], self)
        self.view = self.table_view(self.model, "reporting_units", (190, 70, 220, 80, 120), multi=True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.doubleClicked.connect(lambda _: self.edit_contact())
        hint = QLabel(self.tr("下发包含该单位的任务分工、辖区企业及其调查表、人才和平台、报送日历和相关目标；"
                              "下级单位用“从下发包创建”建立本单位台账，或在已有台账中导入新的下发包。"))
        hint.setWordWrap(True)
        self.buttons = {}
        bar = QHBoxLayout()
        for key, text, slot in (("selected", self.tr("为所选单位生成下发包…"), self.export_selected),
                                ("all", self.tr("全部单位各生成一个…"), self.export_all),
                                ("contact", self.tr("编辑联系人…"), self.edit_contact)):
            b = QPushButton(text, objectName=f"distribute_{key}")
            b.clicked.connect(slot)
            bar.addWidget(b)
            self.buttons[key] = b
        bar.addStretch(1)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.close)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.task: BackgroundTask | None = None
        self.refresh()
        self.watch_ledger(ledger)

    def refresh(self, *_args) -> None:
        self.model.set_rows([_Line(u) for u in units.reporting_units(self.ledger)])

    def selected(self) -> list["_Line"]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def _folder(self) -> str:
        return str(QSettings().value(FOLDER_KEY, "") or Path.home())

    def export_selected(self, out: str | None = None) -> BackgroundTask | None:
        chosen = self.selected()
        if not chosen:
            QMessageBox.information(self, self.windowTitle(), self.tr("请先选择报送单位"))
            return None
        if len(chosen) == 1 and out is None:
            suggested = Path(self._folder()) / distribute.default_file_name(self.ledger, chosen[0].name)
            out, _ = QFileDialog.getSaveFileName(self, self.tr("保存下发包"), str(suggested),
                                                 self.tr("报送包 (*.bsb)"))
            if not out:
                return None
            QSettings().setValue(FOLDER_KEY, str(Path(out).parent))
            return self._run([(chosen[0].name, out)])
        folder = out or QFileDialog.getExistingDirectory(self, self.tr("下发包保存到"), self._folder())
        if not folder:
            return None
        QSettings().setValue(FOLDER_KEY, folder)
        return self._run([(u.name, str(Path(folder) / distribute.default_file_name(self.ledger, u.name)))
                          for u in chosen])

    def export_all(self, folder: str | None = None) -> BackgroundTask | None:
        folder = folder or QFileDialog.getExistingDirectory(self, self.tr("下发包保存到"), self._folder())
        if not folder:
            return None
        QSettings().setValue(FOLDER_KEY, folder)
        return self._run([(u.name, str(Path(folder) / distribute.default_file_name(self.ledger, u.name)))
                          for u in self.model.rows])

    def _run(self, jobs: list[tuple[str, str]]) -> BackgroundTask:
        def work(progress):
            ledger = self.ledger.reopen()  # SQLite connections stay in their thread
            try:
                written = []
                for n, (name, out) in enumerate(jobs):
                    if not progress(n, len(jobs)):
                        break
                    written.append(distribute.export_for(ledger, name, out))
                return written
            finally:
                ledger.close()

        def done(written):
            self.task = None
            self.last_written = written
            lines = [f"{w.unit}：{w.path.name}（{w.summary()}）" for w in written[:12]]
            more = self.tr("\n……共 {n} 个").format(n=len(written)) if len(written) > 12 else ""
            QMessageBox.information(self, self.windowTitle(), self.tr("已生成 {n} 个下发包，保存在 {folder}：\n{lines}").format(
                n=len(written), folder=written[0].path.parent if written else "", lines="\n".join(lines)) + more)

        self.task = BackgroundTask(self, self.tr("正在生成下发包…"), work)
        return self.task.start(done)

    def edit_contact(self) -> bool:
        chosen = self.selected()
        if len(chosen) != 1:
            QMessageBox.information(self, self.windowTitle(), self.tr("请选择一个报送单位"))
            return False
        return self.run_dialog(ContactDialog(self.ledger, chosen[0].unit, self))


class _Line:
    """A reporting unit as the table shows it."""

    def __init__(self, unit: units.ReportingUnit):
        self.unit = unit

    def __getattr__(self, name):
        return getattr(self.unit, name)

    @property
    def level_label(self) -> str:
        from desktop_app.services.ledger import level_label

        return level_label(self.unit.level)


class ContactDialog(QDialog):
    def __init__(self, ledger, unit: units.ReportingUnit, parent=None):
        super().__init__(parent)
        self.ledger, self.unit = ledger, unit
        self.setWindowTitle(self.tr("报送单位：{name}").format(name=unit.name))
        self.fields = {"code": QLineEdit(unit.code, objectName="code"),
                       "contact_person": QLineEdit(unit.contact_person, objectName="contact_person"),
                       "contact_phone": QLineEdit(unit.contact_phone, objectName="contact_phone")}
        self.fields["code"].setPlaceholderText(self.tr("可不填"))
        form = QFormLayout()
        form.addRow(self.tr("单位名称"), QLabel(unit.name))
        form.addRow(self.tr("单位代码"), self.fields["code"])
        form.addRow(self.tr("联系人"), self.fields["contact_person"])
        form.addRow(self.tr("联系电话"), self.fields["contact_phone"])
        self.error = QLabel(objectName="error", styleSheet="color: #c00;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self.tr("保存"), saves=True))

    def accept(self) -> None:
        try:
            units.save_contact(self.ledger, self.unit.id, {k: w.text() for k, w in self.fields.items()})
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.fields.get(exc.field, self.fields["contact_person"]).setFocus()
            return
        super().accept()


def open_distribute(window) -> DistributeWindow:
    return open_single(window, "_distribute_window", DistributeWindow)
