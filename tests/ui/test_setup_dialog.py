"""First start without --db: the setup dialog creates the ledger in the user's data folder."""

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from desktop_app.paths import default_ledger_path
from ui import app as app_module
from ui.setup_dialog import SetupDialog


def test_first_start_creates_ledger_in_app_data(qtbot, tmp_path, monkeypatch):
    app_module.make_app()
    QStandardPaths.setTestModeEnabled(True)  # a private AppDataLocation for the test
    try:
        target = default_ledger_path()
        data_dir = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        assert str(target).startswith(data_dir)
        if target.exists():
            target.unlink()
        monkeypatch.setattr(app_module, "QSettings", lambda: _NoSettings())
        seen = {}

        def fill():
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, SetupDialog):
                QTimer.singleShot(20, fill)
                return
            seen["path"] = dialog.path
            dialog.findChild(QLineEdit, "unit_name").setText("龙港镇")
            dialog.level.setCurrentIndex(dialog.level.findData("township"))
            dialog.findChild(QLineEdit, "code").setText("1405211")
            dialog.findChild(QLineEdit, "parent_name").setText("沁水县")
            dialog.findChild(QLineEdit, "operator").setText("李 健")
            dialog.create_button.click()
            seen["error"] = dialog.findChild(QLabel, "error").text()
            dialog.findChild(QLineEdit, "code").setText("140521100")
            dialog.create_button.click()

        QTimer.singleShot(0, fill)
        ledger = app_module.choose_ledger(None)
        assert seen["path"] == target
        assert "行政区划代码" in seen["error"]
        assert ledger is not None and ledger.path == target and target.exists()
        assert (ledger.unit.name, ledger.unit.level, ledger.unit.parent_name) == ("龙港镇", "township", "沁水县")
        assert ledger.operator == "李 健"
        # a township set up without a package holds no county task list or targets
        assert ledger.conn.execute("SELECT COUNT(*) FROM key_tasks").fetchone()[0] == 0
        assert ledger.conn.execute("SELECT COUNT(*) FROM targets").fetchone()[0] == 0
        ledger.close()
        target.unlink()
    finally:
        QStandardPaths.setTestModeEnabled(False)


class _NoSettings:
    def value(self, key, default=None):
        return default

    def setValue(self, key, value):  # noqa: N802
        pass
