"""The 人才 tab driven offscreen: people (masked IDs, unmask with a reason), teams, 科技特派员."""

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from desktop_app.services import talent
from tests.ui.test_main_window import visible_texts, when_modal

GOOD = "110105199003070017"  # a man born 1990-03-07


@pytest.fixture
def tab(demo_window):
    demo_window.tabs.setCurrentWidget(demo_window.tab_widgets["talent"])
    return demo_window.tab_widgets["talent"]


def test_three_pages_and_the_people_list(tab):
    assert [tab.pages.tabText(i) for i in range(tab.pages.count())] == ["人才名册", "人才团队", "科技特派员"]
    assert tab.model is tab.people.model and "张遂安" in visible_texts(tab.people, "name")
    assert tab.count_label.text() == f"共 {tab.model.rowCount()} 条"


def test_list_shows_only_masked_numbers(tab, demo_ledger):
    shown = [t for t in visible_texts(tab.people, "id_number") if t]
    full = {r[0] for r in demo_ledger.conn.execute("SELECT id_number FROM talent WHERE id_number != ''")}
    assert shown and all("********" in t for t in shown) and not full & set(shown)
    phones = [t for t in visible_texts(tab.people, "phone") if t]
    assert phones and all("****" in p for p in phones)


def test_filter_by_category_and_industry(tab):
    page = tab.people
    cat, ind = page.findChild(QComboBox, "filter_category"), page.findChild(QComboBox, "filter_industry")
    cat.setCurrentIndex(cat.findData("专业技术人才"))
    ind.setCurrentIndex(ind.findData("煤层气"))
    assert set(visible_texts(page, "name")) == {"张遂安", "李沁阳", "程静怡"}
    assert page.count_label.text() == "共 3 条"
    ind.setCurrentIndex(ind.findData("医疗卫生"))
    assert visible_texts(page, "name") == ["王晓雯"]


def test_add_person_bad_id_then_good_and_edit_keeps_the_number(tab, qtbot, demo_ledger):
    page = tab.people
    seen = {}

    def fill(dialog):
        dialog.findChild(QLineEdit, "name").setText("周明轩")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "id_number"), "110105199003070011")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen["error"] = dialog.findChild(QLabel, "error").text()
        seen["open"] = dialog.isVisible()
        field = dialog.findChild(QLineEdit, "id_number")
        field.clear()
        qtbot.keyClicks(field, GOOD)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        if dialog.isVisible():  # never leave a modal dialog behind
            dialog.reject()

    when_modal(qtbot, fill)
    saved = page.add_record()
    assert seen["open"] and "身份证号校验不通过" in seen["error"]
    assert saved is not None
    record = talent.get(demo_ledger, saved)
    assert record["id_number"] == GOOD and record["gender"] == "男"
    row = page.current_row()
    assert page.model.data(page.model.index(row, page.model.keys.index("id_number"))) == "110105********0017"

    def edit(dialog):
        seen["shown"] = dialog.findChild(QLineEdit, "id_number").text()
        dialog.findChild(QLineEdit, "specialty").setText("智能开采")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        if dialog.isVisible():
            dialog.reject()

    when_modal(qtbot, edit)
    assert page.edit_current() == saved
    assert seen["shown"] == "110105********0017"
    record = talent.get(demo_ledger, saved)
    assert record["id_number"] == GOOD and record["specialty"] == "智能开采"


def test_unmask_asks_for_a_reason_and_logs_it(tab, qtbot, demo_ledger):
    page = tab.people
    row = visible_texts(page, "name").index("李沁阳")
    page.view.selectRow(row)
    tid = page.current_id()
    full = talent.get(demo_ledger, tid)["id_number"]
    seen = {}

    def look(dialog):
        shown = dialog.findChild(QLineEdit, "id_number")
        seen["before"] = shown.text()
        dialog.findChild(QPushButton, "show").click()
        seen["error"] = dialog.findChild(QLabel, "error").text()
        seen["still_masked"] = shown.text()
        dialog.findChild(QComboBox, "reason").setCurrentText("核对人才补贴发放")
        dialog.findChild(QPushButton, "show").click()
        seen["after"] = shown.text()
        dialog.reject()

    when_modal(qtbot, look)
    page.unmask_current()
    assert "********" in seen["before"] and seen["still_masked"] == seen["before"]
    assert "须填写事由" in seen["error"]
    assert seen["after"] == full
    assert [r["reason"] for r in talent.unmask_log(demo_ledger, tid)] == ["核对人才补贴发放"]


def test_team_page_adds_a_team_with_members(tab, qtbot, demo_ledger):
    page = tab.teams
    tab.pages.setCurrentWidget(page)
    n = page.model.rowCount()
    people = dict(demo_ledger.conn.execute("SELECT name, id FROM talent WHERE deleted_at IS NULL").fetchall())

    def fill(dialog):
        dialog.findChild(QLineEdit, "name").setText("中药材种植技术团队")
        dialog.widgets["leader_id"].setText(people["郭建平"])
        dialog.append_member(people["田晓峰"], "田晓峰", "沁水县农业农村局", "核心成员")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        if dialog.isVisible():
            dialog.reject()

    when_modal(qtbot, fill)
    saved = page.add_record()
    assert saved and page.model.rowCount() == n + 1
    row = page.current_row()
    assert page.model.data(page.model.index(row, page.model.keys.index("members"))) == "2"
    assert page.detail.table.rowCount() == 2 and page.detail.table.item(0, 0).text() == "郭建平"


def test_commissioner_services_under_the_list(tab, qtbot):
    page = tab.commissioners
    tab.pages.setCurrentWidget(page)
    row = visible_texts(page, "name").index("郭建平")
    page.view.selectRow(row)
    assert page.services.rowCount() == 3 and "共 3 次服务" in page.detail.caption.text()

    def fill(dialog):
        dialog.findChild(QLineEdit, "served_on").setText("2099-01-01")
        dialog.widgets["content"].setPlainText("测土配方施肥指导")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        fill.error = dialog.findChild(QLabel, "error").text()
        from datetime import date
        dialog.findChild(QLineEdit, "served_on").setText(date.today().isoformat())
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        if dialog.isVisible():
            dialog.reject()

    when_modal(qtbot, fill)
    assert page.add_service()
    assert "晚于今天" in fill.error
    assert page.services.rowCount() == 4 and page.services.item(0, 1).text() == "测土配方施肥指导"
    combo = page.findChild(QComboBox, "filter_active")
    combo.setCurrentIndex(combo.findData(0))
    assert page.model.rowCount() == 0


def test_print_with_full_id_numbers_needs_a_reason(tab, qtbot, demo_ledger, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from tests.reports.conftest import pdf_text

    out = tmp_path / "人才统计表.pdf"
    when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Ok).click())
    task = tab.people.print_unmasked("报送市人才办核对", out=str(out))
    qtbot.waitUntil(lambda: task.result is not None or task.error is not None, timeout=20000)
    assert task.error is None
    full = [r[0] for r in demo_ledger.conn.execute(
        "SELECT id_number FROM talent WHERE high_level = 1 AND id_number != '' AND deleted_at IS NULL")]
    assert full and all(f in pdf_text(out) for f in full)
    reasons = [r[0] for r in demo_ledger.conn.execute("SELECT reason FROM audit_log WHERE action = 'unmask'")]
    assert reasons == ["报送市人才办核对"]
