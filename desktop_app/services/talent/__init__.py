"""Talent (人才): the list and record writes.

ID numbers and phones are personal data: lists, dialogs and printouts show
them masked. :func:`unmask` gives the full values for a stated reason that
goes into the audit log. A dialog edits the masked value; saving it back
unchanged keeps the stored number (:func:`clean`).
"""

from datetime import date
from typing import Any

from db.listing import Column, Filter, ListSpec
from desktop_app import i18n
from desktop_app.domain.codes import (
    id_birth_date,
    id_number_error,
    mask_id_number,
    mask_phone,
    normalize_id_number,
    phone_error,
)
from desktop_app.errors import UserError, ValidationError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import catalogs, forms
from desktop_app.services.ledger import Ledger


def masked_id(value: str | None) -> str:
    return mask_id_number(value) if value else ""


LIST = ListSpec(
    table="talent",
    joins="LEFT JOIN enterprises e ON e.id = t.enterprise_id",
    columns=(
        Column("name", "t.name"),
        Column("gender", "t.gender"),
        Column("birth_year", "t.birth_year"),
        Column("category", "t.category"),
        Column("high_level", "t.high_level", fmt=lambda v: i18n.tr("是") if v else ""),
        Column("tier", "t.high_level_tier"),
        Column("intro_method", "t.intro_method"),
        Column("intro_date", "t.intro_date"),
        Column("employer", "COALESCE(e.name, t.employer)"),
        Column("industry", "t.industry"),
        Column("education", "t.education"),
        Column("prof_title", "t.prof_title"),
        Column("id_number", "t.id_number", fmt=masked_id),
        Column("phone", "t.phone", fmt=mask_phone),
    ),
    filters=(
        Filter("category", "t.category = ?"),
        Filter("industry", "t.industry = ?"),
        Filter("intro_method", "t.intro_method = ?"),
        Filter("high_level", "t.high_level = ?"),
        Filter("enterprise_id", "t.enterprise_id = ?"),
    ),
    like_fields=("t.name", "t.employer", "t.specialty"),
    fts_table="talent_fts",
    default_sort="name",
)

TEXT_FIELDS = (
    ("education", QT_TRANSLATE_NOOP("i18n", "学历")),
    ("degree", QT_TRANSLATE_NOOP("i18n", "学位")),
    ("prof_title", QT_TRANSLATE_NOOP("i18n", "职称")),
    ("specialty", QT_TRANSLATE_NOOP("i18n", "专业特长")),
    ("employer", QT_TRANSLATE_NOOP("i18n", "工作单位")),
    ("high_level_tier", QT_TRANSLATE_NOOP("i18n", "高层次人才层级")),
    ("support_case", QT_TRANSLATE_NOOP("i18n", "一事一议事项")),
)


def _id_number(values: dict[str, Any], stored: dict[str, Any] | None, today: date) -> str:
    raw = normalize_id_number(str(values.get("id_number") or ""))
    if stored and raw and raw == masked_id(stored["id_number"]):
        return stored["id_number"]            # the masked value came back unchanged
    if "*" in raw:
        raise ValidationError("id_number", i18n.tr("身份证号中有隐去的数字（*），如需修改请填写完整的 18 位号码"))
    if raw and (err := id_number_error(raw, today=today)):
        raise ValidationError("id_number", err)
    return raw


def _phone(values: dict[str, Any], stored: dict[str, Any] | None) -> str:
    raw = forms.text(values, "phone", i18n.tr("联系电话"), max_len=30)
    if stored and raw and raw == mask_phone(stored["phone"]):
        return stored["phone"]
    if "*" in raw:
        raise ValidationError("phone", i18n.tr("联系电话中有隐去的数字（*），如需修改请填写完整号码"))
    if err := phone_error(raw):
        raise ValidationError("phone", err)
    return raw


