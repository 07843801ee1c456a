"""A table model over a ledger list: ids up front, rows fetched a page at a time.

Only the row ids of the current search/filter/sort are held (100,000 ints is
a few MB); the display rows are loaded in pages as the view scrolls, and
only a bounded number of pages is kept.
"""

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.services.listing import ListQuery, ListSource

PAGE_SIZE = 200
MAX_PAGES = 60
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()


class LedgerTableModel(QAbstractTableModel):
    def __init__(self, source: ListSource, titles: dict[str, str], parent=None,
                 align_right: frozenset[str] = frozenset()):
        super().__init__(parent)
        self.source = source
        self.keys = source.keys
        self.titles = titles
        self.align_right = align_right
        self.query = ListQuery()
        self._rowids: list[int] = []
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self._ids: dict[int, str | None] = {}   # rowid → record id, asked for by selection and detail
        self.refresh()

    # ---- querying -------------------------------------------------------
    def refresh(self) -> None:
        self.beginResetModel()
        self._rowids = self.source.rowids(self.query)
        self._pages.clear()
        self._ids.clear()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        if text != self.query.search:
            self.query.search = text
            self.refresh()

    def set_filter(self, key: str, value: Any) -> None:
        if self.query.filters.get(key) != value:
            self.query.filters[key] = value
            self.refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.query.sort_key = self.keys[column]
        self.query.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # ---- rows -----------------------------------------------------------
    def _row(self, row: int) -> tuple:
        page = row // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            ids = self._rowids[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
            fetched = self.source.rows(ids)
            empty = ("",) * len(self.keys)
            rows = [fetched.get(i, empty) for i in ids]
            self._pages[page] = rows
            if len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows[row - page * PAGE_SIZE]

    def rowid(self, row: int) -> int:
        return self._rowids[row]

    def record_id(self, row: int) -> str | None:
        rowid = self._rowids[row]
        if rowid not in self._ids:
            self._ids[rowid] = self.source.record_id(rowid)
        return self._ids[rowid]

    def row_of_record(self, record_id: str) -> int | None:
        rowid = next((r for r, i in self._ids.items() if i == record_id), None) or self.source.rowid_of(record_id)
        try:
            return self._rowids.index(rowid) if rowid is not None else None
        except ValueError:
            return None

    # ---- Qt interface ---------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rowids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.keys)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._row(index.row())[index.column()]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.keys[index.column()] in self.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            key = self.keys[section]
            return self.titles.get(key, key)
        return str(section + 1)
