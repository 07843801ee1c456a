"""数据交换 in the window: 下发 at the county, 从下发包创建 at first start, a lower ledger's read-only county rows,
导入下发包 with its preview, and 冲突待处理 (issue 10)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton

from desktop_app.services.exchange import distribute, lower_ledger
from ui.app import make_app
from ui.exchange.distribute_window import open_distribute
from ui.main_window import MainWindow
from ui.setup_dialog import SetupDialog


@pytest.fixture
def said(monkeypatch):
    """What the window told the clerk; every question is answered 是."""
    lines = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: lines.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: lines.append("警告：" + text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return lines


def _window(qtbot, ledger) -> MainWindow:
    make_app()
    w = MainWindow(ledger)
    qtbot.addWidget(w)
    w.show()
    return w


def _menu_entries(window) -> dict[str, bool]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("数据交换"))
    return {a.text(): a.isEnabled() for a in menu.actions() if a.isVisible() and a.text()}


def test_the_county_distributes_from_the_menu(qtbot, demo_window, tmp_path, said):
    entries = _menu_entries(demo_window)
    assert entries.get("下发…") and "导入调查表…" in entries and "冲突待处理…" in entries
    assert "导入下发包…" not in entries  # a county with no parent ledger above it in this demo
    assert not [t for t, enabled in entries.items() if not enabled]  # no greyed-out placeholders
    win = open_distribute(demo_window)
    names = [win.model.row_at(r).name for r in range(win.model.rowCount())]
    assert "郑庄镇" in names and "县发改局" in names
    assert names.index("郑庄镇") < names.index("县发改局")  # 乡镇 first, then the 责任单位
    win.view.selectRow(names.index("郑庄镇"))
    task = win.export_selected(str(tmp_path))
    qtbot.waitUntil(lambda: win.task is None, timeout=30000)
    assert task.error is None
    [written] = win.last_written
    assert written.path.exists() and written.path.parent == tmp_path and "郑庄镇" in written.path.name
    assert "已生成 1 个下发包" in said[-1] and "企业" in said[-1]
    zz = names.index("郑庄镇")
    assert "第 1 号" in win.model.data(win.model.index(zz, 5))  # the table shows it was sent


def test_a_unit_creates_its_ledger_from_the_package(qtbot, demo_ledger, tmp_path, said):
    pkg = distribute.export_for(demo_ledger, "县发改局", tmp_path / "fg.bsb").path
    make_app()
    dialog = SetupDialog(tmp_path / "mine" / "ledger.sqlite3")
    qtbot.addWidget(dialog)
    assert not dialog.create_from_package(str(pkg))  # the operator first
    assert "操作员" in dialog.findChild(QLabel, "error").text()
    dialog.findChild(QLineEdit, "operator").setText("发改局填报员")
    assert dialog.create_from_package(str(pkg))
    lg = dialog.ledger
    try:
        assert lg.unit.name == "县发改局" and lg.unit.level == "department" and lg.unit.parent_name == "沁水县"
        assert lg.conn.execute("SELECT COUNT(*) FROM assignments").fetchone()[0] >= 10
    finally:
        lg.close()


def test_the_setup_dialog_refuses_a_file_that_is_not_a_package(qtbot, tmp_path, said):
    bad = tmp_path / "拷错的.bsb"
    bad.write_bytes(b"PK\x03\x04 not really")
    make_app()
    dialog = SetupDialog(tmp_path / "ledger.sqlite3")
    qtbot.addWidget(dialog)
    dialog.findChild(QLineEdit, "operator").setText("填报员")
    assert not dialog.create_from_package(str(bad))
    error = dialog.findChild(QLabel, "error").text()
    assert "拷错的.bsb" in error and dialog.ledger is None
    assert not (tmp_path / "ledger.sqlite3").exists()  # nothing half made


@pytest.fixture
def department(demo_ledger, tmp_path):
    pkg = distribute.export_for(demo_ledger, "县发改局", tmp_path / "fg.bsb").path
    lg, _ = lower_ledger.create_from_package(pkg, tmp_path / "fg.sqlite3", operator="发改局填报员")
    yield demo_ledger, lg
    lg.close()


def test_a_department_sees_the_county_task_list_read_only(qtbot, department, said):
    _county, fg = department
    w = _window(qtbot, fg)
    status = " ".join(lbl.text() for lbl in w.statusBar().findChildren(QLabel) if lbl.isVisible())
    assert "已接收沁水县下发包第 1 号" in status
    entries = _menu_entries(w)
    assert "导入下发包…" in entries and "下发…" not in entries
    page = w.tab_widgets["tasks"].tree_page
    w.tab_widgets["tasks"].pages.setCurrentWidget(page)
    assignment = fg.conn.execute("SELECT id FROM assignments LIMIT 1").fetchone()[0]
    assert page.select_id(assignment)
    note = page.owner_note
    assert note.isVisible() and note.text() == "由沁水县下发，只读"
    assert not page.buttons["edit"].isEnabled() and not page.buttons["delete"].isEnabled()
    assert page.buttons["fill"].isEnabled()  # its own progress: reported here
    page.delete_current()  # the Delete key on a county row does nothing
    assert fg.conn.execute("SELECT deleted_at FROM assignments WHERE id = ?", (assignment,)).fetchone()[0] is None


@pytest.fixture
def township(demo_ledger, tmp_path):
    """郑庄镇's ledger from its package; the window that shows it closes it."""
    pkg = distribute.export_for(demo_ledger, "郑庄镇", tmp_path / "zz.bsb").path
    lg, _ = lower_ledger.create_from_package(pkg, tmp_path / "zz.sqlite3", operator="乡镇填报员")
    return lg


