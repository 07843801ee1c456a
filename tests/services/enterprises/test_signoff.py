import pytest

from desktop_app.domain.coverage import NOT_STARTED, PENDING, SIGNED_OFF
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import metrics
from desktop_app.services.enterprises import enterprise_list, signoff
from desktop_app.services.ledger import create_ledger
from tests.services.enterprises.helpers import INSTITUTION, add_enterprise, add_return


def test_confirm_reject_revoke_keep_history(ledger):
    eid = add_enterprise(ledger, 1)
    add_return(ledger, eid, "2024-05", institutions=[INSTITUTION])
    st = signoff.status(ledger, eid, "2024-05")
    assert st.state == PENDING and st.check.has_institution and not st.check.has_evidence
    with pytest.raises(UserError, match="缺少印证材料"):
        signoff.confirm(ledger, eid, "2024-05")
    with pytest.raises(ValidationError, match="请填写理由"):
        signoff.reject(ledger, eid, "2024-05", "  ")
    signoff.reject(ledger, eid, "2024-05", "请补充研发中心批复文件")
    from desktop_app.services import evidence
    from desktop_app.services.enterprises import surveys
    evidence.attach_bytes(ledger, "surveys", surveys.find_id(ledger, eid, "2024-05"), "批复.pdf", b"ok")
    signoff.confirm(ledger, eid, "2024-05")
    assert signoff.status(ledger, eid, "2024-05").state == SIGNED_OFF
    assert signoff.status(ledger, eid, "2024-06").state == SIGNED_OFF  # stays signed off afterwards
    assert signoff.status(ledger, eid, "2024-04").state == NOT_STARTED
    with pytest.raises(UserError, match="无需重复确认"):
        signoff.confirm(ledger, eid, "2024-05")
    signoff.revoke(ledger, eid, "2024-05", "复核发现项目未实施")
    assert signoff.status(ledger, eid, "2024-05").state == PENDING
    hist = signoff.history(ledger, eid)
    assert [(d.decision, d.reason) for d in hist] == [
        ("revoked", "复核发现项目未实施"), ("confirmed", "符合销号条件，予以确认"),
        ("rejected", "请补充研发中心批复文件")]
    assert hist[1].conditions == {"has_institution": True, "has_rd_activity": True,
                                  "has_other_activity": False, "has_evidence": True}
    assert hist[0].decided_at > hist[1].decided_at > hist[2].decided_at  # strictly ordered
    assert eid not in metrics.signed_off_ids(ledger, "2024-05")


def test_no_return_no_signoff(ledger):
    eid = add_enterprise(ledger, 1)
    with pytest.raises(UserError, match="未报送调查表"):
        signoff.confirm(ledger, eid, "2024-05")
    with pytest.raises(ValidationError, match="在将来"):
        signoff.confirm(ledger, eid, "2999-05")


def test_township_ledger_sees_but_cannot_decide(tmp_path):
    lg = create_ledger(tmp_path / "t.sqlite3", unit_name="龙港镇", level="township", parent_name="沁水县",
                       operator="乡镇填报员")
    try:
        eid = add_enterprise(lg, 1, township="龙港镇")
        add_return(lg, eid, "2024-05", institutions=[INSTITUTION], evidence_files=1)
        assert not signoff.can_decide(lg)
        assert signoff.status(lg, eid, "2024-05").check.eligible
        with pytest.raises(UserError, match="乡镇台账，只能查看"):
            signoff.confirm(lg, eid, "2024-05")
        with pytest.raises(UserError, match="只能查看"):
            signoff.reject(lg, eid, "2024-05", "x")
    finally:
        lg.close()


def test_list_state_filter_and_summary_follow_decisions(ledger):
    a = add_enterprise(ledger, 1)
    b = add_enterprise(ledger, 2, township="嘉峰镇")
    add_enterprise(ledger, 3)
    add_return(ledger, a, "2024-05", institutions=[INSTITUTION], evidence_files=1)
    add_return(ledger, b, "2024-05", activities=[4])
    from desktop_app.services.listing import ListQuery, ListSource

    def state_names(state):
        enterprise_list.prepare(ledger, "2024-05")
        src = ListSource(ledger, enterprise_list.LIST)
        ids = src.rowids(ListQuery(filters={"state": state}))
        return sorted(src.rows(ids)[i][0] for i in ids)

    assert state_names(PENDING) == ["测试企业1有限公司", "测试企业2有限公司"]
    assert state_names(NOT_STARTED) == ["测试企业3有限公司"]
    s = enterprise_list.summary(ledger, "2024-05")
    assert (s.above_scale, s.signed_off, s.pending, s.not_started) == (3, 0, 2, 1)
    signoff.confirm(ledger, a, "2024-05")
    assert state_names(SIGNED_OFF) == ["测试企业1有限公司"]
    s = enterprise_list.summary(ledger, "2024-05")
    assert s.signed_off == 1 and round(s.rate, 4) == 0.3333


def test_list_sorts_by_every_column(ledger):
    from desktop_app.services.listing import ListQuery, ListSource

    a = add_enterprise(ledger, 1)
    add_enterprise(ledger, 2)
    add_return(ledger, a, "2024-05", institutions=[INSTITUTION], evidence_files=1)
    enterprise_list.prepare(ledger, "2024-05")
    src = ListSource(ledger, enterprise_list.LIST)
    for key in src.keys:
        for desc in (False, True):
            assert len(src.rowids(ListQuery(sort_key=key, descending=desc))) == 2, key
    ids = src.rowids(ListQuery(sort_key="state"))
    assert [src.rows(ids)[i][src.keys.index("state")] for i in ids] == [NOT_STARTED, PENDING]
