"""The month's round trip of issue 11, as the issue states it: two townships and one department report;
the county imports all three; the county corrected a survey figure the township also changed, and that
conflict is shown (上次接收的 | 对方的 | 本地的) and resolved field by field; the counts add up; re-import is
a no-op; an older package after a newer changes nothing; the county's package gives its city the same
附件4 numbers."""

from datetime import date

import pytest

from desktop_app.errors import UserError
from desktop_app.services import enterprises, seed
from desktop_app.services.exchange import conflicts, distribute, lower_ledger, receive, submit
from desktop_app.services.ledger import create_ledger
from desktop_app.services.metrics import coverage, coverage_groups
from desktop_app.services.tasks import progress
from tests.conftest import file_state
from tests.services.exchange.helpers import diffs, explain_all

PERIOD = "2026-11"


@pytest.fixture
def units_of(demo_ledger, tmp_path):
    county, made = demo_ledger, []
    for name, who in (("郑庄镇", "郑庄镇填报员"), ("嘉峰镇", "嘉峰镇填报员"), ("县发改局", "发改局填报员")):
        lg, _ = lower_ledger.create_from_package(distribute.export_for(county, name, tmp_path / f"{name}.bsb").path,
                                                 tmp_path / f"{name}.sqlite3", operator=who)
        made.append(lg)
    yield county, *made
    for lg in made:
        lg.close()


def _institution(ledger, town):
    """A 研发机构 row of a 2026-11 return in ``town``'s territory."""
    return ledger.conn.execute(
        "SELECT i.id, i.name, i.spending, s.id FROM survey_institutions i JOIN surveys s ON s.id = i.survey_id "
        "JOIN enterprises e ON e.id = s.enterprise_id JOIN units u ON u.id = e.township_id "
        "WHERE u.name = ? AND s.period = ? ORDER BY i.id LIMIT 1", (town, PERIOD)).fetchone()


def test_two_townships_and_a_department_report_and_the_county_resolves_a_survey_figure(units_of, tmp_path):
    county, zz, jf, fg = units_of
    inst, inst_name, sent_spending, survey = _institution(zz, "郑庄镇")
    # 郑庄镇 corrects a 研发机构's 研究开发费用; the county corrected the same figure meanwhile
    with zz.write() as w:
        w.update("survey_institutions", inst, {"spending": sent_spending + 12.5})
        w.update("surveys", survey, {"filled_by": "郑庄镇填报员"})
    with county.write() as w:
        w.update("survey_institutions", inst, {"spending": sent_spending + 3.0})
    # 嘉峰镇 updates a firm's phone; 县发改局 reports its month
    jf_firm = jf.conn.execute("SELECT id FROM enterprises WHERE deleted_at IS NULL ORDER BY id LIMIT 1").fetchone()[0]
    with jf.write() as w:
        w.update("enterprises", jf_firm, {"phone": "0356-7222222"})
    assignment = fg.conn.execute("SELECT id FROM assignments ORDER BY id LIMIT 1").fetchone()[0]
    entry = progress.save_entry(fg, assignment, {"period": PERIOD, "status": "推进中", "work_done": "发改局本月推进情况",
                                                 "submitted_on": "2026-11-30"}, today=date(2026, 12, 1))
    packages = {}
    for lg in (zz, jf, fg):
        explain_all(lg, PERIOD)
        packages[lg.unit.name] = submit.export_submission(lg, PERIOD, tmp_path / f"{lg.unit.name}_up.bsb")

    results = {name: receive.import_package(county, w.path) for name, w in packages.items()}
    for name, written in packages.items():  # the counts add up: every record sent is classified once
        counts = results[name].counts()
        assert {t: sum(c.values()) for t, c in counts.items()} == written.counts, name
    assert results["郑庄镇"].totals()[receive.CONFLICT] == 1 and results["嘉峰镇"].totals()[receive.CONFLICT] == 0
    assert enterprises.get(county, jf_firm)["phone"] == "0356-7222222"
    assert county.conn.execute("SELECT work_done FROM progress_entries WHERE id = ?", (entry,)).fetchone()[0] == \
        "发改局本月推进情况"
    assert county.conn.execute("SELECT spending FROM survey_institutions WHERE id = ?", (inst,)).fetchone()[0] == \
        sent_spending + 3.0  # never applied without a choice

    # shown: the figure, with what the county last had from 郑庄镇, theirs and ours
    [c] = conflicts.pending(county)
    key = f"survey_institutions/{inst}/spending"
    assert (key, sent_spending, sent_spending + 12.5, sent_spending + 3.0) in diffs(c)
    figure = next(f for f in c.fields() if f.name == key)
    assert figure.pickable and conflicts.describe(figure) == f"研发机构“{inst_name}”：机构研究开发费用（万元）"
    assert conflicts.summary(c.fields()).count("研发机构") == 1
    # resolved field by field: the township's figure, the county's own 填表人
    conflicts.resolve_fields(county, c.short_id, {key})
    assert county.conn.execute("SELECT spending FROM survey_institutions WHERE id = ?", (inst,)).fetchone()[0] == \
        sent_spending + 12.5
    assert county.conn.execute("SELECT filled_by FROM surveys WHERE id = ?", (survey,)).fetchone()[0] != "郑庄镇填报员"
    reason = county.conn.execute("SELECT reason FROM audit_log WHERE table_name = 'survey_institutions' "
                                 "AND row_id = ? ORDER BY seq DESC LIMIT 1", (inst,)).fetchone()[0]
    assert "逐项采用郑庄镇的研发机构" in reason and conflicts.pending(county) == []

    # re-import: a no-op; an older package after a newer: refused, nothing changes
    before = file_state(county.path)
    assert all(receive.import_package(county, w.path).already for w in packages.values())
    assert file_state(county.path) == before
    older = submit.export_submission(jf, PERIOD, tmp_path / "jf_older.bsb")
    newer = submit.export_submission(jf, PERIOD, tmp_path / "jf_newer.bsb")
    receive.import_package(county, newer.path)
    before = file_state(county.path)
    with pytest.raises(UserError, match="早于已导入"):
        receive.import_package(county, older.path)
    assert file_state(county.path) == before

    # the county's package to its city: the same 附件4 figures there, the resolved figure included
    city = create_ledger(tmp_path / "city.sqlite3", unit_name="晋城市", level="city", code="140500", operator="市办")
    try:
        seed.load_builtin(city)
        explain_all(county, PERIOD)
        receive.import_package(city, submit.export_submission(county, PERIOD, tmp_path / "qs_up.bsb").path)
        assert coverage_groups(city, PERIOD, "county")["沁水县"] == coverage(county, PERIOD)
    finally:
        city.close()
