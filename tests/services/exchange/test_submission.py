"""上报: a township and a department report a month to the county by package file (issue 11, first part)."""

from datetime import date

import pytest

from desktop_app.errors import UserError
from desktop_app.services import enterprises
from desktop_app.services.exchange import (
    conflicts,
    distribute,
    lower_ledger,
    package_file,
    receive,
    submit,
)
from desktop_app.services.tasks import progress
from tests.conftest import file_state
from tests.services.exchange.helpers import diffs, explain_all

PERIOD = "2026-11"


@pytest.fixture
def split(demo_ledger, tmp_path):
    county = demo_ledger
    zz, _ = lower_ledger.create_from_package(distribute.export_for(county, "郑庄镇", tmp_path / "zz.bsb").path,
                                             tmp_path / "zz.sqlite3", operator="乡镇填报员")
    fg, _ = lower_ledger.create_from_package(distribute.export_for(county, "县发改局", tmp_path / "fg.bsb").path,
                                             tmp_path / "fg.sqlite3", operator="发改局填报员")
    yield county, zz, fg
    zz.close()
    fg.close()


def test_a_month_goes_up_and_the_county_holds_what_the_units_entered(split, tmp_path):
    county, zz, fg = split
    # the department reports its month; the township corrects a firm and registers a new one
    assignment = fg.conn.execute("SELECT id FROM assignments ORDER BY id LIMIT 1").fetchone()[0]
    entry = progress.save_entry(fg, assignment, {"period": PERIOD, "status": "推进中", "work_done": "发改局本月推进情况",
                                                 "submitted_on": "2026-11-30"}, today=date(2026, 12, 1))
    firm = zz.conn.execute("SELECT id FROM enterprises ORDER BY id LIMIT 1").fetchone()[0]
    with zz.write() as w:
        w.update("enterprises", firm, {"phone": "0356-7000001"})
    town = zz.unit.id
    new_firm = enterprises.save(zz, {"name": "沁水县郑庄新材料有限公司", "uscc": "91140521MA0K3F2L1W",
                                     "township_id": town, "industry": "煤层气"})
    with pytest.raises(UserError, match="核实问题尚未填写核实说明"):
        submit.export_submission(zz, PERIOD, tmp_path / "refused.bsb")
    assert not (tmp_path / "refused.bsb").exists()
    explain_all(zz, PERIOD)
    zz_pkg = submit.export_submission(zz, PERIOD, tmp_path / "zz_up.bsb")
    fg_pkg = submit.export_submission(fg, PERIOD, tmp_path / "fg_up.bsb")
    assert zz_pkg.counts["enterprises"] == 2 and zz_pkg.counts["review_explanations"] >= 1
    assert fg_pkg.counts == {"progress_entries": 1}

    dry = receive.import_package(county, zz_pkg.path, dry_run=True)
    assert dry.totals()[receive.NEW] >= 2 and dry.totals()[receive.CHANGED] == 1
    assert enterprises.get(county, firm)["phone"] != "0356-7000001"  # a dry run writes nothing
    receive.import_package(county, zz_pkg.path)
    receive.import_package(county, fg_pkg.path)
    assert enterprises.get(county, firm)["phone"] == "0356-7000001"
    assert enterprises.get(county, new_firm)["name"] == "沁水县郑庄新材料有限公司"
    assert county.conn.execute("SELECT work_done FROM progress_entries WHERE id = ?", (entry,)).fetchone()[0] \
        == "发改局本月推进情况"
    assert county.conn.execute("SELECT COUNT(*) FROM review_explanations WHERE unit_id = ?", (town,)).fetchone()[0]
    # the same package twice changes nothing
    before = file_state(county.path)
    assert receive.import_package(county, zz_pkg.path).already
    assert file_state(county.path) == before

    # acknowledgement: the next distribution carries what the county accepted; the next package is empty
    receive.import_package(zz, distribute.export_for(county, "郑庄镇", tmp_path / "zz2.bsb").path)
    again = submit.export_submission(zz, PERIOD, tmp_path / "zz_up2.bsb")
    with package_file.opened(again.path) as pkg:
        assert pkg.manifest.kind == package_file.EMPTY_SUBMISSION and pkg.manifest.period == PERIOD
    assert receive.import_package(county, again.path).totals() == {}
    assert county.conn.execute("SELECT COUNT(*) FROM package_log WHERE direction = 'import' AND kind = 'empty' "
                               "AND peer_unit_id = ?", (town,)).fetchone()[0] == 1


