"""`check-returns` and `explain-finding`: exit non-zero while a 强制 finding stands."""

from tests.conftest import file_state
from tests.services.enterprises.helpers import INSTITUTION, PROJECT
from tests.services.review_cases import NAME, P, clean_case
from tests.test_cli import cli


def _closed(case):
    path = case.ledger.path
    case.ledger.close()
    return path


def test_clean_period_exits_zero(ledger):
    db = _closed(clean_case(ledger))
    r = cli("check-returns", "--period", P, db=db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines() == [f"{P} 审核：强制 0 条，核实 0 条（已说明 0 条）"]


def test_forced_finding_exits_one_until_corrected(ledger):
    case = clean_case(ledger)
    case.resave(institutions=[{**INSTITUTION, "count": "0", "spending": "0"}],
                projects=[{**PROJECT, "spending": "140.75"}])
    db = _closed(case)
    before = file_state(db)
    r = cli("check-returns", "--period", P, db=db)
    assert r.returncode == 1
    first = r.stdout.splitlines()[0].split("\t")
    assert first[:2] == ["强制", "S02"] and NAME in first[2] and first[3].startswith("survey_institutions/")
    assert "须更正后才能上报" in r.stdout
    assert file_state(db) == before  # a check writes nothing


def test_verify_finding_passes_unless_strict_and_explained_from_the_cli(ledger):
    case = clean_case(ledger)
    case.resave(institutions=[{**INSTITUTION, "spending": "300"}])
    db = _closed(case)
    assert cli("check-returns", "--period", P, db=db).returncode == 0
    r = cli("check-returns", "--period", P, "--strict", db=db)
    assert r.returncode == 1 and "有 1 条核实问题尚未说明" in r.stdout
    record = r.stdout.splitlines()[0].split("\t")[3]
    bad = cli("explain-finding", "--period", P, "--rule", "S05", "--record", record, "--text", "核实无误", db=db)
    assert bad.returncode == 2 and bad.stderr.strip() == (
        "错误：“核实无误”不能作为核实说明，请写明核实了什么、数据为什么是这样")
    wrong = cli("explain-finding", "--period", P, "--rule", "S03", "--record", record, "--text", "x" * 12, db=db)
    assert wrong.returncode == 2 and "没有规则 S03" in wrong.stderr
    ok = cli("explain-finding", "--period", P, "--rule", "S05", "--record", record,
             "--text", "本年新建中试线，研发投入较上年大幅增加", db=db)
    assert ok.returncode == 0, ok.stderr
    r = cli("check-returns", "--period", P, "--strict", db=db)
    assert r.returncode == 0 and "说明：本年新建中试线" in r.stdout and "已说明 1 条" in r.stdout


def test_bad_period_is_one_clear_line(ledger):
    db = _closed(clean_case(ledger))
    r = cli("check-returns", "--period", "2026-13", db=db)
    assert r.returncode == 2
    assert r.stderr.strip() == "错误：报送期“2026-13”格式不对，应为 年-月，如 2026-10"


def test_future_period_is_forced(ledger):
    """A return filed for a month still to come (an import, an old copy): 强制 S01."""
    case = clean_case(ledger)
    with case.ledger.write() as w:
        w.update("surveys", case.sid, {"period": "2999-01"})
    db = _closed(case)
    r = cli("check-returns", "--period", "2999-01", db=db)
    assert r.returncode == 1
    assert r.stdout.splitlines()[0].split("\t")[:3] == [
        "强制", "S01", f"{NAME}：调查表报送期 2999-01 在将来，请核对报送期和填表日期"]
