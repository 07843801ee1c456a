"""The 任务 tab driven like a clerk: progress for two units, one late, the ranking printed."""

import re
import subprocess
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
)

from desktop_app.domain import schedule
from desktop_app.services import tasks
from desktop_app.services.tasks import brief, supervision
from tests.services.tasks.sheets import seed_rows, task_sheet
from tests.ui.test_main_window import when_modal
from ui.app import make_app
from ui.tasks.month_models import RED
from ui.tasks.tab import TasksTab

TODAY = date(2026, 11, 21)
PERIOD = "2026-10"


@pytest.fixture
def small(ledger):
    doc = tasks.save_document(ledger, {"title": "测试方案", "doc_no": "沁测〔2026〕1号"})
    key = tasks.save_key_task(ledger, doc, {"name": "创新载体建设行动"})
    task = tasks.save_task(ledger, key, {"name": "打造双创要素集聚平台"})
    tasks.save_assignment(ledger, task, {"department": "县发改局", "role": "lead",
                                         "contacts": [{"leader": "王 锋", "section": "农经股", "handler": "刘海胜"}]})
    tasks.save_assignment(ledger, task, {"department": "县教育局", "contacts": [{"handler": "王 慧"}]})
    return ledger


@pytest.fixture
def tab(qtbot, small):
    make_app()
    t = TasksTab(small, today=TODAY)
    qtbot.addWidget(t)
    t.resize(1300, 800)
    t.show()
    t.pages.setCurrentWidget(t.month_page)
    return t


def fill_progress(qtbot, page, row: int, submitted: str, work: str) -> str | None:
    def enter(dialog):
        dialog.findChild(QComboBox, "status").setCurrentText("推进中")
        dialog.findChild(QPlainTextEdit, "work_done").setPlainText(work)
        field = dialog.findChild(QLineEdit, "submitted_on")
        field.clear()
        qtbot.keyClicks(field, submitted)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    page.entry_view.selectRow(row)
    when_modal(qtbot, enter)
    return page.fill_current()


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def test_two_entries_one_late_then_the_ranking(tab, qtbot, tmp_path):
    page = tab.month_page
    assert page.current_period == PERIOD
    assert [r.check.state for r in page.entries.items] == [schedule.MISSING, schedule.MISSING]
    assert fill_progress(qtbot, page, 0, "2026-10-30", "召开专题推进会") is not None
    assert fill_progress(qtbot, page, 1, "2026-11-04", "对接重点企业") is not None
    flags = [page.entries.data(page.entries.index(r, 4)) for r in range(2)]
    assert flags == ["按时报送", "逾期 3 天报送"]
    assert page.entries.data(page.entries.index(1, 4), Qt.ItemDataRole.ForegroundRole).color() == RED
    assert page.entries.data(page.entries.index(0, 4), Qt.ItemDataRole.ForegroundRole).color() != RED
    assert "逾期 <span style='color:#c0392b'><b>1</b></span> 条" in page.banner.text()
    units = {page.units.items[i][1].unit: page.units.items[i] for i in range(page.units.rowCount())}
    assert units["县发改局"][0] == (1, False) and units["县教育局"][0] == (2, False)

    out = tmp_path / "排名.pdf"
    seen = []
    when_modal(qtbot, lambda box: (seen.append(box.text()), box.button(QMessageBox.StandardButton.Ok).click()))
    task = page.print_form("ranking", out=str(out))
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    assert task.error is None and "已生成" in seen[0]
    text = pdf_text(out)
    assert "2026年10月工作任务推进情况通报排名" in text and "排名规则" in text
    assert text.index("县发改局") < text.index("县教育局")


def test_bad_entry_keeps_the_dialog_open(tab, qtbot, small):
    page = tab.month_page
    seen = {}

    def enter(dialog):
        dialog.findChild(QComboBox, "status").setCurrentText("滞后")
        dialog.findChild(QPlainTextEdit, "work_done").setPlainText("进度滞后")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        seen["error"] = dialog.findChild(QLabel, "error").text()
        seen["open"] = dialog.isVisible()
        dialog.reject()

    page.entry_view.selectRow(0)
    when_modal(qtbot, enter)
    assert page.fill_current() is None
    assert seen == {"error": "状态为“滞后”时请写明存在问题", "open": True}
    assert small.conn.execute("SELECT COUNT(*) FROM progress_entries").fetchone()[0] == 0


def test_only_flagged_and_unit_filter(tab):
    page = tab.month_page
    page.only_flagged.setChecked(True)
    assert page.entries.rowCount() == 2
    page.unit_view.selectRow(1)
    assert page.entries.rowCount() == 1
    page.unit_view.clearSelection()
    assert page.entries.rowCount() == 2