def test_a_township_edits_its_own_enterprises(qtbot, township, said):
    w = _window(qtbot, township)
    tab = w.tab_widgets["enterprises"]
    w.tabs.setCurrentWidget(tab)
    assert tab.model.rowCount() > 0
    tab.view.selectRow(0)
    assert tab.edit_button.isEnabled() and not tab.owner_note.isVisible()


def test_a_newer_distribution_is_previewed_then_imported_and_a_conflict_waits(qtbot, demo_ledger, township, tmp_path,
                                                                               said):
    county, zz = demo_ledger, township
    firm, before = zz.conn.execute("SELECT id, name FROM enterprises ORDER BY id LIMIT 1").fetchone()
    with zz.write() as wr:
        wr.update("enterprises", firm, {"name": "乡镇改的名"})
    with county.write() as wr:
        wr.update("enterprises", firm, {"name": "县里改的名"})
    pkg2 = distribute.export_for(county, "郑庄镇", tmp_path / "zz2.bsb").path
    w = _window(qtbot, zz)
    w.open_package(pkg2)
    qtbot.waitUntil(lambda: getattr(w, "_import_preview", None) is not None, timeout=30000)
    preview = w._import_preview
    assert "来自：沁水县" in preview.findChild(QLabel, "head").text()
    assert "合计：新增 0，更新" in preview.summary.text() and "冲突 1" in preview.summary.text()
    table = preview.table
    rows = {table.item(r, 0).text(): [table.item(r, c).text() if table.item(r, c) else ""
                                      for c in range(1, table.columnCount())] for r in range(table.rowCount())}
    assert any(cells[4] == "1" for label, cells in rows.items() if label == "企业")  # the conflict, shown first
    # row by row: the conflict first, its fields side by side with what was last accepted
    assert preview.rows.rowCount() >= 1 and preview.rows.row_at(0).cls == "conflict"
    assert preview.rows.data(preview.rows.index(0, 0)) == "冲突待处理" and "名称" in preview.rows.data(preview.rows.index(0, 2))
    shown = {preview.fields.item(r, 0).text(): tuple(preview.fields.item(r, c).text() for c in (1, 2, 3))
             for r in range(preview.fields.rowCount())}
    assert shown["名称"] == (before, "县里改的名", "乡镇改的名")
    assert zz.conn.execute("SELECT name FROM enterprises WHERE id = ?", (firm,)).fetchone()[0] == "乡镇改的名"
    preview.ok.click()
    qtbot.waitUntil(lambda: getattr(preview, "applied", None) is not None, timeout=30000)
    assert any("1 条冲突待处理" in line for line in said)
    qtbot.waitUntil(lambda: getattr(w, "_conflicts_window", None) is not None, timeout=5000)
    win = w._conflicts_window
    assert win.model.rowCount() == 1
    fields = {win.fields.item(r, 0).text(): tuple(win.fields.item(r, c).text() for c in (1, 2, 3))
              for r in range(win.fields.rowCount())}
    assert fields["名称"] == (before, "县里改的名", "乡镇改的名")  # 上次接收的 | 对方的 | 本地的
    name_row = [win.fields.item(r, 0).text() for r in range(win.fields.rowCount())].index("名称")
    assert all(win.fields.item(name_row, c).toolTip() for c in (2, 3)) and not win.fields.item(name_row, 1).toolTip()
    assert "冲突待处理（1）…" in _menu_entries(w)
    win.buttons["ours"].click()
    qtbot.waitUntil(lambda: win.model.rowCount() == 0, timeout=5000)
    assert zz.conn.execute("SELECT name FROM enterprises WHERE id = ?", (firm,)).fetchone()[0] == "乡镇改的名"
    assert "冲突待处理…" in _menu_entries(w)


