"""`report task-list` end to end: ledger → form engine → PDF and XLSX."""

import csv
import re
import subprocess

import pytest
from openpyxl import load_workbook

from desktop_app.errors import UserError
from desktop_app.paths import resource
from desktop_app.reports import read_meta
from desktop_app.services import printing
from desktop_app.services.printing import task_list


def seed_lines():
    with resource("seeds", "qinshui_tasks.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_lines_from_ledger_equal_the_seed_table(demo_ledger):
    lines, title = task_list.lines(demo_ledger)
    assert title == "关于打造创新生态小气候的实施方案（试行）"
    assert [(str(x.key_seq), x.key_task, x.task, x.department, x.leader, x.section, x.handler) for x in lines] == \
        [tuple(r.values()) for r in seed_lines()]


def test_pdf_has_every_task_and_handler_with_embedded_fonts(demo_ledger, tmp_path):
    out = printing.write_report(demo_ledger, "task-list", "pdf", tmp_path / "tl.pdf")
    text = squeeze(subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True,
                                  check=True).stdout)
    for row in seed_lines():
        assert squeeze(row["具体任务"]) in text
        for name in row["具体承办人"].split():
            assert name in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = fonts.strip().splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows)
    assert "Helvetica" not in fonts


def test_xlsx_merges_and_meta(demo_ledger, tmp_path):
    out = printing.write_report(demo_ledger, "task-list", "xlsx", tmp_path / "tl.xlsx")
    meta = read_meta(out)
    assert meta["form_id"] == "task-list" and meta["unit"] == "沁水县"
    ws = load_workbook(out).worksheets[0]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # 序号 and 重点任务 of key task 1 span its seven lines
    first_body = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == 1)
    assert f"A{first_body}:A{first_body + 6}" in merged and f"B{first_body}:B{first_body + 6}" in merged
    assert ws.page_setup.orientation == "landscape"


def test_unknown_form_and_bad_period(demo_ledger, tmp_path):
    with pytest.raises(UserError, match="没有名为“nope”的报表"):
        printing.write_report(demo_ledger, "nope", "pdf", tmp_path / "x.pdf")
    spec = printing.ReportSpec("p", "测试", lambda lg, p: None, params=("period",))
    with pytest.raises(UserError, match="格式不对"):
        printing.resolve_params(demo_ledger, spec, {"period": "2026/13"})
    with pytest.raises(UserError, match="在将来"):
        printing.resolve_params(demo_ledger, spec, {"period": "2999-01"})
    assert printing.resolve_params(demo_ledger, spec, {})["period"] == printing.latest_period(demo_ledger)
