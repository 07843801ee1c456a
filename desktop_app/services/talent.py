"""Talent (人才): the list and record writes. ID numbers and phones are masked in lists."""

from datetime import date
from typing import Any

from db.listing import Column, Filter, ListSpec
from desktop_app.domain.codes import (
    id_birth_date,
    id_number_error,
    mask_id_number,
    mask_phone,
    normalize_id_number,
    phone_error,
)
from desktop_app.errors import UserError, ValidationError
from desktop_app.i18n import tr
from desktop_app.services import catalogs, forms
from desktop_app.services.ledger import Ledger

LIST = ListSpec(
    table="talent",
    joins="LEFT JOIN enterprises e ON e.id = t.enterprise_id",
    columns=(
        Column("name", "t.name"),
        Column("gender", "t.gender"),
        Column("birth_year", "t.birth_year"),
        Column("category", "t.category"),
        Column("high_level", "t.high_level", fmt=lambda v: tr("是") if v else ""),
        Column("intro_method", "t.intro_method"),
        Column("intro_date", "t.intro_date"),
        Column("employer", "COALESCE(e.name, t.employer)"),
        Column("industry", "t.industry"),
        Column("id_number", "t.id_number", fmt=lambda v: mask_id_number(v) if v else ""),
        Column("phone", "t.phone", fmt=mask_phone),
    ),
    filters=(
        Filter("category", "t.category = ?"),
        Filter("industry", "t.industry = ?"),
        Filter("intro_method", "t.intro_method = ?"),
        Filter("high_level", "t.high_level = ?"),
    ),
    like_fields=("t.name", "t.employer", "t.specialty"),
    fts_table="talent_fts",
    default_sort="name",
)


def clean(ledger: Ledger, values: dict[str, Any]) -> dict[str, Any]:
    today = date.today()
    out: dict[str, Any] = {}
    out["name"] = forms.text(values, "name", tr("姓名"), required=True, max_len=50)
    out["gender"] = forms.choice(values, "gender", tr("性别"), ["男", "女"])
    birth_year = forms.number(values, "birth_year", tr("出生年份"), integer=True, minimum=None)
    if birth_year is not None and not (1900 <= birth_year <= today.year):
        raise ValidationError("birth_year", tr("出生年份 {y} 不合理（应在 1900 至 {now} 之间）").format(
            y=birth_year, now=today.year))
    idn = normalize_id_number(str(values.get("id_number") or ""))
    if idn:
        if err := id_number_error(idn, today=today):
            raise ValidationError("id_number", err)
        born = id_birth_date(idn)
        if birth_year is None:
            birth_year = born.year
        elif born.year != birth_year:
            raise ValidationError("birth_year", tr("出生年份 {y} 与身份证号中的 {b} 不一致").format(
                y=birth_year, b=born.year))
    out["birth_year"] = birth_year
    out["id_number"] = idn
    out["phone"] = forms.text(values, "phone", tr("联系电话"), max_len=30)
    if err := phone_error(out["phone"]):
        raise ValidationError("phone", err)
    for key, label in (("education", tr("学历")), ("degree", tr("学位")), ("prof_title", tr("职称")),
                       ("specialty", tr("专业特长")), ("employer", tr("工作单位")),
                       ("high_level_tier", tr("高层次人才层级")), ("support_case", tr("一事一议事项")),
                       ("note", tr("备注"))):
        out[key] = forms.text(values, key, label, max_len=2000 if key == "note" else 200)
    out["enterprise_id"] = values.get("enterprise_id") or None
    out["category"] = forms.choice(values, "category", tr("人才类别"), catalogs.talent_categories())
    out["intro_method"] = forms.choice(values, "intro_method", tr("引进方式"), catalogs.intro_methods())
    out["industry"] = forms.choice(values, "industry", tr("服务产业"), catalogs.talent_industries())
    out["high_level"] = forms.flag(values, "high_level")
    out["intro_date"] = forms.iso_date(values, "intro_date", tr("引进时间"), not_after=today)
    out["support_housing"] = forms.flag(values, "support_housing")
    out["support_award"] = forms.number(values, "support_award", tr("奖励补贴（万元）"))
    out["support_case_amount"] = forms.number(values, "support_case_amount", tr("一事一议金额（万元）"))
    return out


def get(ledger: Ledger, talent_id: str) -> dict[str, Any]:
    row = ledger.conn.execute(
        "SELECT * FROM talent WHERE id = ? AND deleted_at IS NULL", (talent_id,)).fetchone()
    if row is None:
        raise UserError(tr("人才记录不存在或已删除"))
    return dict(row)


def save(ledger: Ledger, values: dict[str, Any], talent_id: str | None = None) -> str:
    with ledger.write() as w:
        record = clean(ledger, values)
        if talent_id is None:
            return w.insert("talent", record)
        get(ledger, talent_id)
        w.update("talent", talent_id, record)
        return talent_id


def delete(ledger: Ledger, talent_id: str) -> None:
    with ledger.write() as w:
        get(ledger, talent_id)
        w.soft_delete("talent", talent_id)


def unmask(ledger: Ledger, talent_id: str, reason: str) -> dict[str, str]:
    """Full ID number and phone, for a stated reason that goes into the audit log."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("reason", tr("查看完整身份证号须填写事由"))
    row = get(ledger, talent_id)
    with ledger.write() as w:
        w.log("unmask", "talent", talent_id, None, {"fields": ["id_number", "phone"]}, reason)
    return {"id_number": row["id_number"], "phone": row["phone"]}
