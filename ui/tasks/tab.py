"""任务 tab: the task tree, this month's dispatch, 督办事项 and a searchable list of assignments.

Each page hears the ledger's changes itself and refreshes lazily: a change to
what it shows marks it stale unless it is on screen, so a write in another
tab costs this tab nothing until the clerk looks at it.
"""

from datetime import date

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ui.tasks.assignment_list import AssignmentList
from ui.tasks.month_page import MonthPage
from ui.tasks.settings_dialog import ScheduleSettingsDialog
from ui.tasks.supervision_page import SupervisionPage
from ui.tasks.tree_page import TreePage

PAGE_KEY = "tasks/page"


class TasksTab(QWidget):

    def __init__(self, ledger, parent=None, *, today: date | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.tree_page = TreePage(ledger, self, today=today)
        self.month_page = MonthPage(ledger, self, today=today)
        self.supervision_page = SupervisionPage(ledger, self, today=today)
        self.list_page = AssignmentList(ledger, self)
        self.pages = QTabWidget(objectName="task_pages")
        for page, title in ((self.month_page, self.tr("本月调度")), (self.tree_page, self.tr("任务清单")),
                            (self.supervision_page, self.tr("督办事项")), (self.list_page, self.tr("分工查询"))):
            self.pages.addTab(page, title)
        corner = QWidget()
        bar = QHBoxLayout(corner)
        bar.setContentsMargins(0, 0, 0, 2)
        for text, name, slot in ((self.tr("导入任务清单…"), "import", self.import_tasks),
                                 (self.tr("导出任务清单模板…"), "template", self._export_template),
                                 (self.tr("调度设置…"), "settings", self.open_settings)):
            b = QPushButton(text, objectName=f"tasks_{name}")
            b.clicked.connect(slot)
            bar.addWidget(b)
        self.pages.setCornerWidget(corner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages, 1)
        for n in range(self.pages.count()):  # Alt+1 … Alt+4 switch pages
            self.pages.setTabToolTip(n, f"Alt+{n + 1}")
            QShortcut(QKeySequence(f"Alt+{n + 1}"), self, activated=lambda i=n: self.pages.setCurrentIndex(i))
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)
        self.pages.setCurrentIndex(int(QSettings().value(PAGE_KEY, 0) or 0))
        self.pages.currentChanged.connect(self._page_shown)
        self._page_shown(self.pages.currentIndex())

    # the assignment list stands in for the tab in generic list checks
    @property
    def model(self):
        return self.list_page.model

    @property
    def count_label(self):
        return self.list_page.count_label

    def _page_shown(self, index: int) -> None:
        QSettings().setValue(PAGE_KEY, index)
        self.pages.widget(index).refresh_if_stale()

    def _focus_search(self) -> None:
        page = self.pages.currentWidget()
        box = getattr(page, "search", None)
        if box is not None:
            box.setFocus()
            box.selectAll()

    def _export_template(self) -> None:
        from ui.tasks.import_dialog import export_template

        export_template(self)

    def _all_pages(self):
        return (self.tree_page, self.month_page, self.supervision_page, self.list_page)

    def refresh(self) -> None:
        """Everything again: the page on screen now, the others when shown."""
        for page in self._all_pages():
            page.mark_stale()
        self._page_shown(self.pages.currentIndex())

    def teardown(self) -> None:
        for page in self._all_pages():
            page.teardown()

    def import_tasks(self) -> str | None:
        from ui.tasks.import_dialog import ImportDialog  # openpyxl loads when it is needed

        dialog = ImportDialog(self.ledger, self)
        self._last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self.pages.setCurrentWidget(self.tree_page)
        self.tree_page.select_id(dialog.result_value)
        return dialog.result_value

    def open_settings(self) -> None:
        dialog = ScheduleSettingsDialog(self.ledger, self)
        self._last_dialog = dialog
        dialog.exec()  # saved settings refresh the pages that show them
