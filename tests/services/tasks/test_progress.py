"""Monthly progress entries, the month view and the office's due-date setting."""

from datetime import date

import pytest

from desktop_app.domain import schedule
from desktop_app.errors import ValidationError
from desktop_app.services import demo, evidence, tasks
from desktop_app.services.tasks import progress
from tests.conftest import file_state

TODAY = date(2026, 11, 21)


@pytest.fixture
def one(ledger):
    """A ledger with one document, one task and two assignments."""
    doc = tasks.save_document(ledger, {"title": "测试方案", "doc_no": "沁测〔2026〕1号"})
    key = tasks.save_key_task(ledger, doc, {"name": "创新载体建设行动"})
    task = tasks.save_task(ledger, key, {"name": "打造双创要素集聚平台"})
    a = tasks.save_assignment(ledger, task, {"department": "县发改局", "role": "lead",
                                             "contacts": [{"leader": "王 锋", "section": "农经股", "handler": "刘海胜"}]})
    b = tasks.save_assignment(ledger, task, {"department": "县教育局", "contacts": []})
    return ledger, a, b


def entry(**kw):
    return {"period": "2026-10", "status": "推进中", "work_done": "召开推进会", "submitted_on": "2026-10-30", **kw}


@pytest.mark.parametrize("values, field, message", [
    (entry(period="2026-12"), "period", "报送期 2026-12 在将来"),
    (entry(period="2026/13"), "period", "格式不对"),
    (entry(status="完成"), "status", "不在可选范围内"),
    (entry(work_done=""), "work_done", "请填写本月工作进展"),
    (entry(status="滞后"), "problems", "请写明存在问题"),
    (entry(submitted_on="2026-09-30"), "submitted_on", "早于报送期"),
    (entry(submitted_on="2026-11-22"), "submitted_on", "晚于今天"),
    (entry(submitted_on="昨天"), "submitted_on", "不是有效日期"),
    (entry(work_done="x" * 2001), "work_done", "过长"),
])
def test_bad_entries_name_the_field_and_write_nothing(one, values, field, message):
    ledger, a, _ = one
    before = file_state(ledger.path)
    with pytest.raises(ValidationError, match=message) as err:
        progress.save_entry(ledger, a, values, today=TODAY)
    assert err.value.field == field
    assert file_state(ledger.path) == before


def test_month_view_flags_late_and_missing(one):
    ledger, a, b = one
    progress.save_entry(ledger, a, entry(submitted_on="2026-11-04"), today=TODAY)
    view = progress.month_view(ledger, "2026-10", today=TODAY)
    rows = {r.assignment_id: r for r in view.rows}
    assert rows[a].check.state == schedule.LATE and rows[a].check.days_late == 3
    assert rows[a].flag_text == "逾期 3 天报送" and rows[a].handler == "刘海胜"
    assert rows[b].check.state == schedule.MISSING and rows[b].check.days_late == 20
    assert view.due == date(2026, 11, 1)
    assert view.counts() == {"on_time": 0, "late": 1, "missing": 1, "pending": 0}
    assert list(view.task_states().values()) == ["滞后"]  # a unit has not reported
    # replacing the entry keeps one row per assignment and period
    progress.save_entry(ledger, a, entry(submitted_on="2026-10-31", status="已完成"), today=TODAY)
    assert len(progress.history(ledger, a)) == 1
    assert {r.assignment_id: r.check.state for r in progress.month_view(ledger, "2026-10", today=TODAY).rows}[a] \
        == schedule.ON_TIME


def test_weekend_setting_moves_the_due_date(one):
    ledger, a, _ = one
    progress.save_entry(ledger, a, entry(submitted_on="2026-11-02"), today=TODAY)  # 11-01 is a Sunday
    assert progress.month_view(ledger, "2026-10", today=TODAY).rows[0].check.state == schedule.LATE
    progress.set_office_rule(ledger, True, "2026-10-01，2026-10-02")
    assert progress.office_rule(ledger).holidays == {date(2026, 10, 1), date(2026, 10, 2)}
    view = progress.month_view(ledger, "2026-10", today=TODAY)
    assert view.due == date(2026, 11, 2) and view.rows[0].check.state == schedule.ON_TIME
    with pytest.raises(ValidationError, match="节假日“10月1日”不是有效日期"):
        progress.set_office_rule(ledger, True, "10月1日")


