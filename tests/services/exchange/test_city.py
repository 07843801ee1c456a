"""整包汇总上报: the county's package to the city carries its units' rows; a city ledger reads it and
prints the 附件4 summary by 县（市、区） with the same figures (issue 11, the city level)."""

import pytest

from db.records import ReadOnlyRow
from desktop_app.errors import UserError
from desktop_app.services import enterprises, seed, units
from desktop_app.services.exchange import package_file, receive, submit
from desktop_app.services.ledger import create_ledger, open_ledger
from desktop_app.services.metrics import coverage, coverage_groups
from desktop_app.services.printing import coverage_summary
from tests.conftest import file_state
from tests.services.exchange.helpers import explain_all

PERIOD = "2026-11"


@pytest.fixture
def city(tmp_path):
    lg = create_ledger(tmp_path / "city.sqlite3", unit_name="晋城市", level="city", code="140500", operator="市办")
    seed.load_builtin(lg)
    yield lg
    lg.close()


def test_the_county_package_gives_the_city_the_same_annex4_figures(demo_ledger, city, tmp_path):
    county = demo_ledger
    assert [u.name for u in units.reporting_units(city)] == [
        "城区", "泽州县", "高平市", "阳城县", "陵川县", "沁水县"]
    explain_all(county, PERIOD)
    up = submit.export_submission(county, PERIOD, tmp_path / "qs_up.bsb")
    # the county's own rows and its townships' travel, each with its owner
    assert up.counts["enterprises"] == county.conn.execute("SELECT COUNT(*) FROM enterprises").fetchone()[0]
    assert up.counts["units"] >= 13
    with package_file.opened(up.path) as pkg:
        owners = {r[0] for r in pkg.conn.execute("SELECT DISTINCT unit_id FROM surveys")}
        assert county.unit.parent_id not in {r[0] for r in pkg.conn.execute("SELECT id FROM units")}
    assert len(owners) >= 1

    dry = receive.import_package(city, up.path, dry_run=True)
    assert dry.totals()[receive.CONFLICT] == 0 and dry.totals()[receive.NEW] > 100
    result = receive.import_package(city, up.path)
    assert result.totals()[receive.NEW] == dry.totals()[receive.NEW]
    qinshui = city.conn.execute("SELECT id FROM units WHERE name = '沁水县'").fetchone()[0]
    assert qinshui != county.unit.id  # the city's registration, now bound to the county's package

    mine, theirs = coverage(county, PERIOD), coverage_groups(city, PERIOD, "county")["沁水县"]
    assert mine == theirs and mine.above_scale > 0
    form = coverage_summary.summaries(city, PERIOD)[0]
    assert form.by == "county" and [line.name for line in form.lines][:6] == [
        "城区", "泽州县", "高平市", "阳城县", "陵川县", "沁水县"]
    line = next(x for x in form.lines if x.name == "沁水县")
    county_total = coverage_summary.summaries(county, PERIOD)[0].total
    assert (line.above_scale, line.with_activity, line.signed_off, line.rd_spending) == (
        county_total.above_scale, county_total.with_activity, county_total.signed_off, county_total.rd_spending)
    assert form.total.above_scale == county_total.above_scale  # the other counties have not reported

    # the same package twice: nothing changes
    before = file_state(city.path)
    assert receive.import_package(city, up.path).already
    assert file_state(city.path) == before

    # the county corrects a firm: next month's package applies it; everything else is unchanged
    firm = county.conn.execute("SELECT id FROM enterprises WHERE deleted_at IS NULL ORDER BY id LIMIT 1").fetchone()[0]
    with county.write() as w:
        w.update("enterprises", firm, {"phone": "0356-9000009"})
    explain_all(county, "2026-12")
    older = submit.export_submission(county, "2026-12", tmp_path / "qs_up2.bsb")
    later = submit.export_submission(county, "2026-12", tmp_path / "qs_up3.bsb")  # sent again, a number later
    second = receive.import_package(city, later.path)
    assert second.totals()[receive.CHANGED] == 1 and second.totals()[receive.CONFLICT] == 0
    assert enterprises.get(city, firm)["phone"] == "0356-9000009"
    # the city holds what the counties reported: read-only here
    with pytest.raises(ReadOnlyRow, match="沁水县上报"), city.write() as w:
        w.update("enterprises", firm, {"phone": "1"})

    # an older package after a newer one never rolls back
    before = file_state(city.path)
    with pytest.raises(UserError, match="早于已导入"):
        receive.import_package(city, older.path)
    assert file_state(city.path) == before


def test_a_city_refuses_what_is_not_its_counties(demo_ledger, tmp_path):
    county = demo_ledger
    explain_all(county, PERIOD)
    up = submit.export_submission(county, PERIOD, tmp_path / "qs_up.bsb")
    other = create_ledger(tmp_path / "yc.sqlite3", unit_name="运城市", level="city", operator="运城")
    bare = create_ledger(tmp_path / "bare.sqlite3", unit_name="晋城市", level="city", operator="市办")
    try:
        for ledger, message in ((other, "报给“晋城市”"), (bare, "不是本台账登记的报送单位")):
            before = file_state(ledger.path)
            with pytest.raises(UserError, match=message):
                receive.import_package(ledger, up.path)
            assert file_state(ledger.path) == before
    finally:
        other.close()
        bare.close()


