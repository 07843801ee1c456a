"""文件 → 操作日志: filters, masking, readable changes, refresh on any write."""

from PySide6.QtWidgets import QMessageBox

from desktop_app.services import talent
from ui.app import make_app
from ui.audit_window import AuditWindow
from ui.main_window import MainWindow


def _window(qtbot, ledger) -> AuditWindow:
    make_app()
    w = AuditWindow(ledger)
    qtbot.addWidget(w)
    w.show()
    return w


def _texts(w: AuditWindow, column: str) -> list[str]:
    col = [c.key for c in w.model.columns].index(column)
    return [w.model.index(r, col).data() for r in range(w.model.rowCount())]


def test_masks_personal_data_and_shows_old_to_new(qtbot, ledger):
    tid = talent.save(ledger, {"name": "李四", "id_number": "11010519491231002X", "phone": "13812345678"})
    record = talent.get(ledger, tid)
    talent.save(ledger, {**record, "phone": "13900001111", "note": "已核实"}, tid)
    w = _window(qtbot, ledger)
    qtbot.waitUntil(lambda: "李四" in _texts(w, "record"))
    everything = " ".join(_texts(w, "changes"))
    assert "11010519491231002X" not in everything and "13812345678" not in everything
    assert "110105********002X" in everything
    assert "电话：138****5678 → 139****1111" in everything
    assert "备注：（空） → 已核实" in everything or "备注：已核实" in everything
    assert "人才" in _texts(w, "table")


def test_filters_by_record_table_operator_and_date(qtbot, ledger):
    talent.save(ledger, {"name": "王五"})
    w = _window(qtbot, ledger)
    all_rows = w.model.rowCount()
    assert all_rows >= 3  # the two townships and the talent
    w.table.setCurrentIndex(w.table.findText("人才"))
    assert set(_texts(w, "table")) == {"人才"}
    w.table.setCurrentIndex(0)
    assert w.model.rowCount() == all_rows
    w.search.setText("嘉峰")
    qtbot.waitUntil(lambda: w.model.rowCount() == 1)
    assert _texts(w, "record") == ["嘉峰镇"]
    w.search.clear()
    w.operator.setCurrentIndex(w.operator.findText("测试员"))
    qtbot.waitUntil(lambda: w.model.rowCount() == all_rows)
    w.since.setText("2099.1.1")
    qtbot.waitUntil(lambda: w.model.rowCount() == 0)
    w.since.setText("2000年1月1日")
    qtbot.waitUntil(lambda: w.model.rowCount() == all_rows)
    w.until.setText("20000101")
    qtbot.waitUntil(lambda: w.model.rowCount() == 0)


def test_refreshes_after_any_write_and_detail(qtbot, ledger):
    w = _window(qtbot, ledger)
    before = w.model.rowCount()
    talent.save(ledger, {"name": "赵六"})
    qtbot.waitUntil(lambda: w.model.rowCount() == before + 1)
    w.view.selectRow(0)
    assert "赵六" in w.detail.toPlainText() and "新增" in w.detail.toPlainText()
    w.grab().save("/tmp/audit_window.png")


def test_opened_from_file_menu_and_named_in_delete_question(qtbot, demo_ledger, monkeypatch):
    make_app()
    main = MainWindow(demo_ledger)
    qtbot.addWidget(main)
    main.show()
    file_menu = main.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "操作日志…")
    action.trigger()
    assert main._audit_window.isVisible() and main._audit_window.model.rowCount() > 0
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    from ui.common.list_tab import ListTab

    lst = main.tab_widgets["talent"].findChildren(ListTab)[0]
    lst.view.selectRow(0)
    lst.delete_current()
    assert asked and "可在“文件 → 操作日志”中查到" in asked[0]


def test_evidence_names_its_owner_in_chinese(qtbot, ledger):
    from desktop_app.services import evidence

    tid = talent.save(ledger, {"name": "钱七"})
    evidence.attach_bytes(ledger, "talent", tid, "证书.pdf", b"%PDF cert")
    w = _window(qtbot, ledger)
    w.table.setCurrentIndex(w.table.findText("印证材料"))
    assert _texts(w, "record") == ["证书.pdf"]
    changes = _texts(w, "changes")[0]
    assert "所属类别：人才" in changes and "所属记录：钱七" in changes
