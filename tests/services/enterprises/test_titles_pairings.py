from datetime import date, timedelta

import pytest

from desktop_app.errors import ValidationError
from desktop_app.services.enterprises import pairings, titles
from desktop_app.services.listing import ListQuery, ListSource
from tests.conftest import file_state
from tests.services.enterprises.helpers import add_enterprise


def test_high_tech_title_needs_certificate_and_gets_expiry(ledger):
    eid = add_enterprise(ledger, 1)
    before = file_state(ledger.path)
    for values, field, words in (
        ({"title": "高新技术企业", "year": "2023"}, "cert_no", "请填写证书编号"),
        ({"title": "高新技术企业", "year": "2023", "cert_no": "GR2023-14"}, "cert_no", "GR 加 12 位数字"),
        ({"title": "专精特新", "year": "2023"}, "level", "省级、市级"),
        ({"title": "科技型中小企业", "year": "二〇二三"}, "year", "应为整数"),
        ({"title": "科技型中小企业", "year": str(date.today().year + 1)}, "year", "认定年度应在"),
        ({"title": "优秀企业", "year": "2023"}, "title", "不在可选范围内"),
        ({"title": "高新技术企业", "year": "2023", "cert_no": "GR202314000123", "issued_on": "2022-12-01"},
         "issued_on", "不在认定年度"),
    ):
        with pytest.raises(ValidationError) as err:
            titles.save(ledger, eid, values)
        assert err.value.field == field and words in str(err.value)
    assert file_state(ledger.path) == before
    tid = titles.save(ledger, eid, {"title": "高新技术企业", "year": "2023", "cert_no": "gr202314000123",
                                    "issued_on": "2023-11-20"})
    t = titles.get(ledger, tid)
    assert (t.cert_no, t.valid_until) == ("GR202314000123", "2026-11-19")
    with pytest.raises(ValidationError, match="已登记"):
        titles.save(ledger, eid, {"title": "高新技术企业", "year": "2023", "cert_no": "GR202314000124"})
    lvl = titles.save(ledger, eid, {"title": "专精特新", "level": "省级", "year": "2024"})
    assert titles.get(ledger, lvl).display == "专精特新（省级）" and titles.get(ledger, lvl).valid_until is None


def test_expiring_skips_renewed_titles(ledger):
    today = date.today()
    a, b = add_enterprise(ledger, 1), add_enterprise(ledger, 2)
    soon = today + timedelta(days=30)
    with ledger.write() as w:
        for eid, until in ((a, soon), (b, soon), (b, soon.replace(year=soon.year + 3))):
            w.insert("enterprise_titles", {"enterprise_id": eid, "title": "高新技术企业", "year": until.year - 3,
                                           "cert_no": "GR202014000001", "valid_until": until.isoformat()})
    found = titles.expiring(ledger, today)
    assert [(x.enterprise, x.days_left) for x in found] == [("测试企业1有限公司", 30)]


def test_pairings_and_list_filters(ledger):
    from desktop_app.services.enterprises import enterprise_list

    a, b = add_enterprise(ledger, 1), add_enterprise(ledger, 2)
    with pytest.raises(ValidationError, match="请填写帮扶单位"):
        pairings.save(ledger, a, {"helper_unit": " "})
    with pytest.raises(ValidationError, match="不在可选范围内"):
        pairings.save(ledger, a, {"helper_unit": "县工信局", "mode": "一对一"})
    pid = pairings.save(ledger, a, {"helper_unit": "县工信局", "work_group": "张三（科级）、李四、王五",
                                    "expert_team": "太原理工大学煤层气团队", "mode": "一帮一", "since": "2024-03-01"})
    assert pairings.get(ledger, pid).expert_team == "太原理工大学煤层气团队"
    titles.save(ledger, b, {"title": "科技型中小企业", "year": str(date.today().year)})
    enterprise_list.prepare(ledger, None)
    src = ListSource(ledger, enterprise_list.LIST)

    def names(**filters):
        ids = src.rowids(ListQuery(filters=filters))
        return [src.rows(ids)[i][0] for i in ids]

    assert names(helper="县工信局") == ["测试企业1有限公司"]
    assert names(helper=enterprise_list.NO_HELPER) == ["测试企业2有限公司"]
    assert names(title="科技型中小企业") == ["测试企业2有限公司"]
    row = src.rows(src.rowids(ListQuery(search="测试企业1")))
    keys = src.keys
    only = next(iter(row.values()))
    assert only[keys.index("helpers")] == "县工信局" and only[keys.index("state")] == "未开展"
    assert pairings.used_helper_units(ledger) == ["县工信局"]
    pairings.delete(ledger, pid)
    assert names(helper=enterprise_list.NO_HELPER) == ["测试企业1有限公司", "测试企业2有限公司"]


def test_one_title_on_date_rule_for_counts_list_and_high_tech_form(ledger):
    from desktop_app.services import metrics
    from desktop_app.services.printing import high_tech

    conn = ledger.conn
    eid = add_enterprise(ledger, 1)
    with ledger.write() as w:
        w.insert("enterprise_titles", {"enterprise_id": eid, "title": titles.HIGH_TECH, "level": "国家级",
                                       "year": 2023, "cert_no": "GR202314000123", "issued_on": "2023-11-20",
                                       "valid_until": "2026-11-19", "recertified": 0})
    for at, holds in ((date(2022, 12, 31), False), (date(2023, 1, 1), True), (date(2026, 11, 19), True),
                      (date(2026, 11, 20), False)):
        assert metrics.enterprise_title_count(ledger, titles.HIGH_TECH, at=at) == int(holds)
        n = conn.execute(f"SELECT COUNT(*) FROM enterprise_titles t WHERE {titles.held_sql('t', '?')}",
                         (at.isoformat(), at.isoformat())).fetchone()[0]
        assert n == int(holds)
    assert [x.cert_no for x in high_tech.lines(ledger, 2026, date(2026, 12, 31))] == ["GR202314000123"]
    assert high_tech.lines(ledger, 2022, date(2022, 12, 31)) == []
