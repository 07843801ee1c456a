"""人才统计表: the talent pool counted three ways, and the list of high-level talent.

表一 by category, with how people were brought in (引进方式 under one header);
表二 by serving industry, with the six categories; 表三 高层次人才名单.
Counts are people in the pool at the end of the year; 本年引进 those brought
in during the year. ID numbers print masked unless the clerk unmasked them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.reports.model import Column, Furniture, HeaderCell, TableForm, Totals

FORM_VERSION = "1"


@dataclass(frozen=True)
class CountRow:
    label: str
    total: int
    high_level: int
    new: int
    parts: tuple[int, ...]  # one count per breakdown column


@dataclass(frozen=True)
class HighLevelLine:
    name: str
    gender: str
    birth_year: int | None
    education: str
    prof_title: str
    specialty: str
    employer: str
    tier: str
    intro_method: str
    intro_date: str
    industry: str
    id_number: str  # masked unless unmasked with a reason


def _count_form(form_id: str, title: str, first: str, group: str, parts: Sequence[str], rows: Sequence[CountRow],
                *, unit: str, year: int, furniture: Furniture, sheet: str) -> TableForm:
    part_w = 16 if len(parts) > 6 else 20
    columns = (
        Column("label", first, width=30, align="left"),
        Column("total", i18n.tr("人才总数"), width=16, kind="int"),
        Column("high", i18n.tr("其中：高层次人才"), width=18, kind="int"),
        Column("new", i18n.tr("其中：本年引进"), width=18, kind="int"),
        *(Column(f"p{i}", p, width=part_w, kind="int") for i, p in enumerate(parts)),
    )
    header = (
        HeaderCell(first, 0, 0, rowspan=2),
        HeaderCell(i18n.tr("人才总数"), 0, 1, rowspan=2),
        HeaderCell(i18n.tr("其中：高层次人才"), 0, 2, rowspan=2),
        HeaderCell(i18n.tr("其中：本年引进"), 0, 3, rowspan=2),
        HeaderCell(group, 0, 4, colspan=len(parts)),
        *(HeaderCell(p, 1, 4 + i) for i, p in enumerate(parts)),
    )
    body = [(r.label, r.total, r.high_level, r.new, *r.parts) for r in rows]
    return TableForm(
        form_id=form_id, version=FORM_VERSION, title=title, subtitle=i18n.tr("（{y}年末；本年引进指 {y} 年内引进）").format(y=year),
        columns=columns, header=header, rows=body,
        totals=Totals(sum_keys=("total", "high", "new", *(f"p{i}" for i in range(len(parts))))),
        orientation="landscape" if len(parts) > 6 else "portrait", furniture=furniture, unit=unit,
        period=str(year), sheet_name=sheet)


def by_category_form(rows: Sequence[CountRow], methods: Sequence[str], **kw) -> TableForm:
    return _count_form("talent-by-category", i18n.tr("人才统计表（一）按人才类别"), i18n.tr("人才类别"),
                       i18n.tr("按引进方式（人）"), methods, rows, sheet=i18n.tr("按人才类别"), **kw)


def by_industry_form(rows: Sequence[CountRow], categories: Sequence[str], **kw) -> TableForm:
    return _count_form("talent-by-industry", i18n.tr("人才统计表（二）按服务产业"), i18n.tr("服务产业"),
                       i18n.tr("按人才类别（人）"), categories, rows, sheet=i18n.tr("按服务产业"), **kw)


def high_level_form(lines: Sequence[HighLevelLine], *, unit: str, year: int, furniture: Furniture,
                    masked: bool = True) -> TableForm:
    """The roster; ID numbers masked unless the clerk unmasked them (with a reason, logged).
    Widths keep the usual values (七字的引进方式, 五字的产业) on one line."""
    columns = [  # fixed widths (mm) fit the usual values on one line at 11 pt; names and units share the rest
        Column("seq", i18n.tr("序号"), width_mm=12, kind="int"),
        Column("name", i18n.tr("姓名"), width_mm=15),
        Column("gender", i18n.tr("性别"), width_mm=9),
        Column("birth", i18n.tr("出生年份"), width_mm=11),
        Column("education", i18n.tr("学历"), width_mm=22),
        Column("title", i18n.tr("职称"), width_mm=14),
        Column("specialty", i18n.tr("专业特长"), width=1),
        Column("employer", i18n.tr("工作单位"), width=1.6, align="left"),
        Column("tier", i18n.tr("人才层级"), width_mm=22),
        Column("method", i18n.tr("引进方式"), width_mm=30),
        Column("date", i18n.tr("引进时间"), width_mm=24),
        Column("industry", i18n.tr("服务产业"), width_mm=22),
        Column("id_number", i18n.tr("身份证号"), width_mm=40),
    ]
    rows = [(i, ln.name, ln.gender, str(ln.birth_year or ""), ln.education, ln.prof_title, ln.specialty,
             ln.employer, ln.tier, ln.intro_method, (ln.intro_date or "").replace("-", "."), ln.industry,
             ln.id_number) for i, ln in enumerate(lines, start=1)]
    notes = (i18n.tr("注：身份证号按个人信息保护要求隐去出生日期。") if masked
             else i18n.tr("注：本表含完整身份证号，已记入查阅日志，请妥善保管，不得外传。"),)
    return TableForm(
        form_id="talent-high-level", version=FORM_VERSION, title=i18n.tr("人才统计表（三）高层次人才名单"),
        subtitle=i18n.tr("（截至{y}年末，共 {n} 人）").format(y=year, n=len(lines)), columns=columns, rows=rows,
        orientation="landscape", furniture=furniture, unit=unit, period=str(year), notes=notes,
        sheet_name=i18n.tr("高层次人才名单"))
