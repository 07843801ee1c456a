"""高新技术企业名单 for a year: every enterprise whose certificate runs in that year."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app import i18n
from desktop_app.domain import titles as rule
from desktop_app.domain.dates import cn_date
from desktop_app.errors import UserError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.high_tech import HighTechLine, HighTechList, build_high_tech_form
from desktop_app.reports.model import TableForm
from desktop_app.services.enterprises.titles import HIGH_TECH, held_sql, renewal_sql
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ReportSpec


def lines(ledger: Ledger, year: int, at: date) -> list[HighTechLine]:
    """The latest certificate of each enterprise that holds in ``year`` (renewals replace the old one)."""
    rows = ledger.conn.execute(
        "SELECT e.name, e.uscc, COALESCE(tw.name, ''), e.industry, t.cert_no, t.year, COALESCE(t.issued_on, ''), "
        f"t.valid_until, {renewal_sql('t')} "
        "FROM enterprise_titles t JOIN enterprises e ON e.id = t.enterprise_id AND e.deleted_at IS NULL "
        "LEFT JOIN units tw ON tw.id = e.township_id "
        f"WHERE t.title = ? AND {held_sql('t', '?', '?')} "
        "AND NOT EXISTS (SELECT 1 FROM enterprise_titles n WHERE n.enterprise_id = t.enterprise_id "
        "AND n.title = t.title AND n.deleted_at IS NULL AND n.year <= ? AND n.year > t.year) "
        "ORDER BY tw.level = 'zone', tw.seq, e.name",
        (HIGH_TECH, f"{year}-01-01", f"{year}-12-31", year))
    out = []
    for name, uscc, town, ind, cert, y, issued, until, renewal in rows:
        state, left = rule.expiry_state(date.fromisoformat(until) if until else None, at)
        note = i18n.tr("重新认定") if renewal else i18n.tr("本年新认定") if y == year else ""
        out.append(HighTechLine(name, uscc, town, ind, cert, y, issued, until or "", rule.describe(state, left), note))
    return out


def build(ledger: Ledger, params: dict[str, Any]) -> TableForm:
    year = int(params["year"])
    today = date.today()
    if not 1990 <= year <= today.year:
        raise UserError(i18n.tr("年度 {y} 不在 1990–{t} 之间").format(y=year, t=today.year))
    at = min(today, date(year, 12, 31))
    return build_high_tech_form(HighTechList(unit=ledger.unit.name, year=year, as_of=cn_date(at),
                                             lines=lines(ledger, year, at), filler=ledger.operator, date=cn_date(today)))


SPEC = ReportSpec(name="high-tech", title=QT_TRANSLATE_NOOP("i18n", "高新技术企业名单"), build=build, params=("year",), order=60)
