"""An edit keeps the ids of child rows that still exist (packages rely on stable ids)."""

from desktop_app.services.enterprises import surveys
from tests.services.enterprises.helpers import add_enterprise

PERIOD = "2024-05"


def _children(ledger, table, survey_id):
    return {r["name"]: r["id"] for r in ledger.conn.execute(
        f"SELECT id, name FROM {table} WHERE survey_id = ? ORDER BY seq", (survey_id,))}


def _audit(ledger, table):
    return ledger.conn.execute("SELECT action, COUNT(*) FROM audit_log WHERE table_name = ? GROUP BY action",
                               (table,)).fetchall()


def test_survey_edit_keeps_child_ids_and_an_unchanged_save_writes_nothing(ledger):
    eid = add_enterprise(ledger, 1)
    inst = [{"name": "技术中心", "approver": "市工信局", "staff": "12"},
            {"name": "实验室", "approver": "企业自建", "staff": "5"}]
    values = {"period": PERIOD, "institutions": inst, "projects": [{"name": "瓦斯利用研究", "staff": "6"}]}
    sid = surveys.save(ledger, eid, values)
    first = _children(ledger, "survey_institutions", sid)
    project = _children(ledger, "survey_projects", sid)

    logged = _audit(ledger, "survey_institutions") + _audit(ledger, "survey_projects")
    surveys.save(ledger, eid, values, sid)
    assert _children(ledger, "survey_institutions", sid) == first
    assert _audit(ledger, "survey_institutions") + _audit(ledger, "survey_projects") == logged  # nothing rewritten

    # one row edited, one renamed in place (same row of the form), a project renamed: every id kept
    edited = {**values, "institutions": [{**inst[0], "staff": "15"}, {"name": "中试基地", "approver": "县科技局"}],
              "projects": [{"name": "瓦斯利用研究（二期）", "staff": "6"}]}
    surveys.save(ledger, eid, edited, sid)
    now = _children(ledger, "survey_institutions", sid)
    assert now == {"技术中心": first["技术中心"], "中试基地": first["实验室"]}
    assert list(_children(ledger, "survey_projects", sid).values()) == list(project.values())
    # a row taken off goes, and only it
    surveys.save(ledger, eid, {**edited, "institutions": edited["institutions"][1:]}, sid)
    assert _children(ledger, "survey_institutions", sid) == {"中试基地": first["实验室"]}
    surveys.save(ledger, eid, edited, sid)
    staff = ledger.conn.execute("SELECT staff FROM survey_institutions WHERE name = '技术中心'").fetchone()[0]
    assert staff == 15


def test_reordered_rows_keep_their_ids(ledger):
    eid = add_enterprise(ledger, 2)
    inst = [{"name": "甲中心", "approver": "市工信局"}, {"name": "乙中心", "approver": "省科技厅"}]
    sid = surveys.save(ledger, eid, {"period": PERIOD, "institutions": inst})
    first = _children(ledger, "survey_institutions", sid)
    surveys.save(ledger, eid, {"period": PERIOD, "institutions": inst[::-1]}, sid)
    now = _children(ledger, "survey_institutions", sid)
    assert now == first and list(now) == ["乙中心", "甲中心"]