def test_import_dialog_refuses_a_bad_sheet_and_imports_a_good_one(tab, qtbot, tmp_path):
    rows = seed_rows()[:7]
    rows[3]["责任单位"] = ""
    bad = task_sheet(tmp_path / "bad.xlsx", rows)
    good = task_sheet(tmp_path / "good.xlsx")

    def check_bad(dialog):
        dialog.load(str(bad))  # read in the background: the window stays live meanwhile
        assert dialog.busy() and not dialog.ok.isEnabled()
        qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
        assert not dialog.ok.isEnabled() and dialog.errors.count() == 1
        assert "没有填写责任单位" in dialog.errors.item(0).text()
        dialog.load(str(good))
        qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
        assert dialog.ok.isEnabled()
        dialog.fields["doc_no"].setText("沁测〔2026〕2号")
        dialog.ok.click()

    when_modal(qtbot, check_bad)
    doc_id = tab.import_tasks()
    assert doc_id and tab.pages.currentWidget() is tab.tree_page
    assert tab.tree_page.current()[1].id == doc_id
    assert next(d for d in tasks.tree(tab.ledger) if d.id == doc_id).counts() == (9, 24, 71)


def test_brief_dialog_refuses_an_unknown_item_and_prints(tab, qtbot, tmp_path, small):
    from ui.tasks.brief_dialog import BriefDialog

    dialog = BriefDialog(small, PERIOD, tab)
    qtbot.addWidget(dialog)
    dialog.body.setPlainText("本月应报{应报条数}条，另有{完成数}项。")
    assert dialog.print_pdf(str(tmp_path / "x.pdf")) is None
    assert "{完成数}" in dialog.findChild(QLabel, "error").text()
    dialog.body.setPlainText("一、总体情况\n本月应报{应报条数}条。")
    dialog.number.setValue(5)
    seen = []
    when_modal(qtbot, lambda box: (seen.append(box.text()), box.button(QMessageBox.StandardButton.Ok).click()))
    task = dialog.print_pdf(str(tmp_path / "通报.pdf"))
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    assert task.error is None
    text = pdf_text(tmp_path / "通报.pdf")
    assert "本月应报2条。" in text and "〕5号" in text
    assert brief.wording(small).body == "一、总体情况\n本月应报{应报条数}条。"  # remembered for this ledger
    assert brief.suggest_number(small, PERIOD) == 5


def test_supervision_step_and_countdown(tab, qtbot, small):
    iid = supervision.save(small, {"title": "督促建立研发机构", "assigned_on": "2026-11-16", "department": "县工信局"},
                           today=TODAY)
    page = tab.supervision_page
    tab.pages.setCurrentWidget(page)
    page.refresh()
    assert page.model.data(page.model.index(0, 6)) == "逾期 5 天"

    def done(dialog):
        dialog.on.setText("2026-11-16")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    page.view.selectRow(0)
    when_modal(qtbot, done)
    page.step_current()
    item = supervision.get(small, iid, today=TODAY)
    assert item.done[schedule.PLAN] == date(2026, 11, 16) and item.state.step == schedule.PROGRESS
    assert page.model.data(page.model.index(0, 4)) == "反馈进展"


def test_tree_page_shows_targets_with_counted_actuals(qtbot, demo_ledger):
    make_app()
    t = TasksTab(demo_ledger)
    qtbot.addWidget(t)
    t.pages.setCurrentWidget(t.tree_page)
    task_id = demo_ledger.conn.execute("SELECT id FROM tasks WHERE name = '培育高新技术企业'").fetchone()[0]
    assert t.tree_page.select_id(task_id)
    detail = t.tree_page.detail
    assert detail.targets.rowCount() == 1
    assert detail.targets.item(0, 0).text() == "高新技术企业数"
    assert "高新技术企业" in detail.targets.item(0, 4).text()
    assert QApplication.instance() is not None


def test_supervision_evidence(tab, qtbot, small, tmp_path):
    from desktop_app.services import evidence

    iid = supervision.save(small, {"title": "重大事项", "assigned_on": "2026-11-16", "major": True,
                                   "timeline": "2027-03-31"}, today=TODAY)
    plan = tmp_path / "书面时间表.pdf"
    plan.write_bytes(b"%PDF-1.4 timeline")
    page = tab.supervision_page
    page.refresh()
    page.view.selectRow(0)

    def attach(dialog):
        dialog.files.add_paths([plan])
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    when_modal(qtbot, attach)
    page.files_current()
    assert [f.file_name for f in evidence.list_files(small, "supervision_items", iid)] == ["书面时间表.pdf"]


