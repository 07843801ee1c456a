"""The 目标奖补 menu's two windows offscreen: targets with their chart, rewards with the highest-only rule."""

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox

from desktop_app.services import rewards, targets
from tests.ui.test_main_window import when_modal


@pytest.fixture
def window(demo_window):
    return demo_window


def _menu_action(window, text):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "目标奖补(&T)")
    return next(a for a in menu.actions() if a.text() == text)


def _close(dialog):
    if dialog.isVisible():
        dialog.reject()


@pytest.fixture
def targets_window(window):
    _menu_action(window, "目标完成情况…").trigger()
    win = window._targets_window
    win.year.setValue(date.today().year - 1)
    return win


def _select(win, indicator):
    row = next(i for i, r in enumerate(win.model.rows) if r.indicator == indicator)
    win.view.selectRow(row)
    return win.model.rows[row]


def test_targets_window_lists_own_scope_with_chart(targets_window):
    win = targets_window
    assert {r.scope for r in win.model.rows} == {"沁水县"} and win.scope.currentData() == "沁水县"
    row = _select(win, "研究与试验发展经费投入强度")
    assert row.typed and row.actual == 1.72
    assert win.actual_button.isEnabled() and not win.edit_button.isEnabled()
    chart = win.chart.chart()
    assert chart.title() == "研究与试验发展经费投入强度"
    names = [s.name() for s in chart.series()]
    assert any("目标值 1.88" in n for n in names)
    bars = chart.series()[0]
    assert [b.label() for b in bars.barSets()] == ["本年应达", "实际值"]
    assert "县统计局" in win.detail.toPlainText()
    assert "已有实际值" in win.summary.text()
    win.scope.setCurrentIndex(win.scope.findData("运城市"))
    assert {r.scope for r in win.model.rows} == {"运城市"}


def test_type_an_actual_value(targets_window, qtbot, demo_ledger):
    win = targets_window
    _select(win, "煤层气利用率")
    seen = {}

    def fill(dialog):
        dialog.findChild(QLineEdit, "value").setText("九十四")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen["error"] = dialog.findChild(QLabel, "error").text()
        dialog.findChild(QLineEdit, "value").setText("94.2")
        dialog.findChild(QLineEdit, "source_note").setText("县能源局核定数")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        _close(dialog)

    when_modal(qtbot, fill)
    assert win.type_actual()
    assert "实际值应为数字" in seen["error"]
    row = win.current()
    assert row.indicator == "煤层气利用率" and row.actual == 94.2 and row.actual_source == "县能源局核定数"


def test_add_own_target(targets_window, qtbot):
    win = targets_window
    n = len(win.model.rows)

    def fill(dialog):
        dialog.findChild(QLineEdit, "indicator").setText("科技特派员服务次数")
        dialog.findChild(QLineEdit, "measure_unit").setText("次")
        dialog.values_table.item(0, 0).setText(str(date.today().year))
        dialog.values_table.item(0, 1).setText("50")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        _close(dialog)

    when_modal(qtbot, fill)
    assert win.edit_target(None)
    assert len(win.model.rows) == n + 1
    custom = [r for r in win.model.rows if r.custom]
    assert [r.indicator for r in custom] == ["科技特派员服务次数"]


def test_print_targets_from_the_window(targets_window, qtbot, tmp_path):
    out = tmp_path / "目标.pdf"
    when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Ok).click())
    task = targets_window.print_form("pdf", out=str(out))
    qtbot.waitUntil(lambda: task.result is not None or task.error is not None, timeout=20000)
    assert task.error is None and out.exists()


@pytest.fixture
def rewards_window(window):
    _menu_action(window, "奖补测算…").trigger()
    win = window._rewards_window
    win.year.setCurrentIndex(win.year.findData(0))   # 全部年度
    return win


def _pick(win, *subjects):
    win.view.clearSelection()
    sel = win.view.selectionModel()
    for i, a in enumerate(win.model.rows):
        if a.event.subject in subjects:
            sel.select(win.model.index(i, 0), sel.SelectionFlag.Select | sel.SelectionFlag.Rows)


