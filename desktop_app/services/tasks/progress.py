"""Monthly progress (调度): one entry per assignment and period, its due date and lateness.

The entry for period YYYY-MM is due the 1st of the next month
(:func:`desktop_app.domain.schedule.due_date`); whether a date that falls on a
weekend moves to Monday is this office's setting (:func:`office_rule`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app import i18n
from desktop_app.domain import periods as period_rule
from desktop_app.domain import schedule
from desktop_app.domain.dates import parse_date
from desktop_app.domain.ranking import Ranked, UnitStats, rank_units, task_state
from desktop_app.domain.schedule import EntryCheck, OfficeRule, check_entry
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import catalogs, evidence, forms, periods
from desktop_app.services.ledger import Ledger

WEEKEND_KEY = "schedule.weekend_to_monday"
HOLIDAYS_KEY = "schedule.holidays"
TEXT_MAX = 2000


def office_rule(ledger: Ledger) -> OfficeRule:
    """This office's due-date rule (settings; default: the 1st stays the 1st)."""
    on = ledger.setting(WEEKEND_KEY, "0") == "1"
    days = frozenset(date.fromisoformat(d) for d in json.loads(ledger.setting(HOLIDAYS_KEY, "[]") or "[]"))
    return OfficeRule(weekend_to_monday=on, holidays=days)


