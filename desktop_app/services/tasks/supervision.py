"""督办事项 (ad-hoc supervision items) on the 13710 rhythm, tracked until 销号.

A plan the same day, progress within 3 days, an ordinary item closed within
7 days, a major one within a month or by its written timeline. The dates come
from :func:`desktop_app.domain.schedule.supervision_schedule`; this module
stores the items and the days each step was done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app import i18n
from desktop_app.domain import schedule
from desktop_app.domain.schedule import SupervisionSchedule, SupervisionState
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import evidence, forms, units
from desktop_app.services.ledger import Ledger
from desktop_app.services.tasks.progress import office_rule

STEP_COLUMNS = {schedule.PLAN: "planned_on", schedule.PROGRESS: "progress_on", schedule.CLOSE: "closed_on"}


@dataclass
class Item:
    id: str
    title: str
    detail: str
    major: bool
    assigned_on: date
    department_id: str | None
    department: str
    task_id: str | None
    task: str
    timeline: date | None
    done: dict[str, date | None]
    close_note: str
    schedule: SupervisionSchedule
    state: SupervisionState
    today: date

    @property
    def kind_text(self) -> str:
        return i18n.tr("重大") if self.major else i18n.tr("一般")

    @property
    def countdown_text(self) -> str:
        if self.state.closed:
            return i18n.tr("已销号")
        return schedule.countdown_text(self.state.due, self.today)

    @property
    def next_step_text(self) -> str:
        return schedule.step_label(self.state.step)


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


_SQL = ("SELECT s.*, COALESCE(dp.name, '') AS department, COALESCE(tk.name, '') AS task "
        "FROM supervision_items s LEFT JOIN departments dp ON dp.id = s.department_id "
        "LEFT JOIN tasks tk ON tk.id = s.task_id WHERE s.deleted_at IS NULL")


def _item(row: Any, rule: schedule.OfficeRule, today: date) -> Item:
    assigned, timeline = date.fromisoformat(row["assigned_on"]), _d(row["timeline"])
    sched = schedule.supervision_schedule(assigned, major=bool(row["major"]), timeline=timeline, rule=rule)
    done = {step: _d(row[col]) for step, col in STEP_COLUMNS.items()}
    return Item(row["id"], row["title"], row["detail"], bool(row["major"]), assigned, row["department_id"],
                row["department"], row["task_id"], row["task"], timeline, done, row["close_note"] or "",
                sched, schedule.supervision_state(sched, done, today), today)


def items(ledger: Ledger, *, today: date | None = None, open_only: bool = False) -> list[Item]:
    """All items: open ones first, the most urgent on top; closed ones after, newest first."""
    today = today or date.today()
    rule = office_rule(ledger)
    found = [_item(r, rule, today) for r in ledger.conn.execute(_SQL + " ORDER BY s.assigned_on")]
    if open_only:
        found = [i for i in found if not i.state.closed]
    return sorted(found, key=lambda i: (i.state.closed, i.state.days_left if not i.state.closed else 0,
                                         -(i.done[schedule.CLOSE] or i.assigned_on).toordinal()))


def get(ledger: Ledger, item_id: str, *, today: date | None = None) -> Item:
    row = ledger.conn.execute(_SQL + " AND s.id = ?", (item_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("督办事项不存在或已删除"))
    return _item(row, office_rule(ledger), today or date.today())


def values_of(item: Item) -> dict[str, Any]:
    """The item as dialog values."""
    return {"title": item.title, "detail": item.detail, "major": item.major,
            "assigned_on": item.assigned_on.isoformat(), "department": item.department,
            "task_id": item.task_id, "timeline": item.timeline.isoformat() if item.timeline else "",
            **{col: (item.done[step].isoformat() if item.done[step] else "") for step, col in STEP_COLUMNS.items()},
            "close_note": item.close_note}


def save(ledger: Ledger, values: dict[str, Any], item_id: str | None = None, *, today: date | None = None) -> str:
    today = today or date.today()
    title = forms.text(values, "title", i18n.tr("督办事项"), required=True)
    detail = forms.text(values, "detail", i18n.tr("督办内容"), max_len=2000)
    major = forms.flag(values, "major")
    assigned = forms.iso_date(values, "assigned_on", i18n.tr("交办日期"), required=True, not_after=today)
    timeline = forms.iso_date(values, "timeline", i18n.tr("书面时间表完成时限"))
    if timeline and not major:
        raise ValidationError("timeline", i18n.tr("只有重大事项可按书面时间表办结；一般事项 7 日内办结"))
    if timeline and timeline < assigned:
        raise ValidationError("timeline", i18n.tr("书面时间表完成时限 {t} 早于交办日期 {a}").format(t=timeline, a=assigned))
    steps = {}
    for step, col in STEP_COLUMNS.items():
        label = i18n.tr(schedule.STEP_LABELS[step]) + i18n.tr("日期")
        steps[col] = forms.iso_date(values, col, label, not_after=today)
        if steps[col] and steps[col] < assigned:
            raise ValidationError(col, i18n.tr("{label} {d} 早于交办日期 {a}").format(label=label, d=steps[col], a=assigned))
    note = forms.text(values, "close_note", i18n.tr("办结情况"), max_len=2000)
    if steps["closed_on"] and not note:
        raise ValidationError("close_note", i18n.tr("销号时请写明办结情况"))
    task_id = values.get("task_id") or None
    department = str(values.get("department") or "").strip()
    with ledger.write() as w:
        dept_id = units.ensure_department(ledger, department) if department else None
        record = {"title": title, "detail": detail, "major": major, "assigned_on": assigned,
                  "timeline": timeline, "department_id": dept_id, "task_id": task_id, "close_note": note, **steps}
        if item_id is None:
            return w.insert("supervision_items", record)
        get(ledger, item_id)
        w.update("supervision_items", item_id, record)
        return item_id


def mark_step(ledger: Ledger, item_id: str, step: str, on: date | None = None, note: str = "", *,
              today: date | None = None) -> None:
    """Record that ``step`` was done (方案 / 进展 / 销号) on ``on`` (default today)."""
    today = today or date.today()
    item = get(ledger, item_id, today=today)
    values = values_of(item)
    values[STEP_COLUMNS[step]] = (on or today).isoformat()
    if step == schedule.CLOSE:
        values["close_note"] = note or values["close_note"]
    save(ledger, values, item_id, today=today)


def delete(ledger: Ledger, item_id: str) -> None:
    with ledger.write() as w:
        get(ledger, item_id)
        w.soft_delete("supervision_items", item_id)


def summary(found: list[Item]) -> dict[str, int]:
    open_items = [i for i in found if not i.state.closed]
    return {"total": len(found), "open": len(open_items), "closed": len(found) - len(open_items),
            "overdue": sum(i.state.overdue for i in open_items),
            "due_soon": sum(0 <= i.state.days_left <= 3 for i in open_items)}


def save_files(ledger: Ledger, item_id: str, attach: list = (), detach: list[str] = ()) -> None:
    """印证材料 of an item (a written timeline, 办结 materials): added and removed in one write."""
    with ledger.write():
        get(ledger, item_id)
        for evidence_id in detach:
            evidence.remove(ledger, evidence_id)
        for path in attach:
            evidence.attach(ledger, "supervision_items", item_id, path)