def _report_menu(window) -> list[str]:
    from ui import report_menu

    report_menu.fill(window, window.report_menu)
    return [a.objectName().removeprefix("report_") for a in window.report_menu.actions() if a.objectName()]


def test_each_ledger_prints_the_forms_of_its_level(qtbot, department, township, tmp_path, said):
    county, fg = department
    cw = _window(qtbot, county)
    county_forms = _report_menu(cw)
    assert {"ranking", "monthly-brief", "targets", "task-progress", "survey", "submissions"} <= set(county_forms)
    assert not cw.tab_widgets["tasks"].month_page.findChild(QPushButton, "print_submissions").isHidden()
    fg_forms = _report_menu(_window(qtbot, fg))
    assert "task-progress" in fg_forms and "task-list" in fg_forms
    assert not {"ranking", "monthly-brief", "targets", "survey", "coverage-summary"} & set(fg_forms)
    w = _window(qtbot, township)
    zz_forms = _report_menu(w)
    assert {"survey", "coverage-summary", "high-tech"} <= set(zz_forms)
    assert not {"ranking", "monthly-brief", "targets", "task-progress"} & set(zz_forms)
    month = w.tab_widgets["tasks"].month_page
    assert month.findChild(QPushButton, "print_ranking").isHidden() and month.findChild(QPushButton, "brief").isHidden()
    assert month.findChild(QPushButton, "print_submissions").isHidden() and "submissions" not in zz_forms


