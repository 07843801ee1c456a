"""Picking one record out of a big list (an enterprise among 100,000, a person among 50,000).

A drop-down with every name would take seconds to fill; :class:`RefPicker`
shows the chosen record's name and opens a search (:class:`PickerDialog`,
the same paged list the tabs use). :class:`FormDialog` is a ``RecordDialog``
that knows picker fields and lays long forms out in two columns.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.ledger import Ledger
from desktop_app.services.listing import ListSource, ListSpec
from ui.common.buttons import ok_cancel
from ui.common.record_dialog import FieldDef, RecordDialog
from ui.common.table_model import LedgerTableModel
from ui.common.window_size import size_window


@dataclass(frozen=True)
class PickerSource:
    """What to search and how to name a chosen record."""

    spec: ListSpec
    columns: Sequence[tuple[str, str]]            # (list column key, title) shown in the search
    label: Callable[[Ledger, str], str]           # record id → name shown in the field
    title: str = ""


class PickerDialog(QDialog):
    def __init__(self, ledger: Ledger, source: PickerSource, parent: QWidget | None = None, initial: str = ""):
        super().__init__(parent)
        self.setWindowTitle(source.title or self.tr("选择"))
        size_window(self, "picker", 640, 460)
        self.chosen: str | None = None
        titles = dict(source.columns)
        self.model = LedgerTableModel(ListSource(ledger, source.spec), titles, self)
        self.search = QLineEdit(objectName="picker_search")
        self.search.setPlaceholderText(self.tr("输入名称中的字词搜索"))
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self._apply)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.view = QTableView(objectName="picker_view")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for i, key in enumerate(self.model.keys):
            self.view.setColumnHidden(i, key not in titles)
        self.view.doubleClicked.connect(lambda _: self.accept())
        self.count = QLabel()
        buttons = ok_cancel(self, self.tr("选定"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.search.setText(initial)
        self._apply()
        self.search.setFocus()

    def _apply(self) -> None:
        self.model.set_search(self.search.text())
        self.count.setText(self.tr("共 {n} 条").format(n=f"{self.model.rowCount():,}"))
        if self.model.rowCount():
            self.view.selectRow(0)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.search.hasFocus():
            self.view.setFocus()
        super().keyPressEvent(event)

    def accept(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        self.chosen = self.model.record_id(rows[0].row())
        super().accept()


class RefPicker(QWidget):
    """A field holding one record id; ``text()``/``setText()`` carry the id (RecordDialog reads them)."""

    changed = Signal(str)

    def __init__(self, ledger: Ledger, source: PickerSource, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger, self.source = ledger, source
        self._id = ""
        self.display = QLineEdit(readOnly=True)
        self.display.setPlaceholderText(self.tr("（未选择）"))
        self.choose = QPushButton(self.tr("选择…"))
        self.choose.clicked.connect(self.pick)
        self.clear_button = QToolButton(text="×")
        self.clear_button.setToolTip(self.tr("清除"))
        self.clear_button.clicked.connect(lambda: self.setText(""))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.display, 1)
        layout.addWidget(self.choose)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.choose)

    def text(self) -> str:
        return self._id

    def setText(self, record_id: str) -> None:  # noqa: N802 (the QLineEdit name RecordDialog calls)
        self._id = record_id or ""
        self.display.setText(self.source.label(self.ledger, self._id) if self._id else "")
        self.changed.emit(self._id)

    def pick(self) -> str | None:
        dialog = PickerDialog(self.ledger, self.source, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen:
            self.setText(dialog.chosen)
            return dialog.chosen
        return None


@dataclass
class PickerField(FieldDef):
    source: PickerSource | None = None
    ledger: Ledger | None = None


class FormDialog(RecordDialog):
    """RecordDialog with picker fields; forms of more than ``split`` fields get two columns."""

    split = 12

    def __init__(self, title, fields, save, values=None, parent=None):
        super().__init__(title, fields, save, values, parent)
        if len(self.fields) > self.split:
            self._two_columns()

    def _make_widget(self, f: FieldDef) -> QWidget:
        if isinstance(f, PickerField) and f.source is not None and f.ledger is not None:
            return RefPicker(f.ledger, f.source)
        return super()._make_widget(f)

    def add_table_section(self, caption: str, table: QTableWidget, name: str, headers: Sequence[str],
                          buttons: Sequence[tuple[str, str, Callable[[], object]]]) -> None:
        """A table under the form (members, yearly values) with its caption and buttons (text, name, slot)."""
        table.setObjectName(name)
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(list(headers))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(caption))
        bar.addStretch(1)
        for text, object_name, slot in buttons:
            button = QPushButton(text, objectName=object_name)
            button.clicked.connect(lambda _=False, f=slot: f())
            bar.addWidget(button)
        self.layout().insertLayout(1, bar)
        self.layout().insertWidget(2, table)

    def _two_columns(self) -> None:
        outer = self.layout()
        old = outer.itemAt(0).layout()
        half = (len(self.fields) + 1) // 2
        columns = QHBoxLayout()
        forms = (QFormLayout(), QFormLayout())
        for i, f in enumerate(self.fields):
            old.removeWidget(self._labels[f.key])
            old.removeWidget(self.widgets[f.key])
            forms[i >= half].setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            forms[i >= half].addRow(self._labels[f.key], self.widgets[f.key])
        columns.addLayout(forms[0], 1)
        columns.addSpacing(16)
        columns.addLayout(forms[1], 1)
        outer.removeItem(old)
        old.deleteLater()
        outer.insertLayout(0, columns)
        self.setMinimumWidth(880)


translate = QCoreApplication.translate  # lupdate reads translate("context", "…")


def enterprise_source() -> PickerSource:
    from desktop_app.services import enterprises, platforms

    return PickerSource(enterprises.LIST, ((("name", translate("picker", "企业名称")),
                                            ("uscc", translate("picker", "统一社会信用代码")),
                                            ("township", translate("picker", "所属乡镇")))),
                        platforms.host_label, translate("picker", "选择企业"))


def talent_source() -> PickerSource:
    from desktop_app.services import talent

    return PickerSource(talent.LIST, (("name", translate("picker", "姓名")), ("employer", translate("picker", "工作单位")),
                                      ("category", translate("picker", "人才类别")),
                                      ("prof_title", translate("picker", "职称"))),
                        talent.label, translate("picker", "从人才名册中选择"))
