"""Table forms to Excel: the editable copy a clerk sends upward.

Merged header and body cells, thin borders, Chinese fonts by name, A4 with
the form's orientation, one page wide, header rows repeated on print, page
footer, frozen header, number formats and live SUM formulas, plus the
hidden meta sheet that lets a filled-in copy be recognised later.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from copy import copy
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib.units import mm

import desktop_app
from desktop_app import i18n
from desktop_app.fileio import atomic_output
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports import fonts
from desktop_app.reports.model import (
    Cancelled,
    Computed,
    ProgressFn,
    TableForm,
    Tagged,
    covered_cells,
    display_width,
    format_value,
    furniture_above,
    furniture_below,
    header_cells,
    header_rows,
    validate,
)
from desktop_app.reports.pdf_page import table_geometry
from desktop_app.reports.pdf_table import column_widths
from desktop_app.reports.xlsx_cells import Formula, put, set_value
from desktop_app.reports.xlsx_meta import META_SHEET, write_meta
from desktop_app.reports.xlsx_pages import Margins, add_page_breaks

NUMBER_FORMATS = {"int": "0", "money": "0.00", "percent": "0.00%"}
UNIT_MM = 1.85  # one Excel width unit (a digit of the default 11 pt font) on paper
LINE_PT = 14.25  # one line of 11 pt 宋体
MARGINS = Margins(left=0.59, right=0.59, top=0.79, bottom=0.79)  # inches
FOOTER = QT_TRANSLATE_NOOP("i18n", "第 &P 页 共 &N 页")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_REF = re.compile(r"\{(\d+),(\d+)\}")  # {row,col} in a Computed formula

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
BODY_FONT = Font(name=fonts.XLSX_BODY, size=11)
HEADER_FONT = Font(name=fonts.XLSX_HEADER, size=11)
LABEL_FONT = Font(name=fonts.XLSX_HEADER, size=12)
SMALL_FONT = Font(name=fonts.XLSX_BODY, size=11)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def sheet_names(forms: list[TableForm]) -> list[str]:
    """Excel-safe (≤ 31 characters, no []:*?/\\), unique sheet names."""
    names: list[str] = []
    for form in forms:
        base = _BAD_SHEET_CHARS.sub("", form.sheet_name or form.title).strip("' ") or form.form_id
        base = base[:31]
        name, n = base, 2
        while name.lower() in {x.lower() for x in names} or name == META_SHEET:
            suffix = f"（{n}）"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def _widths(form: TableForm, hidden: set[tuple[int, int]]) -> list[float]:
    """Column widths fitted to the text, each capped at its share of the page.

    The cap keeps the sheet one page wide at a readable scale; a CJK
    character counts two width units.
    """
    geo = table_geometry(form.orientation)
    share = [w / mm / UNIT_MM for w in column_widths(form, geo.width)]
    need = [4.0] * len(form.columns)
    for h in header_cells(form):
        if h.colspan == 1:
            longest = max(display_width(x) for x in h.text.split("\n"))
            need[h.col] = max(need[h.col], min(longest, 8) + 2)  # a header may wrap
    natural = list(need)
    for r, row in enumerate(form.rows):
        for c, v in enumerate(row):
            if (r, c) not in hidden and v is not None:
                longest = max(display_width(x) for x in _text(v, form.columns[c].kind).split("\n"))
                natural[c] = max(natural[c], longest + 2)
    return [min(nat, max(cap, nd)) for nat, cap, nd in zip(natural, share, need, strict=True)]


def _text(v, kind: str) -> str:
    if isinstance(v, Tagged | Computed):
        return format_value(v, kind)
    if isinstance(v, str):
        return v
    if kind == "money":
        return f"{v:.2f}"
    if kind == "percent":
        return f"{v * 100:.2f}%"
    return str(v)


def spread_columns(items: list[str], widths: list[float]) -> list[tuple[int, int]]:
    """1-based column ranges, one per item, left to right, each wide enough for its text where the row
    allows (a narrow 序号 column never gets “填报人：张三” alone, which Excel would cut off)."""
    k, n = len(items), len(widths)
    need = [display_width(t) + 2 for t in items]
    room = sum(widths)
    if sum(need) > room:  # not enough room for all: share it in proportion
        need = [room * x / sum(need) for x in need]
    out, a = [], 0
    for i in range(k):
        if i == k - 1:
            out.append((a + 1, n))
            break
        b, have = a + 1, widths[a]
        while have < need[i] and b < n - (k - 1 - i):
            have += widths[b]
            b += 1
        out.append((a + 1, b))
        a = b
    return out


def _lines(text: str, width: float) -> int:
    per_line = max(1.0, width - 1.5)
    return sum(max(1, math.ceil(display_width(x) / per_line)) for x in str(text).split("\n"))


class _Sheet:
    """Writes one form into one worksheet, top to bottom."""

    def __init__(self, ws: Worksheet, form: TableForm):
        self.ws, self.form = ws, form
        self.n = len(form.columns)
        self.hidden = covered_cells(form.spans)
        self.widths = _widths(form, self.hidden)
        self.row = 1
        self._styles: dict[tuple, object] = {}
        self._aligns = {
            a: Alignment(horizontal=a, vertical="center", wrap_text=True)
            for a in ("left", "center", "right")
        }

    def _span_width(self, col: int, colspan: int) -> float:
        return sum(self.widths[col : col + colspan])

    def _merged_line(self, text: str, font: Font, height: float, align: str = "center") -> None:
        ws, r = self.ws, self.row
        cell = put(ws, r, 1, text)
        cell.font = font
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if self.n > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=self.n)
        lines = _lines(text, sum(self.widths) * 11 / font.size)
        ws.row_dimensions[r].height = max(height, lines * font.size * 1.45 + 6)
        self.row += 1

    def _spread(self, items: list[str]) -> None:
        """Furniture items over the row: each in its own merged group of columns."""
        if not items:
            return
        ws, r, k = self.ws, self.row, min(len(items), self.n)
        if k < len(items):
            items = items[: k - 1] + ["\u3000\u3000".join(items[k - 1 :])]
        for i, (text, (a, b)) in enumerate(zip(items, spread_columns(items, self.widths), strict=True)):
            cell = put(ws, r, a, text)
            cell.font = SMALL_FONT
            align = "right" if i == k - 1 and k > 1 else "left"
            cell.alignment = Alignment(horizontal=align, vertical="center")
            if b > a:
                ws.merge_cells(start_row=r, start_column=a, end_row=r, end_column=b)
        ws.row_dimensions[r].height = 24
        self.row += 1

    def _styled(self, cell, font: Font, align: Alignment, fmt: str | None) -> None:
        """Style a cell, reusing the style array of an identical earlier cell.

        Assigning Font/Border/Alignment objects hashes them each time; on a
        2,000-row form that is most of the run. ``cell._style = copy(...)`` is
        the usual openpyxl idiom for copying a style (openpyxl 3.1).
        """
        key = (id(font), id(align), fmt)
        cached = self._styles.get(key)
        if cached is not None:
            cell._style = copy(cached)
            return
        cell.font, cell.alignment, cell.border = font, align, BORDER
        if fmt:
            cell.number_format = fmt
        self._styles[key] = copy(cell._style)

    def _grid(self, cells, first_row: int, n_rows: int, font_of, align_of, fmt_of) -> None:
        """Write a block of cells (anchors with spans), merged and bordered."""
        ws = self.ws
        need: list[list[tuple[int, int, float]]] = [[] for _ in range(n_rows)]
        for r, c, rs, cs, value in cells:
            if rs > 1 or cs > 1:  # merge first: the anchor has no border yet, so it is cheap
                ws.merge_cells(start_row=first_row + r, start_column=c + 1,
                               end_row=first_row + r + rs - 1, end_column=c + cs)
            font, align, fmt = font_of(r, c), align_of(r, c), fmt_of(r, c)
            anchor = ws.cell(first_row + r, c + 1)
            self._styled(anchor, font, align, fmt)  # style first: a cached style would drop the quote prefix
            set_value(anchor, value)
            for rr in range(first_row + r, first_row + r + rs):
                for cc in range(c + 1, c + cs + 1):
                    if (rr, cc) != (first_row + r, c + 1):
                        self._styled(ws.cell(rr, cc), font, align, fmt)
            text = "" if value is None or isinstance(value, Formula) else _text(value, self.form.columns[c].kind)
            need[r + rs - 1].append((r, rs, _lines(text, self._span_width(c, cs)) * LINE_PT + 6))
        heights = [20.0] * n_rows
        for r in range(n_rows):
            for _top, rs, h in need[r]:
                if rs == 1:
                    heights[r] = max(heights[r], h)
        for r in range(n_rows):
            for top, rs, h in need[r]:
                have = sum(heights[top : top + rs])
                if rs > 1 and h > have:
                    for i in range(top, top + rs):
                        heights[i] += (h - have) / rs
        for r, h in enumerate(heights):
            ws.row_dimensions[first_row + r].height = round(h, 2)

    def write(self) -> None:
        form, ws = self.form, self.ws
        for i, w in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = round(w, 2)
        if form.label:
            put(self.ws, self.row, 1, form.label).font = LABEL_FONT
            self.row += 1
        title_font = fonts.xlsx_title_font()
        bold = title_font == fonts.XLSX_BODY
        self._merged_line(form.title, Font(name=title_font, size=18, bold=bold), 36)
        if form.subtitle:
            self._merged_line(form.subtitle, Font(name=fonts.XLSX_BODY, size=12), 20)
        self._spread(furniture_above(form))
        head_top, n_head = self.row, header_rows(form)
        self._grid(
            [(h.row, h.col, h.rowspan, h.colspan, h.text) for h in header_cells(form)],
            head_top, n_head, lambda r, c: HEADER_FONT, lambda r, c: CENTER, lambda r, c: None,
        )
        body_top = head_top + n_head
        self._body(body_top)
        ws.freeze_panes = f"A{body_top}"
        ws.print_title_rows = f"{head_top}:{body_top - 1}"
        n_body = len(form.rows) + (1 if form.totals else 0)
        self.row = body_top + n_body
        for note in form.notes:
            self._merged_line(note, SMALL_FONT, 20, align="left")
        self._spread([t if not t.endswith("：") else t + "\u3000" * 6 for t in furniture_below(form)])
        self._page_setup()
        add_page_breaks(ws, head=(head_top, body_top - 1), body=(body_top, body_top + n_body - 1),
                        tail_end=self.row - 1, orientation=form.orientation, widths=self.widths, margins=MARGINS)

    def _cell_value(self, value, r: int, c: int, top: int):
        """A form value as written: a computed cell becomes its formula, a tagged number keeps the
        number and shows its word through the cell's number format."""
        if isinstance(value, Computed):
            return Formula(_REF.sub(lambda m: f"{get_column_letter(int(m[2]) + 1)}{top + int(m[1])}", value.formula))
        if isinstance(value, Tagged):
            base = NUMBER_FORMATS.get(self.form.columns[c].kind, "0")
            self._formats[(r, c)] = f'{base}"{value.tag}"' if value.tag else base
            return value.value
        return value

    def _body(self, top: int) -> None:
        form = self.form
        spans = {(s.row, s.col): s for s in form.spans}
        cells = []
        self._formats: dict[tuple[int, int], str] = {}
        for r, values in enumerate(form.rows):
            for c in range(self.n):
                if (r, c) in self.hidden:
                    continue
                s = spans.get((r, c))
                rs, cs = (s.rowspan, s.colspan) if s else (1, 1)
                cells.append((r, c, rs, cs, self._cell_value(values[c], r, c, top)))
        n_rows = len(form.rows)
        if form.totals:
            t = form.totals
            label = t.label if t.label is not None else i18n.tr("合计")
            cells.append((n_rows, 0, 1, t.label_cols, label))
            keys = set(t.sum_keys)
            for c in range(t.label_cols, self.n):
                col = form.columns[c]
                letter = get_column_letter(c + 1)
                formula = Formula(f"=SUM({letter}{top}:{letter}{top + n_rows - 1})") if n_rows else 0
                cells.append((n_rows, c, 1, 1, formula if col.key in keys else None))
            n_rows += 1
        totals_row = len(form.rows)
        self._grid(
            cells, top, n_rows,
            lambda r, c: HEADER_FONT if (form.totals and r == totals_row and c == 0) else BODY_FONT,
            lambda r, c: self._aligns[form.columns[c].align],
            lambda r, c: self._formats.get((r, c)) or NUMBER_FORMATS.get(form.columns[c].kind),
        )

    def _page_setup(self) -> None:
        ws = self.ws
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = self.form.orientation
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins = PageMargins(left=MARGINS.left, right=MARGINS.right, top=MARGINS.top,
                                      bottom=MARGINS.bottom, header=0.3, footer=0.39)
        ws.oddFooter.center.text = i18n.tr(FOOTER)
        ws.oddFooter.center.font = f"{fonts.XLSX_BODY},Regular"
        ws.oddFooter.center.size = 10
        ws.print_area = f"A1:{get_column_letter(self.n)}{self.row - 1}"


def write_xlsx(
    form_or_forms: TableForm | Iterable[TableForm],
    path: Path | str,
    progress: ProgressFn | None = None,
    *,
    now: datetime | None = None,
) -> Path:
    """Write one sheet per form plus the hidden meta sheet, atomically."""
    forms = [form_or_forms] if isinstance(form_or_forms, TableForm) else list(form_or_forms)
    if not forms:
        raise ValueError("write_xlsx needs at least one form")
    wb = Workbook()
    wb.remove(wb.active)
    names = sheet_names(forms)
    for i, (name, form) in enumerate(zip(names, forms, strict=True)):
        if progress is not None and progress(i, len(forms)) is False:
            raise Cancelled()
        validate(form)
        _Sheet(wb.create_sheet(name), form).write()
    write_meta(wb, list(zip(names, forms, strict=True)), now or datetime.now())
    wb.properties.creator = f"{desktop_app.APP_NAME} {desktop_app.__version__}"
    wb.properties.title = forms[0].title
    if progress is not None and progress(len(forms), len(forms)) is False:
        raise Cancelled()
    target = Path(path)
    with atomic_output(target) as tmp:
        wb.save(tmp)
    return target