def test_add_unit_on_the_cli_registers_a_reporting_unit_of_the_right_level(tmp_path, capsys):
    from desktop_app.__main__ import main

    path = tmp_path / "city.sqlite3"
    assert main(["--db", str(path), "init", "--unit", "运城市", "--level", "city"]) == 0
    assert main(["--db", str(path), "add-unit", "绛县", "--level", "county", "--code", "140826"]) == 0
    assert main(["--db", str(path), "add-unit", "龙港镇"]) == 2
    assert "县（市、区）报市" in capsys.readouterr().err
    assert main(["--db", str(path), "add-unit", "绛县", "--level", "county"]) == 2  # registered once
    lg = open_ledger(path)
    try:
        assert [(u.name, u.code) for u in units.reporting_units(lg)] == [("绛县", "140826")]
    finally:
        lg.close()


def test_the_city_receipt_lets_the_county_send_only_what_changed(demo_ledger, city, tmp_path):
    from desktop_app.services.exchange import receipt

    county = demo_ledger
    explain_all(county, PERIOD)
    first = submit.export_submission(county, PERIOD, tmp_path / "up1.bsb")
    receive.import_package(city, first.path)
    with pytest.raises(UserError, match="还没有导入过阳城县的报送包"):
        receipt.export_for(city, "阳城县", tmp_path / "x.bsb")
    back = receipt.export_for(city, "沁水县", tmp_path / "回执.bsb")
    sent = sum(first.counts.values())
    assert back.counts["exchange_accepted"] == sent

    # the county takes it: the city holds every row it sent, so the next package is empty
    before = file_state(county.path)
    assert receive.import_package(county, back.path, dry_run=True).accepted == sent
    assert file_state(county.path) == before
    took = receive.import_package(county, back.path)
    assert took.accepted == sent and "市里已有本单位报送的" in took.lines()[0]
    assert receive.import_package(county, back.path).already
    again = submit.export_submission(county, "2026-12", tmp_path / "up2.bsb")
    with package_file.opened(again.path) as pkg:
        assert pkg.manifest.kind == package_file.EMPTY_SUBMISSION
    assert receive.import_package(city, again.path).totals() == {}

    # one correction at the county: the next package carries that row alone, and the city applies it
    firm = county.conn.execute("SELECT id FROM enterprises WHERE deleted_at IS NULL ORDER BY id LIMIT 1").fetchone()[0]
    with county.write() as w:
        w.update("enterprises", firm, {"phone": "0356-9000009"})
    third = submit.export_submission(county, "2026-12", tmp_path / "up3.bsb")
    assert third.counts == {"enterprises": 1}
    assert receive.import_package(city, third.path).totals()[receive.CHANGED] == 1
    assert enterprises.get(city, firm)["phone"] == "0356-9000009"

    # an older receipt after a newer one, and a receipt for another ledger, are refused; nothing changes
    newer = receipt.export_for(city, "沁水县", tmp_path / "回执2.bsb")
    receive.import_package(county, newer.path)
    older = receipt.export_for(city, "沁水县", tmp_path / "回执3.bsb")
    newest = receipt.export_for(city, "沁水县", tmp_path / "回执4.bsb")
    receive.import_package(county, newest.path)
    before = file_state(county.path)
    with pytest.raises(UserError, match="早于已导入"):
        receive.import_package(county, older.path)
    assert file_state(county.path) == before
    other, _ = _township_ledger(county, tmp_path)
    try:
        with pytest.raises(UserError, match="回执包，本台账属于“郑庄镇”"):
            receive.import_package(other, newest.path)
    finally:
        other.close()


def test_a_receipt_from_a_city_the_county_does_not_report_to_is_refused(demo_ledger, tmp_path):
    from desktop_app.services.exchange import receipt

    county = demo_ledger
    other = create_ledger(tmp_path / "yc.sqlite3", unit_name="运城市", level="city", code="140800", operator="市办")
    try:
        units.add_township(other, "沁水县", level="county", code="140521")
        explain_all(county, PERIOD)
        up = submit.export_submission(county, PERIOD, tmp_path / "up.bsb")
        with pytest.raises(UserError, match="运城市"):  # addressed to 晋城市: 运城市 does not import it
            receive.import_package(other, up.path)
    finally:
        other.close()
    city = create_ledger(tmp_path / "jc.sqlite3", unit_name="晋城市", level="city", code="140500", operator="市办")
    seed.load_builtin(city)
    receive.import_package(city, up.path)
    with city.write() as w:  # a receipt that says it comes from 运城市
        w.update("units", city.unit.id, {"name": "运城市", "code": "140800"})
    city.close()
    city = open_ledger(tmp_path / "jc.sqlite3")
    try:
        wrong = receipt.export_for(city, "沁水县", tmp_path / "回执.bsb")
    finally:
        city.close()
    before = file_state(county.path)
    with pytest.raises(UserError, match="来自“运城市”，不是本单位的上级单位"):
        receive.import_package(county, wrong.path)
    assert file_state(county.path) == before


def _township_ledger(county, tmp_path):
    from desktop_app.services.exchange import distribute, lower_ledger

    return lower_ledger.create_from_package(distribute.export_for(county, "郑庄镇", tmp_path / "zz.bsb").path,
                                            tmp_path / "zz.sqlite3", operator="乡镇填报员")
