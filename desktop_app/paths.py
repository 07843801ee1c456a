"""Where things live: bundled resources and the user's data folder."""

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder, also inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_data_dir() -> Path:
    """The per-user application data folder (QStandardPaths AppDataLocation)."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    from desktop_app import APP_NAME, ORG_NAME

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location)


def default_ledger_path() -> Path:
    return default_data_dir() / "ledger.sqlite3"
