"""下发: county → a township's and a department's own ledgers, and a newer distribution later."""

import sqlite3

import pytest

from db.records import ReadOnlyRow
from desktop_app.errors import UserError
from desktop_app.services import tasks
from desktop_app.services.exchange import conflicts, distribute, lower_ledger, receive
from desktop_app.services.tasks import progress


def _ids(ledger, sql, *params):
    return {r[0] for r in ledger.conn.execute(sql, params)}


@pytest.fixture
def split(demo_ledger, tmp_path):
    county = demo_ledger
    zz_pkg = distribute.export_for(county, "郑庄镇", tmp_path / "zz.bsb").path
    fg_pkg = distribute.export_for(county, "县发改局", tmp_path / "fg.bsb").path
    zz, _ = lower_ledger.create_from_package(zz_pkg, tmp_path / "zz.sqlite3", operator="乡镇填报员")
    fg, _ = lower_ledger.create_from_package(fg_pkg, tmp_path / "fg.sqlite3", operator="发改局填报员")
    yield county, zz, fg
    zz.close()
    fg.close()


def test_each_lower_ledger_holds_exactly_its_share(split):
    county, zz, fg = split
    zz_id = county.conn.execute("SELECT id FROM units WHERE name = '郑庄镇'").fetchone()[0]
    assert zz.unit.id == zz_id and zz.unit.parent_name == "沁水县" and zz.unit.level == "township"
    assert _ids(zz, "SELECT id FROM enterprises") == _ids(county, "SELECT id FROM enterprises WHERE township_id = ?", zz_id)
    assert _ids(zz, "SELECT id FROM enterprises")
    assert not _ids(zz, "SELECT id FROM assignments")
    fg_assignments = _ids(county, "SELECT a.id FROM assignments a JOIN departments d ON d.id = a.department_id "
                                  "WHERE d.name = '县发改局'")
    assert fg.unit.level == "department"
    assert _ids(fg, "SELECT id FROM assignments") == fg_assignments and len(fg_assignments) >= 10
    assert not _ids(fg, "SELECT id FROM enterprises")
    assert _ids(fg, "SELECT id FROM progress_entries") == _ids(
        county, f"SELECT id FROM progress_entries WHERE assignment_id IN ({','.join('?' * len(fg_assignments))})",
        *fg_assignments)
    # the unit's own rows are its own; the county's stay the county's
    assert _ids(fg, "SELECT DISTINCT unit_id FROM progress_entries") == {fg.unit.id}
    assert _ids(fg, "SELECT DISTINCT unit_id FROM tasks") == {county.unit.id}
    assert _ids(zz, "SELECT DISTINCT unit_id FROM enterprises") == {zz.unit.id}
    # calendar (reporting rule) and child rows travel with their ids
    assert _ids(fg, "SELECT id FROM assignment_contacts") <= _ids(county, "SELECT id FROM assignment_contacts")
    assert zz.conn.execute("PRAGMA foreign_key_check").fetchone() is None


def test_county_rows_are_read_only_in_the_lower_ledger(split):
    county, zz, fg = split
    task_id = next(iter(_ids(fg, "SELECT id FROM tasks")))
    with pytest.raises(ReadOnlyRow, match="沁水县下发"):
        with fg.write() as w:
            w.update("tasks", task_id, {"name": "改个名字"})
    assert fg.conn.execute("SELECT name FROM tasks WHERE id = ?", (task_id,)).fetchone()[0] != "改个名字"
    firm = next(iter(_ids(zz, "SELECT id FROM enterprises")))
    with zz.write() as w:  # its own enterprise: editable
        assert w.update("enterprises", firm, {"phone": "0356-7000001"})


