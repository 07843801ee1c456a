"""A date field the clerk may type in any usual way or pick from a calendar.

It stays a QLineEdit (empty allowed, text kept as typed); a 📅 button at its
right end opens a QCalendarWidget popup that writes the picked day as
2024-05-01. The service parses the text (``desktop_app.domain.dates.parse_date``).
"""

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QToolButton, QWidget

from desktop_app.domain.dates import parse_date


class DateEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None, **kwargs):
        super().__init__(parent, **kwargs)
        self.setPlaceholderText(self.tr("如 2024-05-01"))
        self.pick_button = QToolButton(self, objectName="pick_date")
        calendar_glyph = 0x1F4C5  # 📅 where the system has an emoji font (Windows: Segoe UI Emoji)
        self.pick_button.setText(chr(calendar_glyph) if QFontMetrics(self.font()).inFontUcs4(calendar_glyph) else "▾")
        self.pick_button.setToolTip(self.tr("从日历选择"))
        self.pick_button.setCursor(Qt.CursorShape.ArrowCursor)
        self.pick_button.setStyleSheet("QToolButton { border: none; padding: 0px; }")
        self.pick_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pick_button.clicked.connect(self.open_calendar)
        self.setTextMargins(0, 0, 24, 0)
        self.calendar: QCalendarWidget | None = None

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        size = self.height() - 4
        self.pick_button.setGeometry(self.width() - size - 2, 2, size, size)

    def open_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = QCalendarWidget(self, objectName="calendar")
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        try:
            day = parse_date(self.text())
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        except ValueError:
            self.calendar.setSelectedDate(QDate.currentDate())
        self.calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, qdate: QDate) -> None:
        self.setText(date(qdate.year(), qdate.month(), qdate.day()).isoformat())
        if self.calendar is not None:
            self.calendar.hide()
        self.setFocus()
