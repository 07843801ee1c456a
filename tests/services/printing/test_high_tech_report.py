from datetime import date

import pytest

from desktop_app.errors import UserError
from desktop_app.services import printing
from desktop_app.services.enterprises import titles
from desktop_app.services.printing import high_tech
from tests.services.enterprises.helpers import add_enterprise


def test_list_of_a_year_with_renewals_and_expiry(ledger, tmp_path):
    a, b, c = (add_enterprise(ledger, n) for n in (1, 2, 3))
    titles.save(ledger, a, {"title": "高新技术企业", "year": "2020", "cert_no": "GR202014000001",
                            "issued_on": "2020-12-01"})
    titles.save(ledger, a, {"title": "高新技术企业", "year": "2023", "cert_no": "GR202314000002",
                            "issued_on": "2023-11-20"})
    titles.save(ledger, b, {"title": "高新技术企业", "year": "2021", "cert_no": "GR202114000003",
                            "issued_on": "2021-10-15"})                     # runs out 2024-10-14
    titles.save(ledger, c, {"title": "科技型中小企业", "year": "2023"})
    found = high_tech.lines(ledger, 2023, date(2023, 12, 31))
    assert [(x.enterprise, x.cert_no, x.note) for x in found] == [
        ("测试企业1有限公司", "GR202314000002", "重新认定"), ("测试企业2有限公司", "GR202114000003", "")]
    in_2024 = {x.enterprise: x.state for x in high_tech.lines(ledger, 2024, date(2024, 9, 1))}
    assert in_2024["测试企业2有限公司"] == "即将到期（剩 43 天）"
    assert high_tech.lines(ledger, 2025, date(2025, 1, 5))[0].enterprise == "测试企业1有限公司"
    assert len(high_tech.lines(ledger, 2025, date(2025, 1, 5))) == 1
    out = printing.write_report(ledger, "high-tech", "pdf", tmp_path / "h.pdf", {"year": 2023})
    assert out.exists()
    with pytest.raises(UserError, match="不在 1990"):
        printing.write_report(ledger, "high-tech", "pdf", tmp_path / "x.pdf", {"year": date.today().year + 1})
