"""数据交换 → 审核: findings of a period, the explanation saved, the record opened."""

from desktop_app.services import review
from tests.services.enterprises.helpers import INSTITUTION
from tests.services.review_cases import NAME, TASK, P, clean_case
from ui.app import make_app
from ui.main_window import MainWindow
from ui.review import open_review
from ui.review.window import ReviewWindow


def _window(qtbot, ledger) -> ReviewWindow:
    make_app()
    w = ReviewWindow(ledger)
    qtbot.addWidget(w)
    w.show()
    w.set_period(P)
    return w


def _column(w, key):
    col = [c.key for c in w.model.columns].index(key)
    return [w.model.index(r, col).data() for r in range(w.model.rowCount())]


def test_typing_an_explanation_and_saving_makes_the_finding_pass(qtbot, ledger):
    case = clean_case(ledger)
    case.resave(institutions=[{**INSTITUTION, "spending": "300"}])
    case.progress("2026-09", "滞后")
    case.progress(P, "滞后")
    w = _window(qtbot, ledger)
    assert _column(w, "rule") == ["S05 研发费用同比变动超过 50%", "T02 任务连续两期滞后"]
    assert _column(w, "subject")[0] == NAME and TASK in _column(w, "subject")[1]
    assert _column(w, "state") == ["待说明", "待说明"]
    assert "不能上报" in w.summary.text()
    w.view.selectRow(0)
    w.explanation.setPlainText("核实无误")
    assert "不能作为核实说明" in w.message.text()  # said while typing
    w.save_button.click()
    assert review.blocking(ledger, P)[0].rule == "S05"  # refused: nothing saved
    text = "本年新建中试线，研发投入较上年大幅增加，已核对财务辅助账"
    w.explanation.setPlainText(text)
    assert w.message.text() == "" and w.save_button.isEnabled()
    w.save_button.click()
    qtbot.waitUntil(lambda: _column(w, "state")[0] == "已说明")  # the ledger's change refreshed it
    assert w.message.text() == "说明已保存"
    assert w.current().rule == "S05" and w.explanation.toPlainText() == text  # still selected
    assert [f.rule for f in review.blocking(ledger, P)] == ["T02"]
    assert "已说明 1 条" in w.summary.text()
    w.grab().save(str(ledger.path.parent / "review.png"))


def test_forced_finding_has_no_explanation_field_and_refreshes_when_corrected(qtbot, ledger):
    case = clean_case(ledger)
    case.institution(count="0", spending="0")
    w = _window(qtbot, ledger)
    assert _column(w, "level")[0] == "强制" and _column(w, "state")[0] == "须更正"
    w.view.selectRow(0)
    assert not w.explanation.isEnabled() and "不能以说明代替" in w.explanation.placeholderText()
    case.resave(institutions=[INSTITUTION])  # corrected elsewhere: the panel follows
    qtbot.waitUntil(lambda: w.model.rowCount() == 0)
    assert "审核通过" in w.summary.text() and w.detail.text() == "本期未发现审核问题。"


def test_menu_entry_opens_the_panel_and_double_click_opens_the_record(qtbot, ledger):
    case = clean_case(ledger)
    case.institution(count="0", spending="0")
    case.progress("2026-09", "滞后")
    case.progress(P, "滞后")
    make_app()
    main = MainWindow(ledger)
    qtbot.addWidget(main)
    main.show()
    exchange = next(a.menu() for a in main.menuBar().actions() if a.text().startswith("数据交换"))
    entry = exchange.actions()[0]
    assert entry.text() == "审核…"
    entry.trigger()
    w = main._review_window
    assert isinstance(w, ReviewWindow) and open_review(main) is w  # one per main window
    w.set_period(P)
    rows = {f.rule: i for i, f in enumerate(w.findings)}
    w.view.selectRow(rows["S02"])
    assert w.open_current()
    tab = main.tab_widgets["enterprises"]
    assert main.tabs.currentIndex() == 1 and tab.current_id() == case.eid
    assert tab.page.sections.currentWidget() is tab.page.returns
    w.view.selectRow(rows["T02"])
    w.view.doubleClicked.emit(w.model.index(rows["T02"], 0))
    assert main.tabs.currentIndex() == 0
    assert main.tab_widgets["tasks"].tree_page.current()[1].name == TASK
    main.close()
    assert main._review_window is None  # torn down with the ledger
