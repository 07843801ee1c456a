"""Excel output: read back with openpyxl, and once through LibreOffice."""

import shutil
import subprocess
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from desktop_app.errors import UserError
from desktop_app.reports.model import Cancelled
from desktop_app.reports.xlsx import sheet_names, write_xlsx
from desktop_app.reports.xlsx_meta import META_SHEET, read_meta
from tests.reports.conftest import pdf_text
from tests.reports.samples import amounts_form


@pytest.fixture(scope="module")
def task_ws(task_xlsx):
    wb = load_workbook(task_xlsx)
    return wb, wb.worksheets[0]


def merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_title_and_header_merges(task_ws):
    _, ws = task_ws
    assert ws["A1"].value == "附件2"
    assert ws["A2"].value.startswith("贯彻落实《关于打造创新生态小气候")
    m = merged(ws)
    assert "A2:G2" in m
    # header: rows 4-5; 序号/重点任务/具体任务 over both rows, 牵头部门… over four columns
    assert {"A4:A5", "B4:B5", "C4:C5", "D4:G4"} <= m
    assert ws["D4"].value == "牵头部门及相关责任人"
    assert [ws.cell(5, c).value for c in range(4, 8)] == ["责任单位", "责任领导", "责任科室", "具体承办人"]
    assert ws["A4"].font.name == "黑体" and ws["F6"].font.name == "宋体"
    assert ws["A4"].border.top.style == "thin"


def test_body_spans_follow_the_form(task_ws, task_form, task_lines):
    _, ws = task_ws
    m = merged(ws)
    body_top = 6
    starts = {b.id + 1 for b in ws.row_breaks.brk}  # rows that begin a printed page
    for s in task_form.spans:
        top, bottom = body_top + s.row, body_top + s.row + s.rowspan - 1
        cuts = [top] + [r for r in sorted(starts) if top < r <= bottom] + [bottom + 1]
        for a, z in zip(cuts, cuts[1:], strict=False):  # whole, or cut only at a page start, its label written again
            piece = f"{ws.cell(a, s.col + 1).coordinate}:{ws.cell(z - 1, s.col + s.colspan).coordinate}"
            assert piece in m or (z - 1 == a and s.colspan == 1)
            assert ws.cell(a, s.col + 1).value == ws.cell(top, s.col + 1).value
    i = next(i for i, ln in enumerate(task_lines) if ln.task == "推动跨区域协同创新")
    r = body_top + i
    assert f"D{r}:D{r + 1}" in m and ws[f"D{r}"].value == "县发改局"
    assert {f"A{body_top}:A{body_top + 6}", f"B{body_top}:B{body_top + 6}",
            f"C{body_top}:C{body_top + 2}"} <= m


def test_print_setup(task_ws):
    _, ws = task_ws
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$4:$5"
    assert ws.freeze_panes == "A6"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.column_dimensions["F"].width > ws.column_dimensions["A"].width


def test_hidden_meta_sheet_and_read_meta(task_ws, task_xlsx):
    wb, _ = task_ws
    assert wb[META_SHEET].sheet_state == "hidden"
    meta = read_meta(task_xlsx)
    assert meta["form_id"] == "task-list" and meta["form_version"] == "1"
    assert meta["unit"] == "沁水县创新生态建设领导小组办公室" and meta["period"] == "2026年3月"
    assert meta["program_version"] and meta["generated_at"]
    assert [s["sheet"] for s in meta["sheets"]] == ["工作任务清单"]


def test_number_formats_and_sum_formulas(tmp_path):
    form = amounts_form(12)
    path = write_xlsx([form, amounts_form(5, orientation="landscape")], tmp_path / "a.xlsx")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.page_setup.orientation == "portrait"
    assert wb.worksheets[1].page_setup.orientation == "landscape"
    top = 6  # title, subtitle, furniture, 2 header rows, then the body
    assert ws.cell(top, 1).value == 1
    assert ws.cell(top, 6).number_format == "0.00"
    assert ws.cell(top, 8).number_format == "0.00%"
    total = top + 12
    assert ws.cell(total, 1).value == "合计"
    assert f"A{total}:D{total}" in merged(ws)
    assert ws.cell(total, 5).value == f"=SUM(E{top}:E{total - 1})"
    assert ws.cell(total, 6).value == f"=SUM(F{top}:F{total - 1})"
    assert ws.cell(total, 6).number_format == "0.00"
    assert ws.cell(total, 8).value is None
    meta = read_meta(path)
    assert [s["form_id"] for s in meta["sheets"]] == ["rd-summary", "rd-summary"]
    assert len(set(wb.sheetnames)) == 3


def test_sheet_names_are_short_unique_and_clean():
    long = amounts_form(1)
    forms = [long, long, long]
    names = sheet_names(forms)
    assert len(set(names)) == 3 and all(len(n) <= 31 for n in names)
    from dataclasses import replace

    odd = replace(long, sheet_name="a/b:c*d?[e]" + "长" * 40)
    (name,) = sheet_names([odd])
    assert len(name) == 31 and not set("/:*?[]") & set(name)


def test_read_meta_rejects_foreign_files(tmp_path):
    foreign = tmp_path / "foreign.xlsx"
    Workbook().save(foreign)
    with pytest.raises(UserError, match="不是本程序导出"):
        read_meta(foreign)
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 broken zip" * 10)
    with pytest.raises(UserError, match="损坏"):
        read_meta(corrupt)
    old = tmp_path / "renamed.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(UserError, match=r"\.xls"):
        read_meta(old)
    bad_zip = tmp_path / "notexcel.xlsx"
    with zipfile.ZipFile(bad_zip, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UserError):
        read_meta(bad_zip)
    with pytest.raises(UserError, match="找不到"):
        read_meta(tmp_path / "missing.xlsx")


def test_cancel_leaves_no_file(tmp_path):
    with pytest.raises(Cancelled):
        write_xlsx([amounts_form(2)] * 4, tmp_path / "x.xlsx", lambda d, t: d < 2)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    not (shutil.which("libreoffice") or shutil.which("soffice")), reason="LibreOffice not on PATH"
)
def test_libreoffice_converts_the_workbook(task_xlsx, tmp_path, task_lines):
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(task_xlsx)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / (task_xlsx.stem + ".pdf")
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    text = pdf_text(pdf)
    assert "工作任务清单" in text and "第1页共" in text
    for ln in task_lines:
        assert ln.handler.replace(" ", "") in text


def test_an_empty_form_writes_a_valid_sheet(tmp_path):
    path = write_xlsx(amounts_form(0), tmp_path / "empty.xlsx")
    ws = load_workbook(path).worksheets[0]
    assert ws.cell(6, 1).value == "合计" and ws.cell(6, 5).value == 0
    assert read_meta(path)["form_id"] == "rd-summary"
