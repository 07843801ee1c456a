"""Reward rules straight from 绛办发〔2021〕106号 附件2, and the highest-only rule."""

import pytest

from desktop_app.domain.rewards import (
    DECLINED,
    DUE,
    PENDING,
    SUPERSEDED,
    Decision,
    Event,
    Rule,
    approved_amount_error,
    match_rule,
    settle,
)
from desktop_app.services import seed


def _rules() -> list[Rule]:
    out = []
    for policy in seed.rewards()["policy"]:
        for i, a in enumerate(policy.get("award", [])):
            out.append(Rule(f"{policy['seq']}-{i}", policy["seq"], policy["title"], a["event"], a.get("level", ""),
                            a.get("amount_wan"), bool(a.get("case_by_case")), bool(a.get("max"))))
    return out


RULES = _rules()


def ev(key, event, level="", *, year=2025, on=None, ent="e1", project="", subject=None):
    return Event(key, ent, "沁水县示例公司", event, level, year, on or f"{year}-06-01", subject or key, project)


@pytest.mark.parametrize(("event", "level", "amount", "policy"), [
    ("high_tech_new", "", 5, 1),                 # 新认定的高新技术企业 … 5 万元
    ("high_tech_recertified", "", 5, 1),         # 三年一度重新认定 … 5 万元
    ("key_lab", "国家级", 20, 2),                 # 国家级、省级重点实验室 … 20 万元、10 万元
    ("key_lab", "省级", 10, 2),
    ("engineering_center", "国家级", 20, 2),      # 工程技术研究中心
    ("engineering_center", "省级", 10, 2),
    ("pilot_base", "国家级", 20, 2),              # 中试基地
    ("pilot_base", "省级", 10, 2),
    ("alliance", "国家级", 20, 3),
    ("alliance", "省级", 10, 3),
    ("tech_transfer_institution", "国家级", 20, 7),
    ("tech_transfer_institution", "省级", 10, 7),
    ("incubator", "国家级", 30, 8),               # 国家级科技企业孵化器、众创空间 … 30 万元
    ("incubator", "省级", 10, 8),
    ("maker_space", "国家级", 30, 8),
    ("maker_space", "省级", 10, 8),
])
def test_rule_amounts_from_the_policy_text(event, level, amount, policy):
    rule = match_rule(event, level, RULES)
    assert rule is not None and rule.amount == amount and rule.policy_seq == policy
    text = next(p["text"] for p in seed.rewards()["policy"] if p["seq"] == policy)
    assert f"{amount} 万元" in text
    [award] = settle([(ev("x", event, level), rule, Decision())])
    assert award.status == DUE and award.due == amount and award.outstanding == amount


def test_no_rule_below_provincial_level():
    assert match_rule("key_lab", "市级", RULES) is None
    assert match_rule("incubator", "县级", RULES) is None


@pytest.mark.parametrize("event", ["major_project", "university_institute", "high_level_talent"])
def test_case_by_case_items_wait_for_a_manual_amount(event):
    rule = match_rule(event, "", RULES)
    assert rule.case_by_case and rule.standard_text() == "一事一议"
    [award] = settle([(ev("x", event), rule, Decision())])
    assert award.status == PENDING and award.due == 0 and "一事一议" in award.note
    [award] = settle([(ev("x", event), rule, Decision(approved=12.5))])
    assert award.status == DUE and award.due == 12.5


def test_up_to_items_need_an_amount_within_the_maximum():
    rule = match_rule("tech_transfer_deal", "", RULES)      # 单个科技成果最高补助 5 万元
    assert rule.is_maximum and rule.standard_text() == "最高 5"
    [award] = settle([(ev("x", "tech_transfer_deal"), rule, Decision())])
    assert award.status == PENDING and "最高 5 万元" in award.note
    assert approved_amount_error(rule, 6, "") == "核定金额 6 万元超过政策标准 5 万元"
    assert approved_amount_error(rule, 3, "") is None
    assert approved_amount_error(rule, -1, "") == "核定金额不能为负数"


def test_fixed_amount_override_needs_a_reason():
    rule = match_rule("key_lab", "省级", RULES)
    assert approved_amount_error(rule, 0, "") == "核定金额与政策标准 10 万元不同，请在备注中写明理由"
    assert approved_amount_error(rule, 0, "非在绛县新设立") is None
    assert approved_amount_error(rule, 11, "多给") == "核定金额 11 万元超过政策标准 10 万元"
    [award] = settle([(ev("x", "key_lab", "省级"), rule, Decision(approved=0, note="非新设立"))])
    assert award.status == DECLINED and award.due == 0


def test_same_enterprise_same_project_highest_award_only():
    """A provincial key lab and a national engineering centre grouped as one project: 20 万, once."""
    lab = ev("platforms:a", "key_lab", "省级", on="2025-03-01", project="p1", subject="省级重点实验室")
    centre = ev("platforms:b", "engineering_center", "国家级", on="2025-09-01", project="p1",
                subject="国家工程技术研究中心")
    awards = settle([(lab, match_rule("key_lab", "省级", RULES), Decision()),
                     (centre, match_rule("engineering_center", "国家级", RULES), Decision())])
    by = {a.event.key: a for a in awards}
    assert by["platforms:b"].status == DUE and by["platforms:b"].due == 20
    assert by["platforms:a"].status == SUPERSEDED and by["platforms:a"].due == 0
    assert "国家工程技术研究中心" in by["platforms:a"].note
    assert sum(a.due for a in awards) == 20


def test_lower_award_already_paid_is_topped_up_not_doubled():
    lab = ev("platforms:a", "key_lab", "省级", year=2023, project="p1")
    national = ev("platforms:b", "key_lab", "国家级", year=2025, project="p1")
    awards = settle([(lab, match_rule("key_lab", "省级", RULES), Decision(paid=10, paid_on="2023-12-01")),
                     (national, match_rule("key_lab", "国家级", RULES), Decision())])
    by = {a.event.key: a for a in awards}
    assert by["platforms:b"].due == 10 and "补足差额" in by["platforms:b"].note
    assert by["platforms:a"].due == 10 and by["platforms:a"].outstanding == 0
    assert sum(a.due for a in awards) == 20


def test_separate_projects_or_enterprises_are_each_rewarded():
    rule = match_rule("key_lab", "省级", RULES)
    a = ev("platforms:a", "key_lab", "省级")
    b = ev("platforms:b", "key_lab", "省级")                 # same enterprise, its own project
    c = ev("platforms:c", "key_lab", "省级", ent="e2", project="platforms:a")  # other enterprise
    awards = settle([(a, rule, Decision()), (b, rule, Decision()), (c, rule, Decision())])
    assert [x.due for x in awards] == [10, 10, 10]


def test_equal_awards_in_one_project_go_to_the_earlier_event():
    rule = match_rule("incubator", "省级", RULES)
    late = ev("platforms:z", "incubator", "省级", on="2025-10-01", project="p")
    early = ev("platforms:y", "maker_space", "省级", on="2025-02-01", project="p")
    awards = settle([(late, rule, Decision()), (early, match_rule("maker_space", "省级", RULES), Decision())])
    assert [(a.event.key, a.status, a.due) for a in awards] == [
        ("platforms:z", SUPERSEDED, 0), ("platforms:y", DUE, 10)]


def test_overpayment_shows_as_negative_outstanding():
    rule = match_rule("high_tech_new", "", RULES)
    [award] = settle([(ev("t", "high_tech_new"), rule, Decision(paid=8))])
    assert award.due == 5 and award.outstanding == -3
