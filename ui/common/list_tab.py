"""One tab of the main window: search, filters, a big sortable list, and a record dialog.

Each tab subclass says what it lists (a ListSpec from its service), which
filters it offers, which fields its dialog has, and which service functions
save and delete. Everything else — debounced search, paging, counts,
double-click to edit, Del to delete, refreshing when the ledger changes one
of the tables it ``shows`` — is here once.
"""

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import UserError
from desktop_app.services.exchange import ownership
from desktop_app.services.ledger import Ledger
from desktop_app.services.listing import ListSource
from ui.common.collation import text_ranks
from ui.common.flow_layout import FlowLayout
from ui.common.ledger_view import LedgerView
from ui.common.list_actions import ListActions, ListMemory
from ui.common.record_dialog import FieldDef, RecordDialog
from ui.common.table_model import LedgerTableModel


class ListTab(LedgerView, QWidget):
    """``shows``: the tables the list's SQL reads, and what a subclass adds (its detail, its page)."""

    noun = ""                   # 企业, 人才 … (for titles and messages)
    search_hint = ""
    column_widths: dict[str, int] = {}
    dialog_class: type[RecordDialog] = RecordDialog  # a tab may bring its own (pickers, member tables)
    list_name = ""              # remembered widths and sort: QSettings lists/<name>/… (default: class name)

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.model = LedgerTableModel(ListSource(ledger, self.spec(), text_ranks), self.titles(), self,
                                      align_right=self.right_aligned())

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.search_hint)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(lambda: self._apply(self.model.set_search, self.search.text()))
        self.search.textChanged.connect(lambda _: self._debounce.start())

        bar = FlowLayout()  # wraps on a narrow window
        bar.addWidget(self.search)
        self.filters: dict[str, QComboBox] = {}
        for key, label, options in self.filter_defs():
            combo = QComboBox()
            combo.setObjectName(f"filter_{key}")
            combo.addItem(label, "")
            for value, text in options:
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(
                lambda _i, k=key, c=combo: self._apply(self.model.set_filter, k, c.currentData()))
            self.filters[key] = combo
            bar.addWidget(combo)
        bar.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        bar.addWidget(self.count_label)
        self.owner_note = QLabel(objectName="owner_note", styleSheet="color: #8a5a00;")
        self.owner_note.hide()
        bar.addWidget(self.owner_note)
        self.add_button = QPushButton(self.tr("新增"))
        self.edit_button = QPushButton(self.tr("编辑"))
        self.delete_button = QPushButton(self.tr("删除"))
        for b, slot in ((self.add_button, self.add_record), (self.edit_button, self.edit_current),
                        (self.delete_button, self.delete_current)):
            b.clicked.connect(slot)
            bar.addWidget(b)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.memory = ListMemory(self.view, self.list_name or type(self).__name__)
        default = self.spec().default_sort
        saved = self.memory.saved_sort()
        if saved:  # enabling sorting sorts by the indicator at once
            self.view.horizontalHeader().setSortIndicator(*saved)
        elif default in self.model.keys:
            self.view.horizontalHeader().setSortIndicator(self.model.keys.index(default),
                                                          Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        for key, width in self.column_widths.items():
            if key in self.model.keys:
                self.view.setColumnWidth(self.model.keys.index(key), width)
        self.memory.restore_widths()
        self.memory.watch()
        self.actions = ListActions(self.view, self.noun or self.windowTitle(), self.edit_current, self.delete_current)
        self.view.doubleClicked.connect(lambda _: self.edit_current())
        self._shown_id: str | None = None   # the record the tab's detail (page, panel) is about
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._after_reset)
        delete = QAction(self.view)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.triggered.connect(self.delete_current)
        self.view.addAction(delete)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._update_count()
        self._update_buttons()
        self.shows = self.shows | self.spec().tables_read()
        self.watch_ledger(ledger)

    # ---- what a subclass provides --------------------------------------
    def spec(self):
        raise NotImplementedError

    def titles(self) -> dict[str, str]:
        raise NotImplementedError

    def right_aligned(self) -> frozenset[str]:
        return frozenset()

    def filter_defs(self) -> Sequence[tuple[str, str, Sequence[tuple[Any, str]]]]:
        return ()

    def fields(self) -> Sequence[FieldDef]:
        raise NotImplementedError

    def load(self, record_id: str) -> dict[str, Any]:
        raise NotImplementedError

    def save(self, values: dict[str, Any], record_id: str | None) -> str:
        raise NotImplementedError

    def remove(self, record_id: str) -> None:
        raise NotImplementedError

    def describe(self, record: dict[str, Any]) -> str:
        return str(record.get("name", ""))

    def current_record_changed(self, record_id: str | None) -> None:
        """The selected record is another one (or none): a subclass redraws its detail."""

    # ---- behaviour -----------------------------------------------------
    def _apply(self, fn, *args) -> None:
        fn(*args)  # search, filter: the model resets, _after_reset follows

    def refresh(self) -> None:
        self.model.refresh()

    def _after_reset(self) -> None:
        """After any reload (a write, search, filter, sort): the same record stays selected if it is
        still listed, and the detail follows the selection or clears — never a row no longer shown."""
        if self._shown_id:
            self.select_record(self._shown_id)
        self._selection_changed()
        self._update_count()

    def _selection_changed(self, *_args) -> None:
        self._update_buttons()
        now = self.current_id()
        if now != self._shown_id:
            self._shown_id = now
            self.current_record_changed(now)

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("共 {n} 条").format(n=f"{self.model.rowCount():,}"))

    def _update_buttons(self, *_args) -> None:
        record_id = self.current_id()
        owner = self.received_from(record_id)
        self.edit_button.setEnabled(record_id is not None and owner is None)
        self.delete_button.setEnabled(record_id is not None and owner is None)
        self.owner_note.setText((self.tr("由{unit}上报，只读") if self.ledger.unit.level == "city" else self.tr("由{unit}下发，只读"))
                                 .format(unit=owner) if owner else "")
        self.owner_note.setVisible(owner is not None)

    def received_from(self, record_id: str | None) -> str | None:
        """The unit that distributed this record to this ledger (it is read-only here), or None."""
        return ownership.received_from(self.ledger, self.spec().table, record_id)

    def current_row(self) -> int | None:
        """The one selected row (the current one if several are selected for copying)."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        if not rows:
            return None
        current = self.view.currentIndex().row()
        return current if current in rows else rows[0]

    def current_id(self) -> str | None:
        row = self.current_row()
        return self.model.record_id(row) if row is not None else None

    def select_record(self, record_id: str) -> None:
        row = self.model.row_of_record(record_id)
        if row is not None:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def open_dialog(self, record_id: str | None) -> str | None:
        values = self.load(record_id) if record_id else None
        title = (self.tr("编辑{noun}") if record_id else self.tr("新增{noun}")).format(noun=self.noun)
        dialog = self.dialog_class(title, self.fields(), lambda v: self.save(v, record_id), values, self)
        self._last_dialog = dialog
        if dialog.exec() != RecordDialog.DialogCode.Accepted:
            return None
        saved = dialog.result_value  # the save refreshed the list already (the ledger's change)
        if saved:
            self.select_record(saved)
        return saved

    def add_record(self) -> str | None:
        return self.open_dialog(None)

    def edit_current(self) -> str | None:
        record_id = self.current_id()
        return self.open_dialog(record_id) if record_id and not self.received_from(record_id) else None

    def delete_current(self) -> None:
        record_id = self.current_id()
        if not record_id or self.received_from(record_id):
            return
        try:
            record = self.load(record_id)
        except UserError as exc:
            QMessageBox.warning(self, self.noun, str(exc))
            return
        answer = QMessageBox.question(
            self, self.tr("删除{noun}").format(noun=self.noun),
            self.tr("确定删除“{name}”吗？删除后可在“文件 → 操作日志”中查到。").format(name=self.describe(record)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.remove(record_id)
        except UserError as exc:
            QMessageBox.warning(self, self.noun, str(exc))
            return
