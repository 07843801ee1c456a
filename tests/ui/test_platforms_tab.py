"""The 平台 tab offscreen: add with a host picked by search, filter, dated status change with history."""

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from desktop_app.services import platforms
from tests.ui.test_main_window import visible_texts, when_modal
from ui.app import make_app
from ui.common.picker import PickerDialog, enterprise_source


@pytest.fixture
def tab(demo_window):
    tab = demo_window.tab_widgets["platforms"]
    demo_window.tabs.setCurrentWidget(tab)
    return tab


def _close(dialog):
    if dialog.isVisible():
        dialog.reject()


def test_picker_searches_enterprises(qtbot, demo_ledger):
    make_app()
    dialog = PickerDialog(demo_ledger, enterprise_source(), initial="精铸")
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    dialog.accept()
    assert demo_ledger.conn.execute("SELECT name FROM enterprises WHERE id = ?",
                                    (dialog.chosen,)).fetchone()[0] == "山西鑫伟精铸有限公司"


def test_add_platform_refused_before_host_founded_then_saved(tab, qtbot, demo_ledger):
    host = demo_ledger.conn.execute("SELECT id, founded_on FROM enterprises WHERE name = '山西鑫伟精铸有限公司'").fetchone()
    seen = {}

    def fill(dialog):
        dialog.findChild(QLineEdit, "name").setText("鑫伟精密铸造中试基地")
        for key, value in (("type", "中试基地"), ("level", "省级"), ("status", "已认定")):
            combo = dialog.findChild(QComboBox, key)
            combo.setCurrentIndex(combo.findData(value))
        dialog.widgets["host_enterprise_id"].setText(host["id"])
        seen["host_shown"] = dialog.widgets["host_enterprise_id"].display.text()
        dialog.findChild(QLineEdit, "approved_on").setText("2001-05-01")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen["error"] = dialog.findChild(QLabel, "error").text()
        dialog.findChild(QLineEdit, "approved_on").setText("2025-05-01")
        dialog.findChild(QLineEdit, "investment").setText("-5")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen["error2"] = dialog.findChild(QLabel, "error").text()
        dialog.findChild(QLineEdit, "investment").setText("850")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        _close(dialog)

    when_modal(qtbot, fill)
    saved = tab.add_record()
    assert seen["host_shown"] == "山西鑫伟精铸有限公司"
    assert f"早于依托企业“山西鑫伟精铸有限公司”的成立日期 {host['founded_on']}" in seen["error"]
    assert "累计投入（万元）不能小于 0" in seen["error2"]
    assert saved and platforms.get(demo_ledger, saved)["investment"] == 850
    assert tab.detail.table.rowCount() == 1 and tab.detail.table.item(0, 1).text() == "已认定"


def test_filter_by_type_and_level(tab):
    kind = tab.findChild(QComboBox, "filter_type")
    kind.setCurrentIndex(kind.findData("重点实验室"))
    assert set(visible_texts(tab, "type")) == {"重点实验室"}
    level = tab.findChild(QComboBox, "filter_level")
    level.setCurrentIndex(level.findData("国家级"))
    assert visible_texts(tab, "name") == ["煤与煤层气共采国家重点实验室"]


def test_status_change_from_the_history_panel(tab, qtbot, demo_ledger):
    row = visible_texts(tab, "name").index("沁水县煤层气检验检测平台")
    tab.view.selectRow(row)
    before = tab.detail.table.rowCount()
    assert "当前：申报中" in tab.detail.caption.text()

    def fill(dialog):
        combo = dialog.findChild(QComboBox, "status")
        combo.setCurrentIndex(combo.findData("已认定"))
        from datetime import date
        dialog.findChild(QLineEdit, "changed_on").setText(date.today().isoformat())
        dialog.findChild(QLineEdit, "approval_doc").setText("沁政函〔2026〕5号")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        _close(dialog)

    when_modal(qtbot, fill)
    assert tab.change_status()
    assert tab.current_id() is not None and "当前：已认定" in tab.detail.caption.text()
    assert tab.detail.table.rowCount() == before + 1
    assert tab.detail.table.item(0, 2).text() == "沁政函〔2026〕5号"


def test_edit_platform_figures(tab, qtbot, demo_ledger):
    row = visible_texts(tab, "name").index("山西鑫伟精铸企业技术中心")
    tab.view.selectRow(row)
    seen = {}

    def fill(dialog):
        seen["host"] = dialog.widgets["host_enterprise_id"].display.text()
        dialog.findChild(QLineEdit, "staff").setText("22")
        dialog.findChild(QLineEdit, "evaluation").setText("2025 年度评价：良好")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        _close(dialog)

    when_modal(qtbot, fill)
    saved = tab.edit_current()
    assert seen["host"] == "山西鑫伟精铸有限公司"
    record = platforms.get(demo_ledger, saved)
    assert (record["staff"], record["evaluation"]) == (22, "2025 年度评价：良好")
    assert tab.model.data(tab.model.index(tab.current_row(), tab.model.keys.index("staff"))) == "22"
    assert "评估：2025 年度评价：良好" in tab.detail.caption.text()


def test_a_new_platform_has_no_preset_type_or_level(tab, qtbot):
    n = tab.model.rowCount()
    seen = {}

    def fill(dialog):
        seen["preset"] = [dialog.findChild(QComboBox, k).currentText() for k in ("type", "level")]
        dialog.findChild(QLineEdit, "name").setText("只填了名称的平台")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen.update(error=dialog.findChild(QLabel, "error").text(), open=dialog.isVisible())
        dialog.reject()

    when_modal(qtbot, fill)
    assert tab.add_record() is None
    assert seen["preset"] == ["（请选择）", "（请选择）"]
    assert seen["open"] and "请选择平台类型" in seen["error"]
    assert tab.model.rowCount() == n  # nothing stored with a type the clerk never chose


def test_ctrl_s_saves_a_record_dialog(qtbot):
    from PySide6.QtCore import Qt

    from ui.common.record_dialog import FieldDef, RecordDialog

    make_app()
    saved = []
    dialog = RecordDialog("新增", [FieldDef("name", "名称", required=True)], lambda v: saved.append(v) or "id")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.wait(50)
    field = dialog.findChild(QLineEdit, "name")
    field.setFocus()
    qtbot.keyClicks(field, "abc")
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved == [{"name": "abc"}] and not dialog.isVisible()
