"""Every form of the demo in both formats, the way a receiving office looks at it (issue 14):
pages numbered 1..N through each file, no page holding only furniture, a survey on one page,
and no Excel page break inside a merged block (nor a last page with only the sign-off)."""

import re
import subprocess

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from desktop_app.reports.grid_form import GridForm
from desktop_app.reports.model import TableForm, format_value
from desktop_app.reports.xlsx import MARGINS
from desktop_app.reports.xlsx_pages import page_room, print_scale
from desktop_app.services import demo, printing

PERIOD = demo.demo_periods()[1]


def page_texts(pdf) -> list[str]:
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                          check=True).stdout)[1])
    return [re.sub(r"\s+", "", subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"],
                                              capture_output=True, text=True, check=True).stdout)
            for i in range(1, n + 1)]


def forms_of(data) -> list:
    if isinstance(data, TableForm | GridForm):
        return [data]
    if hasattr(data, "attachments"):  # the brief: its attached tables
        return [f for att in data.attachments for f in att.forms]
    return list(data)


def body_marks(form: TableForm) -> set[str]:
    """Bits of the table body (never of its header, notes or sign-off) that pdftotext keeps whole."""
    out = set()
    for row in form.rows:
        for col, v in zip(form.columns, row, strict=True):
            text = re.sub(r"\s+", "", format_value(v, col.kind))
            if len(text) >= 4 and text not in {"合计"}:
                out.add(text[:4])
    return out


def _sample_params(ledger) -> dict[str, dict]:
    two = ledger.conn.execute(
        "SELECT e.uscc FROM enterprises e JOIN surveys s ON s.enterprise_id = e.id AND s.period = ? "
        "WHERE (SELECT COUNT(*) FROM survey_projects p WHERE p.survey_id = s.id) = 2 LIMIT 1", (PERIOD,)).fetchone()[0]
    return {"survey": {"enterprise": two, "period": PERIOD}}


@pytest.mark.parametrize("name", list(printing.registry()))
def test_every_demo_form_prints_clean(demo_ledger, tmp_path, name):
    spec = printing.registry()[name]
    given = _sample_params(demo_ledger).get(name, {})
    params = printing.resolve_params(demo_ledger, spec, given)
    forms = forms_of(spec.build(demo_ledger, params))
    for fmt in spec.formats:
        out = printing.write_report(demo_ledger, name, fmt, tmp_path / f"{name}.{fmt}", given)
        if fmt == "pdf":
            pages = page_texts(out)
            for i, text in enumerate(pages, start=1):
                assert f"—{i}—" in text, f"{name}: page {i} is not numbered {i}"
            tables = [f for f in forms if isinstance(f, TableForm)]
            if tables and not hasattr(spec.build(demo_ledger, params), "paragraphs"):
                marks = set().union(*(body_marks(f) for f in tables))
                for i, text in enumerate(pages, start=1):
                    assert any(m in text for m in marks), f"{name}: page {i} holds only furniture"
            if name == "survey":
                assert len(pages) == 1, "a survey with two projects fits one page"
        else:
            check_xlsx(out, forms, name)


def check_xlsx(path, forms, name) -> None:
    wb = load_workbook(path)
    values = set()
    for f in forms:
        if isinstance(f, TableForm):
            values |= {v for row in f.rows for v in row if isinstance(v, str) and len(v) >= 2}
    for ws in (w for w in wb.worksheets if w.sheet_state == "visible"):
        blocks = [m for m in ws.merged_cells.ranges if m.max_row > m.min_row]
        for brk in ws.row_breaks.brk:  # a break after row ``brk.id``
            inside = [str(m) for m in blocks if m.min_row <= brk.id < m.max_row]
            assert not inside, f"{name}/{ws.title}: the break after row {brk.id} cuts {inside}"
        # no break of ours: Excel's own must not come (the survey workbook is laid out by its own writer)
        if not ws.row_breaks.brk and ws.page_setup.fitToHeight != 1 and values:
            widths = [ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(1, ws.max_column + 1)]
            scale = print_scale(widths, ws.page_setup.orientation, MARGINS)
            height = sum(ws.row_dimensions[r].height or 15 for r in range(1, ws.max_row + 1))
            assert height <= page_room(ws.page_setup.orientation, MARGINS, scale), f"{name}/{ws.title} runs over"
        if ws.row_breaks.brk and values:
            last = max(b.id for b in ws.row_breaks.brk)
            tail = {c.value for row in ws.iter_rows(min_row=last + 1) for c in row}
            assert tail & values, f"{name}/{ws.title}: the last page holds only the header and the sign-off"


def test_a_blank_survey_and_a_duplex_batch(demo_ledger, tmp_path):
    blank = demo_ledger.conn.execute(
        "SELECT e.uscc FROM enterprises e WHERE e.above_scale = 1 AND NOT EXISTS (SELECT 1 FROM surveys s "
        "WHERE s.enterprise_id = e.id AND s.period = ? AND s.deleted_at IS NULL) LIMIT 1", (PERIOD,)).fetchone()[0]
    out = printing.write_report(demo_ledger, "survey", "pdf", tmp_path / "blank.pdf",
                                {"enterprise": blank, "period": PERIOD})
    assert len(page_texts(out)) == 1, "a blank survey (two empty blocks each) fits one page"
    rows = printing.survey.batch_rows(demo_ledger, PERIOD, None)
    single = page_texts(printing.write_report(demo_ledger, "survey", "pdf", tmp_path / "all.pdf",
                                              {"period": PERIOD}, batch=True))
    assert len(single) == len(rows)  # one page per enterprise, numbered 1..N through the file
    duplex = page_texts(printing.write_report(demo_ledger, "survey", "pdf", tmp_path / "duplex.pdf",
                                              {"period": PERIOD, "duplex": True}, batch=True))
    assert len(duplex) == 2 * len(rows) - 1  # every enterprise on the front of a new sheet
    assert all(duplex[i] == "" for i in range(1, len(duplex), 2))  # the backs left blank, unnumbered
    assert all(f"—{i + 1}—" in duplex[i] for i in range(0, len(duplex), 2))
