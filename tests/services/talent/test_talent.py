"""Talent, teams and 科技特派员: validation, masking and the audit of unmasking."""

from datetime import date

import pytest

from desktop_app.errors import UserError, ValidationError
from desktop_app.services import enterprises, metrics, talent, units
from desktop_app.services.demo import sample_id_number
from desktop_app.services.talent import commissioners, teams
from tests.conftest import file_state

GOOD_ID = "11010519491231002X"      # a woman born 1949-12-31 (17th digit 2: even)
MAN_ID = "110105197001010011"       # 17th digit 1: odd


def _count(ledger, table="talent"):
    return ledger.conn.execute(f"SELECT COUNT(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"id_number": "110105194912310021"}, "id_number", "身份证号校验不通过：其中有数字输错了"),
    ({"id_number": "110105" + str(date.today().year + 1) + "0101001" + "5"}, "id_number", "晚于今天"),
    ({"birth_year": str(date.today().year + 1)}, "birth_year", "不合理"),
    ({"support_award": "-3"}, "support_award", "奖励补贴（万元）不能小于 0"),
    ({"support_case_amount": "五万"}, "support_case_amount", "应为数字"),
    ({"support_case_amount": "5"}, "support_case", "请写明一事一议事项"),
    ({"id_number": GOOD_ID, "gender": "男"}, "gender", "与身份证号第 17 位（女）不一致"),
    ({"intro_date": "2099-01-01"}, "intro_date", "晚于今天"),
    ({"category": "外星人才"}, "category", "不在可选范围内"),
])
def test_bad_input_is_refused_with_one_message_and_nothing_saved(ledger, values, field, message):
    before = file_state(ledger.path)
    with pytest.raises(ValidationError) as err:
        talent.save(ledger, {"name": "李四", **values})
    assert err.value.field == field and message in str(err.value)
    assert _count(ledger) == 0
    assert file_state(ledger.path) == before


def test_future_birth_date_in_id_number_is_refused(ledger):
    future = date.today().replace(year=date.today().year + 1)
    body = "140521" + future.strftime("%Y%m%d") + "001"
    from desktop_app.domain.codes import id_check_char
    with pytest.raises(ValidationError, match="晚于今天"):
        talent.save(ledger, {"name": "王五", "id_number": body + id_check_char(body)})


def test_gender_and_birth_year_come_from_the_id_number(ledger):
    tid = talent.save(ledger, {"name": "赵六", "id_number": MAN_ID})
    got = talent.get(ledger, tid)
    assert (got["gender"], got["birth_year"]) == ("男", 1970)


def test_dialog_sees_masked_numbers_and_saving_them_back_keeps_the_stored_ones(ledger):
    tid = talent.save(ledger, {"name": "李四", "id_number": GOOD_ID, "phone": "13812345678"})
    shown = talent.get_masked(ledger, tid)
    assert shown["id_number"] == "110105********002X" and shown["phone"] == "138****5678"
    talent.save(ledger, {**shown, "specialty": "储层改造"}, tid)
    stored = talent.get(ledger, tid)
    assert stored["id_number"] == GOOD_ID and stored["phone"] == "13812345678"
    assert stored["specialty"] == "储层改造"
    talent.save(ledger, {**shown, "id_number": MAN_ID, "gender": "", "birth_year": ""}, tid)
    assert talent.get(ledger, tid)["id_number"] == MAN_ID
    with pytest.raises(ValidationError, match="隐去的数字"):
        talent.save(ledger, {**shown, "id_number": "110105********0021"}, tid)
    with pytest.raises(ValidationError, match="联系电话中有隐去的数字"):
        talent.save(ledger, {**talent.get_masked(ledger, tid), "phone": "139****5678"}, tid)


def test_unmask_needs_a_reason_and_every_look_is_logged(ledger):
    tid = talent.save(ledger, {"name": "李四", "id_number": GOOD_ID})
    with pytest.raises(ValidationError, match="事由"):
        talent.unmask(ledger, tid, "  ")
    assert talent.unmask_log(ledger, tid) == []
    assert talent.unmask(ledger, tid, "核对人才补贴发放")["id_number"] == GOOD_ID
    talent.unmask(ledger, tid, "办理人才公寓入住")
    log = talent.unmask_log(ledger, tid)
    assert [r["reason"] for r in log] == ["办理人才公寓入住", "核对人才补贴发放"]
    assert log[0]["operator"] == "测试员"


