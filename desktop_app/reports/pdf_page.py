"""Page templates: GB/T 9704-2012 document pages and table-form pages.

The numbers come from the standard so a printout lines up with what the
office above produces in Word: A4, 天头 37 mm, 订口 28 mm, a 156 x 225 mm text
block of 22 lines x 28 characters in 3号 仿宋, page numbers "— 1 —" in 4号
宋体 7 mm below the text block, odd pages right, even pages left, each one
character in from the edge.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

import desktop_app
from desktop_app.reports import fonts

# GB/T 9704-2012 document page
DOC_TOP = 37 * mm
DOC_LEFT = 28 * mm
DOC_TEXT_W = 156 * mm
DOC_TEXT_H = 225 * mm
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
PAGE_NO_SIZE = 14.0  # 4号
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
PITCH = DOC_TEXT_W / CHARS_PER_LINE  # one character cell, ~15.8 pt
LINE = DOC_TEXT_H / LINES_PER_PAGE  # one grid line, ~29 pt
PAGE_NO_GAP = 7 * mm

# Table-form pages: narrower margins, same fonts and numbering
TABLE_MARGIN_TB = 20 * mm
TABLE_MARGIN_LR = 15 * mm

DOC_TEMPLATE = "document"


@dataclass(frozen=True)
class Geometry:
    """Where the text block sits on one kind of page."""

    name: str
    page_w: float
    page_h: float
    left: float
    bottom: float
    width: float
    height: float


DOCUMENT = Geometry(
    DOC_TEMPLATE, A4[0], A4[1], DOC_LEFT, A4[1] - DOC_TOP - DOC_TEXT_H, DOC_TEXT_W, DOC_TEXT_H
)


def table_geometry(orientation: str) -> Geometry:
    w, h = landscape(A4) if orientation == "landscape" else A4
    return Geometry(
        f"table-{orientation}",
        w,
        h,
        TABLE_MARGIN_LR,
        TABLE_MARGIN_TB,
        w - 2 * TABLE_MARGIN_LR,
        h - 2 * TABLE_MARGIN_TB,
    )


TABLE_PORTRAIT = table_geometry("portrait")
TABLE_LANDSCAPE = table_geometry("landscape")
GEOMETRIES = {g.name: g for g in (DOCUMENT, TABLE_PORTRAIT, TABLE_LANDSCAPE)}


def page_number_text(n: int) -> str:
    return f"— {n} —"


def draw_page_number(canv, geo: Geometry, n: int) -> None:
    """4号 宋体 "— n —", its dash line 7 mm under the text block, 空一字 from the edge."""
    text = page_number_text(n)
    font = fonts.font_name(fonts.SONG)
    canv.saveState()
    canv.setFont(font, PAGE_NO_SIZE)
    canv.setFillColorRGB(0, 0, 0)
    y = geo.bottom - PAGE_NO_GAP - PAGE_NO_SIZE * 0.4
    if n % 2:
        canv.drawRightString(geo.left + geo.width - PAGE_NO_SIZE, y, text)
    else:
        canv.drawString(geo.left + PAGE_NO_SIZE, y, text)
    canv.restoreState()


class NumberingStart(Flowable):
    """Zero-size marker: page numbers restart at 1 on the page it lands on."""

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._numbering_first_page = self.canv.getPageNumber()


RUNNING_HEAD_SIZE = 10.5


def draw_running_head(canv, geo: Geometry, text: str) -> None:
    """A form's later pages name what they belong to (the enterprise and period), above the frame."""
    canv.saveState()
    canv.setFont(fonts.font_name(fonts.BODY), RUNNING_HEAD_SIZE)
    canv.setFillColorRGB(0, 0, 0)
    y = geo.bottom + geo.height + 4 * mm
    canv.drawString(geo.left, y, text)
    canv.setLineWidth(0.5)
    canv.line(geo.left, y - 2.5, geo.left + geo.width, y - 2.5)
    canv.restoreState()


def _on_page_end(geo: Geometry):
    """Page furniture: one page-number sequence per file (a blank back of a sheet carries none),
    and a form's running head from its second page on."""
    def draw(canv, doc) -> None:
        page = canv.getPageNumber()
        if getattr(canv, "_blank_page", None) == page:
            return
        head = getattr(canv, "_running_head", None)
        if head and head[0] and head[1] < page:
            draw_running_head(canv, geo, head[0])
        first = getattr(canv, "_numbering_first_page", 1)
        draw_page_number(canv, geo, page - first + 1)

    return draw


def page_template(geo: Geometry) -> PageTemplate:
    frame = Frame(
        geo.left, geo.bottom, geo.width, geo.height,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"{geo.name}-frame",
    )
    return PageTemplate(
        id=geo.name, frames=[frame], onPageEnd=_on_page_end(geo), pagesize=(geo.page_w, geo.page_h)
    )


def make_doc(path: str, first: Geometry, title: str) -> BaseDocTemplate:
    """A doc template with every page kind, starting on ``first``.

    ``initialFontName`` keeps reportlab from writing Helvetica into each page,
    so the PDF references (and embeds) only our Chinese faces.
    """
    names = [first.name] + [n for n in GEOMETRIES if n != first.name]
    body = fonts.font_name(fonts.BODY)
    return BaseDocTemplate(
        path,
        pagesize=(first.page_w, first.page_h),
        pageTemplates=[page_template(GEOMETRIES[n]) for n in names],
        initialFontName=body,
        initialFontSize=BODY_SIZE,
        initialLeading=BODY_SIZE * 1.2,
        title=title,
        author=desktop_app.APP_NAME,
        creator=f"{desktop_app.APP_NAME} {desktop_app.__version__}",
        lang="zh-CN",
    )


class LazyFlowables(list):
    """A flowable list that refills itself from an iterator as platypus consumes it.

    ``BaseDocTemplate.build`` pops flowables from the front and asks ``len()``
    each turn; refilling there keeps only the current form's flowables in memory
    during a 1,000-form batch.
    """

    def __init__(self, batches: Iterable[list[Flowable]]):
        super().__init__()
        self._batches: Iterator[list[Flowable]] | None = iter(batches)

    def __len__(self) -> int:
        while super().__len__() < 2 and self._batches is not None:
            batch = next(self._batches, None)
            if batch is None:
                self._batches = None
            else:
                self.extend(batch)
        return super().__len__()
