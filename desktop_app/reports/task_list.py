"""工作任务清单: the task list with responsibilities (沁办发〔2020〕24号 附件2).

The layout below mirrors the seed: 序号 | 重点任务 | 具体任务 | 牵头部门及相关责任人
(责任单位 | 责任领导 | 责任科室 | 具体承办人), A4 landscape, with 序号 and
重点任务 merged over a key task, 具体任务 over its lines, and 责任单位 over
consecutive lines of the same unit within a task.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.reports.merges import nested_spans
from desktop_app.reports.model import Column, Furniture, HeaderCell, Span, TableForm

FORM_ID = "task-list"
FORM_VERSION = "1"


@dataclass(frozen=True)
class TaskListLine:
    key_seq: int  # 序号 of the key task (1..9)
    key_task: str  # 重点任务, e.g. 创新载体建设行动
    task: str  # 具体任务, e.g. 打造双创要素集聚平台
    department: str  # 责任单位
    leader: str  # 责任领导 — one cell, may hold several names ("刘建武 张 雁")
    section: str  # 责任科室
    handler: str  # 具体承办人


@dataclass(frozen=True)
class TaskListHeader:
    """Caption and furniture; None leaves a furniture item off the form."""

    document_title: str  # the plan, e.g. 关于打造创新生态小气候的实施方案（试行）
    unit: str = ""  # 填报单位 (also written to the Excel meta sheet)
    period: str = ""  # 报送期, e.g. 2026年3月
    date: str | None = None  # 填报日期
    filler: str | None = None
    phone: str | None = None
    reviewer: str | None = None
    label: str = ""  # e.g. 附件2 when printed as an attachment


def _columns() -> tuple[Column, ...]:
    return (
        Column("key_seq", i18n.tr("序号"), width=11, kind="int"),
        Column("key_task", i18n.tr("重点任务"), width=27),
        Column("task", i18n.tr("具体任务"), width=50),
        Column("department", i18n.tr("责任单位"), width=47),
        Column("leader", i18n.tr("责任领导"), width=25),
        Column("section", i18n.tr("责任科室"), width=56),
        Column("handler", i18n.tr("具体承办人"), width=26),
    )


def _header() -> tuple[HeaderCell, ...]:
    return (
        HeaderCell(i18n.tr("序号"), 0, 0, rowspan=2),
        HeaderCell(i18n.tr("重点任务"), 0, 1, rowspan=2),
        HeaderCell(i18n.tr("具体任务"), 0, 2, rowspan=2),
        HeaderCell(i18n.tr("牵头部门及相关责任人"), 0, 3, colspan=4),
        HeaderCell(i18n.tr("责任单位"), 1, 3),
        HeaderCell(i18n.tr("责任领导"), 1, 4),
        HeaderCell(i18n.tr("责任科室"), 1, 5),
        HeaderCell(i18n.tr("具体承办人"), 1, 6),
    )


def split_names(text: str) -> list[str]:
    """Names in one cell: "刘建武 张 雁" -> ["刘建武", "张 雁"].

    Official lists pad two-character names with a space ("张 雁") to line
    them up with three-character ones, so lone characters pair up again.
    """
    parts = text.split()
    names: list[str] = []
    i = 0
    while i < len(parts):
        if len(parts[i]) == 1 and i + 1 < len(parts) and len(parts[i + 1]) == 1:
            names.append(f"{parts[i]} {parts[i + 1]}")
            i += 2
        else:
            names.append(parts[i])
            i += 1
    return names


def _stack(text: str, *, names: bool) -> str:
    """One name or section per printed line, as in the seed."""
    items = split_names(text) if names else text.split()
    return "\n".join(items)


def task_list_spans(lines: Sequence[TaskListLine]) -> list[Span]:
    """序号/重点任务 over a key task, 具体任务 over a task, 责任单位 over a unit run."""
    return nested_spans([([(ln.key_seq, ln.key_task) for ln in lines], (0, 1)),
                         ([ln.task for ln in lines], (2,)),
                         ([ln.department for ln in lines], (3,))])


def build_task_list_form(lines: Sequence[TaskListLine], header: TaskListHeader) -> TableForm:
    """The 工作任务清单 form; ``lines`` in print order, grouped by key task and task."""
    rows = [
        (
            ln.key_seq,
            ln.key_task,
            ln.task,
            ln.department,
            _stack(ln.leader, names=True),
            _stack(ln.section, names=False),
            _stack(ln.handler, names=True),
        )
        for ln in lines
    ]
    title = i18n.tr("贯彻落实《{document}》工作任务清单").format(document=header.document_title)
    return TableForm(
        form_id=FORM_ID,
        version=FORM_VERSION,
        title=title,
        columns=_columns(),
        header=_header(),
        rows=rows,
        spans=task_list_spans(lines),
        orientation="landscape",
        furniture=Furniture(
            unit=header.unit or None,
            period=header.period or None,
            filler=header.filler,
            phone=header.phone,
            reviewer=header.reviewer,
            date=header.date,
        ),
        unit=header.unit,
        period=header.period,
        label=header.label,
        sheet_name=i18n.tr("工作任务清单"),
    )
