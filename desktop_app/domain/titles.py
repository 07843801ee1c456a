"""Enterprise titles (高新技术企业 …): how long a title holds and when to warn.

A title recognised in year Y with a validity of N years covers Y … Y+N-1.
When the certificate date is known it runs N years from that day (a 高新技术企业
certificate of 2023-11-20 holds to 2026-11-19); with only the year known the
program assumes the end of year Y+N-1, the earlier reading, so a reminder
never comes too late. N = 0 means no expiry rule.
"""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app import i18n
from desktop_app.i18n import QT_TRANSLATE_NOOP

WARN_DAYS = 90  # 004 / PRODUCT.md: warn before a 高新技术企业 certificate expires

VALID = QT_TRANSLATE_NOOP("i18n", "有效")
EXPIRING = QT_TRANSLATE_NOOP("i18n", "即将到期")
EXPIRED = QT_TRANSLATE_NOOP("i18n", "已过期")
PERMANENT = QT_TRANSLATE_NOOP("i18n", "长期")


def valid_until(valid_years: int, year: int, issued_on: date | None = None) -> date | None:
    if valid_years <= 0:
        return None
    if issued_on is not None:
        try:
            end = issued_on.replace(year=issued_on.year + valid_years)
        except ValueError:  # 29 February
            end = date(issued_on.year + valid_years, 3, 1)
        return end - timedelta(days=1)
    return date(year + valid_years - 1, 12, 31)


def expiry_state(until: date | None, at: date, *, warn_days: int = WARN_DAYS) -> tuple[str, int | None]:
    """(state, days left) of a title on ``at``; days left is None without an expiry."""
    if until is None:
        return PERMANENT, None
    left = (until - at).days
    if left < 0:
        return EXPIRED, left
    if left <= warn_days:
        return EXPIRING, left
    return VALID, left


def describe(state: str, left: int | None) -> str:
    if state == EXPIRING:
        return i18n.tr("即将到期（剩 {n} 天）").format(n=left)
    if state == EXPIRED and left is not None:
        return i18n.tr("已过期（{n} 天前）").format(n=-left)
    return i18n.tr(state)