def test_tree_opens_tasks_on_demand_and_keeps_the_selection(qtbot, demo_ledger):
    from ui.tasks.tree_page import NODE_ROLE

    make_app()
    t = TasksTab(demo_ledger)
    qtbot.addWidget(t)
    t.pages.setCurrentWidget(t.tree_page)
    page = t.tree_page
    aid = demo_ledger.conn.execute(
        "SELECT a.id FROM assignments a JOIN tasks t ON t.id = a.task_id "
        "WHERE t.name = '推动跨区域协同创新' ORDER BY a.seq").fetchone()[0]
    task_item = page._task_items[page._task_of[aid]]
    assert task_item.child(0).data(NODE_ROLE) is None  # closed: a placeholder only
    assert page.select_id(aid)
    assert page.current() == ("assignments", page.current()[1]) and page.current()[1].id == aid
    assert [task_item.child(i).data(NODE_ROLE)[1].department for i in range(task_item.rowCount())] == \
        ["县发改局", "县工信局"]
    assert "县发改局" in page.detail.header.text()
    page.refresh()  # a ledger change elsewhere: the clerk stays where he was
    assert page.current()[1].id == aid
    other = page._task_items[next(k for k in page._task_items if k != page._task_of[aid])]
    page.tree.expand(other.index())
    assert other.child(0).data(NODE_ROLE)[0] == "assignments"


def _ctrl_s(qtbot, dialog, field) -> None:
    dialog.show()
    dialog.activateWindow()
    qtbot.wait(50)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_s_keeps_the_brief_wording_without_printing(tab, qtbot, small):
    from ui.tasks.brief_dialog import BriefDialog

    dialog = BriefDialog(small, PERIOD, tab)
    qtbot.addWidget(dialog)
    dialog.body.setPlainText("本月应报{应报条数}条，另有{完成数}项。")
    _ctrl_s(qtbot, dialog, dialog.body)
    assert "{完成数}" in dialog.findChild(QLabel, "error").text()
    assert brief.wording(small).body != dialog.body.toPlainText()  # refused: nothing kept
    dialog.body.setPlainText("一、总体情况\n本月应报{应报条数}条。")
    dialog.number.setValue(7)
    _ctrl_s(qtbot, dialog, dialog.body)
    assert brief.wording(small).body == "一、总体情况\n本月应报{应报条数}条。"
    assert brief.suggest_number(small, PERIOD) == 7
    assert dialog.isVisible() and "已保存" in dialog.findChild(QLabel, "error").text()


def test_ctrl_s_records_a_supervision_step_and_saves_its_files(tab, qtbot, small, tmp_path):
    from desktop_app.services import evidence
    from ui.tasks.supervision_page import FilesDialog, StepDialog

    iid = supervision.save(small, {"title": "督促建立研发机构", "assigned_on": "2026-11-16"}, today=TODAY)
    item = supervision.get(small, iid, today=TODAY)
    step = StepDialog(item, TODAY, tab)
    qtbot.addWidget(step)
    _ctrl_s(qtbot, step, step.on)
    assert step.result() == StepDialog.DialogCode.Accepted  # the page then records the step
    plan = tmp_path / "方案.pdf"
    plan.write_bytes(b"%PDF-1.4 plan")
    files = FilesDialog(small, item, tab)
    qtbot.addWidget(files)
    files.files.add_paths([plan])
    _ctrl_s(qtbot, files, files.files.list)
    assert [f.file_name for f in evidence.list_files(small, "supervision_items", iid)] == ["方案.pdf"]
    assert not files.isVisible()


def test_rows_copied_from_excel_are_pasted_into_the_import_preview(tab, qtbot):
    from PySide6.QtWidgets import QApplication, QPushButton

    from desktop_app.services.tasks import task_import

    cols = task_import.COLUMNS
    rows = seed_rows()[:7]
    QApplication.clipboard().setText("\r\n".join(["\t".join(cols)] + ["\t".join(r[c] for c in cols) for r in rows]))
    seen = {}

    def paste(dialog):
        dialog.findChild(QPushButton, "paste").click()
        qtbot.waitUntil(lambda: not dialog.busy() and dialog.preview is not None, timeout=10000)
        seen.update(file=dialog.file_label.text(), rows=dialog.lines.rowCount(), ok=dialog.ok.isEnabled())
        dialog.fields["doc_no"].setText("沁测〔2026〕9号")
        dialog.fields["title"].setText("粘贴导入的任务")
        dialog.ok.click()

    when_modal(qtbot, paste)
    doc_id = tab.import_tasks()
    assert "粘贴的内容" in seen["file"] and seen["rows"] == 7 and seen["ok"]
    assert doc_id and next(d for d in tasks.tree(tab.ledger) if d.id == doc_id).counts()[2] == 7
