"""督办事项 on the 13710 rhythm; targets on tasks with counted actuals; the task tree."""

import json
from datetime import date

import pytest

from desktop_app.domain import schedule
from desktop_app.errors import ValidationError
from desktop_app.services import metrics, tasks
from desktop_app.services.tasks import supervision, task_targets
from tests.conftest import file_state

TODAY = date(2026, 11, 21)


def item(**kw):
    return {"title": "督促企业建立研发机构", "assigned_on": "2026-11-16", "department": "县工信局", **kw}


def test_ordinary_item_walks_the_13710_steps(ledger):
    iid = supervision.save(ledger, item(), today=TODAY)
    it = supervision.get(ledger, iid, today=TODAY)
    assert (it.schedule.plan, it.schedule.progress, it.schedule.close) == (
        date(2026, 11, 16), date(2026, 11, 19), date(2026, 11, 23))
    assert it.state.step == schedule.PLAN and it.countdown_text == "逾期 5 天"
    supervision.mark_step(ledger, iid, schedule.PLAN, date(2026, 11, 16), today=TODAY)
    supervision.mark_step(ledger, iid, schedule.PROGRESS, date(2026, 11, 18), today=TODAY)
    it = supervision.get(ledger, iid, today=TODAY)
    assert it.state.step == schedule.CLOSE and it.countdown_text == "还剩 2 天" and it.next_step_text == "办结销号"
    with pytest.raises(ValidationError, match="销号时请写明办结情况"):
        supervision.mark_step(ledger, iid, schedule.CLOSE, today=TODAY)
    supervision.mark_step(ledger, iid, schedule.CLOSE, note="已全部建立", today=TODAY)
    it = supervision.get(ledger, iid, today=TODAY)
    assert it.state.closed and it.countdown_text == "已销号" and it.state.late_steps == ()


def test_major_item_with_written_timeline(ledger):
    iid = supervision.save(ledger, item(major=True, timeline="2027-03-31"), today=TODAY)
    it = supervision.get(ledger, iid, today=TODAY)
    assert it.schedule.close == date(2027, 3, 31) and it.kind_text == "重大"
    with pytest.raises(ValidationError, match="只有重大事项") as err:
        supervision.save(ledger, item(timeline="2027-03-31"), today=TODAY)
    assert err.value.field == "timeline"


@pytest.mark.parametrize("values, field", [
    (item(title=""), "title"),
    (item(assigned_on="2026-11-30"), "assigned_on"),      # in the future
    (item(planned_on="2026-11-10"), "planned_on"),        # before assignment
    (item(major=True, timeline="2026-11-01"), "timeline"),
])
def test_bad_items(ledger, values, field):
    before = file_state(ledger.path)
    with pytest.raises(ValidationError) as err:
        supervision.save(ledger, values, today=TODAY)
    assert err.value.field == field
    assert file_state(ledger.path) == before


def test_demo_items_are_in_every_state(demo_ledger):
    found = supervision.items(demo_ledger)
    s = supervision.summary(found)
    assert s["total"] == 6 and s["closed"] == 2 and s["overdue"] >= 1
    assert not found[0].state.closed and found[-1].state.closed  # open and urgent first
    assert [i.state.days_left for i in found if not i.state.closed] == sorted(
        i.state.days_left for i in found if not i.state.closed)
    assert any(i.state.late_steps for i in found if i.state.closed)  # one was closed late


def test_builtin_targets_hang_on_their_task_with_counted_actuals(demo_ledger):
    task_id = demo_ledger.conn.execute("SELECT id FROM tasks WHERE name = '培育高新技术企业'").fetchone()[0]
    rows = task_targets.for_task(demo_ledger, task_id)
    assert [r.indicator for r in rows] == ["高新技术企业数"]
    year = rows[0].years[0]
    assert year.year == 2023 and year.value == 10
    assert year.actual == metrics.enterprise_title_count(demo_ledger, "高新技术企业", at=date(2023, 12, 31))
    assert rows[0].countable and "高新技术企业" in rows[0].metric_text


def test_add_a_countable_target(demo_ledger):
    task_id = demo_ledger.conn.execute("SELECT id FROM tasks WHERE name = '支持企业建设研发机构'").fetchone()[0]
    tid = task_targets.save(demo_ledger, task_id, {
        "indicator": "省级以上企业技术中心数", "measure_unit": "家", "year_values": "2026:3；2027：5",
        "kind": "platform_count", "platform_type": "企业技术中心", "level": "省级"})
    row = next(r for r in task_targets.for_task(demo_ledger, task_id) if r.id == tid)
    assert json.loads(demo_ledger.conn.execute("SELECT metric FROM targets WHERE id = ?", (tid,)).fetchone()[0]) == \
        {"kind": "platform_count", "types": ["企业技术中心"], "min_level": "省级"}
    assert [(y.year, y.value) for y in row.years] == [(2026, 3), (2027, 5)]
    expected = metrics.platform_count(demo_ledger, types=["企业技术中心"], min_level="省级", at=date.today())
    assert row.years[0].actual == expected
    assert task_targets.format_year_values(row.years) == "2026:3；2027:5"


@pytest.mark.parametrize("text, message", [
    ("", "请填写目标年份"), ("10家", "应写成 年份:目标值"), ("2023:10；2023:12", "写了两次"), ("1999:3", "不合理"),
])
def test_bad_target_values(text, message):
    with pytest.raises(ValidationError, match=message):
        task_targets.parse_year_values(text)


def test_tree_and_cascading_delete(demo_ledger):
    doc = next(d for d in tasks.tree(demo_ledger) if d.doc_no == "沁办发〔2020〕24号")
    assert doc.counts() == (9, 24, 71)
    first = doc.key_tasks[0].tasks[0].assignments[0]
    assert first.department == "县发改局" and first.role_text == "牵头" and first.latest is not None
    key = doc.key_tasks[0]
    assert tasks.delete_node(demo_ledger, "key_tasks", key.id) == 7
    doc = next(d for d in tasks.tree(demo_ledger) if d.id == doc.id)
    assert doc.counts() == (8, 21, 64)


def test_assignment_contacts_and_duplicates(ledger):
    doc = tasks.save_document(ledger, {"title": "测试方案"})
    key = tasks.save_key_task(ledger, doc, {"name": "行动一"})
    with pytest.raises(ValidationError, match="序号 1 已用于“行动一”"):
        tasks.save_key_task(ledger, doc, {"name": "行动二", "seq": "1"})
    task = tasks.save_task(ledger, key, {"name": "任务一"})
    aid = tasks.save_assignment(ledger, task, {"department": "县教育局", "role": "lead", "contacts": [
        {"leader": "郝金龙", "section": "科技业务股", "handler": "王 慧"}, {"leader": "", "section": "", "handler": ""},
        {"leader": "王书明", "section": "职成教股", "handler": "侯志强"}]})
    assert [c["leader"] for c in tasks.contacts_of(ledger, aid)] == ["郝金龙", "王书明"]
    with pytest.raises(ValidationError, match="已是本任务的责任单位"):
        tasks.save_assignment(ledger, task, {"department": "县教育局"})
