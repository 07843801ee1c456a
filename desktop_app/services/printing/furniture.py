"""Form furniture filled from the ledger: unit, operator, today's date (no SPEC: not a form)."""

from datetime import date

from desktop_app.domain.dates import cn_date
from desktop_app.reports.model import Furniture
from desktop_app.services.ledger import Ledger


def today_text(today: date | None = None) -> str:
    return cn_date(today or date.today())


def furniture_for(ledger: Ledger, unit: str | None = None, period: str | None = None) -> Furniture:
    """填报单位 and 填报人 from the ledger, 联系电话 and 审核人 left blank to write in."""
    return Furniture(unit=unit or ledger.unit.name, period=period, filler=ledger.operator, phone="",
                     reviewer="", date=today_text())


def number_text(value: float | None) -> str:
    """10 → "10", 1.875 → "1.88", None → "" (targets and counts print without trailing zeros)."""
    if value is None:
        return ""
    if abs(value - round(value)) < 1e-9:
        return str(int(round(value)))
    return f"{value:.2f}".rstrip("0").rstrip(".")
