"""What every list in the window does, as in any office program.

A right-click menu (打开/编辑, 删除, 复制, 导出为 Excel…), Ctrl+C copying the
selected rows as tab-separated text with the header (it pastes into Excel as
a table), Enter opening the selected row, and column widths and sort order
remembered per list under ``lists/<name>/`` in QSettings.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QTableView

from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.reports.list_xlsx import write_list


def column_keys(view: QTableView) -> list[str]:
    model = view.model()
    keys = getattr(model, "keys", None)
    if keys and len(keys) == model.columnCount():
        return list(keys)
    return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]


def visible_columns(view: QTableView) -> list[int]:
    return [c for c in range(view.model().columnCount()) if not view.isColumnHidden(c)]


def headers(view: QTableView) -> list[str]:
    model = view.model()
    return [str(model.headerData(c, Qt.Orientation.Horizontal) or "").replace("\n", "") for c in visible_columns(view)]


def row_texts(view: QTableView, rows: list[int]) -> list[list[str]]:
    """Rows as shown (masked numbers stay masked)."""
    model, cols = view.model(), visible_columns(view)
    out = []
    for r in rows:
        out.append([str(model.data(model.index(r, c)) or "") for c in cols])
    return out


def selected_rows(view: QTableView) -> list[int]:
    selection = view.selectionModel()
    rows = {i.row() for i in selection.selectedIndexes()} if selection else set()
    return sorted(rows)


def tsv(header: list[str], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return "\n".join("\t".join(cell(t) for t in line) for line in [header, *rows]) + "\n"


def copy_selected(view: QTableView) -> str:
    rows = selected_rows(view)
    if not rows:
        return ""
    text = tsv(headers(view), row_texts(view, rows))
    QApplication.clipboard().setText(text)
    return text


def export_shown(view: QTableView, path: Path, title: str) -> Path:
    """Every row the list shows now (its search, filters and sort) to ``path``."""
    rows = row_texts(view, list(range(view.model().rowCount())))
    return write_list(path, title, headers(view), rows)


class ListMemory:
    """Widths and sort of one list, kept as ``lists/<name>/widths`` and ``lists/<name>/sort``."""

    def __init__(self, view: QTableView, name: str):
        self.view, self.prefix = view, f"lists/{name}/"
        self.keys = column_keys(view)

    def saved_sort(self) -> tuple[int, Qt.SortOrder] | None:
        value = QSettings().value(self.prefix + "sort")
        if not value or not isinstance(value, str) or ":" not in value:
            return None
        key, _, order = value.rpartition(":")
        if key not in self.keys:
            return None
        desc = order == "desc"
        return self.keys.index(key), Qt.SortOrder.DescendingOrder if desc else Qt.SortOrder.AscendingOrder

    def restore_widths(self) -> None:
        saved = QSettings().value(self.prefix + "widths")
        if not isinstance(saved, str):
            return
        for part in saved.split(";"):
            key, _, width = part.rpartition("=")
            if key in self.keys and width.isdigit():
                self.view.setColumnWidth(self.keys.index(key), max(30, int(width)))

    def watch(self) -> None:
        header = self.view.horizontalHeader()
        header.sectionResized.connect(self._save_widths)
        header.sortIndicatorChanged.connect(self._save_sort)

    def _save_widths(self, *_args) -> None:
        header = self.view.horizontalHeader()
        last = header.count() - 1 if header.stretchLastSection() else -1  # the stretched one follows the window
        parts = [f"{k}={header.sectionSize(i)}" for i, k in enumerate(self.keys) if i != last]
        QSettings().setValue(self.prefix + "widths", ";".join(parts))

    def _save_sort(self, column: int, order: Qt.SortOrder) -> None:
        if 0 <= column < len(self.keys):
            desc = order == Qt.SortOrder.DescendingOrder
            QSettings().setValue(self.prefix + "sort", f"{self.keys[column]}:{'desc' if desc else 'asc'}")


class ListActions:
    """The menu, Ctrl+C and Enter on ``view``. ``open_row``/``delete_row`` act on the current row;
    without them the menu offers copying and exporting only."""

    def __init__(self, view: QTableView, title: str, open_row: Callable[[], object] | None = None,
                 delete_row: Callable[[], object] | None = None):
        self.view, self.title = view, title
        self.open_action = QAction(i18n.tr("打开/编辑"), view)
        self.delete_action = QAction(i18n.tr("删除"), view)
        self.copy_action = QAction(i18n.tr("复制"), view)
        self.export_action = QAction(i18n.tr("导出为 Excel…"), view)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(lambda: copy_selected(view))
        view.addAction(self.copy_action)
        self.export_action.triggered.connect(self.export)
        self.open_action.setVisible(open_row is not None)
        self.delete_action.setVisible(delete_row is not None)
        if open_row is not None:
            self.open_action.triggered.connect(lambda: open_row())
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                enter = QAction(view)
                enter.setShortcut(QKeySequence(key))
                enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                enter.triggered.connect(lambda: open_row() if selected_rows(view) else None)
                view.addAction(enter)
        if delete_row is not None:
            self.delete_action.triggered.connect(lambda: delete_row())
        self.menu = QMenu(view)
        self.menu.addActions([self.open_action, self.delete_action])
        self.menu.addSeparator()
        self.menu.addActions([self.copy_action, self.export_action])
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu_at)

    def prepare_menu(self, pos=None) -> QMenu:
        """Select the row under the pointer (if not already selected), enable what applies."""
        if pos is not None:
            index = self.view.indexAt(pos)
            if index.isValid() and index.row() not in selected_rows(self.view):
                self.view.selectRow(index.row())
        one = len(selected_rows(self.view)) == 1
        self.open_action.setEnabled(one)
        self.delete_action.setEnabled(one)
        self.copy_action.setEnabled(bool(selected_rows(self.view)))
        self.export_action.setEnabled(self.view.model().rowCount() > 0)
        return self.menu

    def _menu_at(self, pos) -> None:
        self.prepare_menu(pos).popup(self.view.viewport().mapToGlobal(pos))

    def export(self) -> Path | None:
        settings = QSettings()
        folder = str(settings.value("lists/export_folder", "") or Path.home())
        title = self.title or self.view.window().windowTitle() or i18n.tr("列表")
        name = str(Path(folder) / f"{title}.xlsx")
        path, _ = QFileDialog.getSaveFileName(self.view, i18n.tr("导出为 Excel"), name, i18n.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        settings.setValue("lists/export_folder", str(Path(path).parent))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return export_shown(self.view, Path(path), title)
        except UserError as exc:
            QMessageBox.warning(self.view, i18n.tr("导出为 Excel"), str(exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()


def office_list(view: QTableView, name: str, title: str = "", open_row: Callable[[], object] | None = None,
                delete_row: Callable[[], object] | None = None) -> ListActions:
    """A list built elsewhere (task pages, tool windows) made like the others: its widths remembered
    under ``lists/<name>/``, the right-click menu, Ctrl+C and (with ``open_row``) Enter."""
    memory = ListMemory(view, name)
    memory.restore_widths()
    memory.watch()
    actions = ListActions(view, title, open_row, delete_row)
    actions.memory = memory
    return actions
