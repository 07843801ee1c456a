"""The 企业 tab and the 报表 dialog open on one month and read typed periods by one rule."""

from PySide6.QtWidgets import QLineEdit

from desktop_app.services import periods, printing
from ui.enterprises.tab import EnterprisesTab
from ui.report_menu import ReportDialog


def test_tab_and_report_dialog_open_on_the_same_month(qtbot, demo_ledger):
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    host.ledger = demo_ledger
    tab = EnterprisesTab(demo_ledger)
    qtbot.addWidget(tab)
    spec = next(s for s in printing.registry().values() if "period" in s.params)
    dialog = ReportDialog(host, spec)
    qtbot.addWidget(dialog)
    assert tab.period == dialog.findChild(QLineEdit, "period").text() == periods.default_period(demo_ledger)


def test_tab_takes_the_forms_a_clerk_types(qtbot, demo_ledger):
    tab = EnterprisesTab(demo_ledger)
    qtbot.addWidget(tab)
    tab.set_period("2025年3月")
    assert tab.period == "2025-03"
    tab.set_period("2025/4")
    assert tab.period == "2025-04"
