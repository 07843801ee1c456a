"""审核: each rule fires on a crafted case and not on the clean one; 核实 explanations."""

import json
from datetime import date

import pytest

from desktop_app.domain.review_rules import FORCED, RULES, VERIFY, explanation_error
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import evidence, review
from desktop_app.services.enterprises import signoff
from tests.conftest import file_state
from tests.services.enterprises.helpers import INSTITUTION, PROJECT
from tests.services.review_cases import BEFORE, LAST, NAME, TASK, TODAY, P, clean_case


@pytest.fixture
def case(ledger):
    return clean_case(ledger)


def codes(case, period=P, today=TODAY) -> list[str]:
    return [f.rule for f in review.run(case.ledger, period, today=today)]


def test_the_clean_case_has_no_findings(case):
    assert codes(case) == []
    assert review.blocking(case.ledger, P, today=TODAY) == []


def test_every_rule_has_a_level_a_record_and_a_message():
    assert len({r.code for r in RULES}) == len(RULES) >= 10
    for r in RULES:
        assert r.level in (FORCED, VERIFY) and r.table and r.opens in ("enterprise", "task")
        assert "{subject}" in r.template


def _future_period(c):
    return "S01", dict(today=date(2026, 9, 30))


def _future_filled_on(c):
    c.resave(filled_on="2026-10-20")
    return "S01", dict(today=date(2026, 10, 15))


BREAKS = {
    "future period": _future_period,
    "future 填表日期": _future_filled_on,
    "count 0 with staff": lambda c: (_spend_on_project(c, count="0"), "S02")[1],
    "count 0 with spending": lambda c: (c.institution(count="0", staff="0"), "S02")[1],
    "institution staff without spending": lambda c: (_spend_on_project(c), "S03")[1],
    "institution spending without staff": lambda c: (c.institution(staff="0"), "S03")[1],
    "project staff without spending": lambda c: (c.project(spending="0"), "S04")[1],
    "project spending without staff": lambda c: (c.project(staff="0"), "S04")[1],
    "R&D spending up": lambda c: (c.institution(spending="300"), "S05")[1],
    "R&D spending down": lambda c: (c.resave(institutions=[{**INSTITUTION, "spending": "10", "staff": "2"}],
                                             projects=[{**PROJECT, "spending": "5"}]), "S05")[1],
    "activity without evidence": lambda c: (evidence.remove(c.ledger, _files(c)[0]), "S07")[1],
    "direction with nothing behind": lambda c: (c.resave(innovation_platform="建成省级技术中心", institutions=[],
                                                          projects=[{**PROJECT, "spending": "140.75"}]),
                                                "S08")[1],
    "cooperation not ticked": lambda c: (c.resave(tech_cooperation="与太原理工大学合作攻关"), "S08")[1],
    "equipment ticked without equipment": lambda c: (c.resave(
        other_activities=[8], institutions=[{**INSTITUTION, "equipment_value": "0"}],
        projects=[{**PROJECT, "assets": "0"}]), "S08")[1],
    "tick with nothing written": lambda c: (c.resave(other_activities=[3], innovation_input=""), "S08")[1],
    "已完成 without evidence": lambda c: (evidence.remove(c.ledger, _files(c, "progress_entries")[0]), "T01")[1],
    "滞后 twice": lambda c: (c.progress(BEFORE, "滞后"), c.progress(P, "滞后"), "T02")[2],
}


def _spend_on_project(c, **institution):
    """The institution's R&D spending moved to the project: the total stays as last year's."""
    c.resave(institutions=[{**INSTITUTION, "spending": "0", **institution}], projects=[{**PROJECT, "spending": "140.75"}])


def _files(c, table="surveys"):
    owner = c.sid if table == "surveys" else c.entry
    return [f.id for f in evidence.list_files(c.ledger, table, owner)]


@pytest.mark.parametrize("name", BREAKS)
def test_each_rule_fires_on_its_case(case, name):
    result = BREAKS[name](case)
    code, kw = result if isinstance(result, tuple) else (result, {})
    found = review.run(case.ledger, P, today=kw.get("today", TODAY))
    assert [f.rule for f in found] == [code]
    f = found[0]
    assert f.period == P and f.level == {r.code: r.level for r in RULES}[code]
    assert (NAME if code[0] == "S" else TASK) in f.message  # names the enterprise or the task
    assert f.record_id and f.table in ("surveys", "survey_institutions", "survey_projects", "progress_entries")
    assert case.ledger.conn.execute(f"SELECT 1 FROM {f.table} WHERE id = ?", (f.record_id,)).fetchone()
    assert f.blocking  # 强制 always; 核实 until explained


def test_messages_say_what_is_wrong(case):
    _spend_on_project(case, count="0")
    assert review.run(case.ledger, P, today=TODAY)[0].message == (
        f"{NAME}：研究开发机构“企业技术中心”期末机构数为 0，却填报了研发人员 12 人；机构数为 0 时人员和费用应为 0")
    case.resave(institutions=[{**INSTITUTION, "spending": "300"}], projects=[PROJECT])
    [f] = review.run(case.ledger, P, today=TODAY)
    assert f.message == f"{NAME}：研发费用合计 340.25 万元，上年同期（{LAST}）140.75 万元，增长 141.7%"
    assert f.enterprise_id == case.eid and f.table == "surveys" and f.record_id == case.sid


def test_changes_within_half_and_placeholders_pass(case):
    case.institution(spending="170")  # +49.7 %
    case.resave(innovation_platform="无", tech_cooperation="/")  # "none", not a claim
    assert codes(case) == []
    case.progress(P, "滞后")  # 滞后 once: no finding
    assert codes(case) == []


