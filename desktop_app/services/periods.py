"""The period a tab, form or command opens on, read from the ledger (the rule: ``domain.periods``)."""

from __future__ import annotations

from datetime import date

from desktop_app.domain import periods as rule
from desktop_app.errors import ValidationError
from desktop_app.services.ledger import Ledger


def latest_period(ledger: Ledger) -> str | None:
    """The most recent period that has data: progress entries, survey returns or 销号 decisions."""
    row = ledger.conn.execute(
        "SELECT MAX(p) FROM (SELECT MAX(period) AS p FROM progress_entries WHERE deleted_at IS NULL "
        "UNION ALL SELECT MAX(period) FROM surveys WHERE deleted_at IS NULL "
        "UNION ALL SELECT MAX(period) FROM signoffs WHERE deleted_at IS NULL)").fetchone()
    return row[0]


def default_period(ledger: Ledger, today: date | None = None) -> str:
    return rule.default_period(today, latest_period(ledger))


def check_period(value: object, *, today: date | None = None, key: str = "period") -> str:
    """A typed period for a form field: the domain rule, its refusal as a ValidationError on ``key``."""
    try:
        return rule.check_period(value, today)
    except rule.PeriodError as exc:
        raise ValidationError(key, str(exc)) from None