def test_rewards_window_is_labelled_with_the_policy(rewards_window):
    win = rewards_window
    assert "沁水县支持科技创新奖补政策（示例）" in win.windowTitle() and "绛" not in win.windowTitle()
    assert "按最高等次奖励补助" in win.findChild(QLabel, "caption").text()
    states = {a.event.subject: a for a in win.model.rows}
    assert states["山西省煤层气储层改造重点实验室"].status == "superseded"
    assert "待核定金额" in win.summary.text()


def test_ungroup_and_group_again(rewards_window):
    win = rewards_window
    lab, centre = "山西省煤层气储层改造重点实验室", "山西省煤层气高效开发工程技术研究中心"
    _pick(win, lab)
    assert win.ungroup_button.isEnabled() and win.ungroup()
    after = {a.event.subject: a for a in win.model.rows}
    assert (after[lab].status, after[lab].due) == ("due", 10)
    assert win.model.data(win.model.index(win.model.rows.index(after[lab]), 9)) == ""
    _pick(win, lab, centre)
    assert len(win.selected()) == 2 and win.group_button.isEnabled() and win.group()
    after = {a.event.subject: a for a in win.model.rows}
    assert (after[lab].status, after[lab].due, after[centre].due) == ("superseded", 0, 10)
    marks = {win.model.data(win.model.index(win.model.rows.index(after[k]), 9)) for k in (lab, centre)}
    assert len(marks) == 1 and marks.pop().startswith("合并")


def test_payment_over_the_due_amount_is_refused(rewards_window, qtbot):
    win = rewards_window
    _pick(win, "沁水经济技术开发区科技企业孵化器")
    seen = {}

    def fill(dialog):
        dialog.findChild(QLineEdit, "amount_paid").setText("15")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen["error"] = dialog.findChild(QLabel, "error").text()
        dialog.findChild(QLineEdit, "amount_paid").setText("10")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        _close(dialog)

    when_modal(qtbot, fill)
    assert win.record_payment()
    assert "超过应奖金额 10 万元" in seen["error"]
    a = next(a for a in win.model.rows if a.event.subject == "沁水经济技术开发区科技企业孵化器")
    assert a.paid == 10 and a.outstanding == 0


def test_set_amount_for_a_case_by_case_item(rewards_window, qtbot, demo_ledger):
    win = rewards_window
    pending = next(a for a in win.model.rows if a.status == "pending")
    _pick(win, pending.event.subject)

    def fill(dialog):
        dialog.findChild(QLineEdit, "approved_amount").setText("15")
        dialog.widgets["note"].setPlainText("县委人才工作领导小组会议纪要〔2026〕3号")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        _close(dialog)

    when_modal(qtbot, fill)
    assert win.set_amount()
    assert rewards.award(demo_ledger, pending.event.key).due == 15


def test_menu_window_follows_ledger_changes(window, qtbot, demo_ledger):
    _menu_action(window, "目标完成情况…").trigger()
    win = window._targets_window
    rd = next(r for r in targets.rows(demo_ledger, date.today().year) if r.indicator == "技术合同交易额")
    targets.set_actual(demo_ledger, rd.id, {"year": date.today().year, "value": "2.5", "source_note": "登记"})
    win.year.setValue(date.today().year)
    assert next(r for r in win.model.rows if r.id == rd.id).actual == 2.5
    assert QApplication.activeModalWidget() is None


def test_targets_list_copies_and_remembers_widths(targets_window, qtbot):
    from PySide6.QtCore import QSettings, Qt

    view = targets_window.view
    actions = targets_window.list_actions
    assert [a.text() for a in actions.menu.actions() if a.isVisible() and not a.isSeparator()] == \
        ["复制", "导出为 Excel…"]
    view.selectRow(0)
    actions.copy_action.trigger()
    lines = QApplication.clipboard().text().splitlines()
    assert len(lines) == 2 and lines[0].split("\t")[0] == view.model().headerData(0, Qt.Orientation.Horizontal)
    view.setColumnWidth(0, 222)
    assert "=222" in QSettings().value("lists/targets/widths")
