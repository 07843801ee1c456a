"""`report task-progress`, `ranking` and `monthly-brief`: ledger → forms, numbers tied to the ledger."""

import re
import subprocess
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from desktop_app import cli
from desktop_app.domain.ranking import rule_text
from desktop_app.errors import ValidationError
from desktop_app.reports import read_meta
from desktop_app.services import demo, metrics, printing
from desktop_app.services.tasks import brief, progress


def text_of(pdf) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


@pytest.fixture
def period():
    return demo.demo_periods()[1]


def test_task_progress_pdf_and_xlsx(demo_ledger, tmp_path, period):
    view = progress.month_view(demo_ledger, period)
    text = text_of(printing.write_report(demo_ledger, "task-progress", "pdf", tmp_path / "p.pdf", {"period": period}))
    assert "月度推进情况表" in text and "本月工作进展" in text and "下步打算" in text
    late = next(r for r in view.rows if r.check.state == "late")
    missing = next(r for r in view.rows if r.check.state == "missing")
    assert f"▲逾期{late.check.days_late}天" in text
    assert f"●未报送逾期{missing.check.days_late}天" in text
    c = view.counts()
    assert f"本期应报{len(view.rows)}条：按时报送{c['on_time']}条，逾期报送{c['late']}条，未报送{c['missing']}条" in text
    out = printing.write_report(demo_ledger, "task-progress", "xlsx", tmp_path / "p.xlsx", {"period": period})
    assert read_meta(out)["form_id"] == "task-progress"
    ws = load_workbook(out).worksheets[0]
    flags = [ws.cell(r, 9).value for r in range(1, ws.max_row + 1)]
    assert sum(1 for f in flags if f and str(f).startswith("●")) == c["missing"]


def test_ranking_prints_the_rule_and_the_order(demo_ledger, tmp_path, period):
    ranked = progress.month_view(demo_ledger, period).ranked()
    text = text_of(printing.write_report(demo_ledger, "ranking", "pdf", tmp_path / "r.pdf", {"period": period}))
    assert re.sub(r"\s+", "", rule_text()) in text
    positions = [text.index(r.stats.unit) for r in ranked[:5]]
    assert positions == sorted(positions)
    ws = load_workbook(printing.write_report(demo_ledger, "ranking", "xlsx", tmp_path / "r.xlsx",
                                             {"period": period})).worksheets[0]
    units = [ws.cell(r, 2).value for r in range(1, ws.max_row + 1)]
    assert [u for u in units if u in {x.stats.unit for x in ranked}] == [x.stats.unit for x in ranked]


def test_brief_numbers_come_from_the_ledger(demo_ledger, tmp_path, period):
    values = brief.figures(demo_ledger, period)
    view = progress.month_view(demo_ledger, period)
    assert values["按时报送数"] == str(view.counts()["on_time"])
    cover = metrics.coverage(demo_ledger, period)
    assert values["规上企业数"] == str(cover.above_scale)
    end = metrics.period_end(period)
    assert values["有效高新技术企业数"] == str(metrics.enterprise_title_count(demo_ledger, "高新技术企业", at=end))
    assert values["引进人才数"] == str(metrics.talent_count(demo_ledger, at=end, since_year=int(period[:4])))
    assert set(values) == set(brief.ITEM_NAMES)
    out = printing.write_report(demo_ledger, "monthly-brief", "pdf", tmp_path / "b.pdf", {"period": period})
    text = text_of(out)
    assert "沁创领办〔" in text and "〕1号" in text
    assert f"按时报送{values['按时报送数']}条" in text and f"有效高新技术企业{values['有效高新技术企业数']}家" in text
    assert "附件1" in text and "通报排名" in text and "逾期、未报送及滞后事项清单" in text
    assert "抄送" in text


def test_edited_wording_keeps_the_numbers_and_is_remembered(demo_ledger, tmp_path, period):
    w = brief.wording(demo_ledger)
    w = replace(w, body="本月共有{未报送数}条未报送，另有99条。")  # a typed number stays as typed
    s = replace(brief.settings(demo_ledger), number_pattern="沁科通〔{年}〕{号}号")
    brief.remember(demo_ledger, period, 7, w, s)
    doc = brief.document(demo_ledger, period)
    missing = progress.month_view(demo_ledger, period).counts()["missing"]
    assert [p.text for p in doc.paragraphs] == [f"本月共有{missing}条未报送，另有99条。"]
    assert doc.number.startswith("沁科通〔") and doc.number.endswith("〕7号")
    assert brief.suggest_number(demo_ledger, period) == 7
    assert brief.suggest_number(demo_ledger, "2000-01") == 8


def test_unknown_item_is_refused(demo_ledger, period):
    w = replace(brief.wording(demo_ledger), body="本月完成{完成数}项")
    with pytest.raises(ValidationError, match=r"不认识的数据项：\{完成数\}") as err:
        brief.check_wording(w, brief.figures(demo_ledger, period))
    assert err.value.field == "body"
    with pytest.raises(ValidationError, match="应有 {号}"):
        brief.doc_number("沁科通〔2026〕号", 2026, 1)


def test_headings_become_levels():
    from desktop_app.reports.monthly_brief import paragraphs

    ps = paragraphs("一、总体情况\n（一）按时报送进展。各单位要按时报送。\n正文。\n\n1. 第一条。内容")
    assert [(p.level, p.lead, p.text) for p in ps] == [
        (1, "", "一、总体情况"), (2, "（一）按时报送进展。", "各单位要按时报送。"), (0, "", "正文。"),
        (3, "1. 第一条。", "内容")]


def test_cli_prints_all_three_and_refuses_a_brief_in_excel(demo_ledger, tmp_path, capsys):
    demo_file = demo_ledger.path
    for form in ("task-progress", "ranking", "monthly-brief"):
        out = tmp_path / f"{form}.pdf"
        assert cli.run(["--db", str(demo_file), "report", form, "--format", "pdf", "--out", str(out)]) == 0
        assert out.stat().st_size > 1000
    assert cli.run(["--db", str(demo_file), "report", "monthly-brief", "--format", "xlsx",
                    "--out", str(tmp_path / "b.xlsx")]) == 2
    assert "不支持 xlsx 格式" in capsys.readouterr().err
    assert not (tmp_path / "b.xlsx").exists()
