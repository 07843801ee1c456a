"""创新平台名录: platforms grouped by type and level, and the count table.

Form 1 (名录), A4 landscape: 平台类型 | 序号 | 平台名称 | 级别 | 依托单位 |
批准部门 | 批准文号 | 批准时间 | 研究领域 | 状态. The type cell is merged over
its platforms and carries the count ("重点实验室（3家）"); the level cell is
merged over a run of one level within a type ("省级 2家").
Form 2 (统计表): one row per platform type, recognised platforms by level,
plus those still 培育中 / 申报中.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.reports.merges import merged_runs, runs
from desktop_app.reports.model import Column, Furniture, HeaderCell, TableForm, Totals

FORM_ID = "platforms"
SUMMARY_ID = "platforms-summary"
FORM_VERSION = "1"
LEVELS = ("国家级", "省级", "市级", "县级")


@dataclass(frozen=True)
class PlatformLine:
    type: str
    level: str
    name: str
    host: str
    approver: str
    approval_doc: str
    approved_on: str
    field: str
    status: str


def directory_form(lines: Sequence[PlatformLine], *, unit: str, furniture: Furniture,
                   subtitle: str = "") -> TableForm:
    """``lines`` sorted by type (catalogue order), then level, then name."""
    columns = (
        Column("type", i18n.tr("平台类型"), width=26),
        Column("seq", i18n.tr("序号"), width=10, kind="int"),
        Column("name", i18n.tr("平台名称"), width=48, align="left"),
        Column("level", i18n.tr("级别"), width=14),
        Column("host", i18n.tr("依托单位"), width=42, align="left"),
        Column("approver", i18n.tr("批准部门"), width=32, align="left"),
        Column("approval_doc", i18n.tr("批准文号"), width=28),
        Column("approved_on", i18n.tr("批准时间"), width=25),
        Column("field", i18n.tr("研究领域"), width=26),
        Column("status", i18n.tr("状态"), width=14),
    )
    rows = []
    spans = merged_runs([ln.type for ln in lines], 0)
    for a, b in runs([ln.type for ln in lines]):
        spans += merged_runs([ln.level for ln in lines[a:b]], 3, offset=a)
        for i in range(a, b):
            ln = lines[i]
            level_count = sum(1 for x in lines[a:b] if x.level == ln.level)
            rows.append((
                i18n.tr("{t}\n（{n}家）").format(t=ln.type, n=b - a),
                i + 1,
                ln.name,
                i18n.tr("{lv}\n{n}家").format(lv=ln.level, n=level_count) if level_count > 1 else ln.level,
                ln.host, ln.approver, ln.approval_doc, (ln.approved_on or "").replace("-", "."), ln.field, ln.status,
            ))
    return TableForm(
        form_id=FORM_ID, version=FORM_VERSION, title=i18n.tr("创新平台名录"), subtitle=subtitle, columns=columns,
        rows=rows, spans=spans, orientation="landscape", furniture=furniture, unit=unit,
        notes=(i18n.tr("注：名录含已认定、申报中和培育中的平台，已撤销的不列入；级别为批准部门的级别。"),),
        sheet_name=i18n.tr("创新平台名录"))


def summary_form(lines: Sequence[PlatformLine], types: Sequence[str], *, unit: str,
                 furniture: Furniture, subtitle: str = "") -> TableForm:
    """Counts per type: recognised platforms by level, and those under way."""
    columns = (
        Column("seq", i18n.tr("序号"), width=10, kind="int"),
        Column("type", i18n.tr("平台类型"), width=40, align="left"),
        *(Column(f"l{i}", lv, width=16, kind="int") for i, lv in enumerate(LEVELS)),
        Column("total", i18n.tr("小计"), width=16, kind="int"),
        Column("building", i18n.tr("培育中、申报中"), width=26, kind="int"),
    )
    header = (
        HeaderCell(i18n.tr("序号"), 0, 0, rowspan=2), HeaderCell(i18n.tr("平台类型"), 0, 1, rowspan=2),
        HeaderCell(i18n.tr("已认定（家）"), 0, 2, colspan=5),
        *(HeaderCell(lv, 1, 2 + i) for i, lv in enumerate(LEVELS)),
        HeaderCell(i18n.tr("小计"), 1, 6),
        HeaderCell(i18n.tr("培育中、申报中（家）"), 0, 7, rowspan=2),
    )
    rows = []
    for n, t in enumerate(types, start=1):
        done = [ln for ln in lines if ln.type == t and ln.status == "已认定"]
        per = [sum(1 for ln in done if ln.level == lv) for lv in LEVELS]
        building = sum(1 for ln in lines if ln.type == t and ln.status in ("培育中", "申报中"))
        rows.append((n, t, *per, sum(per), building))
    return TableForm(
        form_id=SUMMARY_ID, version=FORM_VERSION, title=i18n.tr("创新平台分类统计表"), subtitle=subtitle,
        columns=columns, header=header, rows=rows,
        totals=Totals(sum_keys=("l0", "l1", "l2", "l3", "total", "building"), label_cols=2),
        furniture=furniture, unit=unit, sheet_name=i18n.tr("分类统计"))
