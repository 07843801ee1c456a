from datetime import date

import pytest

from desktop_app.domain.ranking import (
    BEHIND,
    DONE,
    NOT_STARTED,
    ON_TRACK,
    UnitStats,
    rank_units,
    rule_text,
    task_state,
)
from desktop_app.domain.schedule import check_entry

TODAY = date(2026, 11, 21)


def stats(unit, due, on_time, done=0, behind=0, missing=0, days_late=0, order=0):
    return UnitStats(unit=unit, due=due, on_time=on_time, late=due - on_time - missing, missing=missing,
                     days_late=days_late, done=done, behind=behind, order=order)


@pytest.mark.parametrize("rows, expect", [
    # on-time rate decides first
    ([stats("甲", 4, 2), stats("乙", 4, 4)], [("乙", 1), ("甲", 2)]),
    # equal on-time rate (2/4 = 1/2): completion rate next
    ([stats("甲", 4, 2, done=1), stats("乙", 2, 1, done=1)], [("乙", 1), ("甲", 2)]),
    # equal rates: fewer lagging (滞后 + missing) first
    ([stats("甲", 2, 1, behind=1), stats("乙", 2, 1)], [("乙", 1), ("甲", 2)]),
    # then fewer days late
    ([stats("甲", 2, 1, days_late=9), stats("乙", 2, 1, days_late=3)], [("乙", 1), ("甲", 2)]),
    # equal on all four: shared place, then the next place skips (1, 1, 3)
    ([stats("甲", 2, 2, order=2), stats("乙", 2, 2, order=1), stats("丙", 2, 0, missing=2, days_late=4)],
     [("乙", 1), ("甲", 1), ("丙", 3)]),
    # a unit with nothing due is not ranked
    ([stats("甲", 0, 0), stats("乙", 1, 1)], [("乙", 1)]),
    # exact fractions: 1/3 and 2/6 tie
    ([stats("甲", 3, 1, order=1), stats("乙", 6, 2, order=2)], [("甲", 1), ("乙", 1)]),
])
def test_rank_units(rows, expect):
    ranked = rank_units(rows)
    assert [(r.stats.unit, r.rank) for r in ranked] == expect
    places = [r.rank for r in ranked]
    assert all(r.tied == (places.count(r.rank) > 1) for r in ranked)


def test_stats_count_entries():
    s = UnitStats("县教育局")
    s.add(check_entry("2026-10", date(2026, 10, 30), TODAY), DONE)
    s.add(check_entry("2026-10", date(2026, 11, 5), TODAY), ON_TRACK)
    s.add(check_entry("2026-10", None, TODAY), None)
    s.add(check_entry("2026-10", date(2026, 11, 1), TODAY), BEHIND)
    assert (s.due, s.on_time, s.late, s.missing, s.submitted) == (4, 2, 1, 1, 3)
    assert s.days_late == 4 + 20
    assert (s.done, s.on_track, s.behind, s.lagging) == (1, 1, 1, 2)
    assert float(s.on_time_rate) == 0.5 and float(s.completion_rate) == 0.25


@pytest.mark.parametrize("statuses, missing, expect", [
    ([DONE, DONE], [False, False], DONE),
    ([DONE, ON_TRACK], [False, False], ON_TRACK),
    ([DONE, BEHIND], [False, False], BEHIND),
    ([DONE, None], [False, True], BEHIND),             # a unit has not reported after the due date
    ([NOT_STARTED, NOT_STARTED], [False, False], NOT_STARTED),
    ([NOT_STARTED, ON_TRACK], [False, False], ON_TRACK),
    ([None], [False], ON_TRACK),                       # not yet due
])
def test_task_state(statuses, missing, expect):
    assert task_state(statuses, missing) == expect


def test_rule_text_names_every_criterion():
    text = rule_text()
    for word in ("按时报送率", "完成率", "滞后项数", "累计逾期天数", "并列", "次月1日"):
        assert word in text
