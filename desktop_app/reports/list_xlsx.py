"""A list as the window shows it, to an Excel sheet: header row, then the rows, text as text."""

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from desktop_app.fileio import atomic_output
from desktop_app.reports.xlsx_cells import put


def write_list(path: Path, title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = (title or "列表")[:31]
    for c, text in enumerate(headers, 1):
        put(ws, 1, c, text).font = Font(bold=True)
    for r, row in enumerate(rows, 2):
        for c, value in enumerate(row, 1):
            put(ws, r, c, value)
    for c, text in enumerate(headers, 1):  # wide enough for the header and the first rows
        longest = max([len(str(text))] + [len(str(row[c - 1])) for row in rows[:200]])
        ws.column_dimensions[get_column_letter(c)].width = min(60, 2 + 2 * longest)
    ws.freeze_panes = "A2"
    with atomic_output(Path(path)) as tmp:
        wb.save(tmp)
    return Path(path)
