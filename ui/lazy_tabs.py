"""Tabs built on first view: start-up pays only for the tab the clerk sees.

Each page of the window's QTabWidget is a light container; the real tab
(`Cls(ledger, parent)`) is built into it the first time the page is shown or
the tab is asked for (``tabs["enterprises"]``). Ledger changes refresh the
tabs already built; the others read fresh data when they are built.
"""

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


class TabPages(QTabWidget):
    """A QTabWidget that also accepts a built tab where Qt expects its page."""

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt API)
        for i in range(self.count()):
            page = self.widget(i)
            if page is widget or getattr(page, "tab", None) is widget:
                self.setCurrentIndex(i)
                return
        super().setCurrentWidget(widget)


class _Page(QWidget):
    def __init__(self, key: str, build: Callable[[], QWidget]):
        super().__init__()
        self.setObjectName(f"page_{key}")
        self._build = build
        self.tab: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        if self.tab is None:
            self.tab = self._build()
            self.layout().addWidget(self.tab)
            self.tab.show()  # at once, not on the layout's next pass
        return self.tab


class LazyTabs(Mapping[str, QWidget]):
    """key → tab, building on first access; pages go into ``pages``."""

    def __init__(self, pages: TabPages):
        self.pages = pages
        self._pages: dict[str, _Page] = {}
        pages.currentChanged.connect(self._on_current)

    def add(self, key: str, title: str, build: Callable[[], QWidget]) -> None:
        page = _Page(key, build)
        self._pages[key] = page
        self.pages.addTab(page, title)

    def clear(self) -> None:
        """Drop every page (and tab) — when the window switches ledgers. Built tabs are torn down first."""
        for tab in self.built():
            teardown = getattr(tab, "teardown", None)
            if teardown is not None:
                teardown()
        while self.pages.count():
            page = self.pages.widget(0)
            self.pages.removeTab(0)
            page.deleteLater()
        self._pages.clear()

    def _on_current(self, index: int) -> None:
        page = self.pages.widget(index)
        if isinstance(page, _Page):
            page.ensure()

    def built(self) -> list[QWidget]:
        return [p.tab for p in self._pages.values() if p.tab is not None]

    def __getitem__(self, key: str) -> QWidget:
        return self._pages[key].ensure()

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)
