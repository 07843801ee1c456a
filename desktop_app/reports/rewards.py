"""奖补测算表: what each enterprise is owed for a year under the county's reward policy.

A4 landscape. The 企业（单位） cell is merged over its items; money in 万元
with a 合计 row. 一事一议 items without an amount print 待核定 and stay out
of the sums. The policy's no-double-award sentence and how it was applied
are printed under the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.reports.merges import merged_runs
from desktop_app.reports.model import Column, Furniture, HeaderCell, TableForm, Totals

FORM_ID = "rewards"
FORM_VERSION = "1"


@dataclass(frozen=True)
class RewardLine:
    holder: str          # enterprise or institution
    item: str            # 奖补事项: what happened (platform, certificate, person)
    clause: str          # 政策条款: "二、支持科技创新平台建设"
    on: str              # 认定时间
    standard: str        # 标准（万元）: "10", "最高 5", "一事一议"
    due: float | str     # 应奖（万元）, "待核定" while pending
    paid: float
    outstanding: float | str
    note: str


def rewards_form(lines: Sequence[RewardLine], *, year: int, basis: str, unit: str, furniture: Furniture,
                 notes: Sequence[str]) -> TableForm:
    columns = (  # numbers and dates fixed (mm) so they never wrap; the texts share the rest
        Column("holder", i18n.tr("企业（单位）"), width=1.0),
        Column("seq", i18n.tr("序号"), width_mm=11, kind="int"),
        Column("item", i18n.tr("奖补事项"), width=1.7, align="left"),
        Column("clause", i18n.tr("政策条款"), width=1.2, align="left"),
        Column("on", i18n.tr("认定时间"), width_mm=24),
        Column("standard", i18n.tr("标准"), width_mm=19, align="right"),
        Column("due", i18n.tr("应奖"), width_mm=18, align="right", kind="money"),
        Column("paid", i18n.tr("已发放"), width_mm=18, align="right", kind="money"),
        Column("outstanding", i18n.tr("待发放"), width_mm=18, align="right", kind="money"),
        Column("note", i18n.tr("备注"), width=1.3, align="left"),
    )
    header = (
        HeaderCell(i18n.tr("企业（单位）"), 0, 0, rowspan=2), HeaderCell(i18n.tr("序号"), 0, 1, rowspan=2),
        HeaderCell(i18n.tr("奖补事项"), 0, 2, rowspan=2), HeaderCell(i18n.tr("政策条款"), 0, 3, rowspan=2),
        HeaderCell(i18n.tr("认定时间"), 0, 4, rowspan=2),
        HeaderCell(i18n.tr("金额（万元）"), 0, 5, colspan=4),
        HeaderCell(i18n.tr("标准"), 1, 5), HeaderCell(i18n.tr("应奖"), 1, 6), HeaderCell(i18n.tr("已发放"), 1, 7),
        HeaderCell(i18n.tr("待发放"), 1, 8),
        HeaderCell(i18n.tr("备注"), 0, 9, rowspan=2),
    )
    rows = [(ln.holder, i, ln.item, ln.clause, ln.on, ln.standard, ln.due, ln.paid, ln.outstanding, ln.note)
            for i, ln in enumerate(lines, start=1)]
    spans = merged_runs([ln.holder for ln in lines], 0)
    return TableForm(
        form_id=FORM_ID, version=FORM_VERSION, title=i18n.tr("奖补测算表"),
        subtitle=i18n.tr("（{y}年度；{basis}）").format(y=year, basis=basis), columns=columns, header=header,
        rows=rows, spans=spans, totals=Totals(sum_keys=("due", "paid", "outstanding"), label_cols=5),
        orientation="landscape", furniture=furniture, unit=unit, period=str(year), notes=tuple(notes),
        sheet_name=i18n.tr("奖补测算"))
