"""Shared fixtures. Qt runs offscreen; set before anything imports Qt."""

import os

# The clerk's office PC: a 1366×768 screen less a 40-pixel taskbar (tests/fixtures/screen_1366x768.json).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + str(
        __import__("pathlib").Path(__file__).parent / "fixtures" / "screen_1366x768.json")
os.environ["XDG_CONFIG_HOME"] = __import__("tempfile").mkdtemp(prefix="ledger-test-config-")  # never the user's settings

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from desktop_app.services.ledger import create_ledger, open_ledger  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _fresh_settings():
    """Each test starts with no remembered settings (window sizes, folders, last ledger, list widths
    and sorts — a widget torn down after the last test may still have saved its own)."""
    from PySide6.QtCore import QCoreApplication, QSettings

    if QCoreApplication.instance() is not None:
        QSettings().clear()
    yield
    if QCoreApplication.instance() is not None:
        QSettings().clear()


@pytest.fixture
def ledger(tmp_path):
    """An empty county ledger with two townships."""
    from desktop_app.services import units

    lg = create_ledger(tmp_path / "ledger.sqlite3", unit_name="沁水县", level="county", code="140521",
                       parent_name="晋城市", operator="测试员")
    units.add_township(lg, "龙港镇")
    units.add_township(lg, "嘉峰镇")
    yield lg
    lg.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    from desktop_app.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    build_demo(path).close()
    return path


@pytest.fixture
def demo_ledger(demo_file, tmp_path):
    """A private copy of the demo ledger (tests may write to it)."""
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, path)
    lg = open_ledger(path)
    yield lg
    lg.close()


def file_state(path: Path) -> bytes | None:
    """The content of a ledger file and its WAL (to prove nothing changed).

    An empty WAL counts as no WAL: SQLite may create one just to read.
    """
    wal = Path(f"{path}-wal")
    return path.read_bytes() + b"|" + (wal.read_bytes() if wal.exists() else b"")