def test_a_row_both_sides_changed_waits_at_the_county(split, tmp_path):
    county, zz, _ = split
    firm, sent = zz.conn.execute("SELECT id, address FROM enterprises ORDER BY id LIMIT 1").fetchone()
    with zz.write() as w:
        w.update("enterprises", firm, {"address": "郑庄镇填的地址"})
    with county.write() as w:
        w.update("enterprises", firm, {"address": "县里改的地址"})
    explain_all(zz, PERIOD)
    result = receive.import_package(county, submit.export_submission(zz, PERIOD, tmp_path / "up.bsb").path)
    assert result.totals()[receive.CONFLICT] == 1
    assert enterprises.get(county, firm)["address"] == "县里改的地址"  # never applied without a choice
    [c] = conflicts.pending(county)
    assert c.peer == "郑庄镇" and ("address", sent, "郑庄镇填的地址", "县里改的地址") in diffs(c)
    conflicts.resolve(county, c.short_id, "theirs")
    assert enterprises.get(county, firm)["address"] == "郑庄镇填的地址"


def test_a_package_for_another_ledger_is_refused_and_changes_nothing(split, tmp_path):
    county, zz, fg = split
    explain_all(zz, PERIOD)
    pkg = submit.export_submission(zz, PERIOD, tmp_path / "up.bsb").path
    before = file_state(fg.path)
    with pytest.raises(UserError, match="报给“沁水县”的报送包，本台账属于“县发改局”"):
        receive.import_package(fg, pkg)
    assert file_state(fg.path) == before



def test_a_package_from_a_unit_the_county_does_not_register_is_refused(split, tmp_path):
    import shutil

    from tests.services.exchange.test_bad_packages import _rewrite_manifest

    county, zz, _ = split
    explain_all(zz, PERIOD)
    stranger = tmp_path / "stranger.bsb"
    shutil.copy(submit.export_submission(zz, PERIOD, tmp_path / "up.bsb").path, stranger)
    _rewrite_manifest(stranger, lambda b: b["from_unit"].update(id="someone-else", name="阳城县某镇"))
    before = file_state(county.path)
    with pytest.raises(UserError, match="来自“阳城县某镇”，不是本台账登记的报送单位，未导入$"):
        receive.import_package(county, stranger)
    assert file_state(county.path) == before


def test_a_ledger_with_nobody_above_makes_no_submission(tmp_path):
    from desktop_app.services.ledger import create_ledger

    for name, level, message in (("沁水县", "county", "没有登记上级市"), ("龙港镇", "township", "从下发包创建")):
        lg = create_ledger(tmp_path / f"{name}.sqlite3", unit_name=name, level=level, operator="填报员")
        try:
            with pytest.raises(UserError, match=message):
                submit.export_submission(lg, PERIOD, tmp_path / "x.bsb")
        finally:
            lg.close()
    assert not (tmp_path / "x.bsb").exists()


def test_export_package_with_a_period_on_the_cli(split, tmp_path, capsys):
    from desktop_app.__main__ import main

    _, _, fg = split
    path = fg.path
    fg.close()
    out = tmp_path / "发改局11月.bsb"
    assert main(["--db", str(path), "export-package", "--period", PERIOD, "--out", str(out)]) == 0
    assert "已生成" in capsys.readouterr().out and out.exists()
    with package_file.opened(out) as pkg:
        assert pkg.manifest.kind == package_file.EMPTY_SUBMISSION  # nothing entered since the distribution


