"""目标完成情况表 for a year and a scope (default: the ledger's own)."""

from typing import Any

from desktop_app import i18n
from desktop_app.domain.targets import rule_text
from desktop_app.errors import UserError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.targets import TargetLine, targets_form
from desktop_app.services import targets
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ReportSpec
from desktop_app.services.printing.furniture import furniture_for, number_text


def line(row: targets.TargetRow) -> TargetLine:
    plan = row.plan
    baseline = ""
    if plan.baseline_value is not None:
        baseline = i18n.tr("{v}（{y}年）").format(v=number_text(plan.baseline_value), y=plan.baseline_year)
    if row.typed:
        source = i18n.tr("填报：{s}").format(s=row.actual_source)
    elif row.actual is not None:
        source = row.actual_source
    elif row.counted:
        source = i18n.tr("台账无 {y} 年数据").format(y=row.year)
    else:
        source = i18n.tr("未填报")
    target = number_text(row.target.value if row.target else None)
    if row.target and plan.annual:
        target = i18n.tr("每年{v}").format(v=target)
    return TargetLine(
        document=row.document, indicator=row.indicator, measure_unit=row.measure_unit, baseline=baseline,
        target=target, target_year=str(row.target.year) if row.target else "",
        required=number_text(row.required), actual=number_text(row.actual), completion=row.completion,
        status=row.status, source=source)


def build(ledger: Ledger, params: dict[str, Any]):
    year = int(params["year"])
    scope = params.get("scope")
    scope = targets.default_scope(ledger) if scope is None else ("" if scope == "*" else scope)  # "*": all
    if scope and scope not in targets.scopes(ledger):
        raise UserError(i18n.tr("没有属于“{s}”的目标。可选：{all}").format(s=scope, all="、".join(targets.scopes(ledger))))
    found = targets.rows(ledger, year, scope)
    notes = [i18n.tr("注：") + rule_text()]
    if scope and not targets.is_own_scope(ledger, scope):
        notes.append(i18n.tr("“{s}”的目标为上级（或其他地区）指标：本台账只统计本级数据，总量类指标的实际值须填报，"
                        "比率类指标为本级比率。").format(s=scope))
    return targets_form([line(r) for r in found], year=year, scope=scope, unit=ledger.unit.name,
                        furniture=furniture_for(ledger), notes=notes)


SPEC = ReportSpec(name="targets", title=QT_TRANSLATE_NOOP("i18n", "目标完成情况表"), build=build, params=("year",), order=70)
