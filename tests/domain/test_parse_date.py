from datetime import date

import pytest

from desktop_app.domain.dates import parse_date


@pytest.mark.parametrize("text", ["2024-05-01", "2024.5.1", "2024/5/1", "2024年5月1日", "20240501",
                                  " 2024-5-01 ", "2024年05月01日", "2024-05-01T10:00:00"])
def test_usual_ways_of_writing_a_date(text):
    assert parse_date(text) == date(2024, 5, 1)


@pytest.mark.parametrize("text", ["", "2024-02-30", "2024.13.1", "5/1/2024", "明天", "2024051"])
def test_not_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)