def test_units_are_counted_and_ranked(demo_ledger):
    period = demo.demo_periods()[1]
    view = progress.month_view(demo_ledger, period)
    assert len(view.rows) == 71
    assert sum(u.due for u in view.units) == 71
    counts = view.counts()
    assert counts["late"] > 0 and counts["missing"] > 0 and counts["on_time"] > 0
    assert sum(u.missing for u in view.units) == counts["missing"]
    ranked = view.ranked()
    assert [r.rank for r in ranked] == sorted(r.rank for r in ranked)
    # the best unit reported everything on time; the worst did not
    assert ranked[0].stats.on_time == ranked[0].stats.due
    assert ranked[-1].stats.on_time < ranked[-1].stats.due


def test_evidence_count_shows_in_the_view(one, tmp_path):
    ledger, a, _ = one
    entry_id = progress.save_entry(ledger, a, entry(), today=TODAY)
    scan = tmp_path / "纪要.pdf"
    scan.write_bytes(b"%PDF-1.4 minutes")
    evidence.attach(ledger, "progress_entries", entry_id, scan)
    assert progress.month_view(ledger, "2026-10", today=TODAY).rows[0].evidence == 1


def test_this_period_and_choices():
    assert progress.this_period(date(2026, 1, 5)) == "2025-12"
    assert progress.period_choices(date(2026, 1, 5), 3) == ["2026-01", "2025-12", "2025-11"]


def test_entry_with_files_is_one_write(one, tmp_path):
    ledger, a, _ = one
    good, empty = tmp_path / "纪要.pdf", tmp_path / "空.pdf"
    good.write_bytes(b"%PDF-1.4 minutes")
    empty.write_bytes(b"")
    before = file_state(ledger.path)
    with pytest.raises(ValidationError, match="空文件"):
        progress.save_entry(ledger, a, entry(), today=TODAY, attach=[good, empty])
    assert file_state(ledger.path) == before  # neither the entry nor the good file was kept
    entry_id = progress.save_entry(ledger, a, entry(), today=TODAY, attach=[good])
    files = evidence.list_files(ledger, "progress_entries", entry_id)
    assert [f.file_name for f in files] == ["纪要.pdf"]
    progress.save_entry(ledger, a, entry(), today=TODAY, detach=[files[0].id])
    assert evidence.count(ledger, "progress_entries", entry_id) == 0


def test_month_view_sees_every_change_to_the_task_list(one):
    ledger, a, b = one
    names = lambda: [(r.task, r.department) for r in progress.month_view(ledger, "2026-10", today=TODAY).rows]  # noqa: E731
    assert names() == [("打造双创要素集聚平台", "县发改局"), ("打造双创要素集聚平台", "县教育局")]
    task_id = ledger.conn.execute("SELECT task_id FROM assignments WHERE id = ?", (a,)).fetchone()[0]
    key_id = ledger.conn.execute("SELECT key_task_id FROM tasks WHERE id = ?", (task_id,)).fetchone()[0]
    tasks.save_task(ledger, key_id, {"name": "改名后的任务"}, task_id)
    assert names()[0][0] == "改名后的任务"
    tasks.delete(ledger, b)
    assert names() == [("改名后的任务", "县发改局")]
    other = ledger.reopen()  # a second connection (a background import) adds a unit
    try:
        tasks.save_assignment(other, task_id, {"department": "县科协"})
    finally:
        other.close()
    assert names() == [("改名后的任务", "县发改局"), ("改名后的任务", "县科协")]


def test_assignment_schedule_checks_every_month_against_the_office_rule(one):
    ledger, a, _ = one
    progress.save_entry(ledger, a, entry(period="2026-08", submitted_on="2026-09-03"), today=TODAY)
    lines = progress.assignment_schedule(ledger, a, TODAY)
    assert [x.period for x in lines] == ["2026-11", "2026-10", "2026-08"]
    by = {x.period: x for x in lines}
    assert by["2026-08"].check.state == schedule.LATE and by["2026-08"].entry["status"] == "推进中"
    assert by["2026-10"].entry is None and by["2026-10"].check.state == schedule.MISSING
    assert by["2026-11"].check.state == schedule.PENDING and by["2026-08"].evidence_files == 0