def test_submission_status_of_every_unit_and_the_printed_table(split, tmp_path):
    from desktop_app.services import printing
    from desktop_app.services.exchange import submissions
    from tests.reports.conftest import pdf_text

    county, zz, fg = split
    explain_all(zz, PERIOD)
    receive.import_package(county, submit.export_submission(zz, PERIOD, tmp_path / "zz.bsb").path)
    receive.import_package(county, submit.export_submission(fg, PERIOD, tmp_path / "fg.bsb").path)
    found = {s.unit: s for s in submissions.status(county, PERIOD, today=date(2026, 12, 3))}
    assert len(found) == 33
    assert found["郑庄镇"].reported and not found["郑庄镇"].empty and found["郑庄镇"].seq == 1
    assert found["县发改局"].empty and "空表上报" in found["县发改局"].state_text
    assert not found["龙港镇"].reported and found["龙港镇"].state_text == "未报送（逾期 2 天）"
    on_time = {s.unit: s for s in submissions.status(county, PERIOD, today=date(2026, 12, 1))}
    assert on_time["龙港镇"].state_text == "今天截止"
    missing = submissions.missing(list(found.values()))
    assert "龙港镇" in missing and "郑庄镇" not in missing and len(missing) == 31
    out = printing.write_report(county, "submissions", "pdf", tmp_path / "报送情况表.pdf", {"period": PERIOD})
    text = pdf_text(out)
    assert "报送情况表" in text and "应报33个单位，已报2个，未报31个" in text.replace("\n", "")
    with pytest.raises(UserError, match="县级台账"):
        printing.write_report(zz, "submissions", "pdf", tmp_path / "x.pdf", {"period": PERIOD})


def _same_firm_registered(county, zz, tmp_path):
    """郑庄镇 registers a firm the county holds in another township, under its own id, and pairs a helper."""
    from desktop_app.services.enterprises import pairings

    theirs_of_ours, name, code, town = county.conn.execute(
        "SELECT e.id, e.name, e.uscc, u.name FROM enterprises e JOIN units u ON u.id = e.township_id "
        "WHERE u.name != '郑庄镇' AND e.deleted_at IS NULL ORDER BY e.name LIMIT 1").fetchone()
    mine = enterprises.save(zz, {"name": name + "（郑庄分厂）", "uscc": code, "township_id": zz.unit.id,
                                 "industry": "煤炭"})
    pairings.save(zz, mine, {"helper_unit": "郑庄镇科技服务站", "mode": pairings.MODES[0]})
    explain_all(zz, PERIOD)
    return theirs_of_ours, mine, town, submit.export_submission(zz, PERIOD, tmp_path / "up.bsb").path


def test_a_firm_the_county_holds_under_another_record_is_asked_about_and_not_imported_unanswered(split, tmp_path):
    county, zz, _ = split
    ours, mine, town, pkg = _same_firm_registered(county, zz, tmp_path)
    before = file_state(county.path)
    dry = receive.import_package(county, pkg, dry_run=True)
    [asked] = dry.same_code
    assert (asked.theirs_id, asked.ours_id, asked.ours_town) == (mine, ours, town)
    assert "是同一企业吗" in asked.question("郑庄镇") and town in asked.question("郑庄镇")
    with pytest.raises(UserError, match="在本台账中已有另一条记录.*确认“是同一企业”即合并.*请与郑庄镇核实"):
        receive.import_package(county, pkg)
    with pytest.raises(UserError, match="不符"):  # a merge that does not match the package
        receive.import_package(county, pkg, same={mine: county.conn.execute(
            "SELECT id FROM enterprises WHERE id != ? LIMIT 1", (ours,)).fetchone()[0]})
    assert file_state(county.path) == before


