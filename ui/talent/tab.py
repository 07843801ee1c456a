"""人才 tab: 人才名册 (people), 人才团队 (teams) and 科技特派员 (postings), one page each.

Each page hears the ledger's changes itself (a ListTab is a LedgerView);
``refresh()`` refreshes them all, ``teardown()`` disconnects them all.
``model``, ``view``, ``search`` and ``count_label`` are the people list's, as
for the other list tabs.
"""

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.talent.commissioners import CommissionersPage
from ui.talent.people import PeoplePage
from ui.talent.teams import TeamsPage


class TalentTab(QWidget):
    def __init__(self, ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.people = PeoplePage(ledger, self)
        self.teams = TeamsPage(ledger, self)
        self.commissioners = CommissionersPage(ledger, self)
        self.pages = QTabWidget(objectName="talent_pages")
        self.pages.setTabPosition(QTabWidget.TabPosition.North)
        for page, title, name in ((self.people, self.tr("人才名册"), "people"),
                                  (self.teams, self.tr("人才团队"), "teams"),
                                  (self.commissioners, self.tr("科技特派员"), "commissioners")):
            page.setObjectName(f"talent_{name}")
            self.pages.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.pages)

    def refresh(self) -> None:
        for page in (self.people, self.teams, self.commissioners):
            page.refresh()

    def teardown(self) -> None:
        for page in (self.people, self.teams, self.commissioners):
            page.teardown()

    # the people list answers for the tab (as the other list tabs do)
    @property
    def model(self):
        return self.people.model

    @property
    def view(self):
        return self.people.view

    @property
    def search(self):
        return self.people.search

    @property
    def count_label(self):
        return self.people.count_label

    @property
    def filters(self):
        return self.people.filters

    def current_id(self):
        return self.people.current_id()

    def add_record(self):
        return self.people.add_record()
