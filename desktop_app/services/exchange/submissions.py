"""报送情况: for a period, every reporting unit with the state of its 上报 (004: 每月1日前上报).

A unit's state comes from the packages this ledger imported from it for the period: the first
one decides 按时 or 逾期 N 天 (by the day it was imported here: the day the county had it);
an 空表上报 counts as reported. No package: 未报送, overdue from the day after the 1st.
"""

from dataclasses import dataclass
from datetime import date

from desktop_app import i18n
from desktop_app.domain import schedule
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import units
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

    @property
    def reported(self) -> bool:
        return bool(self.packages)

    @property
    def state_text(self) -> str:
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
        came = date.fromisoformat(first[0][:10]) if first else None
        out.append(UnitStatus(
            unit=u.name, level=level_label(u.level), check=schedule.check_entry(period, came, today, rule),
            empty=bool(rows) and all(r[3] == "empty" for r in rows),
            at=first[0][:16].replace("T", " ") if first else "", operator=first[1] if first else "",
            seq=rows[-1][2] if rows else 0, packages=len(rows)))
    return out


def missing(found: list[UnitStatus]) -> list[str]:
    """The 未报送单位, in the order of the list."""
    return [s.unit for s in found if not s.reported]