def test_on_yes_the_two_records_are_one_and_stay_one_both_ways(split, tmp_path):
    county, zz, _ = split
    ours, mine, _town, pkg = _same_firm_registered(county, zz, tmp_path)
    code = enterprises.get(county, ours)["uscc"]
    result = receive.import_package(county, pkg, same={mine: ours})
    assert result.counts()["enterprises"][receive.CONFLICT] == 1  # where the two differ: a choice, field by field
    assert county.conn.execute("SELECT COUNT(*) FROM enterprises WHERE uscc = ?", (code,)).fetchone()[0] == 1
    assert county.conn.execute("SELECT enterprise_id FROM helper_pairings WHERE helper_unit = '郑庄镇科技服务站'"
                               ).fetchone()[0] == ours  # what names the township's record arrives on ours
    [c] = conflicts.pending(county)
    assert c.row_id == ours and {"name", "township_id"} <= {f for f, *_ in diffs(c)}
    assert receive.import_package(county, pkg, same={mine: ours}).already
    conflicts.resolve_fields(county, c.short_id, {"township_id"})  # the firm is 郑庄镇's now; the county's name
    county_name = enterprises.get(county, ours)["name"]

    # the distribution tells the township; it keeps its own id and takes the county's name, with no conflict
    down = receive.import_package(zz, distribute.export_for(county, "郑庄镇", tmp_path / "zz2.bsb").path)
    assert conflicts.pending(zz) == [] and down.counts()["enterprises"][receive.CHANGED] == 1
    assert zz.conn.execute("SELECT COUNT(*) FROM enterprises WHERE uscc = ?", (code,)).fetchone()[0] == 1
    assert enterprises.get(zz, mine)["name"] == county_name
    # the township's next edit arrives on the county's record
    with zz.write() as w:
        w.update("enterprises", mine, {"phone": "0356-7111111"})
    up2 = receive.import_package(county, submit.export_submission(zz, PERIOD, tmp_path / "up2.bsb").path)
    assert up2.counts()["enterprises"][receive.CHANGED] == 1 and conflicts.pending(county) == []
    assert enterprises.get(county, ours)["phone"] == "0356-7111111"


def test_a_distribution_naming_a_firm_the_township_registered_itself_waits_for_its_package(split, tmp_path):
    county, zz, _ = split
    code = "91140521MA0K3F2L20"
    enterprises.save(zz, {"name": "郑庄镇登记的新企业", "uscc": code, "township_id": zz.unit.id, "industry": "煤层气"})
    enterprises.save(county, {"name": "县里登记的新企业", "uscc": code, "township_id": zz.unit.id, "industry": "煤层气"})
    pkg = distribute.export_for(county, "郑庄镇", tmp_path / "zz2.bsb").path
    before = file_state(zz.path)
    for dry_run in (True, False):
        with pytest.raises(UserError, match="本台账已登记为“郑庄镇登记的新企业”.*请先生成报送包报沁水县"):
            receive.import_package(zz, pkg, dry_run=dry_run)
    assert file_state(zz.path) == before


def test_merge_same_code_on_the_cli(split, tmp_path, capsys):
    from desktop_app.__main__ import main

    county, zz, _ = split
    ours, mine, _town, pkg = _same_firm_registered(county, zz, tmp_path)
    path = county.path
    county.close()
    assert main(["--db", str(path), "import-package", str(pkg), "--dry-run"]) == 0
    assert "是同一企业吗" in capsys.readouterr().err
    assert main(["--db", str(path), "import-package", str(pkg)]) == 2
    assert "--merge-same-code" in capsys.readouterr().err
    assert main(["--db", str(path), "import-package", str(pkg), "--merge-same-code"]) == 0
    out = capsys.readouterr().out
    assert "是同一企业" in out and "冲突 1" in out


def test_the_county_returns_a_package_with_a_reason_and_a_new_one_clears_it(split, tmp_path):
    from desktop_app.errors import ValidationError
    from desktop_app.services.exchange import submissions

    county, zz, _ = split
    explain_all(zz, PERIOD)
    with pytest.raises(UserError, match="还没有报送"):
        submissions.return_package(county, "郑庄镇", PERIOD, "数据不全，请补报")
    receive.import_package(county, submit.export_submission(zz, PERIOD, tmp_path / "a.bsb").path)
    with pytest.raises(ValidationError, match="退回原因"):
        submissions.return_package(county, "郑庄镇", PERIOD, "  不  ")
    submissions.return_package(county, "郑庄镇", PERIOD, "沁和能源研发费用与上年差异过大，请核实后重报")
    [zz_status] = [s for s in submissions.status(county, PERIOD) if s.unit == "郑庄镇"]
    assert zz_status.state_text == "已退回：沁和能源研发费用与上年差异过大，请核实后重报"
    assert [r["period"] for r in submissions.returns_for(county, zz.unit.id)] == [PERIOD]
    firm = zz.conn.execute("SELECT id FROM enterprises ORDER BY id LIMIT 1").fetchone()[0]
    with zz.write() as w:
        w.update("enterprises", firm, {"phone": "0356-7000002"})
    receive.import_package(county, submit.export_submission(zz, PERIOD, tmp_path / "b.bsb").path)
    [zz_status] = [s for s in submissions.status(county, PERIOD) if s.unit == "郑庄镇"]
    assert not zz_status.returned and zz_status.packages == 2 and zz_status.seq == 2


