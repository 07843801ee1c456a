"""月度推进情况表 from the month view: one form per policy document with tasks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from desktop_app import i18n
from desktop_app.domain import schedule
from desktop_app.domain.dates import cn_date
from desktop_app.domain.schedule import LATE, MISSING, ON_TIME
from desktop_app.errors import UserError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.model import TableForm
from desktop_app.reports.task_progress import (
    LATE_MARK,
    MISSING_MARK,
    ProgressHeader,
    ProgressLine,
    build_task_progress_form,
)
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ReportSpec
from desktop_app.services.tasks import progress
from desktop_app.services.tasks.progress import MonthRow, MonthView


def flag_text(row: MonthRow) -> str:
    c = row.check
    if c.state == ON_TIME:
        return i18n.tr("按时")
    if c.state == LATE:
        return LATE_MARK + i18n.tr("逾期{n}天").format(n=c.days_late)
    if c.state == MISSING:
        return MISSING_MARK + i18n.tr("未报送\n逾期{n}天").format(n=c.days_late)
    return i18n.tr("未到期")


def line(row: MonthRow) -> ProgressLine:
    dept = row.department + (i18n.tr("（牵头）") if row.role == "lead" else "")
    return ProgressLine(row.key_seq, row.key_task, row.task, dept, row.status or "", row.work_done, row.problems,
                        row.next_steps, flag_text(row))


def summary(view: MonthView, rows: list[MonthRow] | None = None) -> str:
    rows = view.rows if rows is None else rows
    n = {s: sum(r.check.state == s for r in rows) for s in schedule.ENTRY_STATES}
    states = view.task_states()
    ids = {r.task_id for r in rows}
    t = {s: sum(1 for tid in ids if states[tid] == s) for s in ("已完成", "推进中", "滞后", "未启动")}
    text = i18n.tr("本期应报 {due} 条：按时报送 {a} 条，逾期报送 {b} 条，未报送 {c} 条").format(
        due=len(rows), a=n[ON_TIME], b=n[LATE], c=n[MISSING])
    if n[schedule.PENDING]:
        text += i18n.tr("，未到期 {d} 条").format(d=n[schedule.PENDING])
    return text + i18n.tr("。具体任务 {k} 项：已完成 {a} 项，推进中 {b} 项，滞后 {c} 项，未启动 {d} 项。").format(
        k=len(ids), a=t["已完成"], b=t["推进中"], c=t["滞后"], d=t["未启动"])


def subset_summary(rows: list[MonthRow]) -> str:
    n = {s: sum(r.check.state == s for r in rows) for s in schedule.ENTRY_STATES}
    behind = sum(r.status == "滞后" for r in rows)
    return i18n.tr("共 {all} 条：逾期报送 {b} 条，未报送 {c} 条，报“滞后” {d} 条（有重叠的只列一次）。").format(
        all=len(rows), b=n[LATE], c=n[MISSING], d=behind)


def document_titles(ledger: Ledger) -> dict[str, str]:
    return {r[0]: r[1] for r in ledger.conn.execute("SELECT id, title FROM documents")}


def forms_for(ledger: Ledger, view: MonthView, *, keep: Callable[[MonthRow], bool] = lambda r: True,
              title: str | None = None) -> list[TableForm]:
    """One 推进情况表 per document (rows in print order), optionally only some rows."""
    titles = document_titles(ledger)
    by_doc: dict[str, list[MonthRow]] = {}
    for r in view.rows:
        if keep(r):
            by_doc.setdefault(r.document_id, []).append(r)
    label = schedule.period_label(view.period)
    out = []
    for doc_id, rows in by_doc.items():
        header = ProgressHeader(document_title=titles.get(doc_id, ""), period_label=label, unit=ledger.unit.name,
                                due_text=cn_date(view.due),
                                summary=subset_summary(rows) if title else summary(view, rows),
                                date=cn_date(view.today), filler=ledger.operator, phone="", reviewer="")
        form = build_task_progress_form([line(r) for r in rows], header)
        if title:
            form = replace(form, title=title, subtitle="", sheet_name=title[:31])
        out.append(form)
    return out


def build(ledger: Ledger, params: dict[str, Any]):
    view = progress.month_view(ledger, params["period"])
    if not view.rows:
        raise UserError(i18n.tr("台账中还没有任务分工，无法生成月度推进情况表"))
    forms = forms_for(ledger, view)
    return forms[0] if len(forms) == 1 else forms


SPEC = ReportSpec(name="task-progress", title=QT_TRANSLATE_NOOP("i18n", "月度推进情况表"), build=build, params=("period",), order=11)
