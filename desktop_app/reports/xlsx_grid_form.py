"""Grid forms (``grid_form``) to Excel: the same grid, merged and ruled, one sheet per form.

The clerk can type into the value cells and send the sheet on; numbers stay
numbers, ticked boxes print as ☑ and open ones as □, and the hidden meta
sheet names the form so a filled-in copy can be recognised later.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib.units import mm

import desktop_app
from desktop_app.fileio import atomic_output
from desktop_app.reports import fonts
from desktop_app.reports.grid_form import GridBatch, GridCell, GridForm, as_forms, validate
from desktop_app.reports.model import Cancelled, ProgressFn
from desktop_app.reports.pdf_page import table_geometry
from desktop_app.reports.xlsx import LINE_PT, NUMBER_FORMATS, UNIT_MM, _lines, _Sheet, sheet_names
from desktop_app.reports.xlsx_cells import put
from desktop_app.reports.xlsx_meta import write_meta

TICKED, OPEN = "☑", "□"
LABEL_FONT = Font(name=fonts.XLSX_HEADER, size=10.5)
VALUE_FONT = Font(name=fonts.XLSX_BODY, size=10.5)
LINE_FONT = Font(name=fonts.XLSX_BODY, size=11)
HEADING_FONT = Font(name=fonts.XLSX_HEADER, size=12)
_medium = Side(style="medium", color="000000")
_thin = Side(style="thin", color="000000")


def _cell_text(cell: GridCell) -> object:
    if cell.role == "checks":  # one per line: Excel cannot line up two columns inside a cell
        return "\n".join(f"{TICKED if t else OPEN} {caption}" for t, caption in cell.checks)
    return cell.value


class _GridSheet(_Sheet):
    """Shares the table sheet's page setup (A4, one page wide, footer, print area); lays out its own grid."""

    def __init__(self, ws: Worksheet, form: GridForm):  # no super().__init__: there is no TableForm here
        self.ws, self.form = ws, form
        self.n = len(form.columns)
        page_units = table_geometry(form.orientation).width / mm / UNIT_MM
        total = sum(form.columns)
        self.widths = [page_units * w / total for w in form.columns]
        self.row = 1

    def _line(self, items: tuple[str, ...] | list[str], font: Font, height: float, align: str = "left") -> None:
        """Items over one row, each in its own merged stretch (first left, last right)."""
        ws, r, k = self.ws, self.row, max(1, len(items))
        for i, text in enumerate(items):
            a, b = i * self.n // k + 1, (i + 1) * self.n // k
            cell = put(ws, r, a, text)
            cell.font = font
            horizontal = align if k == 1 else "right" if i == k - 1 else "left" if i == 0 else "center"
            cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
            if b > a:
                ws.merge_cells(start_row=r, start_column=a, end_row=r, end_column=b)
        width = sum(self.widths) / k
        lines = max((_lines(t, width * 11 / font.size) for t in items), default=1)
        ws.row_dimensions[r].height = max(height, lines * font.size * 1.45 + 4)
        self.row += 1

    def _group(self, cells: tuple[GridCell, ...], rows: int, separated: bool) -> None:
        ws, top = self.ws, self.row
        need = [0.0] * rows
        for c in cells:
            r0, c0 = top + c.row, c.col + 1
            if c.rowspan > 1 or c.colspan > 1:
                ws.merge_cells(start_row=r0, start_column=c0, end_row=r0 + c.rowspan - 1,
                               end_column=c0 + c.colspan - 1)
            value = _cell_text(c)
            anchor = put(ws, r0, c0, value)
            anchor.font = LABEL_FONT if c.role == "label" else VALUE_FONT
            horizontal = "left" if c.role in ("text", "checks") else "center"
            vertical = "top" if c.role in ("text", "checks") else "center"
            anchor.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)
            if c.kind in NUMBER_FORMATS and isinstance(value, int | float):
                anchor.number_format = NUMBER_FORMATS[c.kind]
            for rr in range(r0, r0 + c.rowspan):
                for cc in range(c0, c0 + c.colspan):
                    heavy = separated and rr == top
                    ws.cell(rr, cc).border = Border(left=_thin, right=_thin, bottom=_thin,
                                                    top=_medium if heavy else _thin)
            width = sum(self.widths[c.col:c.col + c.colspan])
            text = "" if value is None else str(value)
            lines = max(_lines(text, width), c.min_lines)
            per_row = (lines * LINE_PT + 6) / c.rowspan
            for rr in range(c.row, c.row + c.rowspan):
                need[rr] = max(need[rr], per_row)
        for i, h in enumerate(need):
            ws.row_dimensions[top + i].height = round(max(h, 20.0), 2)
        self.row += rows

    def write(self) -> None:
        form, ws = self.form, self.ws
        for i, w in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = round(w, 2)
        if form.label:
            put(ws, self.row, 1, form.label).font = Font(name=fonts.XLSX_HEADER, size=12)
            self.row += 1
        title_font = fonts.xlsx_title_font()
        self._line([form.title], Font(name=title_font, size=18, bold=title_font == fonts.XLSX_BODY), 34,
                   align="center")
        for items in form.lines_above:
            self._line(items, LINE_FONT, 20)
        for section in form.sections:
            self._line([section.heading], HEADING_FONT, 22)
            for g in section.groups:
                self._group(g.cells, g.rows, g.separated)
        for note in form.notes:
            self._line([note], VALUE_FONT, 18)
        for items in form.lines_below:
            self._line(items, LINE_FONT, 24)
        self._page_setup()


def write_grid_xlsx(data: GridForm | list[GridForm] | GridBatch, path: Path | str,
                    progress: ProgressFn | None = None, *, now: datetime | None = None) -> Path:
    """One sheet per form plus the hidden meta sheet, written atomically."""
    forms_iter, total = as_forms(data)
    forms = list(forms_iter)
    if not forms:
        raise ValueError("write_grid_xlsx needs at least one form")
    wb = Workbook()
    wb.remove(wb.active)
    names = sheet_names(forms)
    for i, (name, form) in enumerate(zip(names, forms, strict=True)):
        if progress is not None and progress(i, total) is False:
            raise Cancelled()
        validate(form)
        _GridSheet(wb.create_sheet(name), form).write()
    write_meta(wb, list(zip(names, forms, strict=True)), now or datetime.now())
    wb.properties.creator = f"{desktop_app.APP_NAME} {desktop_app.__version__}"
    wb.properties.title = forms[0].title
    if progress is not None and progress(total, total) is False:
        raise Cancelled()
    target = Path(path)
    with atomic_output(target) as tmp:
        wb.save(tmp)
    return target
