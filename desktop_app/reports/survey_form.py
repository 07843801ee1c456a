"""企业创新活动开展情况调查表 (晋市政办〔2020〕31号 附件3), one enterprise per form.

The seed's layout, kept: the line 企业全称（盖章）/ 所属县（市、区）/ 所属行业
over three sections. 一: per R&D institution a block of a caption row
(名称 | 批准部门（或企业自建） | 研究领域) and the four figures under their
captions; 二: the same for each R&D project; 三: 创新活动方向 | 主要内容 for the
six directions and the fourteen 其他创新活动 checkboxes. Blocks repeat as
many times as the return has rows; a blank form (no return yet) leaves two
empty blocks to fill in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.domain.dates import cn_date, cn_month
from desktop_app.domain.survey import (
    DIRECTIONS,
    INSTITUTION_FIELDS,
    PROJECT_FIELDS,
    SECTION_TITLES,
    Institution,
    Project,
    SurveyReturn,
)
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.grid_form import GridCell, GridForm, GridGroup, GridSection

FORM_ID = "survey"
FORM_VERSION = "1"
COLUMNS = (1.0,) * 12
BLANK_BLOCKS = 2


@dataclass(frozen=True)
class SurveyPrint:
    enterprise: str
    uscc: str
    county: str            # 所属县（市、区）
    industry: str
    period: str            # YYYY-MM
    ret: SurveyReturn | None           # None prints a blank form to fill in by hand
    activity_names: tuple[str, ...]    # the fourteen 其他创新活动 captions, printed order
    evidence: tuple[str, ...] = ()     # file names of the 印证材料
    township: str = ""
    unit: str = ""                     # the printing unit (Excel meta)


def _label(row: int, col: int, span: int, key_label: str) -> GridCell:
    return GridCell(row, col, i18n.tr(key_label), colspan=span, role="label")


def _value(row: int, col: int, span: int, value, kind: str = "text") -> GridCell:
    return GridCell(row, col, value, colspan=span, kind=kind)


def _labels(fields) -> dict[str, str]:
    return {key: label for key, label, _ in fields}


def institution_group(inst: Institution | None, *, first: bool) -> GridGroup:
    lab = _labels(INSTITUTION_FIELDS)
    v = inst or Institution(name="", count=None, staff=None, spending=None, equipment_value=None)
    cells = [
        _label(0, 0, 2, lab["name"]), _value(0, 2, 3, v.name),
        _label(0, 5, 2, lab["approver"]), _value(0, 7, 2, v.approver),
        _label(0, 9, 1, lab["field"]), _value(0, 10, 2, v.field),
    ]
    figures = (("count", "int"), ("staff", "int"), ("spending", "money"), ("equipment_value", "money"))
    for i, (key, kind) in enumerate(figures):
        cells.append(_label(1, i * 3, 3, lab[key]))
        cells.append(_value(2, i * 3, 3, getattr(v, key), kind))
    return GridGroup(3, tuple(cells), separated=not first)


def project_group(proj: Project | None, *, first: bool) -> GridGroup:
    lab = _labels(PROJECT_FIELDS)
    v = proj or Project(name="", staff=None, spending=None, assets=None)
    cells = [_label(0, 0, 2, lab["name"]), _value(0, 2, 4, v.name),
             _label(0, 6, 2, lab["source_doc"]), _value(0, 8, 4, v.source_doc)]
    for i, (key, kind) in enumerate((("staff", "int"), ("spending", "money"), ("assets", "money"))):
        cells.append(_label(1, i * 4, 4, lab[key]))
        cells.append(_value(2, i * 4, 4, getattr(v, key), kind))
    return GridGroup(3, tuple(cells), separated=not first)


def _blocks(rows, make) -> tuple[GridGroup, ...]:
    items = list(rows) if rows is not None else [None] * BLANK_BLOCKS
    if not items:
        return (make(None, first=True),)
    return tuple(make(item, first=i == 0) for i, item in enumerate(items))


def activities_groups(ret: SurveyReturn | None, names: tuple[str, ...]) -> tuple[GridGroup, ...]:
    blank = ret is None
    out = [GridGroup(1, (_label(0, 0, 3, QT_TRANSLATE_NOOP("i18n", "创新活动方向")),
                         _label(0, 3, 9, QT_TRANSLATE_NOOP("i18n", "主要内容"))))]
    for key, label in DIRECTIONS:
        text = "" if blank else ret.directions.get(key, "")
        out.append(GridGroup(1, (_label(0, 0, 3, label),
                                 GridCell(0, 3, text, colspan=9, role="text", min_lines=2 if blank else 1))))
    ticked = set(() if blank else ret.other_activities)
    checks = tuple((i in ticked, name) for i, name in enumerate(names, start=1))  # catalog data
    out.append(GridGroup(1, (_label(0, 0, 3, QT_TRANSLATE_NOOP("i18n", "其他创新活动（可多选）")),
                             GridCell(0, 3, colspan=9, role="checks", checks=checks, check_cols=2))))
    return tuple(out)


def period_text(period: str) -> str:
    return cn_month(period)


def _signature(ret: SurveyReturn | None) -> tuple[str, ...]:
    pad = "\u3000" * 5
    if ret is None:
        return (i18n.tr("填表人：") + pad, i18n.tr("联系电话：") + pad, i18n.tr("填表日期：") + pad)
    filled = ret.filled_on or ""
    if filled:
        filled = cn_date(filled)
    return (i18n.tr("填表人：") + (ret.filled_by or pad), i18n.tr("联系电话：") + (ret.phone or pad),
            i18n.tr("填表日期：") + (filled or pad))


def build_survey_form(data: SurveyPrint) -> GridForm:
    ret = data.ret
    sections = (
        GridSection(i18n.tr(SECTION_TITLES[0]), _blocks(None if ret is None else ret.institutions, institution_group)),
        GridSection(i18n.tr(SECTION_TITLES[1]), _blocks(None if ret is None else ret.projects, project_group)),
        GridSection(i18n.tr(SECTION_TITLES[2]), activities_groups(ret, data.activity_names)),
    )
    if data.evidence:
        evidence = i18n.tr("印证材料：共 {n} 份（{names}）").format(n=len(data.evidence), names="、".join(data.evidence))
    elif ret is None:
        evidence = i18n.tr("印证材料：请随表附研发机构批准文件、研发项目立项文件、研发费用辅助账等材料。")
    else:
        evidence = i18n.tr("印证材料：未附。")
    return GridForm(
        form_id=FORM_ID, version=FORM_VERSION, title=i18n.tr("企业创新活动开展情况调查表"), columns=COLUMNS,
        sections=sections, label=i18n.tr("附件3"),
        lines_above=(
            (i18n.tr("企业全称（盖章）：") + data.enterprise, i18n.tr("所属县（市、区）：") + data.county),
            (i18n.tr("所属行业：") + (data.industry or "\u3000" * 4), i18n.tr("统一社会信用代码：") + data.uscc,
             i18n.tr("报送期：") + period_text(data.period)),
        ),
        notes=(evidence,),
        lines_below=(_signature(ret),),
        unit=data.unit, period=data.period,
        sheet_name=data.enterprise[:31],
        running_head=i18n.tr("企业创新活动开展情况调查表（续）　{e}　报送期：{p}").format(
            e=data.enterprise, p=period_text(data.period)),
    )
