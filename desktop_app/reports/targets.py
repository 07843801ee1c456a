"""目标完成情况表: indicator, baseline, target, actual, completion and on-track, for a year.

A4 landscape. The 文件 cell is merged over the targets of one document; the
rule the 进度 column follows is printed under the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.reports.merges import merged_runs
from desktop_app.reports.model import Column, Furniture, HeaderCell, TableForm

FORM_ID = "targets"
FORM_VERSION = "1"


@dataclass(frozen=True)
class TargetLine:
    document: str
    indicator: str
    measure_unit: str
    baseline: str        # "8（2020年）" or ""
    target: str          # "13"
    target_year: str     # "2025"
    required: str        # 本年应达
    actual: str
    completion: float | None
    status: str          # 达标 / 未达标 / 达到进度 / 滞后 / ""
    source: str          # 台账统计 / typed source note / 未填报


def targets_form(lines: Sequence[TargetLine], *, year: int, scope: str, unit: str, furniture: Furniture,
                 notes: Sequence[str]) -> TableForm:
    columns = (
        Column("document", i18n.tr("文件"), width=25),
        Column("seq", i18n.tr("序号"), width=9, kind="int"),
        Column("indicator", i18n.tr("指标"), width=52, align="left"),
        Column("unit", i18n.tr("单位"), width=10),
        Column("baseline", i18n.tr("基线"), width=23),
        Column("target", i18n.tr("目标值"), width=14, align="right"),
        Column("target_year", i18n.tr("目标年"), width=12),
        Column("required", i18n.tr("本年应达"), width=14, align="right"),
        Column("actual", i18n.tr("实际值"), width=14, align="right"),
        Column("completion", i18n.tr("完成率"), width=16, align="right", kind="percent"),
        Column("status", i18n.tr("进度"), width=15),
        Column("source", i18n.tr("实际值来源"), width=32, align="left"),
    )
    header = (
        HeaderCell(i18n.tr("文件"), 0, 0, rowspan=2), HeaderCell(i18n.tr("序号"), 0, 1, rowspan=2),
        HeaderCell(i18n.tr("指标"), 0, 2, rowspan=2), HeaderCell(i18n.tr("单位"), 0, 3, rowspan=2),
        HeaderCell(i18n.tr("基线"), 0, 4, rowspan=2),
        HeaderCell(i18n.tr("目标"), 0, 5, colspan=2), HeaderCell(i18n.tr("目标值"), 1, 5), HeaderCell(i18n.tr("目标年"), 1, 6),
        HeaderCell(i18n.tr("{y}年完成情况").format(y=year), 0, 7, colspan=4),
        HeaderCell(i18n.tr("本年应达"), 1, 7), HeaderCell(i18n.tr("实际值"), 1, 8), HeaderCell(i18n.tr("完成率"), 1, 9),
        HeaderCell(i18n.tr("进度"), 1, 10),
        HeaderCell(i18n.tr("实际值来源"), 0, 11, rowspan=2),
    )
    rows = [(ln.document, i, ln.indicator, ln.measure_unit, ln.baseline, ln.target, ln.target_year, ln.required,
             ln.actual, ln.completion, ln.status, ln.source) for i, ln in enumerate(lines, start=1)]
    spans = merged_runs([ln.document for ln in lines], 0)
    done = sum(1 for ln in lines if ln.status in (i18n.tr("达标"), i18n.tr("达到进度")))
    judged = sum(1 for ln in lines if ln.status)
    subtitle = i18n.tr("（{scope}，{y}年；{n} 项指标，已判断 {j} 项，达标或达到进度 {d} 项）").format(
        scope=scope or i18n.tr("全部地区"), y=year, n=len(lines), j=judged, d=done)
    return TableForm(
        form_id=FORM_ID, version=FORM_VERSION, title=i18n.tr("目标完成情况表"), subtitle=subtitle, columns=columns,
        header=header, rows=rows, spans=spans, orientation="landscape", furniture=furniture, unit=unit,
        period=str(year), notes=tuple(notes), sheet_name=i18n.tr("目标完成情况"))
