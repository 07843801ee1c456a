"""科技特派员: a talent record posted to a township or an enterprise, and its service records."""

from datetime import date
from typing import Any

from db.listing import Column, Filter, ListSpec
from desktop_app import i18n
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import forms
from desktop_app.services.ledger import Ledger

LIST = ListSpec(
    table="commissioner_postings",
    joins=("JOIN talent p ON p.id = t.talent_id LEFT JOIN units tw ON tw.id = t.township_id "
           "LEFT JOIN enterprises e ON e.id = t.enterprise_id"),
    columns=(
        Column("name", "p.name"),
        Column("specialty", "p.specialty"),
        Column("prof_title", "p.prof_title"),
        Column("employer", "p.employer"),
        Column("posted_to", "COALESCE(e.name, tw.name)"),
        Column("start_on", "t.start_on"),
        Column("end_on", "t.end_on", fmt=lambda v: v or i18n.tr("在岗")),
        Column("services", "(SELECT COUNT(*) FROM service_records s WHERE s.posting_id = t.id "
                           "AND s.deleted_at IS NULL)"),
        Column("last_service", "(SELECT MAX(served_on) FROM service_records s WHERE s.posting_id = t.id "
                               "AND s.deleted_at IS NULL)"),
    ),
    filters=(
        Filter("township_id", "t.township_id = ?"),
        Filter("active", "(CASE WHEN t.end_on IS NULL OR t.end_on >= date('now', 'localtime') "
                         "THEN 1 ELSE 0 END) = ?"),
    ),
    like_fields=("p.name", "p.specialty", "tw.name", "e.name"),
    default_sort="name",
)


def clean(ledger: Ledger, values: dict[str, Any]) -> dict[str, Any]:
    today = date.today()
    out: dict[str, Any] = {}
    out["talent_id"] = values.get("talent_id") or None
    if not out["talent_id"]:
        raise ValidationError("talent_id", i18n.tr("请选择科技特派员（从人才名册中选择）"))
    if not ledger.conn.execute("SELECT 1 FROM talent WHERE id = ? AND deleted_at IS NULL",
                               (out["talent_id"],)).fetchone():
        raise ValidationError("talent_id", i18n.tr("所选人员不在人才名册中（可能已删除）"))
    out["township_id"] = values.get("township_id") or None
    out["enterprise_id"] = values.get("enterprise_id") or None
    if not out["township_id"] and not out["enterprise_id"]:
        raise ValidationError("township_id", i18n.tr("请选择派驻乡镇或派驻企业"))
    if out["township_id"] and not ledger.conn.execute(
            "SELECT 1 FROM units WHERE id = ? AND deleted_at IS NULL", (out["township_id"],)).fetchone():
        raise ValidationError("township_id", i18n.tr("派驻乡镇不存在"))
    if out["enterprise_id"] and not ledger.conn.execute(
            "SELECT 1 FROM enterprises WHERE id = ? AND deleted_at IS NULL", (out["enterprise_id"],)).fetchone():
        raise ValidationError("enterprise_id", i18n.tr("派驻企业不存在或已删除"))
    out["start_on"] = forms.iso_date(values, "start_on", i18n.tr("派驻开始日期"), required=True, not_after=today)
    out["end_on"] = forms.iso_date(values, "end_on", i18n.tr("派驻结束日期"))
    if out["end_on"] and out["end_on"] < out["start_on"]:
        raise ValidationError("end_on", i18n.tr("派驻结束日期 {e} 早于开始日期 {s}").format(
            e=out["end_on"], s=out["start_on"]))
    out["note"] = forms.text(values, "note", i18n.tr("服务内容及备注"), max_len=2000)
    return out


def get(ledger: Ledger, posting_id: str) -> dict[str, Any]:
    row = ledger.conn.execute("SELECT * FROM commissioner_postings WHERE id = ? AND deleted_at IS NULL",
                              (posting_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("派驻记录不存在或已删除"))
    return dict(row)


def save(ledger: Ledger, values: dict[str, Any], posting_id: str | None = None) -> str:
    with ledger.write() as w:
        record = clean(ledger, values)
        if posting_id is None:
            return w.insert("commissioner_postings", record)
        get(ledger, posting_id)
        first = ledger.conn.execute(
            "SELECT MIN(served_on), MAX(served_on) FROM service_records WHERE posting_id = ? "
            "AND deleted_at IS NULL", (posting_id,)).fetchone()
        if first[0] and (first[0] < record["start_on"] or (record["end_on"] and first[1] > record["end_on"])):
            raise ValidationError("start_on", i18n.tr("已有 {a} 至 {b} 的服务记录，派驻期限须包含这些日期").format(
                a=first[0], b=first[1]))
        w.update("commissioner_postings", posting_id, record)
        return posting_id


def delete(ledger: Ledger, posting_id: str) -> None:
    with ledger.write() as w:
        get(ledger, posting_id)
        for (sid,) in ledger.conn.execute(
                "SELECT id FROM service_records WHERE posting_id = ? AND deleted_at IS NULL", (posting_id,)).fetchall():
            w.soft_delete("service_records", sid)
        w.soft_delete("commissioner_postings", posting_id)


def services(ledger: Ledger, posting_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in ledger.conn.execute(
        "SELECT id, served_on, content FROM service_records WHERE posting_id = ? AND deleted_at IS NULL "
        "ORDER BY served_on DESC, rowid DESC", (posting_id,))]


def add_service(ledger: Ledger, posting_id: str, values: dict[str, Any]) -> str:
    """A service record (服务记录) inside the posting's period."""
    with ledger.write() as w:
        posting = get(ledger, posting_id)
        served_on = forms.iso_date(values, "served_on", i18n.tr("服务日期"), required=True, not_after=date.today())
        if served_on < posting["start_on"] or (posting["end_on"] and served_on > posting["end_on"]):
            raise ValidationError("served_on", i18n.tr("服务日期 {d} 不在派驻期限（{s} 至 {e}）内").format(
                d=served_on, s=posting["start_on"], e=posting["end_on"] or i18n.tr("今")))
        content = forms.text(values, "content", i18n.tr("服务内容"), required=True, max_len=2000)
        return w.insert("service_records", {"posting_id": posting_id, "served_on": served_on, "content": content})


def delete_service(ledger: Ledger, service_id: str) -> None:
    with ledger.write() as w:
        if not ledger.conn.execute("SELECT 1 FROM service_records WHERE id = ? AND deleted_at IS NULL",
                                   (service_id,)).fetchone():
            raise UserError(i18n.tr("服务记录不存在或已删除"))
        w.soft_delete("service_records", service_id)
