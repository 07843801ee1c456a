"""Every list as in an office program: pinyin sort, remembered widths and sort, menu, copy, export."""

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop_app.domain.survey import INSTITUTION_FIELDS
from tests.services.enterprises.helpers import add_enterprise
from tests.ui.test_main_window import visible_texts
from ui.app import make_app
from ui.common.list_actions import headers
from ui.enterprises.row_table import RowTable
from ui.enterprises.tab import EnterprisesTab

NAMES = ["张家庄煤业有限公司", "阿里山化工有限公司", "陈家沟机械有限公司", "白马寺建材有限公司",
         "=HYPERLINK(1)有限公司"]


def _tab(qtbot, ledger):
    t = EnterprisesTab(ledger)
    qtbot.addWidget(t)
    t.resize(1300, 700)
    t.show()
    return t


@pytest.fixture
def tab(qtbot, ledger):
    make_app()
    for n, name in enumerate(NAMES, 1):
        add_enterprise(ledger, n, name=name)
    return _tab(qtbot, ledger)


def _select_rows(tab, rows):
    tab.view.clearSelection()
    for r in rows:
        tab.view.selectionModel().select(tab.model.index(r, 0), tab.view.selectionModel().SelectionFlag.Select
                                         | tab.view.selectionModel().SelectionFlag.Rows)


def _click_header(qtbot, tab, col):
    header = tab.view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(col) + 10, header.height() // 2))


def test_header_click_sorts_names_by_pinyin(tab, qtbot):
    col = tab.model.keys.index("name")
    _click_header(qtbot, tab, col)  # a real click: the indicator moves, the list sorts
    if tab.view.horizontalHeader().sortIndicatorOrder() != Qt.SortOrder.AscendingOrder:
        _click_header(qtbot, tab, col)
    assert tab.view.horizontalHeader().sortIndicatorSection() == col
    assert visible_texts(tab, "name")[1:5] == ["阿里山化工有限公司", "白马寺建材有限公司", "陈家沟机械有限公司",
                                              "张家庄煤业有限公司"]
    _click_header(qtbot, tab, col)
    assert visible_texts(tab, "name")[:4] == ["张家庄煤业有限公司", "陈家沟机械有限公司", "白马寺建材有限公司",
                                               "阿里山化工有限公司"]


def test_widths_and_sort_remembered_by_a_new_tab(tab, qtbot, ledger):
    col = tab.model.keys.index("name")
    tab.view.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    tab.view.setColumnWidth(col, 333)
    again = _tab(qtbot, ledger)
    assert again.view.columnWidth(col) == 333
    header = again.view.horizontalHeader()
    assert header.sortIndicatorSection() == col and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert visible_texts(again, "name") == visible_texts(tab, "name")
    assert visible_texts(again, "name")[-2] == "阿里山化工有限公司"  # "=…" sorts before letters


def test_copy_puts_selected_rows_with_header_as_tsv(tab, qtbot):
    tab.view.sortByColumn(tab.model.keys.index("name"), Qt.SortOrder.AscendingOrder)
    _select_rows(tab, [2, 3])
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QApplication.clipboard().text().splitlines()
    header = headers(tab.view)
    assert lines[0].split("\t") == header and "企业名称" in header
    name_col = header.index("企业名称")
    assert [line.split("\t")[name_col] for line in lines[1:]] == ["白马寺建材有限公司", "陈家沟机械有限公司"]
    assert len(lines) == 3


