"""Enterprises: the registry list and record writes."""

from datetime import date
from typing import Any

from db.listing import Column, Filter, ListSpec
from desktop_app import i18n
from desktop_app.domain.codes import mask_phone, normalize_uscc, phone_error, uscc_error
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import catalogs, forms
from desktop_app.services.ledger import Ledger

LIST = ListSpec(
    table="enterprises",
    joins="LEFT JOIN units tw ON tw.id = t.township_id",
    columns=(
        # (name, uscc) is unique and matches the covering index: no sort step
        Column("name", "t.name", sort_sql=("t.name", "t.uscc"), sort_unique=True),
        Column("uscc", "t.uscc", sort_unique=True),
        Column("township", "tw.name"),
        Column("industry", "t.industry"),
        Column("above_scale", "t.above_scale", fmt=lambda v: i18n.tr("是") if v else i18n.tr("否")),
        Column("legal_person", "t.legal_person"),
        Column("contact", "t.contact"),
        Column("phone", "t.phone", fmt=mask_phone),
        Column("updated_at", "substr(t.updated_at, 1, 10)", sort_sql="t.updated_at"),
    ),
    filters=(
        Filter("township_id", "t.township_id = ?"),
        Filter("industry", "t.industry = ?"),
        Filter("above_scale", "t.above_scale = ?"),
    ),
    # 1–2 character queries look up names in the name-characters index (0005);
    # 3+ characters search name, code, person and address
    like_fields=("t.name",),
    fts_table="enterprises_fts",
    char_table="enterprise_name_chars",
    default_sort="name",
)

FIELDS = ("name", "uscc", "township_id", "industry", "above_scale", "address",
          "legal_person", "contact", "phone", "founded_on", "note")


def clean(ledger: Ledger, values: dict[str, Any], *, exclude_id: str | None = None) -> dict[str, Any]:
    """Validate an enterprise record; raise ValidationError naming the field."""
    out: dict[str, Any] = {}
    out["name"] = forms.text(values, "name", i18n.tr("企业名称"), required=True)
    out["uscc"] = normalize_uscc(str(values.get("uscc") or ""))
    if err := uscc_error(out["uscc"]):
        raise ValidationError("uscc", err)
    dup = ledger.conn.execute(
        "SELECT name FROM enterprises WHERE uscc = ? AND deleted_at IS NULL AND id IS NOT ?",
        (out["uscc"], exclude_id)).fetchone()
    if dup:
        raise ValidationError("uscc", i18n.tr("统一社会信用代码 {code} 已被“{name}”使用").format(
            code=out["uscc"], name=dup[0]))
    township = values.get("township_id") or None
    if township and not ledger.conn.execute(
            "SELECT 1 FROM units WHERE id = ? AND deleted_at IS NULL", (township,)).fetchone():
        raise ValidationError("township_id", i18n.tr("所属乡镇不存在"))
    out["township_id"] = township
    out["industry"] = forms.choice(values, "industry", i18n.tr("所属行业"), catalogs.industries())
    out["above_scale"] = forms.flag(values, "above_scale")
    out["address"] = forms.text(values, "address", i18n.tr("地址"))
    out["legal_person"] = forms.text(values, "legal_person", i18n.tr("法定代表人"), max_len=50)
    out["contact"] = forms.text(values, "contact", i18n.tr("联系人"), max_len=50)
    out["phone"] = forms.text(values, "phone", i18n.tr("联系电话"), max_len=30)
    if err := phone_error(out["phone"]):
        raise ValidationError("phone", err)
    out["founded_on"] = forms.iso_date(values, "founded_on", i18n.tr("成立日期"), not_after=date.today())
    out["note"] = forms.text(values, "note", i18n.tr("备注"), max_len=2000)
    return out


def get(ledger: Ledger, enterprise_id: str) -> dict[str, Any]:
    """The record, with ``township``: the name of its township."""
    row = ledger.conn.execute(
        "SELECT e.*, COALESCE(u.name, '') AS township FROM enterprises e LEFT JOIN units u ON u.id = e.township_id "
        "WHERE e.id = ? AND e.deleted_at IS NULL", (enterprise_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("企业记录不存在或已删除"))
    return dict(row)


class DeletedEnterpriseExists(UserError):
    """A new enterprise has the credit code of a deleted one: restore it (with its returns) or add anyway."""

    def __init__(self, deleted_id: str, name: str, uscc: str):
        self.deleted_id = deleted_id
        self.name = name
        super().__init__(i18n.tr("统一社会信用代码 {c} 属于已删除的企业“{n}”（在回收站中），可恢复原企业及其调查表").format(
            c=uscc, n=name))


def save(ledger: Ledger, values: dict[str, Any], enterprise_id: str | None = None, *,
         new_despite_deleted: bool = False) -> str:
    """Create (no id) or update an enterprise; one audited transaction.

    A new record whose credit code belongs to a deleted enterprise raises
    ``DeletedEnterpriseExists`` unless ``new_despite_deleted`` (仍然新建).
    """
    with ledger.write() as w:
        record = clean(ledger, values, exclude_id=enterprise_id)
        if enterprise_id is None and not new_despite_deleted:
            gone = ledger.conn.execute(
                "SELECT id, name FROM enterprises WHERE uscc = ? AND deleted_at IS NOT NULL "
                "ORDER BY deleted_at DESC LIMIT 1", (record["uscc"],)).fetchone()
            if gone:
                raise DeletedEnterpriseExists(gone[0], gone[1], record["uscc"])
        if enterprise_id is None:
            return w.insert("enterprises", record)
        get(ledger, enterprise_id)
        w.update("enterprises", enterprise_id, record)
        return enterprise_id


def delete(ledger: Ledger, enterprise_id: str) -> None:
    with ledger.write() as w:
        get(ledger, enterprise_id)
        w.soft_delete("enterprises", enterprise_id)


def find_by_uscc(ledger: Ledger, uscc: str) -> dict[str, Any] | None:
    row = ledger.conn.execute(
        "SELECT * FROM enterprises WHERE uscc = ? AND deleted_at IS NULL",
        (normalize_uscc(uscc),)).fetchone()
    return dict(row) if row else None


def choices(ledger: Ledger) -> list[tuple[str, str]]:
    """(id, name) of every enterprise, for pick lists."""
    return [(r[0], r[1]) for r in ledger.conn.execute(
        "SELECT id, name FROM enterprises WHERE deleted_at IS NULL ORDER BY name")]
