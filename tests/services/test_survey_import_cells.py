"""What people type into a number cell of the survey, read as the number they meant."""

import pytest

from desktop_app.services.survey_import_cells import key, number_text, period_of


@pytest.mark.parametrize("raw, integer, want", [
    ("1,234.5", False, "1234.5"), ("１２万元", False, "12"), ("12万元", False, "12"), (" 40.25 ", False, "40.25"),
    ("１２", True, 12), ("3人", True, 3), (12.0, True, 12), (12.5, False, 12.5), (None, False, ""),
    ("", True, ""), ("一百万", False, "一百万"), ("-5", True, "-5"), ("1，000", False, "1000")])
def test_number_text(raw, integer, want):
    assert number_text(raw, integer) == want


@pytest.mark.parametrize("raw", ["1e999", float("inf"), float("nan"), "nan", True])
def test_no_number_at_all(raw):
    with pytest.raises(ValueError):
        number_text(raw, False)


def test_key_and_period():
    assert key(" 期末机构数（个）\u3000") == key("期末机构数(个)")
    assert period_of("报送期：2026年10月") == "2026-10" and period_of("２０２６年３月") == "2026-03"
    assert period_of("十月") is None
