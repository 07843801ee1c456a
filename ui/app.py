"""Start-up: the Qt application, translations, and which ledger to open."""

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import APP_NAME, ORG_NAME, __version__, i18n
from desktop_app.errors import UserError
from desktop_app.paths import resource
from desktop_app.services.ledger import Ledger, open_ledger

LAST_LEDGER = "ledger/last_path"


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource("icons", "app.ico"))))
    i18n.install(QCoreApplication.translate)
    translator = QTranslator(app)  # Chinese for Qt's own buttons and dialogs (确定/取消/是/否)
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    if translator.load(chinese, "qt", "_", str(resource("i18n"))):
        app.installTranslator(translator)
    return app


def choose_ledger(db: str | None) -> Ledger | None:
    """Open the ledger named on the command line, the last one used, or set one up."""
    from desktop_app.paths import default_ledger_path
    from ui.setup_dialog import SetupDialog

    settings = QSettings()
    path = Path(db) if db else Path(settings.value(LAST_LEDGER, str(default_ledger_path())))
    if path.exists():
        try:
            return open_ledger(path)
        except UserError as exc:
            QMessageBox.warning(None, QCoreApplication.translate("app", "打开台账"), str(exc))
            if db:
                return None
            path = default_ledger_path()
            if path.exists():
                return None
    dialog = SetupDialog(path)
    if dialog.exec() != SetupDialog.DialogCode.Accepted:
        return None
    return dialog.ledger


def open_package(window, path: str) -> None:
    """A package named on the command line (a double-clicked .bsb) goes to the window's import."""
    window.open_package(Path(path))


def run_window(db: str | None = None, package: str | None = None) -> int:
    app = make_app()
    from ui import crash_dialog

    crash_dialog.install()
    ledger = choose_ledger(db)
    if ledger is None:
        return 1
    from ui.main_window import MainWindow

    window = MainWindow(ledger)
    window.show()
    if package:
        open_package(window, package)
    return app.exec()
