"""The 销号 decision in force: one query for a single enterprise and for a whole period.

The rule: for period P, the decision in force on an enterprise is its latest
decision (by ``decided_at``, then by entry order) among those made for P or an
earlier period. A decision for a later period does not reach back. A
confirmation in force means 已销号; a rejection or revocation in force means not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.domain.coverage import CONFIRMED, DECISION_LABELS
from desktop_app.services.ledger import Ledger


@dataclass(frozen=True)
class Decision:
    id: str
    period: str
    decision: str
    reason: str
    decided_by: str
    decided_at: str
    conditions: dict[str, bool]
    survey_id: str | None = None

    @property
    def label(self) -> str:
        return i18n.tr(DECISION_LABELS.get(self.decision, self.decision))

    @property
    def confirmed(self) -> bool:
        return self.decision == CONFIRMED


_COLS = "id, period, decision, reason, decided_by, decided_at, conditions, survey_id"
_ORDER = "decided_at DESC, rowid DESC"


def _decision(r) -> Decision:
    return Decision(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6] or "{}"), r[7])


def history(ledger: Ledger, enterprise_id: str) -> list[Decision]:
    """Every decision on one enterprise, newest first."""
    rows = ledger.conn.execute(f"SELECT {_COLS} FROM signoffs WHERE enterprise_id = ? AND deleted_at IS NULL "
                               f"ORDER BY {_ORDER}", (enterprise_id,))
    return [_decision(r) for r in rows]


def in_force_all(ledger: Ledger, period: str) -> dict[str, Decision]:
    """The decision in force for ``period`` on every enterprise that has one."""
    rows = ledger.conn.execute(
        f"SELECT enterprise_id, {_COLS} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY enterprise_id "
        f"ORDER BY {_ORDER}) AS n FROM signoffs WHERE deleted_at IS NULL AND period <= ?) WHERE n = 1", (period,))
    return {r[0]: _decision(r[1:]) for r in rows}


def in_force(ledger: Ledger, enterprise_id: str, period: str) -> Decision | None:
    """The decision in force for ``period`` on one enterprise (None: never decided)."""
    row = ledger.conn.execute(
        f"SELECT {_COLS} FROM signoffs WHERE enterprise_id = ? AND deleted_at IS NULL AND period <= ? "
        f"ORDER BY {_ORDER} LIMIT 1", (enterprise_id, period)).fetchone()
    return _decision(row) if row else None


def signed_off_ids(ledger: Ledger, period: str) -> set[str]:
    """Enterprises whose decision in force for ``period`` is a confirmation."""
    return {eid for eid, d in in_force_all(ledger, period).items() if d.confirmed}
