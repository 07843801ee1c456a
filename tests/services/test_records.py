"""Every write leaves an audit row; bad input writes nothing."""

import json

import pytest

from db import personal
from desktop_app.errors import ValidationError
from desktop_app.services import enterprises, platforms, talent, tasks, units

GOOD = {"name": "山西易高煤层气有限公司", "uscc": "91350100M000100Y43", "industry": "煤层气",
        "above_scale": True, "phone": "13812345678"}


def audit_rows(ledger, table):
    return ledger.conn.execute(
        "SELECT action, row_id, old_values, new_values, operator FROM audit_log WHERE table_name = ? "
        "ORDER BY seq", (table,)).fetchall()


def test_insert_update_delete_are_audited(ledger):
    eid = enterprises.save(ledger, GOOD)
    enterprises.save(ledger, {**GOOD, "phone": "13900001111"}, eid)
    enterprises.delete(ledger, eid)
    rows = audit_rows(ledger, "enterprises")
    assert [r["action"] for r in rows] == ["insert", "update", "delete"]
    assert all(r["row_id"] == eid and r["operator"] == "测试员" for r in rows)
    secret = ledger.setting(personal.KEY_SETTING)  # phones are logged masked, with a keyed hash
    assert json.loads(rows[1]["old_values"]) == {
        "phone": "138****5678#" + personal.fingerprint(secret, "phone", "13812345678")}
    assert json.loads(rows[1]["new_values"]) == {
        "phone": "139****1111#" + personal.fingerprint(secret, "phone", "13900001111")}
    # soft delete: the row is kept, hidden; its code is reused only when the clerk says 仍然新建
    assert ledger.conn.execute("SELECT deleted_at FROM enterprises WHERE id = ?", (eid,)).fetchone()[0]
    with pytest.raises(enterprises.DeletedEnterpriseExists):
        enterprises.save(ledger, GOOD)
    enterprises.save(ledger, GOOD, new_despite_deleted=True)


def test_unchanged_save_writes_no_audit_row(ledger):
    eid = enterprises.save(ledger, GOOD)
    enterprises.save(ledger, GOOD, eid)
    assert len(audit_rows(ledger, "enterprises")) == 1


@pytest.mark.parametrize("changes, field, fragment", [
    ({"uscc": "91350100M000100Y42"}, "uscc", "校验不通过"),
    ({"uscc": ""}, "uscc", "不能为空"),
    ({"name": "  "}, "name", "请填写企业名称"),
    ({"industry": "互联网"}, "industry", "不在可选范围内"),
    ({"phone": "12345"}, "phone", "电话号码格式不正确"),
    ({"founded_on": "2020-13-01"}, "founded_on", "不是有效日期"),
    ({"founded_on": "2999-01-01"}, "founded_on", "晚于今天"),
])
def test_bad_enterprise_input_names_the_field_and_writes_nothing(ledger, changes, field, fragment):
    before = ledger.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    with pytest.raises(ValidationError) as info:
        enterprises.save(ledger, {**GOOD, **changes})
    assert info.value.field == field and fragment in str(info.value)
    assert ledger.conn.execute("SELECT COUNT(*) FROM enterprises").fetchone()[0] == 0
    assert ledger.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == before


def test_duplicate_credit_code_names_the_holder(ledger):
    enterprises.save(ledger, GOOD)
    with pytest.raises(ValidationError, match="已被“山西易高煤层气有限公司”使用"):
        enterprises.save(ledger, {**GOOD, "name": "另一家公司"})


def test_talent_id_number_checked_and_masked_in_list(ledger):
    from desktop_app.services.listing import ListQuery, ListSource

    with pytest.raises(ValidationError, match="身份证号校验不通过"):
        talent.save(ledger, {"name": "李四", "id_number": "110105194912310021"})
    with pytest.raises(ValidationError, match="与身份证号中的 1949 不一致"):
        talent.save(ledger, {"name": "李四", "id_number": "11010519491231002X", "birth_year": "1950"})
    tid = talent.save(ledger, {"name": "李四", "id_number": "11010519491231002x", "phone": "13812345678"})
    assert talent.get(ledger, tid)["birth_year"] == 1949
    src = ListSource(ledger, talent.LIST)
    row = src.rows(src.rowids(ListQuery()))
    shown = next(iter(row.values()))
    assert "110105********002X" in shown and "138****5678" in shown
    assert "11010519491231002X" not in shown


def test_unmask_requires_reason_and_is_audited(ledger):
    tid = talent.save(ledger, {"name": "李四", "id_number": "11010519491231002X"})
    with pytest.raises(ValidationError, match="事由"):
        talent.unmask(ledger, tid, " ")
    full = talent.unmask(ledger, tid, "核对人才补贴发放")
    assert full["id_number"] == "11010519491231002X"
    row = ledger.conn.execute("SELECT reason FROM audit_log WHERE action = 'unmask'").fetchone()
    assert row["reason"] == "核对人才补贴发放"


def test_platform_before_host_founded_is_refused(ledger):
    eid = enterprises.save(ledger, {**GOOD, "founded_on": "2015-06-01"})
    with pytest.raises(ValidationError, match="早于依托企业"):
        platforms.save(ledger, {"name": "易高技术中心", "type": "企业技术中心", "level": "市级",
                                "status": "已认定", "host_enterprise_id": eid, "approved_on": "2014-01-01"})
    pid = platforms.save(ledger, {"name": "易高技术中心", "type": "企业技术中心", "level": "市级",
                                  "status": "申报中", "host_enterprise_id": eid})
    platforms.save(ledger, {**platforms.get(ledger, pid), "status": "已认定", "approved_on": "2021-03-01"}, pid)
    history = [r[0] for r in ledger.conn.execute(
        "SELECT status FROM platform_status_history WHERE platform_id = ? ORDER BY rowid", (pid,))]
    assert history == ["申报中", "已认定"]


def test_task_assignment_line_round_trip(ledger):
    from desktop_app.services import seed

    with ledger.write():
        doc = seed.load_documents(ledger)["000"]
    aid = tasks.save(ledger, {"document_id": doc, "key_task": "创新载体建设行动", "task": "打造创新发展先行区",
                              "department": "沁水经济技术开发区", "role": "lead", "leader": "谭爱国",
                              "section": "经济发展部", "handler": "邵海军"})
    got = tasks.get(ledger, aid)
    assert (got["task"], got["department"], got["handler"]) == ("打造创新发展先行区", "沁水经济技术开发区", "邵海军")
    assert [c.name for c in units.departments(ledger)] == ["沁水经济技术开发区"]
