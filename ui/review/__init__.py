"""审核 (checks before submission): the findings window and its menu entry."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

EXCHANGE_MENU = "数据交换"


def exchange_menu(window) -> QMenu:
    """The main window's 数据交换 menu (made, before 帮助, when there is none yet)."""
    bar = window.menuBar()
    title = QCoreApplication.translate("MainWindow", "数据交换(&E)")
    for action in bar.actions():
        menu = action.menu()
        if menu is not None and (menu.title() == title or menu.title().startswith(EXCHANGE_MENU)):
            return menu
    menu = QMenu(title, bar)
    help_action = bar.actions()[-1] if bar.actions() else None
    if help_action is not None:
        bar.insertMenu(help_action, menu)
    else:
        bar.addMenu(menu)
    return menu


def add_menu_entry(window) -> QAction:
    """数据交换 → 审核…, first in the menu (exporting a package follows it)."""
    menu = exchange_menu(window)
    action = QAction(QCoreApplication.translate("review", "审核…"), window)
    action.setObjectName("open_review")
    action.setToolTip(QCoreApplication.translate("review", "上报前检查本期数据：强制问题须更正，核实问题须写明说明"))
    action.triggered.connect(lambda: open_review(window))
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, action)
    if first is not None:
        menu.insertSeparator(first)
    return action


def open_review(window):
    from ui.review.window import open_review as open_window  # the window loads on first use

    return open_window(window)