def _conflict_at_the_county(county, zz, tmp_path):
    """One firm both sides changed (address and phone): the county's pending conflict once zz reports."""
    firm = zz.conn.execute("SELECT id FROM enterprises ORDER BY id LIMIT 1").fetchone()[0]
    with zz.write() as w:
        w.update("enterprises", firm, {"address": "郑庄镇填的地址", "phone": "0356-7000001"})
    with county.write() as w:
        w.update("enterprises", firm, {"address": "县里改的地址", "phone": "0356-7999999"})
    explain_all(zz, PERIOD)
    receive.import_package(county, submit.export_submission(zz, PERIOD, tmp_path / "up.bsb").path)
    [c] = conflicts.pending(county)
    return firm, c


def test_field_by_field_at_the_county_and_the_merge_goes_back_down(split, tmp_path):
    county, zz, _ = split
    firm, c = _conflict_at_the_county(county, zz, tmp_path)
    with pytest.raises(UserError, match="不是这条冲突中可逐项选择的字段"):
        conflicts.resolve_fields(county, c.short_id, {"no_such_field"})
    conflicts.resolve_fields(county, c.short_id, {"phone"})
    assert (enterprises.get(county, firm)["address"], enterprises.get(county, firm)["phone"]) == (
        "县里改的地址", "0356-7000001")
    assert conflicts.pending(county) == []
    # the county's merge comes down with what it accepted: the township still holds the row as it sent it,
    # so the county decided with its values in view, and the merge is applied (no second conflict)
    result = receive.import_package(zz, distribute.export_for(county, "郑庄镇", tmp_path / "zz2.bsb").path)
    assert conflicts.pending(zz) == [] and result.counts()["enterprises"][receive.CHANGED] == 1
    assert enterprises.get(zz, firm)["address"] == "县里改的地址" and enterprises.get(zz, firm)["phone"] == "0356-7000001"
    # and the township's next package starts from what the county has: nothing of that row goes up again
    explain_all(zz, PERIOD)
    assert "enterprises" not in submit.export_submission(zz, PERIOD, tmp_path / "up2.bsb").counts


def test_a_township_edit_after_its_package_still_meets_the_county_merge_as_a_conflict(split, tmp_path):
    county, zz, _ = split
    firm, c = _conflict_at_the_county(county, zz, tmp_path)
    conflicts.resolve_fields(county, c.short_id, {"phone"})
    with zz.write() as w:  # the township changes the row again before the county's merge arrives
        w.update("enterprises", firm, {"address": "郑庄镇又改的地址"})
    receive.import_package(zz, distribute.export_for(county, "郑庄镇", tmp_path / "zz2.bsb").path)
    [down] = conflicts.pending(zz)
    assert [(f, t, o) for f, _b, t, o in diffs(down) if f == "address"] == [("address", "县里改的地址", "郑庄镇又改的地址")]
    assert enterprises.get(zz, firm)["address"] == "郑庄镇又改的地址"


def test_the_county_keeping_its_own_value_reaches_the_township(split, tmp_path):
    county, zz, _ = split
    firm, c = _conflict_at_the_county(county, zz, tmp_path)
    conflicts.resolve(county, c.short_id, "ours")
    receive.import_package(zz, distribute.export_for(county, "郑庄镇", tmp_path / "zz2.bsb").path)
    assert conflicts.pending(zz) == []
    assert (enterprises.get(zz, firm)["address"], enterprises.get(zz, firm)["phone"]) == ("县里改的地址", "0356-7999999")


def test_resolve_field_by_field_on_the_cli(split, tmp_path, capsys):
    from desktop_app.__main__ import main

    county, zz, _ = split
    firm, c = _conflict_at_the_county(county, zz, tmp_path)
    path = county.path
    county.close()
    assert main(["--db", str(path), "resolve", c.short_id, "--keep", "theirs", "--take", "phone"]) == 2
    assert "--keep ours" in capsys.readouterr().err
    assert main(["--db", str(path), "resolve", c.short_id, "--keep", "ours", "--take", "phone"]) == 0
    assert "逐项合并" in capsys.readouterr().out
