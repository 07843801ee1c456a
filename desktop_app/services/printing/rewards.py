"""奖补测算表 for a year, from ``services.rewards``."""

from typing import Any

from desktop_app import i18n
from desktop_app.domain.rewards import PENDING, Award, event_label
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.rewards import RewardLine, rewards_form
from desktop_app.services import rewards
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ReportSpec
from desktop_app.services.printing.furniture import furniture_for

APPLIED = QT_TRANSLATE_NOOP("i18n", "注：1. 按政策“{rule}”测算：同一企业的同一项目（由经办人合并认定）只计最高一项，"
                                    "较低等次已发放的只补足差额。")


def item_text(a: Award) -> str:
    label = event_label(a.event.event)
    level = a.event.level
    head = f"{level}{label}" if level and not label.startswith(level) else label
    return f"{head}：{a.event.subject}" if a.event.subject else head


def line(a: Award) -> RewardLine:
    pending = a.status == PENDING
    note = a.note
    if a.decision.note and a.decision.note not in note:
        note = f"{note}；{a.decision.note}" if note else a.decision.note
    if a.decision.paid_on:
        note = (note + "；" if note else "") + i18n.tr("{d} 发放").format(d=a.decision.paid_on)
    return RewardLine(
        holder=a.event.enterprise or i18n.tr("（未填单位）"), item=item_text(a),
        clause=f"{rewards.numeral(a.rule.policy_seq)}、{a.rule.policy_title}",
        on=(a.event.on or str(a.event.year)).replace("-", "."),
        standard=a.rule.standard_text(), due=i18n.tr("待核定") if pending else a.due, paid=a.paid,
        outstanding=i18n.tr("待核定") if pending else a.outstanding, note=note)


def build(ledger: Ledger, params: dict[str, Any]):
    year = int(params["year"])
    info = rewards.policy(ledger)
    found = rewards.awards(ledger, year)
    notes = [i18n.tr(APPLIED).format(rule=info.rule_text.split(",同时")[0]),
             i18n.tr("2. 标准栏为“一事一议”“最高”的事项须核定金额，核定前应奖、待发放栏为“待核定”，不计入合计。")]
    if info.effective_from:
        notes.append(i18n.tr("3. 政策印发（{d}）前认定的事项不列入。").format(d=info.effective_from))
    if not found:
        notes.insert(0, i18n.tr("本年度台账中没有符合奖补政策的事项。"))
    return rewards_form([line(a) for a in found], year=year, basis=info.caption, unit=ledger.unit.name,
                        furniture=furniture_for(ledger), notes=notes)


SPEC = ReportSpec(name="rewards", title=QT_TRANSLATE_NOOP("i18n", "奖补测算表"), build=build, params=("year",), order=80)
