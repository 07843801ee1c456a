from datetime import date

import pytest

from desktop_app.domain.schedule import (
    CLOSE,
    LATE,
    MISSING,
    MONTHLY,
    ON_TIME,
    PENDING,
    PLAN,
    PROGRESS,
    OfficeRule,
    add_months,
    check_entry,
    countdown_text,
    due_date,
    shift_period,
    supervision_schedule,
    supervision_state,
)

D = date
MOVE = OfficeRule(weekend_to_monday=True)
MOVE_HOLIDAYS = OfficeRule(weekend_to_monday=True, holidays=frozenset({D(2026, 10, 1), D(2026, 10, 2)}))


@pytest.mark.parametrize("period, rule, due", [
    ("2026-01", None, D(2026, 2, 1)),          # the 1st of the next month (a Sunday: stays)
    ("2026-10", None, D(2026, 11, 1)),         # Sunday, office keeps the 1st
    ("2026-10", MOVE, D(2026, 11, 2)),         # Sunday → Monday with the office setting
    ("2025-02", None, D(2025, 3, 1)),          # Saturday stays by default
    ("2025-02", MOVE, D(2025, 3, 3)),          # Saturday → Monday
    ("2026-12", None, D(2027, 1, 1)),          # year end
    ("2026-12", MOVE, D(2027, 1, 1)),          # a Friday: nothing to move
    ("2024-01", None, D(2024, 2, 1)),          # leap year: February is not special for the monthly rule
    ("2024-02", None, D(2024, 3, 1)),          # leap-year February still due on 3-1
    ("2023-02", None, D(2023, 3, 1)),
    ("2026-09", MOVE_HOLIDAYS, D(2026, 10, 5)),  # 10-1 holiday, 10-2 holiday, 10-3/4 weekend
    ("2026-09", None, D(2026, 10, 1)),           # without the setting the holiday list is ignored
])
def test_monthly_due(period, rule, due):
    assert due_date(MONTHLY, period, rule=rule) == due


@pytest.mark.parametrize("start, months, expect", [
    (D(2024, 1, 31), 1, D(2024, 2, 29)),   # leap year
    (D(2023, 1, 31), 1, D(2023, 2, 28)),
    (D(2026, 3, 31), 1, D(2026, 4, 30)),   # month end
    (D(2026, 12, 15), 1, D(2027, 1, 15)),
    (D(2026, 5, 10), -5, D(2025, 12, 10)),
])
def test_add_months(start, months, expect):
    assert add_months(start, months) == expect


@pytest.mark.parametrize("assigned, major, timeline, rule, plan, progress, close", [
    # ordinary item: plan same day, progress 3 days, closed 7 days
    (D(2026, 11, 2), False, None, None, D(2026, 11, 2), D(2026, 11, 5), D(2026, 11, 9)),
    # across a month end
    (D(2026, 11, 27), False, None, None, D(2026, 11, 27), D(2026, 11, 30), D(2026, 12, 4)),
    # major item: one month
    (D(2026, 11, 2), True, None, None, D(2026, 11, 2), D(2026, 11, 5), D(2026, 12, 2)),
    # major item assigned on a month's 31st, leap and common year
    (D(2024, 1, 31), True, None, None, D(2024, 1, 31), D(2024, 2, 3), D(2024, 2, 29)),
    (D(2023, 1, 31), True, None, None, D(2023, 1, 31), D(2023, 2, 3), D(2023, 2, 28)),
    # major item with a written timeline: the timeline wins
    (D(2026, 11, 2), True, D(2027, 3, 31), None, D(2026, 11, 2), D(2026, 11, 5), D(2027, 3, 31)),
    # a timeline means nothing for an ordinary item
    (D(2026, 11, 2), False, D(2027, 3, 31), None, D(2026, 11, 2), D(2026, 11, 5), D(2026, 11, 9)),
    # weekend rule: assigned Saturday 11-21 → plan Monday, progress 11-24 (Tue), close 11-28 Sat → 11-30
    (D(2026, 11, 21), False, None, MOVE, D(2026, 11, 23), D(2026, 11, 24), D(2026, 11, 30)),
])
def test_13710_schedule(assigned, major, timeline, rule, plan, progress, close):
    s = supervision_schedule(assigned, major=major, timeline=timeline, rule=rule)
    assert (s.plan, s.progress, s.close) == (plan, progress, close)
    assert due_date(CLOSE, assigned, major=major, timeline=timeline, rule=rule) == close


