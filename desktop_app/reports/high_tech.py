"""高新技术企业名单: certified enterprises of a year, with certificate and expiry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.reports.model import Column, Furniture, TableForm

FORM_ID = "high-tech"
FORM_VERSION = "1"


@dataclass(frozen=True)
class HighTechLine:
    enterprise: str
    uscc: str
    township: str
    industry: str
    cert_no: str
    year: int             # 认定年度
    issued_on: str        # 发证日期, "" when unknown (the year is printed instead)
    valid_until: str
    state: str            # 有效 / 即将到期（剩 n 天） / 已过期（n 天前）
    note: str             # 本年新认定 / 重新认定


@dataclass(frozen=True)
class HighTechList:
    unit: str
    year: int
    as_of: str            # 2026年11月21日: the day the states refer to
    lines: Sequence[HighTechLine]
    filler: str = ""
    date: str = ""


COLUMNS = (  # fixed widths so codes and dates print on one line; the name takes the rest
    Column("seq", i18n.tr("序号"), width_mm=10, kind="int"),
    Column("enterprise", i18n.tr("企业名称"), align="left"),
    Column("uscc", i18n.tr("统一社会信用代码"), width_mm=47),
    Column("township", i18n.tr("所属乡镇"), width_mm=21),
    Column("industry", i18n.tr("所属行业"), width_mm=17),
    Column("cert_no", i18n.tr("证书编号"), width_mm=34),
    Column("issued_on", i18n.tr("发证日期"), width_mm=23),
    Column("valid_until", i18n.tr("有效期至"), width_mm=23),
    Column("state", i18n.tr("状态"), width_mm=26),
    Column("note", i18n.tr("备注"), width_mm=18),
)


def build_high_tech_form(data: HighTechList) -> TableForm:
    rows = [(i, x.enterprise, x.uscc, x.township, x.industry, x.cert_no, x.issued_on or i18n.tr("{y}年").format(y=x.year),
             x.valid_until, x.state, x.note) for i, x in enumerate(data.lines, start=1)]
    new = sum(1 for x in data.lines if x.note == i18n.tr("本年新认定"))
    expiring = sum(1 for x in data.lines if x.state.startswith(i18n.tr("即将到期")))
    expired = sum(1 for x in data.lines if x.state.startswith(i18n.tr("已过期")))
    subtitle = i18n.tr("（截至{d}，共 {n} 家；其中 {y} 年新认定 {new} 家，即将到期 {soon} 家，已过期 {gone} 家）").format(
        d=data.as_of, n=len(rows), y=data.year, new=new, soon=expiring, gone=expired)
    return TableForm(
        form_id=FORM_ID, version=FORM_VERSION, title=i18n.tr("{y}年高新技术企业名单").format(y=data.year),
        subtitle=subtitle, columns=COLUMNS, rows=rows,
        notes=(i18n.tr("注：高新技术企业资格自颁发证书之日起有效期为三年；有效期届满前 90 天列为“即将到期”，"
                  "请提醒企业及时申请重新认定。未填发证日期的，有效期按认定年度起算三年至年末。"),),
        orientation="landscape",
        furniture=Furniture(unit=data.unit, filler=data.filler, phone="", reviewer="", date=data.date),
        unit=data.unit, period=str(data.year), sheet_name=i18n.tr("高新技术企业名单"))
