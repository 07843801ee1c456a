"""Show the record behind a 审核 finding in the main window: the enterprise in 企业, the task in 任务."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop_app.domain import periods as period_rule
from desktop_app.domain.review_rules import Finding


def opener_for(window) -> Callable[[Finding], bool] | None:
    """A function opening a finding's record in ``window`` (None: the window has no tabs to open it in)."""
    if getattr(window, "tab_widgets", None) is None:
        return None
    return lambda f: open_finding(window, f)


def _select(tab, record_id: str) -> bool:
    if tab.model.row_of_record(record_id) is None and getattr(tab, "search", None) is not None:
        tab.search.clear()  # a search typed earlier may hide it
    tab.select_record(record_id)
    return tab.current_id() == record_id


def open_finding(window, f: Finding) -> bool:
    tabs = window.tab_widgets
    if f.enterprise_id and "enterprises" in tabs:
        tab = tabs["enterprises"]
        window.tabs.setCurrentWidget(tab)
        if f.period <= period_rule.month_of(date.today()):
            tab.set_period(f.period)  # the page shows the return of the finding's period
        found = _select(tab, f.enterprise_id)
        page = getattr(tab, "page", None)
        if found and page is not None:  # the return or the 销号 the finding is about
            page.show_section(page.signoff if f.table == "signoffs" else page.returns)
    elif f.task_id and "tasks" in tabs:
        tab = tabs["tasks"]
        window.tabs.setCurrentWidget(tab)
        tab.pages.setCurrentWidget(tab.tree_page)
        found = tab.tree_page.select_id(f.task_id)
    else:
        return False
    window.raise_()
    window.activateWindow()
    return found
