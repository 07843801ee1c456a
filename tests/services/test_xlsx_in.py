"""The shared Excel reader: <dimension> not trusted, limits before the work, one Chinese line per failure."""

import re
import zipfile

import pytest
from openpyxl import Workbook

from desktop_app.errors import UserError
from desktop_app.services import xlsx_in
from desktop_app.services.tasks import task_import
from tests.conftest import file_state
from tests.services.tasks.sheets import seed_rows, task_sheet


def _rezip(src, dst, change):
    """Copy a workbook, passing each member's bytes through change(name, data) -> bytes | None."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)
    return dst


def _one_line(e: pytest.ExceptionInfo, name: str) -> str:
    text = str(e.value)
    assert "\n" not in text and "Traceback" not in text and name in text
    return text


def test_a_lying_dimension_does_not_drop_rows(tmp_path):
    wb = Workbook()
    ws = wb.active
    for r in range(1, 6):
        ws.append([f"a{r}", f"b{r}"])
    good = tmp_path / "good.xlsx"
    wb.save(good)
    bad = _rezip(good, tmp_path / "lie.xlsx", lambda n, d: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B3"', d)
                 if n.startswith("xl/worksheets/") else d)
    with zipfile.ZipFile(bad) as z:
        assert b'<dimension ref="A1:B3"' in z.read("xl/worksheets/sheet1.xml")
    [sheet] = xlsx_in.read_workbook(bad)
    assert [row[0] for row in sheet.rows] == ["a1", "a2", "a3", "a4", "a5"]


def test_task_list_with_a_lying_dimension_imports_every_line(tmp_path):
    path = task_sheet(tmp_path / "t.xlsx", seed_rows()[:4])
    lie = _rezip(path, tmp_path / "lie.xlsx", lambda n, d: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:G6"', d)
                 if n.startswith("xl/worksheets/") else d)
    preview = task_import.read_sheet(lie)
    assert preview.errors == [] and len(preview.lines) == 4


def test_zip_bomb_refused_before_inflating(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<a/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * (120 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(UserError) as e:
        xlsx_in.read_workbook(path)
    assert "解压后过大" in _one_line(e, "bomb.xlsx")


def test_absurd_ratio_refused(tmp_path):
    path = tmp_path / "ratio.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<x/>" * (2 * 1024 * 1024))  # 8 MB in a few KB
    with pytest.raises(UserError, match="解压后过大"):
        xlsx_in.check_zip(path)


def test_file_size_members_and_compression_limits(tmp_path):
    path = task_sheet(tmp_path / "t.xlsx", seed_rows()[:3])
    with pytest.raises(UserError) as e:
        xlsx_in.check_zip(path, xlsx_in.Limits(file_bytes=1000))
    assert "文件过大" in _one_line(e, "t.xlsx")
    with pytest.raises(UserError, match="内部文件过多"):
        xlsx_in.check_zip(path, xlsx_in.Limits(members=3))
    odd = tmp_path / "bz.xlsx"
    with zipfile.ZipFile(odd, "w", zipfile.ZIP_BZIP2) as z:
        z.writestr("xl/workbook.xml", b"<w/>")
    with pytest.raises(UserError) as e:
        xlsx_in.read_workbook(odd)
    assert "不支持的压缩" in _one_line(e, "bz.xlsx")


def _sheet(tmp_path, rows, cols):
    wb = Workbook()
    ws = wb.active
    ws.title = "表1"
    for _ in range(rows):
        ws.append(["x"] * cols)
    path = tmp_path / "big.xlsx"
    wb.save(path)
    return path


def test_row_column_and_time_limits_name_file_and_sheet(tmp_path):
    path = _sheet(tmp_path, 30, 5)
    with pytest.raises(UserError) as e:
        xlsx_in.read_workbook(path, limits=xlsx_in.Limits(rows=20))
    assert "行数过多" in _one_line(e, "big.xlsx") and "表1" in str(e.value)
    with pytest.raises(UserError, match="列数过多"):
        xlsx_in.read_workbook(path, limits=xlsx_in.Limits(cols=4))
    with pytest.raises(UserError, match="读取超时"):
        xlsx_in.read_workbook(path, limits=xlsx_in.Limits(seconds=-1))
    assert len(xlsx_in.read_workbook(path)[0].rows) == 30


def test_huge_merge_and_row_number_refused_quickly(tmp_path):
    path = task_sheet(tmp_path / "t.xlsx", seed_rows()[:3])
    merged = _rezip(path, tmp_path / "m.xlsx", lambda n, d: d.replace(b'<mergeCell ref="A5', b'<mergeCell ref="A1:B1048576"/><mergeCell ref="A5', 1)
                    if n.startswith("xl/worksheets/") else d)
    [sheet] = xlsx_in.read_workbook(merged)
    assert max(m[3] for m in sheet.merges) <= len(sheet.rows)  # clipped to the rows there are
    far = _rezip(path, tmp_path / "far.xlsx", lambda n, d: d.replace(b"</sheetData>", b'<row r="900000"><c r="A900000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
                 if n.startswith("xl/worksheets/") else d)
    with pytest.raises(UserError, match="行数过多"):
        xlsx_in.read_workbook(far)


def _broken(tmp_path, kind):
    path = task_sheet(tmp_path / "t.xlsx", seed_rows()[:3])
    raw = path.read_bytes()
    out = tmp_path / f"{kind}.xlsx"
    if kind == "badzip":
        out.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    elif kind == "truncated":
        out.write_bytes(raw[: len(raw) // 2])
    elif kind == "zlib":  # deflate stream damaged, central directory intact
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("xl/worksheets/sheet1.xml")
        data = bytearray(raw)
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        for i in range(start + 5, start + 25):
            data[i] ^= 0xFF
        out.write_bytes(bytes(data))
    elif kind == "missing":
        _rezip(path, out, lambda n, d: None if n == "xl/worksheets/sheet1.xml" else d)
    elif kind == "xml":
        _rezip(path, out, lambda n, d: d[: len(d) // 2] if n == "xl/worksheets/sheet1.xml" else d)
    elif kind == "number":
        _rezip(path, out, lambda n, d: d.replace(b'<c r="A5"', b'<c r="A5" s="0"><v>1e999999</v></c><c r="Z5"', 1)
               if n == "xl/worksheets/sheet1.xml" else d)
    elif kind == "version":
        data = bytearray(raw)
        i = data.find(b"PK\x01\x02")
        data[i + 6] = 99  # "version needed to extract": 9.9
        out.write_bytes(bytes(data))
    return out


@pytest.mark.parametrize("kind", ["badzip", "truncated", "zlib", "missing", "xml", "number", "version"])
def test_each_kind_of_damage_is_one_line_and_leaves_the_ledger(ledger, tmp_path, kind):
    path = _broken(tmp_path, kind)
    before = file_state(ledger.path)
    preview = task_import.read_sheet(path)
    if preview.errors:
        assert path.name in preview.errors[0].text() or preview.errors[0].row
        with pytest.raises(UserError):
            task_import.import_tasks(ledger, preview, {"doc_no": "X1", "title": "T"})
    else:
        assert kind == "number" and preview.lines
    assert file_state(ledger.path) == before


def test_reader_errors_name_the_file(tmp_path):
    for kind in ("badzip", "truncated", "zlib", "xml", "version"):  # "missing": a workbook with no sheet
        path = _broken(tmp_path, kind)
        with pytest.raises(UserError) as e:
            xlsx_in.read_workbook(path)
        _one_line(e, path.name)

