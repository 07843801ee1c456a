"""The 数据交换 menu: found or made once, so each exchange feature adds its own entries to it."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

TITLE = "数据交换"


def _plain(title: str) -> str:
    return title.replace("&", "").split("(")[0].strip()


def exchange_menu(window: QMainWindow) -> QMenu:
    """The window's 数据交换 menu; made (before 帮助, when there is one) if it does not exist yet."""
    title = QCoreApplication.translate("exchange_menu", "数据交换")
    bar = window.menuBar()
    for action in bar.actions():
        menu = action.menu()
        if menu is not None and _plain(menu.title()) in (TITLE, title):
            return menu
    menu = QMenu(QCoreApplication.translate("exchange_menu", "数据交换(&E)"), window)
    help_action = next((a for a in bar.actions() if a.menu() is not None and _plain(a.menu().title()) in
                        ("帮助", QCoreApplication.translate("exchange_menu", "帮助"))), None)
    if help_action is not None:
        bar.insertMenu(help_action, menu)
    else:
        bar.addMenu(menu)
    return menu


def add_survey_import(window: QMainWindow) -> QAction:
    """数据交换 → 导入调查表…"""
    menu = exchange_menu(window)
    action = QAction(QCoreApplication.translate("exchange_menu", "导入调查表…"), window)
    action.setObjectName("import_survey")
    action.setToolTip(QCoreApplication.translate("exchange_menu", "导入企业填好的调查表（可多选文件或选择文件夹）"))

    def open_dialog():
        from ui.exchange.survey_import import open_survey_import

        open_survey_import(window)

    action.triggered.connect(open_dialog)
    menu.addAction(action)
    return action
