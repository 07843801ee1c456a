"""报送情况: for a period, every reporting unit with the state of its 上报 (004: 每月1日前上报).

A unit's state comes from the packages this ledger imported from it for the period: the first
one decides 按时 or 逾期 N 天 (by the day it was imported here: the day the county had it);
an 空表上报 counts as reported. No package: 未报送, overdue from the day after the 1st.
"""

import json
from dataclasses import dataclass
from datetime import date

from db.records import now
from desktop_app import i18n
from desktop_app.domain import schedule
from desktop_app.errors import UserError, ValidationError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import units
from desktop_app.services.exchange.share import RETURNS_SETTING
from desktop_app.services.ledger import Ledger, level_label
from desktop_app.services.tasks.progress import office_rule

EMPTY_NOTE = QT_TRANSLATE_NOOP("i18n", "空表上报")


@dataclass(frozen=True)
class UnitStatus:
    unit: str
    level: str              # 乡（镇） / 开发区 / 县直部门
    check: schedule.EntryCheck
    empty: bool             # the package said: nothing new this period
    at: str                 # when the first package of the period came in (YYYY-MM-DD HH:MM), or ""
    operator: str           # who imported it here
    seq: int               # the sender's number of its latest package of the period (0: none)
    packages: int           # how many came in for the period
    returned: str = ""      # the county's reason, when it sent the period's package back (退回) since

    @property
    def reported(self) -> bool:
        return bool(self.packages)

    @property
    def state_text(self) -> str:
        if self.returned:
            return i18n.tr("已退回：{reason}").format(reason=self.returned)
        text = schedule.entry_text(self.check)
        return f"{text}（{i18n.tr(EMPTY_NOTE)}）" if self.empty else text


def status(ledger: Ledger, period: str, *, today: date | None = None) -> list[UnitStatus]:
    today = today or date.today()
    rule = office_rule(ledger)
    out = []
    for u in units.reporting_units(ledger):
        rows = ledger.conn.execute(
            "SELECT at, operator, seq, kind FROM package_log WHERE direction = 'import' AND peer_unit_id = ? "
            "AND period = ? AND kind IN ('submission', 'empty') ORDER BY at", (u.id, period)).fetchall()
        first = rows[0] if rows else None
        back = _returned(ledger, u.id, period) if rows else ""
        came = date.fromisoformat(first[0][:10]) if first else None
        out.append(UnitStatus(
            unit=u.name, level=level_label(u.level), check=schedule.check_entry(period, came, today, rule),
            empty=bool(rows) and all(r[3] == "empty" for r in rows),
            at=first[0][:16].replace("T", " ") if first else "", operator=first[1] if first else "",
            seq=rows[-1][2] if rows else 0, packages=len(rows), returned=back))
    return out


def _returned(ledger: Ledger, unit_id: str, period: str) -> str:
    """The reason of a 退回 made after the unit's last package of the period came in ("" when none);
    log order (rowid), not the clock, says which came last."""
    row = ledger.conn.execute(
        "SELECT summary FROM package_log WHERE direction = 'export' AND kind = 'return' AND peer_unit_id = ?1 "
        "AND period = ?2 AND rowid > (SELECT MAX(rowid) FROM package_log WHERE direction = 'import' "
        "AND peer_unit_id = ?1 AND period = ?2 AND kind IN ('submission', 'empty')) ORDER BY rowid DESC LIMIT 1",
        (unit_id, period)).fetchone()
    return json.loads(row[0]).get("reason", "") if row else ""


def return_package(ledger: Ledger, unit_name: str, period: str, reason: str) -> None:
    """退回: the county sends the unit's package for ``period`` back with a reason; the unit reports again.
    What was imported stays (its next package brings the corrections); the unit reads the reason in its
    next distribution."""
    reason = " ".join((reason or "").split())
    if len(reason) < 4:
        raise ValidationError("reason", i18n.tr("请写明退回原因（至少 4 个字），下级单位据此更正"))
    found = {s.unit: s for s in status(ledger, period)}
    if unit_name not in found:
        raise UserError(i18n.tr("“{u}”不是本台账的报送单位").format(u=unit_name))
    if not found[unit_name].reported:
        raise UserError(i18n.tr("{u}还没有报送 {p} 的数据，无可退回").format(u=unit_name, p=period))
    uid = ledger.conn.execute("SELECT id FROM units WHERE name = ? AND parent_id = ? AND deleted_at IS NULL",
                              (unit_name, ledger.unit.id)).fetchone()[0]
    with ledger.write() as w:
        w.insert("package_log", {"unit_id": ledger.unit.id, "direction": "export", "period": period,
                                 "file_name": "", "sha256": "", "at": now(), "operator": ledger.operator,
                                 "kind": "return", "peer_unit_id": uid, "seq": 0,
                                 "summary": json.dumps({"reason": reason}, ensure_ascii=False)})


def returns_for(ledger: Ledger, unit_id: str) -> list[dict]:
    """The 退回 to a unit that no later package of the period has answered (period, reason, at), newest
    first: they travel with its next distribution."""
    return [{"period": r[0], "reason": json.loads(r[1]).get("reason", ""), "at": r[2]} for r in ledger.conn.execute(
        "SELECT r.period, r.summary, r.at FROM package_log r WHERE r.direction = 'export' AND r.kind = 'return' "
        "AND r.peer_unit_id = ?1 AND NOT EXISTS (SELECT 1 FROM package_log i WHERE i.direction = 'import' "
        "AND i.peer_unit_id = ?1 AND i.period = r.period AND i.kind IN ('submission', 'empty') AND i.rowid > r.rowid) "
        "ORDER BY r.rowid DESC", (unit_id,))]


def missing(found: list[UnitStatus]) -> list[str]:
    """The 未报送单位, in the order of the list."""
    return [s.unit for s in found if not s.reported]


def open_returns(ledger: Ledger) -> list[dict]:
    """At a unit: the 退回 its county sent (with the last distribution) that no later package of the same
    period has answered yet — what the clerk must correct and report again."""
    raw = ledger.setting(RETURNS_SETTING)
    out = []
    for r in json.loads(raw) if raw else []:
        answered = ledger.conn.execute(  # a package of the period made after the distribution that said so
            "SELECT 1 FROM package_log WHERE direction = 'export' AND kind IN ('submission', 'empty') AND period = ? "
            "AND rowid > (SELECT MAX(rowid) FROM package_log WHERE direction = 'import' AND kind = 'distribution')",
            (r["period"],)).fetchone()
        if not answered:
            out.append(r)
    return out


def periods(ledger: Ledger) -> list[str]:
    """The periods some unit has reported for, newest first."""
    return [r[0] for r in ledger.conn.execute(
        "SELECT DISTINCT period FROM package_log WHERE direction = 'import' AND period != '' ORDER BY period DESC")]
