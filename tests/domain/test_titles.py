from datetime import date

from desktop_app.domain.titles import (
    EXPIRED,
    EXPIRING,
    PERMANENT,
    VALID,
    describe,
    expiry_state,
    valid_until,
)


def test_valid_until():
    assert valid_until(3, 2023, date(2023, 11, 20)) == date(2026, 11, 19)
    assert valid_until(3, 2024, date(2024, 2, 29)) == date(2027, 2, 28)
    assert valid_until(3, 2023) == date(2025, 12, 31)    # year only: the earlier reading
    assert valid_until(1, 2026) == date(2026, 12, 31)
    assert valid_until(0, 2020) is None


def test_expiry_state_warns_ninety_days_ahead():
    until = date(2026, 11, 19)
    assert expiry_state(until, date(2026, 8, 20)) == (VALID, 91)
    assert expiry_state(until, date(2026, 8, 21)) == (EXPIRING, 90)
    assert expiry_state(until, date(2026, 11, 19)) == (EXPIRING, 0)
    assert expiry_state(until, date(2026, 11, 21)) == (EXPIRED, -2)
    assert expiry_state(None, date(2026, 1, 1)) == (PERMANENT, None)
    assert describe(EXPIRING, 12) == "即将到期（剩 12 天）"
    assert describe(EXPIRED, -2) == "已过期（2 天前）"