def test_a_department_ledger_refuses_a_county_form_on_the_cli(department, tmp_path, capsys):
    from desktop_app.__main__ import main

    _county, fg = department
    path = fg.path
    fg.close()
    out = tmp_path / "排名.pdf"
    assert main(["--db", str(path), "report", "ranking", "--format", "pdf", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "通报排名" in err and "县级台账" in err and not out.exists()


def test_a_township_reports_up_and_the_county_imports_it(qtbot, demo_ledger, township, tmp_path, said):
    from desktop_app.services import review
    from ui.exchange import submit_flow

    county, zz = demo_ledger, township
    firm = zz.conn.execute("SELECT id FROM enterprises ORDER BY id LIMIT 1").fetchone()[0]
    with zz.write() as wr:
        wr.update("enterprises", firm, {"phone": "0356-7000001"})
    w = _window(qtbot, zz)
    entries = _menu_entries(w)
    assert "生成报送包…" in entries and "导入报送包…" not in entries
    out = tmp_path / "郑庄镇11月.bsb"
    task = submit_flow.choose_and_export(w, "2026-11", str(out))
    qtbot.waitUntil(lambda: task.result is not None or task.error is not None, timeout=30000)
    assert task.result is None and not out.exists()  # a 核实 finding without its explanation stops it
    assert any("核实说明" in line for line in said)
    for f in review.blocking(zz, "2026-11"):
        review.explain(zz, f, "已电话核实企业财务负责人，情况属实")
    task = submit_flow.choose_and_export(w, "2026-11", str(out))
    qtbot.waitUntil(lambda: task.result is not None, timeout=30000)
    assert out.exists() and "请把这个文件用 U 盘或邮件报送沁水县" in said[-1]

    c = _window(qtbot, county)
    assert "导入报送包…" in _menu_entries(c) and "导入下发包…" not in _menu_entries(c)
    c.open_package(out)
    qtbot.waitUntil(lambda: getattr(c, "_import_preview", None) is not None, timeout=30000)
    preview = c._import_preview
    assert "来自：郑庄镇" in preview.findChild(QLabel, "head").text()
    assert "郑庄镇报来的新数据" in preview.summary.text()
    preview.ok.click()
    qtbot.waitUntil(lambda: getattr(preview, "applied", None) is not None, timeout=30000)
    assert county.conn.execute("SELECT phone FROM enterprises WHERE id = ?", (firm,)).fetchone()[0] == "0356-7000001"


def test_a_township_sees_that_the_county_sent_its_report_back(qtbot, demo_ledger, township, tmp_path, said):
    from desktop_app.services import review
    from desktop_app.services.exchange import receive, submissions, submit

    county, zz = demo_ledger, township
    for f in review.blocking(zz, "2026-11"):
        review.explain(zz, f, "已电话核实企业财务负责人，情况属实")
    receive.import_package(county, submit.export_submission(zz, "2026-11", tmp_path / "up.bsb").path)
    submissions.return_package(county, "郑庄镇", "2026-11", "研发费用与上年差异过大，请核实后重报")
    again = distribute.export_for(county, "郑庄镇", tmp_path / "zz2.bsb").path
    w = _window(qtbot, zz)
    w.open_package(again)
    qtbot.waitUntil(lambda: getattr(w, "_import_preview", None) is not None, timeout=30000)
    w._import_preview.ok.click()
    qtbot.waitUntil(lambda: getattr(w._import_preview, "applied", None) is not None, timeout=30000)
    assert any("沁水县退回了本单位 2026-11 的报送：研发费用与上年差异过大" in line for line in said)
    note = w._status["exchange"]
    assert "2026-11 的报送被退回" in note.text() and "研发费用与上年差异过大" in note.toolTip()
    w2 = submit.export_submission(zz, "2026-11", tmp_path / "up2.bsb")  # reported again: the warning goes
    assert w2.path.exists()
    w._exchange_changed()
    assert "退回" not in w._status["exchange"].text()


def test_the_county_sees_who_reported_and_returns_one(qtbot, demo_ledger, township, tmp_path, said):
    from desktop_app.services import review
    from desktop_app.services.exchange import receive, submit
    from ui.exchange.submissions_window import open_submissions

    county, zz = demo_ledger, township
    for f in review.blocking(zz, "2026-11"):
        review.explain(zz, f, "已电话核实企业财务负责人，情况属实")
    receive.import_package(county, submit.export_submission(zz, "2026-11", tmp_path / "up.bsb").path)
    c = _window(qtbot, county)
    assert "报送情况…" in _menu_entries(c) and "报送情况…" not in _menu_entries(_window(qtbot, zz))
    win = open_submissions(c)
    win.period_box.setCurrentText("2026-11")
    rows = {win.model.row_at(r).unit: r for r in range(win.model.rowCount())}
    assert len(rows) == 33
    assert "已报 1 个，未报 32 个" in win.summary.text() and "龙港镇" in win.summary.text()
    zz_row = rows["郑庄镇"]
    assert win.model.data(win.model.index(zz_row, 5)) == "第 1 号"
    win.view.selectRow(rows["龙港镇"])
    assert not win.return_selected("没报怎么退")  # nothing to send back
    win.view.selectRow(zz_row)
    assert win.return_selected("研发费用与上年差异过大，请核实后重报")
    qtbot.waitUntil(lambda: "已退回" in win.model.data(win.model.index(zz_row, 2)), timeout=5000)
    out = tmp_path / "报送情况表.xlsx"
    when_done = []
    from tests.ui.test_main_window import when_modal
    when_modal(qtbot, lambda box: (when_done.append(box.text()), box.button(QMessageBox.StandardButton.Ok).click()))
    task = win.print_form("xlsx", str(out))
    qtbot.waitUntil(lambda: out.exists() and bool(when_done), timeout=30000)
    assert task.error is None


def test_a_conflict_is_resolved_field_by_field_and_the_log_says_so(qtbot, demo_ledger, township, tmp_path, said):
    from PySide6.QtCore import Qt

    from desktop_app.services.exchange import receive
    from ui.exchange.conflicts_window import open_conflicts

    county, zz = demo_ledger, township
    firm = zz.conn.execute("SELECT id FROM enterprises ORDER BY id LIMIT 1").fetchone()[0]
    with zz.write() as wr:
        wr.update("enterprises", firm, {"name": "乡镇改的名", "phone": "0356-7000001"})
    with county.write() as wr:
        wr.update("enterprises", firm, {"name": "县里改的名", "phone": "0356-7999999"})
    receive.import_package(zz, distribute.export_for(county, "郑庄镇", tmp_path / "zz2.bsb").path)
    w = _window(qtbot, zz)
    win = open_conflicts(w)
    rows = {win.fields.item(r, 0).text(): r for r in range(win.fields.rowCount())}
    assert {"名称", "联系电话"} <= set(rows)
    win.fields.item(rows["名称"], 4).setCheckState(Qt.CheckState.Checked)  # the county's name, our phone
    win.buttons["fields"].click()
    qtbot.waitUntil(lambda: win.model.rowCount() == 0, timeout=5000)
    name, phone = zz.conn.execute("SELECT name, phone FROM enterprises WHERE id = ?", (firm,)).fetchone()
    assert (name, phone) == ("县里改的名", "0356-7000001")
    reason = zz.conn.execute("SELECT reason FROM audit_log WHERE table_name = 'enterprises' AND row_id = ? "
                             "ORDER BY seq DESC LIMIT 1", (firm,)).fetchone()[0]
    assert "逐项采用沁水县的名称" in reason
    # what the clerk sees in 操作日志: the merge, with its reason and the name it took
    log = w.open_audit()
    col = {c.key: i for i, c in enumerate(log.model.columns)}
    shown = [(log.model.data(log.model.index(r, col["reason"])), log.model.data(log.model.index(r, col["changes"])))
             for r in range(log.model.rowCount())]
    assert any("逐项采用沁水县的名称" in (why or "") and "县里改的名" in (what or "") for why, what in shown)
    log.close()


def _same_firm_package(county, zz, tmp_path):
    from desktop_app.services import enterprises, review
    from desktop_app.services.exchange import submit

    ours, name, code = county.conn.execute(
        "SELECT e.id, e.name, e.uscc FROM enterprises e JOIN units u ON u.id = e.township_id "
        "WHERE u.name != '郑庄镇' AND e.deleted_at IS NULL ORDER BY e.name LIMIT 1").fetchone()
    mine = enterprises.save(zz, {"name": name + "（郑庄分厂）", "uscc": code, "township_id": zz.unit.id, "industry": "煤炭"})
    for f in review.blocking(zz, "2026-11"):
        review.explain(zz, f, "已电话核实企业财务负责人，情况属实，附说明材料")
    return ours, mine, code, submit.export_submission(zz, "2026-11", tmp_path / "up.bsb").path


@pytest.mark.parametrize("answer", ["是，合并为一条", "否，不导入"])
def test_the_county_is_asked_whether_a_new_firm_is_one_it_holds(qtbot, demo_ledger, township, tmp_path, said, answer):
    from tests.conftest import file_state
    from tests.ui.test_main_window import when_modal

    county = demo_ledger
    ours, mine, code, pkg = _same_firm_package(county, township, tmp_path)
    w = _window(qtbot, county)
    asked = []

    def answer_it(box):
        asked.append((box.windowTitle(), box.text()))
        next(b for b in box.buttons() if b.text() == answer).click()
    when_modal(qtbot, answer_it)
    before = file_state(county.path)
    w.open_package(pkg)
    qtbot.waitUntil(lambda: bool(asked), timeout=30000)
    title, text = asked[0]
    assert title == "是同一企业吗？" and "郑庄镇报来的企业" in text and code in text
    if answer.startswith("否"):
        qtbot.waitUntil(lambda: any("未导入" in line for line in said), timeout=30000)
        assert file_state(county.path) == before and getattr(w, "_import_preview", None) is None
        return
    qtbot.waitUntil(lambda: getattr(w, "_import_preview", None) is not None, timeout=30000)
    preview = w._import_preview
    assert preview.rows.row_at(0).cls == "conflict" and preview.rows.row_at(0).theirs.id == ours
    preview.ok.click()
    qtbot.waitUntil(lambda: getattr(preview, "applied", None) is not None, timeout=30000)
    assert county.conn.execute("SELECT COUNT(*) FROM enterprises WHERE uscc = ?", (code,)).fetchone()[0] == 1
    assert county.conn.execute("SELECT COUNT(*) FROM enterprises WHERE id = ?", (mine,)).fetchone()[0] == 0
    qtbot.waitUntil(lambda: getattr(w, "_conflicts_window", None) is not None, timeout=5000)
    assert w._conflicts_window.model.row_at(0).row_id == ours


def test_the_months_packages_are_imported_together_and_a_bad_one_says_why(qtbot, demo_ledger, tmp_path, said):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from desktop_app.services import review
    from desktop_app.services.exchange import submit

    county = demo_ledger
    files = []
    for name in ("郑庄镇", "嘉峰镇", "县发改局"):
        lg, _ = lower_ledger.create_from_package(distribute.export_for(county, name, tmp_path / f"{name}.bsb").path,
                                                 tmp_path / f"{name}.sqlite3", operator=f"{name}填报员")
        try:
            for f in review.blocking(lg, "2026-11"):
                review.explain(lg, f, "已电话核实企业财务负责人，情况属实")
            if name == "郑庄镇":  # two packages from one unit: the older must go in first
                files.append(submit.export_submission(lg, "2026-11", tmp_path / "郑庄镇_1.bsb").path)
                firm = lg.conn.execute("SELECT id FROM enterprises ORDER BY id LIMIT 1").fetchone()[0]
                with lg.write() as w:
                    w.update("enterprises", firm, {"phone": "0356-7333333"})
            files.append(submit.export_submission(lg, "2026-11", tmp_path / f"{name}_up.bsb").path)
        finally:
            lg.close()
    broken = tmp_path / "坏的.bsb"
    broken.write_bytes(b"not a package")
    files.append(broken)

    w = _window(qtbot, county)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in reversed(files)])  # newest first, as a folder may list
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    w.dropEvent(drop)
    qtbot.waitUntil(lambda: getattr(w, "_batch_import", None) is not None, timeout=60000)
    dialog = w._batch_import
    rows = [dialog.model.row_at(r) for r in range(dialog.model.rowCount())]
    assert [o.result.package.from_unit["name"] for o in rows if o.result] == ["县发改局", "嘉峰镇", "郑庄镇", "郑庄镇"]
    dialog.grab().save(str(tmp_path.parent / "batch_import.png"))
    zz = [o.result.package.seq for o in rows if o.result and o.result.package.from_unit["name"] == "郑庄镇"]
    assert zz == [1, 2]  # oldest first
    bad = next(o for o in rows if o.result is None)
    note = dialog.model.data(dialog.model.index(rows.index(bad), dialog.model.columnCount() - 1))
    assert "坏的.bsb" in note and "不是" in note
    assert dialog.ok.text() == "导入 4 个包"
    dialog.ok.click()
    qtbot.waitUntil(lambda: getattr(dialog, "applied", None) is not None, timeout=60000)
    assert all(result is not None for _path, result, _err in dialog.applied)
    assert said[-1].count("✓") == 4
    assert county.conn.execute("SELECT phone FROM enterprises WHERE id = ?", (firm,)).fetchone()[0] == "0356-7333333"
    assert county.conn.execute("SELECT COUNT(*) FROM package_log WHERE direction = 'import'").fetchone()[0] >= 4