def clean(ledger: Ledger, values: dict[str, Any], stored: dict[str, Any] | None = None) -> dict[str, Any]:
    """Validate a talent record; ``stored`` is the record being edited (masked fields may come back)."""
    today = date.today()
    out: dict[str, Any] = {}
    out["name"] = forms.text(values, "name", i18n.tr("姓名"), required=True, max_len=50)
    out["gender"] = forms.choice(values, "gender", i18n.tr("性别"), ["男", "女"])
    birth_year = forms.number(values, "birth_year", i18n.tr("出生年份"), integer=True, minimum=None)
    if birth_year is not None and not (1900 <= birth_year <= today.year):
        raise ValidationError("birth_year", i18n.tr("出生年份 {y} 不合理（应在 1900 至 {now} 之间）").format(
            y=birth_year, now=today.year))
    idn = _id_number(values, stored, today)
    if idn:
        born = id_birth_date(idn)
        if birth_year is None:
            birth_year = born.year
        elif born.year != birth_year:
            raise ValidationError("birth_year", i18n.tr("出生年份 {y} 与身份证号中的 {b} 不一致").format(
                y=birth_year, b=born.year))
        gender = "男" if int(idn[16]) % 2 else "女"
        if out["gender"] and out["gender"] != gender:
            raise ValidationError("gender", i18n.tr("性别“{g}”与身份证号第 17 位（{s}）不一致").format(
                g=out["gender"], s=gender))
        out["gender"] = out["gender"] or gender
    out["birth_year"] = birth_year
    out["id_number"] = idn
    out["phone"] = _phone(values, stored)
    for key, label in TEXT_FIELDS:
        out[key] = forms.text(values, key, i18n.tr(label))
    out["note"] = forms.text(values, "note", i18n.tr("备注"), max_len=2000)
    for key, catalog in (("education", "education_levels"), ("degree", "degrees"),
                         ("prof_title", "professional_titles")):
        if out[key] and out[key] not in catalogs.names(catalog):
            raise ValidationError(key, i18n.tr("“{v}”不在可选范围内").format(v=out[key]))
    out["enterprise_id"] = values.get("enterprise_id") or None
    if out["enterprise_id"]:
        row = ledger.conn.execute("SELECT name FROM enterprises WHERE id = ? AND deleted_at IS NULL",
                                  (out["enterprise_id"],)).fetchone()
        if row is None:
            raise ValidationError("enterprise_id", i18n.tr("所选工作单位企业不存在或已删除"))
        out["employer"] = out["employer"] or row[0]
    township = values.get("township_id") or None
    if township and not ledger.conn.execute("SELECT 1 FROM units WHERE id = ?", (township,)).fetchone():
        raise ValidationError("township_id", i18n.tr("所属乡镇不存在"))
    out["township_id"] = township
    out["category"] = forms.choice(values, "category", i18n.tr("人才类别"), catalogs.talent_categories())
    out["intro_method"] = forms.choice(values, "intro_method", i18n.tr("引进方式"), catalogs.intro_methods())
    out["industry"] = forms.choice(values, "industry", i18n.tr("服务产业"), catalogs.talent_industries())
    out["high_level"] = forms.flag(values, "high_level")
    if not out["high_level"]:
        out["high_level_tier"] = ""
    out["intro_date"] = forms.iso_date(values, "intro_date", i18n.tr("引进时间"), not_after=today)
    if out["intro_date"] and birth_year and int(out["intro_date"][:4]) < birth_year + 14:
        raise ValidationError("intro_date", i18n.tr("引进时间 {d} 早于 {y} 年出生者满 14 岁").format(
            d=out["intro_date"], y=birth_year))
    out["support_housing"] = forms.flag(values, "support_housing")
    out["support_award"] = forms.number(values, "support_award", i18n.tr("奖励补贴（万元）"))
    out["support_case_amount"] = forms.number(values, "support_case_amount", i18n.tr("一事一议金额（万元）"))
    if out["support_case_amount"] and not out["support_case"]:
        raise ValidationError("support_case", i18n.tr("填写了一事一议金额，请写明一事一议事项"))
    return out


def get(ledger: Ledger, talent_id: str) -> dict[str, Any]:
    """The full record (service use: ID number and phone unmasked)."""
    row = ledger.conn.execute(
        "SELECT * FROM talent WHERE id = ? AND deleted_at IS NULL", (talent_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("人才记录不存在或已删除"))
    return dict(row)


def get_masked(ledger: Ledger, talent_id: str) -> dict[str, Any]:
    """The record as a dialog shows it: ID number and phone masked."""
    record = get(ledger, talent_id)
    record["id_number"] = masked_id(record["id_number"])
    record["phone"] = mask_phone(record["phone"]) if record["phone"] else ""
    return record


def save(ledger: Ledger, values: dict[str, Any], talent_id: str | None = None) -> str:
    with ledger.write() as w:
        stored = get(ledger, talent_id) if talent_id else None
        record = clean(ledger, values, stored)
        if talent_id is None:
            return w.insert("talent", record)
        w.update("talent", talent_id, record)
        return talent_id


def delete(ledger: Ledger, talent_id: str) -> None:
    with ledger.write() as w:
        get(ledger, talent_id)
        used = ledger.conn.execute(
            "SELECT tm.name FROM team_members m JOIN teams tm ON tm.id = m.team_id "
            "WHERE m.talent_id = ? AND tm.deleted_at IS NULL LIMIT 1", (talent_id,)).fetchone()
        if used:
            raise UserError(i18n.tr("此人是人才团队“{t}”的成员，请先从团队中移除").format(t=used[0]))
        posted = ledger.conn.execute(
            "SELECT 1 FROM commissioner_postings WHERE talent_id = ? AND deleted_at IS NULL", (talent_id,)).fetchone()
        if posted:
            raise UserError(i18n.tr("此人有科技特派员派驻记录，请先删除派驻记录"))
        w.soft_delete("talent", talent_id)


def unmask(ledger: Ledger, talent_id: str, reason: str) -> dict[str, str]:
    """Full ID number and phone, for a stated reason that goes into the audit log."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("reason", i18n.tr("查看完整身份证号须填写事由"))
    row = get(ledger, talent_id)
    with ledger.write() as w:
        w.log("unmask", "talent", talent_id, None, {"fields": ["id_number", "phone"]}, reason)
    return {"id_number": row["id_number"], "phone": row["phone"]}


def unmask_log(ledger: Ledger, talent_id: str) -> list[dict[str, Any]]:
    """Who looked at the full numbers, when and why."""
    return [dict(r) for r in ledger.conn.execute(
        "SELECT at, operator, reason FROM audit_log WHERE action = 'unmask' AND table_name = 'talent' "
        "AND row_id = ? ORDER BY seq DESC", (talent_id,))]


def label(ledger: Ledger, talent_id: str | None) -> str:
    """姓名（工作单位） for pickers."""
    if not talent_id:
        return ""
    row = ledger.conn.execute(
        "SELECT t.name, COALESCE(e.name, t.employer) FROM talent t "
        "LEFT JOIN enterprises e ON e.id = t.enterprise_id WHERE t.id = ?", (talent_id,)).fetchone()
    if row is None:
        return ""
    return f"{row[0]}（{row[1]}）" if row[1] else row[0]
