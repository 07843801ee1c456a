"""Grid forms (``grid_form``) to PDF: ruled label/value grids under section headings.

A section's grid flows over pages group by group; a single row too tall for
a page (a long answer) is cut between lines, its caption printed again.
A form that nearly fits one page is printed on it, a little smaller; a longer
one names the enterprise and period atop its later pages. Forms in one file
each start on a new page (for duplex printing, a new sheet), with one page
number sequence through the file, and are built one at a time as platypus
reaches them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.platypus import Flowable, NextPageTemplate, Spacer

from desktop_app.fileio import atomic_output
from desktop_app.reports import fonts
from desktop_app.reports.grid_form import (
    GridBatch,
    GridCell,
    GridForm,
    GridGroup,
    as_forms,
    validate,
)
from desktop_app.reports.model import Cancelled, ProgressFn, format_value
from desktop_app.reports.pdf_fit import MIN_GRID_SCALE, NewSheet, RunningHead, Scaled, fit_scale
from desktop_app.reports.pdf_page import LazyFlowables, make_doc, table_geometry
from desktop_app.reports.pdf_text import SpreadLine, TextBlock, break_lines, draw_aligned

SIZE = 10.5          # 五号
LEADING = SIZE * 1.3
PAD_X, PAD_Y = 3.0, 3.0
MIN_ROW = 22.0
INNER, OUTER = 0.5, 1.0
ASCENT = 0.88
BOX = SIZE * 0.82    # checkbox side
BOX_GAP = SIZE * 0.45
TITLE_SIZE = 20.0
HEADING_SIZE = 12.0
LINE_SIZE = 12.0


@dataclass
class _Region:
    cell: GridCell
    lines: list[str]
    font: str
    align: str
    top: bool                 # top-aligned (long answers, checkbox lists)
    # checkbox lists: rows of (ticked, wrapped caption) per column
    check_rows: list[list[tuple[bool, list[str]]]] | None = None

    @property
    def n_lines(self) -> int:
        if self.check_rows is not None:
            return sum(max(len(lines) for _, lines in row) for row in self.check_rows)
        return len(self.lines)

    @property
    def need(self) -> float:
        return 2 * PAD_Y + max(self.n_lines, self.cell.min_lines, 1) * LEADING


def _lay_cell(cell: GridCell, width: float) -> _Region:
    body, hei = fonts.font_name(fonts.BODY), fonts.font_name(fonts.HEI)
    inner = width - 2 * PAD_X
    if cell.role == "checks":
        per = max(1, cell.check_cols)
        col_w = inner / per - BOX - BOX_GAP - (PAD_X if per > 1 else 0)
        items = [(ticked, break_lines(caption, body, SIZE, col_w, balance=True)) for ticked, caption in cell.checks]
        rows = [items[i:i + per] for i in range(0, len(items), per)]
        return _Region(cell, [], body, "left", True, rows)
    font = hei if cell.role == "label" else body
    text = format_value(cell.value, cell.kind)
    align = "left" if cell.role == "text" else "center"
    lines = break_lines(text, font, SIZE, inner, balance=cell.role == "label")
    return _Region(cell, lines, font, align, cell.role == "text")


class _Laid:
    """One group at one width: its regions and row heights."""

    def __init__(self, group: GridGroup, col_x: list[float]):
        self.group = group
        self.regions = [_lay_cell(c, col_x[c.col + c.colspan] - col_x[c.col]) for c in group.cells]
        heights = [MIN_ROW] * group.rows
        for g in self.regions:
            if g.cell.rowspan == 1:
                heights[g.cell.row] = max(heights[g.cell.row], g.need)
        for g in self.regions:
            a, b = g.cell.row, g.cell.row + g.cell.rowspan
            short = g.need - sum(heights[a:b])
            if g.cell.rowspan > 1 and short > 0:
                for r in range(a, b):
                    heights[r] += short / (b - a)
        self.heights = heights
        self.height = sum(heights)


def _cut(laid: _Laid, lines: int) -> tuple[GridGroup, GridGroup] | None:
    """Cut a one-row group after ``lines`` lines; captions repeat on the second part."""
    if laid.group.rows != 1 or lines < 1:
        return None
    head, tail = [], []
    for g in laid.regions:
        c = g.cell
        if c.role == "label" or g.n_lines <= lines:
            head.append(replace(c, min_lines=1))
            tail.append(replace(c, value="" if c.role != "label" else c.value, checks=(), min_lines=1))
        elif c.role == "checks":
            used, n = 0, 0
            for row in g.check_rows:
                used += max(len(wrapped) for _, wrapped in row)
                if used > lines and n:
                    break
                n += len(row)
            head.append(replace(c, checks=c.checks[:n], min_lines=1))
            tail.append(replace(c, checks=c.checks[n:], min_lines=1))
        else:
            head.append(replace(c, value="\n".join(g.lines[:lines]), kind="text", min_lines=1))
            tail.append(replace(c, value="\n".join(g.lines[lines:]), kind="text", min_lines=1))
    return (GridGroup(1, tuple(head), laid.group.separated), GridGroup(1, tuple(tail)))


class GridTable(Flowable):
    """The groups of one section; splits between groups (or inside a tall one-row group)."""

    def __init__(self, groups: list[GridGroup], columns: tuple[float, ...], heading: str = "",
                 page_height: float = 0.0):
        super().__init__()
        self.groups, self.columns, self.heading = groups, columns, heading
        self.page_height = page_height  # a group no taller than a page is moved whole, never cut
        self.head_h = HEADING_SIZE * 1.9 if heading else 0.0  # the heading stays with the first group
        self._laid: list[_Laid] = []
        self._width = -1.0

    def _layout(self, aw: float) -> None:
        if aw == self._width:
            return
        total = sum(self.columns)
        self.col_x = [0.0]
        for w in self.columns:
            self.col_x.append(self.col_x[-1] + aw * w / total)
        self._laid = [_Laid(g, self.col_x) for g in self.groups]
        self._width = aw

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._layout(aw)
        self.width, self.height = aw, self.head_h + sum(x.height for x in self._laid)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self._layout(aw)
        used, k = self.head_h, 0
        while k < len(self._laid) and used + self._laid[k].height <= ah:
            used += self._laid[k].height
            k += 1
        if k == 0:
            if self.head_h + self._laid[0].height <= self.page_height:
                return []
            cut = _cut(self._laid[0], int((ah - self.head_h - 2 * PAD_Y) // LEADING))
            if cut is None:
                return []
            return [self._part([cut[0]], self.heading), self._part([cut[1], *self.groups[1:]])]
        if k == len(self.groups):
            return [self]
        return [self._part(self.groups[:k], self.heading), self._part(self.groups[k:])]

    def _part(self, groups: list[GridGroup], heading: str = "") -> GridTable:
        return GridTable(groups, self.columns, heading, self.page_height)

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColorRGB(0, 0, 0)
        c.setFillColorRGB(0, 0, 0)
        if self.heading:
            c.setFont(fonts.font_name(fonts.HEI), HEADING_SIZE)
            c.drawString(0, self.height - self.head_h + HEADING_SIZE * 0.45, self.heading)
        y_top = self.height - self.head_h
        for laid in self._laid:
            tops = [y_top]
            for h in laid.heights:
                tops.append(tops[-1] - h)
            c.setLineWidth(INNER)
            for g in laid.regions:
                x0, x1 = self.col_x[g.cell.col], self.col_x[g.cell.col + g.cell.colspan]
                y0, y1 = tops[g.cell.row], tops[g.cell.row + g.cell.rowspan]
                c.rect(x0, y1, x1 - x0, y0 - y1, stroke=1, fill=0)
                self._draw_text(g, x0, x1, y0, y1)
            if laid.group.separated and y_top != self.height - self.head_h:
                c.setLineWidth(OUTER)
                c.line(0, y_top, self.width, y_top)
            y_top = tops[-1]
        c.setLineWidth(OUTER)
        c.rect(0, 0, self.width, self.height - self.head_h, stroke=1, fill=0)

    def _draw_text(self, g: _Region, x0: float, x1: float, y0: float, y1: float) -> None:
        if g.check_rows is None and (not g.lines or g.lines == [""]):
            return
        c = self.canv
        c.setFont(g.font, SIZE)
        text_h = g.n_lines * LEADING
        first = y0 - PAD_Y if g.top else y0 - (y0 - y1 - text_h) / 2
        y = first - (LEADING - SIZE) / 2 - ASCENT * SIZE
        if g.check_rows is not None:
            col_w = (x1 - x0 - 2 * PAD_X) / max(1, g.cell.check_cols)
            for row in g.check_rows:
                for k, (ticked, lines) in enumerate(row):
                    x = x0 + PAD_X + k * col_w
                    _checkbox(c, x, y - SIZE * 0.1, ticked)
                    for i, line in enumerate(lines):
                        c.drawString(x + BOX + BOX_GAP, y - i * LEADING, line)
                y -= max(len(lines) for _, lines in row) * LEADING
            return
        for line in g.lines:
            draw_aligned(c, line, x0 + PAD_X, y, x1 - x0 - 2 * PAD_X, g.align)
            y -= LEADING


def _checkbox(c, x: float, y: float, ticked: bool) -> None:
    """A drawn box (fonts differ in whether they carry ☐/☑), ticked with a check mark."""
    c.saveState()
    c.setLineWidth(0.6)
    c.rect(x, y, BOX, BOX, stroke=1, fill=0)
    if ticked:
        c.setLineWidth(1.1)
        p = c.beginPath()
        p.moveTo(x + BOX * 0.18, y + BOX * 0.52)
        p.lineTo(x + BOX * 0.42, y + BOX * 0.22)
        p.lineTo(x + BOX * 0.86, y + BOX * 0.84)
        c.drawPath(p, stroke=1, fill=0)
    c.restoreState()


def _parts(form: GridForm) -> list[Flowable]:
    body, hei, title = (fonts.font_name(r) for r in (fonts.BODY, fonts.HEI, fonts.TITLE))
    out: list[Flowable] = []
    if form.label:
        out.append(TextBlock(form.label, hei, 14, space_after=2))
    out.append(TextBlock(form.title, title, TITLE_SIZE, leading=TITLE_SIZE * 1.4, align="center", balance=True,
                         space_after=8))
    for items in form.lines_above:
        out.append(SpreadLine(list(items), body, LINE_SIZE, space_after=1))
    page_h = table_geometry(form.orientation).height - 2
    out += [GridTable(list(s.groups), form.columns, s.heading, page_h) for s in form.sections]
    if form.notes:
        out.append(Spacer(1, 4))
        out += [TextBlock(n, body, 10.5, leading=10.5 * 1.5) for n in form.notes]
    for items in form.lines_below:
        out.append(SpreadLine(list(items), body, LINE_SIZE, space_before=4))
    return out


def form_flowables(form: GridForm) -> list[Flowable]:
    """One form: on one page (a little smaller if need be) when it nearly fits there; else over
    pages, each later page headed by ``running_head`` (the enterprise and period)."""
    validate(form)
    geo = table_geometry(form.orientation)
    out: list[Flowable] = [RunningHead(form.running_head)]
    one = fit_scale(lambda w: _parts(form), geo.width, geo.height - 2, MIN_GRID_SCALE)
    if one is None:
        return out + _parts(form)
    scale, flowables = one
    return out + (flowables if scale >= 1 else [Scaled(flowables, scale, geo.width)])


def _batches(forms: Iterator[GridForm], first: GridForm, total: int,
             progress: ProgressFn | None, duplex: bool) -> Iterator[list[Flowable]]:
    done = 0
    form: GridForm | None = first
    while form is not None:
        if progress is not None and progress(done, total) is False:
            raise Cancelled()
        batch: list[Flowable] = []
        if done:
            batch += [NextPageTemplate(table_geometry(form.orientation).name), NewSheet(duplex)]
        yield batch + form_flowables(form)
        done += 1
        form = next(forms, None)
    if progress is not None and progress(done, total or done) is False:
        raise Cancelled()


def write_grid_pdf(data: GridForm | list[GridForm] | GridBatch, path: Path | str,
                   progress: ProgressFn | None = None, *, duplex: bool = False) -> Path:
    """One form, or many (each from a new page; with ``duplex``, from a new sheet: the back of a form
    that ends on a front page is left blank), into one PDF with one page-number sequence."""
    forms, total = as_forms(data)
    first = next(forms, None)
    if first is None:
        raise ValueError("write_grid_pdf needs at least one form")
    target = Path(path)
    with atomic_output(target) as tmp:
        doc = make_doc(str(tmp), table_geometry(first.orientation), first.title)
        doc.build(LazyFlowables(_batches(forms, first, total, progress, duplex)))
    return target


__all__ = ["GridTable", "form_flowables", "write_grid_pdf"]