@pytest.mark.parametrize("period, submitted, today, state, late, left", [
    ("2026-10", D(2026, 10, 28), D(2026, 11, 21), ON_TIME, 0, 0),
    ("2026-10", D(2026, 11, 1), D(2026, 11, 21), ON_TIME, 0, 0),     # on the 1st is on time
    ("2026-10", D(2026, 11, 4), D(2026, 11, 21), LATE, 3, 0),
    ("2026-10", None, D(2026, 11, 21), MISSING, 20, 0),
    ("2026-10", None, D(2026, 11, 1), PENDING, 0, 0),                # due today
    ("2026-11", None, D(2026, 11, 21), PENDING, 0, 10),
    ("2024-02", None, D(2024, 3, 2), MISSING, 1, 0),
])
def test_entry_check(period, submitted, today, state, late, left):
    c = check_entry(period, submitted, today)
    assert (c.state, c.days_late, c.days_left) == (state, late, left)
    assert c.flagged is (state in (LATE, MISSING))


def test_entry_check_follows_the_office_rule():
    # 2026-10 is due Sunday 11-01; reported Monday 11-02
    assert check_entry("2026-10", D(2026, 11, 2), D(2026, 11, 21)).state == LATE
    assert check_entry("2026-10", D(2026, 11, 2), D(2026, 11, 21), MOVE).state == ON_TIME


def test_texts():
    assert check_entry("2026-10", D(2026, 11, 4), D(2026, 11, 21)).text == "逾期 3 天报送"
    assert check_entry("2026-10", None, D(2026, 11, 21)).text == "未报送（逾期 20 天）"
    assert check_entry("2026-11", None, D(2026, 11, 21)).text == "未到期（还剩 10 天）"
    assert countdown_text(D(2026, 11, 21), D(2026, 11, 21)) == "今天到期"
    assert countdown_text(D(2026, 11, 19), D(2026, 11, 21)) == "逾期 2 天"


@pytest.mark.parametrize("done, today, step, left, late", [
    ({}, D(2026, 11, 2), PLAN, 0, ()),
    ({PLAN: D(2026, 11, 2)}, D(2026, 11, 3), PROGRESS, 2, ()),
    ({PLAN: D(2026, 11, 3)}, D(2026, 11, 3), PROGRESS, 2, (PLAN,)),            # plan a day late
    ({PLAN: D(2026, 11, 2), PROGRESS: D(2026, 11, 4)}, D(2026, 11, 10), CLOSE, -1, (CLOSE,)),
    ({PLAN: D(2026, 11, 2), PROGRESS: D(2026, 11, 4), CLOSE: D(2026, 11, 8)}, D(2026, 12, 1), None, 0, ()),
    ({CLOSE: D(2026, 11, 3)}, D(2026, 12, 1), None, 0, ()),                      # closed at once
])
def test_supervision_state(done, today, step, left, late):
    s = supervision_schedule(D(2026, 11, 2), major=False)
    st = supervision_state(s, done, today)
    assert (st.step, st.days_left, st.late_steps) == (step, left, late)
    assert st.closed is (step is None)


@pytest.mark.parametrize("period, n, expect", [
    ("2026-01", -1, "2025-12"), ("2026-12", 1, "2027-01"), ("2026-06", -18, "2024-12"),
])
def test_shift_period(period, n, expect):
    assert shift_period(period, n) == expect


def test_bad_period():
    with pytest.raises(ValueError):
        due_date(MONTHLY, "2026-13")
