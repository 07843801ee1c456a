"""月度调度情况通报 (公文 layout) with the saved wording and 发文字号; numbers from the ledger."""

import re
from typing import Any

from desktop_app import i18n
from desktop_app.domain import schedule
from desktop_app.errors import UserError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.document_model import DocumentForm
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ReportSpec
from desktop_app.services.tasks import brief


def number(ledger: Ledger, params: dict[str, Any]) -> int:
    """The 文号's number: ``doc_no`` given ("3" or "沁创领办〔2026〕3号"), else the one the window would suggest."""
    given = str(params.get("doc_no") or "").strip()
    if not given:
        return brief.suggest_number(ledger, params["period"])
    found = re.fullmatch(r"(?:.*〔\d{4}〕)?\s*(\d{1,4})\s*号?", given)
    if not found or int(found.group(1)) < 1:
        raise UserError(i18n.tr("发文字号“{v}”应为序号（如 3）或完整文号（如 沁创领办〔2026〕3号）").format(v=given))
    return int(found.group(1))


def build(ledger: Ledger, params: dict[str, Any]) -> DocumentForm:
    return brief.document(ledger, params["period"], n=number(ledger, params))


def remember_number(ledger: Ledger, params: dict[str, Any]) -> None:
    """Keep the number printed, as the window's brief dialog does: the next period suggests the next one."""
    brief.remember_number(ledger, params["period"], number(ledger, params))


def file_name(ledger: Ledger, params: dict[str, Any]) -> str:
    return f"{ledger.unit.name}{schedule.period_label(params['period'])}调度情况通报"


SPEC = ReportSpec(name="monthly-brief", title=QT_TRANSLATE_NOOP("i18n", "月度调度情况通报"), build=build,
                  params=("period", "doc_no"), formats=("pdf",), order=13, file_name=file_name,
                  after_write=remember_number)
