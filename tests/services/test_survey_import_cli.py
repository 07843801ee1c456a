"""`import-survey FILE… [--dry-run]` and `report survey --format xlsx` on the command line (CLI.md)."""

from openpyxl import load_workbook

from desktop_app.services.enterprises import surveys
from desktop_app.services.ledger import open_ledger
from tests.conftest import file_state
from tests.services.enterprises.helpers import add_enterprise, code
from tests.services.survey_books import PERIOD, fill_like_people, put_under
from tests.test_cli import cli


def test_export_fill_dry_run_import_and_bad_file(ledger, tmp_path):
    eid = add_enterprise(ledger, 1)
    add_enterprise(ledger, 2)
    db = ledger.path
    ledger.close()
    sent = tmp_path / "下发.xlsx"
    r = cli("report", "survey", "--enterprise", "９１" + code(1)[2:].lower(), "--period", PERIOD, "--format", "xlsx",
            "--out", sent, db=db)
    assert r.returncode == 0, r.stderr
    town = tmp_path / "龙港镇.xlsx"
    assert cli("report", "survey", "--township", "龙港镇", "--period", PERIOD, "--format", "xlsx", "--out", town,
               db=db).returncode == 0
    assert len([s for s in load_workbook(town).sheetnames if s != "_meta"]) == 2
    filled = fill_like_people(sent, tmp_path / "填报.xlsx")
    before = file_state(db)
    r = cli("import-survey", filled, "--dry-run", db=db)
    assert r.returncode == 0 and "新增" in r.stdout and "机构研究开发费用（万元）" in r.stdout, r.stdout
    assert file_state(db) == before

    bad = tmp_path / "坏.xlsx"
    wb = load_workbook(filled)
    put_under(wb.worksheets[0], "期末机构数（个）", "两个", 0)
    wb.save(bad)
    r = cli("import-survey", filled, bad, db=db)
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2 and len(lines) == 1 and "坏.xlsx" in lines[0] and "期末机构数（个）" in lines[0]
    assert "未导入" in r.stdout
    assert file_state(db) == before

    r = cli("import-survey", filled, db=db)
    assert r.returncode == 0 and "新增 1 份" in r.stdout, r.stdout + r.stderr
    lg = open_ledger(db)
    try:
        assert surveys.find(lg, eid, PERIOD).institutions[0].spending == 1234.5
    finally:
        lg.close()
    after = file_state(db)
    r = cli("import-survey", filled, db=db)
    assert r.returncode == 0 and "无变化 1 份" in r.stdout
    assert file_state(db) == after
