"""How a tab or tool window hears about ledger writes, and lets go of them.

A committed write publishes a ``Changes`` (tables → ids, see
``desktop_app.services.ledger``). :func:`events_for` turns a ledger's
publications into one Qt signal, delivered on the GUI thread even when the
write ran in a background thread. A :class:`LedgerView` (tab, tool window)
says which tables it ``shows`` and refreshes only when one of them changed;
``teardown()`` disconnects everything it connected (Vorta's base tab), so a
view of a closed ledger never runs again.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop_app.services.ledger import EVERYTHING, Changes, Ledger


class LedgerEvents(QObject):
    changed = Signal(object)  # Changes

    def __init__(self, ledger: Ledger):
        super().__init__()
        self._ledger = ledger
        ledger.subscribe(self._publish)

    def _publish(self, changes: Changes) -> None:  # any thread; Qt queues it to the GUI thread
        self.changed.emit(changes)

    def release(self) -> None:
        self._ledger.unsubscribe(self._publish)


_EVENTS: dict[int, LedgerEvents] = {}


def events_for(ledger: Ledger) -> LedgerEvents:
    """The one signal source of a ledger (and of its ``reopen()``ed copies, which share listeners)."""
    key = id(ledger.listeners)
    events = _EVENTS.get(key)
    if events is None or events._ledger.listeners is not ledger.listeners:
        events = _EVENTS[key] = LedgerEvents(ledger)
    return events


def release(ledger: Ledger) -> None:
    """The ledger is about to close: its signal source goes with it."""
    events = _EVENTS.pop(id(ledger.listeners), None)
    if events is not None:
        events.release()
        events.deleteLater()


class Connections:
    """Signal connections made by one widget, undone together."""

    def __init__(self) -> None:
        self._made: list[tuple[Any, Callable]] = []

    def connect(self, signal: Any, slot: Callable) -> None:
        signal.connect(slot)
        self._made.append((signal, slot))

    def disconnect_all(self) -> None:
        for signal, slot in self._made:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):  # the sender is gone already
                pass
        self._made.clear()


class LedgerView:
    """Mixin for a QWidget over one ledger: ``shows`` the tables it displays.

    Call :meth:`watch_ledger` at the end of ``__init__``; override
    :meth:`on_changes` to refresh less than everything. A view hidden behind
    another page of a shown window only notes that it is stale and refreshes
    when it is shown.
    """

    shows: frozenset[str] = frozenset()

    def watch_ledger(self, ledger: Ledger) -> None:
        self.links = getattr(self, "links", None) or Connections()
        self.links.connect(events_for(ledger).changed, self._ledger_changed)

    def _ledger_changed(self, changes: Changes) -> None:
        if not (changes.touches(self.shows) or changes.touches((EVERYTHING,))):
            return
        if self.window().isVisible() and not self.isVisible():  # a page behind another: when shown
            self.mark_stale()
            return
        self.on_changes(changes)

    def mark_stale(self) -> None:
        self._stale = True

    def refresh_if_stale(self) -> None:
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.refresh_if_stale()

    def on_changes(self, changes: Changes) -> None:
        self.refresh()

    def teardown(self) -> None:
        links = getattr(self, "links", None)
        if links is not None:
            links.disconnect_all()
