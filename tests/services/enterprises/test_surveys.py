import pytest

from desktop_app.errors import UserError, ValidationError
from desktop_app.services import evidence, metrics
from desktop_app.services.enterprises import surveys
from tests.conftest import file_state
from tests.services.enterprises.helpers import INSTITUTION, PROJECT, add_enterprise, add_return


def test_full_return_round_trip(ledger, tmp_path):
    eid = add_enterprise(ledger, 1)
    scan = tmp_path / "批复.pdf"
    scan.write_bytes(b"approval")
    values = {"period": "2024-05", "filled_by": "王会计", "phone": "0356-7021234", "filled_on": "2024-06-01",
              "innovation_input": "研发投入 140 万元", "tech_cooperation": "与太原理工大学合作",
              "other_activities": [3, "11", 3],
              "institutions": [INSTITUTION, {**INSTITUTION, "name": "省级企业技术中心", "count": "",
                                             "spending": "20"}, {"name": "", "staff": ""}],
              "projects": [PROJECT]}
    sid = surveys.save(ledger, eid, values, new_files=[scan])
    ret = surveys.get(ledger, sid)
    assert [i.name for i in ret.institutions] == ["企业技术中心", "省级企业技术中心"]  # blank row dropped
    assert ret.institutions[1].count == 1  # a named institution counts one
    assert ret.other_activities == (3, 11)
    assert ret.directions["tech_cooperation"] == "与太原理工大学合作"
    assert evidence.count(ledger, "surveys", sid) == 1
    # the dataclass and the SQL the summary uses agree
    assert metrics.survey_facts(ledger, "2024-05")[eid] == ret.facts(evidence_files=1)
    assert ret.facts(1).institution_spending == 120.5 and ret.facts(1).project_spending == 40.25
    # edit replaces the rows
    values["institutions"] = [INSTITUTION]
    assert surveys.save(ledger, eid, values, sid) == sid
    assert len(surveys.get(ledger, sid).institutions) == 1
    line = surveys.returns_of(ledger, eid)[0]
    assert (line.period, line.institutions, line.projects, line.rd_spending, line.evidence_files) == (
        "2024-05", 1, 1, 140.75, 1)


@pytest.mark.parametrize("change, field, words", [
    ({"institutions": [{**INSTITUTION, "spending": "-5"}]}, "institutions.0.spending", "不能小于 0"),
    ({"projects": [PROJECT, {**PROJECT, "staff": "六人"}]}, "projects.1.staff", "研发项目第 2 行：研究开发人员情况（人）应为整数"),
    ({"institutions": [{**INSTITUTION, "equipment_value": "12万"}]}, "institutions.0.equipment_value", "应为数字"),
    ({"institutions": [{**INSTITUTION, "name": ""}]}, "institutions.0.name", "请填写研究开发机构及平台名称"),
    ({"projects": [{**PROJECT, "spending": "50000000"}]}, "projects.0.spending", "超出合理范围"),
    ({"period": "2999-01"}, "period", "在将来"),
    ({"period": "2024-13"}, "period", "格式不对"),
    ({"period": ""}, "period", "请填写报送期"),
    ({"other_activities": [15]}, "other_activities", "第 1–14 项"),
    ({"phone": "12345"}, "phone", "电话号码格式不正确"),
])
def test_bad_input_names_the_field_and_saves_nothing(ledger, change, field, words):
    eid = add_enterprise(ledger, 1)
    before = file_state(ledger.path)
    values = {"period": "2024-05", "institutions": [INSTITUTION], "projects": [PROJECT], **change}
    with pytest.raises(ValidationError) as err:
        surveys.save(ledger, eid, values)
    assert err.value.field == field and words in str(err.value)
    assert file_state(ledger.path) == before


def test_bad_evidence_file_rolls_back_the_return(ledger, tmp_path):
    eid = add_enterprise(ledger, 1)
    with pytest.raises(ValidationError, match="找不到文件"):
        surveys.save(ledger, eid, {"period": "2024-05", "institutions": [INSTITUTION]},
                     new_files=[tmp_path / "missing.pdf"])
    assert surveys.find_id(ledger, eid, "2024-05") is None


def test_one_return_per_period_and_copy_from_last(ledger):
    eid = add_enterprise(ledger, 1)
    add_return(ledger, eid, "2024-04", institutions=[INSTITUTION], activities=[2])
    with pytest.raises(ValidationError, match="已经存在"):
        add_return(ledger, eid, "2024-04")
    prev = surveys.previous(ledger, eid, "2024-06")
    assert prev.period == "2024-04"
    values = {**surveys.as_values(prev), "period": "2024-06"}
    sid = surveys.save(ledger, eid, values)
    copy = surveys.get(ledger, sid)
    assert copy.institutions == prev.institutions and copy.other_activities == (2,)
    assert surveys.previous(ledger, eid, "2024-04") is None


def test_delete_refused_once_signed_off(ledger):
    from desktop_app.services.enterprises import signoff

    eid = add_enterprise(ledger, 1)
    sid = add_return(ledger, eid, "2024-05", institutions=[INSTITUTION], evidence_files=1)
    signoff.confirm(ledger, eid, "2024-05")
    with pytest.raises(UserError, match="不能删除"):
        surveys.delete(ledger, sid)
    signoff.revoke(ledger, eid, "2024-05", "材料有误，重新核实")
    surveys.delete(ledger, sid, reason="重填")
    assert surveys.find_id(ledger, eid, "2024-05") is None


def test_an_institution_count_of_zero_stays_zero_on_every_save(ledger):
    """期末机构数 0 (an institution closed during the period) is a figure, not a blank: never turned into 1."""
    eid = add_enterprise(ledger, 1)
    values = {"period": "2024-05", "institutions": [{**INSTITUTION, "count": 0, "staff": 0, "spending": 0}]}
    sid = surveys.save(ledger, eid, values)
    assert surveys.get(ledger, sid).institutions[0].count == 0
    surveys.save(ledger, eid, surveys.as_values(surveys.get(ledger, sid)), sid)  # re-saved as the dialog sends it
    assert surveys.get(ledger, sid).institutions[0].count == 0
    values["institutions"] = [{**INSTITUTION, "count": "0"}]
    surveys.save(ledger, eid, values, sid)
    assert surveys.get(ledger, sid).institutions[0].count == 0
