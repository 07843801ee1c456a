"""The one period rule: what a clerk may type for a 报送期, and which month a form opens on.

A period is a month, always stored as "YYYY-MM". Clerks type it many ways;
:func:`parse_period` accepts 2026-01, 2026-1, 2026/01, 2026.1, 2026年1月 and
202601 and refuses anything else with one Chinese sentence. :func:`check_period`
also refuses a month still to come. Every tab, form and command goes through
these two, so the same text gives the same answer everywhere.

The default period (:func:`default_period`): the latest period that has data
in the ledger; with none, last month — the period whose entries fall due this
month (004: "每月 1 日前" reports the month before). Most forms opened on last
month already; the ledger-wide "latest with data" is what the 企业 tab, the
报表 dialog and the CLI ``report`` add on top, and they now read it from one
place (``services.periods``).
"""

from __future__ import annotations

import re
from datetime import date

from desktop_app import i18n

_FORMS = (
    re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})"),   # 2026-01, 2026-1, 2026/01, 2026.1
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月?"),  # 2026年1月, 2026年01月, 2026年1
    re.compile(r"(\d{4})(\d{2})"),                 # 202601
)


class PeriodError(ValueError):
    """A period the clerk typed that is not one (the message is the sentence to show)."""

    def __str__(self) -> str:
        return self.args[0]


def parse_period(text: object) -> str:
    """The period ``text`` names, as "YYYY-MM"."""
    raw = str(text if text is not None else "").strip()
    if not raw:
        raise PeriodError(i18n.tr("请填写报送期（如 2026-10）"))
    for form in _FORMS:
        m = form.fullmatch(raw)
        if m and 1 <= int(m.group(2)) <= 12 and int(m.group(1)) >= 1900:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    raise PeriodError(i18n.tr("报送期“{v}”格式不对，应为 年-月，如 2026-10").format(v=raw))


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def last_month(today: date) -> str:
    return f"{today.year - 1:04d}-12" if today.month == 1 else f"{today.year:04d}-{today.month - 1:02d}"


def check_period(text: object, today: date | None = None) -> str:
    """A typed period that is not after the current month."""
    period = parse_period(text)
    if period > month_of(today or date.today()):
        raise PeriodError(i18n.tr("报送期 {p} 在将来").format(p=period))
    return period


def default_period(today: date | None = None, latest: str | None = None) -> str:
    """The month a form opens on: ``latest`` (the newest period with data) if any, else last month."""
    today = today or date.today()
    if latest and latest <= month_of(today):
        return latest
    return last_month(today)
