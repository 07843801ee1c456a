import pytest

from desktop_app.domain.coverage import (
    NOT_STARTED,
    PENDING,
    SIGNED_OFF,
    SurveyFacts,
    check_signoff,
    coverage_state,
    rd_spending,
)


@pytest.mark.parametrize("facts, inst, rd, other, eligible", [
    (SurveyFacts(institutions=1, evidence_files=1), True, False, False, True),
    (SurveyFacts(projects=1, evidence_files=2), False, True, False, True),
    (SurveyFacts(institution_spending=12.5, evidence_files=1), False, True, False, True),
    (SurveyFacts(other_activities=(3,), evidence_files=1), False, False, True, True),
    (SurveyFacts(institutions=2, projects=1, other_activities=(1, 14)), True, True, True, False),  # no evidence
    (SurveyFacts(evidence_files=3), False, False, False, False),                                  # no activity
])
def test_signoff_rule(facts, inst, rd, other, eligible):
    check = check_signoff(facts)
    assert (check.has_institution, check.has_rd_activity, check.has_other_activity) == (inst, rd, other)
    assert check.eligible is eligible
    assert bool(check.reasons) is not eligible


def test_missing_return_is_not_started():
    check = check_signoff(None)
    assert not check.eligible and "未报送" in check.reasons[0]
    assert coverage_state(check, confirmed=False) == NOT_STARTED


def test_states_and_spending():
    active = check_signoff(SurveyFacts(projects=1))
    assert coverage_state(active, confirmed=False) == PENDING
    assert coverage_state(active, confirmed=True) == SIGNED_OFF
    assert rd_spending(SurveyFacts(institution_spending=10.125, project_spending=5)) == 15.13
    assert rd_spending(None) == 0


def test_coverage_rate_is_signed_off_over_above_scale():
    from desktop_app.domain.coverage import coverage_rate

    assert coverage_rate(3, 4) == 0.75
    assert coverage_rate(0, 0) == 0.0
