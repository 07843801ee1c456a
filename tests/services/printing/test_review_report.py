"""`report review`: the 审核结果表 as PDF and Excel, with every finding and its explanation."""

import re
import subprocess

from openpyxl import load_workbook

from desktop_app.reports import read_meta
from desktop_app.services import printing, review
from tests.services.enterprises.helpers import INSTITUTION, PROJECT
from tests.services.review_cases import TASK, P, clean_case


def text_of(pdf) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def _broken(ledger):
    case = clean_case(ledger)
    case.resave(institutions=[{**INSTITUTION, "count": "0", "spending": "0"}],
                projects=[{**PROJECT, "spending": "140.75"}], tech_cooperation="与高校合作攻关")
    case.progress("2026-09", "滞后")
    case.progress(P, "滞后")
    [s08] = [f for f in review.run(ledger, P) if f.rule == "S08"]
    review.explain(ledger, s08, "合作协议已签订，尚未列入第二部分项目，下期补报")
    return review.run(ledger, P)


def test_pdf_lists_every_finding(ledger, tmp_path):
    found = _broken(ledger)
    assert {f.rule for f in found} == {"S02", "S08", "T02"}
    text = text_of(printing.write_report(ledger, "review", "pdf", tmp_path / "r.pdf", {"period": P}))
    assert "审核结果表" in text and "（2026年10月）" in text
    for f in found:
        assert re.sub(r"\s+", "", f.parts[1]) in text
    assert "S02机构数为0却有人员或经费" in text and "须更正" in text
    assert "合作协议已签订，尚未列入第二部分项目，下期补报" in text and "已说明" in text
    assert TASK in text and "待说明" in text
    assert "结论：有强制性问题1条，须更正后才能上报。" in text


def test_xlsx_has_the_same_lines(ledger, tmp_path):
    found = _broken(ledger)
    out = printing.write_report(ledger, "review", "xlsx", tmp_path / "r.xlsx", {"period": P})
    assert read_meta(out)["form_id"] == "review"
    cells = [str(c.value) for row in load_workbook(out).worksheets[0].iter_rows() for c in row if c.value]
    for f in found:
        assert f.parts[1] in cells
    assert "合作协议已签订，尚未列入第二部分项目，下期补报" in cells


def test_clean_period_says_so(ledger, tmp_path):
    clean_case(ledger)
    text = text_of(printing.write_report(ledger, "review", "pdf", tmp_path / "r.pdf", {"period": P}))
    assert "本期未发现审核问题" in text and "结论：审核通过，可以上报。" in text
