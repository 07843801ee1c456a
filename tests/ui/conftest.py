"""The main window over a private copy of the demo ledger, shown offscreen."""

import pytest

from ui.app import make_app
from ui.main_window import MainWindow


@pytest.fixture
def demo_window(qtbot, demo_ledger):
    make_app()
    w = MainWindow(demo_ledger)
    qtbot.addWidget(w)
    w.show()
    return w