def test_a_newer_distribution_brings_the_county_changes_and_keeps_the_units_own(split, tmp_path):
    county, zz, fg = split
    zz_firms = sorted(_ids(zz, "SELECT id FROM enterprises"))
    corrected, both = zz_firms[0], zz_firms[-1]
    assignment = sorted(_ids(fg, "SELECT id FROM assignments"))[0]
    # the lower units enter their own data
    entry = progress.save_entry(fg, assignment, {"period": "2026-11", "status": "推进中", "work_done": "发改局本月推进",
                                                         "submitted_on": "2026-12-01"},
                                today=__import__("datetime").date(2026, 12, 1))
    survey = sorted(_ids(zz, "SELECT id FROM surveys"))[0]
    with zz.write() as w:
        w.update("surveys", survey, {"filled_by": "乡镇填报员"})
        w.update("enterprises", both, {"name": "乡镇改的名"})
    # the county adds a task for 县发改局 and corrects two 郑庄镇 names
    doc = county.conn.execute("SELECT id FROM documents WHERE seed_key = '000'").fetchone()[0]
    new_assignment = tasks.save(county, {"document_id": doc, "key_task": "创新载体建设行动", "task": "新增的一项任务",
                                         "department": "县发改局", "role": "lead"})
    with county.write() as w:
        w.update("enterprises", corrected, {"name": "县里更正的企业名"})
        w.update("enterprises", both, {"name": "县里改的名"})
    pkg2 = distribute.export_for(county, "郑庄镇", tmp_path / "zz2.bsb").path
    fg2 = distribute.export_for(county, "县发改局", tmp_path / "fg2.bsb").path

    result = receive.import_package(zz, pkg2)
    assert zz.conn.execute("SELECT name FROM enterprises WHERE id = ?", (corrected,)).fetchone()[0] == "县里更正的企业名"
    assert zz.conn.execute("SELECT filled_by FROM surveys WHERE id = ?", (survey,)).fetchone()[0] == "乡镇填报员"
    assert result.totals()[receive.OURS_NEWER] == 1  # the survey the township edited: kept
    assert result.totals()[receive.CONFLICT] == 1  # the firm both renamed: waits for a choice
    assert zz.conn.execute("SELECT name FROM enterprises WHERE id = ?", (both,)).fetchone()[0] == "乡镇改的名"
    [c] = conflicts.pending(zz)
    assert c.row_id == both and ("name", "县里改的名", "乡镇改的名") in [(f.name, f.theirs, f.ours) for f in c.fields()]
    [name] = [f for f in c.fields() if f.name == "name"]
    assert name.base not in (name.theirs, name.ours) and name.theirs_changed and name.ours_changed

    receive.import_package(fg, fg2)
    assert new_assignment in _ids(fg, "SELECT id FROM assignments")
    assert fg.conn.execute("SELECT work_done FROM progress_entries WHERE id = ?", (entry,)).fetchone()[0] == "发改局本月推进"

    conflicts.resolve(zz, c.short_id, "theirs")
    assert zz.conn.execute("SELECT name FROM enterprises WHERE id = ?", (both,)).fetchone()[0] == "县里改的名"
    assert conflicts.pending(zz) == []


def test_the_same_package_twice_changes_nothing_and_an_older_one_is_refused(split, tmp_path):
    county, zz, _ = split
    first = tmp_path / "zz.bsb"
    assert receive.import_package(zz, first).already
    newer = distribute.export_for(county, "郑庄镇", tmp_path / "zz2.bsb").path
    receive.import_package(zz, newer)
    older = distribute.export_for(county, "郑庄镇", tmp_path / "zz3.bsb").path  # seq 3
    receive.import_package(zz, older)
    with sqlite3.connect(tmp_path / "zz.sqlite3") as c:
        assert c.execute("SELECT COUNT(*) FROM package_log WHERE direction = 'import'").fetchone()[0] == 3


def test_a_township_ledger_without_a_package_has_no_county_task_list(tmp_path):
    from desktop_app.services import seed
    from desktop_app.services.ledger import create_ledger

    lg = create_ledger(tmp_path / "t.sqlite3", unit_name="郑庄镇", level="township", parent_name="沁水县", operator="x")
    try:
        counts = seed.load_builtin(lg)
        assert counts["task_lines"] == 0 and counts["targets"] == 0
        assert lg.conn.execute("SELECT COUNT(*) FROM assignments").fetchone()[0] == 0
        assert lg.conn.execute("SELECT COUNT(*) FROM targets").fetchone()[0] == 0
    finally:
        lg.close()


def test_only_a_county_distributes(split, tmp_path):
    _, zz, _ = split
    with pytest.raises(UserError, match="只有县级台账"):
        distribute.export_for(zz, "郑庄镇", tmp_path / "x.bsb")
    assert not (tmp_path / "x.bsb").exists()


def test_every_units_package_holds_every_row_its_rows_name(demo_ledger, tmp_path):
    """Each of the demo county's 33 packages: no reference left dangling, child rows' included
    (嘉峰镇's team names a talent record of another township through its members)."""
    written = distribute.export_all(demo_ledger, tmp_path / "all")
    assert len(written) == 33
    for w in written:
        pkg = sqlite3.connect(w.path)
        try:
            assert pkg.execute("PRAGMA foreign_key_check").fetchall() == [], w.unit
        finally:
            pkg.close()
    jf = next(w for w in written if w.unit == "嘉峰镇")
    ledger, _ = lower_ledger.create_from_package(jf.path, tmp_path / "jf.sqlite3", operator="嘉峰镇填报员")
    try:
        assert ledger.conn.execute("SELECT COUNT(*) FROM team_members").fetchone()[0] >= 1
    finally:
        ledger.close()
