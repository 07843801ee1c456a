"""The one period rule: the forms a clerk types, and the month a form opens on."""

from datetime import date

import pytest

from desktop_app.domain import periods

TODAY = date(2026, 3, 15)


@pytest.mark.parametrize("text", ["2026-01", "2026-1", "2026/01", "2026/1", "2026.1", "2026.01",
                                  "2026年1月", "2026年01月", " 2026 年 1 月 ", "202601"])
def test_every_form_a_clerk_types_is_one_period(text):
    assert periods.parse_period(text) == "2026-01"


@pytest.mark.parametrize("text, message", [
    ("", "请填写报送期（如 2026-10）"),
    ("2026-13", "报送期“2026-13”格式不对，应为 年-月，如 2026-10"),
    ("2026-00", "报送期“2026-00”格式不对，应为 年-月，如 2026-10"),
    ("26-01", "报送期“26-01”格式不对，应为 年-月，如 2026-10"),
    ("2026-01-05", "报送期“2026-01-05”格式不对，应为 年-月，如 2026-10"),
    ("一月", "报送期“一月”格式不对，应为 年-月，如 2026-10"),
])
def test_anything_else_is_refused_in_one_sentence(text, message):
    with pytest.raises(periods.PeriodError) as err:
        periods.parse_period(text)
    assert str(err.value) == message


def test_a_month_to_come_is_refused_the_current_one_is_not():
    assert periods.check_period("2026/3", TODAY) == "2026-03"
    with pytest.raises(periods.PeriodError, match="报送期 2026-04 在将来"):
        periods.check_period("2026年4月", TODAY)


def test_default_is_the_latest_with_data_else_last_month():
    assert periods.default_period(TODAY) == "2026-02"
    assert periods.default_period(date(2026, 1, 5)) == "2025-12"
    assert periods.default_period(TODAY, "2025-11") == "2025-11"
    assert periods.default_period(TODAY, "2026-09") == "2026-02"  # a stray future period is ignored
