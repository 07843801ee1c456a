"""开展创新活动企业汇总统计表 (晋市政办〔2020〕31号 附件4).

The seed names this table but does not print its layout, so it is laid out
as a statistics office would: A4 landscape, 填报单位 and 报送期 above, a
three-level header (开展创新活动企业数 with 合计 and 其中…; 研发费用 with 本期,
上年同期, 同比增长), the 合计 row first, one row per township (or industry on
the second sheet), and under the table the counting rules and the two
targets of 004 with this period's figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.model import Column, Computed, Furniture, HeaderCell, Span, TableForm

FORM_ID = "coverage-summary"
FORM_VERSION = "1"
NOT_APPLICABLE = "—"


@dataclass(frozen=True)
class CoverageLine:
    name: str                       # township or industry; the totals row's label
    above_scale: int                # 规上工业企业数
    with_activity: int              # 开展创新活动（任一类）
    with_institution: int
    with_rd_activity: int
    with_other_activity: int
    signed_off: int
    coverage_rate: float | None     # None: no 规上 enterprise
    rd_spending: float              # 万元, this period
    rd_spending_last: float         # 万元, same period last year
    rd_growth: float | None         # None: no base last year
    institution_share: float | None


@dataclass(frozen=True)
class CoverageSummary:
    unit: str
    period_text: str                # 2026年10月
    period: str                     # 2026-10 (Excel meta)
    by: str                         # "township" | "county" (at a city) | "industry"
    total: CoverageLine
    lines: Sequence[CoverageLine]
    target_notes: Sequence[str] = ()
    filler: str = ""
    date: str = ""


def _group(by: str) -> str:
    return {"township": i18n.tr("乡（镇）"), "county": i18n.tr("县（市、区）")}.get(by) or i18n.tr("行业")


def _columns(by: str) -> tuple[Column, ...]:
    group = _group(by)
    return (
        Column("seq", i18n.tr("序号"), width_mm=11, kind="int"),
        Column("name", group, width_mm=40),
        Column("above_scale", i18n.tr("规上工业企业数"), kind="int"),
        Column("with_activity", i18n.tr("合计"), kind="int"),
        Column("with_institution", i18n.tr("有研发机构"), kind="int"),
        Column("with_rd_activity", i18n.tr("有研发活动"), kind="int"),
        Column("with_other_activity", i18n.tr("有其他创新活动"), kind="int"),
        Column("signed_off", i18n.tr("已销号企业数"), kind="int"),
        Column("coverage_rate", i18n.tr("覆盖率"), kind="percent"),
        Column("rd_spending", i18n.tr("本期"), width=1.3, align="right", kind="money"),
        Column("rd_spending_last", i18n.tr("上年同期"), width=1.3, align="right", kind="money"),
        Column("rd_growth", i18n.tr("同比增长"), kind="percent"),
        Column("institution_share", i18n.tr("有研发机构企业占比"), width=1.2, kind="percent"),
    )


def _header(by: str) -> tuple[HeaderCell, ...]:
    group = _group(by)
    return (
        HeaderCell(i18n.tr("序号"), 0, 0, rowspan=3),
        HeaderCell(group, 0, 1, rowspan=3),
        HeaderCell(i18n.tr("规上工业\n企业数\n（家）"), 0, 2, rowspan=3),
        HeaderCell(i18n.tr("开展创新活动企业数（家）"), 0, 3, colspan=4),
        HeaderCell(i18n.tr("已销号\n企业数\n（家）"), 0, 7, rowspan=3),
        HeaderCell(i18n.tr("创新活动\n覆盖率"), 0, 8, rowspan=3),
        HeaderCell(i18n.tr("研发费用合计（万元）"), 0, 9, colspan=3),
        HeaderCell(i18n.tr("有研发机构\n企业占比"), 0, 12, rowspan=3),
        HeaderCell(i18n.tr("合计"), 1, 3, rowspan=2),
        HeaderCell(i18n.tr("其中"), 1, 4, colspan=3),
        HeaderCell(i18n.tr("有研发\n机构"), 2, 4),
        HeaderCell(i18n.tr("有研发\n活动"), 2, 5),
        HeaderCell(i18n.tr("有其他\n创新活动"), 2, 6),
        HeaderCell(i18n.tr("本期"), 1, 9, rowspan=2),
        HeaderCell(i18n.tr("上年同期"), 1, 10, rowspan=2),
        HeaderCell(i18n.tr("同比增长"), 1, 11, rowspan=2),
    )


def _ratio(value: float | None) -> float | str:
    return NOT_APPLICABLE if value is None else value


def _row(seq: int | str, line: CoverageLine) -> tuple:
    return (seq, line.name, line.above_scale, line.with_activity, line.with_institution, line.with_rd_activity,
            line.with_other_activity, line.signed_off, _ratio(line.coverage_rate), line.rd_spending,
            line.rd_spending_last, _ratio(line.rd_growth), _ratio(line.institution_share))


NOTES = (
    QT_TRANSLATE_NOOP("i18n", "注：1. 统计范围为规模以上工业企业，数据取自《企业创新活动开展情况调查表》（附件3）；有研发机构、"
                      "有研发活动、有其他创新活动三类可兼有，“合计”为开展其中任一类的企业数。"),
    QT_TRANSLATE_NOOP("i18n", "2. 已销号：具备上述一类以上情况并有印证材料、经县级创新活动小组审核确认的企业；覆盖率 = 已销号企业数 ÷ "
                      "规上工业企业数；研发费用 = 机构与项目研究开发费用之和，上年同期按本期企业同口径计算；“—”表示无法计算。"),
)


SUMMED = range(2, 8)  # 规上工业企业数 … 已销号企业数, and the two spending columns below
SPENDING = (9, 10)


def _total_row(total: CoverageLine, n: int) -> tuple:
    """The 合计 row (above its lines, as in 004 附件4): sums and rates that Excel computes from the
    lines under it, the same figures the PDF prints."""
    row = list(_row(i18n.tr("合计"), total))
    if not n:
        return tuple(row)
    for c in (*SUMMED, *SPENDING):
        row[c] = Computed(row[c], f"=SUM({{1,{c}}}:{{{n},{c}}})")
    none = f'"{NOT_APPLICABLE}"'
    row[8] = Computed(row[8], f"=IF({{0,2}}=0,{none},{{0,7}}/{{0,2}})")
    row[11] = Computed(row[11], f"=IF({{0,10}}=0,{none},{{0,9}}/{{0,10}}-1)")
    row[12] = Computed(row[12], f"=IF({{0,2}}=0,{none},{{0,4}}/{{0,2}})")
    return tuple(row)


def build_coverage_form(summary: CoverageSummary) -> TableForm:
    rows = [_total_row(summary.total, len(summary.lines))]
    rows += [_row(i, line) for i, line in enumerate(summary.lines, start=1)]
    sheet = {"township": i18n.tr("按乡镇"), "county": i18n.tr("按县（市、区）")}.get(summary.by) or i18n.tr("按行业")
    return TableForm(
        form_id=FORM_ID if summary.by == "township" else f"{FORM_ID}-{summary.by}",
        version=FORM_VERSION,
        title=i18n.tr("开展创新活动企业汇总统计表"),
        columns=_columns(summary.by),
        header=_header(summary.by),
        rows=rows,
        spans=(Span(0, 0, 1, 2),),
        notes=(*(i18n.tr(n) for n in NOTES), *summary.target_notes),
        orientation="landscape",
        furniture=Furniture(unit=summary.unit, period=summary.period_text, filler=summary.filler, phone="",
                            reviewer="", date=summary.date),
        unit=summary.unit,
        period=summary.period,
        label=i18n.tr("附件4"),
        sheet_name=sheet,
    )
