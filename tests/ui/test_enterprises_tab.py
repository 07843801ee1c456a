"""The 企业 tab driven as a clerk would: enter a return, sign off, watch coverage move."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox

from desktop_app.services import evidence
from desktop_app.services.enterprises import signoff, surveys
from desktop_app.services.ledger import create_ledger
from tests.services.enterprises.helpers import add_enterprise
from tests.ui.test_main_window import when_modal
from ui.app import make_app
from ui.enterprises.tab import EnterprisesTab

PERIOD = "2024-05"


@pytest.fixture
def tab(qtbot, ledger):
    make_app()
    add_enterprise(ledger, 1, name="龙港甲煤业有限公司")
    add_enterprise(ledger, 2, name="龙港乙化工有限公司", industry="化工")
    t = EnterprisesTab(ledger)
    qtbot.addWidget(t)
    t.resize(1300, 800)
    t.show()
    t.set_period(PERIOD)
    return t


def _select(tab, name):
    col = tab.model.keys.index("name")
    row = next(r for r in range(tab.model.rowCount()) if tab.model.data(tab.model.index(r, col)) == name)
    tab.view.selectRow(row)
    return tab.current_id()


def _set(table, row, key, text):
    table.item(row, table.keys.index(key)).setText(text)


def test_enter_full_return_sign_off_and_coverage_moves(tab, qtbot, tmp_path):
    assert "覆盖率 <b>0.0%</b>" in tab.summary.text()
    eid = _select(tab, "龙港甲煤业有限公司")
    assert tab.page.name.text() == "龙港甲煤业有限公司"
    scan = tmp_path / "技术中心批复.pdf"
    scan.write_bytes(b"%PDF-1.4 approval")

    def fill(dialog):
        inst = dialog.institutions
        for key, text in (("name", "企业技术中心"), ("approver", "晋城市工信局"), ("field", "煤矿安全"),
                          ("staff", "12"), ("spending", "100.5"), ("equipment_value", "80")):
            _set(inst, 0, key, text)
        inst.add_row()
        for key, text in (("name", "瓦斯治理实验室"), ("approver", "企业自建"), ("staff", "5"), ("spending", "20")):
            _set(inst, 1, key, text)
        for key, text in (("name", "低浓度瓦斯利用研究"), ("source_doc", "企业自立"), ("staff", "6"),
                          ("spending", "40.25"), ("assets", "10")):
            _set(dialog.projects, 0, key, text)
        dialog.directions["innovation_input"].setPlainText("研发投入 160.75 万元")
        dialog.checks[10].setChecked(True)  # 产学研合作
        dialog.add_files([str(scan)])
        dialog.filled_by.setText("王会计")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    when_modal(qtbot, fill)
    sid = tab.page.fill_current_period()
    ret = surveys.get(tab.ledger, sid)
    assert [i.name for i in ret.institutions] == ["企业技术中心", "瓦斯治理实验室"]
    assert ret.projects[0].spending == 40.25 and ret.other_activities == (11,)
    assert evidence.count(tab.ledger, "surveys", sid) == 1
    panel = tab.page.signoff
    tab.page.show_section(panel)  # the clerk opens the 销号 section
    assert panel.marks["has_institution"].text() == "✔" and panel.marks["has_evidence"].text() == "✔"
    assert panel.confirm_button.isEnabled() and "符合销号条件" in panel.verdict.text()
    assert "已开展待核 1" in tab.summary.text()
    tab.side.setCurrentWidget(tab.coverage)  # coverage on screen while the county confirms
    town = tab.coverage.tables["township"]
    assert [town.item(0, c).text() for c in (0, 1, 2, 4, 5)] == ["合计", "2", "1", "0", "0.0%"]
    panel.confirm_button.click()
    assert signoff.status(tab.ledger, eid, PERIOD).signed_off
    assert "覆盖率 <b>50.0%</b>" in tab.summary.text() and "已销号 <b>1</b>" in tab.summary.text()
    assert [town.item(0, c).text() for c in (0, 1, 4, 5)] == ["合计", "2", "1", "50.0%"]
    tab.side.setCurrentWidget(tab.page)  # back to the enterprise: redrawn once shown
    assert tab.page.state.text().strip() == "已销号"
    assert panel.history.rowCount() == 1 and panel.history.item(0, 2).text() == "确认销号"
    assert not panel.confirm_button.isEnabled() and panel.revoke_button.isEnabled()


@pytest.mark.parametrize("key, text, words", [
    ("spending", "-5", "不能小于 0"),
    ("staff", "十二", "应为整数"),
])
def test_bad_number_is_pointed_at_and_nothing_saved(tab, qtbot, key, text, words):
    eid = _select(tab, "龙港乙化工有限公司")
    seen = {}

    def fill(dialog):
        _set(dialog.institutions, 0, "name", "研发部")
        _set(dialog.institutions, 0, key, text)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        seen.update(error=dialog.error_label.text(), open=dialog.isVisible(),
                    cell=(dialog.institutions.currentRow(), dialog.institutions.keys[dialog.institutions.currentColumn()]))
        dialog.reject()

    when_modal(qtbot, fill)
    assert tab.page.fill_current_period() is None
    assert words in seen["error"] and "研究开发机构第 1 行" in seen["error"] and seen["open"]
    assert seen["cell"] == (0, key)
    assert surveys.find_id(tab.ledger, eid, PERIOD) is None


def test_future_period_refused_in_dialog(tab, qtbot):
    _select(tab, "龙港乙化工有限公司")
    seen = {}

    def fill(dialog):
        dialog.period.setText("2999-01")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        seen["error"] = dialog.error_label.text()
        dialog.reject()

    when_modal(qtbot, fill)
    tab.page.fill_current_period()
    assert "在将来" in seen["error"]


def test_enter_walks_the_grid_and_adds_rows(tab, qtbot):
    _select(tab, "龙港乙化工有限公司")
    seen = {}

    def editor(table):
        return next(w for w in table.viewport().findChildren(QLineEdit) if w.isVisible())

    def walk(dialog):
        dialog.activateWindow()
        table = dialog.projects
        table.setFocus()
        table.setCurrentCell(0, 2)
        table.editItem(table.item(0, 2))
        qtbot.keyClicks(editor(table), "7")
        qtbot.keyClick(editor(table), Qt.Key.Key_Return)
        seen["after_one"] = (table.currentRow(), table.currentColumn(), table.item(0, 2).text())
        seen["editing_next"] = table.state() == table.State.EditingState
        qtbot.keyClick(editor(table), Qt.Key.Key_Escape)
        table.setCurrentCell(0, table.columnCount() - 1)
        table.editItem(table.item(0, table.columnCount() - 1))
        qtbot.keyClick(editor(table), Qt.Key.Key_Return)
        seen["rows"] = table.rowCount()
        seen["at"] = (table.currentRow(), table.currentColumn())
        dialog.reject()

    when_modal(qtbot, walk)
    tab.page.fill_current_period()
    assert seen["after_one"] == (0, 3, "7") and seen["editing_next"]
    assert seen["rows"] == 2 and seen["at"] == (1, 0)


def test_copy_previous_period(tab, qtbot):
    eid = _select(tab, "龙港甲煤业有限公司")
    sid = surveys.save(tab.ledger, eid, {"period": "2024-04", "institutions": [{"name": "技术中心", "spending": "30"}],
                                         "other_activities": [2]})
    evidence.attach_bytes(tab.ledger, "surveys", sid, "批复.pdf", b"x")
    seen = {}

    def copy(dialog):
        dialog.copy_button.click()
        seen["inst"] = dialog.institutions.rows()[0]["name"]
        seen["box"] = dialog.checks[1].isChecked()
        seen["files"] = [dialog.evidence_list.item(i).text() for i in range(dialog.evidence_list.count())]
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    when_modal(qtbot, copy)
    new = tab.page.fill_current_period()
    assert seen["inst"] == "技术中心" and seen["box"] and seen["files"][0].startswith("批复.pdf（沿用 2024-04")
    assert surveys.get(tab.ledger, new).period == PERIOD and evidence.count(tab.ledger, "surveys", new) == 1


def test_reject_needs_a_reason_and_is_kept(tab, qtbot):
    eid = _select(tab, "龙港甲煤业有限公司")
    surveys.save(tab.ledger, eid, {"period": PERIOD, "other_activities": [4]})
    tab.page.show_section(tab.page.signoff)
    seen = {}

    def reason(dialog):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen["empty"] = dialog.findChild(QLabel, "error").text()
        dialog.text.setPlainText("缺少印证材料，请补充技术改造验收报告")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    when_modal(qtbot, reason)
    assert tab.page.signoff._with_reason("reject")
    assert seen["empty"] == "请填写理由"
    hist = tab.page.signoff.history
    assert hist.item(0, 2).text() == "退回" and "技术改造验收报告" in hist.item(0, 3).text()
    assert "上次被退回" in tab.page.signoff.verdict.text()


def test_filters_state_and_helper(tab):
    eid = _select(tab, "龙港甲煤业有限公司")
    surveys.save(tab.ledger, eid, {"period": PERIOD, "other_activities": [4]})
    tab.refresh()
    combo = tab.findChild(QComboBox, "filter_state")
    combo.setCurrentIndex(combo.findData("已开展待核"))
    assert tab.model.rowCount() == 1 and tab.count_label.text() == "共 1 条"
    combo.setCurrentIndex(combo.findData("未开展"))
    assert tab.model.rowCount() == 1
    combo.setCurrentIndex(0)
    helper = tab.findChild(QComboBox, "filter_helper")
    helper.setCurrentIndex(helper.findData("（未结对）"))
    assert tab.model.rowCount() == 2


def test_batch_print_in_background(tab, qtbot, tmp_path):
    eid = _select(tab, "龙港甲煤业有限公司")
    surveys.save(tab.ledger, eid, {"period": PERIOD, "other_activities": [4]})
    out = tmp_path / "龙港镇调查表.pdf"
    shown = []
    when_modal(qtbot, lambda box: (shown.append(box.text()), box.button(QMessageBox.StandardButton.Ok).click()))
    task = tab.batch_print(out=str(out), township="龙港镇", fmt="pdf")
    qtbot.waitUntil(lambda: out.exists() and bool(shown), timeout=20000)
    assert task.error is None and "已生成" in shown[0]


def test_township_ledger_only_sees_state(qtbot, tmp_path):
    make_app()
    lg = create_ledger(tmp_path / "t.sqlite3", unit_name="龙港镇", level="township", parent_name="沁水县",
                       operator="乡镇填报员")
    try:
        add_enterprise(lg, 1, township="龙港镇", name="龙港甲煤业有限公司")
        t = EnterprisesTab(lg)
        qtbot.addWidget(t)
        t.show()
        _select(t, "龙港甲煤业有限公司")
        panel = t.page.signoff
        t.page.sections.setCurrentWidget(panel)
        assert panel.confirm_button.isHidden() and panel.reject_button.isHidden() and panel.revoke_button.isHidden()
        assert panel.township_note.isVisible() and "只能查看" in panel.township_note.text()
    finally:
        lg.close()


def test_duplicate_credit_code_shown_under_the_form(tab, qtbot):
    from tests.services.enterprises.helpers import code

    seen = {}

    def fill(dialog):
        dialog.widgets["name"].setText("另一家公司")
        dialog.widgets["uscc"].setText(code(1))
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen["error"] = dialog.error_label.text()
        dialog.reject()

    when_modal(qtbot, fill)
    assert tab.add_record() is None
    assert "已被“龙港甲煤业有限公司”使用" in seen["error"] and tab.model.rowCount() == 2


def test_enter_in_the_last_cell_adds_an_empty_row_that_saving_ignores(tab, qtbot):

    _select(tab, "龙港乙化工有限公司")
    seen = {}

    def fill(dialog):
        try:
            inst = dialog.institutions
            _set(inst, 0, "name", "研发部")
            inst.setCurrentCell(0, inst.columnCount() - 1)
            inst.advance()  # what Enter does in the last cell: a new row
            seen["rows"] = inst.rowCount()
            seen["new_row"] = [inst.item(1, c).text() for c in range(inst.columnCount())]
            dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
            seen["error"] = dialog.error_label.text() if dialog.isVisible() else ""
        except Exception as exc:  # noqa: BLE001 (reported below; the dialog must close)
            seen["exc"] = repr(exc)
        if dialog.isVisible():
            dialog.reject()

    when_modal(qtbot, fill)
    sid = tab.page.fill_current_period()
    assert "exc" not in seen, seen
    assert seen["rows"] == 2 and all(t == "" for t in seen["new_row"]), seen
    assert sid is not None, seen["error"]
    ret = surveys.get(tab.ledger, sid)
    assert [(i.name, i.count) for i in ret.institutions] == [("研发部", 1)]


def test_a_program_attached_as_evidence_is_shown_in_its_folder_not_run(tab, qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from ui.enterprises.survey_dialog import SurveyDialog

    _select(tab, "龙港甲煤业有限公司")
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    program = tmp_path / "验收报告.pdf.exe"
    program.write_bytes(b"MZ not really")
    dialog = SurveyDialog(tab.ledger, tab.page.enterprise, PERIOD, None, tab)
    qtbot.addWidget(dialog)
    dialog.add_files([str(program)])
    dialog.evidence_list.setCurrentRow(0)
    said = []
    when_modal(qtbot, lambda box: (said.append(box.text()), box.accept()))
    dialog.open_selected()
    assert opened == [str(tmp_path)] and "不直接打开" in said[0]


def test_ctrl_s_saves_the_survey(tab, qtbot):
    from ui.enterprises.survey_dialog import SurveyDialog

    eid = _select(tab, "龙港乙化工有限公司")
    dialog = SurveyDialog(tab.ledger, tab.page.enterprise, PERIOD, None, tab)
    qtbot.addWidget(dialog)
    _set(dialog.institutions, 0, "name", "研发部")
    dialog.show()
    dialog.activateWindow()
    qtbot.wait(50)
    dialog.filled_by.setFocus()
    qtbot.keyClick(dialog.filled_by, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    sid = surveys.find_id(tab.ledger, eid, PERIOD)
    assert sid is not None and [i.name for i in surveys.get(tab.ledger, sid).institutions] == ["研发部"]
