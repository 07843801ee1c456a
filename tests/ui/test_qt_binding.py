"""Guard against a Qt binding that leaks references to None.

PySide6 6.12.0 decrements None's reference count on every call to a void
method under Python 3.11; after enough scrolling the interpreter aborts.
pyproject.toml pins below it; this test fails if that pin is lifted too early.
"""

import sys

from PySide6.QtWidgets import QApplication, QWidget


def test_void_calls_keep_none_alive(qapp):
    w = QWidget()
    before = sys.getrefcount(None)
    for _ in range(2000):
        w.update()
        QApplication.processEvents()
    assert abs(sys.getrefcount(None) - before) < 50
