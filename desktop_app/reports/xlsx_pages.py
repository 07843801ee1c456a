"""Manual page breaks for a table sheet, so Excel never cuts a merged block at a page end.

Excel breaks a long sheet wherever a page is full: a merged 序号/重点任务
block is sliced, the next page starts with a row that names no task, and a
short table's sign-off can land alone on a page under the repeated header.
This module works out the pages as Excel will print them (A4, the sheet's
margins, one page wide) from the row heights the writer set, and puts a
manual break

- at a group boundary: where no merged block continues (or, for a group
  longer than a page, where the fewest do: the outer block is cut and its
  label written again at the top of the next page, as the PDF does);
- before the table's last few rows when its end, the notes and the sign-off
  would not fit on the page: a page never holds only the header and the
  signature.
"""

from __future__ import annotations

import math
from copy import copy
from dataclasses import dataclass

from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.reports.xlsx_cells import set_value

A4_IN = (8.27, 11.69)
SAFETY = 0.95        # Excel and WPS draw rows a little taller than their nominal height
KEEP_WITH_END = 3    # body rows printed with the 合计, the notes and the sign-off
DEFAULT_ROW = 15.0
MIN_FILL = 0.5       # a page is at least half full before a group is cut instead of moved whole
ONE_PAGE = 0.8       # a sheet that fits one page at this scale or more is printed on one page (as the PDF)


@dataclass(frozen=True)
class Margins:
    left: float
    right: float
    top: float
    bottom: float


def column_points(width: float) -> float:
    """Excel's column width (characters of the default font) on paper, in points."""
    return (math.floor(width * 7 + 5)) * 0.75


def print_scale(widths: list[float], orientation: str, m: Margins) -> float:
    """The "fit to one page wide" scale Excel applies (whole percent, never above 100%)."""
    page_w = A4_IN[1] if orientation == "landscape" else A4_IN[0]
    room = (page_w - m.left - m.right) * 72
    need = sum(column_points(w) for w in widths)
    return min(1.0, math.floor(room / need * 100) / 100) if need else 1.0


def page_room(orientation: str, m: Margins, scale: float) -> float:
    page_h = A4_IN[0] if orientation == "landscape" else A4_IN[1]
    return (page_h - m.top - m.bottom) * 72 / scale


class SheetPages:
    """Body rows [first, last] of a sheet, its repeated header rows, the rows under the table."""

    def __init__(self, ws: Worksheet, head: tuple[int, int], body: tuple[int, int], tail_end: int,
                 room: float, keep: int = KEEP_WITH_END):
        self.ws, self.room, self.keep = ws, room * SAFETY, keep
        self.first, self.last = body
        self.header_h = sum(self.h(r) for r in range(head[0], head[1] + 1))
        self.above_h = sum(self.h(r) for r in range(1, head[0]))
        self.tail_h = sum(self.h(r) for r in range(self.last + 1, tail_end + 1))
        self.blocks = [m for m in ws.merged_cells.ranges
                       if m.max_row > m.min_row and m.min_row >= self.first and m.max_row <= self.last]

    def h(self, r: int) -> float:
        return self.ws.row_dimensions[r].height or DEFAULT_ROW

    def crossing(self, b: int) -> list:
        """Merged blocks a break before row ``b`` would cut."""
        return [m for m in self.blocks if m.min_row < b <= m.max_row]

    def _best(self, lo: int, hi: int, used_at_lo: float) -> int:
        """The break in (lo, hi]: the latest one cutting the fewest blocks, unless that leaves the page
        less than half full; then the latest cutting a few more (the label repeats on the next page)."""
        by_cost: dict[int, int] = {}
        for b in range(lo + 1, hi + 1):
            cost = len(self.crossing(b))
            by_cost[cost] = max(b, by_cost.get(cost, b))
        fill = used_at_lo
        filled = {lo: fill}
        for r in range(lo, hi):
            fill += self.h(r)
            filled[r + 1] = fill
        for cost in sorted(by_cost):
            if filled[by_cost[cost]] >= self.room * MIN_FILL:
                return by_cost[cost]
        return by_cost[min(by_cost)]

    def total(self, tail_end_h: float) -> float:
        return self.above_h + self.header_h + sum(self.h(r) for r in range(self.first, self.last + 1)) + tail_end_h

    def breaks(self) -> list[int]:
        """Rows that start a new page."""
        out: list[int] = []
        start, used = self.first, self.above_h + self.header_h
        r = self.first
        while r <= self.last:
            if used + self.h(r) > self.room and r > start:
                page_top = self.header_h if out else self.above_h + self.header_h
                hi = min(r, max(start + 1, self.last - self.keep + 1))  # a few rows go with the end
                b = self._best(start, hi, page_top)
                out.append(b)
                start, used, r = b, self.header_h, b
                continue
            used += self.h(r)
            r += 1
        if used + self.tail_h > self.room and self.last - start + 1 > 1:
            keep = min(self.keep, self.last - start)
            b = self._best(start, self.last - keep + 1, self.header_h if out else self.above_h + self.header_h)
            if b > start:
                out.append(b)
        return out

    def cut(self, b: int) -> None:
        """Break merged blocks at row ``b``; the lower part gets the block's label again."""
        for m in self.crossing(b):
            top, col = m.min_row, m.min_col
            bounds = (m.min_row, m.min_col, m.max_row, m.max_col)
            anchor = self.ws.cell(top, col)
            value, style = anchor.value, copy(anchor._style)
            self.ws.unmerge_cells(start_row=bounds[0], start_column=bounds[1], end_row=bounds[2],
                                  end_column=bounds[3])
            lower = self.ws.cell(b, col)
            lower._style = copy(style)  # unmerging dropped the covered cells and their borders
            if isinstance(value, str | int) and not isinstance(value, bool):  # a label or 序号, never an amount
                set_value(lower, value)
            for a, z in ((bounds[0], b - 1), (b, bounds[2])):
                if z > a or bounds[3] > bounds[1]:
                    self.ws.merge_cells(start_row=a, start_column=bounds[1], end_row=z, end_column=bounds[3])
            self.blocks = [x for x in self.ws.merged_cells.ranges
                           if x.max_row > x.min_row and x.min_row >= self.first and x.max_row <= self.last]


def add_page_breaks(ws: Worksheet, *, head: tuple[int, int], body: tuple[int, int], tail_end: int,
                    orientation: str, widths: list[float], margins: Margins) -> list[int]:
    """Put the manual breaks (see the module text) into ``ws``; returns the rows that start a page."""
    if body[1] < body[0]:
        return []
    room = page_room(orientation, margins, print_scale(widths, orientation, margins))
    pages = SheetPages(ws, head, body, tail_end, room)
    if pages.total(pages.tail_h) <= room / ONE_PAGE:  # nearly one page: one page, a little smaller
        ws.page_setup.fitToHeight = 1
        return []
    found = pages.breaks()
    for b in found:
        pages.cut(b)
        ws.row_breaks.append(Break(id=b - 1))
    return found


__all__ = ["Margins", "add_page_breaks", "print_scale", "page_room", "SheetPages"]
