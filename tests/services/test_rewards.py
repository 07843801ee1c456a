"""Rewards from the ledger's events: amounts, the highest-only rule, the ledger of payments."""

from datetime import date

import pytest

from desktop_app.domain.codes import uscc_check_char
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import enterprises, platforms, rewards, seed, talent
from desktop_app.services.ledger import create_ledger
from tests.conftest import file_state


@pytest.fixture
def seeded(tmp_path):
    """A 绛县 ledger: the shipped policy (001 附件2) is its own and comes built in."""
    lg = create_ledger(tmp_path / "jiang.sqlite3", unit_name="绛县", level="county", code="140826",
                       parent_name="运城市", operator="测试员")
    seed.load_builtin(lg)
    yield lg
    lg.close()


def _enterprise(ledger, i=0, founded="2010-01-01"):
    body = f"91140521MA0K3F2L{i}"
    return enterprises.save(ledger, {"name": f"示例企业{i}", "uscc": body + uscc_check_char(body),
                                     "founded_on": founded})


def _title(ledger, eid, year, recertified=0):
    with ledger.write() as w:
        return w.insert("enterprise_titles", {"enterprise_id": eid, "title": "高新技术企业", "year": year,
                                              "cert_no": f"GR{year}1400{year % 100}", "issued_on": f"{year}-11-20",
                                              "valid_until": f"{year + 3}-11-19", "recertified": recertified})


def _platform(ledger, eid, kind, level, on, name=None):
    return platforms.save(ledger, {"name": name or f"{level}{kind}", "type": kind, "level": level, "status": "已认定",
                                   "host_enterprise_id": eid, "approved_on": on})


def _award(ledger, key):
    return rewards.award(ledger, key)


def test_policy_is_labelled_with_its_document(seeded):
    info = rewards.policy(seeded)
    assert info.doc_no == "绛办发〔2021〕106号" and info.effective_from == "2021-11-22"
    assert info.caption == "依据绛办发〔2021〕106号附件2《绛县支持科技创新的若干政策》"
    assert len(info.clauses) == 10 and len(rewards.rules(seeded)) == 21


def test_high_tech_certification_new_and_renewed_earn_5(seeded):
    eid = _enterprise(seeded)
    first = _title(seeded, eid, 2022)
    renewed = _title(seeded, eid, 2025)          # no flag, but an earlier title: a re-certification
    a, b = _award(seeded, f"enterprise_titles:{first}"), _award(seeded, f"enterprise_titles:{renewed}")
    assert (a.event.event, a.due) == ("high_tech_new", 5)
    assert (b.event.event, b.due) == ("high_tech_recertified", 5)
    assert [x.event.key for x in rewards.awards(seeded, 2025)] == [f"enterprise_titles:{renewed}"]


@pytest.mark.parametrize(("kind", "level", "amount"), [
    ("重点实验室", "国家级", 20), ("重点实验室", "省级", 10), ("工程技术研究中心", "国家级", 20),
    ("工程技术研究中心", "省级", 10), ("中试基地", "国家级", 20), ("中试基地", "省级", 10),
    ("科技企业孵化器", "国家级", 30), ("科技企业孵化器", "省级", 10), ("众创空间", "国家级", 30),
    ("众创空间", "省级", 10), ("产业技术创新战略联盟", "省级", 10), ("技术转移机构", "国家级", 20),
])
def test_platform_recognised_at_a_level(seeded, kind, level, amount):
    pid = _platform(seeded, _enterprise(seeded), kind, level, "2024-05-06")
    a = _award(seeded, f"platforms:{pid}")
    assert a.due == amount and a.event.year == 2024 and a.status == "due"


def test_what_the_policy_does_not_reward_is_not_listed(seeded):
    eid = _enterprise(seeded, founded="2000-01-01")
    _platform(seeded, eid, "重点实验室", "市级", "2024-05-06")          # below provincial level
    _platform(seeded, eid, "企业技术中心", "省级", "2024-05-06")        # not in the policy
    _platform(seeded, eid, "重点实验室", "省级", "2020-05-06")          # before 2021-11-22
    platforms.save(seeded, {"name": "在建中试基地", "type": "中试基地", "level": "省级", "status": "申报中",
                            "host_enterprise_id": eid})
    assert rewards.awards(seeded) == []


