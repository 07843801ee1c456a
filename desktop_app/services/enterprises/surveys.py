"""Survey returns (调查表, 004 附件3): one per enterprise and period.

``save`` takes what the dialog (or an Excel import) collected as plain
values, checks every field, and writes the return, its repeatable rows and
any new evidence files in one transaction: a bad field anywhere saves
nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app import i18n
from desktop_app.domain.codes import phone_error
from desktop_app.domain.coverage import money, rd_spending
from desktop_app.domain.survey import (
    DIRECTIONS,
    INSTITUTION_FIELDS,
    OTHER_ACTIVITY_COUNT,
    PROJECT_FIELDS,
    Institution,
    Project,
    SurveyReturn,
)
from desktop_app.errors import UserError, ValidationError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import evidence, forms, metrics, periods
from desktop_app.services.enterprises import decisions
from desktop_app.services.ledger import Ledger

MAX_AMOUNT = 10_000_000  # 万元 (1,000 亿元): anything above is a typing slip
MAX_COUNT = 100_000
SECTIONS = {"institutions": (QT_TRANSLATE_NOOP("i18n", "研究开发机构"), INSTITUTION_FIELDS, Institution),
            "projects": (QT_TRANSLATE_NOOP("i18n", "研发项目"), PROJECT_FIELDS, Project)}


def clean_period(value: Any) -> str:
    """A typed period (``domain.periods``), not in the future."""
    return periods.check_period(value)


def _clean_row(section: str, index: int, row: dict[str, Any]) -> Any | None:
    """One repeatable row; None for a row left entirely blank."""
    noun, fields, record = SECTIONS[section]
    if all(not str(row.get(key) or "").strip() for key, _, _ in fields):
        return None
    where = i18n.tr("{noun}第 {n} 行：").format(noun=i18n.tr(noun), n=index + 1)
    out: dict[str, Any] = {}
    for key, label, kind in fields:
        path = f"{section}.{index}.{key}"
        try:
            if kind == "text":
                out[key] = forms.text(row, key, i18n.tr(label), max_len=200)
                continue
            value = forms.number(row, key, i18n.tr(label), integer=kind == "int")
        except ValidationError as exc:
            raise ValidationError(path, where + str(exc)) from None
        if value > (MAX_COUNT if kind == "int" else MAX_AMOUNT):
            raise ValidationError(path, where + i18n.tr("{label} {v} 超出合理范围，请核对单位（万元）").format(
                label=i18n.tr(label), v=value))
        out[key] = money(value) if kind == "money" else value
    if not out["name"]:
        raise ValidationError(f"{section}.{index}.name", where + i18n.tr("请填写{label}").format(label=i18n.tr(fields[0][1])))
    count = row.get("count")
    if section == "institutions" and (count is None or str(count).strip() == ""):
        out["count"] = 1  # a named institution is one unless said otherwise; 0 is a figure, kept
    return record(**out)


def _rows(values: dict[str, Any], section: str) -> tuple:
    rows = values.get(section) or []
    cleaned = (_clean_row(section, i, dict(r)) for i, r in enumerate(rows))
    return tuple(r for r in cleaned if r is not None)


def _activities(raw: Any) -> tuple[int, ...]:
    picked: set[int] = set()
    for item in raw or ():
        try:
            n = int(item)
        except (TypeError, ValueError):
            n = 0
        if not 1 <= n <= OTHER_ACTIVITY_COUNT:
            raise ValidationError("other_activities", i18n.tr("其他创新活动只有第 1–14 项，没有“{v}”").format(v=item))
        picked.add(n)
    return tuple(sorted(picked))


def clean(ledger: Ledger, enterprise_id: str, values: dict[str, Any]) -> SurveyReturn:
    """Check a return field by field; ValidationError names the field (``institutions.1.spending``)."""
    period = clean_period(values.get("period"))
    phone = forms.text(values, "phone", i18n.tr("联系电话"), max_len=30)
    if err := phone_error(phone):
        raise ValidationError("phone", err)
    return SurveyReturn(
        enterprise_id=enterprise_id,
        period=period,
        institutions=_rows(values, "institutions"),
        projects=_rows(values, "projects"),
        directions={key: forms.text(values, key, i18n.tr(label), max_len=2000) for key, label in DIRECTIONS},
        other_activities=_activities(values.get("other_activities")),
        filled_by=forms.text(values, "filled_by", i18n.tr("填表人"), max_len=50),
        phone=phone,
        filled_on=forms.iso_date(values, "filled_on", i18n.tr("填表日期"), not_after=date.today()),
    )


def _enterprise_name(ledger: Ledger, enterprise_id: str) -> str:
    row = ledger.conn.execute("SELECT name FROM enterprises WHERE id = ? AND deleted_at IS NULL",
                              (enterprise_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("企业记录不存在或已删除"))
    return row[0]


def find_id(ledger: Ledger, enterprise_id: str, period: str) -> str | None:
    row = ledger.conn.execute("SELECT id FROM surveys WHERE enterprise_id = ? AND period = ? AND deleted_at IS NULL",
                              (enterprise_id, period)).fetchone()
    return row[0] if row else None


def save(ledger: Ledger, enterprise_id: str, values: dict[str, Any], survey_id: str | None = None, *,
         new_files: list[Path | str] = (), reuse_evidence: list[str] = (), remove_evidence: list[str] = ()) -> str:
    """Create (no id) or replace a return. Evidence changes made in the dialog —
    new files, files reused from another return, files taken off (evidence
    ids) — are part of the same transaction."""
    with ledger.write() as w:
        name = _enterprise_name(ledger, enterprise_id)
        ret = clean(ledger, enterprise_id, values)
        clash = find_id(ledger, enterprise_id, ret.period)
        if clash and clash != survey_id:
            raise ValidationError("period", i18n.tr("“{name}”{p} 的调查表已经存在，请打开原表修改").format(
                name=name, p=ret.period))
        record = {"enterprise_id": enterprise_id, "period": ret.period, **ret.directions,
                  "other_activities": json.dumps(list(ret.other_activities)), "filled_by": ret.filled_by,
                  "phone": ret.phone, "filled_on": ret.filled_on}
        if survey_id is None:
            survey_id = w.insert("surveys", record)
        else:
            get(ledger, survey_id)
            w.update("surveys", survey_id, record)
        w.sync_children("survey_institutions", "survey_id", survey_id,
                        [{"seq": seq, **inst.__dict__} for seq, inst in enumerate(ret.institutions, start=1)],
                        key=("name",))
        w.sync_children("survey_projects", "survey_id", survey_id,
                        [{"seq": seq, **proj.__dict__} for seq, proj in enumerate(ret.projects, start=1)],
                        key=("name",))
        for ev_id in remove_evidence:
            if evidence.get(ledger, ev_id).owner_id != survey_id:
                raise UserError(i18n.tr("要移除的印证材料不属于这张调查表"))
            evidence.remove(ledger, ev_id)
        for path in new_files:
            evidence.attach(ledger, "surveys", survey_id, path)
        for ev_id in reuse_evidence:
            ev = evidence.get(ledger, ev_id)
            evidence.attach_bytes(ledger, "surveys", survey_id, ev.file_name, evidence.content(ledger, ev_id),
                                  note=ev.note)
        return survey_id


def get(ledger: Ledger, survey_id: str) -> SurveyReturn:
    row = ledger.conn.execute("SELECT * FROM surveys WHERE id = ? AND deleted_at IS NULL", (survey_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("调查表不存在或已删除"))
    insts = ledger.conn.execute(
        "SELECT name, approver, field, count, staff, spending, equipment_value FROM survey_institutions "
        "WHERE survey_id = ? ORDER BY seq", (survey_id,)).fetchall()
    projs = ledger.conn.execute(
        "SELECT name, source_doc, staff, spending, assets FROM survey_projects WHERE survey_id = ? ORDER BY seq",
        (survey_id,)).fetchall()
    return SurveyReturn(
        enterprise_id=row["enterprise_id"], period=row["period"],
        institutions=tuple(Institution(*r) for r in insts), projects=tuple(Project(*r) for r in projs),
        directions={key: row[key] for key, _ in DIRECTIONS},
        other_activities=tuple(json.loads(row["other_activities"] or "[]")),
        filled_by=row["filled_by"], phone=row["phone"], filled_on=row["filled_on"], id=survey_id)


def find(ledger: Ledger, enterprise_id: str, period: str) -> SurveyReturn | None:
    sid = find_id(ledger, enterprise_id, period)
    return get(ledger, sid) if sid else None


def previous(ledger: Ledger, enterprise_id: str, before: str) -> SurveyReturn | None:
    """The latest return before ``before``: the starting point for a new period."""
    row = ledger.conn.execute(
        "SELECT id FROM surveys WHERE enterprise_id = ? AND period < ? AND deleted_at IS NULL "
        "ORDER BY period DESC LIMIT 1", (enterprise_id, before)).fetchone()
    return get(ledger, row[0]) if row else None


def as_values(ret: SurveyReturn) -> dict[str, Any]:
    """A return as the plain values ``save`` takes (for the dialog and copying)."""
    return {"period": ret.period, "filled_by": ret.filled_by, "phone": ret.phone, "filled_on": ret.filled_on,
            **ret.directions, "other_activities": list(ret.other_activities),
            "institutions": [dict(i.__dict__) for i in ret.institutions],
            "projects": [dict(p.__dict__) for p in ret.projects]}


def delete(ledger: Ledger, survey_id: str, *, reason: str = "") -> None:
    with ledger.write() as w:
        ret = get(ledger, survey_id)
        latest = decisions.in_force(ledger, ret.enterprise_id, ret.period)
        if latest and latest.confirmed and latest.survey_id == survey_id:
            raise UserError(i18n.tr("{p} 的调查表已据以销号，不能删除；如需更正请先由县级撤销销号").format(p=ret.period))
        w.soft_delete("surveys", survey_id, reason=reason or None)


@dataclass(frozen=True)
class ReturnLine:
    """A row of an enterprise's returns list."""

    id: str
    period: str
    institutions: int
    projects: int
    rd_spending: float
    other_activities: int
    evidence_files: int
    filled_on: str


def returns_of(ledger: Ledger, enterprise_id: str) -> list[ReturnLine]:
    rows = metrics.facts_rows(ledger, ("s.id", "s.period", "COALESCE(s.filled_on, '')"), "s.enterprise_id = ?",
                              [enterprise_id], "ORDER BY s.period DESC")
    return [ReturnLine(sid, period, f.institutions, f.projects, rd_spending(f), len(f.other_activities),
                       f.evidence_files, filled_on) for (sid, period, filled_on), f in rows]
