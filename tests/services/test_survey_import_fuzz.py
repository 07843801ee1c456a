"""Fuzz: 2,000+ mutated survey workbooks (the task fuzzer's mutations) plus the named damage people and
tools do; each is refused with one clear line or read as a clean return, quickly, and the ledger's
bytes never change."""

import io
import re
import time
import zipfile

import pytest
from openpyxl import load_workbook

from desktop_app.services import survey_import
from tests.conftest import file_state
from tests.services.enterprises.helpers import add_enterprise, code
from tests.services.survey_books import export, fill_like_people, find, put_under
from tests.services.tasks.test_import_fuzz import COUNT, _members, _zip, mutants


def _read(ledger, path):
    t0 = time.monotonic()
    result = survey_import.read_file(ledger, path)  # nothing but a FileResult may come out
    took = time.monotonic() - t0
    if result.error:
        assert "\n" not in result.error and "Traceback" not in result.error and path.name in result.error
    else:
        assert result.returns and all(r.ret.period for r in result.returns)
    return result, took


@pytest.fixture
def good(ledger, tmp_path):
    add_enterprise(ledger, 1)
    return fill_like_people(export(ledger, code(1), tmp_path / "下发.xlsx"), tmp_path / "填报.xlsx")


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_mutated_survey_workbooks_are_refused_or_read_cleanly(ledger, good, tmp_path):
    raw, members = good.read_bytes(), _members(good)
    before = file_state(ledger.path)
    path = tmp_path / "变异.xlsx"
    outcomes = {"refused": 0, "accepted": 0}
    slowest, started = 0.0, time.monotonic()
    for n, data in enumerate(mutants(raw, members, 29)):
        path.write_bytes(data)
        result, took = _read(ledger, path)
        outcomes["refused" if result.error else "accepted"] += 1
        slowest = max(slowest, took)
        assert slowest < 1.0, (n, slowest)
    assert file_state(ledger.path) == before
    assert sum(outcomes.values()) == COUNT
    assert outcomes["refused"] > COUNT // 4 and outcomes["accepted"] > 0
    print(f"survey fuzz: {outcomes}, slowest {slowest:.3f}s, total {time.monotonic() - started:.1f}s")


def _sheet_xml(members, fn):
    name = next(n for n, _ in members if n.startswith("xl/worksheets/sheet1"))
    return [(n, fn(d) if n == name else d) for n, d in members]


def _named(good, tmp_path):
    """(name, bytes, words the refusal must say or None when the file may read)."""
    raw, members = good.read_bytes(), _members(good)
    yield "truncated", raw[: len(raw) // 2], "无法读取"
    yield "xls renamed", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in members:
            z.writestr(n, d)
        z.writestr("xl/media/big.bin", b"\0" * (60 * 1024 * 1024))
    yield "zip bomb", bomb.getvalue(), "过大"
    yield "wrong dimension", _zip(_sheet_xml(members, lambda d: re.sub(
        rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A2"', d))), None
    yield "moved merges", _zip(_sheet_xml(members, lambda d: re.sub(
        rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"', lambda m: b'<mergeCell ref="%s%d:%s%d"' % (
            m.group(1), int(m.group(2)) + 1, m.group(3), int(m.group(4)) + 1), d))), None
    yield "huge number", _zip(_sheet_xml(members, lambda d: d.replace(b"<v>12</v>", b"<v>1e300</v>", 1))), None
    wb = load_workbook(good)
    wb.create_sheet("附注").append(["本表由企业财务填写", 1, 2])
    wb.move_sheet("附注", -1)
    buf = io.BytesIO()
    wb.save(buf)
    yield "other sheets", buf.getvalue(), None
    for label, value, words in (("机构研究开发费用（万元）", "=A1*2", None), ("机构研究开发费用（万元）", "约五十", "约五十"),
                                ("机构研究开发人员数量（人）", "1e999", "不是有效数字"),
                                ("期末仪器和设备原价（万元）", "99999999999", "超出合理范围")):
        wb = load_workbook(good)
        put_under(wb.worksheets[0], label, value, 0)
        buf = io.BytesIO()
        wb.save(buf)
        yield f"{label}={value}", buf.getvalue(), words
    wb = load_workbook(good)
    ws = wb.worksheets[0]
    r, c = find(ws, "三、企业创新相关活动开展情况")
    ws.cell(r, c).value = "三、其他"
    buf = io.BytesIO()
    wb.save(buf)
    yield "heading changed", buf.getvalue(), "找不到"


def test_named_damage_gives_one_clear_line(ledger, good, tmp_path):
    before = file_state(ledger.path)
    path = tmp_path / "损坏.xlsx"
    for name, data, words in _named(good, tmp_path):
        path.write_bytes(data)
        result, took = _read(ledger, path)
        assert took < 1.0, name
        if words is not None:
            assert words in result.error, (name, result.error)
        else:
            assert result.error or result.returns, name
    assert file_state(ledger.path) == before
