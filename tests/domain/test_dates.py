from datetime import date

from desktop_app.domain.dates import cn_date, cn_month


def test_chinese_dates_have_no_leading_zeros():
    assert cn_date(date(2026, 1, 5)) == "2026年1月5日"
    assert cn_date("2025-12-31") == "2025年12月31日"
    assert cn_month("2026-01") == "2026年1月"