def test_one_project_earns_its_highest_award_once(seeded):
    eid = _enterprise(seeded)
    lab = f"platforms:{_platform(seeded, eid, '重点实验室', '省级', '2024-03-01')}"
    centre = f"platforms:{_platform(seeded, eid, '工程技术研究中心', '国家级', '2024-09-01')}"
    assert sum(a.due for a in rewards.awards(seeded)) == 30            # two projects until grouped
    rewards.group(seeded, [lab, centre])
    assert (_award(seeded, centre).due, _award(seeded, lab).due) == (20, 0)
    assert _award(seeded, lab).status == "superseded"
    with pytest.raises(ValidationError, match="不重复奖励"):
        rewards.record_payment(seeded, lab, {"amount_paid": 10, "paid_on": "2024-12-01"})
    rewards.ungroup(seeded, lab)
    assert _award(seeded, lab).due == 10


def test_grouping_needs_one_enterprise_and_two_items(seeded):
    a = f"platforms:{_platform(seeded, _enterprise(seeded, 0), '众创空间', '省级', '2024-03-01')}"
    b = f"platforms:{_platform(seeded, _enterprise(seeded, 1), '众创空间', '省级', '2024-03-01', '另一众创空间')}"
    with pytest.raises(UserError, match="同一企业"):
        rewards.group(seeded, [a, b])
    with pytest.raises(UserError, match="两项或以上"):
        rewards.group(seeded, [a])


def test_paid_lower_award_then_higher_one_is_topped_up(seeded):
    eid = _enterprise(seeded)
    provincial = f"platforms:{_platform(seeded, eid, '科技企业孵化器', '省级', '2022-06-01')}"
    rewards.record_payment(seeded, provincial, {"amount_paid": 10, "paid_on": "2022-12-15", "note": "县财政拨付"})
    national = f"platforms:{_platform(seeded, eid, '科技企业孵化器', '国家级', '2025-06-01', '国家级孵化器')}"
    rewards.group(seeded, [national, provincial])
    top = _award(seeded, national)
    assert top.due == 30 - 10 and "已按较低等次发放 10 万元" in top.note   # 国家级 30, 省级 10 already paid
    assert top.outstanding == 20
    with pytest.raises(ValidationError, match="超过应奖金额 20 万元"):
        rewards.record_payment(seeded, national, {"amount_paid": 25, "paid_on": "2025-12-01"})
    rewards.record_payment(seeded, national, {"amount_paid": 20, "paid_on": "2025-12-01"})
    assert sum(a.paid for a in rewards.awards(seeded)) == 30


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"amount_paid": "-5", "paid_on": "2024-12-01"}, "amount_paid", "不能小于 0"),
    ({"amount_paid": "五万", "paid_on": "2024-12-01"}, "amount_paid", "应为数字"),
    ({"amount_paid": "5"}, "paid_on", "请填写发放日期"),
    ({"amount_paid": "5", "paid_on": "2099-01-01"}, "paid_on", "晚于今天"),
    ({"amount_paid": "6", "paid_on": "2024-12-01"}, "amount_paid", "超过应奖金额 5 万元"),
])
def test_bad_payment_is_refused_and_nothing_saved(seeded, values, field, message):
    key = f"enterprise_titles:{_title(seeded, _enterprise(seeded), 2024)}"
    before = file_state(seeded.path)
    with pytest.raises(ValidationError) as err:
        rewards.record_payment(seeded, key, values)
    assert err.value.field == field and message in str(err.value)
    assert file_state(seeded.path) == before
    assert seeded.conn.execute("SELECT COUNT(*) FROM reward_records").fetchone()[0] == 0


def test_payment_ledger(seeded):
    key = f"enterprise_titles:{_title(seeded, _enterprise(seeded), 2024)}"
    rewards.record_payment(seeded, key, {"amount_paid": "5", "paid_on": "2024-12-20", "note": "绛财预〔2024〕8号"})
    row = seeded.conn.execute("SELECT amount_due, amount_paid, paid_on, note, event_table, year "
                              "FROM reward_records").fetchone()
    assert tuple(row) == (5, 5, "2024-12-20", "绛财预〔2024〕8号", "enterprise_titles", 2024)
    a = _award(seeded, key)
    assert a.outstanding == 0 and a.decision.paid_on == "2024-12-20"


