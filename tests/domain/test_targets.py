"""The on-track rule, completion and the year's target, table-driven."""

import pytest

from desktop_app.domain.targets import (
    AT_LEAST,
    AT_MOST,
    EXACTLY,
    Milestone,
    Plan,
    completion,
    milestone_for,
    on_track,
    required_value,
    rule_text,
    status_label,
)

# 002: 高新技术企业 8 (2020) → 13 (2025)
HIGH_TECH = Plan((Milestone(2025, 13),), AT_LEAST, baseline_year=2020, baseline_value=8)
# 000: 专精特新 3 by 2020, 10 by 2023, no baseline; document of 2020
SPECIALISED = Plan((Milestone(2020, 3), Milestone(2023, 10)), AT_LEAST, start_year=2020)
# 000: 高新技术企业 10 by 2023, no baseline, document of 2020
NO_BASELINE = Plan((Milestone(2023, 10),), AT_LEAST, start_year=2020)
# a falling target: energy use 100 (2020) → at most 80 (2025)
FALLING = Plan((Milestone(2025, 80),), AT_MOST, baseline_year=2020, baseline_value=100)
ANNUAL = Plan((Milestone(2025, 1000),), AT_LEAST, start_year=2023, annual=True)
COVERAGE = Plan((Milestone(2020, 100),), EXACTLY, start_year=2020)


@pytest.mark.parametrize(("plan", "year", "required"), [
    (HIGH_TECH, 2020, 8),            # the baseline year itself
    (HIGH_TECH, 2021, 9),            # one fifth of the way
    (HIGH_TECH, 2023, 11),
    (HIGH_TECH, 2025, 13),           # target year: the target
    (HIGH_TECH, 2026, 13),           # after: still the last target
    (HIGH_TECH, 2019, 8),            # before the plan began: the starting value
    (SPECIALISED, 2020, 3),
    (SPECIALISED, 2021, 3 + 7 / 3),  # from the earlier milestone, not from zero
    (SPECIALISED, 2022, 3 + 14 / 3),
    (SPECIALISED, 2023, 10),
    (NO_BASELINE, 2021, 10 / 3),     # from (document year, 0)
    (NO_BASELINE, 2020, 0),
    (FALLING, 2021, 96),
    (FALLING, 2025, 80),
    (ANNUAL, 2023, 1000),            # "每年": the full value every year
    (ANNUAL, 2024, 1000),
    (COVERAGE, 2020, 100),
])
def test_required_value(plan, year, required):
    assert required_value(plan, year) == pytest.approx(required)


@pytest.mark.parametrize(("plan", "year", "actual", "expected"), [
    (HIGH_TECH, 2023, 11, True),     # exactly on the line
    (HIGH_TECH, 2023, 10, False),    # behind the line
    (HIGH_TECH, 2023, 12, True),
    (HIGH_TECH, 2025, 12, False),    # target year: must reach the target
    (HIGH_TECH, 2025, 13, True),
    (HIGH_TECH, 2026, 12, False),    # past the target year
    (HIGH_TECH, 2023, None, None),   # no actual, no verdict
    (SPECIALISED, 2021, 5, False),   # 5 < 5.33
    (SPECIALISED, 2021, 6, True),
    (NO_BASELINE, 2021, 4, True),
    (FALLING, 2021, 97, False),      # at most 96 in 2021
    (FALLING, 2021, 95, True),
    (FALLING, 2025, 80, True),
    (FALLING, 2025, 80.5, False),
    (ANNUAL, 2024, 999, False),
    (ANNUAL, 2024, 1200, True),
    (COVERAGE, 2020, 100, True),
    (COVERAGE, 2020, 99.99, False),  # "exactly": equal once due
    (COVERAGE, 2022, 100.0000001, True),
    (Plan((), AT_LEAST, start_year=2020), 2022, 5, None),  # a baseline-only figure
])
def test_on_track(plan, year, actual, expected):
    assert on_track(plan, year, actual) is expected


def test_exactly_before_target_year_is_judged_as_rising():
    plan = Plan((Milestone(2025, 100),), EXACTLY, baseline_year=2020, baseline_value=50)
    assert on_track(plan, 2021, 60) is True
    assert on_track(plan, 2021, 59) is False


@pytest.mark.parametrize(("plan", "year", "actual", "expected"), [
    (HIGH_TECH, 2023, 10, 10 / 13),   # against the year's target, not the line
    (HIGH_TECH, 2025, 13, 1.0),
    (HIGH_TECH, 2025, 26, 2.0),       # no cap
    (FALLING, 2025, 100, 0.8),
    (FALLING, 2025, 0, 1.0),
    (HIGH_TECH, 2025, None, None),
    (Plan((Milestone(2025, 0),), AT_LEAST), 2025, 3, None),
])
def test_completion(plan, year, actual, expected):
    result = completion(plan, year, actual)
    assert result == (pytest.approx(expected) if expected is not None else None)


def test_milestone_for_year():
    assert milestone_for(SPECIALISED, 2019) == Milestone(2020, 3)
    assert milestone_for(SPECIALISED, 2021) == Milestone(2023, 10)
    assert milestone_for(SPECIALISED, 2030) == Milestone(2023, 10)
    assert milestone_for(Plan(()), 2024) is None


def test_status_words_and_printed_rule():
    assert status_label(True, HIGH_TECH, 2025) == "达标"
    assert status_label(False, HIGH_TECH, 2025) == "未达标"
    assert status_label(True, HIGH_TECH, 2023) == "达到进度"
    assert status_label(False, HIGH_TECH, 2023) == "滞后"
    assert status_label(None, HIGH_TECH, 2023) == ""
    assert "完成率 = 实际值 ÷ 目标值" in rule_text() and "起点值按 0 计" in rule_text()
