"""Dates as a Chinese document writes them: 2026年1月5日 (no leading zeros)."""

from __future__ import annotations

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
