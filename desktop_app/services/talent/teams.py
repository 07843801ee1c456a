"""人才团队: teams brought in as a whole, with their members (talent records)."""

from datetime import date
from typing import Any

from db.listing import Column, Filter, ListSpec
from desktop_app import i18n
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import catalogs, forms
from desktop_app.services.ledger import Ledger

LIST = ListSpec(
    table="teams",
    joins="LEFT JOIN talent l ON l.id = t.leader_id LEFT JOIN enterprises e ON e.id = t.enterprise_id",
    columns=(
        Column("name", "t.name"),
        Column("leader", "l.name"),
        Column("field", "t.field"),
        Column("enterprise", "e.name"),
        Column("intro_method", "t.intro_method"),
        Column("intro_date", "t.intro_date"),
        Column("members", "(SELECT COUNT(*) FROM team_members m JOIN talent p ON p.id = m.talent_id "
                          "AND p.deleted_at IS NULL WHERE m.team_id = t.id)"),
    ),
    filters=(Filter("intro_method", "t.intro_method = ?"),),
    like_fields=("t.name", "t.field", "l.name", "e.name"),
    default_sort="name",
)

ROLES = ("负责人", "核心成员", "成员")


def clean(ledger: Ledger, values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    out["name"] = forms.text(values, "name", i18n.tr("团队名称"), required=True)
    out["field"] = forms.text(values, "field", i18n.tr("研究方向"))
    out["intro_method"] = forms.choice(values, "intro_method", i18n.tr("引进方式"), catalogs.intro_methods())
    out["intro_date"] = forms.iso_date(values, "intro_date", i18n.tr("引进时间"), not_after=date.today())
    out["note"] = forms.text(values, "note", i18n.tr("备注"), max_len=2000)
    out["enterprise_id"] = values.get("enterprise_id") or None
    if out["enterprise_id"] and not ledger.conn.execute(
            "SELECT 1 FROM enterprises WHERE id = ? AND deleted_at IS NULL", (out["enterprise_id"],)).fetchone():
        raise ValidationError("enterprise_id", i18n.tr("所选依托企业不存在或已删除"))
    out["leader_id"] = values.get("leader_id") or None
    return out


def _members(ledger: Ledger, members: list[tuple[str, str]], leader_id: str | None) -> list[tuple[str, str]]:
    """(talent id, role) rows, leader first; each person once."""
    seen: dict[str, str] = {}
    for talent_id, role in members:
        if not talent_id:
            continue
        if talent_id in seen:
            raise ValidationError("members", i18n.tr("同一人不能重复加入团队"))
        if role and role not in ROLES:
            raise ValidationError("members", i18n.tr("成员角色“{r}”不在可选范围内").format(r=role))
        seen[talent_id] = role or "成员"
    if leader_id:
        seen.pop(leader_id, None)
        seen = {leader_id: "负责人", **seen}
    for talent_id in seen:
        if not ledger.conn.execute("SELECT 1 FROM talent WHERE id = ? AND deleted_at IS NULL",
                                   (talent_id,)).fetchone():
            raise ValidationError("members", i18n.tr("团队成员不在人才名册中（可能已删除）"))
    return list(seen.items())


def get(ledger: Ledger, team_id: str) -> dict[str, Any]:
    row = ledger.conn.execute("SELECT * FROM teams WHERE id = ? AND deleted_at IS NULL", (team_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("人才团队不存在或已删除"))
    team = dict(row)
    team["members"] = members(ledger, team_id)
    return team


def members(ledger: Ledger, team_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in ledger.conn.execute(
        "SELECT m.talent_id, m.role, p.name, COALESCE(e.name, p.employer) AS employer, p.prof_title, "
        "p.specialty FROM team_members m JOIN talent p ON p.id = m.talent_id AND p.deleted_at IS NULL "
        "LEFT JOIN enterprises e ON e.id = p.enterprise_id WHERE m.team_id = ? "
        "ORDER BY CASE m.role WHEN '负责人' THEN 0 WHEN '核心成员' THEN 1 ELSE 2 END, m.rowid", (team_id,))]


def save(ledger: Ledger, values: dict[str, Any], member_rows: list[tuple[str, str]],
         team_id: str | None = None) -> str:
    """Write a team and replace its member list, in one transaction."""
    with ledger.write() as w:
        record = clean(ledger, values)
        rows = _members(ledger, member_rows, record["leader_id"])
        if not rows:
            raise ValidationError("members", i18n.tr("请至少添加一名团队成员"))
        if team_id is None:
            team_id = w.insert("teams", record)
        else:
            get(ledger, team_id)
            w.update("teams", team_id, record)
        w.sync_children("team_members", "team_id", team_id,
                        [{"talent_id": talent_id, "role": role} for talent_id, role in rows], key=("talent_id",))
        return team_id


def delete(ledger: Ledger, team_id: str) -> None:
    with ledger.write() as w:
        get(ledger, team_id)
        w.soft_delete("teams", team_id)
