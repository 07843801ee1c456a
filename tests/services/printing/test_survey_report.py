"""`report survey`: one enterprise, or a township's enterprises in one PDF (the CLI's --all)."""

import re
import subprocess

import pytest

from desktop_app.errors import Cancelled, UserError
from desktop_app.services import printing
from desktop_app.services.printing import survey
from tests.services.enterprises.helpers import (
    INSTITUTION,
    PROJECT,
    add_enterprise,
    add_return,
    code,
)


def _text(path):
    return re.sub(r"\s+", "", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                             check=True).stdout)


@pytest.fixture
def towns(ledger):
    a = add_enterprise(ledger, 1, township="龙港镇", name="龙港甲公司")
    add_enterprise(ledger, 2, township="龙港镇", name="龙港乙公司")                   # 规上, no return: blank
    c = add_enterprise(ledger, 3, township="龙港镇", name="龙港丙公司", above=False)  # 规下 with a return
    add_enterprise(ledger, 4, township="龙港镇", name="龙港丁公司", above=False)      # 规下, nothing: skipped
    add_enterprise(ledger, 5, township="嘉峰镇", name="嘉峰戊公司")
    add_return(ledger, a, "2024-05", institutions=[INSTITUTION], projects=[PROJECT], activities=[3],
               evidence_files=2)
    add_return(ledger, c, "2024-05", activities=[1])
    return ledger


def test_one_enterprise(towns, tmp_path):
    out = printing.write_report(towns, "survey", "pdf", tmp_path / "a.pdf", {"enterprise": code(1).lower(),
                                                                              "period": "2024-05"})
    text = _text(out)
    assert "企业全称（盖章）：龙港甲公司" in text and "所属县（市、区）：沁水县" in text
    assert "企业技术中心" in text and "印证材料：共2份（材料1.pdf、材料2.pdf）" in text


def test_batch_of_a_township(towns, tmp_path):
    assert [r[1] for r in survey.batch_rows(towns, "2024-05", "龙港镇")] == ["龙港丙公司", "龙港乙公司", "龙港甲公司"]
    seen = []
    out = printing.write_report(towns, "survey", "pdf", tmp_path / "t.pdf", {"township": "龙港镇", "period": "2024-05"},
                                lambda d, t: seen.append((d, t)) or True, batch=True)
    text = _text(out)
    assert all(n in text for n in ("龙港甲公司", "龙港乙公司", "龙港丙公司")) and "嘉峰戊公司" not in text
    assert seen[-1] == (3, 3)
    # the 报表 menu: a township and no enterprise prints the township's forms
    menu = printing.write_report(towns, "survey", "pdf", tmp_path / "m.pdf", {"township": "龙港镇",
                                                                              "period": "2024-05"})
    assert "龙港乙公司" in _text(menu) and "嘉峰戊公司" not in _text(menu)
    everyone = printing.write_report(towns, "survey", "xlsx", tmp_path / "all.xlsx", {"period": "2024-05"},
                                     batch=True)
    from openpyxl import load_workbook
    assert len(load_workbook(everyone, read_only=True).sheetnames) == 5  # 4 forms + meta


def test_batch_cancel_leaves_no_file(towns, tmp_path):
    with pytest.raises(Cancelled):
        printing.write_report(towns, "survey", "pdf", tmp_path / "t.pdf", {"period": "2024-05"},
                              lambda d, t: d < 1, batch=True)
    assert not (tmp_path / "t.pdf").exists()


@pytest.mark.parametrize("given, words", [
    ({"period": "2024-05"}, "请选择要打印的企业"),
    ({"period": "2024-05", "enterprise": "91140521MA0T00001X"}, "校验不通过"),
    ({"period": "2024-05", "enterprise": code(99)}, "没有统一社会信用代码为"),
    ({"period": "2030-05", "enterprise": code(1)}, "在将来"),
])
def test_bad_parameters(towns, tmp_path, given, words):
    with pytest.raises(UserError, match=words):
        printing.write_report(towns, "survey", "pdf", tmp_path / "x.pdf", given)
    with pytest.raises(UserError, match="没有名为“火星镇”的乡镇"):
        printing.write_report(towns, "survey", "pdf", tmp_path / "x.pdf", {"township": "火星镇"}, batch=True)
    assert not (tmp_path / "x.pdf").exists()


def test_cli_all_flag(towns, tmp_path):
    from desktop_app import cli

    towns.close()
    out = tmp_path / "cli.pdf"
    assert cli.run(["--db", str(towns.path), "report", "survey", "--format", "pdf", "--out", str(out), "--all",
                    "--township", "龙港镇", "--period", "2024-05"]) == 0
    assert "龙港乙公司" in _text(out)
