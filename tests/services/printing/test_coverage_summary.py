"""附件4: every figure equals what the returns in the ledger add up to."""

import re
import subprocess

import pytest
from openpyxl import load_workbook

from desktop_app.reports import read_meta
from desktop_app.services import printing
from desktop_app.services.enterprises import signoff
from desktop_app.services.printing import coverage_summary
from tests.services.enterprises.helpers import INSTITUTION, PROJECT, add_enterprise, add_return


@pytest.fixture
def small(ledger):
    """龙港镇: A (institution + evidence, signed off), B (projects only), E (规下, has a return);
    嘉峰镇: C (other activity only), D (规上, no return at all)."""
    a = add_enterprise(ledger, 1, township="龙港镇", industry="煤炭")
    b = add_enterprise(ledger, 2, township="龙港镇", industry="化工")
    c = add_enterprise(ledger, 3, township="嘉峰镇", industry="煤炭")
    add_enterprise(ledger, 4, township="嘉峰镇", industry="冶铸")
    e = add_enterprise(ledger, 5, township="龙港镇", industry="煤炭", above=False)
    add_return(ledger, a, "2024-05", institutions=[INSTITUTION, {**INSTITUTION, "name": "中试车间", "spending": "9.5"}],
               projects=[PROJECT], evidence_files=1)
    add_return(ledger, b, "2024-05", projects=[PROJECT, {**PROJECT, "name": "新工艺", "spending": "0.75"}],
               activities=[1, 5])
    add_return(ledger, c, "2024-05", activities=[12])
    add_return(ledger, e, "2024-05", institutions=[{**INSTITUTION, "spending": "999"}])
    add_return(ledger, a, "2023-05", institutions=[{**INSTITUTION, "spending": "80"}])   # last year
    add_return(ledger, b, "2023-05", projects=[{**PROJECT, "spending": "20"}])
    signoff.confirm(ledger, a, "2024-05")
    return ledger


def _sums_from_returns(ledger, period):
    """R&D spending of the 规上 enterprises straight from the return rows."""
    return ledger.conn.execute(
        "SELECT COALESCE((SELECT SUM(i.spending) FROM survey_institutions i JOIN surveys s ON s.id = i.survey_id "
        "JOIN enterprises e ON e.id = s.enterprise_id WHERE e.above_scale = 1 AND s.period = ?), 0) + "
        "COALESCE((SELECT SUM(p.spending) FROM survey_projects p JOIN surveys s ON s.id = p.survey_id "
        "JOIN enterprises e ON e.id = s.enterprise_id WHERE e.above_scale = 1 AND s.period = ?), 0)",
        (period, period)).fetchone()[0]


def test_figures_equal_the_returns(small):
    by_town, by_industry = coverage_summary.summaries(small, "2024-05")
    t = by_town.total
    assert (t.above_scale, t.with_activity, t.with_institution, t.with_rd_activity, t.with_other_activity,
            t.signed_off) == (4, 3, 1, 2, 2, 1)
    assert t.rd_spending == round(_sums_from_returns(small, "2024-05"), 2) == 100.5 + 9.5 + 40.25 * 2 + 0.75
    assert t.rd_spending_last == round(_sums_from_returns(small, "2023-05"), 2) == 100
    assert t.rd_growth == pytest.approx((t.rd_spending - 100) / 100)
    assert t.coverage_rate == 0.25 and t.institution_share == 0.25
    rows = {x.name: x for x in by_town.lines}
    assert list(rows) == ["龙港镇", "嘉峰镇"]
    assert (rows["嘉峰镇"].above_scale, rows["嘉峰镇"].with_activity, rows["嘉峰镇"].rd_spending) == (2, 1, 0)
    assert rows["嘉峰镇"].rd_growth is None                         # no base last year
    for key in ("above_scale", "with_activity", "with_institution", "with_rd_activity", "with_other_activity",
                "signed_off", "rd_spending", "rd_spending_last"):
        for summary in (by_town, by_industry):
            assert sum(getattr(x, key) for x in summary.lines) == pytest.approx(getattr(t, key)), key
    industries = {x.name: x for x in by_industry.lines}
    assert industries["煤炭"].above_scale == 2 and industries["丝麻纺织"].above_scale == 0
    assert industries["丝麻纺织"].coverage_rate is None


def test_target_notes_read_targets_toml(small):
    by_town, _ = coverage_summary.summaries(small, "2024-05")
    growth, share = by_town.target_notes
    assert "规上工业企业研发经费支出增长速度达到 10%" in growth and "已达到" in growth
    assert "有研发机构企业数占比达到 21.71%" in share and "本期为 25.00%，已达到" in share


def test_pdf_and_xlsx(small, tmp_path):
    pdf = printing.write_report(small, "coverage-summary", "pdf", tmp_path / "s.pdf", {"period": "2024-05"})
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                            check=True).stdout)
    for words in ("附件4", "开展创新活动企业汇总统计表", "填报单位（盖章）：沁水县", "报送期：2024年5月", "龙港镇",
                  "嘉峰镇", "装备制造", "目标一", "目标二"):
        assert words in text, words
    xlsx = printing.write_report(small, "coverage-summary", "xlsx", tmp_path / "s.xlsx", {"period": "2024-05"})
    wb = load_workbook(xlsx)
    assert wb.sheetnames[:2] == ["按乡镇", "按行业"]
    ws = wb["按乡镇"]
    total_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "合计")
    lines = range(total_row + 1, ws.max_row + 1)
    for col, letter, want in ((3, "C", 4), (4, "D", 3), (8, "H", 1)):  # the 合计 is computed by Excel
        formula = ws.cell(total_row, col).value
        assert formula == f"=SUM({letter}{total_row + 1}:{letter}{total_row + 2})"
        assert sum(ws.cell(r, col).value or 0 for r in lines if isinstance(ws.cell(r, col).value, int)) == want
    assert ws.cell(total_row, 9).value == f'=IF(C{total_row}=0,"—",H{total_row}/C{total_row})'
    assert ws.cell(total_row, 9).number_format == "0.00%"
    assert read_meta(xlsx)["period"] == "2024-05"


def test_period_in_future_refused(small, tmp_path):
    from desktop_app.errors import UserError

    with pytest.raises(UserError, match="在将来"):
        printing.write_report(small, "coverage-summary", "pdf", tmp_path / "s.pdf", {"period": "2999-01"})
    assert not (tmp_path / "s.pdf").exists()


def test_cli_forms_and_one_line_errors(small, tmp_path, capsys):
    from desktop_app import cli
    from tests.conftest import file_state

    small.close()
    db = str(small.path)
    for form, extra in (("coverage-summary", ["--period", "2024-05"]), ("high-tech", ["--year", "2024"])):
        for fmt in ("pdf", "xlsx"):
            out = tmp_path / f"{form}.{fmt}"
            assert cli.run(["--db", db, "report", form, "--format", fmt, "--out", str(out), *extra]) == 0
            assert out.stat().st_size > 1000
    before = file_state(small.path)
    capsys.readouterr()
    assert cli.run(["--db", db, "report", "coverage-summary", "--format", "pdf", "--out",
                    str(tmp_path / "bad.pdf"), "--period", "2024-5x"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "报送期“2024-5x”格式不对" in err
    assert not (tmp_path / "bad.pdf").exists() and file_state(small.path) == before
