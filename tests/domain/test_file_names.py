"""Evidence file names from anywhere become plain names that are safe to store, write and open."""

import pytest

from desktop_app.domain.file_names import MAX_NAME, runs_code, safe_name


@pytest.mark.parametrize("given, wanted", [
    ("../../x.pdf", "x.pdf"),
    ("..\\..\\Windows\\x.pdf", "x.pdf"),
    ("C:\\Users\\王\\批复.pdf", "批复.pdf"),
    ("批\x00复\x1f.pdf", "批复.pdf"),
    ("CON", "_CON"),
    ("con.txt", "_con.txt"),
    ("LPT1.pdf", "_LPT1.pdf"),
    ("报告?.pdf", "报告_.pdf"),
    ("验收报告.pdf. . ", "验收报告.pdf"),
    ("..", "印证材料"),
    ("", "印证材料"),
    ("技术中心批复.pdf", "技术中心批复.pdf"),
])
def test_safe_name(given, wanted):
    assert safe_name(given) == wanted


def test_long_names_keep_their_suffix():
    name = safe_name("很" * 300 + ".pdf")
    assert len(name) <= MAX_NAME and name.endswith(".pdf")


@pytest.mark.parametrize("name, runs", [("a.exe", True), ("快捷方式.LNK", True), ("x.pdf.bat", True),
                                        ("批复.pdf", False), ("照片.jpg", False), ("a.exe.", True)])
def test_runs_code(name, runs):
    assert runs_code(name) is runs


def test_suggested_report_file_name_is_one_plain_name(ledger):
    from desktop_app.services import printing

    ledger.conn.execute("UPDATE units SET name = '沁水县/测试:单位' WHERE id = ?", (ledger.unit.id,))
    ledger.unit = type(ledger.unit)(**{**ledger.unit.__dict__, "name": "沁水县/测试:单位"})
    spec = printing.registry()["task-list"]
    name = printing.default_file_name(ledger, spec, {"year": 2026}, "pdf")
    assert "/" not in name and ":" not in name and name.endswith("2026.pdf") and name.startswith("沁水县_测试_单位")
