"""A table form laid out and paginated by hand, one flowable per page.

reportlab's Table moves a merged block whole to the next page (or fails when
the block is taller than a page). Chinese offices instead cut the block at
the page break and print the merged text again at the top of the next page,
with the header repeated. Doing the pagination here makes that exact and
keeps a 2,000-row table fast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop_app import i18n
from desktop_app.reports import fonts
from desktop_app.reports.model import (
    TableForm,
    covered_cells,
    format_value,
    header_cells,
    header_rows,
    totals_values,
)
from desktop_app.reports.pdf_text import break_lines, draw_aligned

CELL_SIZE = 11.0
LEADING = CELL_SIZE * 1.3
PAD_X = 3.0
PAD_Y = 3.5
MIN_ROW = 7.5 * mm
INNER_LINE = 0.5
OUTER_LINE = 1.0
ASCENT = 0.88  # of the font size, for vertical centring of CJK glyphs
KEEP_WITH_END = 3  # body rows that go over with the 合计, the notes and the sign-off


@dataclass
class Region:
    """One drawn cell: a single cell or the top-left of a merged block."""

    row: int
    col: int
    rowspan: int
    colspan: int
    lines: list[str]
    font: str
    align: str

    @property
    def need(self) -> float:
        return 2 * PAD_Y + max(1, len(self.lines)) * LEADING


def column_widths(form: TableForm, total: float) -> list[float]:
    """Fixed ``width_mm`` columns first; the rest share what is left by weight."""
    fixed = [c.width_mm * mm if c.width_mm else None for c in form.columns]
    used = sum(w for w in fixed if w)
    if used > total:
        return [(w or 0) * total / used for w in fixed]
    weights = sum(c.width for c, w in zip(form.columns, fixed, strict=True) if w is None)
    return [
        w if w is not None else (total - used) * c.width / weights
        for c, w in zip(form.columns, fixed, strict=True)
    ]


def _row_heights(natural: list[float], multi: list[Region], s: int, e: int) -> list[float]:
    """Row heights for rows [s, e) once every merged block, clipped to them, fits its text."""
    h = natural[s:e]
    for reg in sorted(multi, key=lambda g: min(g.row + g.rowspan, e)):
        a, b = max(reg.row, s), min(reg.row + reg.rowspan, e)
        if a >= b:
            continue
        short = reg.need - sum(h[a - s : b - s])
        if short > 0:
            for i in range(a - s, b - s):
                h[i] += short / (b - a)
    return h


class TableLayout:
    """Wrapped cell text, natural row heights and page chunks of one form."""

    def __init__(self, form: TableForm, width: float, max_body: float):
        self.has_totals = form.totals is not None
        self.form = form
        self.col_w = column_widths(form, width)
        self.col_x = [sum(self.col_w[:i]) for i in range(len(self.col_w) + 1)]
        self.width = self.col_x[-1]
        body_font = fonts.font_name(fonts.BODY)
        hei = fonts.font_name(fonts.HEI)
        self.header = [
            self._region(h.row, h.col, h.rowspan, h.colspan, h.text, hei, "center")
            for h in header_cells(form)
        ]
        n_head = header_rows(form)
        head_nat = [
            max([MIN_ROW] + [g.need for g in self.header if g.row == r and g.rowspan == 1])
            for r in range(n_head)
        ]
        multi = [g for g in self.header if g.rowspan > 1]
        self.header_h = _row_heights(head_nat, multi, 0, n_head)
        self.header_total = sum(self.header_h)
        rows = self._body_regions(body_font, hei)
        self.rows = self._split_tall_rows(rows, max_body - self.header_total)
        self.multi = [g for regs in self.rows for g in regs if g.rowspan > 1]
        self.natural = [
            max([MIN_ROW] + [g.need for g in regs if g.rowspan == 1]) for regs in self.rows
        ]
        self.touching: list[list[Region]] = [[] for _ in self.rows]
        for g in self.multi:
            for r in range(g.row, g.row + g.rowspan):
                self.touching[r].append(g)

    def _region(self, row, col, rowspan, colspan, text, font, align) -> Region:
        w = self.col_x[col + colspan] - self.col_x[col] - 2 * PAD_X
        # even lines suit short centred labels; running text (left-aligned) fills greedily, as typed
        lines = break_lines(text, font, CELL_SIZE, w, balance=align != "left")
        return Region(row, col, rowspan, colspan, lines, font, align)

    def _body_regions(self, body_font: str, hei: str) -> list[list[Region]]:
        form = self.form
        spans = {(s.row, s.col): s for s in form.spans}
        hidden = covered_cells(form.spans)
        out: list[list[Region]] = []
        for r, values in enumerate(form.rows):
            regs = []
            for c, col in enumerate(form.columns):
                if (r, c) in hidden:
                    continue
                s = spans.get((r, c))
                text = format_value(values[c], col.kind)
                rs, cs = (s.rowspan, s.colspan) if s else (1, 1)
                regs.append(self._region(r, c, rs, cs, text, body_font, col.align))
            out.append(regs)
        if form.totals:
            r = len(out)
            n = form.totals.label_cols
            label = form.totals.label if form.totals.label is not None else i18n.tr("合计")
            regs = [self._region(r, 0, 1, n, label, hei, "center")]
            for c, v in enumerate(totals_values(form)[n:], start=n):
                col = form.columns[c]
                regs.append(self._region(r, c, 1, 1, format_value(v, col.kind), body_font, col.align))
            out.append(regs)
        return out

    def _split_tall_rows(self, rows: list[list[Region]], limit: float) -> list[list[Region]]:
        """Cut a row taller than a page into continuation rows (only rows outside merges)."""
        touched = [False] * len(rows)
        for regs in rows:
            for g in regs:
                if g.rowspan > 1:
                    for r in range(g.row, g.row + g.rowspan):
                        touched[r] = True
        per_piece = max(1, int((limit - 2 * PAD_Y) // LEADING))
        out: list[list[Region]] = []
        new_index: list[int] = []
        for r, regs in enumerate(rows):
            new_index.append(len(out))
            longest = max((len(g.lines) for g in regs), default=1)
            tall = 2 * PAD_Y + longest * LEADING > limit
            if touched[r] or not tall:
                out.append(regs)
                continue
            for p in range(math.ceil(longest / per_piece)):
                piece = [replace(g, lines=g.lines[p * per_piece : (p + 1) * per_piece]) for g in regs]
                out.append(piece)
        for i, regs in enumerate(out):
            for g in regs:
                g.row = i if g.rowspan == 1 else new_index[g.row]
        return out

    def heights(self, s: int, e: int) -> list[float]:
        multi = {id(g): g for r in range(s, e) for g in self.touching[r]}
        return _row_heights(self.natural, list(multi.values()), s, e)

    def paginate(self, first_avail: float, avail: float, tail: float) -> list[tuple[int, int]]:
        """Row ranges per page; the last page keeps room for the notes and sign-off."""
        n = len(self.rows)
        if n == 0:
            return [(0, 0)]
        chunks: list[tuple[int, int]] = []
        s, cap = 0, first_avail - self.header_total
        while s < n:
            e = s + 1
            while e < n and sum(self.heights(s, e + 1)) <= cap:
                e += 1
            chunks.append((s, e))
            s, cap = e, avail - self.header_total
        s, e = chunks[-1]
        last_cap = (first_avail if len(chunks) == 1 else avail) - self.header_total
        if e - s > 1 and sum(self.heights(s, e)) + tail > last_cap:
            # carry rows over with the notes and sign-off: a few body rows with the 合计, never one row
            # alone, as many as fit the new page
            carry = min(e - s - 1, KEEP_WITH_END + (1 if self.has_totals else 0))
            while carry > 1 and sum(self.heights(e - carry, e)) + tail > avail - self.header_total:
                carry -= 1
            chunks[-1:] = [(s, e - carry), (e - carry, e)]
        return chunks


class TableChunk(Flowable):
    """The header plus body rows [s, e) of one page; merged text repeats when cut."""

    def __init__(self, layout: TableLayout, s: int, e: int):
        super().__init__()
        self.layout, self.s, self.e = layout, s, e
        self.row_h = layout.heights(s, e) if e > s else []

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = self.layout.width
        self.height = self.layout.header_total + sum(self.row_h)
        return self.width, self.height

    def _regions(self):
        lay, s, e = self.layout, self.s, self.e
        tops = [0.0]
        for h in lay.header_h:
            tops.append(tops[-1] + h)
        for h in self.row_h:
            tops.append(tops[-1] + h)
        for g in lay.header:
            yield g, tops[g.row], tops[g.row + g.rowspan]
        n_head = len(lay.header_h)
        seen: set[int] = set()
        for r in range(s, e):
            for g in lay.rows[r] + lay.touching[r]:
                if id(g) in seen:
                    continue
                seen.add(id(g))
                a, b = max(g.row, s), min(g.row + g.rowspan, e)
                yield g, tops[n_head + a - s], tops[n_head + b - s]

    def draw(self) -> None:
        c, lay = self.canv, self.layout
        top = self.height
        c.setStrokeColorRGB(0, 0, 0)
        c.setFillColorRGB(0, 0, 0)
        c.setLineWidth(INNER_LINE)
        font = None
        for g, y0, y1 in self._regions():
            x0, x1 = lay.col_x[g.col], lay.col_x[g.col + g.colspan]
            c.rect(x0, top - y1, x1 - x0, y1 - y0, stroke=1, fill=0)
            if not g.lines or g.lines == [""]:
                continue
            if g.font != font:
                font = g.font
                c.setFont(font, CELL_SIZE)
            text_h = len(g.lines) * LEADING
            y = top - y0 - (y1 - y0 - text_h) / 2 - (LEADING - CELL_SIZE) / 2 - ASCENT * CELL_SIZE
            for line in g.lines:
                draw_aligned(c, line, x0 + PAD_X, y, x1 - x0 - 2 * PAD_X, g.align)
                y -= LEADING
        c.setLineWidth(OUTER_LINE)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=0)
