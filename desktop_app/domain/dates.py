"""Dates as a Chinese document writes them: 2026年1月5日 (no leading zeros)."""

from __future__ import annotations

import re
from datetime import date

from desktop_app import i18n


def cn_date(day: date | str) -> str:
    """``day`` (a date or "YYYY-MM-DD") as 2026年1月5日."""
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return i18n.tr("{y}年{m}月{d}日").format(y=day.year, m=day.month, d=day.day)


def cn_month(period: str) -> str:
    """A period "YYYY-MM" as 2026年1月."""
    y, m = period.split("-")[:2]
    return i18n.tr("{y}年{m}月").format(y=int(y), m=int(m))


_DATE_FORMS = (
    re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(text: str) -> date:
    """A date as people type it: 2024-05-01, 2024.5.1, 2024/5/1, 2024年5月1日, 20240501.

    Raises ValueError for anything else (or an impossible day such as 2024-02-30).
    """
    raw = str(text).strip().replace("／", "/").replace("．", ".").replace("－", "-")
    raw = raw.split("T")[0].split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", raw) else raw
    for form in _DATE_FORMS:
        m = form.match(raw)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise ValueError(f"not a date: {text!r}")