def test_no_base_last_year_is_not_a_change(case):
    assert codes(case, "2026-11") == []  # nothing in 2026-11, nothing to check
    case.resave(period="2026-11")
    assert "S05" not in codes(case, "2026-11")  # no 2025-11 return to compare with


def test_signed_off_without_evidence_is_forced(case):
    signoff.confirm(case.ledger, case.eid, P)
    assert codes(case) == []
    evidence.remove(case.ledger, _files(case)[0])
    [f] = review.run(case.ledger, P, today=TODAY)
    assert (f.rule, f.level, f.table) == ("S06", FORCED, "signoffs")
    assert f.message == f"{NAME}：{P} 已确认销号，但调查表和销号记录都没有印证材料"
    evidence.attach_bytes(case.ledger, "signoffs", f.record_id, "确认书.pdf", b"signed")  # on the decision
    assert codes(case) == []


@pytest.mark.parametrize("text", ["", "   ", "核实无误", " 核实无误。", "核实无误！！！", "【核实无误】", "经核实，情况属实。",
                                  "核实无误核实无误核实无误", "数据太少", "abc。。。。。。。。。。"])
def test_empty_explanations_are_refused(text):
    assert explanation_error(text)


def test_refusal_messages_are_clear():
    assert explanation_error("核实无误。") == "“核实无误。”不能作为核实说明，请写明核实了什么、数据为什么是这样"
    assert explanation_error("新建中试线投入") == ("核实说明至少 10 个字（标点和空格不计，现有 7 个字），"
                                            "请写明数据为什么是这样")
    assert explanation_error("本年新建中试线，研发投入大幅增加") is None
    assert explanation_error("经核实无误：本年新建中试线投产") is None  # the phrase inside a real explanation


def test_an_explanation_makes_a_verify_finding_pass(case):
    case.institution(spending="300")
    [f] = review.blocking(case.ledger, P, today=TODAY)
    before = file_state(case.ledger.path)
    with pytest.raises(ValidationError, match="不能作为核实说明"):
        review.explain(case.ledger, f, "核实无误")
    assert file_state(case.ledger.path) == before  # nothing written
    xid = review.explain(case.ledger, f, "本年新建中试线，研发投入较上年大幅增加，已核对财务辅助账")
    assert review.blocking(case.ledger, P, today=TODAY) == []
    [g] = review.run(case.ledger, P, today=TODAY)
    assert g.explained and g.state_text == "已说明" and g.explanation.startswith("本年新建中试线")
    row = case.ledger.conn.execute("SELECT unit_id, rule, record_table, record_id, period, row_version "
                                   "FROM review_explanations WHERE id = ?", (xid,)).fetchone()
    assert tuple(row) == (case.ledger.unit.id, "S05", "surveys", case.sid, P, 1)
    assert review.explain(case.ledger, g, "本年新建中试线，研发投入较上年增加二百万元，已核对财务辅助账") == xid
    assert case.ledger.conn.execute("SELECT row_version FROM review_explanations WHERE id = ?",
                                    (xid,)).fetchone()[0] == 2
    logged = [json.loads(r[0] or "{}") for r in case.ledger.conn.execute(
        "SELECT new_values FROM audit_log WHERE table_name = 'review_explanations' AND row_id = ? ORDER BY seq",
        (xid,))]
    assert len(logged) == 2 and "增加二百万元" in logged[1]["text"]
    assert review.blocking(case.ledger, "2026-11", today=TODAY) == []  # kept per period
    assert review.withdraw(case.ledger, g)
    assert [x.rule for x in review.blocking(case.ledger, P, today=TODAY)] == ["S05"]


def test_forced_findings_cannot_be_explained(case):
    _spend_on_project(case, count="0")
    [f] = review.blocking(case.ledger, P, today=TODAY)
    with pytest.raises(UserError, match="强制性审核规则，须更正数据"):
        review.explain(case.ledger, f, "这是一个足够长的说明文字，但没有用")


def test_forced_first_and_the_summary(case):
    case.resave(institutions=[{**INSTITUTION, "count": "0", "spending": "0"}], tech_cooperation="与高校合作攻关")
    case.progress(BEFORE, "滞后")
    case.progress(P, "滞后")
    found = review.run(case.ledger, P, today=TODAY)
    assert [f.rule for f in found][0] == "S02" and {"S08", "T02"} <= {f.rule for f in found}
    s = review.summary(found)
    assert s["forced"] == 1 and s["verify"] == len(found) - 1 and s["explained"] == 0 and s["blocking"] == len(found)


def test_bad_period_is_refused(case):
    with pytest.raises(ValidationError, match="格式不对"):
        review.run(case.ledger, "2026-13")


def test_demo_ledger_is_reviewed_quickly(demo_ledger):
    import time

    t = time.perf_counter()
    found = review.run(demo_ledger, "2026-11")
    assert time.perf_counter() - t < 1.0
    assert found and all(f.message for f in found)
    assert review.periods(demo_ledger)[0] == "2026-11"


def test_refusal_says_which(case):
    assert review.refusal(review.run(case.ledger, P, today=TODAY)) is None
    case.resave(institutions=[{**INSTITUTION, "count": "0", "spending": "0"}],
                projects=[{**PROJECT, "spending": "140.75"}], tech_cooperation="与高校合作攻关")
    line = review.refusal(review.run(case.ledger, P, today=TODAY))
    assert line.startswith(f"有 1 条强制性审核问题须更正，不能上报：强制 S02 {NAME}：研究开发机构“企业技术中心”")
    assert line.endswith("等 2 条（见 数据交换 → 审核）")
