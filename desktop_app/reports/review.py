"""审核结果表: the findings of one period's 审核, with each 核实 explanation, for signing.

A4 landscape: 序号 | 级别 | 规则 | 对象 | 审核问题 | 处理情况 | 核实说明. A period
without findings prints one line saying so; the notes say what the levels mean
and whether the period may be submitted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.reports.model import Column, Furniture, TableForm

FORM_ID = "review"
FORM_VERSION = "1"


@dataclass(frozen=True)
class ReviewLine:
    level: str          # 强制 / 核实
    rule: str           # "S05 研发费用同比变动超过 50%"
    subject: str        # enterprise or task
    message: str
    state: str          # 须更正 / 待说明 / 已说明
    explanation: str = ""


@dataclass(frozen=True)
class ReviewResult:
    unit: str
    period: str
    period_label: str   # 2026年11月
    lines: Sequence[ReviewLine]
    blocking: int       # findings that stop the package
    furniture: Furniture


def build_review_form(result: ReviewResult) -> TableForm:
    columns = (
        Column("seq", i18n.tr("序号"), width_mm=11, kind="int"),
        Column("level", i18n.tr("级别"), width_mm=13),
        Column("rule", i18n.tr("审核规则"), width=22, align="left"),
        Column("subject", i18n.tr("企业或任务"), width=34, align="left"),
        Column("message", i18n.tr("审核问题"), width=60, align="left"),
        Column("state", i18n.tr("处理情况"), width_mm=17),
        Column("explanation", i18n.tr("核实说明"), width=44, align="left"),
    )
    rows = [(n, ln.level, ln.rule, ln.subject, ln.message, ln.state, ln.explanation)
            for n, ln in enumerate(result.lines, start=1)]
    if not rows:
        rows = [("", "", "", "", i18n.tr("本期未发现审核问题"), "", "")]
    forced = sum(1 for ln in result.lines if ln.state == i18n.tr("须更正"))
    if forced:
        verdict = i18n.tr("结论：有强制性问题 {n} 条，须更正后才能上报。").format(n=forced)
    elif result.blocking:
        verdict = i18n.tr("结论：有 {n} 条核实问题尚未说明，填写说明后才能上报。").format(n=result.blocking)
    else:
        verdict = i18n.tr("结论：审核通过，可以上报。")
    return TableForm(
        form_id=FORM_ID, version=FORM_VERSION, title=i18n.tr("审核结果表"),
        subtitle=i18n.tr("（{p}）").format(p=result.period_label), columns=columns, rows=rows,
        orientation="landscape", furniture=result.furniture, unit=result.unit, period=result.period,
        notes=(verdict, i18n.tr("注：“强制”问题须更正数据后才能上报；“核实”问题须写明核实说明（不少于 10 个字，"
                                "“核实无误”不算说明），说明随上报包一并报送。")),
        sheet_name=i18n.tr("审核结果表"))
