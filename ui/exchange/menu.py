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


def add_package_entries(window: QMainWindow) -> dict[str, QAction]:
    """数据交换 → 下发… / 导入下发包… / 冲突待处理…; which of them apply is the ledger's (fit_to_ledger)."""
    from ui.exchange import (
        conflicts_window,
        distribute_window,
        import_flow,
        receipt_flow,
        submissions_window,
        submit_flow,
    )

    menu = exchange_menu(window)
    entries = {
        "distribute": (QCoreApplication.translate("exchange_menu", "下发…"),
                       QCoreApplication.translate("exchange_menu", "为各乡镇、开发区和责任单位生成各自份额的下发包"),
                       lambda: distribute_window.open_distribute(window)),
        "import_package": (QCoreApplication.translate("exchange_menu", "导入下发包…"),
                           QCoreApplication.translate("exchange_menu", "导入上级单位的下发包：新任务、改过的内容；"
                                                                       "本单位录入的数据不会被覆盖"),
                           lambda: import_flow.choose_and_import(window)),
        "submit": (QCoreApplication.translate("exchange_menu", "生成报送包…"),
                   QCoreApplication.translate("exchange_menu", "把本期新录入和改过的数据生成报送包，报送上级单位；"
                                                               "没有新数据时生成空表上报包"),
                   lambda: submit_flow.choose_and_export(window)),
        "import_submission": (QCoreApplication.translate("exchange_menu", "导入报送包…"),
                              QCoreApplication.translate("exchange_menu", "导入乡镇、开发区和责任单位报来的报送包：先看清"
                                                                          "将新增、更新的内容再导入；双方都改过的进入冲突待处理"),
                              lambda: import_flow.choose_and_import(window)),
        "import_receipt": (QCoreApplication.translate("exchange_menu", "导入回执…"),
                           QCoreApplication.translate("exchange_menu", "导入市里的回执：此后的报送包只含新增或改过的数据"),
                           lambda: import_flow.choose_and_import(window)),
        "receipt": (QCoreApplication.translate("exchange_menu", "生成回执…"),
                    QCoreApplication.translate("exchange_menu", "告诉县（市、区）本台账已有其哪些数据，其下次报送只含改动"),
                    lambda: receipt_flow.choose_and_export(window)),
        "submissions": (QCoreApplication.translate("exchange_menu", "报送情况…"),
                        QCoreApplication.translate("exchange_menu", "本期哪些单位已报送、何时报送、哪些未报；可退回并打印报送情况表"),
                        lambda: submissions_window.open_submissions(window)),
        "conflicts": (QCoreApplication.translate("exchange_menu", "冲突待处理…"),
                      QCoreApplication.translate("exchange_menu", "双方都改过的记录，逐条选择保留哪一方"),
                      lambda: conflicts_window.open_conflicts(window)),
    }
    actions = {}
    for key, (text, tip, slot) in entries.items():
        action = QAction(text, window)
        action.setObjectName(key)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        actions[key] = action
    menu.addSeparator()
    return actions


def fit_to_ledger(actions: dict[str, QAction], ledger) -> None:
    """A county distributes and reports to its city; a unit its county distributes to imports what it is sent;
    a city imports its counties' packages; all see conflicts."""
    from desktop_app.services.exchange import ownership, upward

    county = ledger.unit.level == "county"
    upper = county or ledger.unit.level == "city"  # a city reads its counties' packages (整包汇总上报)
    lower = ownership.is_lower(ledger)
    actions["distribute"].setVisible(county)
    actions["import_submission"].setVisible(upper)
    actions["submissions"].setVisible(upper)
    actions["import_package"].setVisible(ledger.unit.parent_id is not None and (
        ledger.unit.level in ("township", "zone", "department") or lower))
    actions["submit"].setVisible(lower or upward.sends_everything(ledger))
    actions["import_receipt"].setVisible(upward.sends_everything(ledger))
    actions["receipt"].setVisible(ledger.unit.level == "city")
    n = ownership.pending_conflicts(ledger)
    actions["conflicts"].setText(QCoreApplication.translate("exchange_menu", "冲突待处理（{n}）…").format(n=n) if n
                                 else QCoreApplication.translate("exchange_menu", "冲突待处理…"))
