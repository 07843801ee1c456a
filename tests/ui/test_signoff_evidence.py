"""销号 asks for 印证材料: the sign-off panel attaches them to the period's return itself."""

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.services import evidence
from tests.services.enterprises.helpers import add_enterprise, add_return
from tests.ui.test_enterprises_tab import PERIOD, _select
from ui.app import make_app
from ui.enterprises.tab import EnterprisesTab


def test_add_evidence_from_the_signoff_panel(qtbot, ledger, tmp_path, monkeypatch):
    make_app()
    eid = add_enterprise(ledger, 1, name="龙港甲煤业有限公司")
    tab = EnterprisesTab(ledger)
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    tab.set_period(PERIOD)
    _select(tab, "龙港甲煤业有限公司")
    panel = tab.page.signoff
    tab.page.show_section(panel)
    assert not panel.evidence_button.isEnabled()  # no return yet: nothing to attach to
    sid = add_return(ledger, eid, PERIOD, activities=[11])
    qtbot.waitUntil(lambda: panel.evidence_button.isEnabled())
    assert panel.marks["has_evidence"].text() == "✘" and not panel.confirm_button.isEnabled()

    scan = tmp_path / "产学研合作协议.pdf"
    scan.write_bytes(b"%PDF-1.4 agreement")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(scan)], ""))
    panel.evidence_button.click()
    assert [f.file_name for f in evidence.list_files(ledger, "surveys", sid)] == ["产学研合作协议.pdf"]
    qtbot.waitUntil(lambda: panel.marks["has_evidence"].text() == "✔")
    assert panel.confirm_button.isEnabled() and "符合销号条件" in panel.verdict.text()

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    assert panel.add_evidence([str(scan)]) == 0  # the same content twice is refused, with the reason
    assert warned and "内容相同" in warned[0]
    assert evidence.count(ledger, "surveys", sid) == 1
