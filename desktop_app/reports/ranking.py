"""通报排名: responsible units ranked by on-time reporting and completion, the rule printed below."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.reports.model import Column, Furniture, HeaderCell, TableForm, Tagged, Totals

FORM_ID = "ranking"
FORM_VERSION = "1"


@dataclass(frozen=True)
class RankingLine:
    rank: Tagged         # 1, or 2 tagged "（并列）"
    department: str
    due: int
    on_time: int
    late: int
    missing: int
    on_time_rate: float  # fraction
    done: int
    on_track: int
    behind: int
    completion_rate: float
    days_late: int


@dataclass(frozen=True)
class RankingHeader:
    period_label: str
    unit: str = ""
    rule: str = ""
    extra_notes: tuple[str, ...] = ()
    date: str | None = None
    filler: str | None = None
    phone: str | None = None
    reviewer: str | None = None
    label: str = ""


def _columns() -> tuple[Column, ...]:
    return (
        Column("rank", i18n.tr("名次"), width_mm=25, kind="int"),
        Column("department", i18n.tr("责任单位"), width=40),
        Column("due", i18n.tr("应报"), width=9, kind="int"),
        Column("on_time", i18n.tr("按时"), width=9, kind="int"),
        Column("late", i18n.tr("逾期"), width=9, kind="int"),
        Column("missing", i18n.tr("未报"), width=9, kind="int"),
        Column("on_time_rate", i18n.tr("按时报送率"), width=14, kind="percent"),
        Column("done", i18n.tr("已完成"), width=10, kind="int"),
        Column("on_track", i18n.tr("推进中"), width=10, kind="int"),
        Column("behind", i18n.tr("滞后"), width=9, kind="int"),
        Column("completion_rate", i18n.tr("完成率"), width=14, kind="percent"),
        Column("days_late", i18n.tr("累计逾期天数"), width=14, kind="int"),
    )


def _header() -> tuple[HeaderCell, ...]:
    return (
        HeaderCell(i18n.tr("名次"), 0, 0, rowspan=2),
        HeaderCell(i18n.tr("责任单位"), 0, 1, rowspan=2),
        HeaderCell(i18n.tr("报送情况（条）"), 0, 2, colspan=4),
        HeaderCell(i18n.tr("应报"), 1, 2), HeaderCell(i18n.tr("按时"), 1, 3), HeaderCell(i18n.tr("逾期"), 1, 4),
        HeaderCell(i18n.tr("未报"), 1, 5),
        HeaderCell(i18n.tr("按时报送率"), 0, 6, rowspan=2),
        HeaderCell(i18n.tr("推进状态（条）"), 0, 7, colspan=3),
        HeaderCell(i18n.tr("已完成"), 1, 7), HeaderCell(i18n.tr("推进中"), 1, 8), HeaderCell(i18n.tr("滞后"), 1, 9),
        HeaderCell(i18n.tr("完成率"), 0, 10, rowspan=2),
        HeaderCell(i18n.tr("累计逾期天数"), 0, 11, rowspan=2),
    )


def build_ranking_form(lines: Sequence[RankingLine], header: RankingHeader) -> TableForm:
    rows = [(ln.rank, ln.department, ln.due, ln.on_time, ln.late, ln.missing, ln.on_time_rate, ln.done,
             ln.on_track, ln.behind, ln.completion_rate, ln.days_late) for ln in lines]
    return TableForm(
        form_id=FORM_ID,
        version=FORM_VERSION,
        title=i18n.tr("{p}工作任务推进情况通报排名").format(p=header.period_label),
        columns=_columns(),
        header=_header(),
        rows=rows,
        totals=Totals(("due", "on_time", "late", "missing", "done", "on_track", "behind", "days_late"),
                      label_cols=2),
        notes=(header.rule, *header.extra_notes) if header.rule else header.extra_notes,
        orientation="landscape",
        furniture=Furniture(unit=header.unit or None, period=header.period_label, filler=header.filler,
                            phone=header.phone, reviewer=header.reviewer, date=header.date),
        unit=header.unit,
        period=header.period_label,
        label=header.label,
        sheet_name=i18n.tr("通报排名"),
    )
