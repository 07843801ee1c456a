"""创新平台名录 from the ledger's platforms."""

from typing import Any

from desktop_app import i18n
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.model import Furniture
from desktop_app.reports.platforms import PlatformLine, directory_form, summary_form
from desktop_app.services import catalogs, units
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ReportSpec
from desktop_app.services.printing.furniture import furniture_for, today_text


def lines(ledger: Ledger, township: str | None = None) -> list[PlatformLine]:
    """Every platform not revoked, in catalogue type order, highest level first, by name."""
    sql = ("SELECT p.type, p.level, p.name, COALESCE(e.name, p.host_name), p.approver, p.approval_doc, "
           "p.approved_on, p.field, p.status FROM platforms p LEFT JOIN enterprises e ON e.id = p.host_enterprise_id "
           "LEFT JOIN units tw ON tw.id = COALESCE(p.township_id, e.township_id) "
           "WHERE p.deleted_at IS NULL AND p.status != '已撤销'")
    params: list[Any] = []
    if township:
        sql += " AND tw.name = ?"
        params.append(township)
    order = {t: i for i, t in enumerate(catalogs.platform_types())}
    levels = {lv: i for i, lv in enumerate(catalogs.platform_levels())}
    found = [PlatformLine(*(v or "" for v in r)) for r in ledger.conn.execute(sql, params)]
    return sorted(found, key=lambda ln: (order.get(ln.type, 99), levels.get(ln.level, 9), ln.name))


def build(ledger: Ledger, params: dict[str, Any]):
    township = params.get("township")
    if township and township not in {c.name for c in units.townships(ledger)}:
        from desktop_app.errors import UserError
        raise UserError(i18n.tr("没有名为“{t}”的乡镇").format(t=township))
    found = lines(ledger, township)
    unit = township or ledger.unit.name
    subtitle = i18n.tr("（截至{d}）").format(d=today_text())
    furniture: Furniture = furniture_for(ledger, unit)
    return [directory_form(found, unit=unit, furniture=furniture, subtitle=subtitle),
            summary_form(found, catalogs.platform_types(), unit=unit, furniture=furniture, subtitle=subtitle)]


SPEC = ReportSpec(name="platforms", title=QT_TRANSLATE_NOOP("i18n", "创新平台名录"), build=build, params=("township",), order=60)
