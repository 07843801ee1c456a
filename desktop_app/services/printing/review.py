"""审核结果表 from the findings of ``services.review`` for a period."""

from typing import Any

from desktop_app import i18n
from desktop_app.domain.schedule import period_label
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.model import TableForm
from desktop_app.reports.review import ReviewLine, ReviewResult, build_review_form
from desktop_app.services import review
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ReportSpec
from desktop_app.services.printing.furniture import furniture_for


def build(ledger: Ledger, params: dict[str, Any]) -> TableForm:
    period = params["period"]
    found = review.run(ledger, period)
    lines = [ReviewLine(i18n.tr(f.level), f"{f.rule} {f.title}", *f.parts, f.state_text, f.explanation) for f in found]
    return build_review_form(ReviewResult(
        unit=ledger.unit.name, period=period, period_label=period_label(period), lines=lines,
        blocking=review.summary(found)["blocking"], furniture=furniture_for(ledger, period=period_label(period))))


SPEC = ReportSpec(name="review", title=QT_TRANSLATE_NOOP("i18n", "审核结果表"), build=build, params=("period",), order=95)
