"""Innovation platforms (平台): the list and record writes."""

from datetime import date
from typing import Any

from db.listing import Column, Filter, ListSpec
from desktop_app.errors import UserError, ValidationError
from desktop_app.i18n import tr
from desktop_app.services import catalogs, forms
from desktop_app.services.ledger import Ledger

LIST = ListSpec(
    table="platforms",
    joins="LEFT JOIN enterprises e ON e.id = t.host_enterprise_id",
    columns=(
        Column("name", "t.name"),
        Column("type", "t.type"),
        Column("level", "t.level",
               sort_sql="CASE t.level WHEN '国家级' THEN 1 WHEN '省级' THEN 2 WHEN '市级' THEN 3 ELSE 4 END"),
        Column("host", "COALESCE(e.name, t.host_name)"),
        Column("approver", "t.approver"),
        Column("approval_doc", "t.approval_doc"),
        Column("approved_on", "t.approved_on"),
        Column("status", "t.status"),
        Column("field", "t.field"),
    ),
    filters=(
        Filter("type", "t.type = ?"),
        Filter("level", "t.level = ?"),
        Filter("status", "t.status = ?"),
    ),
    like_fields=("t.name", "t.host_name", "e.name"),
    fts_table=None,  # host names live in enterprises; platforms are few thousand at most
    default_sort="name",
)


def clean(ledger: Ledger, values: dict[str, Any]) -> dict[str, Any]:
    today = date.today()
    out: dict[str, Any] = {}
    out["name"] = forms.text(values, "name", tr("平台名称"), required=True)
    out["type"] = forms.choice(values, "type", tr("平台类型"), catalogs.platform_types(), required=True)
    out["level"] = forms.choice(values, "level", tr("级别"), catalogs.platform_levels(), required=True)
    out["status"] = forms.choice(values, "status", tr("状态"), catalogs.platform_statuses()) or "培育中"
    host = values.get("host_enterprise_id") or None
    out["host_enterprise_id"] = host
    out["host_name"] = forms.text(values, "host_name", tr("依托单位"))
    out["approver"] = forms.text(values, "approver", tr("批准部门"))
    out["approval_doc"] = forms.text(values, "approval_doc", tr("批准文号"))
    out["approved_on"] = forms.iso_date(values, "approved_on", tr("批准日期"), not_after=today)
    if out["status"] == "已认定" and not out["approved_on"]:
        raise ValidationError("approved_on", tr("状态为“已认定”的平台须填写批准日期"))
    if host and out["approved_on"]:
        founded = ledger.conn.execute(
            "SELECT founded_on, name FROM enterprises WHERE id = ?", (host,)).fetchone()
        if founded and founded[0] and out["approved_on"] < founded[0]:
            raise ValidationError("approved_on", tr("批准日期 {d} 早于依托企业“{name}”的成立日期 {f}").format(
                d=out["approved_on"], name=founded[1], f=founded[0]))
    out["field"] = forms.text(values, "field", tr("研究领域"))
    out["staff"] = forms.number(values, "staff", tr("人员数"), integer=True)
    out["investment"] = forms.number(values, "investment", tr("投入（万元）"))
    out["evaluation"] = forms.text(values, "evaluation", tr("评估结果"))
    out["note"] = forms.text(values, "note", tr("备注"), max_len=2000)
    return out


def get(ledger: Ledger, platform_id: str) -> dict[str, Any]:
    row = ledger.conn.execute(
        "SELECT * FROM platforms WHERE id = ? AND deleted_at IS NULL", (platform_id,)).fetchone()
    if row is None:
        raise UserError(tr("平台记录不存在或已删除"))
    return dict(row)


def save(ledger: Ledger, values: dict[str, Any], platform_id: str | None = None) -> str:
    with ledger.write() as w:
        record = clean(ledger, values)
        if platform_id is None:
            new_id = w.insert("platforms", record)
            w.insert("platform_status_history", {"platform_id": new_id, "status": record["status"],
                                                 "changed_on": date.today().isoformat(),
                                                 "operator": ledger.operator})
            return new_id
        old = get(ledger, platform_id)
        w.update("platforms", platform_id, record)
        if old["status"] != record["status"]:
            w.insert("platform_status_history", {"platform_id": platform_id, "status": record["status"],
                                                 "changed_on": date.today().isoformat(),
                                                 "operator": ledger.operator})
        return platform_id


def delete(ledger: Ledger, platform_id: str) -> None:
    with ledger.write() as w:
        get(ledger, platform_id)
        w.soft_delete("platforms", platform_id)
