"""Platforms: validation, dated status changes and their history."""

import pytest

from desktop_app.errors import ValidationError
from desktop_app.services import enterprises, platforms, units
from desktop_app.services.listing import ListQuery, ListSource
from tests.conftest import file_state

HOST = {"name": "山西易高煤层气有限公司", "uscc": "91140521MA0K3F2L1W", "founded_on": "2015-06-01"}
LAB = {"name": "易高煤层气重点实验室", "type": "重点实验室", "level": "省级"}


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"investment": "-20"}, "investment", "累计投入（万元）不能小于 0"),
    ({"staff": "十二"}, "staff", "人员数应为整数"),
    ({"level": "乡级"}, "level", "级别“乡级”不在可选范围内"),
    ({"status": "已认定"}, "approved_on", "须填写批准日期"),
    ({"approved_on": "2099-01-01"}, "approved_on", "晚于今天"),
])
def test_bad_platform_input_saves_nothing(ledger, values, field, message):
    before = file_state(ledger.path)
    with pytest.raises(ValidationError) as err:
        platforms.save(ledger, {**LAB, **values})
    assert err.value.field == field and message in str(err.value)
    assert ledger.conn.execute("SELECT COUNT(*) FROM platforms").fetchone()[0] == 0
    assert file_state(ledger.path) == before


def test_approval_before_the_host_was_founded_is_refused(ledger):
    eid = enterprises.save(ledger, HOST)
    with pytest.raises(ValidationError, match="批准日期 2014-05-01 早于依托企业“山西易高煤层气有限公司”的成立日期 2015-06-01"):
        platforms.save(ledger, {**LAB, "host_enterprise_id": eid, "status": "已认定", "approved_on": "2014-05-01"})
    pid = platforms.save(ledger, {**LAB, "host_enterprise_id": eid, "status": "申报中"})
    ledger.conn.execute("UPDATE platform_status_history SET changed_on = '2013-01-01' WHERE platform_id = ?", (pid,))
    with pytest.raises(ValidationError, match="早于依托企业"):
        platforms.change_status(ledger, pid, {"status": "已认定", "changed_on": "2015-01-01"})
    assert platforms.get(ledger, pid)["status"] == "申报中"


def test_status_changes_are_dated_and_kept_in_order(ledger):
    pid = platforms.save(ledger, {**LAB, "status": "培育中"})
    ledger.conn.execute("UPDATE platform_status_history SET changed_on = '2023-01-10' WHERE platform_id = ?", (pid,))
    platforms.change_status(ledger, pid, {"status": "申报中", "changed_on": "2024-03-01", "note": "提交申请"})
    with pytest.raises(ValidationError, match="早于上一次状态变更（2024-03-01）"):
        platforms.change_status(ledger, pid, {"status": "已认定", "changed_on": "2024-01-01"})
    with pytest.raises(ValidationError, match="当前已是“申报中”"):
        platforms.change_status(ledger, pid, {"status": "申报中", "changed_on": "2024-05-01"})
    platforms.change_status(ledger, pid, {"status": "已认定", "changed_on": "2024-12-20",
                                          "approval_doc": "晋科发〔2024〕88号"})
    got = platforms.get(ledger, pid)
    assert (got["status"], got["approved_on"], got["approval_doc"]) == ("已认定", "2024-12-20", "晋科发〔2024〕88号")
    assert [(h["changed_on"], h["status"]) for h in platforms.history(ledger, pid)] == [
        ("2024-12-20", "已认定"), ("2024-03-01", "申报中"), ("2023-01-10", "培育中")]
    assert platforms.history(ledger, pid)[0]["note"] == "晋科发〔2024〕88号"


def test_editing_to_recognised_dates_the_history_by_the_approval(ledger):
    pid = platforms.save(ledger, {**LAB, "status": "申报中"})
    platforms.save(ledger, {**platforms.get(ledger, pid), "status": "已认定", "approved_on": "2025-04-02"}, pid)
    recognised = [h for h in platforms.history(ledger, pid) if h["status"] == "已认定"]
    assert [h["changed_on"] for h in recognised] == ["2025-04-02"]


def test_list_filters_by_township_of_the_platform_or_its_host(ledger):
    town = units.townships(ledger)[0]
    eid = enterprises.save(ledger, {**HOST, "township_id": town.id})
    platforms.save(ledger, {**LAB, "host_enterprise_id": eid})
    platforms.save(ledger, {**LAB, "name": "园区众创空间", "type": "众创空间", "township_id": town.id})
    platforms.save(ledger, {**LAB, "name": "别处实验室"})
    src = ListSource(ledger, platforms.LIST)
    ids = src.rowids(ListQuery(filters={"township_id": town.id}))
    names = {src.rows(ids)[i][0] for i in ids}
    assert names == {"易高煤层气重点实验室", "园区众创空间"}
