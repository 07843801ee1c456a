"""回收站: deleted records listed with who deleted them, restored (audited), refused with a reason."""

import pytest

from desktop_app.errors import UserError
from desktop_app.services import enterprises, platforms, recycle_bin, talent, tasks
from desktop_app.services.enterprises import surveys
from tests.services.enterprises.helpers import add_enterprise, add_return, code


def _audit(ledger, table, row_id):
    return [r[0] for r in ledger.conn.execute(
        "SELECT action FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY seq", (table, row_id))]


def test_enterprise_restored_with_the_returns_deleted_with_it(ledger):
    eid = add_enterprise(ledger, 1)
    kept = add_return(ledger, eid, "2026-01")
    gone = add_return(ledger, eid, "2026-02")
    surveys.delete(ledger, gone, reason="重复")
    enterprises.delete(ledger, eid)
    listed = recycle_bin.items(ledger)
    assert [(i.table, i.kind, i.deleted_by) for i in listed if i.id == eid] == [("enterprises", "企业", "测试员")]
    assert any(i.table == "surveys" and i.id == gone and i.name.endswith("2026-02") for i in listed)
    with pytest.raises(UserError, match="请先恢复该企业"):
        recycle_bin.restore(ledger, "surveys", gone)
    recycle_bin.restore(ledger, "enterprises", eid)
    assert enterprises.get(ledger, eid)["uscc"] == code(1)
    assert _audit(ledger, "enterprises", eid)[-1] == "restore"
    assert [r.id for r in surveys.returns_of(ledger, eid)] == [kept]  # its returns came back with it
    recycle_bin.restore(ledger, "surveys", gone)
    assert _audit(ledger, "surveys", gone)[-1] == "restore"
    assert not [i for i in recycle_bin.items(ledger) if i.id in (eid, gone)]
    with pytest.raises(UserError, match="没有被删除"):
        recycle_bin.restore(ledger, "enterprises", eid)


def test_re_adding_a_deleted_credit_code_is_a_distinct_error(ledger):
    eid = add_enterprise(ledger, 3)
    enterprises.delete(ledger, eid)
    with pytest.raises(enterprises.DeletedEnterpriseExists) as e:
        enterprises.save(ledger, {"name": "新名字", "uscc": code(3), "industry": "煤炭"})
    assert e.value.deleted_id == eid and "回收站" in str(e.value)
    new = enterprises.save(ledger, {"name": "新名字", "uscc": code(3), "industry": "煤炭"}, new_despite_deleted=True)
    assert new != eid
    with pytest.raises(UserError, match="已被另一家在册企业使用"):
        recycle_bin.restore(ledger, "enterprises", eid)


def test_talent_platforms_and_tasks(demo_ledger):
    lg = demo_ledger
    tid = lg.conn.execute("SELECT id FROM talent WHERE deleted_at IS NULL AND id NOT IN "
                          "(SELECT talent_id FROM team_members) LIMIT 1").fetchone()[0]
    pid = lg.conn.execute("SELECT id FROM platforms WHERE deleted_at IS NULL LIMIT 1").fetchone()[0]
    kid, task_id = lg.conn.execute(
        "SELECT k.id, t.id FROM key_tasks k JOIN tasks t ON t.key_task_id = k.id "
        "WHERE k.deleted_at IS NULL AND t.deleted_at IS NULL LIMIT 1").fetchone()
    talent.delete(lg, tid)
    platforms.delete(lg, pid)
    tasks.delete_node(lg, "key_tasks", kid)
    kinds = {(i.table, i.id) for i in recycle_bin.items(lg)}
    assert {("talent", tid), ("platforms", pid), ("key_tasks", kid), ("tasks", task_id)} <= kinds
    with pytest.raises(UserError, match="请先恢复该重点任务"):
        recycle_bin.restore(lg, "tasks", task_id)
    for table, rid in (("talent", tid), ("platforms", pid), ("key_tasks", kid)):
        recycle_bin.restore(lg, table, rid)
        assert lg.conn.execute(f"SELECT deleted_at FROM {table} WHERE id = ?", (rid,)).fetchone()[0] is None
    live = lg.conn.execute("SELECT deleted_at FROM tasks WHERE id = ?", (task_id,)).fetchone()[0]
    assert live is None  # the key task brought its tasks back
    assert lg.conn.execute("SELECT COUNT(*) FROM assignments WHERE task_id = ? AND deleted_at IS NULL",
                           (task_id,)).fetchone()[0] > 0
    with pytest.raises(UserError, match="不管理"):
        recycle_bin.restore(lg, "units", tid)
