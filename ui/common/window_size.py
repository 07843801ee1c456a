"""Windows and dialogs sized to the screen they open on, and remembered.

A fixed 1280×800 window hides its buttons behind the taskbar of a
1366×768 office PC, or at 150 % scaling on a 1080p screen. So every window
asks for the size it would like; it gets at most the screen's available
geometry (less a margin), the size and place the clerk last left it in are
remembered per window (``QSettings``, key ``windows/<name>``), and the main
window opens maximised where the screen is small.
"""

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SMALL_SCREEN_HEIGHT = 800  # available height below this: the main window opens maximised
MARGIN = 40                 # room left around a window that does not fill the screen


def available(widget: QWidget) -> QRect:
    screen = widget.screen() if widget.screen() is not None else QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted(wanted: QSize, room: QRect) -> QSize:
    return QSize(min(wanted.width(), max(320, room.width() - MARGIN)),
                 min(wanted.height(), max(240, room.height() - MARGIN)))


class _Remember(QObject):
    """Saves the window's geometry when it is hidden (closed, accepted, rejected)."""

    def __init__(self, widget: QWidget, key: str):
        super().__init__(widget)
        self.key = key

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Hide:
            QSettings().setValue(self.key, obj.saveGeometry())
        return False


def size_window(widget: QWidget, name: str, width: int, height: int, *, main: bool = False) -> None:
    """Give ``widget`` the remembered geometry, else ``width``×``height`` fitted to the screen."""
    key = f"windows/{name}"
    room = available(widget)
    saved = QSettings().value(key)
    restored = isinstance(saved, QByteArray | bytes) and widget.restoreGeometry(QByteArray(saved))
    if not restored or not room.contains(widget.frameGeometry().center()):
        widget.resize(fitted(QSize(width, height), room))
        frame = widget.frameGeometry()
        frame.moveCenter(room.center())
        widget.move(frame.topLeft())
    if widget.width() > room.width() or widget.height() > room.height():  # saved on a bigger screen
        widget.resize(fitted(widget.size(), room))
    if main and room.height() < SMALL_SCREEN_HEIGHT and not restored:
        widget.setWindowState(widget.windowState() | Qt.WindowState.WindowMaximized)
    widget.installEventFilter(_Remember(widget, key))