def test_case_by_case_talent_award_needs_an_amount_first(seeded):
    tid = talent.save(seeded, {"name": "孙文博", "high_level": True, "high_level_tier": "市级高层次人才",
                               "employer": "某研究院", "intro_date": "2024-01-10"})
    key = f"talent:{tid}"
    a = _award(seeded, key)
    assert a.status == "pending" and a.event.enterprise == "某研究院"
    with pytest.raises(ValidationError, match="请先核定金额"):
        rewards.record_payment(seeded, key, {"amount_paid": 1, "paid_on": "2024-12-01"})
    with pytest.raises(ValidationError, match="核定金额不能为负数"):
        rewards.set_amount(seeded, key, {"approved_amount": "-1"})
    rewards.set_amount(seeded, key, {"approved_amount": "20", "note": "按运发〔2017〕38号核定"})
    a = _award(seeded, key)
    assert (a.status, a.due, a.decision.note) == ("due", 20, "按运发〔2017〕38号核定")
    rewards.set_amount(seeded, key, {"approved_amount": ""})
    assert _award(seeded, key).status == "pending"


def test_reasoned_refusal_of_a_fixed_award(seeded):
    key = f"platforms:{_platform(seeded, _enterprise(seeded), '重点实验室', '省级', '2024-03-01')}"
    with pytest.raises(ValidationError, match="请在备注中写明理由"):
        rewards.set_amount(seeded, key, {"approved_amount": "0"})
    with pytest.raises(ValidationError, match="超过政策标准 10 万元"):
        rewards.set_amount(seeded, key, {"approved_amount": "12", "note": "多"})
    rewards.set_amount(seeded, key, {"approved_amount": "0", "note": "非在绛县新设立"})
    a = _award(seeded, key)
    assert (a.status, a.due) == ("declined", 0)


def test_manual_items_for_what_the_ledger_cannot_see(seeded):
    rule = next(r for r in rewards.rules(seeded) if r.event == "tech_transfer_deal")
    eid = _enterprise(seeded)
    base = {"rule_id": rule.id, "year": 2025, "enterprise_id": eid, "description": "砂型3D打印成果转化"}
    with pytest.raises(ValidationError, match="超过政策标准 5 万元"):
        rewards.add_manual(seeded, {**base, "approved_amount": "8"})
    with pytest.raises(ValidationError, match="不在政策施行以来"):
        rewards.add_manual(seeded, {**base, "year": 2019})
    with pytest.raises(ValidationError, match="请选择受奖企业或填写受奖单位"):
        rewards.add_manual(seeded, {**base, "enterprise_id": None})
    key = rewards.add_manual(seeded, {**base, "approved_amount": "3"})
    a = _award(seeded, key)
    assert (a.event.enterprise, a.due, a.event.subject) == ("示例企业0", 3, "砂型3D打印成果转化")
    other = rewards.add_manual(seeded, {**base, "enterprise_id": None, "holder": "太原理工大学",
                                        "rule_id": next(r.id for r in rewards.rules(seeded)
                                                        if r.event == "university_institute")})
    assert _award(seeded, other).event.enterprise == "太原理工大学"
    rewards.record_payment(seeded, key, {"amount_paid": 3, "paid_on": date.today().isoformat()})
    with pytest.raises(UserError, match="已登记发放"):
        rewards.delete_manual(seeded, key)
    rewards.delete_manual(seeded, other)
    with pytest.raises(UserError):
        rewards.award(seeded, other)
    title_key = f"enterprise_titles:{_title(seeded, eid, 2024)}"
    with pytest.raises(UserError, match="不能删除"):
        rewards.delete_manual(seeded, title_key)


def test_demo_rewards_show_grouping_and_payments(demo_ledger):
    found = rewards.awards(demo_ledger)
    states = {a.event.subject: a for a in found}
    lab = states["山西省煤层气储层改造重点实验室"]
    centre = states["山西省煤层气高效开发工程技术研究中心"]
    assert (lab.status, centre.status, centre.paid) == ("superseded", "due", 10)
    since = rewards.policy(demo_ledger).effective_from
    assert since and all((a.event.on or "9999") >= since for a in found)
    assert any(a.status == "pending" for a in found)
