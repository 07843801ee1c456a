"""通报排名 from the month view: units ranked by the rule of desktop_app.domain.ranking."""

from __future__ import annotations

from typing import Any

from desktop_app import i18n
from desktop_app.domain import schedule
from desktop_app.domain.dates import cn_date
from desktop_app.domain.ranking import Ranked, rule_text
from desktop_app.errors import UserError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.model import TableForm, Tagged
from desktop_app.reports.ranking import RankingHeader, RankingLine, build_ranking_form
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ReportSpec
from desktop_app.services.tasks import progress
from desktop_app.services.tasks.progress import MonthView


def rank_text(r: Ranked) -> Tagged:
    """The 名次 as a number (Excel sorts and filters it), "（并列）" after a tied one."""
    return Tagged(r.rank, i18n.tr("（并列）") if r.tied else "")


def ranking_lines(ranked: list[Ranked]) -> list[RankingLine]:
    return [RankingLine(rank_text(r), s.unit, s.due, s.on_time, s.late, s.missing, float(s.on_time_rate), s.done,
                        s.on_track, s.behind, float(s.completion_rate), s.days_late)
            for r in ranked for s in (r.stats,)]


def lagging_units(ranked: list[Ranked]) -> list[str]:
    return [r.stats.unit for r in ranked if r.stats.late or r.stats.missing]


def form_for(ledger: Ledger, view: MonthView) -> TableForm:
    ranked = view.ranked()
    extra = []
    pending = view.counts()[schedule.PENDING]
    if pending:
        extra.append(i18n.tr("本期报送截止日（{due}）未到，{n} 条未到期的分工暂不计入按时或逾期。").format(
            due=cn_date(view.due), n=pending))
    header = RankingHeader(period_label=schedule.period_label(view.period), unit=ledger.unit.name, rule=rule_text(),
                           extra_notes=tuple(extra), date=cn_date(view.today), filler=ledger.operator,
                           phone="", reviewer="")
    return build_ranking_form(ranking_lines(ranked), header)


def build(ledger: Ledger, params: dict[str, Any]) -> TableForm:
    view = progress.month_view(ledger, params["period"])
    if not view.rows:
        raise UserError(i18n.tr("台账中还没有任务分工，无法排名"))
    return form_for(ledger, view)


SPEC = ReportSpec(name="ranking", title=QT_TRANSLATE_NOOP("i18n", "通报排名"), build=build, params=("period",), order=12)
