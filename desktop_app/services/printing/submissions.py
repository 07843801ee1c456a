"""报送情况表 from ``services.exchange.submissions`` for a period."""

from typing import Any

from desktop_app import i18n
from desktop_app.domain import schedule
from desktop_app.domain.dates import cn_date
from desktop_app.domain.schedule import period_label
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.model import TableForm
from desktop_app.reports.submissions import SubmissionLine, SubmissionStatus, build_submissions_form
from desktop_app.services.exchange import submissions
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ReportSpec
from desktop_app.services.printing.furniture import furniture_for
from desktop_app.services.tasks.progress import office_rule


def build(ledger: Ledger, params: dict[str, Any]) -> TableForm:
    period = params["period"]
    found = submissions.status(ledger, period)
    due = schedule.due_date(schedule.MONTHLY, period, rule=office_rule(ledger))
    return build_submissions_form(SubmissionStatus(
        unit=ledger.unit.name, period=period, period_label=period_label(period), due=cn_date(due),
        lines=[SubmissionLine(s.unit, s.level, s.state_text, s.at, s.operator,
                              i18n.tr("第 {n} 号").format(n=s.seq) if s.seq else "") for s in found],
        missing=submissions.missing(found), furniture=furniture_for(ledger, period=period_label(period))))


SPEC = ReportSpec(name="submissions", title=QT_TRANSLATE_NOOP("i18n", "报送情况表"), build=build, params=("period",),
                  order=96)
