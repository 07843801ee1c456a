"""月度调度情况通报 (公文 layout) with the saved wording and 发文字号; numbers from the ledger."""

from typing import Any

from desktop_app.domain import schedule
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.document_model import DocumentForm
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ReportSpec
from desktop_app.services.tasks import brief


def build(ledger: Ledger, params: dict[str, Any]) -> DocumentForm:
    return brief.document(ledger, params["period"])


def file_name(ledger: Ledger, params: dict[str, Any]) -> str:
    return f"{ledger.unit.name}{schedule.period_label(params['period'])}调度情况通报"


SPEC = ReportSpec(name="monthly-brief", title=QT_TRANSLATE_NOOP("i18n", "月度调度情况通报"), build=build, params=("period",),
                  formats=("pdf",), order=13, file_name=file_name)