def test_employer_follows_the_linked_enterprise(ledger):
    eid = enterprises.save(ledger, {"name": "山西易高煤层气有限公司", "uscc": "91140521MA0K3F2L1W"})
    tid = talent.save(ledger, {"name": "程静怡", "enterprise_id": eid})
    assert talent.get(ledger, tid)["employer"] == "山西易高煤层气有限公司"
    assert talent.label(ledger, tid) == "程静怡（山西易高煤层气有限公司）"
    with pytest.raises(ValidationError, match="企业不存在"):
        talent.save(ledger, {"name": "程静怡", "enterprise_id": "no-such-id"})


def test_talent_counts_include_undated_people_except_for_new_since(ledger):
    talent.save(ledger, {"name": "本土人才", "category": "农村实用人才"})
    talent.save(ledger, {"name": "引进人才", "category": "专业技术人才", "intro_date": "2025-03-01",
                         "high_level": True})
    at = date(2025, 12, 31)
    assert metrics.talent_count(ledger, at=at) == 2
    assert metrics.talent_count(ledger, at=at, since_year=2025) == 1
    assert metrics.talent_count(ledger, at=date(2024, 12, 31)) == 1
    assert metrics.talent_breakdown(ledger, "industry", at=at) == {("", "农村实用人才"): (1, 0),
                                                                    ("", "专业技术人才"): (1, 1)}


def _people(ledger, n=3):
    return [talent.save(ledger, {"name": f"成员{i}", "category": "专业技术人才"}) for i in range(n)]


def test_team_members_leader_first_and_no_duplicates(ledger):
    a, b, c = _people(ledger)
    with pytest.raises(ValidationError, match="至少添加一名"):
        teams.save(ledger, {"name": "空团队"}, [])
    with pytest.raises(ValidationError, match="重复"):
        teams.save(ledger, {"name": "团队"}, [(b, "成员"), (b, "核心成员")])
    tid = teams.save(ledger, {"name": "煤层气团队", "leader_id": a}, [(b, "核心成员"), (c, "成员")])
    got = teams.get(ledger, tid)
    assert [(m["name"], m["role"]) for m in got["members"]] == [("成员0", "负责人"), ("成员1", "核心成员"),
                                                                  ("成员2", "成员")]
    teams.save(ledger, {"name": "煤层气团队", "leader_id": a}, [(c, "成员")], tid)
    assert [m["name"] for m in teams.members(ledger, tid)] == ["成员0", "成员2"]
    with pytest.raises(UserError, match="人才团队“煤层气团队”的成员"):
        talent.delete(ledger, c)


def test_commissioner_posting_and_service_records(ledger):
    [person] = _people(ledger, 1)
    town = units.townships(ledger)[0].id
    with pytest.raises(ValidationError, match="派驻乡镇或派驻企业"):
        commissioners.save(ledger, {"talent_id": person, "start_on": "2025-03-01"})
    with pytest.raises(ValidationError, match="早于开始日期"):
        commissioners.save(ledger, {"talent_id": person, "township_id": town, "start_on": "2025-03-01",
                                    "end_on": "2025-01-01"})
    pid = commissioners.save(ledger, {"talent_id": person, "township_id": town, "start_on": "2025-03-01",
                                      "end_on": "2025-12-31"})
    with pytest.raises(ValidationError, match="不在派驻期限"):
        commissioners.add_service(ledger, pid, {"served_on": "2025-01-15", "content": "技术培训"})
    with pytest.raises(ValidationError, match="请填写服务内容"):
        commissioners.add_service(ledger, pid, {"served_on": "2025-05-15", "content": ""})
    commissioners.add_service(ledger, pid, {"served_on": "2025-05-15", "content": "连翘病虫害防治指导"})
    commissioners.add_service(ledger, pid, {"served_on": "2025-09-01", "content": "黄芩种植培训"})
    assert [s["served_on"] for s in commissioners.services(ledger, pid)] == ["2025-09-01", "2025-05-15"]
    with pytest.raises(ValidationError, match="派驻期限须包含"):
        commissioners.save(ledger, {"talent_id": person, "township_id": town, "start_on": "2025-06-01"}, pid)
    with pytest.raises(UserError, match="派驻记录"):
        talent.delete(ledger, person)
    commissioners.delete(ledger, pid)
    assert commissioners.services(ledger, pid) == []
    talent.delete(ledger, person)


def test_demo_sample_id_numbers_match_the_recorded_gender():
    import random
    rng = random.Random(1)
    for gender in ("男", "女") * 20:
        number = sample_id_number(rng, 1980, gender=gender)
        assert (int(number[16]) % 2 == 1) == (gender == "男")


def test_demo_people_can_be_saved_back_unchanged(demo_ledger):
    for (tid,) in demo_ledger.conn.execute("SELECT id FROM talent WHERE deleted_at IS NULL").fetchall():
        talent.save(demo_ledger, talent.get_masked(demo_ledger, tid), tid)
