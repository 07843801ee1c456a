"""`report talent|platforms|targets|rewards` end to end: ledger → form engine → PDF and XLSX."""

from datetime import date

import pytest
from openpyxl import load_workbook

from desktop_app.cli import run
from desktop_app.errors import UserError
from desktop_app.reports import read_meta
from desktop_app.services import catalogs, printing, rewards, talent
from desktop_app.services.printing import platforms as platform_report
from desktop_app.services.printing import talent as talent_report
from tests.reports.conftest import pdf_pages, pdf_text

YEAR = date.today().year


def test_talent_counts_agree_with_metrics_and_ids_are_masked(demo_ledger, tmp_path):
    rows, methods = talent_report.count_rows(demo_ledger, "category", "intro_method",
                                             catalogs.talent_categories(), catalogs.intro_methods(), YEAR)
    by = {r.label: r for r in rows}
    from desktop_app.services import metrics
    for cat in catalogs.talent_categories():
        assert by[cat].total == metrics.talent_count(demo_ledger, at=date(YEAR, 12, 31), category=cat)
        assert sum(by[cat].parts) == by[cat].total
    assert sum(r.high_level for r in rows) == metrics.talent_count(demo_ledger, at=date(YEAR, 12, 31),
                                                                   high_level=True)
    out = printing.write_report(demo_ledger, "talent", "pdf", tmp_path / "t.pdf", {"year": YEAR})
    text = pdf_text(out)
    for title in ("人才统计表（一）按人才类别", "人才统计表（二）按服务产业", "人才统计表（三）高层次人才名单"):
        assert title in text
    assert "孙文博" in text and "张遂安" in text and "140521********" in text
    full = [r[0] for r in demo_ledger.conn.execute("SELECT id_number FROM talent WHERE high_level = 1 "
                                                   "AND id_number != ''")]
    assert full and not any(f in text for f in full)
    assert pdf_pages(out) == 3


def test_talent_printout_unmasked_only_with_a_logged_reason(demo_ledger, tmp_path):
    out = printing.write_report(demo_ledger, "talent", "pdf", tmp_path / "t.pdf",
                                {"year": YEAR, "unmask_reason": "报送省人才办核对"})
    full = [r[0] for r in demo_ledger.conn.execute("SELECT id_number FROM talent WHERE high_level = 1 "
                                                   "AND id_number != ''")]
    text = pdf_text(out)
    assert all(f in text for f in full) and "已记入查阅日志" in text
    row = demo_ledger.conn.execute("SELECT reason, new_values FROM audit_log WHERE action = 'unmask' "
                                   "ORDER BY seq DESC").fetchone()
    assert row["reason"] == "报送省人才办核对" and '"report": "talent"' in row["new_values"]


def test_talent_xlsx_sums_and_meta(demo_ledger, tmp_path):
    out = printing.write_report(demo_ledger, "talent", "xlsx", tmp_path / "t.xlsx", {"year": YEAR})
    assert read_meta(out)["form_id"] == "talent-by-category"
    wb = load_workbook(out)
    assert [ws.title for ws in wb.worksheets[:3]] == ["按人才类别", "按服务产业", "高层次人才名单"]
    ws = wb.worksheets[0]
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert "专业技术人才" in labels and "合计" in labels
    total_row = labels.index("合计") + 1
    assert str(ws.cell(total_row, 2).value).startswith("=SUM(")


def test_platform_directory_grouped_by_type_and_level(demo_ledger, tmp_path):
    lines = platform_report.lines(demo_ledger)
    order = catalogs.platform_types()
    assert [order.index(ln.type) for ln in lines] == sorted(order.index(ln.type) for ln in lines)
    assert all(ln.status != "已撤销" for ln in lines)
    forms = platform_report.build(demo_ledger, {})
    labs = [r for r in forms[0].rows if r[0].startswith("重点实验室")]
    n = sum(1 for ln in lines if ln.type == "重点实验室")
    assert labs and labs[0][0] == f"重点实验室\n（{n}家）"
    summary = {r[1]: r for r in forms[1].rows}
    recognised = sum(1 for ln in lines if ln.type == "重点实验室" and ln.status == "已认定")
    assert summary["重点实验室"][6] == recognised
    out = printing.write_report(demo_ledger, "platforms", "pdf", tmp_path / "p.pdf")
    text = pdf_text(out)
    assert "创新平台名录" in text and "创新平台分类统计表" in text and "煤与煤层气共采国家重点实验室" in text
    with pytest.raises(UserError, match="没有名为“火星镇”的乡镇"):
        printing.write_report(demo_ledger, "platforms", "pdf", tmp_path / "x.pdf", {"township": "火星镇"})


def test_targets_table_prints_the_rule_and_scope(demo_ledger, tmp_path):
    out = printing.write_report(demo_ledger, "targets", "pdf", tmp_path / "g.pdf", {"year": YEAR - 1})
    text = pdf_text(out)
    assert "目标完成情况表" in text and "判断规则" in text and "完成率=实际值÷目标值" in text
    assert "研究与试验发展经费投入强度" in text and "填报：县统计局" in text
    assert "绛县" not in text.split("判断规则")[0].replace("绛办发", "")
    out = printing.write_report(demo_ledger, "targets", "pdf", tmp_path / "y.pdf",
                                {"year": YEAR - 1, "scope": "运城市"})
    text = pdf_text(out)
    assert "运城市" in text and "本台账只统计本级数据" in text
    with pytest.raises(UserError, match="没有属于“火星市”的目标"):
        printing.write_report(demo_ledger, "targets", "pdf", tmp_path / "z.pdf", {"scope": "火星市"})


def test_rewards_table_totals_and_basis(demo_ledger, tmp_path):
    found = rewards.awards(demo_ledger, YEAR)
    out = printing.write_report(demo_ledger, "rewards", "xlsx", tmp_path / "r.xlsx", {"year": YEAR})
    ws = load_workbook(out).worksheets[0]
    cells = [str(c.value or "") for row in ws.iter_rows() for c in row]
    assert any("沁水县支持科技创新奖补政策（示例）" in c and "示例政策" in c for c in cells)
    assert not any("绛" in c or "运发" in c for c in cells)  # never another county's policy
    assert any("待核定" in c for c in cells) or all(a.status != "pending" for a in found)
    pdf = printing.write_report(demo_ledger, "rewards", "pdf", tmp_path / "r.pdf", {"year": YEAR})
    text = pdf_text(pdf)
    assert "奖补测算表" in text and "按最高等次奖励补助" in text and "不重复奖励" in text
    due = sum(a.due for a in found if a.status != "pending")
    assert f"{due:.2f}" in text


def test_cli_report_talent(demo_file, tmp_path, capsys):
    out = tmp_path / "人才统计表.pdf"
    assert run(["--db", str(demo_file), "report", "talent", "--year", str(YEAR), "--format", "pdf",
                "--out", str(out)]) == 0
    assert out.exists() and "人才统计表" in pdf_text(out)
    assert run(["--db", str(demo_file), "report", "rewards", "--year", "二〇二五", "--format", "pdf",
                "--out", str(tmp_path / "r.pdf")]) == 2
    assert "年份“二〇二五”应为四位数字" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_masked_talent_helper():
    assert talent.masked_id("11010519491231002X") == "110105********002X" and talent.masked_id("") == ""
