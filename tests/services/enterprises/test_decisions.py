"""One decision in force: the status, the period counts and survey deletion agree."""

import pytest

from desktop_app.errors import UserError
from desktop_app.services import evidence, metrics
from desktop_app.services.enterprises import decisions, signoff, surveys
from tests.services.enterprises.helpers import INSTITUTION, add_enterprise, add_return


def _confirmed(ledger, eid, period):
    add_return(ledger, eid, period, institutions=[INSTITUTION])
    sid = surveys.find_id(ledger, eid, period)
    evidence.attach_bytes(ledger, "surveys", sid, "批复.pdf", b"ok")
    signoff.confirm(ledger, eid, period)
    return sid


def test_a_later_decision_does_not_reach_back(ledger):
    eid = add_enterprise(ledger, 1)
    first = _confirmed(ledger, eid, "2024-05")
    add_return(ledger, eid, "2024-08", institutions=[INSTITUTION])
    signoff.revoke(ledger, eid, "2024-08", "复核发现项目未实施")
    for period, confirmed in (("2024-04", None), ("2024-05", True), ("2024-07", True), ("2024-08", False)):
        d = decisions.in_force(ledger, eid, period)
        assert (d.confirmed if d else None) == confirmed
        assert (eid in metrics.signed_off_ids(ledger, period)) == bool(confirmed)
        assert signoff.status(ledger, eid, period).signed_off == bool(confirmed)
        assert (decisions.in_force_all(ledger, period).get(eid) == d)
    # the return that 2024-05..07 stand on cannot go, though the newest decision is a revocation
    with pytest.raises(UserError, match="已据以销号"):
        surveys.delete(ledger, first)
