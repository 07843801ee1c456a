"""销号 (sign-off) of an enterprise: the rule's verdict, the county's decision, the history.

The rule itself is ``domain.coverage.check_signoff``; this module only reads
a return's facts for it and records decisions. Only a county-level ledger
decides (004: 各县（市、区）创新活动小组…审核确认); a township ledger sees the
state and prepares returns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from db.records import now
from desktop_app import i18n
from desktop_app.domain.coverage import (
    CONFIRMED,
    NOT_STARTED,
    PENDING,
    REJECTED,
    REVOKED,
    SIGNED_OFF,
    SignoffCheck,
    check_signoff,
    conditions,
    coverage_state,
)
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import metrics
from desktop_app.services.enterprises import decisions, surveys
from desktop_app.services.enterprises.decisions import Decision
from desktop_app.services.ledger import Ledger

DECIDING_LEVELS = ("county",)


@dataclass(frozen=True)
class Status:
    enterprise_id: str
    period: str
    survey_id: str | None
    check: SignoffCheck
    state: str                 # 未开展 / 已开展待核 / 已销号
    latest: Decision | None    # the decision in force for this period

    @property
    def signed_off(self) -> bool:
        return self.state == SIGNED_OFF


def can_decide(ledger: Ledger) -> bool:
    return ledger.unit.level in DECIDING_LEVELS


history = decisions.history


def status(ledger: Ledger, enterprise_id: str, period: str) -> Status:
    facts = metrics.survey_facts(ledger, period, [enterprise_id]).get(enterprise_id)
    check = check_signoff(facts)
    latest = decisions.in_force(ledger, enterprise_id, period)
    confirmed = latest is not None and latest.confirmed
    return Status(enterprise_id, period, surveys.find_id(ledger, enterprise_id, period), check,
                  coverage_state(check, confirmed), latest)


def states(ledger: Ledger, period: str, basis: metrics.Basis | None = None) -> dict[str, str]:
    """Coverage state of every enterprise that has a return or a decision (others: 未开展)."""
    facts, done = basis if basis is not None else metrics.coverage_basis(ledger, period)
    out = {eid: coverage_state(check_signoff(f), eid in done) for eid, f in facts.items()}
    out.update(dict.fromkeys(done, SIGNED_OFF))
    return {eid: s for eid, s in out.items() if s != NOT_STARTED}


def _require_county(ledger: Ledger) -> None:
    if not can_decide(ledger):
        raise UserError(i18n.tr("销号由县级创新活动小组审核确认；本台账（{unit}）为乡镇台账，只能查看销号状态").format(
            unit=ledger.unit.name))


def _decided_at(ledger: Ledger, enterprise_id: str) -> str:
    """Now, but strictly after the enterprise's last decision (the latest one is the one in force)."""
    stamp = now()
    last = ledger.conn.execute("SELECT MAX(decided_at) FROM signoffs WHERE enterprise_id = ?",
                               (enterprise_id,)).fetchone()[0]
    if last and last >= stamp:
        stamp = (datetime.fromisoformat(last) + timedelta(seconds=1)).isoformat(timespec="seconds")
    return stamp


def _record(ledger: Ledger, st: Status, decision: str, reason: str) -> str:
    with ledger.write() as w:
        return w.insert("signoffs", {
            "enterprise_id": st.enterprise_id, "survey_id": st.survey_id, "period": st.period,
            "decision": decision, "conditions": json.dumps(conditions(st.check)), "reason": reason,
            "decided_by": ledger.operator, "decided_at": _decided_at(ledger, st.enterprise_id)})


def _reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationError("reason", i18n.tr("请填写理由"))
    if len(reason) > 500:
        raise ValidationError("reason", i18n.tr("理由过长（最多 500 字）"))
    return reason


def confirm(ledger: Ledger, enterprise_id: str, period: str, reason: str = "") -> str:
    """County confirms the sign-off; the rule must hold on the return of ``period``."""
    _require_county(ledger)
    period = surveys.clean_period(period)
    reason = _reason(reason, required=False)
    st = status(ledger, enterprise_id, period)
    if st.signed_off:
        raise UserError(i18n.tr("该企业已于 {p} 销号，无需重复确认").format(p=st.latest.period))
    if st.survey_id is None:
        raise UserError(i18n.tr("该企业 {p} 未报送调查表，不能销号").format(p=period))
    if not st.check.eligible:
        raise UserError(i18n.tr("不符合销号条件：{why}").format(why="；".join(st.check.reasons)))
    return _record(ledger, st, CONFIRMED, reason or i18n.tr("符合销号条件，予以确认"))


def reject(ledger: Ledger, enterprise_id: str, period: str, reason: str) -> str:
    """County sends the return back (材料不全、情况不实 …); the reason is required."""
    _require_county(ledger)
    period = surveys.clean_period(period)
    reason = _reason(reason, required=True)
    st = status(ledger, enterprise_id, period)
    if st.signed_off:
        raise UserError(i18n.tr("该企业已销号；如需退回，请先撤销销号"))
    if st.survey_id is None:
        raise UserError(i18n.tr("该企业 {p} 未报送调查表，无可退回的材料").format(p=period))
    return _record(ledger, st, REJECTED, reason)


def revoke(ledger: Ledger, enterprise_id: str, period: str, reason: str) -> str:
    """County withdraws an earlier confirmation; the reason is required."""
    _require_county(ledger)
    period = surveys.clean_period(period)
    reason = _reason(reason, required=True)
    st = status(ledger, enterprise_id, period)
    if not st.signed_off:
        raise UserError(i18n.tr("该企业尚未销号，无可撤销的销号"))
    return _record(ledger, st, REVOKED, reason)


__all__ = ["CONFIRMED", "REJECTED", "REVOKED", "PENDING", "NOT_STARTED", "SIGNED_OFF", "Decision", "Status",
           "can_decide", "confirm", "history", "reject", "revoke", "states", "status"]
