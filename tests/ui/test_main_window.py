"""Drive the real window offscreen and check what the clerk would see."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QMessageBox

from ui.app import make_app
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_ledger):
    make_app()
    w = MainWindow(demo_ledger)
    qtbot.addWidget(w)
    w.show()
    return w


def when_modal(qtbot, action):
    """Run ``action(dialog)`` on the next modal dialog that opens."""
    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        action(dialog)
    QTimer.singleShot(0, poll)


def visible_texts(tab, column_key):
    col = tab.model.keys.index(column_key)
    return [tab.model.data(tab.model.index(r, col)) for r in range(tab.model.rowCount())]


def test_window_title_tabs_and_status(window):
    assert "沁水县" in window.windowTitle() and "演示台账" in window.windowTitle()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["任务", "企业", "人才", "平台"]
    status = " ".join(lbl.text() for lbl in window.statusBar().findChildren(QLabel))
    assert "沁水县" in status and "演示操作员" in status and "demo.sqlite3" in status
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "报表(&R)", "目标奖补(&T)", "数据交换(&E)", "帮助(&H)"]


def test_every_tab_lists_real_rows(window):
    for key, expect in (("tasks", "打造双创要素集聚平台"), ("enterprises", "山西蓝焰煤层气集团有限责任公司"),
                        ("talent", "张遂安"), ("platforms", "煤与煤层气共采国家重点实验室")):
        tab = window.tab_widgets[key]
        window.tabs.setCurrentWidget(tab)
        texts = [tab.model.data(tab.model.index(r, c)) for r in range(tab.model.rowCount())
                 for c in range(tab.model.columnCount())]
        assert expect in texts, key
        assert tab.count_label.text() == f"共 {tab.model.rowCount()} 条"


def test_search_filters_the_list(window, qtbot):
    tab = window.tab_widgets["enterprises"]
    window.tabs.setCurrentWidget(tab)
    tab.search.setText("铸")  # what an IME commits; QTest cannot type Chinese
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=2000)
    assert set(visible_texts(tab, "name")) == {"沁水县顺世达铸业有限公司", "山西鑫伟精铸有限公司"}
    assert tab.count_label.text() == "共 2 条"
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 24, timeout=2000)


def test_filter_combo(window):
    tab = window.tab_widgets["enterprises"]
    combo = tab.findChild(QComboBox, "filter_industry")
    combo.setCurrentIndex(combo.findData("煤层气"))
    assert set(visible_texts(tab, "industry")) == {"煤层气"}
    from desktop_app.services.demo import _spec

    assert tab.model.rowCount() == sum(e["industry"] == "煤层气" for e in _spec()["enterprise"])


def test_add_enterprise_bad_code_then_good(window, qtbot):
    tab = window.tab_widgets["enterprises"]
    window.tabs.setCurrentWidget(tab)
    seen = {}

    def fill(dialog):
        dialog.findChild(QLineEdit, "name").setText("沁水县新能科技有限公司")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "uscc"), "91140521MA0K3F2L1E")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        error = dialog.findChild(QLabel, "error")
        seen["error"] = error.text()
        seen["visible"] = error.isVisible()
        seen["still_open"] = dialog.isVisible()
        field = dialog.findChild(QLineEdit, "uscc")
        field.clear()
        qtbot.keyClicks(field, "91140521MA0K3F2L1W")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    when_modal(qtbot, fill)
    saved = tab.add_record()
    assert seen["visible"] and seen["still_open"]
    assert "校验不通过：其中有字符输错了" in seen["error"]
    assert saved is not None
    assert "沁水县新能科技有限公司" in visible_texts(tab, "name")
    row = tab.current_row()
    assert tab.model.data(tab.model.index(row, 0)) == "沁水县新能科技有限公司"


def test_delete_asks_first(window, qtbot):
    tab = window.tab_widgets["platforms"]
    window.tabs.setCurrentWidget(tab)
    tab.view.selectRow(0)
    name = tab.model.data(tab.model.index(0, 0))
    n = tab.model.rowCount()
    when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.No).click())
    tab.delete_current()
    assert tab.model.rowCount() == n
    when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    tab.delete_current()
    assert tab.model.rowCount() == n - 1 and name not in visible_texts(tab, "name")


def test_talent_list_masks_id_numbers(window):
    tab = window.tab_widgets["talent"]
    ids = [t for t in visible_texts(tab, "id_number") if t]
    assert ids and all("********" in t for t in ids)


def test_sort_by_header_click(window, qtbot):
    tab = window.tab_widgets["enterprises"]
    header = tab.view.horizontalHeader()
    col = tab.model.keys.index("township")
    header.sectionClicked.emit(col)
    tab.view.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    towns = visible_texts(tab, "township")
    from ui.common.collation import sort_key

    # by pinyin: 中村镇 (zhong) before 郑庄镇 (zheng) descending
    assert towns == sorted(towns, key=sort_key, reverse=True) and towns != sorted(towns, reverse=True)


def test_report_menu_prints_task_list(window, qtbot, tmp_path):
    from desktop_app.services import printing
    from ui import report_menu

    assert window.report_menu.actions() == []  # listed on first opening, not at start-up
    window.report_menu.aboutToShow.emit()
    titles = [a.text() for a in window.report_menu.actions()]
    assert "工作任务清单…" in titles
    out = tmp_path / "任务清单.pdf"
    opened = []
    when_modal(qtbot, lambda box: (opened.append(box.text()), box.button(QMessageBox.StandardButton.Ok).click()))
    task = report_menu.print_report(window, printing.registry()["task-list"], out=str(out), params={}, fmt="pdf")
    qtbot.waitUntil(lambda: out.exists() and bool(opened), timeout=20000)
    assert task.error is None and "已生成" in opened[0]


def test_tabs_are_built_when_first_shown(qtbot, demo_ledger):
    make_app()
    w = MainWindow(demo_ledger)
    qtbot.addWidget(w)
    w.show()
    assert [t.objectName() for t in w.tab_widgets.built()] == ["tab_tasks"]
    w.tabs.setCurrentIndex(2)
    assert "tab_talent" in [t.objectName() for t in w.tab_widgets.built()]
    talent = w.tab_widgets["talent"]
    assert talent.isVisible() and talent.model.rowCount() > 0
    assert len(w.tab_widgets.built()) == 2


def test_about_names_version_schema_and_fonts(window, qtbot):
    from desktop_app import __version__

    seen = []
    when_modal(qtbot, lambda box: (seen.append(box.text()), box.accept()))
    window.about()
    assert __version__ in seen[0] and "台账结构版本" in seen[0] and "NotoSerifSC" in seen[0]


def test_qt_standard_buttons_speak_chinese(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    make_app()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No
                           | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == sorted(["是(&Y)", "否(&N)", "取消"])


def test_compiled_qt_translation_matches_its_source(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from desktop_app.paths import resource

    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    out = tmp_path / "qt_zh_CN.qm"
    subprocess.run([str(lrelease), str(resource("i18n", "qt_zh_CN.ts")), "-qm", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == resource("i18n", "qt_zh_CN.qm").read_bytes()
