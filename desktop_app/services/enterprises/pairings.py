"""帮扶 pairings (004 二(一), 三(一)3): who helps an enterprise bring in innovation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.services import forms
from desktop_app.services.ledger import Ledger

# 004: 部门“一一对应”, 入企工作小组“一帮一”“一帮多”, 企业间“一带一”“一带多”.
MODES = ("一帮一", "一帮多", "一带一", "一带多")


@dataclass(frozen=True)
class Pairing:
    id: str
    enterprise_id: str
    helper_unit: str
    work_group: str
    expert_team: str
    mode: str
    since: str | None
    note: str


_COLS = "id, enterprise_id, helper_unit, work_group, expert_team, mode, since, note"


def clean(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "helper_unit": forms.text(values, "helper_unit", i18n.tr("帮扶单位"), required=True, max_len=100),
        "work_group": forms.text(values, "work_group", i18n.tr("入企工作小组成员"), max_len=300),
        "expert_team": forms.text(values, "expert_team", i18n.tr("专家团队"), max_len=300),
        "mode": forms.choice(values, "mode", i18n.tr("帮扶方式"), list(MODES)),
        "since": forms.iso_date(values, "since", i18n.tr("结对日期"), not_after=date.today()),
        "note": forms.text(values, "note", i18n.tr("备注"), max_len=1000),
    }


def of_enterprise(ledger: Ledger, enterprise_id: str) -> list[Pairing]:
    rows = ledger.conn.execute(f"SELECT {_COLS} FROM helper_pairings WHERE enterprise_id = ? "
                               "AND deleted_at IS NULL ORDER BY since, rowid", (enterprise_id,))
    return [Pairing(*r) for r in rows]


def get(ledger: Ledger, pairing_id: str) -> Pairing:
    row = ledger.conn.execute(f"SELECT {_COLS} FROM helper_pairings WHERE id = ? AND deleted_at IS NULL",
                              (pairing_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("帮扶记录不存在或已删除"))
    return Pairing(*row)


def save(ledger: Ledger, enterprise_id: str, values: dict[str, Any], pairing_id: str | None = None) -> str:
    with ledger.write() as w:
        record = clean(values)
        if not ledger.conn.execute("SELECT 1 FROM enterprises WHERE id = ? AND deleted_at IS NULL",
                                   (enterprise_id,)).fetchone():
            raise UserError(i18n.tr("企业记录不存在或已删除"))
        if pairing_id is None:
            return w.insert("helper_pairings", {"enterprise_id": enterprise_id, **record})
        get(ledger, pairing_id)
        w.update("helper_pairings", pairing_id, record)
        return pairing_id


def delete(ledger: Ledger, pairing_id: str) -> None:
    with ledger.write() as w:
        get(ledger, pairing_id)
        w.soft_delete("helper_pairings", pairing_id)


def helper_units(ledger: Ledger) -> list[str]:
    """Helper units in use, then the ledger's departments (the choices offered)."""
    used = used_helper_units(ledger)
    depts = [r[0] for r in ledger.conn.execute(
        "SELECT name FROM departments WHERE deleted_at IS NULL ORDER BY seq, name")]
    return used + [d for d in depts if d not in used]


def used_helper_units(ledger: Ledger) -> list[str]:
    return [r[0] for r in ledger.conn.execute(
        "SELECT DISTINCT helper_unit FROM helper_pairings WHERE deleted_at IS NULL ORDER BY helper_unit")]
