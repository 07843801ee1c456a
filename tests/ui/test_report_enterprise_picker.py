"""报表 dialog: one enterprise's survey is chosen by name or code, not only typed."""

from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.services import printing
from ui.common.picker import PickerDialog
from ui.report_menu import ReportDialog


def _dialog(qtbot, ledger) -> ReportDialog:
    host = QWidget()
    qtbot.addWidget(host)
    host.ledger = ledger
    spec = next(s for s in printing.registry().values() if "enterprise" in s.params)
    dialog = ReportDialog(host, spec)
    dialog.host = host  # the host lives as long as the dialog
    return dialog


def _pick(search: str):
    def exec_(self):
        self.search.setText(search)
        self._apply()
        self.accept()
        return QDialog.DialogCode.Accepted
    return exec_


def test_picker_fills_the_code_by_name_and_by_code(qtbot, demo_ledger, monkeypatch):
    name, uscc = demo_ledger.conn.execute(
        "SELECT name, uscc FROM enterprises WHERE deleted_at IS NULL AND name LIKE '%煤层气%' ORDER BY name").fetchone()
    dialog = _dialog(qtbot, demo_ledger)
    monkeypatch.setattr(PickerDialog, "exec", _pick(name))
    dialog.pick_enterprise.click()
    assert dialog.params()["enterprise"] == uscc
    assert dialog.enterprise_name.text() == name
    dialog.inputs["enterprise"].clear()
    monkeypatch.setattr(PickerDialog, "exec", _pick(uscc))
    dialog.pick_enterprise.click()
    assert dialog.params()["enterprise"] == uscc


def test_code_can_still_be_typed(qtbot, demo_ledger):
    dialog = _dialog(qtbot, demo_ledger)
    dialog.inputs["enterprise"].setText(" 91140521MA0K12345X ")
    assert dialog.params()["enterprise"] == "91140521MA0K12345X"