def test_menu_has_the_actions_and_they_act(tab, qtbot, tmp_path, monkeypatch):
    tab.search.setText("有限公司")
    tab._debounce.timeout.emit()
    rect = tab.view.visualRect(tab.model.index(2, 0))
    menu = tab.actions.prepare_menu(rect.center())
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["打开/编辑", "删除", "复制", "导出为 Excel…"]
    assert tab.current_row() == 2 and all(a.isEnabled() for a in menu.actions())
    menu.popup(tab.view.viewport().mapToGlobal(rect.center()))
    qtbot.waitUntil(menu.isVisible)
    shot = tab.grab()
    menu.grab().save(str(tmp_path / "menu.png"))
    shot.save(str(tmp_path / "list.png"))
    assert not shot.isNull()
    menu.close()

    opened = []
    monkeypatch.setattr(tab, "open_dialog", lambda rid: opened.append(rid))
    tab.actions.open_action.trigger()
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert opened == [tab.current_id(), tab.current_id()] and opened[0]

    tab.actions.copy_action.trigger()
    assert tab.model.data(tab.model.index(2, tab.model.keys.index("name"))) in QApplication.clipboard().text()

    target = tmp_path / "企业列表"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab.view.sortByColumn(tab.model.keys.index("name"), Qt.SortOrder.DescendingOrder)
    tab.actions.export_action.trigger()
    ws = openpyxl.load_workbook(target.with_suffix(".xlsx")).active
    rows = [[c if c is not None else "" for c in row] for row in ws.iter_rows(values_only=True)]
    cols = [c for c in range(tab.model.columnCount()) if not tab.view.isColumnHidden(c)]
    shown = [[tab.model.data(tab.model.index(r, c)) for c in cols] for r in range(tab.model.rowCount())]
    assert rows[0] == headers(tab.view)
    assert rows[1:] == shown and len(shown) == 5
    name_col = headers(tab.view).index("企业名称")
    formula_cell = ws.cell(2 + next(i for i, r in enumerate(shown) if r[name_col][0] == "="), 1 + name_col)
    assert formula_cell.data_type == "s"


def test_delete_from_menu_asks_then_deletes(tab, qtbot):
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.test_main_window import when_modal
    n = tab.model.rowCount()
    tab.actions.prepare_menu(tab.view.visualRect(tab.model.index(0, 0)).center())
    when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    tab.actions.delete_action.trigger()
    assert tab.model.rowCount() == n - 1


def test_export_keeps_id_numbers_masked(demo_window, tmp_path):
    from ui.common.list_actions import export_shown

    tab = demo_window.tab_widgets["talent"]
    path = export_shown(tab.view, tmp_path / "人才.xlsx", "人才")
    ws = openpyxl.load_workbook(path).active
    col = headers(tab.view).index(tab.model.headerData(tab.model.keys.index("id_number"), Qt.Orientation.Horizontal)) + 1
    ids = [ws.cell(r, col).value for r in range(2, ws.max_row + 1) if ws.cell(r, col).value]
    assert ids and all("********" in i for i in ids) and ws.max_row - 1 == tab.model.rowCount()


def test_paste_from_excel_fills_cells_and_adds_rows(qtbot):
    make_app()
    table = RowTable(INSTITUTION_FIELDS)
    qtbot.addWidget(table)
    table.show()
    table.add_row()
    table.setCurrentCell(0, 1)
    QApplication.clipboard().setText("晋城市工信局\t煤矿安全\t1\t12\t1,100.50\n"
                                     "企业自建\t\"瓦斯\n治理\"\t2\t5\t20\textra\n"
                                     "企业自建\t选煤\t1\t3\t7\n")
    editor = table.focusWidget() if table.state() == table.State.EditingState else table  # the cell opened
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows = table.rows()
    assert len(rows) == 3
    assert rows[0] == {"name": "", "approver": "晋城市工信局", "field": "煤矿安全", "count": "1", "staff": "12",
                       "spending": "1100.50", "equipment_value": ""}
    assert rows[1]["field"] == "瓦斯\n治理" and rows[1]["equipment_value"] == "extra"
    assert rows[2]["spending"] == "7" and table.currentRow() == 2
    assert table.state() != table.State.EditingState
    table.setCurrentCell(2, 0)
    table.closePersistentEditor(table.item(2, 0))
    QApplication.clipboard().setText("单个值")  # one value pastes into the open cell as usual
    assert table.paste("末行\n新行\n") == 2 and table.rowCount() == 4 and table.item(3, 0).text() == "新行"


def test_pinyin_sort_pages_stay_correct(qtbot, ledger):
    """More rows than a page: the order holds across pages (the ids are sorted whole)."""
    from ui.common import table_model
    from ui.common.collation import sort_key

    make_app()
    surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
    for n in range(table_model.PAGE_SIZE + 30):
        add_enterprise(ledger, n + 1, name=f"{surnames[n % len(surnames)]}{n}号有限公司")
    t = _tab(qtbot, ledger)
    t.view.sortByColumn(t.model.keys.index("name"), Qt.SortOrder.AscendingOrder)
    names = visible_texts(t, "name")
    assert len(names) == table_model.PAGE_SIZE + 30 and names == sorted(names, key=sort_key)
    assert names[0].startswith("曹") and names != sorted(names)
    t.view.sortByColumn(t.model.keys.index("name"), Qt.SortOrder.DescendingOrder)
    assert visible_texts(t, "name") == names[::-1]
