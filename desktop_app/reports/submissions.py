"""报送情况表: every reporting unit of a period with the state of its 上报, and the 未报送单位.

A4 portrait: 序号 | 报送单位 | 类别 | 报送情况 | 报送时间 | 导入人 | 报送包 (its number). The notes name
the units that have not reported, or say that all have.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.reports.model import Column, Furniture, TableForm

FORM_ID = "submissions"
FORM_VERSION = "1"


@dataclass(frozen=True)
class SubmissionLine:
    unit: str
    level: str
    state: str         # 按时报送 / 逾期 3 天报送 / 未报送（逾期 2 天） / 未到期 … （空表上报）
    at: str
    operator: str
    package: str       # 第 2 号


@dataclass(frozen=True)
class SubmissionStatus:
    unit: str
    period: str
    period_label: str
    due: str           # 2026年12月1日
    lines: Sequence[SubmissionLine]
    missing: Sequence[str]
    furniture: Furniture


def build_submissions_form(s: SubmissionStatus) -> TableForm:
    columns = (
        Column("seq", i18n.tr("序号"), width_mm=10, kind="int"),
        Column("unit", i18n.tr("报送单位"), width=1, align="left"),
        Column("level", i18n.tr("类别"), width_mm=18),
        Column("state", i18n.tr("报送情况"), width_mm=40),
        Column("at", i18n.tr("报送时间"), width_mm=33),
        Column("operator", i18n.tr("导入人"), width_mm=20),
        Column("package", i18n.tr("报送包"), width_mm=16),
    )
    rows = [(n, ln.unit, ln.level, ln.state, ln.at, ln.operator, ln.package)
            for n, ln in enumerate(s.lines, start=1)]
    if not rows:
        rows = [("", i18n.tr("本台账还没有报送单位"), "", "", "", "", "")]
    reported = len(s.lines) - len(s.missing)
    head = i18n.tr("应报 {n} 个单位，已报 {done} 个，未报 {left} 个；截止日期 {due}。").format(
        n=len(s.lines), done=reported, left=len(s.missing), due=s.due)
    tail = (i18n.tr("未报送单位：{names}。").format(names="、".join(s.missing)) if s.missing
            else i18n.tr("各单位均已报送。"))
    return TableForm(
        form_id=FORM_ID, version=FORM_VERSION, title=i18n.tr("报送情况表"),
        subtitle=i18n.tr("（{p}）").format(p=s.period_label), columns=columns, rows=rows,
        orientation="portrait", furniture=s.furniture, unit=s.unit, period=s.period,
        notes=(head + tail, i18n.tr("注：按每月 1 日前上报计；报送时间为本级导入报送包的时间；"
                                    "“空表上报”指该单位本期没有新的或改过的数据。")),
        sheet_name=i18n.tr("报送情况表"))