def parse_holidays(text: str) -> list[str]:
    """Holidays typed one per line or separated by commas / spaces (2026-10-01)."""
    out = []
    for part in text.replace("，", ",").replace("、", ",").replace("\n", ",").replace(" ", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            out.append(parse_date(part).isoformat())
        except ValueError:
            raise ValidationError("holidays", i18n.tr("节假日“{d}”不是有效日期（格式：2026-10-01）").format(d=part)) from None
    return sorted(set(out))


def set_office_rule(ledger: Ledger, weekend_to_monday: bool, holidays: str | list[str] = "") -> None:
    days = parse_holidays(holidays) if isinstance(holidays, str) else sorted(set(holidays))
    with ledger.write():
        ledger.set_setting(WEEKEND_KEY, "1" if weekend_to_monday else "0")
        ledger.set_setting(HOLIDAYS_KEY, json.dumps(days))


def this_period(today: date | None = None) -> str:
    """The period whose entries fall due this month (last month's): the default rule without data."""
    return period_rule.default_period(today)


def period_choices(today: date | None = None, months: int = 13) -> list[str]:
    """The current month and the ``months - 1`` before it, newest first."""
    now = schedule.period_of(today or date.today())
    return [schedule.shift_period(now, -i) for i in range(months)]


def check_period(value: str, *, today: date | None = None, key: str = "period") -> str:
    """A period typed by a clerk (``domain.periods``), not after the current month."""
    return periods.check_period(value, today=today, key=key)


# ---- entries ---------------------------------------------------------------

def get_entry(ledger: Ledger, assignment_id: str, period: str) -> dict[str, Any] | None:
    row = ledger.conn.execute(
        "SELECT * FROM progress_entries WHERE assignment_id = ? AND period = ? AND deleted_at IS NULL",
        (assignment_id, period)).fetchone()
    return dict(row) if row else None


def entry_by_id(ledger: Ledger, entry_id: str) -> dict[str, Any]:
    row = ledger.conn.execute("SELECT * FROM progress_entries WHERE id = ? AND deleted_at IS NULL",
                              (entry_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("进展记录不存在或已删除"))
    return dict(row)


def history(ledger: Ledger, assignment_id: str) -> list[dict[str, Any]]:
    """Every month reported for one assignment, newest first."""
    return [dict(r) for r in ledger.conn.execute(
        "SELECT * FROM progress_entries WHERE assignment_id = ? AND deleted_at IS NULL ORDER BY period DESC",
        (assignment_id,))]


@dataclass(frozen=True)
class ScheduleLine:
    """One month of an assignment's schedule: the entry (if any), its late flag, its files."""

    period: str
    entry: dict[str, Any] | None
    check: EntryCheck
    evidence_files: int


def assignment_schedule(ledger: Ledger, assignment_id: str, today: date | None = None) -> list[ScheduleLine]:
    """Every month reported, plus the month due now and the current one, newest first, each checked
    against the due-date rule of this office."""
    today = today or date.today()
    rule = office_rule(ledger)
    entries = {e["period"]: e for e in history(ledger, assignment_id)}
    months = sorted(set(entries) | {this_period(today), schedule.period_of(today)}, reverse=True)
    out = []
    for p in months:
        e = entries.get(p)
        submitted = date.fromisoformat(e["submitted_on"]) if e and e["submitted_on"] else None
        out.append(ScheduleLine(p, e, check_entry(p, submitted, today, rule),
                                evidence.count(ledger, "progress_entries", e["id"]) if e else 0))
    return out


def save_entry(ledger: Ledger, assignment_id: str, values: dict[str, Any], *,
               today: date | None = None, attach: Sequence[Path | str] = (), detach: Sequence[str] = ()) -> str:
    """Create or replace the entry of one assignment for one period (values: period, status, …).

    Evidence files to ``attach`` (paths) and to ``detach`` (evidence ids) are
    written in the same transaction: a file that cannot be read leaves
    nothing saved.
    """
    today = today or date.today()
    period = check_period(values.get("period", ""), today=today)
    status = forms.choice(values, "status", i18n.tr("推进状态"), catalogs.progress_statuses(), required=True)
    work = forms.text(values, "work_done", i18n.tr("工作进展"), max_len=TEXT_MAX)
    problems = forms.text(values, "problems", i18n.tr("存在问题"), max_len=TEXT_MAX)
    next_steps = forms.text(values, "next_steps", i18n.tr("下步打算"), max_len=TEXT_MAX)
    if status != "未启动" and not work:
        raise ValidationError("work_done", i18n.tr("请填写本月工作进展（状态为“{s}”）").format(s=status))
    if status == "滞后" and not problems:
        raise ValidationError("problems", i18n.tr("状态为“滞后”时请写明存在问题"))
    submitted = forms.iso_date(values, "submitted_on", i18n.tr("报送日期"), required=True, not_after=today)
    if submitted < f"{period}-01":
        raise ValidationError("submitted_on", i18n.tr("报送日期 {d} 早于报送期 {p}").format(d=submitted, p=period))
    record = {"assignment_id": assignment_id, "period": period, "status": status, "work_done": work,
              "problems": problems, "next_steps": next_steps, "submitted_on": submitted}
    with ledger.write() as w:
        if not ledger.conn.execute("SELECT 1 FROM assignments WHERE id = ? AND deleted_at IS NULL",
                                   (assignment_id,)).fetchone():
            raise UserError(i18n.tr("任务分工记录不存在或已删除"))
        old = get_entry(ledger, assignment_id, period)
        if old:
            w.update("progress_entries", old["id"], record)
            entry_id = old["id"]
        else:
            entry_id = w.insert("progress_entries", record)
        for evidence_id in detach:
            evidence.remove(ledger, evidence_id)
        for path in attach:
            evidence.attach(ledger, "progress_entries", entry_id, path)
        return entry_id


def delete_entry(ledger: Ledger, entry_id: str) -> None:
    with ledger.write() as w:
        entry_by_id(ledger, entry_id)
        w.soft_delete("progress_entries", entry_id)


# ---- the month view --------------------------------------------------------

@dataclass(slots=True)
class MonthRow:
    assignment_id: str
    entry_id: str | None
    document_id: str
    key_seq: int
    key_task: str
    task_id: str
    task: str
    department_id: str
    department: str
    role: str
    handler: str
    status: str | None
    work_done: str
    problems: str
    next_steps: str
    submitted_on: date | None
    evidence: int
    check: EntryCheck

    @property
    def flag_text(self) -> str:
        return self.check.text


@dataclass
class MonthView:
    period: str
    today: date
    due: date
    rows: list[MonthRow]
    units: list[UnitStats] = field(default_factory=list)

    def ranked(self) -> list[Ranked]:
        return rank_units(self.units)

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in schedule.ENTRY_STATES}
        for r in self.rows:
            out[r.check.state] += 1
        return out

    def task_states(self) -> dict[str, str]:
        """Each concrete task's month (已完成 / 推进中 / 滞后 / 未启动)."""
        by_task: dict[str, tuple[list, list]] = {}
        for r in self.rows:
            statuses, missing = by_task.setdefault(r.task_id, ([], []))
            statuses.append(r.status)
            missing.append(r.check.state == schedule.MISSING)
        return {tid: task_state(s, m) for tid, (s, m) in by_task.items()}


_STRUCTURE_SQL = """
SELECT a.id, kt.document_id, kt.seq, kt.name, tk.id, tk.name, dp.id, dp.name, a.role,
       (SELECT group_concat(c.handler, ' ') FROM assignment_contacts c WHERE c.assignment_id = a.id), dp.seq
FROM assignments a
JOIN tasks tk ON tk.id = a.task_id AND tk.deleted_at IS NULL
JOIN key_tasks kt ON kt.id = tk.key_task_id AND kt.deleted_at IS NULL
JOIN documents d ON d.id = kt.document_id AND d.deleted_at IS NULL
JOIN departments dp ON dp.id = a.department_id
WHERE a.deleted_at IS NULL
ORDER BY d.issued_on, kt.seq, tk.seq, a.seq
"""
# Every write to these tables leaves an audit row (db.records.Writer), so the newest audit
# row of each is a cheap version stamp for the task structure ("*": a demo refill).
_STRUCTURE_TABLES = ("documents", "key_tasks", "tasks", "assignments", "assignment_contacts", "departments", "*")
_structure_cache: dict[int, tuple[Any, tuple, list[tuple]]] = {}


def _structure(ledger: Ledger) -> list[tuple]:
    """Every live assignment in print order, with its task, key task and unit (cached per version)."""
    conn = ledger.conn
    stamp = tuple(conn.execute(
        f"SELECT table_name, MAX(seq) FROM audit_log WHERE table_name IN ({','.join('?' * len(_STRUCTURE_TABLES))}) "
        "GROUP BY table_name ORDER BY table_name", _STRUCTURE_TABLES))
    stamp += (conn.execute("PRAGMA data_version").fetchone()[0],)
    cached = _structure_cache.get(id(conn))
    if cached and cached[0] is conn and cached[1] == stamp:
        return cached[2]
    rows = [tuple(r) for r in conn.execute(_STRUCTURE_SQL)]
    if len(_structure_cache) > 4:
        _structure_cache.clear()
    _structure_cache[id(conn)] = (conn, stamp, rows)
    return rows


def month_view(ledger: Ledger, period: str, *, today: date | None = None,
               document_id: str | None = None) -> MonthView:
    """Every assignment's entry for ``period``: what is in, what is late, what is missing, per unit."""
    today = today or date.today()
    rule = office_rule(ledger)
    entries = {r[0]: r for r in ledger.conn.execute(
        "SELECT assignment_id, id, status, work_done, problems, next_steps, submitted_on FROM progress_entries "
        "WHERE period = ? AND deleted_at IS NULL", (period,))}
    files = dict(ledger.conn.execute(
        "SELECT owner_id, COUNT(*) FROM evidence_files WHERE owner_table = 'progress_entries' "
        "AND deleted_at IS NULL GROUP BY owner_id").fetchall())
    rows: list[MonthRow] = []
    units: dict[str, UnitStats] = {}
    checks: dict[str | None, tuple[EntryCheck, date | None]] = {}
    none = (None,) * 7
    for aid, doc, key_seq, key, tid, task, dept_id, dept, role, handler, dept_seq in _structure(ledger):
        if document_id and doc != document_id:
            continue
        _a, entry_id, status, work, problems, steps, submitted = entries.get(aid, none)
        known = checks.get(submitted)
        if known is None:  # many entries share a date: parse it and judge it once
            day = date.fromisoformat(submitted) if submitted else None
            known = checks[submitted] = (check_entry(period, day, today, rule), day)
        check, day = known
        rows.append(MonthRow(aid, entry_id, doc, key_seq, key, tid, task, dept_id, dept, role, handler or "", status,
                             work or "", problems or "", steps or "", day, files.get(entry_id, 0), check))
        stats = units.get(dept_id)
        if stats is None:
            stats = units[dept_id] = UnitStats(dept, order=dept_seq)
        stats.add(check, status)
    due = schedule.due_date(schedule.MONTHLY, period, rule=rule)
    return MonthView(period, today, due, rows, sorted(units.values(), key=lambda s: (s.order, s.unit)))
