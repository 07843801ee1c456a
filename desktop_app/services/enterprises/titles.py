"""Titles an enterprise holds (高新技术企业, 科技型中小企业, 专精特新 …) and their expiry."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app import i18n
from desktop_app.domain import titles as rule
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import catalogs, forms
from desktop_app.services.ledger import Ledger

HIGH_TECH = "高新技术企业"
HIGH_TECH_CERT = re.compile(r"^GR\d{12}$")  # GR + year + province + serial, e.g. GR202314000123


def held_sql(alias: str, start: str, end: str | None = None) -> str:
    """The one title-on-date condition: row ``alias`` of enterprise_titles holds on the day ``start``
    (or at some time from ``start`` to ``end``); both are SQL date expressions ("?", "date('now')").

    A title holds from its year on (recognised in Y: from Y's start) until ``valid_until``; a title
    without ``valid_until`` holds for good.
    """
    end = end or start
    return (f"{alias}.deleted_at IS NULL AND ({alias}.valid_until IS NULL OR {alias}.valid_until >= {start}) "
            f"AND {alias}.year <= CAST(strftime('%Y', {end}) AS INTEGER)")


def renewal_sql(alias: str) -> str:
    """The one 新认定 / 重新认定 rule: row ``alias`` is a renewal (重新认定) when marked so or when the
    enterprise held the same title in an earlier year; otherwise it is 新认定. Every form (the brief, the
    高新技术企业名单, targets, rewards) counts 新认定 through this condition."""
    return (f"({alias}.recertified = 1 OR EXISTS (SELECT 1 FROM enterprise_titles p WHERE "
            f"p.enterprise_id = {alias}.enterprise_id AND p.title = {alias}.title AND p.deleted_at IS NULL "
            f"AND p.year < {alias}.year))")


@dataclass(frozen=True)
class Title:
    id: str
    enterprise_id: str
    title: str
    level: str
    year: int
    cert_no: str
    issued_on: str | None
    valid_until: str | None
    recertified: bool

    @property
    def display(self) -> str:
        return f"{self.title}（{self.level}）" if self.level else self.title

    def state(self, at: date) -> tuple[str, int | None]:
        until = date.fromisoformat(self.valid_until) if self.valid_until else None
        return rule.expiry_state(until, at)


def catalog() -> dict[str, dict[str, Any]]:
    return {t["name"]: t for t in catalogs.enterprise_titles()}


def clean(values: dict[str, Any], *, today: date | None = None) -> dict[str, Any]:
    today = today or date.today()
    known = catalog()
    name = forms.choice(values, "title", i18n.tr("称号"), list(known), required=True)
    spec = known[name]
    levels = list(spec.get("levels") or [])
    level = forms.text(values, "level", i18n.tr("级别"))
    if levels and level not in levels:
        raise ValidationError("level", i18n.tr("“{t}”请选择级别：{opts}").format(t=name, opts="、".join(levels)))
    if not levels:
        level = ""
    year = forms.number(values, "year", i18n.tr("认定年度"), integer=True, required=True)
    if not 1990 <= year <= today.year:
        raise ValidationError("year", i18n.tr("认定年度应在 1990–{y} 之间，现为 {v}").format(y=today.year, v=year))
    cert_no = forms.text(values, "cert_no", i18n.tr("证书编号"), max_len=50).upper().replace(" ", "")
    if name == HIGH_TECH:
        if not cert_no:
            raise ValidationError("cert_no", i18n.tr("高新技术企业请填写证书编号（如 GR202314000123）"))
        if not HIGH_TECH_CERT.match(cert_no):
            raise ValidationError("cert_no", i18n.tr("高新技术企业证书编号应为 GR 加 12 位数字（如 GR202314000123），"
                                                "现为“{v}”").format(v=cert_no))
    issued = forms.iso_date(values, "issued_on", i18n.tr("发证日期"), not_after=today)
    if issued and date.fromisoformat(issued).year != year:
        raise ValidationError("issued_on", i18n.tr("发证日期 {d} 不在认定年度 {y} 年内").format(d=issued, y=year))
    until = rule.valid_until(int(spec.get("valid_years") or 0), year,
                             date.fromisoformat(issued) if issued else None)
    return {"title": name, "level": level, "year": year, "cert_no": cert_no, "issued_on": issued,
            "valid_until": until.isoformat() if until else None,
            "recertified": forms.flag(values, "recertified")}


def _title(row) -> Title:
    return Title(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], bool(row[8]))


_COLS = "id, enterprise_id, title, level, year, cert_no, issued_on, valid_until, recertified"


def of_enterprise(ledger: Ledger, enterprise_id: str) -> list[Title]:
    rows = ledger.conn.execute(
        f"SELECT {_COLS} FROM enterprise_titles WHERE enterprise_id = ? AND deleted_at IS NULL "
        "ORDER BY year DESC, title", (enterprise_id,))
    return [_title(r) for r in rows]


def get(ledger: Ledger, title_id: str) -> Title:
    row = ledger.conn.execute(f"SELECT {_COLS} FROM enterprise_titles WHERE id = ? AND deleted_at IS NULL",
                              (title_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("称号记录不存在或已删除"))
    return _title(row)


def save(ledger: Ledger, enterprise_id: str, values: dict[str, Any], title_id: str | None = None) -> str:
    with ledger.write() as w:
        record = clean(values)
        if not ledger.conn.execute("SELECT 1 FROM enterprises WHERE id = ? AND deleted_at IS NULL",
                                   (enterprise_id,)).fetchone():
            raise UserError(i18n.tr("企业记录不存在或已删除"))
        dup = ledger.conn.execute(
            "SELECT 1 FROM enterprise_titles WHERE enterprise_id = ? AND title = ? AND level = ? AND year = ? "
            "AND deleted_at IS NULL AND id IS NOT ?",
            (enterprise_id, record["title"], record["level"], record["year"], title_id)).fetchone()
        if dup:
            raise ValidationError("year", i18n.tr("该企业 {y} 年的“{t}”已登记").format(y=record["year"], t=record["title"]))
        if title_id is None:
            return w.insert("enterprise_titles", {"enterprise_id": enterprise_id, **record})
        get(ledger, title_id)
        w.update("enterprise_titles", title_id, record)
        return title_id


def delete(ledger: Ledger, title_id: str) -> None:
    with ledger.write() as w:
        get(ledger, title_id)
        w.soft_delete("enterprise_titles", title_id)


@dataclass(frozen=True)
class ExpiringTitle:
    enterprise_id: str
    enterprise: str
    title: Title
    days_left: int


def expiring(ledger: Ledger, at: date | None = None, *, days: int = rule.WARN_DAYS) -> list[ExpiringTitle]:
    """Titles running out within ``days`` of ``at`` (not yet renewed by a later title of the same kind)."""
    at = at or date.today()
    rows = ledger.conn.execute(
        f"SELECT e.name, {', '.join('t.' + c.strip() for c in _COLS.split(','))} FROM enterprise_titles t "
        "JOIN enterprises e ON e.id = t.enterprise_id AND e.deleted_at IS NULL "
        "WHERE t.deleted_at IS NULL AND t.valid_until IS NOT NULL AND t.valid_until >= ? AND t.valid_until <= date(?, ?) "
        "AND NOT EXISTS (SELECT 1 FROM enterprise_titles n WHERE n.enterprise_id = t.enterprise_id "
        "AND n.title = t.title AND n.deleted_at IS NULL AND n.valid_until > t.valid_until) "
        "ORDER BY t.valid_until, e.name", (at.isoformat(), at.isoformat(), f"+{days} days"))
    out = []
    for r in rows:
        t = _title(r[1:])
        out.append(ExpiringTitle(t.enterprise_id, r[0], t, (date.fromisoformat(t.valid_until) - at).days))
    return out
