"""回收站 window and the re-add prompt, driven with real widgets."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.services import enterprises
from tests.services.enterprises.helpers import add_enterprise, add_return, code
from tests.ui.test_main_window import when_modal
from ui.app import make_app
from ui.enterprises.tab import EnterprisesTab


def _names(tab):
    col = tab.model.keys.index("name")
    return [tab.model.data(tab.model.index(r, col)) for r in range(tab.model.rowCount())]


def _bin_rows(dialog):
    return [tuple(dialog.table.item(r, c).text() for c in range(4)) for r in range(dialog.table.rowCount())]


def test_recycle_bin_from_the_file_menu_restores_an_enterprise(demo_window, qtbot):
    w = demo_window
    lg = w.ledger
    eid, name = lg.conn.execute("SELECT id, name FROM enterprises WHERE deleted_at IS NULL ORDER BY name LIMIT 1").fetchone()
    file_menu = w.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "回收站…")
    action.trigger()
    dialog = w.recycle_bin
    assert dialog.isVisible() and dialog.windowTitle() == "回收站"
    before = dialog.table.rowCount()
    enterprises.delete(lg, eid)  # deleted elsewhere: the open bin hears of it
    qtbot.waitUntil(lambda: dialog.table.rowCount() == before + 1)
    row = next(r for r, cells in enumerate(_bin_rows(dialog)) if cells[0] == "企业" and cells[1].startswith(name))
    assert _bin_rows(dialog)[row][3] == "演示操作员" and _bin_rows(dialog)[row][2][:2] == "20"
    dialog.table.selectRow(row)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == before)
    assert enterprises.get(lg, eid)["name"] == name
    assert lg.conn.execute("SELECT action FROM audit_log WHERE row_id = ? ORDER BY seq DESC LIMIT 1",
                           (eid,)).fetchone()[0] == "restore"
    dialog.close()


def _when_message_box(qtbot, action):
    def poll():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, poll)
            return
        action(box)
    QTimer.singleShot(0, poll)


def _re_add(qtbot, tab, answer):
    seen = {}

    def fill(dialog):
        dialog.widgets["name"].setText("龙港甲煤业（重新登记）")
        dialog.widgets["uscc"].setText(code(1))

        def choose(box):
            seen["text"] = box.text()
            seen["buttons"] = [b.text() for b in box.buttons()]
            next(b for b in box.buttons() if b.text() == answer).click()
        _when_message_box(qtbot, choose)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen["open"] = dialog.isVisible()
        if dialog.isVisible():
            dialog.reject()

    when_modal(qtbot, fill)
    return tab.add_record(), seen


def test_re_adding_a_deleted_credit_code_offers_to_restore_it(qtbot, ledger):
    make_app()
    eid = add_enterprise(ledger, 1, name="龙港甲煤业有限公司")
    sid = add_return(ledger, eid, "2024-05")
    enterprises.delete(ledger, eid)
    tab = EnterprisesTab(ledger)
    qtbot.addWidget(tab)
    tab.show()
    assert _names(tab) == []
    saved, seen = _re_add(qtbot, tab, "取消")
    assert saved is None and seen["open"] and sorted(seen["buttons"]) == sorted(["恢复原企业", "仍然新建", "取消"])
    assert "龙港甲煤业有限公司" in seen["text"] and "回收站" in seen["text"]
    assert ledger.conn.execute("SELECT COUNT(*) FROM enterprises").fetchone()[0] == 1
    saved, seen = _re_add(qtbot, tab, "恢复原企业")
    assert saved == eid and not seen["open"]
    qtbot.waitUntil(lambda: _names(tab) == ["龙港甲煤业有限公司"])
    from desktop_app.services.enterprises import surveys
    assert [r.id for r in surveys.returns_of(ledger, eid)] == [sid]  # its return came back with it


def test_re_adding_can_still_make_a_new_record(qtbot, ledger):
    make_app()
    eid = add_enterprise(ledger, 1, name="龙港甲煤业有限公司")
    enterprises.delete(ledger, eid)
    tab = EnterprisesTab(ledger)
    qtbot.addWidget(tab)
    tab.show()
    saved, _ = _re_add(qtbot, tab, "仍然新建")
    assert saved and saved != eid
    qtbot.waitUntil(lambda: _names(tab) == ["龙港甲煤业（重新登记）"])
