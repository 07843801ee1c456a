"""月度推进情况表: each assignment's month — status, work done, problems, next steps, late flag.

Laid out like the task list it reports on (000 附件2): 序号 and 重点任务
merged over a key task, 具体任务 over its units; A4 landscape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.reports.merges import nested_spans
from desktop_app.reports.model import Column, Furniture, HeaderCell, Span, TableForm

FORM_ID = "task-progress"
FORM_VERSION = "1"
LATE_MARK = "▲"      # reported after the due date
MISSING_MARK = "●"   # not reported


@dataclass(frozen=True)
class ProgressLine:
    key_seq: int
    key_task: str
    task: str
    department: str   # with （牵头） for the lead unit
    status: str       # 未启动 / 推进中 / 已完成 / 滞后, "" when not reported
    work_done: str
    problems: str
    next_steps: str
    flag: str         # 按时 / ▲逾期3天 (reported late) / ●未报送 逾期20天 / 未到期


@dataclass(frozen=True)
class ProgressHeader:
    document_title: str
    period_label: str    # 2026年10月
    unit: str = ""
    due_text: str = ""   # 2026年11月1日
    summary: str = ""    # 应报 71 条，按时 …
    date: str | None = None
    filler: str | None = None
    phone: str | None = None
    reviewer: str | None = None
    label: str = ""


def _columns() -> tuple[Column, ...]:
    return (
        Column("key_seq", i18n.tr("序号"), width_mm=10, kind="int"),
        Column("key_task", i18n.tr("重点任务"), width=15),
        Column("task", i18n.tr("具体任务"), width=22),
        Column("department", i18n.tr("责任单位"), width=21),
        Column("status", i18n.tr("推进状态"), width_mm=15),
        Column("work_done", i18n.tr("本月工作进展"), width=44, align="left"),
        Column("problems", i18n.tr("存在问题"), width=28, align="left"),
        Column("next_steps", i18n.tr("下步打算"), width=28, align="left"),
        Column("flag", i18n.tr("报送情况"), width_mm=24),
    )


def _header() -> tuple[HeaderCell, ...]:
    return tuple(HeaderCell(c.title, 0, i) for i, c in enumerate(_columns()))


def progress_spans(lines: Sequence[ProgressLine]) -> list[Span]:
    return nested_spans([([(ln.key_seq, ln.key_task) for ln in lines], (0, 1)),
                         ([ln.task for ln in lines], (2,))])


def notes(header: ProgressHeader) -> list[str]:
    out = [i18n.tr("说明：报送截止日为{due}（每月1日前报送上月情况）；“{late}”为逾期报送及逾期天数，“{missing}”为截至填报日期仍未报送。").format(
        due=header.due_text, late=LATE_MARK, missing=MISSING_MARK)]
    if header.summary:
        out.append(header.summary)
    return out


def build_task_progress_form(lines: Sequence[ProgressLine], header: ProgressHeader) -> TableForm:
    rows = [(ln.key_seq, ln.key_task, ln.task, ln.department, ln.status, ln.work_done, ln.problems,
             ln.next_steps, ln.flag) for ln in lines]
    return TableForm(
        form_id=FORM_ID,
        version=FORM_VERSION,
        title=i18n.tr("贯彻落实《{d}》工作任务月度推进情况表").format(d=header.document_title),
        subtitle=i18n.tr("（{p}）").format(p=header.period_label),
        columns=_columns(),
        header=_header(),
        rows=rows,
        spans=progress_spans(lines),
        notes=notes(header),
        orientation="landscape",
        furniture=Furniture(unit=header.unit or None, period=header.period_label, filler=header.filler,
                            phone=header.phone, reviewer=header.reviewer, date=header.date),
        unit=header.unit,
        period=header.period_label,
        label=header.label,
        sheet_name=i18n.tr("月度推进情况表"),
    )
