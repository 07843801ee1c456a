"""A tool bar row that wraps onto a second line when the window is narrow.

A row of a search box, six filters and three buttons is 1,200 pixels wide;
at 1366×768 and 150 % a window has about 900. ``FlowLayout`` is used like a
``QHBoxLayout`` (``addWidget(w, stretch)``, ``addStretch``, ``addSpacing``,
``addLayout``): on one line it looks the same — the room left over goes to
the stretches, else to widgets that expand (a search box) — and what does
not fit moves to the next line, so the row is never wider than its widest
item.
"""

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QWidget, QWidgetItem


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: list[int] = []
        self.setContentsMargins(0, 0, 0, 0)

    # ---- building, as a QHBoxLayout ---------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt API)
        self._items.append(item)
        self._stretch.append(0)

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802 (Qt API)
        super().addWidget(widget)
        self._stretch[-1] = stretch

    def insertWidget(self, index: int, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802 (Qt API)
        self.addChildWidget(widget)
        index = index if 0 <= index <= len(self._items) else len(self._items)
        self._items.insert(index, QWidgetItem(widget))
        self._stretch.insert(index, stretch)
        self.invalidate()

    def addLayout(self, layout: QLayout, stretch: int = 0) -> None:  # noqa: N802 (Qt API)
        self.addChildLayout(layout)
        self.addItem(layout)
        self._stretch[-1] = stretch

    def addStretch(self, stretch: int = 1) -> None:  # noqa: N802 (Qt API)
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))
        self._stretch[-1] = max(1, stretch)

    def addSpacing(self, size: int) -> None:  # noqa: N802 (Qt API)
        self.addItem(QSpacerItem(size, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum))

    # ---- QLayout -----------------------------------------------------------
    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802 (Qt API)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802 (Qt API)
        if 0 <= index < len(self._items):
            self._stretch.pop(index)
            return self._items.pop(index)
        return None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt API)
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return self._place(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt API)
        super().setGeometry(rect)
        self._place(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """Everything on one line."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item, _ in shown) + self._gap() * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item, _ in shown), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt API)
        """The widest single item: the rest wraps."""
        size = QSize()
        for item, _ in self._shown():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # ---- placing -----------------------------------------------------------
    def _gap(self) -> int:
        gap = self.spacing()
        if gap < 0:
            parent = self.parentWidget()
            gap = parent.style().layoutSpacing(QSizePolicy.ControlType.PushButton, QSizePolicy.ControlType.PushButton,
                                               Qt.Orientation.Horizontal) if parent else 6
        return max(gap, 0)

    def _shown(self) -> list[tuple[QLayoutItem, int]]:
        return [(item, s) for item, s in zip(self._items, self._stretch, strict=True)
                if not item.isEmpty() or item.spacerItem() is not None]  # a spacer is "empty" to Qt

    def _lines(self, width: int) -> list[list[tuple[QLayoutItem, int, int]]]:
        """Items per line, each with the width it gets (its hint, at most the line)."""
        gap, lines, line, used = self._gap(), [], [], 0
        for item, stretch in self._shown():
            w = max(item.minimumSize().width(), min(item.sizeHint().width(), width))
            if line and used + gap + w > width:
                lines.append(line)
                line, used = [], 0
            used += (gap if line else 0) + w
            line.append((item, stretch, w))
        if line:
            lines.append(line)
        for i, line in enumerate(lines):  # a stretch ending a line pushes the next line right, as on one line
            while len(line) > 1 and line[-1][0].widget() is None and line[-1][0].layout() is None:
                spring = line.pop()
                if i + 1 < len(lines):
                    lines[i + 1].insert(0, (spring[0], spring[1], 0))
        return lines

    def _place(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap, y = self._gap(), area.y()
        for line in self._lines(max(1, area.width())):
            widths = [w for _, _, w in line]
            spare = area.width() - sum(widths) - gap * (len(line) - 1)
            growing = [i for i, (_, s, _) in enumerate(line) if s > 0] or [
                i for i, (item, _, _) in enumerate(line)
                if item.expandingDirections() & Qt.Orientation.Horizontal and item.widget() is not None]
            if spare > 0 and growing:
                weights = [max(1, line[i][1]) for i in growing]
                for i, weight in zip(growing, weights, strict=True):
                    widths[i] += spare * weight // sum(weights)
            heights = [item.heightForWidth(w) if item.hasHeightForWidth() else item.sizeHint().height()
                       for (item, _, _), w in zip(line, widths, strict=True)]
            tall = max(heights, default=0)
            if apply:
                x = area.x()
                for (item, _, _), w, h in zip(line, widths, heights, strict=True):
                    item.setGeometry(QRect(QPoint(x, y + (tall - h) // 2), QSize(w, h)))
                    x += w + gap
            y += tall + self._vertical_gap()
        return max(0, y - self._vertical_gap() - rect.y()) + m.bottom()

    def _vertical_gap(self) -> int:
        return max(4, self._gap() // 2)
