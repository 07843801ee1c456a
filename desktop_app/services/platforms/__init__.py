"""Innovation platforms (平台): the list, record writes and the status history."""

from datetime import date
from typing import Any

from db.listing import Column, Filter, ListSpec
from desktop_app import i18n
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import catalogs, forms
from desktop_app.services.ledger import Ledger

LEVEL_ORDER = "CASE {c} WHEN '国家级' THEN 1 WHEN '省级' THEN 2 WHEN '市级' THEN 3 ELSE 4 END"

LIST = ListSpec(
    table="platforms",
    joins="LEFT JOIN enterprises e ON e.id = t.host_enterprise_id",
    columns=(
        Column("name", "t.name"),
        Column("type", "t.type"),
        Column("level", "t.level", sort_sql=LEVEL_ORDER.format(c="t.level")),
        Column("host", "COALESCE(e.name, t.host_name)"),
        Column("approver", "t.approver"),
        Column("approval_doc", "t.approval_doc"),
        Column("approved_on", "t.approved_on"),
        Column("status", "t.status"),
        Column("field", "t.field"),
        Column("staff", "t.staff"),
        Column("investment", "t.investment", fmt=lambda v: f"{v:,.2f}" if v else ""),
        Column("evaluation", "t.evaluation"),
    ),
    filters=(
        Filter("type", "t.type = ?"),
        Filter("level", "t.level = ?"),
        Filter("status", "t.status = ?"),
        Filter("township_id", "COALESCE(t.township_id, e.township_id) = ?"),
    ),
    like_fields=("t.name", "t.host_name", "e.name"),
    fts_table=None,  # host names live in enterprises; platforms are few thousand at most
    default_sort="name",
)


def clean(ledger: Ledger, values: dict[str, Any]) -> dict[str, Any]:
    today = date.today()
    out: dict[str, Any] = {}
    out["name"] = forms.text(values, "name", i18n.tr("平台名称"), required=True)
    out["type"] = forms.choice(values, "type", i18n.tr("平台类型"), catalogs.platform_types(), required=True)
    out["level"] = forms.choice(values, "level", i18n.tr("级别"), catalogs.platform_levels(), required=True)
    out["status"] = forms.choice(values, "status", i18n.tr("状态"), catalogs.platform_statuses()) or "培育中"
    host = values.get("host_enterprise_id") or None
    out["host_enterprise_id"] = host
    out["host_name"] = forms.text(values, "host_name", i18n.tr("依托单位"))
    township = values.get("township_id") or None
    if township and not ledger.conn.execute("SELECT 1 FROM units WHERE id = ?", (township,)).fetchone():
        raise ValidationError("township_id", i18n.tr("所在乡镇不存在"))
    out["township_id"] = township
    out["approver"] = forms.text(values, "approver", i18n.tr("批准部门"))
    out["approval_doc"] = forms.text(values, "approval_doc", i18n.tr("批准文号"))
    out["approved_on"] = forms.iso_date(values, "approved_on", i18n.tr("批准日期"), not_after=today)
    if out["status"] == "已认定" and not out["approved_on"]:
        raise ValidationError("approved_on", i18n.tr("状态为“已认定”的平台须填写批准日期"))
    if host:
        founded = ledger.conn.execute(
            "SELECT founded_on, name FROM enterprises WHERE id = ? AND deleted_at IS NULL", (host,)).fetchone()
        if founded is None:
            raise ValidationError("host_enterprise_id", i18n.tr("所选依托企业不存在或已删除"))
        if founded[0] and out["approved_on"] and out["approved_on"] < founded[0]:
            raise ValidationError("approved_on", i18n.tr("批准日期 {d} 早于依托企业“{name}”的成立日期 {f}").format(
                d=out["approved_on"], name=founded[1], f=founded[0]))
    out["field"] = forms.text(values, "field", i18n.tr("研究领域"))
    out["staff"] = forms.number(values, "staff", i18n.tr("人员数"), integer=True)
    out["investment"] = forms.number(values, "investment", i18n.tr("累计投入（万元）"))
    out["evaluation"] = forms.text(values, "evaluation", i18n.tr("评估结果"))
    out["note"] = forms.text(values, "note", i18n.tr("备注"), max_len=2000)
    return out


def get(ledger: Ledger, platform_id: str) -> dict[str, Any]:
    row = ledger.conn.execute(
        "SELECT * FROM platforms WHERE id = ? AND deleted_at IS NULL", (platform_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("平台记录不存在或已删除"))
    return dict(row)


def _history_entry(w, ledger: Ledger, platform_id: str, status: str, changed_on: str, note: str = "") -> None:
    w.insert("platform_status_history", {"platform_id": platform_id, "status": status, "changed_on": changed_on,
                                         "note": note, "operator": ledger.operator})


def save(ledger: Ledger, values: dict[str, Any], platform_id: str | None = None) -> str:
    """Write a platform; a new status goes into the history (dated by the approval for 已认定)."""
    with ledger.write() as w:
        record = clean(ledger, values)
        when = (record["approved_on"] if record["status"] == "已认定" and record["approved_on"]
                else date.today().isoformat())
        if platform_id is None:
            new_id = w.insert("platforms", record)
            _history_entry(w, ledger, new_id, record["status"], when, record["approval_doc"])
            return new_id
        old = get(ledger, platform_id)
        w.update("platforms", platform_id, record)
        if old["status"] != record["status"]:
            _history_entry(w, ledger, platform_id, record["status"], when, record["approval_doc"])
        return platform_id


def change_status(ledger: Ledger, platform_id: str, values: dict[str, Any]) -> None:
    """A status change on a given date (认定, 撤销 …) with its document and note."""
    with ledger.write() as w:
        old = get(ledger, platform_id)
        status = forms.choice(values, "status", i18n.tr("新状态"), catalogs.platform_statuses(), required=True)
        changed_on = forms.iso_date(values, "changed_on", i18n.tr("变更日期"), required=True, not_after=date.today())
        doc = forms.text(values, "approval_doc", i18n.tr("批准文号"))
        note = forms.text(values, "note", i18n.tr("说明"), max_len=500)
        if status == old["status"]:
            raise ValidationError("status", i18n.tr("平台当前已是“{s}”状态").format(s=status))
        last = ledger.conn.execute("SELECT MAX(changed_on) FROM platform_status_history WHERE platform_id = ?",
                                   (platform_id,)).fetchone()[0]
        if last and changed_on < last:
            raise ValidationError("changed_on", i18n.tr("变更日期 {d} 早于上一次状态变更（{l}）").format(
                d=changed_on, l=last))
        changes: dict[str, Any] = {"status": status}
        if status == "已认定":
            changes["approved_on"] = changed_on
            if doc:
                changes["approval_doc"] = doc
            clean(ledger, {**old, **changes})  # the host-founded check on the new approval date
        w.update("platforms", platform_id, changes)
        _history_entry(w, ledger, platform_id, status, changed_on, "　".join(x for x in (doc, note) if x))


def history(ledger: Ledger, platform_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in ledger.conn.execute(
        "SELECT status, changed_on, note, operator FROM platform_status_history WHERE platform_id = ? "
        "ORDER BY changed_on DESC, rowid DESC", (platform_id,))]


def delete(ledger: Ledger, platform_id: str) -> None:
    with ledger.write() as w:
        get(ledger, platform_id)
        w.soft_delete("platforms", platform_id)


def host_label(ledger: Ledger, enterprise_id: str | None) -> str:
    if not enterprise_id:
        return ""
    row = ledger.conn.execute("SELECT name FROM enterprises WHERE id = ?", (enterprise_id,)).fetchone()
    return row[0] if row else ""
